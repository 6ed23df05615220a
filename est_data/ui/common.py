"""What every page starts with, and small widgets pages share."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from est_data import queries
from est_data.model import Filters, User
from est_data.ui import pages
from est_data.ui.state import con, current_user, lang, tr


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
    return PageContext(cur, user, st.session_state.get("filters"), lang())


def excel_bytes(df: pd.DataFrame, sheet: str = "Data") -> bytes:
    """An .xlsx of a table; cells that start like a formula are neutralised (no formula injection)."""
    from est_data.export import excel_bytes as _excel

    return _excel(df, sheet)


def download_table(df: pd.DataFrame, file_stem: str, key: str) -> None:
    """A download button giving the table as Excel with its (Swedish) column names."""
    st.download_button(tr("common.download_xlsx"), data=excel_bytes(df), file_name=f"{file_stem}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=key,
                       icon=":material/download:")


def status_badge(status: str | None) -> str:
    colours = {"grön": "green", "gul": "orange", "röd": "red"}
    if not isinstance(status, str) or not status:  # None, NaN or pd.NA: an area without answers this week
        return tr("overview.no_answers")
    return f":{colours.get(status, 'gray')}-background[{tr('status.' + status)}]"


__all__ = ["PageContext", "page_setup", "download_table", "excel_bytes", "status_badge", "io"]
