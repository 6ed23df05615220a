"""Karta's tab "Framväxande hot spots" (issue 19): the cells with an emerging hot spot pattern as a table, in
Swedish with a short "Så läser du", and what to do when there is nothing to show or too short a series."""

from __future__ import annotations

import streamlit as st

from est_data import emerging_map, i18n, incidents
from est_data.analysis import emerging
from est_data.charts import emerging as emerging_chart
from est_data.ui.common import download_table, show_table
from est_data.ui.state import cached, con, tr


def _result(data: incidents.MapData, query: incidents.EventQuery, cell: float) -> emerging.Result:
    """The map's result when the layer is on, else the same analysis if it is stored (Karta's first view
    is, after every import): computing it for every change of filters would slow the page when the
    layer is off."""
    if data.emerging is not None:
        return data.emerging
    return cached(incidents.emerging_cells, query, float(cell), compute=False)


def explanation(lang: str, step: str) -> None:
    """The "Så läser du" text: method, the categories in words, their colours."""
    with st.expander(tr("emerging.how_title"), expanded=False):
        categories = "\n".join(f"- {i18n.t(f'emerging.how.{c}', lang)}" for c in emerging.HOT)
        categories += f"\n- {i18n.t('emerging.how.cold', lang)}"
        st.markdown(
            i18n.t(
                "emerging.how",
                lang,
                unit=i18n.t(f"emerging.step.{step}.plural", lang),
                categories=categories,
                min=emerging.MIN_STEPS,
            )
        )
        legend = [f"{c}_hot" for c in emerging.HOT] + ["new_cold", "persistent_cold"]
        st.markdown(emerging_chart.legend_html(legend, lang), unsafe_allow_html=True)


def tab(
    data: incidents.MapData, query: incidents.EventQuery, cell: float, lang: str
) -> tuple[float, float, int] | None:
    """The table of cells with a pattern; returns the map focus (lat, lon, zoom) of a chosen row."""
    result = _result(data, query, cell)
    unit = i18n.t(f"emerging.step.{result.step}.plural", lang)
    if result.status == "no_data":
        st.info(tr("emerging.no_data"), icon=":material/info:")
        explanation(lang, result.step)
        return None
    if result.status == "not_computed":
        st.info(tr("emerging.not_computed"), icon=":material/info:")
        explanation(lang, result.step)
        return None
    if result.status == "too_short":
        st.warning(tr("emerging.too_short", n=len(result.steps), unit=unit, min=emerging.MIN_STEPS))
        explanation(lang, result.step)
        return None
    table = emerging_map.table(con(), query.municipality_code, result, lang)
    st.caption(
        tr(
            "emerging.summary",
            n=len(result.steps),
            unit=unit,
            first=result.steps[0][0].isoformat(),
            last=result.steps[-1][1].isoformat(),
            cell=i18n.number(result.cell, 0, lang),
            flagged=len(table),
        )
    )
    if data.emerging is None:
        st.caption(tr("emerging.layer_off"))
    explanation(lang, result.step)
    if table.empty:
        st.info(tr("emerging.no_pattern"), icon=":material/info:")
        return None
    table["area"] = table["area"].fillna(tr("emerging.outside"))
    shown = table.drop(columns=["lat", "lon"]).rename(
        columns={c: tr(f"emerging.col.{c}") for c in table.columns if c not in ("lat", "lon")}
    )
    chosen = show_table(
        shown,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="karta_emerging_table",
    )
    download_table(shown, "karta_framvaxande", key="karta_emerging_xlsx")
    rows = chosen.selection.rows if chosen else []
    if rows:
        row = table.iloc[rows[0]]
        return float(row["lat"]), float(row["lon"]), 16
    return None
