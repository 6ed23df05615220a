"""Möte: the Thursday meeting in large type, one step per view in the order of the meeting (keyboard ← →):
the week, agree each area's status, what the police add, last week's follow-up, priorities and actions,
the decisions. Every decision is saved as it is made (est_data.ui.meeting)."""

import streamlit as st

from est_data import i18n
from est_data import weekly as weekly_cycle
from est_data.analysis.situation import answer_weeks
from est_data.report import meeting, weekly
from est_data.ui.common import page_setup, status_badge
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

ctx = page_setup("mote")
if ctx.filters is None:
    st.warning(tr("overview.empty"))
    st.stop()
code = ctx.filters.municipality_code
weeks = cached(answer_weeks, code)
if not weeks:
    st.info(tr("reports.page.no_weeks"))
    st.stop()

STEPS = list(meeting.STEPS)
st.session_state.setdefault("mote_step", STEPS[0])


def move(delta: int) -> None:
    index = STEPS.index(st.session_state.get("mote_step") or STEPS[0])
    st.session_state["mote_step"] = STEPS[max(0, min(len(STEPS) - 1, index + delta))]


present = st.session_state.get("mote_present", False)
# Large type that scales with the screen height (1280×720 and 1920×1080 projectors), pictures that
# never push the page into scrolling, no page title (the step heading says it); in presentation mode the
# sidebar, header and sample banner are hidden too.
css = """
[data-testid="stMainBlockContainer"] {padding: 3.6rem 1.5rem 0.5rem 1.5rem; max-width: 100%;}
[data-testid="stMainBlockContainer"] h1 {display: none;}
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] li {
    font-size: clamp(1.05rem, 2.8vh, 2.3rem); line-height: 1.3;}
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] h2 {font-size: clamp(1.6rem, 4vh, 3.2rem);
    padding: 0.1rem 0 0.4rem 0;}
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] h4 {font-size: clamp(1.15rem, 2.6vh, 2.3rem);}
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] p {font-size: clamp(2rem, 5.5vh, 4.6rem) !important;
    line-height: 1.1;}
[data-testid="stMainBlockContainer"] button p {font-size: clamp(0.95rem, 2vh, 1.5rem) !important;}
[data-testid="stMainBlockContainer"] [data-testid="stAlert"] p {font-size: 0.95rem !important;}
[data-testid="stMetricLabel"] p {font-size: clamp(0.95rem, 1.9vh, 1.6rem) !important;}
[data-testid="stImage"] img {max-height: 52vh; width: auto !important; max-width: 100%; margin: 0 auto; display: block;}
.st-key-mote_status_rows [data-testid="stMarkdownContainer"] p {font-size: clamp(0.95rem, 2.3vh, 1.9rem);
    line-height: 1.15;}
.st-key-mote_status_rows [data-testid="stMarkdownContainer"] p small {font-size: 0.8em;}
.st-key-mote_status_rows [data-testid="stVerticalBlock"] {gap: 0.45rem;}
.st-key-mote_priority_box [data-testid="stWidgetLabel"] p {font-size: clamp(0.9rem, 2vh, 1.5rem);}
.st-key-mote_priority_box {padding: 0.6rem 0.8rem;}
"""
if present:
    css += """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none;}
[data-testid="stMainBlockContainer"] [data-testid="stAlert"] {display: none;}
[data-testid="stMainBlockContainer"] {padding-top: 0.8rem;}
[data-testid="stImage"] img {max-height: 64vh;}
"""
st.html(f"<style>{css}</style>")


def toggle_present() -> None:
    st.session_state["mote_present"] = not st.session_state.get("mote_present", False)


shown_weeks = round_of(st.session_state.get("mote_week") or weeks[0]).weeks  # the step bar comes first
# One row: ← the six steps →, then presentation mode and the week (a 1280-wide screen keeps it one row).
with st.container(horizontal=True, vertical_alignment="center"):
    st.button(
        "",
        key="mote_prev",
        on_click=move,
        args=(-1,),
        shortcut="Left",
        icon=":material/arrow_back:",
        help=tr("reports.meeting.previous"),
        disabled=st.session_state["mote_step"] == STEPS[0],
    )
    st.segmented_control(
        tr("reports.meeting.steps"),
        STEPS,
        format_func=lambda s: meeting.step_label(s, ctx.lang, shown_weeks),
        key="mote_step",
        required=True,
        label_visibility="collapsed",
    )
    st.button(
        "",
        key="mote_next",
        on_click=move,
        args=(1,),
        shortcut="Right",
        icon=":material/arrow_forward:",
        help=tr("reports.meeting.keys"),
        type="primary",
        disabled=st.session_state["mote_step"] == STEPS[-1],
    )
    st.space("stretch")
    st.button(
        "",
        key="mote_fullscreen",
        on_click=toggle_present,
        shortcut="P",
        icon=":material/fullscreen_exit:" if present else ":material/fullscreen:",
        help=tr("reports.meeting.fullscreen"),
    )
    with st.popover("", icon=":material/calendar_month:", help=tr("reports.meeting.week")):
        week = st.selectbox(  # survey rounds (one or two weeks), each by its first week
            tr_round("reports.meeting.week", weeks[0]),
            weeks,
            key="mote_week",
            format_func=option,
        )
step = st.session_state["mote_step"]
rnd = round_of(week)
period = i18n.week_label(week.year, week.week, ctx.lang) if rnd.weeks == 1 else rnd.label(ctx.lang, True)
st.markdown(
    f"## {meeting.step_title(step, ctx.lang, rnd.weeks)} · {period}",
    help=weekly.period_text(week, ctx.lang, rnd.weeks),
)
reporters_version = not ctx.user.sees_personal_data
wd = cached(weekly.collect, week, code, reporters_version, ctx.lang)
labels = cached(meeting.factor_labels, ctx.lang)


