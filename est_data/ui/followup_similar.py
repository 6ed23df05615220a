"""Uppföljning's comparison with municipalities of similar size (Brå's yearly file per municipality)."""

from __future__ import annotations

import streamlit as st

from est_data.analysis import similar_size
from est_data.ui.figures import download_table_lazy
from est_data.ui.state import cached, tr


def show(municipality_code: str, lang: str) -> None:
    st.subheader(tr("similar.title"))
    years = cached(similar_size.years, municipality_code)
    if not years:
        st.info(tr("similar.none"))
        return
    year = st.selectbox(tr("similar.year"), years, key="followup_similar_year")
    similar = cached(similar_size.similar_size, municipality_code, year)
    if similar is None:
        return
    st.markdown(similar_size.summary(similar, lang))
    table = similar_size.display_table(similar, lang)
    st.dataframe(table, hide_index=True, width="stretch", key="followup_similar")
    st.caption(tr("similar.caption"))
    download_table_lazy(table, f"liknande_kommuner_{similar.year}", key="followup_similar_xlsx")
