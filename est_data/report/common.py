"""Sections the quarterly and annual reports share: trends, areas ranked by need and influence,
actions with their evaluation verdicts, and Brå's monthly statistics."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from est_data import i18n, queries, rounds
from est_data.analysis import compstat, coverage, evaluation
from est_data.display import text
from est_data.report import data, figures, period
from est_data.report.document import Bullets, Figure, Heading, Paragraph, Table


def t(key: str, lang: str, **kwargs: object) -> str:
    return i18n.t(key, lang, **kwargs)


def num(value: float, decimals: int = 0, lang: str = "sv") -> str:
    if value is None or pd.isna(value):
        return "–"
    return i18n.number(float(value), decimals, lang)


def source_name(source: str, lang: str) -> str:
    key = f"reports.source.{source}"
    return i18n.t(key, lang) if i18n.has(key) else source  # has(): a register's name is not a missing key


def verdict_text(verdict: str, lang: str) -> str:
    """compstat's verdict (ökning, minskning, ingen säker förändring) in lang."""
    keys = {
        compstat.RISE: "reports.verdict.rise",
        compstat.FALL: "reports.verdict.fall",
        compstat.NO_CHANGE: "reports.verdict.none",
    }
    return t(keys.get(verdict, "reports.verdict.none"), lang)


def judged(count: float, before: float, lang: str, missing: str | None = None) -> str:
    """A count against the same period before (equal lengths), judged with the Poisson E-test; not
    judged when the source does not cover both periods (missing: coverage.missing_text's words)."""
    if missing:
        return missing
    if before <= 0 and count <= 0:
        return "–"
    j = compstat.judge(count, 1.0, before, 1.0)
    text = verdict_text(j.verdict, lang)
    if j.too_few:
        text += " " + t("reports.verdict.too_few", lang)
    return text


def judged_table(comparisons: list[tuple[float, float, str | None]], lang: str) -> tuple[list[str], int]:
    """judged() for every row of a table of comparisons (count, before, missing), with the verdicts
    judged on Benjamini-Hochberg q across the table (compstat.adjust_table), as a table of many tests
    would otherwise flag one row in twenty by chance. Returns (texts, number of tests made)."""
    frame = pd.DataFrame(
        [{"p": None, "verdict": None, "too_few": False, "text": None} for _ in comparisons],
        columns=["p", "verdict", "too_few", "text"],
    )
    for i, (count, before, missing) in enumerate(comparisons):
        if missing or (before <= 0 and count <= 0):
            frame.at[i, "text"] = missing or "–"
            continue
        j = compstat.judge(count, 1.0, before, 1.0)
        frame.at[i, "p"], frame.at[i, "verdict"], frame.at[i, "too_few"] = j.p_value, j.verdict, j.too_few
    frame = compstat.adjust_table(frame, [("p", "verdict", "q")])
    texts = []
    for row in frame.itertuples():
        if row.text is not None:
            texts.append(row.text)
            continue
        text = verdict_text(row.verdict, lang)
        texts.append(text + " " + t("reports.verdict.too_few", lang) if row.too_few else text)
    return texts, compstat.tests_made(frame, ("p",))


def chance_note(tests: int, lang: str) -> Paragraph | None:
    """Under a table of many comparisons: how many flags chance alone would give, and that the verdicts
    are adjusted for it."""
    if tests < 2:
        return None
    return Paragraph(
        t("followup.chance", lang, tests=tests, chance=i18n.number(compstat.chance_flags(tests), 1, lang)),
        "muted",
    )


def shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def missing_for(
    con,
    code: str,
    source: str,
    start: dt.date,
    end: dt.date,
    lang: str,
    covs: dict[str, coverage.SourceCoverage] | None = None,
) -> str | None:
    """What of the period and the same period a year before the source lacks, in words (None: all there)."""
    covs = coverage.coverage(con, code) if covs is None else covs
    return coverage.missing_text(
        covs.get(source), [(shift_year(start, -1), shift_year(end, -1)), (start, end)], lang
    )


def freshness(con, code: str, lang: str) -> Paragraph | None:
    """ "Underlag: polisdata t.o.m. 2026-11-22, felanmälan t.o.m. …" for the report's first page."""
    text = coverage.freshness_text(coverage.coverage(con, code), lang)
    return Paragraph(t("coverage.freshness", lang, sources=text), "muted") if text else None


