"""Lägesbild: the week's situation picture to explore (matrix, status map, comments and events, summary);
its meeting view shows the Thursday meeting's widgets (est_data.ui.meeting, the same as the Möte page):
last week's follow-up, agreed status per area, what the police add, priorities and actions."""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from est_data import display, geo, queries
from est_data.analysis import situation, survey_rounds
from est_data.analysis.situation import StatusRule
from est_data.charts.weekly import matrix_figure
from est_data.model import STATUSES
from est_data.report import meeting
from est_data.report import weekly as report_weekly
from est_data.text import md
from est_data.ui.common import download_table, page_setup, show_chart, show_table
from est_data.ui.meeting import (
    followup_editor,
    keep_drafts,
    police_note_editor,
    priority_form,
    priority_list,
    show_flash,
    status_editor,
)
from est_data.ui.nearrepeat import risk_list
from est_data.ui.rounds import option, round_of, tr_round
from est_data.ui.state import cached, tr

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
week = st.selectbox(  # survey rounds (one or two weeks), each by its first week
    tr_round("weekly.situation.week", reference),
    weeks,
    index=weeks.index(reference) if reference in weeks else 0,
    format_func=option,
    key="lb_week",
)
round_weeks = round_of(week).weeks

factors = cached(queries.factors)
label_col = "label_en" if ctx.lang == "en" else "label_sv"
factor_labels = dict(zip(factors["code"], factors[label_col], strict=True))
matrix = cached(situation.week_matrix, week, f.municipality_code, f.area_ids)
overview = cached(situation.area_overview, week, f.municipality_code, f.area_ids)
area_names = dict(zip(overview["area_id"].astype(int), overview["area"], strict=True))
rule = StatusRule.from_settings(ctx.con)
status_rows = cached(survey_rounds.reporter_status, week, f.municipality_code)
st.caption(
    tr("weekly.situation.answers", answered=int(status_rows["answered"].sum()), expected=len(status_rows))
)

# ------------------------------------------------------------------------------------------ summary
st.subheader(tr("weekly.situation.summary"))
sentences = situation.summary_sentences(
    matrix, area_names, factor_labels, ctx.lang, rule, limit=6, weeks=round_weeks
)
st.markdown("\n".join(f"- {md(s)}" for s in sentences))
risk_list(ctx, round_of(week).sunday(), "lb")  # issue 19: recent events with raised risk nearby (near-repeat)

keep_drafts("lb")  # a half-written priority in the meeting view survives a look at another view
views = ["matrix", "map", "notes"] + (["meeting"] if staff else [])
view = st.segmented_control(
    tr("weekly.situation.view"),
    views,
    default="matrix",
    required=True,
    format_func=lambda v: tr(f"weekly.situation.tab.{v}"),
    key="lb_view",
    width="stretch",
)


def status_text(status: str | None) -> str:
    return display.label("status", status, ctx.lang, empty="–")


# ------------------------------------------------------------------------------------------ the matrix
if view == "matrix":
    c1, c2 = st.columns(2)
    stat = c1.segmented_control(
        tr("weekly.situation.stat"),
        ["max", "mean"],
        default="max",
        required=True,
        format_func=lambda s: tr(f"weekly.situation.stat.{s}"),
        key="lb_stat",
    )
    compare = c2.segmented_control(
        tr("weekly.situation.compare"),
        ["week", "avg4"],
        default="week",
        required=True,
        format_func=lambda s: tr_round(f"weekly.situation.compare.{s}", week),
        key="lb_compare",
    )
    if matrix.empty:
        st.info(tr("weekly.summary.no_answers"))
    else:
        order = overview.sort_values("area")
        labels = {int(r.area_id): f"{r.area} ({status_text(r.shown_status)})" for r in order.itertuples()}
        fig = matrix_figure(
            matrix,
            {int(a): area_names[int(a)] for a in order["area_id"]},
            factor_labels,
            stat,
            compare,
            ctx.lang,
            area_labels=labels,
            weeks=round_weeks,
        )
        show_chart(fig, key="lb_matrix", config={"displayModeBar": False})
        st.caption(
            tr_round(
                "weekly.situation.matrix_caption",
                week,
                stat=tr(f"weekly.situation.stat.{stat}").lower(),
                compare=tr_round(f"weekly.situation.compare.{compare}", week),
            )
        )
        table = matrix.assign(
            area=matrix["area_id"].map(area_names), factor=matrix["factor_code"].map(factor_labels)
        )
        value = "max_level" if stat == "max" else "mean_level"
        wide = table.pivot_table(index="area", columns="factor", values=value, aggfunc="first")
        download_table(wide.reset_index(), f"lagesbild_{week}", key="lb_matrix_xlsx")

