"""Enkätuppföljning: the week's response rate per organisation and area, who has not answered (with
e-mail addresses to copy), the history of response rates, and imports of survey-tool exports."""

import pandas as pd
import streamlit as st

from est_data import queries
from est_data.analysis import situation, survey_rounds
from est_data.charts.weekly import response_history_figure
from est_data.ingest import survey
from est_data.ingest.common import ImportFileError
from est_data.text import md
from est_data.ui.common import download_table, page_setup, show_chart, show_table
from est_data.ui.rounds import option, round_of, tr_round
from est_data.ui.state import cached, tr

ctx = page_setup("enkat")
if ctx.filters is None:
    st.warning(tr("overview.empty"))
    st.stop()

code = ctx.filters.municipality_code
reference, _ = cached(queries.reference_week, code)
current = round_of(pd.Timestamp.today().date()).start  # survey rounds, each by its first week
weeks = sorted({current, reference, *cached(situation.answer_weeks, code, 26)}, key=str, reverse=True)
week = st.selectbox(
    tr_round("weekly.rounds.week", current),
    weeks,
    index=weeks.index(reference),
    format_func=option,
    key="enkat_week",
)

status = cached(survey_rounds.reporter_status, week, code)
answered, expected = int(status["answered"].sum()), len(status)
c1, c2, c3 = st.columns(3)
c1.metric(tr("weekly.rounds.rate"), f"{100 * answered / expected:.0f} %" if expected else "–", border=True)
c2.metric(tr("weekly.rounds.answered"), f"{answered} / {expected}", border=True)
c3.metric(tr("weekly.rounds.missing"), expected - answered, border=True)
st.caption(tr_round("weekly.rounds.late_note", week))

rate_column = st.column_config.ProgressColumn(
    tr("weekly.rounds.rate"), format="%.0f %%", min_value=0, max_value=100, width="small"
)
left, right = st.columns(2)
with left:
    st.subheader(tr("weekly.rounds.by_org"))
    orgs = cached(survey_rounds.by_organisation, week, code)
    orgs = orgs.assign(rate=orgs["rate"] * 100)
    show_table(
        orgs,
        hide_index=True,
        key="enkat_orgs",
        column_config={
            "organisation": tr("weekly.col.organisation"),
            "expected": tr("weekly.rounds.expected"),
            "answered": tr("weekly.rounds.answered"),
            "rate": rate_column,
        },
    )
with right:
    st.subheader(tr("weekly.rounds.by_area"))
    by_area = cached(survey_rounds.by_area, week, code)
    by_area = by_area.assign(rate=by_area["rate"] * 100)
    show_table(
        by_area.drop(columns=["area_id"]),
        hide_index=True,
        key="enkat_areas",
        column_config={
            "area": tr("weekly.col.area"),
            "expected": tr("weekly.rounds.expected"),
            "answered": tr("weekly.rounds.answered"),
            "rate": rate_column,
        },
    )

st.subheader(tr("weekly.rounds.missing_heading"))
missing = cached(survey_rounds.missing_reporters, week, code)
if missing.empty:
    st.success(tr("weekly.rounds.all_answered"))
else:
    shown = missing.drop(columns=["id"]).rename(
        columns={
            "name": tr("weekly.col.name"),
            "email": tr("weekly.col.email"),
            "organisation": tr("weekly.col.organisation"),
            "areas": tr("weekly.col.areas"),
        }
    )
    show_table(shown, hide_index=True, key="enkat_missing")
    emails = "; ".join(e for e in missing["email"] if isinstance(e, str) and e)
    st.markdown(f"**{tr('weekly.rounds.emails')}**")
    st.code(emails, language=None, wrap_lines=True)
    download_table(shown, f"ej_svarat_{week}", key="enkat_missing_xlsx")

st.subheader(tr_round("weekly.rounds.history", week))
history = cached(survey_rounds.history, week, 52, code)
show_chart(response_history_figure(history, ctx.lang), key="enkat_history", config={"displayModeBar": False})

# ------------------------------------------------------------------------------------------ import
with st.expander(tr("weekly.import.heading"), icon=":material/upload_file:"):
    st.caption(tr("weekly.import.intro"))
    upload = st.file_uploader(tr("weekly.import.file"), type=["csv", "txt", "xlsx"], key="enkat_upload")
    profiles = cached(survey.profiles)
    names = [""] + sorted(profiles)
    profile = st.selectbox(
        tr("weekly.import.profile"),
        names,
        key="enkat_profile",
        format_func=lambda n: (
            tr("weekly.import.profile_auto") if not n else f"{n} – {profiles[n].get('description', '')}"
        ),
    )
    if upload is not None:
        data = upload.getvalue()
        try:
            report = survey.preview(ctx.con, data, upload.name, profile=profile or None)
        except ImportFileError as err:
            st.error(md(str(err)))
        else:
            st.write(
                tr(
                    "weekly.import.preview",
                    read=report.rows_read,
                    load=report.rows_loaded,
                    unchanged=report.rows_unchanged,
                    rejected=report.rows_rejected,
                )
            )
            if report.rejected:
                st.markdown(f"**{tr('weekly.import.rejected')}**")
                show_table(report.rejected_frame(), hide_index=True, key="enkat_rejected")
            if report.rows_loaded and st.button(tr("weekly.import.load"), type="primary", key="enkat_load"):
                try:
                    done = survey.load(
                        ctx.con, data, upload.name, profile=profile or None, by=ctx.user.username
                    )
                except ImportFileError as err:
                    st.error(md(str(err)))
                else:
                    st.success(tr("weekly.import.done", loaded=done.rows_loaded, rejected=done.rows_rejected))
