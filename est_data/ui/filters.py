"""The shared sidebar filters (municipality, period, areas), rendered once in app.py for every page."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from est_data import config, queries
from est_data.model import Filters
from est_data.ui.state import cached, con, tr


def sidebar_filters() -> Filters | None:
    """Render the filters in the sidebar and keep the result in st.session_state['filters']."""
    cur = con()
    munis = cached(queries.municipalities_in_use)
    if munis.empty:
        st.session_state["filters"] = None
        return None
    codes = munis["code"].tolist()
    names = dict(zip(munis["code"], munis["name"], strict=True))
    default_code = config.get_setting(cur, "municipality_code")
    with st.sidebar:
        st.subheader(tr("filters.title"))
        code = st.selectbox(
            tr("filters.municipality"),
            codes,
            format_func=lambda c: f"{names[c]} ({c})",
            index=codes.index(default_code) if default_code in codes else 0,
            key="filter_municipality",
        )
        end = cached(queries.reference_date, code)  # ~20 ms uncached at the large scale, on every run
        default_period = (end - dt.timedelta(days=364), end)
        period = st.date_input(
            tr("filters.period"),
            value=st.session_state.get("filter_period_value", default_period),
            format="YYYY-MM-DD",
            key="filter_period",
        )
        if isinstance(period, tuple | list) and len(period) == 2:
            start, stop = period
            st.session_state["filter_period_value"] = (start, stop)
        else:  # the user has picked only the first day so far
            start, stop = st.session_state.get("filter_period_value", default_period)
        area_df = cached(queries.areas, code)
        area_names = dict(zip(area_df["id"].astype(int), area_df["name"], strict=True))
        chosen = st.multiselect(
            tr("filters.areas"),
            list(area_names),
            format_func=lambda i: area_names[i],
            placeholder=tr("filters.areas_all"),
            key="filter_areas",
        )
    filters = Filters(code, start, stop, tuple(sorted(int(a) for a in chosen)))
    st.session_state["filters"] = filters
    return filters
