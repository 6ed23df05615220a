"""Rapportera: a reporter's weekly answer (levels per area and factor, a comment) and event reports.

Phone friendly: one column, big controls, "nothing to report" is one click (every level defaults to 0).
"""

import datetime as dt

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from est_data import display, geo, i18n, queries, rounds, weekly
from est_data.model import IsoWeek
from est_data.text import md
from est_data.ui.common import page_setup
from est_data.ui.login import survey_link_week
from est_data.ui.rounds import option, round_of, tr_round
from est_data.ui.state import cached, tr, tr_user

ctx = page_setup("rapportera")
if ctx.filters is None:
    st.warning(tr("overview.empty"))
    st.stop()

staff = ctx.user.role in ("admin", "samordnare")
today = dt.date.today()
LEVELS = [0, 1, 2, 3]

# ------------------------------------------------------------------------------------------ who and which week
if staff:
    people = cached(weekly.reporters)
    names = {int(r.id): f"{r.name} – {r.organisation}" for r in people.itertuples()}
    ids = list(names)
    own = ctx.user.reporter_id if ctx.user.reporter_id in names else None
    reporter_id = st.selectbox(
        tr("weekly.form.reporter"),
        ids,
        format_func=names.get,
        index=ids.index(own) if own else 0,
        key="report_reporter",
        help=tr("weekly.form.reporter_help"),
    )
else:
    reporter_id = ctx.user.reporter_id
    if reporter_id is None:
        st.info(tr("weekly.form.no_reporter"))
        st.stop()
    if weekly.reporter_active(ctx.con, reporter_id) is False:  # deactivated in the register: no more answers
        st.info(tr("weekly.form.inactive_reporter"))
        st.stop()

# Answers go to a survey round (one or two weeks, est_data.rounds), stored under its first week: the
# current round and the three before it (late answers); a personal link opens its own round only.
current = round_of(today)
weeks = [current.start] + [r.start for r in reversed(rounds.recent(ctx.con, current, 3))]
if (link_week := survey_link_week()) is not None:
    weeks = [round_of(link_week).start]

week = st.selectbox(
    tr_round("weekly.form.week", current.start),
    weeks,
    format_func=option,
    key="report_week",
    help=tr_round("weekly.form.week_help", current.start),
)
rnd = round_of(week)
if week.monday() > today:  # a link made ahead for the next round: nothing to answer or report yet
    st.info(tr("weekly.form.future_week", week=rnd.weeks_text(), start=week.monday().strftime("%d/%m")))
    st.stop()
areas = cached(weekly.reporter_areas, reporter_id)
if areas.empty:
    st.info(tr("weekly.form.no_areas"))
    st.stop()

factors = cached(queries.factors)
label_col = "label_en" if ctx.lang == "en" else "label_sv"
sent = weekly.reporter_week(ctx.con, reporter_id, week)
sent_levels = {
    (int(r.area_id), r.factor_code): int(r.level) for r in sent.dropna(subset=["factor_code"]).itertuples()
}
sent_comments = {
    int(r.area_id): (display.text(r.comment), bool(display.present(r.comment_internal)))
    for r in sent.itertuples()
}

flash = st.session_state.pop("report_flash", None)
if flash_info := st.session_state.pop("report_flash_info", None):
    st.info(flash_info, icon=":material/info:")
elif flash:
    st.success(flash, icon=":material/check_circle:")
elif not sent.empty:
    st.info(
        tr_round("weekly.form.already_sent", week, when=sent["submitted_at"].max().strftime("%Y-%m-%d %H:%M"))
    )
else:
    st.caption(tr_round("weekly.form.intro", week))


def level_text(level: int) -> str:
    return f"{level} {i18n.t(f'weekly.level.{level}', ctx.lang)}"


