"""Kvartalsanalys: areas by need and possibility to influence, the group's judgement, the priorities
for the coming quarter and how the last ones went, and the reporters' feedback (issue 18 item 4)."""

from functools import partial

import pandas as pd
import streamlit as st

from est_data import db, priorities
from est_data.charts.ranking import need_influence_figure
from est_data.report import quarter_analysis as qa
from est_data.report import service
from est_data.ui.blocks import show_blocks
from est_data.ui.common import page_setup, report_downloads, show_chart, show_table
from est_data.ui.state import cached, tr, tr_user

ctx = page_setup("kvartal")
if ctx.filters is None:
    st.warning(tr("overview.empty"))
    st.stop()
code = ctx.filters.municipality_code
staff = ctx.user.role in ("admin", "samordnare")
internal = ctx.user.sees_personal_data  # judgement reasons and intents are internal text

default_year, default_quarter = cached(service.default_quarter, code)
years = sorted(set(cached(service.report_years, code)) | {default_year}, reverse=True)
c1, c2, _ = st.columns([1, 1, 2])
year = int(c1.selectbox(tr("reports.page.year"), years, index=years.index(default_year), key="kvartal_year"))
quarter = int(
    c2.selectbox(
        tr("reports.page.quarter"),
        [1, 2, 3, 4],
        index=default_quarter - 1,
        format_func=lambda q: f"Q{q}",
        key="kvartal_quarter",
    )
)
frame = cached(qa.ranked, code, year, quarter)
if frame.empty:
    st.info(tr("ranking.page.no_areas"))
    st.stop()
coming = priorities.next_quarter(year, quarter)
chosen = cached(priorities.priorities, code, *coming)
names = dict(zip(frame["area_id"].astype(int), frame["area"].astype(str), strict=True))

tab_rank, tab_judge, tab_prio, tab_feedback = st.tabs(
    [
        tr("ranking.tab.ranking"),
        tr("ranking.tab.judgement"),
        tr("ranking.tab.priorities"),
        tr("ranking.tab.feedback"),
    ]
)

with tab_rank:
    st.caption(tr("ranking.method"))
    show_chart(
        need_influence_figure(frame, ctx.lang, tuple(int(a) for a in chosen["area_id"])),
        key="kvartal_chart",
        config={"displayModeBar": False},
    )
    if not chosen.empty:
        st.caption(tr("ranking.page.ringed", quarter=qa.quarter_name(*coming)))
    table = qa.ranking_table(frame, ctx.lang)
    show_table(
        qa.table_frame(table), hide_index=True, key="kvartal_table", height=35 * (len(table.rows) + 1) + 3
    )
    for note in qa.notes(frame, ctx.lang):
        st.caption(note)

with tab_judge:
    st.write(tr("ranking.page.judgement_intro"))
    judged = frame[frame["influence_source"] == "judgement"].sort_values("area")
    if judged.empty:
        st.info(tr("ranking.page.no_judgements"))
    else:
        shown = pd.DataFrame(
            {
                tr("col.area"): judged["area"].astype(str),
                tr("ranking.col.judgement"): [
                    tr(f"ranking.level.{priorities.LEVEL_KEYS[v]}") for v in judged["judgement"]
                ],
                tr("ranking.col.decided"): [
                    tr(
                        "ranking.decided_by",
                        who=r.judged_by if isinstance(r.judged_by, str) else "–",
                        when=str(r.judged_at)[:10],
                        quarter=qa.quarter_name(int(r.judged_year), int(r.judged_quarter)),
                    )
                    for r in judged.itertuples()
                ],
            }
        )
        if internal:
            shown.insert(2, tr("ranking.col.reason"), judged["judgement_reason"].tolist())
        show_table(shown, hide_index=True, key="kvartal_judgements")
    if staff:
        with st.form("kvartal_judge_form", clear_on_submit=True):
            st.markdown(f"**{tr('ranking.page.judge_heading', quarter=qa.quarter_name(year, quarter))}**")
            f1, f2 = st.columns([1, 2])
            area_id = f1.selectbox(
                tr("col.area"), list(names), format_func=lambda a: names[a], key="kvartal_judge_area"
            )
            level = f2.radio(
                tr("ranking.col.judgement"),
                [*priorities.LEVELS, "-"],
                index=None,
                format_func=lambda v: (
                    tr(f"ranking.level.{priorities.LEVEL_KEYS[v]}") if v != "-" else tr("ranking.level.none")
                ),
                horizontal=True,
                key="kvartal_judge_level",
            )
            reason = st.text_input(tr("ranking.col.reason"), max_chars=300, key="kvartal_judge_reason")
            if st.form_submit_button(
                tr("ranking.page.judge_save"), type="primary", key="kvartal_judge_submit"
            ):
                if level is None:
                    st.warning(tr("ranking.page.judge_pick"))
                else:
                    chosen_level = None if level == "-" else level
                    priorities.set_judgement(
                        ctx.con, code, int(area_id), year, quarter, chosen_level, reason, ctx.user.username
                    )
                    st.session_state["kvartal_saved"] = tr_user(
                        "ranking.page.judge_saved", area=names[int(area_id)]
                    )
                    st.rerun()

