"""Lägesbild: the week's situation picture (matrix, status map, comments and events, summary) and the
Thursday meeting (agreed status per area, priorities, priorities into actions, last week's follow-up)."""

import datetime as dt

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from est_data import geo, queries, weekly
from est_data.analysis import situation, survey_rounds
from est_data.analysis.situation import StatusRule
from est_data.model import ACTION_KINDS, STATUSES
from est_data.ui.common import download_table, page_setup
from est_data.ui.state import cached, tr
from est_data.weekly_charts import matrix_figure

ctx = page_setup("lagesbild")
if ctx.filters is None:
    st.warning(tr("overview.empty"))
    st.stop()

f = ctx.filters
staff = ctx.user.role in ("admin", "samordnare")
weeks = cached(situation.answer_weeks, f.municipality_code)
if not weeks:
    st.info(tr("weekly.situation.no_answers"))
    st.stop()
reference, _ = cached(queries.reference_week, f.municipality_code)
week = st.selectbox(tr("weekly.situation.week"), weeks, index=weeks.index(reference) if reference in weeks else 0,
                    format_func=lambda w: tr("weekly.form.week_option", week=w.week, year=w.year,
                                             start=w.monday().strftime("%d/%m"), end=w.sunday().strftime("%d/%m")),
                    key="lb_week")

factors = cached(queries.factors)
label_col = "label_en" if ctx.lang == "en" else "label_sv"
factor_labels = dict(zip(factors["code"], factors[label_col], strict=True))
matrix = cached(situation.week_matrix, week, f.municipality_code, f.area_ids)
overview = cached(situation.area_overview, week, f.municipality_code, f.area_ids)
area_names = dict(zip(overview["area_id"].astype(int), overview["area"], strict=True))
rule = StatusRule.from_settings(ctx.con)
status_rows = cached(survey_rounds.reporter_status, week, f.municipality_code)
st.caption(tr("weekly.situation.answers", answered=int(status_rows["answered"].sum()), expected=len(status_rows)))

# ------------------------------------------------------------------------------------------ summary
st.subheader(tr("weekly.situation.summary"))
sentences = situation.summary_sentences(matrix, area_names, factor_labels, ctx.lang, rule, limit=6)
st.markdown("\n".join(f"- {s}" for s in sentences))

views = ["matrix", "map", "notes"] + (["meeting"] if staff else [])
view = st.segmented_control(tr("weekly.situation.view"), views, default="matrix", required=True,
                            format_func=lambda v: tr(f"weekly.situation.tab.{v}"), key="lb_view", width="stretch")


def status_text(status: str | None) -> str:
    return tr(f"status.{status}") if status else "–"


# ------------------------------------------------------------------------------------------ the matrix
if view == "matrix":
    c1, c2 = st.columns(2)
    stat = c1.segmented_control(tr("weekly.situation.stat"), ["max", "mean"], default="max", required=True,
                                format_func=lambda s: tr(f"weekly.situation.stat.{s}"), key="lb_stat")
    compare = c2.segmented_control(tr("weekly.situation.compare"), ["week", "avg4"], default="week", required=True,
                                   format_func=lambda s: tr(f"weekly.situation.compare.{s}"), key="lb_compare")
    if matrix.empty:
        st.info(tr("weekly.summary.no_answers"))
    else:
        order = overview.sort_values("area")
        labels = {int(r.area_id): f"{r.area} ({status_text(r.shown_status)})" for r in order.itertuples()}
        fig = matrix_figure(matrix, {int(a): area_names[int(a)] for a in order["area_id"]}, factor_labels, stat,
                            compare, ctx.lang, area_labels=labels)
        st.plotly_chart(fig, key="lb_matrix", config={"displayModeBar": False})
        st.caption(tr("weekly.situation.matrix_caption", stat=tr(f"weekly.situation.stat.{stat}").lower(),
                      compare=tr(f"weekly.situation.compare.{compare}")))
        table = matrix.assign(area=matrix["area_id"].map(area_names),
                              factor=matrix["factor_code"].map(factor_labels))
        value = "max_level" if stat == "max" else "mean_level"
        wide = table.pivot_table(index="area", columns="factor", values=value, aggfunc="first")
        download_table(wide.reset_index(), f"lagesbild_{week}", key="lb_matrix_xlsx")