def category_section(con, code: str, start: dt.date, end: dt.date, lang: str, top: int = 12) -> list:
    """Events per source and category: the period, the same period a year before, and the verdict
    (none where the source does not cover both periods)."""
    now = period.events_by_category(con, code, start, end)
    before = period.events_by_category(con, code, shift_year(start, -1), shift_year(end, -1))
    merged = now.merge(before, on=["source", "category"], how="outer", suffixes=("", "_before")).fillna(
        {"events": 0, "events_before": 0, "cost": 0, "cost_before": 0}
    )
    merged["total"] = merged["events"] + merged["events_before"]
    merged = merged.sort_values(["source", "total"], ascending=[False, False])
    shown = []
    covs = coverage.coverage(con, code)
    for source in ("polisen", "felanmalan"):
        part = merged[merged["source"] == source].head(top)
        missing = missing_for(con, code, source, start, end, lang, covs)
        shown += [(source, row, missing) for row in part.itertuples()]
    verdicts, tests = judged_table(
        [(row.events, row.events_before, missing) for _, row, missing in shown], lang
    )
    rows = [
        (
            source_name(source, lang),
            str(row.category),
            num(row.events, 0, lang),
            num(row.events_before, 0, lang),
            verdict,
        )
        for (source, row, _), verdict in zip(shown, verdicts, strict=True)
    ]
    blocks: list = [
        Table(
            (
                t("reports.col.source", lang),
                t("reports.col.category", lang),
                t("reports.col.period", lang),
                t("reports.col.last_year", lang),
                t("reports.col.verdict", lang),
            ),
            tuple(rows),
            col_widths=(14, 34, 12, 14, 26),
            numeric_cols=(2, 3),
            empty_text=t("reports.no_events", lang),
        )
    ]
    note = chance_note(tests, lang)
    if note is not None:
        blocks.append(note)
    return blocks


def totals(con, code: str, start: dt.date, end: dt.date) -> dict[str, tuple[float, float]]:
    """Per source: (events in the period, events in the same period a year before); and fault cost."""
    now = period.events_by_category(con, code, start, end)
    before = period.events_by_category(con, code, shift_year(start, -1), shift_year(end, -1))
    out = {}
    for source in ("polisen", "felanmalan"):
        out[source] = (
            float(now.loc[now["source"] == source, "events"].sum()),
            float(before.loc[before["source"] == source, "events"].sum()),
        )
    out["cost"] = (
        float(now.loc[now["source"] == "felanmalan", "cost"].sum()),
        float(before.loc[before["source"] == "felanmalan", "cost"].sum()),
    )
    return out


def trend_chart(con, code: str, start: dt.date, end: dt.date, lang: str, months: int = 12) -> Figure | None:
    """Monthly police events and fault reports per category over the `months` months up to end."""
    first = (end.replace(day=1) - pd.DateOffset(months=months - 1)).date()
    frame = period.events_monthly(con, code, first, end)
    if frame.empty:
        return None
    frame = frame.assign(
        series=[
            f"{c} ({source_name(s, lang)})" for c, s in zip(frame["category"], frame["source"], strict=True)
        ]
    )
    png = figures.monthly_lines(frame, "month", "series", "events", t("reports.chart.events_per_month", lang))
    return Figure(png, t("reports.chart.trend_caption", lang, months=months), 1.0)


