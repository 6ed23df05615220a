"""Karta's "Risk nästa vecka" section: the verdict, the accuracy table and "Så läser du", always shown
beside the layer (est_data/risk.py computes; est_data/charts/riskmap.py draws the layer)."""

from __future__ import annotations

import streamlit as st

from est_data import risk
from est_data.ui.common import show_table
from est_data.ui.state import tr


def show(result: risk.RiskResult | None, lang: str) -> None:
    """The section under the map when the risk layer is on (result None: the layer is off)."""
    if result is None:
        return
    st.subheader(risk.title(result, lang))
    kind, text = risk.verdict_text(result, lang)
    {"better": st.success, "none": st.info}.get(kind, st.warning)(text)
    if result.risk.shown != "none":
        st.caption(tr(f"risk.map.shown.{result.risk.shown}"))
    note = risk.flagged_note(result, lang)
    if note:
        st.caption(note)
    if not result.has_region:
        st.caption(tr("risk.no_region"))
    table = risk.accuracy_table(result, lang)
    if not table.empty:
        st.caption(tr("risk.table.caption"))
        show_table(
            table, hide_index=True, width="stretch", height=35 * (len(table) + 1) + 3
        )  # every row, the total too
    with st.expander(tr("risk.howto.title"), expanded=False):
        st.markdown(tr("risk.howto.text"))