# ------------------------------------------------------------------------------------------ map and status
if view == "map":
    st.caption(tr("weekly.situation.status_rule", red=rule.red_any_level, count=rule.red_count_level2,
                  yellow=rule.yellow_any_level))
    left, right = st.columns([3, 2])
    with left:
        areas = cached(queries.areas, f.municipality_code)
        gdf = geo.areas_gdf(areas)
        gdf = gdf[gdf["id"].isin(overview["area_id"])].merge(
            overview[["area_id", "shown_status", "status", "agreed_status", "top_factor"]],
            left_on="id", right_on="area_id", how="left")
        gdf["status_label"] = [status_text(s) for s in gdf["shown_status"]]
        gdf["computed_label"] = [status_text(s) for s in gdf["status"]]
        gdf["top_label"] = [factor_labels.get(c, "") if isinstance(c, str) else "" for c in gdf["top_factor"]]
        m = geo.base_map(gdf, lang=ctx.lang)
        geo.add_areas(m, gdf, "shown_status", {"name": tr("col.area"), "status_label": tr("weekly.situation.col.status"),
                                               "computed_label": tr("weekly.situation.col.computed"),
                                               "top_label": tr("weekly.situation.col.top")})
        st_folium(m, height=480, returned_objects=[], key="lb_map", use_container_width=True)
        st.markdown(geo.status_legend_html({s: status_text(s) for s in STATUSES}), unsafe_allow_html=True)
    with right:
        shown = overview.assign(
            status_label=[status_text(s) for s in overview["shown_status"]],
            computed=[status_text(s) for s in overview["status"]],
            prev=[status_text(s) for s in overview["prev_status"]],
            top=[factor_labels.get(c, "") if isinstance(c, str) else "" for c in overview["top_factor"]])
        order = {"röd": 0, "gul": 1, "grön": 2}
        shown = shown.sort_values(["shown_status", "area"],
                                  key=lambda s: s.map(order).fillna(3) if s.name == "shown_status" else s)
        columns = {"area": tr("col.area"), "status_label": tr("weekly.situation.col.status"),
                   "computed": tr("weekly.situation.col.computed"), "prev": tr("weekly.situation.col.prev"),
                   "top": tr("weekly.situation.col.top"), "reporters": tr("weekly.situation.col.reporters")}
        if ctx.user.sees_personal_data:
            columns["note"] = tr("weekly.situation.col.note")
        st.dataframe(shown[list(columns)].rename(columns=columns), hide_index=True, key="lb_status_table")

# ------------------------------------------------------------------------------------------ comments and events
if view == "notes":
    personal = ctx.user.sees_personal_data
    notes = cached(situation.week_notes, week, f.municipality_code, f.area_ids, personal)
    if not personal:
        st.info(tr("weekly.situation.no_personal"))
    c1, c2 = st.columns(2)
    pick_areas = c1.multiselect(tr("weekly.situation.filter_areas"), sorted(notes["area"].dropna().unique()),
                                key="lb_notes_areas")
    codes = [c for c in factors["code"] if c in set(notes["factor_code"].dropna())]
    pick_factors = c2.multiselect(tr("weekly.situation.filter_factors"), codes, format_func=factor_labels.get,
                                  key="lb_notes_factors")
    if pick_areas:
        notes = notes[notes["area"].isin(pick_areas)]
    if pick_factors:
        notes = notes[notes["factor_code"].isin(pick_factors)]
    if notes.empty:
        st.write(tr("weekly.situation.no_notes"))
    else:
        def when(row) -> str:
            if pd.isna(row["occurred"]):
                return ""
            part = tr(f"weekly.part.{row['time_of_day']}") if isinstance(row["time_of_day"], str) else ""
            return f"{pd.Timestamp(row['occurred']).date()} {part}".strip()

        table = pd.DataFrame({
            tr("weekly.col.sent"): pd.to_datetime(notes["sent_at"]).dt.strftime("%Y-%m-%d %H:%M"),
            tr("weekly.col.kind"): [tr(f"weekly.notes.{k}") for k in notes["kind"]],
            tr("col.area"): notes["area"],
            tr("weekly.col.factor"): [factor_labels.get(c, "") if isinstance(c, str) else "" for c in notes["factor_code"]],
            tr("weekly.col.place"): notes["place"],
            tr("weekly.col.when"): [when(r) for _, r in notes.iterrows()],
        })
        if personal:
            table[tr("weekly.col.text")] = notes["text"].to_numpy()
            table[tr("weekly.col.reporter")] = notes["reporter"].to_numpy()
            table[tr("weekly.col.organisation")] = notes["organisation"].to_numpy()
            table[tr("weekly.col.internal")] = notes["internal"].to_numpy()
        st.dataframe(table, hide_index=True, key="lb_notes_table")

