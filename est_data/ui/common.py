"""What every page starts with, and small widgets pages share."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from est_data import display, queries
from est_data.model import Filters, User
from est_data.ui import pages
from est_data.ui.state import cached, con, current_user, lang, tr

# Pages that work without an area layer (for the whole municipality) and split by area when there is one.
AREA_SPLIT_PAGES = {"oversikt", "karta", "trender", "uppfoljning"}


@dataclass(frozen=True)
class PageContext:
    con: object
    user: User
    filters: Filters | None
    lang: str


def page_setup(key: str) -> PageContext:
    """Check the user may open page `key`, show its title and the sample banner; stop otherwise."""
    spec = pages.page(key)
    user = current_user()
    if user is None or user.role not in spec.roles:
        st.error(tr("common.no_access"))
        st.stop()
    cur = con()
    st.title(tr(spec.title_key))
    if queries.is_sample(cur):
        st.info(tr("app.sample_banner"), icon=":material/science:")
    filters = st.session_state.get("filters")
    if (
        key in AREA_SPLIT_PAGES
        and filters is not None
        and cached(queries.areas, filters.municipality_code).empty
    ):
        st.info(tr("common.no_area_layer"), icon=":material/layers_clear:")
    return PageContext(cur, user, filters, lang())


def excel_bytes(df: pd.DataFrame, sheet: str = "Data") -> bytes:
    """An .xlsx of a table; cells that start like a formula are neutralised (no formula injection)."""
    from est_data.export import excel_bytes as _excel

    return _excel(df, sheet)


def report_downloads(make, file_stem: str, key: str) -> None:
    """A report's two download buttons, PDF and HTML: make(fmt=...) gives the bytes and runs only when a
    button is clicked."""
    row = st.container(horizontal=True)
    row.download_button(
        tr("reports.page.download_pdf"),
        data=partial(make, fmt="pdf"),
        file_name=f"{file_stem}.pdf",
        mime="application/pdf",
        key=f"{key}_pdf",
        icon=":material/picture_as_pdf:",
        type="primary",
        on_click="ignore",
    )
    row.download_button(
        tr("reports.page.download_html"),
        data=partial(make, fmt="html"),
        file_name=f"{file_stem}.html",
        mime="text/html",
        key=f"{key}_html",
        icon=":material/html:",
        on_click="ignore",
    )


def download_table(df: pd.DataFrame, file_stem: str, key: str) -> None:
    """A download button giving the table as Excel with its (Swedish) column names."""
    st.download_button(
        tr("common.download_xlsx"),
        data=excel_bytes(df),
        file_name=f"{file_stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=key,
        icon=":material/download:",
    )


def status_badge(status: object) -> str:
    """A coloured status label; "inga svar" when the area has no status (None, NaN, NA)."""
    colours = {"grön": "green", "gul": "orange", "röd": "red"}
    if display.missing(status):
        return tr("overview.no_answers")
    return f":{colours.get(str(status), 'gray')}-background[{tr('status.' + str(status))}]"


def show_chart(fig, **kwargs):
    """st.plotly_chart with any <a> tag in the figure's texts neutralised (names come from users and files)."""
    from est_data.text import unlink_figure

    return st.plotly_chart(unlink_figure(fig), **kwargs)


def show_table(data, **kwargs):
    """st.dataframe with missing cells shown empty (Streamlit writes "None" in a missing cell)."""
    if isinstance(data, pd.DataFrame):
        data = display.blank_missing(data)
    return st.dataframe(data, **kwargs)


__all__ = [
    "PageContext",
    "page_setup",
    "download_table",
    "excel_bytes",
    "show_chart",
    "show_table",
    "status_badge",
    "io",
]