def area_table(con, code: str, start: dt.date, end: dt.date, lang: str, rule) -> Table:
    """Per area: events, rate per 1 000 inhabitants, survey level and weeks per status."""
    fig = period.area_figures(con, code, start, end)
    weeks = period.status_weeks(con, code, start, end, rule)
    fig = fig.merge(weeks, on="area_id", how="left").fillna({"röd": 0, "gul": 0, "grön": 0})
    before = period.area_figures(con, code, shift_year(start, -1), shift_year(end, -1))[
        ["area_id", "police", "faults"]
    ]
    fig = fig.merge(before, on="area_id", how="left", suffixes=("", "_before")).fillna(
        {"police_before": 0, "faults_before": 0}
    )
    rows = []
    for row in fig.sort_values("area").itertuples():
        events = row.police + row.faults
        # An area layer without population gives <NA> here, whose truth value pandas refuses (issue 13).
        known = not pd.isna(row.population) and row.population > 0
        rate = events / float(row.population) * 1000 if known else None
        rows.append(
            (
                row.area,
                num(row.police, 0, lang),
                num(row.faults, 0, lang),
                num(row.police_before + row.faults_before, 0, lang),
                num(rate, 1, lang),
                num(row.mean_level, 2, lang),
                f"{int(row.röd)} / {int(row.gul)} / {int(row.grön)}",
            )
        )
    return Table(
        (
            t("col.area", lang),
            t("reports.col.police", lang),
            t("reports.col.faults", lang),
            t("reports.col.events_last_year", lang),
            t("reports.col.per_1000", lang),
            t("reports.col.mean_level", lang),
            t("reports.col.status_weeks", lang),
        ),
        tuple(rows),
        col_widths=(22, 11, 13, 15, 13, 12, 14),
        numeric_cols=(1, 2, 3, 4, 5),
    )


def need_section(con, code: str, start: dt.date, end: dt.date, lang: str) -> list:
    """The EST analysis: areas ranked by need and by the possibility to influence (the same table as the
    Kvartalsanalys page: report.quarter_analysis)."""
    from est_data.report import quarter_analysis

    return quarter_analysis.need_blocks(con, code, start, end, lang)


def _evaluations(con, action_ids: list[int], lang: str) -> pd.DataFrame:
    """The actions issue's evaluation (est_data.analysis.evaluation) of each action."""
    records = []
    for action_id in action_ids:
        ev = evaluation.evaluate(con, int(action_id))
        if ev is None:
            continue
        before, after = ev.counts.get("target", (None, None))
        records.append(
            {
                "id": ev.action_id,
                "title": ev.title,
                "kind": ev.kind,
                "area": ev.area or "",
                "start": ev.start,
                "before": before,
                "after": after,
                "verdict": ev.verdict,
                "verdict_label": evaluation.verdict_label(ev, lang),
                "text": evaluation.verdict_text(ev, lang),
            }
        )
    return pd.DataFrame(
        records,
        columns=[
            "id",
            "title",
            "kind",
            "area",
            "start",
            "before",
            "after",
            "verdict",
            "verdict_label",
            "text",
        ],
    )


def actions_section(con, code: str, start: dt.date, end: dt.date, lang: str, evaluate_from: dt.date) -> list:
    """Actions under way in the period, and the evaluation verdicts of those started since evaluate_from."""
    actions = period.actions_in_period(con, code, start, end)
    rows = tuple(
        (
            text(r.title),
            text(r.kind),
            text(r.area, t("reports.whole_municipality", lang)),
            text(r.start_date)[:10],
            text(r.end_date)[:10],
            text(r.status),
            text(r.partners),
        )
        for r in actions.itertuples()
    )
    started = int(actions["started_in_period"].sum()) if not actions.empty else 0
    blocks: list = [
        Paragraph(t("reports.actions.intro", lang, n=len(actions), started=started)),
        Table(
            (
                t("col.title", lang),
                t("col.kind", lang),
                t("col.area", lang),
                t("col.start", lang),
                t("col.end", lang),
                t("col.status", lang),
                t("col.partners", lang),
            ),
            rows,
            col_widths=(22, 14, 13, 12, 12, 11, 16),
            empty_text=t("reports.actions.none", lang),
        ),
    ]
    ids = con.execute(
        "select ac.id"
        " from action ac"
        " left join place p on p.id = ac.place_id"
        " left join area a on a.id = coalesce(ac.area_id, p.area_id)"
        " where ac.start_date between ? and ?"
        "   and ac.status <> 'avbruten'"
        "   and (a.municipality_code = ? or a.id is null)"
        " order by ac.start_date",
        [evaluate_from, end, code],
    ).fetchall()
    table = _evaluations(con, [i[0] for i in ids], lang)
    blocks.append(Heading(t("reports.actions.evaluation", lang, since=evaluate_from.isoformat()), 3))
    blocks.append(Paragraph(t("reports.actions.evaluation_intro", lang), "muted"))
    blocks.append(
        Table(
            (
                t("col.title", lang),
                t("col.area", lang),
                t("reports.col.before_after", lang),
                t("reports.col.verdict", lang),
                t("reports.col.verdict_text", lang),
            ),
            tuple(
                (
                    str(r.title),
                    str(r.area),
                    f"{r.before} → {r.after}" if r.before is not None else "–",
                    str(r.verdict_label),
                    str(r.text),
                )
                for r in table.itertuples()
            ),
            col_widths=(22, 13, 12, 15, 38),
            empty_text=t("reports.actions.no_evaluations", lang),
        )
    )
    if not table.empty:
        kinds = evaluation.summary_by_kind(table, lang)
        blocks.append(Bullets(tuple(kinds["summary"].tolist())))
    return blocks


