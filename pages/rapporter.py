"""Rapporter: the weekly, quarterly and annual reports as PDF and HTML downloads."""

from functools import partial

import streamlit as st

from est_data import db
from est_data.analysis.situation import answer_weeks
from est_data.report import service, weekly
from est_data.text import md
from est_data.ui.common import page_setup, report_downloads
from est_data.ui.rounds import option, round_of, tr_round
from est_data.ui.state import cached, tr

ctx = page_setup("rapporter")
if ctx.filters is None:
    st.warning(tr("overview.empty"))
    st.stop()
code = ctx.filters.municipality_code
db_key = db.db_path()
staff = ctx.user.role in ("admin", "samordnare")
reporter = ctx.user.role == "rapportör"


def weekly_tab() -> None:
    st.write(tr("reports.page.weekly_intro"))
    weeks = cached(answer_weeks, code)
    if not weeks:
        st.info(tr("reports.page.no_weeks"))
        return
    week = st.columns([1, 2])[0].selectbox(
        tr("reports.page.week"),
        weeks,
        key="reports_week",
        format_func=option,  # survey rounds of one or two weeks, each by its first week
    )
    if ctx.user.sees_personal_data and not reporter:
        reporters_version = st.toggle(tr("reports.page.reporters_version"), key="reports_reporters_version")
    else:
        reporters_version = True
        st.caption(tr("reports.page.reporters_only"))
    report_downloads(
        partial(service.weekly_bytes, db_key, str(week), code, reporters_version, ctx.lang),
        service.round_file_stem(round_of(week), reporters_version),
        "reports_weekly",
    )
    if staff and cached(service.smtp_configured):
        if st.button(
            tr("reports.page.send"),
            key="reports_send",
            icon=":material/send:",
            help=tr("reports.page.send_help"),
        ):
            try:
                n = service.send_weekly(ctx.con, week, code, ctx.lang)
                st.success(tr("reports.page.sent", n=n))
            except service.SendFailed as err:
                st.error(tr("reports.page.send_failed", error=md(str(err))))
    wd = cached(weekly.collect, week, code, reporters_version, ctx.lang)
    with st.container(border=True):
        st.caption(tr("reports.page.preview"))
        title = tr_round("reports.weekly.title", week, week=round_of(week).weeks_text(), year=week.year)
        st.markdown(f"#### {title}")
        st.markdown("\n".join(f"- {md(sentence)}" for sentence in wd.changes))
    if staff:
        st.caption(
            tr(
                "reports.page.cli",
                command=f"python -m est_data report weekly --week {week} --out rapport.pdf",
            )
        )


def quarterly_tab() -> None:
    st.write(tr("reports.page.quarterly_intro"))
    default_year, default_quarter = cached(service.default_quarter, code)
    years = cached(service.report_years, code) or [default_year]
    c1, c2, _ = st.columns([1, 1, 2])
    year = c1.selectbox(
        tr("reports.page.year"),
        years,
        index=years.index(default_year) if default_year in years else 0,
        key="reports_q_year",
    )
    quarter = c2.selectbox(
        tr("reports.page.quarter"),
        [1, 2, 3, 4],
        index=default_quarter - 1,
        format_func=lambda q: f"Q{q}",
        key="reports_q_quarter",
    )
    report_downloads(
        partial(service.quarterly_bytes, db_key, int(year), int(quarter), code, ctx.lang),
        f"kvartalsrapport_{year}_q{quarter}",
        "reports_quarterly",
    )
    if staff:
        st.caption(
            tr(
                "reports.page.cli",
                command=f"python -m est_data report quarterly --quarter {year}Q{quarter} --out kvartal.pdf",
            )
        )


def annual_tab() -> None:
    st.write(tr("reports.page.annual_intro"))
    years = cached(service.report_years, code)
    if not years:
        st.info(tr("common.no_data"))
        return
    year = st.columns([1, 2])[0].selectbox(tr("reports.page.year"), years, key="reports_a_year")
    report_downloads(
        partial(service.annual_bytes, db_key, int(year), code, ctx.lang),
        f"arsrapport_{year}",
        "reports_annual",
    )
    if staff:
        st.caption(
            tr("reports.page.cli", command=f"python -m est_data report annual --year {year} --out ar.pdf")
        )


if reporter:
    weekly_tab()
else:
    tabs = st.tabs([tr("reports.page.weekly"), tr("reports.page.quarterly"), tr("reports.page.annual")])
    with tabs[0]:
        weekly_tab()
    with tabs[1]:
        quarterly_tab()
    with tabs[2]:
        annual_tab()