# ------------------------------------------------------------------------------------------ the answer form
prefix = f"{reporter_id}_{week}"
with st.form(f"report_form_{prefix}", border=False):
    for area in areas.itertuples():
        with st.container(border=True):
            st.subheader(md(area.name))
            for factor in factors.itertuples():
                st.segmented_control(
                    md(getattr(factor, label_col)),
                    LEVELS,
                    format_func=level_text,
                    selection_mode="single",
                    required=True,
                    default=sent_levels.get((int(area.id), factor.code), 0),
                    key=f"lvl_{prefix}_{area.id}_{factor.code}",
                    help=factor.description or None,
                    width="stretch",
                )
            comment, internal = sent_comments.get(int(area.id), (None, False))
            st.text_area(
                tr_user("weekly.form.comment", area=area.name),
                value=comment or "",
                max_chars=weekly.MAX_TEXT,
                key=f"comment_{prefix}_{area.id}",
                placeholder=tr("weekly.form.comment_placeholder"),
            )
            st.checkbox(
                tr("weekly.form.internal"),
                value=internal,
                key=f"internal_{prefix}_{area.id}",
                help=tr("weekly.form.internal_help"),
            )
    submitted = st.form_submit_button(
        tr_round("weekly.form.submit", week),
        type="primary",
        key=f"report_submit_{prefix}",
        width="stretch",
        icon=":material/send:",
    )

if submitted:
    answers = [
        weekly.AreaAnswer(
            area_id=int(area.id),
            levels={
                f.code: int(st.session_state.get(f"lvl_{prefix}_{area.id}_{f.code}") or 0)
                for f in factors.itertuples()
            },
            comment=st.session_state.get(f"comment_{prefix}_{area.id}") or None,
            comment_internal=bool(st.session_state.get(f"internal_{prefix}_{area.id}")),
        )
        for area in areas.itertuples()
    ]
    try:
        weekly.submit_week(ctx.con, reporter_id, week, answers, by=ctx.user.username)
    except weekly.WeeklyError as err:
        st.error(tr_user(err.key, **err.kwargs))
    else:
        st.session_state["report_flash"] = tr("weekly.form.thanks", week=rnd.weeks_text())
        st.rerun()

# ------------------------------------------------------------------------------------------ what was sent
if not sent.empty:
    st.subheader(tr("weekly.form.sent_heading", week=rnd.weeks_text()))
    labels = dict(zip(factors["code"], factors[label_col], strict=True))
    for _, group in sent.groupby("area_id", sort=False):
        raised = group[group["level"] > 0].sort_values("level", ascending=False)
        parts = [
            f"{md(labels.get(r.factor_code, r.factor_code))} {i18n.t(f'weekly.level.{int(r.level)}', ctx.lang)}"
            for r in raised.itertuples()
        ]
        text = ", ".join(parts) if parts else tr("weekly.form.nothing")
        st.markdown(f"**{md(group['area'].iloc[0])}**: {text}")
        if comment := display.text(group["comment"].iloc[0]):
            st.text(tr("weekly.form.your_comment") + ": " + comment)

# ------------------------------------------------------------------------------------------ event reports
st.divider()
st.subheader(tr("weekly.event.heading"))
st.caption(tr("weekly.event.intro"))
events = weekly.reporter_events(ctx.con, reporter_id, week)
labels = dict(zip(factors["code"], factors[label_col], strict=True))


text = display.text


for event in events.itertuples():
    with st.container(border=True):
        has_point = not pd.isna(event.lat)
        where = text(event.place) or text(event.address) or (tr("weekly.event.point") if has_point else "")
        part = text(event.time_of_day)
        when = str(event.occurred_date)[:10] + (f", {tr('weekly.part.' + part)}" if part else "")
        place = " ".join(x for x in (text(event.area), where) if x)
        st.markdown(f"**{md(labels.get(event.factor_code, event.factor_code))}**")
        st.text(
            f"{place} · {when}\
{text(event.description)}"
        )
        if st.button(tr("weekly.event.delete"), key=f"event_delete_{event.id}", icon=":material/delete:"):
            weekly.delete_event(ctx.con, int(event.id), None if staff else reporter_id, ctx.user.username)
            st.rerun()