with tab_prio:
    st.markdown(f"#### {tr('ranking.followup.heading', quarter=qa.quarter_name(year, quarter))}")
    show_blocks(cached(qa.followup_blocks, code, year, quarter, ctx.lang, internal), key="kvartal_followup")
    st.markdown(f"#### {tr('ranking.page.choose_heading', quarter=qa.quarter_name(*coming))}")
    intents = dict(zip(chosen["area_id"].astype(int), chosen["intent"], strict=True))
    if staff:
        editor = pd.DataFrame(
            {
                "area_id": frame["area_id"].astype(int),
                "area": frame["area"].astype(str),
                "quadrant": [tr(f"ranking.q.{q}") for q in frame["quadrant"]],
                "chosen": [int(a) in intents for a in frame["area_id"]],
                "intent": [intents.get(int(a)) or "" for a in frame["area_id"]],
            }
        )
        with st.form("kvartal_prio_form"):
            st.caption(tr("ranking.page.choose_help"))
            edited = st.data_editor(
                editor,
                hide_index=True,
                key="kvartal_prio_editor",
                height=35 * (len(editor) + 1) + 3,
                disabled=["area", "quadrant"],
                column_order=["area", "quadrant", "chosen", "intent"],
                column_config={
                    "area": st.column_config.TextColumn(tr("col.area")),
                    "quadrant": st.column_config.TextColumn(tr("ranking.col.quadrant")),
                    "chosen": st.column_config.CheckboxColumn(tr("ranking.col.chosen")),
                    "intent": st.column_config.TextColumn(
                        tr("ranking.col.intent"), max_chars=300, width="large"
                    ),
                },
            )
            if st.form_submit_button(
                tr("ranking.page.choose_save"), type="primary", key="kvartal_prio_submit"
            ):
                picked = {int(r.area_id): str(r.intent or "") for r in edited.itertuples() if bool(r.chosen)}
                priorities.save_priorities(ctx.con, code, *coming, picked, ctx.user.username)
                st.session_state["kvartal_saved"] = tr("ranking.page.choose_saved", n=len(picked))
                st.rerun()
    elif chosen.empty:
        st.info(tr("ranking.feedback.coming_none"))
    else:
        listed = pd.DataFrame({tr("col.area"): chosen["area"].astype(str)})
        if internal:
            listed[tr("ranking.col.intent")] = chosen["intent"].tolist()
        show_table(listed, hide_index=True, key="kvartal_chosen")

with tab_feedback:
    st.write(tr("ranking.page.feedback_intro"))
    make = partial(qa.feedback_bytes, db.db_path(), year, quarter, code, ctx.lang)
    report_downloads(make, f"aterkoppling_{year}_q{quarter}", "kvartal_feedback")
    if staff:
        st.caption(
            tr(
                "reports.page.cli",
                command=f"python -m est_data kvartal feedback --quarter {year}Q{quarter} --out aterkoppling.pdf",
            )
        )

saved = st.session_state.pop("kvartal_saved", None)
if saved:
    st.toast(saved, icon=":material/check:")
