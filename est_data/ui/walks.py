"""Safety walks in the UI: the findings layer on Karta (a toggle and the map with the layer)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from est_data import db, walks
from est_data.charts import maps
from est_data.charts import walks as walk_charts
from est_data.model import Filters
from est_data.ui import mapview, state
from est_data.ui.state import CACHE_SECONDS, cached, tr


def karta_toggle(filters: Filters) -> pd.DataFrame | None:
    """Karta's toggle for the walks' findings, drawn only when the period has positioned findings.
    Returns the findings to draw (None when off or none)."""
    found = cached(
        walks.map_findings, filters.municipality_code, filters.start, filters.end, filters.area_ids
    )
    if found.empty:
        return None
    on = st.toggle(
        tr("walks.layer"),
        value=True,
        key="karta_layer_walks",
        help=tr("walks.layer_caption", n=len(found)),
    )
    return found if on else None


@st.cache_data(ttl=CACHE_SECONDS, max_entries=8, show_spinner=False)
def _map_with_findings(
    revision: tuple, today: dt.date, db_key: str, map_args: tuple, lang: str, show_cold: bool, walk_key: tuple
) -> mapview.Prepared:
    fmap = maps.build(mapview.karta_data(map_args), lang, show_cold)
    found = walks.map_findings(db.cursor(db_key), *walk_key)
    walk_charts.add_findings(fmap, found, lang)
    return mapview.prepare(fmap)


def karta_map(
    map_args: tuple, lang: str, show_cold: bool, filters: Filters, findings: pd.DataFrame | None
) -> mapview.Prepared:
    """Karta's map (mapview.karta_map), with the walks' findings as a layer when there are any to draw."""
    if findings is None or findings.empty:
        return mapview.karta_map(map_args, lang, show_cold)
    walk_key = (filters.municipality_code, filters.start, filters.end, filters.area_ids)
    return _map_with_findings(
        db.revision(state.con()), state.today(), db.db_path(), map_args, lang, show_cold, walk_key
    )
