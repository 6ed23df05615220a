"""Karta's "Risk nästa vecka" layer: reads the weeks of positioned events from DuckDB, runs
`analysis.riskmap` (the prediction and its accuracy on held-out weeks) on the hotspot layer's grid.

Weeks are seven-day blocks ending on the query's last day (`EventQuery.end`, the reference date on
Karta's first view); the prediction is for the seven days after it. The query's start is not used:
the method reads its own history (`Settings.history_weeks`). Only events with a real position
('exact', 'place') count, as on the rest of the map.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from est_data import incidents
from est_data.analysis import hotspots, riskmap

EARLIEST = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class RiskResult:
    """The risk map of one query: the analysis, the grid's cell size and the weeks' dates."""

    risk: riskmap.RiskMap
    cell: float
    end: dt.date  # last day of data; the prediction covers end + 1 .. end + 7
    has_region: bool

    def week_dates(self, back: int) -> tuple[dt.date, dt.date]:
        """First and last day of the week `back` weeks before the last one (0 = the last week)."""
        last = self.end - dt.timedelta(days=7 * back)
        return last - dt.timedelta(days=6), last

    @property
    def forecast_dates(self) -> tuple[dt.date, dt.date]:
        return self.end + dt.timedelta(days=1), self.end + dt.timedelta(days=7)


def weekly_points(con, q: incidents.EventQuery, weeks: int) -> pd.DataFrame:
    """Positioned events of the `weeks` seven-day blocks ending on q.end, binned to ~10 m:
    back (0 = the last block), lat, lon, n."""
    start = q.end - dt.timedelta(days=7 * weeks - 1)
    window = incidents.EventQuery(q.municipality_code, start, q.end, q.area_ids, q.sources, q.categories)
    return con.execute(
        "select cast(floor(date_diff('day', day, cast(? as date)) / 7) as integer) as back,"
        "       round(lat, 4) as lat, round(lon, 4) as lon, count(*) as n"
        " from map_events(?, ?, ?, ?, ?, ?)"
        " where list_contains(?, precision) and lat is not null and lon is not null"
        " group by all",
        [q.end] + window.params() + [list(incidents.POINT_PRECISIONS)],
    ).df()


def first_day(con, q: incidents.EventQuery) -> dt.date | None:
    """The day of the first positioned event of the query's sources and categories (any time up to
    q.end): weeks before it are "no data", not "nothing happened"."""
    everything = incidents.EventQuery(
        q.municipality_code, EARLIEST, q.end, q.area_ids, q.sources, q.categories
    )
    row = con.execute(
        "select min(day)"
        " from map_events(?, ?, ?, ?, ?, ?)"
        " where list_contains(?, precision) and lat is not null and lon is not null",
        everything.params() + [list(incidents.POINT_PRECISIONS)],
    ).fetchone()
    return row[0] if row and row[0] is not None else None


def uncovered_rows(con, q: incidents.EventQuery, n_weeks: int, scored_weeks: int) -> frozenset[int]:
    """Rows of the week cube (oldest first) among the last `scored_weeks` that a chosen incident source
    does not cover (`analysis.coverage`: a gap in it, or the source ended before the week): they are not
    scored. Days before a source's first day are not a gap (the cube's first row handles them), nor are
    the last days after its latest row (a quiet source is not a missing one)."""
    from est_data.analysis import coverage

    covs = coverage.incident_coverage(con, q.municipality_code)
    chosen = [c for source, c in covs.items() if not q.sources or source in q.sources]
    rows = set()
    for back in range(scored_weeks):
        last = q.end - dt.timedelta(days=7 * back)
        first = last - dt.timedelta(days=6)
        for cov in chosen:
            ended = cov.last is not None and cov.last < first
            if ended or any(g0 <= last and g1 >= first for g0, g1 in cov.gaps):
                rows.add(n_weeks - 1 - back)
    return frozenset(rows)


def risk_map(
    con,
    q: incidents.EventQuery,
    cell: float = incidents.DEFAULT_CELL,
    settings: riskmap.Settings | None = None,
) -> RiskResult:
    """The risk map for the week after q.end and its accuracy on the weeks before (see analysis.riskmap)."""
    s = settings or riskmap.Settings()
    n_weeks = s.history_weeks
    points = weekly_points(con, q, n_weeks)
    region = incidents.study_region(con, q)
    grid = hotspots.grid_counts(points, cell, region)
    first = first_day(con, q)
    first_row = 0
    if first is not None:
        first_row = max(0, n_weeks - 1 - (q.end - first).days // 7)
    cube = riskmap.week_cube(points, grid.cells, grid.cell, n_weeks)
    skip = uncovered_rows(con, q, n_weeks, s.scored_weeks)
    risk = riskmap.assess(cube, grid.cells, grid.cell, first_row, s, skip)
    return RiskResult(risk, grid.cell, q.end, region is not None)


def _day(day: dt.date, lang: str) -> str:
    from est_data import i18n

    return i18n.t("risk.day", lang, day=day.day, month=i18n.month_name(day.month, lang, short=True))


def period_label(start: dt.date, end: dt.date, lang: str) -> str:
    """'17–23 nov', '27 okt–2 nov' (a week's days, as the table and the title say them)."""
    first = str(start.day) if start.month == end.month else _day(start, lang)
    return f"{first}–{_day(end, lang)}"


def title(result: RiskResult, lang: str) -> str:
    from est_data import i18n

    return i18n.t("risk.title", lang, period=period_label(*result.forecast_dates, lang))


def verdict_text(result: RiskResult, lang: str) -> tuple[str, str]:
    """(kind, text): kind is the verdict ("none", "better", "no_difference", "worse"); text says it in
    words with the interval, as the page shows it."""
    from est_data import i18n

    risk = result.risk
    s = risk.settings
    c = risk.comparison
    if c is None:
        return "none", i18n.t("risk.verdict.none", lang, n=len(risk.weeks), min=s.min_scored_weeks)

    def points(v: float) -> str:
        return i18n.number(100 * v, 1, lang)

    text = i18n.t(
        f"risk.verdict.{c.verdict}",
        lang,
        diff=points(c.mean_difference),
        low=points(c.low),
        high=points(c.high),
        conf=i18n.number(100 * s.confidence, 0, lang),
        better=c.better_weeks,
        worse=c.worse_weeks,
        n=len(risk.weeks),
    )
    return c.verdict, text + " " + i18n.t("risk.sign_test", lang, p=i18n.number(c.sign_p, 3, lang))


def accuracy_table(result: RiskResult, lang: str) -> pd.DataFrame:
    """The held-out weeks, newest first, and a last row for all weeks pooled: week, events, hit rate and
    PAI of the method and of the naive map (hit rates as percent text, PAI with one decimal)."""
    from est_data import i18n

    def pct(v: float) -> str:
        return f"{i18n.number(100 * v, 0, lang)} %"

    def pai(v: float) -> str:
        return i18n.number(v, 1, lang)

    rows = []
    for w in result.risk.weeks.sort_values("back").itertuples():
        start, end = result.week_dates(int(w.back))
        rows.append(
            [
                period_label(start, end, lang),
                int(w.events),
                pct(w.hit_rate),
                pai(w.pai),
                pct(w.naive_hit_rate),
                pai(w.naive_pai),
            ]
        )
    totals = result.risk.totals()
    if totals["weeks"]:
        rows.append(
            [
                i18n.t("risk.all_weeks", lang, n=totals["weeks"]),
                int(totals["events"]),
                pct(totals["hit_rate"]),
                pai(totals["pai"]),
                pct(totals["naive_hit_rate"]),
                pai(totals["naive_pai"]),
            ]
        )
    columns = ["week", "events", "hit_rate", "pai", "naive_hit_rate", "naive_pai"]
    return pd.DataFrame(rows, columns=columns).rename(
        columns={c: i18n.t(f"risk.col.{c}", lang) for c in columns}
    )


def flagged_note(result: RiskResult, lang: str) -> str | None:
    """ "Flagged: 5 % of the area (k of n cells of 200 m). d cells are drawn." (None when no map is shown)."""
    from est_data import i18n

    risk = result.risk
    if risk.shown == "none":
        return None
    n = len(risk.cells)
    return i18n.t(
        "risk.flagged",
        lang,
        share=i18n.number(100 * risk.area_share, 1, lang),
        k=i18n.number(round(risk.area_share * n), 0, lang),
        n=i18n.number(n, 0, lang),
        cell=int(result.cell),
        drawn=i18n.number(len(riskmap.flagged_cells(risk)), 0, lang),
    )


def with_risk(con, data: incidents.MapData, layers: tuple[str, ...], cell: float) -> incidents.MapData:
    """Karta's map data with the risk layer's result when the layer is chosen (else unchanged)."""
    if "risk" not in layers:
        return data
    return replace(data, risk=risk_map(con, data.query, cell))