rows = meeting.area_rows(wd)
show_flash("mote")
keep_drafts("mote")  # a half-written priority survives a look at another step

if step == "week":
    counts = wd.status_counts
    police, police_avg = wd.source_totals("polisen")
    faults, faults_avg = wd.source_totals("felanmalan")
    c1, c2, c3, c4 = st.columns(4)
    rate = f"{wd.answered} / {wd.reporters}" if wd.reporters else "–"
    c1.metric(
        tr("reports.kf.response_rate"),
        rate,
        border=True,
        help=tr("mote.answered", answered=wd.answered, reporters=wd.reporters),
    )
    c2.metric(
        tr("reports.kf.status"),
        f"{counts['röd']} / {counts['gul']} / {counts['grön']}",
        border=True,
        help=tr("mote.status_tally", **{k: v for k, v in meeting.status_tally(wd).items() if k != "areas"}),
    )
    change, direction = cached(
        weekly.event_change, week, code, rnd.weeks, "polisen", police, police_avg, ctx.lang
    )
    c3.metric(
        tr("reports.kf.police"),
        police,
        delta=change,
        delta_color="inverse" if direction else "off",
        delta_arrow=direction or "off",
        border=True,
        help=tr("mote.events_help", avg=i18n.number(police_avg, 1, ctx.lang)),
    )
    change, direction = cached(
        weekly.event_change, week, code, rnd.weeks, "felanmalan", faults, faults_avg, ctx.lang
    )
    c4.metric(
        tr("reports.kf.faults"),
        faults,
        delta=change,
        delta_color="inverse" if direction else "off",
        delta_arrow=direction or "off",
        border=True,
        help=tr("mote.events_help", avg=i18n.number(faults_avg, 1, ctx.lang)),
    )
    left, right = st.columns([1, 1])
    with left:
        st.markdown(
            "\n".join(f"- {meeting.md(meeting.short(s, 140))}" for s in wd.changes[:3])
            or tr_round("mote.no_answers_yet", week)
        )
    with right:
        st.image(cached(meeting.map_png, week, code, ctx.lang), width="stretch")
        risk_list(ctx, rnd.sunday(), "mote", limit=2, compact=True)  # issue 19: near-repeat
elif step == "status":
    if not wd.answered:
        st.markdown(tr_round("mote.no_answers_yet", week))
    status_editor(ctx, week, rows, "mote")
elif step == "police":
    left, right = st.columns([1, 1])
    with left:
        st.markdown(f"#### {tr_round('reports.meeting.events_heading', week)}")
        lines = meeting.event_lines(wd, limit=5)
        st.markdown(
            "\n".join(
                f"- {e['arrow']} {meeting.md(e['label'])}: **{e['count']}** "
                f"({tr('reports.meeting.avg', avg=e['avg'])})"
                for e in lines
            )
            or tr("mote.no_events")
        )
        st.markdown(f"#### {tr('reports.meeting.observations_heading')}")
        serious = meeting.serious_observations(wd, labels, limit=3)
        st.markdown(
            "\n".join(
                f"- **{meeting.md(o['area'])}**, {meeting.md(o['when'])} – {meeting.md(o['factor'])}: "
                f"{meeting.md(o['text'])}"
                for o in serious
            )
            or tr("reports.meeting.no_observations")
        )
    with right:
        police_note_editor(ctx, week, code, "mote", height=260)
elif step == "followup":
    followup_editor(ctx, week, "mote")
elif step == "priorities":
    priority_form(ctx, week, rows, "mote")
    priority_list(ctx, week, "mote")
else:
    decided, priorities = meeting.decisions(wd)
    left, right = st.columns([1, 1], gap="large")
    with left:
        st.markdown(f"#### {tr('reports.meeting.decided_status')}")
        tally = meeting.status_tally(wd)
        st.caption(tr("mote.status_tally", **{k: v for k, v in tally.items() if k != "areas"}))
        if decided:
            st.markdown(
                "\n".join(
                    f"- {status_badge(status)} "
                    + ", ".join(
                        meeting.md(d["area"]) + (f" *({meeting.md(d['note'])})*" if d["note"] else "")
                        for d in decided
                        if d["status"] == status
                    )
                    for status in ("röd", "gul", "grön")
                    if any(d["status"] == status for d in decided)
                )
            )
        else:
            st.markdown(tr("mote.summary.no_status"))
        open_areas = [r["area"] for r in rows if not r["decided"]]
        if decided and open_areas:
            st.caption(meeting.md(tr("mote.summary.open", areas=", ".join(open_areas))))
    with right:
        st.markdown(f"#### {tr('reports.meeting.priorities')}")
        if priorities:
            st.caption(
                tr(
                    "mote.summary.actions",
                    n=sum(1 for p in priorities if p["action_id"]),
                    total=len(priorities),
                )
            )
            st.markdown(
                "\n".join(
                    f"- **{meeting.md(p['where'])}** ({meeting.md(p['when'])}, {meeting.md(p['kind'])}): {meeting.md(p['what'])}"
                    + (
                        f" · :green[:material/task_alt: {meeting.md(tr('mote.is_action'))}"
                        + (f": {meeting.md(p['action'])}" if p["action"] != p["what"] else "")
                        + "]"
                        if p["action_id"]
                        else ""
                    )
                    for p in priorities[:6]
                )
                + (f"\n- … {len(priorities) - 6}" if len(priorities) > 6 else "")
            )
        else:
            st.markdown(tr("mote.summary.no_priorities"))
        note = cached(weekly_cycle.police_note, week, code)
        if note:
            st.markdown(f"#### {tr('mote.police_note')}")
            st.markdown(meeting.md(meeting.short(note, 240)))