# ------------------------------------------------------------------------------------------ map and status
if view == "map":
    st.caption(
        tr(
            "weekly.situation.status_rule",
            red=rule.red_any_level,
            count=rule.red_count_level2,
            yellow=rule.yellow_any_level,
        )
    )
    left, right = st.columns([3, 2])
    with left:
        areas = cached(queries.areas, f.municipality_code)
        gdf = geo.areas_gdf(areas)
        gdf = gdf[gdf["id"].isin(overview["area_id"])].merge(
            overview[["area_id", "shown_status", "status", "agreed_status", "top_factor"]],
            left_on="id",
            right_on="area_id",
            how="left",
        )
        gdf["status_label"] = [status_text(s) for s in gdf["shown_status"]]
        gdf["computed_label"] = [status_text(s) for s in gdf["status"]]
        gdf["top_label"] = [factor_labels.get(c, "") if isinstance(c, str) else "" for c in gdf["top_factor"]]
        m = geo.base_map(gdf, lang=ctx.lang)
        geo.add_areas(
            m,
            gdf,
            "shown_status",
            {
                "name": tr("col.area"),
                "status_label": tr("weekly.situation.col.status"),
                "computed_label": tr("weekly.situation.col.computed"),
                "top_label": tr("weekly.situation.col.top"),
            },
        )
        st_folium(m, height=480, returned_objects=[], key="lb_map", use_container_width=True)
        st.markdown(geo.status_legend_html({s: status_text(s) for s in STATUSES}), unsafe_allow_html=True)
    with right:
        shown = overview.assign(
            status_label=[status_text(s) for s in overview["shown_status"]],
            computed=[status_text(s) for s in overview["status"]],
            prev=[status_text(s) for s in overview["prev_status"]],
            top=[factor_labels.get(c, "") if isinstance(c, str) else "" for c in overview["top_factor"]],
        )
        order = {"röd": 0, "gul": 1, "grön": 2}
        shown = shown.sort_values(
            ["shown_status", "area"], key=lambda s: s.map(order).fillna(3) if s.name == "shown_status" else s
        )
        columns = {
            "area": tr("col.area"),
            "status_label": tr("weekly.situation.col.status"),
            "computed": tr("weekly.situation.col.computed"),
            "prev": tr_round("weekly.situation.col.prev", week),
            "top": tr("weekly.situation.col.top"),
            "reporters": tr("weekly.situation.col.reporters"),
        }
        if ctx.user.sees_personal_data:
            columns["note"] = tr("weekly.situation.col.note")
        show_table(shown[list(columns)].rename(columns=columns), hide_index=True, key="lb_status_table")

# ------------------------------------------------------------------------------------------ comments and events
if view == "notes":
    personal = ctx.user.sees_personal_data
    notes = cached(situation.week_notes, week, f.municipality_code, f.area_ids, personal)
    if not personal:
        st.info(tr("weekly.situation.no_personal"))
    c1, c2 = st.columns(2)
    pick_areas = c1.multiselect(
        tr("weekly.situation.filter_areas"), sorted(notes["area"].dropna().unique()), key="lb_notes_areas"
    )
    codes = [c for c in factors["code"] if c in set(notes["factor_code"].dropna())]
    pick_factors = c2.multiselect(
        tr("weekly.situation.filter_factors"), codes, format_func=factor_labels.get, key="lb_notes_factors"
    )
    if pick_areas:
        notes = notes[notes["area"].isin(pick_areas)]
    if pick_factors:
        notes = notes[notes["factor_code"].isin(pick_factors)]
    if notes.empty:
        st.write(tr_round("weekly.situation.no_notes", week))
    else:

        def when(row) -> str:
            if pd.isna(row["occurred"]):
                return ""
            part = tr(f"weekly.part.{row['time_of_day']}") if isinstance(row["time_of_day"], str) else ""
            return f"{pd.Timestamp(row['occurred']).date()} {part}".strip()

        table = pd.DataFrame(
            {
                tr("weekly.col.sent"): pd.to_datetime(notes["sent_at"]).dt.strftime("%Y-%m-%d %H:%M"),
                tr("weekly.col.kind"): [tr(f"weekly.notes.{k}") for k in notes["kind"]],
                tr("col.area"): notes["area"],
                tr("weekly.col.factor"): [
                    factor_labels.get(c, "") if isinstance(c, str) else "" for c in notes["factor_code"]
                ],
                tr("weekly.col.place"): notes["place"],
                tr("weekly.col.when"): [when(r) for _, r in notes.iterrows()],
            }
        )
        if personal:
            table[tr("weekly.col.text")] = notes["text"].to_numpy()
            table[tr("weekly.col.reporter")] = notes["reporter"].to_numpy()
            table[tr("weekly.col.organisation")] = notes["organisation"].to_numpy()
            table[tr("weekly.col.internal")] = notes["internal"].to_numpy()
        show_table(table, hide_index=True, key="lb_notes_table")

# ------------------------------------------------------------------------------------------ the meeting
# The same widgets as the Möte page (est_data.ui.meeting), each decision saved as it is made.
if view == "meeting":
    st.page_link("pages/mote.py", label=tr("mote.lagesbild_link"), icon=":material/co_present:")
    wd = cached(report_weekly.collect, week, f.municipality_code, False, ctx.lang)
    rows = meeting.area_rows(wd)
    show_flash("lb")
    st.subheader(tr_round("weekly.meeting.followup", week))
    followup_editor(ctx, week, "lb")
    st.subheader(tr("weekly.meeting.status_heading"))
    status_editor(ctx, week, rows, "lb", columns=2)
    st.subheader(tr("mote.police_note"))
    police_note_editor(ctx, week, f.municipality_code, "lb", height=120)
    st.subheader(tr("weekly.meeting.priorities"))
    priority_list(ctx, week, "lb")
    priority_form(ctx, week, rows, "lb")
