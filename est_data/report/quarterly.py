"""The quarterly report for management: trends, areas by need and influence, actions, Brå statistics.

This is the EST quarterly analysis: which areas need actions most (survey levels and incident
rates) and where the municipality and its partners can influence most (actions, partners and
reporters present), with the actions started and their evaluation verdicts.
"""

from __future__ import annotations

import datetime as dt

from est_data import config, i18n, rounds
from est_data.analysis import coverage
from est_data.analysis.situation import StatusRule
from est_data.report import common, period, quarter_analysis
from est_data.report import walks as walks_report
from est_data.report.common import judged, num, t
from est_data.report.document import Bullets, Heading, KeyFigures, Paragraph, Report


def quarter_dates(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if not 1 <= quarter <= 4:
        raise ValueError("quarter must be 1-4")
    start = dt.date(year, 3 * quarter - 2, 1)
    end = (dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)) - dt.timedelta(
        days=1
    )
    return start, end


def period_label(start: dt.date, end: dt.date, lang: str) -> str:
    first = i18n.month_name(start.month, lang)
    last = i18n.month_name(end.month, lang)
    return f"{first}–{last} {end.year}"


def summary(con, code: str, start: dt.date, end: dt.date, lang: str, rule: StatusRule) -> list[str]:
    tot = common.totals(con, code, start, end)
    police, police_ly = tot["polisen"]
    faults, faults_ly = tot["felanmalan"]
    covs = coverage.coverage(con, code)
    bullets = [
        t(
            "reports.q.summary.police",
            lang,
            n=num(police, 0, lang),
            ly=num(police_ly, 0, lang),
            verdict=judged(
                police, police_ly, lang, common.missing_for(con, code, "polisen", start, end, lang, covs)
            ),
        ),
        t(
            "reports.q.summary.faults",
            lang,
            n=num(faults, 0, lang),
            ly=num(faults_ly, 0, lang),
            verdict=judged(
                faults, faults_ly, lang, common.missing_for(con, code, "felanmalan", start, end, lang, covs)
            ),
            cost=num(tot["cost"][0], 0, lang),
        ),
    ]
    bullets += common.status_weeks_text(con, code, start, end, rule, lang)
    need = period.need_and_influence(con, code, start, end)
    if not need.empty:
        bullets.append(t("reports.q.summary.need", lang, areas=", ".join(need["area"].head(3))))
    actions = period.actions_in_period(con, code, start, end)
    started = int(actions["started_in_period"].sum()) if not actions.empty else 0
    bullets.append(t("reports.actions.intro", lang, n=len(actions), started=started))
    return bullets


def build(con, year: int, quarter: int, municipality_code: str | None = None, lang: str = "sv") -> Report:
    """The quarterly report (e.g. 2026 Q3) as a document."""
    code = municipality_code or config.get_setting(con, "municipality_code")
    start, end = quarter_dates(year, quarter)
    rule = StatusRule.from_settings(con)
    report = Report(
        "quarterly",
        t("reports.q.title", lang, year=year, quarter=quarter),
        t("reports.q.subtitle", lang, period=period_label(start, end, lang)),
        common.municipality(con, code, lang),
        config.get_setting(con, "classification"),
        lang,
    )
    tot = common.totals(con, code, start, end)
    rate, weeks = period.response_rate(con, code, start, end)
    report.add(
        KeyFigures(
            (
                (
                    t("reports.kf.police", lang),
                    num(tot["polisen"][0], 0, lang),
                    t("reports.kf.last_year", lang, n=num(tot["polisen"][1], 0, lang)),
                ),
                (
                    t("reports.kf.faults", lang),
                    num(tot["felanmalan"][0], 0, lang),
                    t("reports.kf.last_year", lang, n=num(tot["felanmalan"][1], 0, lang)),
                ),
                (
                    t("reports.kf.fault_cost", lang),
                    num(tot["cost"][0] / 1000, 0, lang) + " tkr",
                    t("reports.kf.last_year", lang, n=num(tot["cost"][1] / 1000, 0, lang) + " tkr"),
                ),
                (
                    t("reports.kf.response_rate", lang),
                    f"{100 * rate:.0f} %",
                    rounds.text("reports.kf.weeks", lang, rounds.longest(con, start, end), n=weeks),
                ),
            )
        )
    )
    fresh = common.freshness(con, code, lang)
    if fresh is not None:
        report.add(fresh)
    report.add(
        Heading(t("reports.q.summary", lang)), Bullets(tuple(summary(con, code, start, end, lang, rule)))
    )

    report.add(Heading(t("reports.q.trends", lang)))
    chart = common.trend_chart(con, code, start, end, lang)
    if chart:
        report.add(chart)
    report.add(Paragraph(t("reports.q.categories_intro", lang), "muted"))
    report.add(*common.category_section(con, code, start, end, lang))

    report.add(
        Heading(t("reports.q.areas", lang)),
        Paragraph(t("reports.q.areas_intro", lang), "muted"),
        common.area_table(con, code, start, end, lang, rule),
    )
    report.add(Heading(t("reports.q.need", lang)), *common.need_section(con, code, start, end, lang))
    report.add(
        Heading(t("ranking.followup.heading", lang, quarter=f"{year} Q{quarter}")),
        *quarter_analysis.followup_blocks(con, code, year, quarter, lang),
    )
    report.add(
        Heading(t("reports.q.actions", lang)),
        *common.actions_section(
            con, code, start, end, lang, evaluate_from=common.shift_year(end, -1) + dt.timedelta(days=1)
        ),
    )
    report.add(Heading(t("walks.report.heading", lang)), *walks_report.section(con, code, start, end, lang))
    report.add(
        Heading(t("reports.q.bra", lang)),
        Paragraph(t("reports.q.bra_intro", lang), "muted"),
        *common.crime_stats_section(con, code, start, end, lang),
    )
    report.footer_note = t("reports.q.footer", lang)
    return report
