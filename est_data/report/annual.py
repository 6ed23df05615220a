"""The annual report: the situation picture and the basis for the action plan (lag 2023:196).

The law on municipalities' responsibility for crime prevention (lag 2023:196 om kommuners ansvar
för brottsförebyggande arbete) asks for a situation picture (lägesbild) of crime in the
municipality, an action plan based on it, and follow-up. The report follows that structure:
kartläggning, analys, prioriterade problem, åtgärder och uppföljning.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from est_data import config, i18n, rounds
from est_data.analysis import coverage, trends
from est_data.analysis.situation import StatusRule
from est_data.model import Filters
from est_data.report import common, data, figures, period
from est_data.report import walks as walks_report
from est_data.report.common import num, t
from est_data.report.document import Bullets, Figure, Heading, KeyFigures, Paragraph, Report, Table


def year_dates(con, code: str, year: int) -> tuple[dt.date, dt.date]:
    """The year, cut at the last day with data when the year is not over (the sample ends in November)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    row = con.execute(
        "select max(cast(occurred_at as date)) from incident where municipality_code = ?", [code]
    ).fetchone()
    last = row[0] if row and row[0] else None
    if last is not None and start <= last < end:
        end = last
    return start, end


def crime_years(con, code: str, year: int, lang: str) -> list:
    """Brå's reported crimes: the year against earlier years, over the same months."""
    stats = period.crime_stats_yearly(con, code, year - 4, year)
    if stats.empty or year not in set(stats["year"]):
        return [Paragraph(t("reports.bra.none", lang), "muted")]
    months = con.execute(
        "select max(month(period_start)) from crime_stat"
        " where municipality_code = ? and area_id is null and year(period_start) = ?",
        [code, year],
    ).fetchone()[0]
    same = con.execute(
        "select year(period_start) as year, crime_label as label, sum(count) as count"
        " from crime_stat"
        " where municipality_code = ? and area_id is null"
        "   and year(period_start) between ? and ?"
        "   and month(period_start) <= ?"
        "   and period_start = date_trunc('month', period_start)"
        "   and period_end = last_day(period_start)"
        " group by all",
        [code, year - 4, year, months],
    ).df()
    per_year = same.groupby("year")["count"].sum().reset_index()
    span = (
        f"{i18n.month_name(1, lang, True)}–{i18n.month_name(int(months), lang, True)}"
        if months < 12
        else t("reports.a.whole_year", lang)
    )
    chart = figures.year_bars(
        per_year, "year", "count", t("reports.a.crimes_axis", lang, span=span), highlight=year
    )
    pivot = same.pivot_table(index="label", columns="year", values="count", aggfunc="sum", fill_value=0)
    last_day = (pd.Timestamp(year, int(months), 1) + pd.offsets.MonthEnd(0)).date()
    missing = coverage.missing_text(
        coverage.coverage(con, code).get("bra"),
        [(dt.date(year - 1, 1, 1), common.shift_year(last_day, -1)), (dt.date(year, 1, 1), last_day)],
        lang,
    )
    figures_per_label = []
    for label, values in pivot.iterrows():
        now = float(values.get(year, 0))
        before = float(values.get(year - 1, 0))
        earlier = [float(values.get(y, 0)) for y in (year - 1, year - 2, year - 3) if y in pivot.columns]
        figures_per_label.append((str(label), now, before, sum(earlier) / len(earlier) if earlier else None))
    verdicts, tests = common.judged_table(
        [(now, before, missing) for _, now, before, _ in figures_per_label], lang
    )
    rows = sorted(
        (
            (now, (label, num(now, 0, lang), num(before, 0, lang), num(avg3, 0, lang), verdict))
            for (label, now, before, avg3), verdict in zip(figures_per_label, verdicts, strict=True)
        ),
        key=lambda r: -r[0],
    )
    blocks = [
        Figure(chart, t("reports.a.crimes_caption", lang, span=span), 0.85),
        Table(
            (
                t("reports.col.crime", lang),
                str(year),
                str(year - 1),
                t("reports.col.avg3", lang),
                t("reports.col.verdict", lang),
            ),
            tuple(r[1] for r in rows),
            col_widths=(38, 12, 12, 14, 24),
            numeric_cols=(1, 2, 3),
        ),
    ]
    note = common.chance_note(tests, lang)
    return blocks + ([note] if note is not None else [])


