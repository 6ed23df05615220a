"""Möte: the week in large type for the Thursday meeting, one view per step (keyboard ← →)."""

import streamlit as st

from est_data import display, i18n
from est_data.analysis.situation import answer_weeks
from est_data.report import meeting, weekly
from est_data.ui.common import page_setup, status_badge
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
[data-testid="stMainBlockContainer"] {padding-top: 3.6rem; padding-bottom: 0.5rem; max-width: 100%;}
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
"""
if present:
    css += """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none;}
[data-testid="stMainBlockContainer"] [data-testid="stAlert"] {display: none;}
[data-testid="stMainBlockContainer"] {padding-top: 0.8rem;}
[data-testid="stImage"] img {max-height: 64vh;}
"""
st.html(f"<style>{css}</style>")

with st.container(horizontal=True, vertical_alignment="center"):
    st.button("", key="mote_prev", on_click=move, args=(-1,), shortcut="Left", icon=":material/arrow_back:",
              help=tr("reports.meeting.previous"), disabled=st.session_state["mote_step"] == STEPS[0])
    st.segmented_control(tr("reports.meeting.steps"), STEPS, format_func=lambda s: meeting.step_label(s, ctx.lang),
                         key="mote_step", required=True, label_visibility="collapsed")
    st.button("", key="mote_next", on_click=move, args=(1,), shortcut="Right", icon=":material/arrow_forward:",
              help=tr("reports.meeting.keys"), type="primary", disabled=st.session_state["mote_step"] == STEPS[-1])


def toggle_present() -> None:
    st.session_state["mote_present"] = not st.session_state.get("mote_present", False)


heading, tools = st.columns([6, 1], vertical_alignment="center")
with tools.container(horizontal=True, horizontal_alignment="right"):
    st.button("", key="mote_fullscreen", on_click=toggle_present, shortcut="P",
              icon=":material/fullscreen_exit:" if present else ":material/fullscreen:",
              help=tr("reports.meeting.fullscreen"))
    with st.popover("", icon=":material/calendar_month:", help=tr("reports.meeting.week")):
        week = st.selectbox(tr("reports.meeting.week"), weeks, key="mote_week",
                            format_func=lambda w: i18n.week_label(w.year, w.week, ctx.lang))
step = st.session_state["mote_step"]
heading.markdown(f"## {meeting.step_title(step, ctx.lang)} · {i18n.week_label(week.year, week.week, ctx.lang)}",
                 help=weekly.period_text(week, ctx.lang))
reporters_version = not ctx.user.sees_personal_data
wd = cached(weekly.collect, week, code, reporters_version, ctx.lang)
labels = cached(meeting.factor_labels, ctx.lang)


def badge(status: str | None) -> str:
    return status_badge(status)


if step == "summary":
    counts = wd.status_counts
    police, police_avg = wd.source_totals("polisen")
    faults, faults_avg = wd.source_totals("felanmalan")
    c1, c2, c3, c4 = st.columns(4)
    rate = f"{100 * wd.answered / wd.reporters:.0f} %" if wd.reporters else "–"
    c1.metric(tr("reports.kf.response_rate"), rate, border=True)
    c2.metric(tr("reports.kf.status"), f"{counts['röd']} / {counts['gul']} / {counts['grön']}", border=True)
    c3.metric(tr("reports.kf.police"), police, delta=f"{police - police_avg:+.1f}", delta_color="inverse",
              border=True)
    c4.metric(tr("reports.kf.faults"), faults, delta=f"{faults - faults_avg:+.1f}", delta_color="inverse",
              border=True)
    st.markdown("\n".join(f"- {meeting.md(s)}" for s in wd.changes[:6]))
elif step == "map":
    st.image(cached(meeting.map_png, week, code, ctx.lang), width="stretch")
elif step == "changes":
    areas = meeting.changed_areas(wd, limit=10)
    if not areas:
        st.markdown(tr("reports.meeting.no_changes"))
    columns = st.columns(2) if len(areas) > 5 else [st.container()]
    for i, a in enumerate(areas):
        was = tr("reports.meeting.was", status=display.label("status", a["previous"], ctx.lang)) \
            if not display.missing(a["previous"]) else ""
        columns[i % len(columns)].markdown(
            f"**{meeting.md(a['area'])}** {badge(a['status'])}  \n{was}{' · ' if was and a['factors'] else ''}"
            f"{meeting.md(a['factors'])}")
elif step == "events":
    left, right = st.columns([1, 1])
    with left:
        st.markdown(f"#### {tr('reports.meeting.events_heading')}")
        st.markdown("\n".join(f"- {e['arrow']} {meeting.md(e['label'])}: **{e['count']}** ({tr('reports.meeting.avg', avg=e['avg'])})"
                              for e in meeting.event_lines(wd, limit=6)))
    with right:
        st.markdown(f"#### {tr('reports.meeting.observations_heading')}")
        serious = meeting.serious_observations(wd, labels, limit=4)
        if not serious:
            st.markdown(tr("reports.meeting.no_observations"))
        st.markdown("\n".join(f"- **{meeting.md(o['area'])}**, {meeting.md(o['when'])} – {meeting.md(o['factor'])}: "
                              f"{meeting.md(o['text'])}" for o in serious))
elif step == "followup":
    lines = meeting.followup_lines(wd)
    if not lines:
        st.markdown(tr("reports.meeting.no_followup"))
    st.markdown("\n".join(f"- {f['icon']} **{meeting.md(f['where'])}** – {meeting.md(f['kind'])}: {meeting.md(f['what'])}"
                          f" · *{f['done']}*{' – ' + meeting.md(f['note']) if f['note'] else ''}" for f in lines[:8]))
else:
    decided, priorities = meeting.decisions(wd)
    if not decided and not priorities:
        st.markdown(tr("reports.meeting.no_decisions"))
        if ctx.user.role in ("admin", "samordnare"):
            st.page_link("pages/lagesbild.py", label=tr("reports.meeting.to_situation"), icon=":material/grid_view:")
    left, right = st.columns([1, 1])
    if decided:
        with left:
            st.markdown(f"#### {tr('reports.meeting.decided_status')}")
            st.markdown("\n".join(f"- **{meeting.md(d['area'])}** {badge(d['status'])} {meeting.md(d['note'])}"
                                  for d in decided[:8]))
    if priorities:
        with right:
            st.markdown(f"#### {tr('reports.meeting.priorities')}")
            st.markdown("\n".join(f"- **{meeting.md(p['where'])}** ({meeting.md(p['when'])}, {meeting.md(p['kind'])}): "
                                  f"{meeting.md(p['what'])}" for p in priorities[:8]))