# ------------------------------------------------------------------------------------------ the meeting
if view == "meeting":
    by = ctx.user.username
    # Last week's priorities: was it done?
    st.subheader(tr("weekly.meeting.followup"))
    last = weekly.priorities(ctx.con, week.shift(-1))
    if last.empty:
        st.caption(tr("weekly.meeting.no_followup"))
    else:
        done_options = ["ja", "nej", "vet ej"]
        done_labels = {"ja": tr("weekly.meeting.done.yes"), "nej": tr("weekly.meeting.done.no"),
                       "vet ej": tr("weekly.meeting.done.partly")}
        editor_in = pd.DataFrame({
            "id": last["id"].astype(int),
            "what": [f"{r.description} ({tr('weekly.horizon.' + str(r.horizon))})" for r in last.itertuples()],
            "area": last["area"].fillna(""),
            "done": [done_labels["ja"] if d is True else done_labels["nej"] if d is False else done_labels["vet ej"]
                     for d in last["done"].astype(object)],
            "note": last["followup_note"].fillna(""),
        })
        edited = st.data_editor(
            editor_in, hide_index=True, key=f"lb_followup_{week}", disabled=["id", "what", "area"],
            column_config={"id": None, "what": tr("weekly.meeting.description"), "area": tr("col.area"),
                           "done": st.column_config.SelectboxColumn(tr("weekly.meeting.done"),
                                                                    options=[done_labels[o] for o in done_options],
                                                                    required=True),
                           "note": tr("weekly.meeting.followup_note")})
        if st.button(tr("weekly.meeting.save_followup"), key="lb_followup_save"):
            reverse = {v: k for k, v in done_labels.items()}
            for row in edited.itertuples():
                value = reverse.get(row.done, "vet ej")
                weekly.follow_up_priority(ctx.con, int(row.id), True if value == "ja" else False if value == "nej"
                                          else None, row.note or None, by)
            st.success(tr("weekly.meeting.saved"))

    # The agreed status per area.
    st.subheader(tr("weekly.meeting.status_heading"))
    st.caption(tr("weekly.meeting.status_caption"))
    undecided = tr("weekly.meeting.undecided")
    status_labels = {s: tr(f"status.{s}") for s in STATUSES}
    editor_in = pd.DataFrame({
        "area_id": overview["area_id"].astype(int),
        "area": overview["area"],
        "computed": [status_text(s) for s in overview["status"]],
        "agreed": [status_labels.get(s, undecided) for s in overview["agreed_status"]],
        "note": overview["note"].fillna(""),
    })
    edited = st.data_editor(
        editor_in, hide_index=True, key=f"lb_status_{week}", disabled=["area_id", "area", "computed"],
        column_config={"area_id": None, "area": tr("col.area"), "computed": tr("weekly.situation.col.computed"),
                       "agreed": st.column_config.SelectboxColumn(tr("weekly.situation.col.agreed"),
                                                                  options=[undecided, *status_labels.values()],
                                                                  required=True),
                       "note": tr("weekly.situation.col.note")})
    if st.button(tr("weekly.meeting.save_status"), key="lb_status_save", type="primary"):
        reverse = {v: k for k, v in status_labels.items()}
        computed = dict(zip(overview["area_id"].astype(int), overview["status"], strict=True))
        rows = [weekly.Assessment(int(r.area_id), reverse.get(r.agreed) if isinstance(r.agreed, str) else None,
                                  computed.get(int(r.area_id)), r.note or None) for r in edited.itertuples()]
        try:
            n = weekly.save_assessments(ctx.con, week, rows, by)
        except weekly.WeeklyError as err:
            st.error(tr(err.key, **err.kwargs))
        else:
            st.success(tr("weekly.meeting.status_saved", n=n))

    # Priorities for the weekend and next week.
    st.subheader(tr("weekly.meeting.priorities"))
    current = weekly.priorities(ctx.con, week)
    if current.empty:
        st.caption(tr("weekly.meeting.no_priorities"))
    for p in current.itertuples():
        with st.container(border=True):
            where = ", ".join(x for x in (p.area, p.place) if isinstance(x, str))
            st.markdown(f"**{p.description}** · {p.kind} · {tr('weekly.horizon.' + str(p.horizon))}"
                        + (f" · {where}" if where else ""))
            if not pd.isna(p.action_id):
                st.caption(tr("weekly.meeting.is_action", title=p.action_title, status=p.action_status))
                continue
            c1, c2 = st.columns([1, 4])
            if c1.button(tr("weekly.meeting.delete"), key=f"lb_prio_delete_{p.id}", icon=":material/delete:"):
                weekly.delete_priority(ctx.con, int(p.id), by)
                st.rerun()
            with c2.popover(tr("weekly.meeting.to_action"), icon=":material/task_alt:"):
                with st.form(f"lb_action_form_{p.id}"):
                    title = st.text_input(tr("weekly.meeting.action_title"), value=p.description,
                                          key=f"lb_action_title_{p.id}")
                    kind = st.selectbox(tr("weekly.meeting.kind"), ACTION_KINDS, index=ACTION_KINDS.index(p.kind),
                                        key=f"lb_action_kind_{p.id}")
                    partners = st.text_input(tr("weekly.meeting.partners"), key=f"lb_action_partners_{p.id}")
                    responsible = st.text_input(tr("weekly.meeting.responsible"), key=f"lb_action_resp_{p.id}")
                    start = st.date_input(tr("weekly.meeting.start"), value=max(week.shift(1).monday(),
                                                                               dt.date.today()),
                                          format="YYYY-MM-DD", key=f"lb_action_start_{p.id}")
                    end = st.date_input(tr("weekly.meeting.end"), value=None, format="YYYY-MM-DD",
                                        key=f"lb_action_end_{p.id}")
                    if st.form_submit_button(tr("weekly.meeting.create_action"), type="primary",
                                             key=f"lb_action_submit_{p.id}"):
                        try:
                            action_id = weekly.priority_to_action(
                                ctx.con, int(p.id), title, by, kind=kind, partners=partners or None,
                                responsible=responsible or None, start_date=start, end_date=end)
                        except weekly.WeeklyError as err:
                            st.error(tr(err.key, **err.kwargs))
                        else:
                            st.session_state["lb_flash"] = tr("weekly.meeting.action_created", id=action_id)
                            st.rerun()
    flash = st.session_state.pop("lb_flash", None)
    if flash:
        st.success(flash)

    with st.form("lb_priority_form", clear_on_submit=True):
        st.markdown(f"**{tr('weekly.meeting.new_priority')}**")
        c1, c2 = st.columns(2)
        kind = c1.selectbox(tr("weekly.meeting.kind"), ACTION_KINDS, key="lb_prio_kind")
        horizon = c2.selectbox(tr("weekly.meeting.horizon"), weekly.HORIZONS,
                               format_func=lambda h: tr(f"weekly.horizon.{h}"), key="lb_prio_horizon")
        area_ids = [int(a) for a in overview["area_id"]]
        area_id = c1.selectbox(tr("weekly.meeting.area"), area_ids, format_func=area_names.get, index=None,
                               placeholder=tr("weekly.meeting.pick_area"), key="lb_prio_area")
        all_places = cached(weekly.places, tuple(area_ids))
        place_names = {int(r.id): f"{r.name} ({area_names.get(int(r.area_id), '')})" for r in all_places.itertuples()}
        place_id = c2.selectbox(tr("weekly.meeting.place"), list(place_names), format_func=place_names.get,
                                index=None, placeholder=tr("weekly.meeting.pick_place"), key="lb_prio_place")
        description = st.text_input(tr("weekly.meeting.description"), key="lb_prio_description")
        if st.form_submit_button(tr("weekly.meeting.add"), type="primary", key="lb_prio_add"):
            try:
                weekly.add_priority(ctx.con, week, kind, description, by, horizon=horizon, area_id=area_id,
                                    place_id=place_id)
            except weekly.WeeklyError as err:
                st.error(tr(err.key, **err.kwargs))
            else:
                st.session_state["lb_flash"] = tr("weekly.meeting.added")
                st.rerun()