def crime_stats_section(con, code: str, start: dt.date, end: dt.date, lang: str) -> list:
    """Brå's reported crimes month by month in the period, against the same months a year before."""
    now = period.crime_stats_monthly(con, code, start, end)
    before = period.crime_stats_monthly(con, code, shift_year(start, -1), shift_year(end, -1))
    if now.empty:
        return [Paragraph(t("reports.bra.none", lang), "muted")]
    months = sorted(now["month"].unique())
    pivot = now.pivot_table(index="label", columns="month", values="count", aggfunc="sum", fill_value=0)
    # the same months a year before (Brå publishes month by month: a quarter may be partly out)
    months_now = {pd.Timestamp(m).date() for m in now["month"]}
    before = before[[shift_year(pd.Timestamp(m).date(), 1) in months_now for m in before["month"]]]
    last_total = before.groupby("label")["count"].sum()
    last_month = max(months_now)
    covered_end = (pd.Timestamp(last_month) + pd.offsets.MonthEnd(0)).date()
    missing = missing_for(con, code, "bra", min(months_now), covered_end, lang)
    totals = [
        (str(label), values, float(values.sum()), float(last_total.get(label, 0)))
        for label, values in pivot.iterrows()
    ]
    verdicts, tests = judged_table([(total, prev, missing) for _, _, total, prev in totals], lang)
    ranked = [
        (
            total,
            (
                label,
                *[num(values[m], 0, lang) for m in months],
                num(total, 0, lang),
                num(prev, 0, lang),
                verdict,
            ),
        )
        for (label, values, total, prev), verdict in zip(totals, verdicts, strict=True)
    ]
    rows = [row for _, row in sorted(ranked, key=lambda pair: -pair[0])]
    month_names = [i18n.month_name(pd.Timestamp(m).month, lang, short=True) for m in months]
    preliminary = bool(now["preliminary"].any())
    widths = (30, *[9] * len(months), 10, 11, 22)
    blocks: list = [
        Table(
            (
                t("reports.col.crime", lang),
                *month_names,
                t("reports.col.total", lang),
                t("reports.col.last_year", lang),
                t("reports.col.verdict", lang),
            ),
            tuple(rows),
            col_widths=widths,
            numeric_cols=tuple(range(1, len(months) + 3)),
        )
    ]
    note = chance_note(tests, lang)
    if note is not None:
        blocks.append(note)
    if preliminary:
        blocks.append(Paragraph(t("reports.bra.preliminary", lang), "muted"))
    return blocks


def status_weeks_text(con, code: str, start: dt.date, end: dt.date, rule, lang: str) -> list[str]:
    """Sentences on the areas that were red most weeks."""
    weeks = period.status_weeks(con, code, start, end, rule)
    if weeks.empty:
        return []
    names = dict(zip(queries.areas(con, code)["id"], queries.areas(con, code)["name"], strict=True))
    red = weeks[weeks["röd"] > 0].sort_values("röd", ascending=False).head(4)
    total = int(weeks[["röd", "gul", "grön"]].sum(axis=1).max())
    parts = [f"{names.get(r.area_id, r.area_id)} ({int(r.röd)})" for r in red.itertuples()]
    if not parts:
        return [t("reports.status.no_red", lang)]
    longest = rounds.longest(con, start, end)  # counts of rounds; said so when rounds are two weeks
    return [rounds.text("reports.status.red_weeks", lang, longest, areas=", ".join(parts), weeks=total)]


def municipality(con, code: str, lang: str) -> str:
    return data.municipality_title(data.municipality_name(con, code), lang)