def survey_factors(con, code: str, start: dt.date, end: dt.date, lang: str) -> Table:
    """The survey's mean level per factor, the year against the year before."""
    now = period.factor_levels(con, code, start, end)
    before = period.factor_levels(con, code, common.shift_year(start, -1), common.shift_year(end, -1))
    labels = data.factor_labels(con, lang)
    merged = now.merge(before, on="factor_code", how="left", suffixes=("", "_before"))
    merged = merged.sort_values("mean_level", ascending=False)
    rows = tuple(
        (
            labels.get(r.factor_code, r.factor_code),
            num(r.mean_level, 2, lang),
            num(r.mean_level_before, 2, lang),
            num(r.mean_level - r.mean_level_before, 2, lang) if not pd.isna(r.mean_level_before) else "–",
        )
        for r in merged.itertuples()
    )
    return Table(
        (
            t("reports.col.factor", lang),
            t("reports.col.this_year", lang),
            t("reports.col.year_before", lang),
            t("reports.col.change", lang),
        ),
        rows,
        col_widths=(52, 16, 16, 16),
        numeric_cols=(1, 2, 3),
        empty_text=t("reports.a.no_survey", lang),
    )


def time_patterns(con, code: str, start: dt.date, end: dt.date, lang: str) -> list[str]:
    """Sentences on when police events happen (weekday and hour), from the trends module."""
    filters = Filters(code, start, end)
    days = trends.weekday_counts(con, filters, "polisen")
    hours = trends.hour_counts(con, filters, "polisen")
    total = float(days["value"].sum())
    if not total:
        return []
    top_days = sorted(days.sort_values("value", ascending=False).head(2)["weekday"].tolist())
    share = float(days[days["weekday"].isin(top_days)]["value"].sum()) / total
    evening = float(hours[hours["hour"].isin([19, 20, 21, 22, 23, 0])]["value"].sum()) / total
    names = [i18n.WEEKDAYS_SV[d] if lang == "sv" else i18n.weekday_name(d, lang) for d in top_days]
    return [
        t("reports.a.pattern_days", lang, first=names[0], second=names[1], share=f"{100 * share:.0f}"),
        t("reports.a.pattern_hours", lang, share=f"{100 * evening:.0f}"),
    ]


def repeat_places(con, code: str, start: dt.date, end: dt.date, lang: str, top: int = 10) -> list:
    """The named places with most events (the 80/20 view of repeat places)."""
    frame = con.execute(
        "with counts as ("
        "  select i.place_id, count(*) as n"
        "  from incident i"
        "  where not i.is_summary and i.municipality_code = ? and i.place_id is not null"
        "    and cast(i.occurred_at as date) between ? and ?"
        "  group by i.place_id"
        "), final as ("
        "  select p.name as place, a.name as area, c.n, c.n / sum(c.n) over () as share"
        "  from counts c"
        "  join place p on p.id = c.place_id"
        "  left join area a on a.id = p.area_id"
        ")"
        " select * from final order by n desc",
        [code, start, end],
    ).df()
    if frame.empty:
        return []
    head = frame.head(top)
    share = float(head["share"].sum())
    rows = tuple(
        (f"{r.place} ({r.area})", num(r.n, 0, lang), f"{100 * r.share:.0f} %") for r in head.itertuples()
    )
    return [
        Paragraph(
            t("reports.a.places_intro", lang, n=len(head), places=len(frame), share=f"{100 * share:.0f}")
        ),
        Table(
            (t("reports.col.place", lang), t("reports.col.events", lang), t("reports.col.share", lang)),
            rows,
            col_widths=(60, 20, 20),
            numeric_cols=(1, 2),
        ),
    ]


def priority_problems(con, code: str, start: dt.date, end: dt.date, lang: str, top: int = 8) -> list[str]:
    """The area × factor combinations at 'påtagligt' or worse most weeks of the year."""
    frame = period.factor_weeks(con, code, start, end)
    labels = data.factor_labels(con, lang)
    names = con.execute("select id, name from area where municipality_code = ?", [code]).fetchall()
    area_names = {int(i): n for i, n in names}
    frame = frame[frame["high_weeks"] > 0].head(top)
    longest = rounds.longest(con, start, end)  # counts of rounds; said so when rounds are two weeks
    return [
        rounds.text(
            "reports.a.problem",
            lang,
            longest,
            factor=labels.get(r.factor_code, r.factor_code),
            area=area_names.get(int(r.area_id), r.area_id),
            high=int(r.high_weeks),
            weeks=int(r.weeks),
            level=num(r.mean_level, 1, lang),
        )
        for r in frame.itertuples()
    ]