def send_event(reporter_id: int, week: IsoWeek) -> None:
    """Send the event form. A callback runs before the page is drawn again, so the fields can be emptied
    here and the browser shows them empty (popping the keys in the page run leaves the old text on
    screen). A second click that carried the same event finds it already saved (add_event returns the
    existing row) and is told so instead of "thanks" again."""
    state = st.session_state
    point = state.get("event_point") if state.get("event_map_on") else None
    try:
        event_id = weekly.add_event(
            ctx.con,
            reporter_id,
            weekly.EventReport(
                factor_code=state.get("event_factor"),
                occurred_date=state.get(f"event_date_{week}"),
                description=state.get("event_description") or "",
                area_id=state.get("event_area"),
                place_id=state.get("event_place"),
                time_of_day=state.get("event_part"),
                occurred_time=state.get("event_time"),
                address=state.get("event_address") or None,
                lat=point[0] if point else None,
                lon=point[1] if point else None,
            ),
            by=ctx.user.username,
        )
    except weekly.WeeklyError as err:
        state["event_error"] = tr_user(err.key, **err.kwargs)
        return
    state["event_description"] = ""
    state["event_address"] = ""
    state["event_place"] = None
    state["event_time"] = None
    state["event_part"] = None
    state["event_map_on"] = False
    state.pop("event_point", None)
    already = state.get("event_last_id") == event_id
    state["event_last_id"] = event_id
    state["report_flash_info" if already else "report_flash"] = tr(
        "weekly.event.already_sent" if already else "weekly.event.thanks"
    )


with st.expander(tr("weekly.event.new"), expanded=events.empty, icon=":material/add_circle:"):
    codes = factors["code"].tolist()
    factor_code = st.selectbox(tr("weekly.event.what"), codes, format_func=labels.get, key="event_factor")
    area_ids = [int(a) for a in areas["id"]]
    area_names = dict(zip(area_ids, areas["name"], strict=True))
    area_id = st.selectbox(tr("weekly.event.area"), area_ids, format_func=area_names.get, key="event_area")
    area_places = cached(weekly.places, (area_id,))
    place_names = {int(p.id): p.name for p in area_places.itertuples()}
    place_id = st.selectbox(
        tr("weekly.event.place"),
        list(place_names),
        format_func=place_names.get,
        index=None,
        placeholder=tr("weekly.event.place_none"),
        key="event_place",
    )
    st.text_input(tr("weekly.event.address"), key="event_address", max_chars=200)
    point = st.session_state.get("event_point")
    if st.toggle(tr("weekly.event.use_map"), key="event_map_on"):
        gdf = geo.areas_gdf(cached(queries.areas, ctx.filters.municipality_code))
        chosen = gdf[gdf["id"] == area_id]
        m = geo.base_map(chosen if not chosen.empty else gdf, lang=ctx.lang)
        geo.add_areas(m, chosen if not chosen.empty else gdf, None, {"name": tr("col.area")})
        clicked = st_folium(
            m, height=320, returned_objects=["last_clicked"], key="event_map", use_container_width=True
        )
        if clicked and clicked.get("last_clicked"):
            point = (clicked["last_clicked"]["lat"], clicked["last_clicked"]["lng"])
            st.session_state["event_point"] = point
        if point:
            st.caption(tr("weekly.event.point_chosen", lat=f"{point[0]:.5f}", lon=f"{point[1]:.5f}"))
    last_day = min(today, rnd.sunday())  # an event of the round: any day of its one or two weeks
    st.date_input(
        tr("weekly.event.date"),
        value=last_day,
        min_value=rnd.monday(),
        max_value=last_day,
        format="YYYY-MM-DD",
        key=f"event_date_{week}",
    )
    st.segmented_control(
        tr("weekly.event.part"),
        list(weekly.PARTS_OF_DAY),
        format_func=lambda p: tr(f"weekly.part.{p}"),
        key="event_part",
        width="stretch",
    )
    st.time_input(tr("weekly.event.time"), value=None, key="event_time", step=300)
    st.text_area(tr("weekly.event.description"), key="event_description", max_chars=weekly.MAX_TEXT)
    st.button(
        tr("weekly.event.send"),
        type="primary",
        key="event_send",
        width="stretch",
        icon=":material/send:",
        on_click=send_event,
        args=(reporter_id, week),
    )
    if error := st.session_state.pop("event_error", None):
        st.error(error)
