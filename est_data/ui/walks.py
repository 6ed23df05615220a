"""Safety walks in the UI: the findings layer on Karta (a toggle and the map with the layer), and the
erasure of a walk's personal data on Administration."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from est_data import config, db, display, privacy, walks
from est_data.charts import maps
from est_data.charts import walks as walk_charts
from est_data.model import Filters, UserError
from est_data.ui import mapview, state
from est_data.ui.common import PageContext
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


def erase_section(ctx: PageContext, notice_key: str) -> None:
    """Administration's "delete a safety walk's personal data": choose a walk that holds participants,
    notes or photos, confirm, and they are deleted and erased from the database file."""
    st.subheader(tr("walks.erase.heading"))
    st.caption(tr("walks.erase.intro"))
    code = ctx.filters.municipality_code if ctx.filters else config.get_setting(ctx.con, "municipality_code")
    held = walks.walks_with_personal_data(ctx.con, code)
    if held.empty:
        st.info(tr("walks.erase.none"), icon=":material/info:")
        return

    def label(walk_id: int) -> str:
        row = held[held["id"] == walk_id].iloc[0]
        what = [
            *([tr("walks.erase.participants")] if row["has_participants"] else []),
            *([tr("walks.erase.notes")] if row["has_notes"] else []),
            *([tr("walks.erase.photos", n=int(row["photos"]))] if row["photos"] else []),
        ]
        place = display.text(row["area"], tr("walks.report.route_only"))
        title = "" if display.missing(row["title"]) else f" · {row['title']}"
        return tr(
            "walks.erase.what",
            date=display.text(row["walk_date"])[:10],
            place=place + title,
            what=", ".join(what),
        )

    walk_id = st.selectbox(
        tr("walks.erase.choose"),
        [None, *(int(i) for i in held["id"])],
        format_func=lambda i: tr("trust.choose") if i is None else label(i),
        key="admin_walk_erase",
    )
    confirm = st.checkbox(tr("walks.erase.confirm"), key="admin_walk_erase_confirm")
    if st.button(
        tr("walks.erase.run"),
        disabled=walk_id is None or not confirm,
        type="primary",
        key="admin_walk_erase_run",
        icon=":material/person_remove:",
    ):
        try:
            result = walks.erase_personal(ctx.con, ctx.user.username, int(walk_id))
        except UserError as err:
            st.error(tr(err.key, **err.kwargs))
            return
        with st.spinner(tr("safety.erasing")):
            privacy.erase_from_file(ctx.con)  # nothing deleted is left in the database file
        st.session_state[notice_key] = tr("walks.erase.done", photos=result["photos"])
        st.rerun()