def rising_categories(con, code: str, start: dt.date, end: dt.date, lang: str) -> list[str]:
    now = period.events_by_category(con, code, start, end)
    before = period.events_by_category(con, code, common.shift_year(start, -1), common.shift_year(end, -1))
    merged = now.merge(before, on=["source", "category"], how="left", suffixes=("", "_before")).fillna(
        {"events_before": 0}
    )
    covs = coverage.coverage(con, code)
    missing = {s: common.missing_for(con, code, s, start, end, lang, covs) for s in set(merged["source"])}
    verdicts, _ = common.judged_table(
        [(r.events, r.events_before, missing[r.source]) for r in merged.itertuples()], lang
    )
    out = []
    for r, verdict in zip(merged.itertuples(), verdicts, strict=True):
        if verdict == t("reports.verdict.rise", lang):
            out.append(
                t(
                    "reports.a.rising",
                    lang,
                    category=r.category,
                    source=common.source_name(r.source, lang),
                    n=int(r.events),
                    before=int(r.events_before),
                )
            )
    return out


def build(con, year: int, municipality_code: str | None = None, lang: str = "sv") -> Report:
    """The annual report for a year as a document."""
    code = municipality_code or config.get_setting(con, "municipality_code")
    start, end = year_dates(con, code, year)
    rule = StatusRule.from_settings(con)
    subtitle = t("reports.a.subtitle", lang)
    if end < dt.date(year, 12, 31):
        subtitle += " " + t("reports.a.until", lang, end=end.isoformat())
    report = Report(
        "annual",
        t("reports.a.title", lang, year=year),
        subtitle,
        common.municipality(con, code, lang),
        config.get_setting(con, "classification"),
        lang,
    )
    tot = common.totals(con, code, start, end)
    rate, weeks = period.response_rate(con, code, start, end)
    actions = period.actions_in_period(con, code, start, end)
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
                    t("reports.kf.actions", lang),
                    str(len(actions)),
                    t(
                        "reports.kf.actions_started",
                        lang,
                        n=int(actions["started_in_period"].sum()) if not actions.empty else 0,
                    ),
                ),
            )
        )
    )
    report.add(Paragraph(t("reports.a.intro", lang, weeks=weeks, rate=f"{100 * rate:.0f}")))
    fresh = common.freshness(con, code, lang)
    if fresh is not None:
        report.add(fresh)

    report.add(
        Heading(t("reports.a.mapping", lang)),
        Heading(t("reports.a.crimes", lang), 3),
        *crime_years(con, code, year, lang),
        Heading(t("reports.a.events", lang), 3),
        Paragraph(t("reports.a.events_intro", lang), "muted"),
        *common.category_section(con, code, start, end, lang),
        Heading(t("reports.a.areas", lang), 3),
        common.area_table(con, code, start, end, lang, rule),
        Heading(t("reports.a.survey", lang), 3),
        Paragraph(t("reports.a.survey_intro", lang), "muted"),
        survey_factors(con, code, start, end, lang),
    )

    report.add(Heading(t("reports.a.analysis", lang)), Heading(t("reports.a.when", lang), 3))
    chart = common.trend_chart(con, code, start, end, lang)
    if chart:
        report.add(chart)
    patterns = time_patterns(con, code, start, end, lang)
    if patterns:
        report.add(Bullets(tuple(patterns)))
    places = repeat_places(con, code, start, end, lang)
    if places:
        report.add(Heading(t("reports.a.places", lang), 3), *places)
    report.add(Heading(t("reports.a.need", lang), 3), *common.need_section(con, code, start, end, lang))

    problems = priority_problems(con, code, start, end, lang)
    rising = rising_categories(con, code, start, end, lang)
    report.add(
        Heading(t("reports.a.problems", lang)),
        Paragraph(t("reports.a.problems_intro", lang), "muted"),
        Bullets(tuple(problems + rising + common.status_weeks_text(con, code, start, end, rule, lang)))
        if problems or rising
        else Paragraph(t("reports.a.no_problems", lang)),
    )

    report.add(
        Heading(t("reports.a.actions", lang)),
        *common.actions_section(con, code, start, end, lang, evaluate_from=start),
    )
    report.add(Heading(t("walks.report.heading", lang)), *walks_report.section(con, code, start, end, lang))
    report.add(
        Heading(t("reports.a.followup", lang)),
        Paragraph(t("reports.a.followup_intro", lang)),
        Bullets(tuple(t(f"reports.a.next.{i}", lang) for i in range(1, 5))),
    )
    report.footer_note = t("reports.q.footer", lang)
    return report
