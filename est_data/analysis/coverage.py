"""Coverage before judgement: which days each source has data for.

A comparison whose periods a source does not fully cover is not judged: a police archive that
starts in mid-March 2023 makes 2024 Q1 look like an "ökning" against 2023 Q1, and weeks the police
fetch missed count as zero and show a reassuring fall. For every source this module gives the first
and last date with rows and the weeks with no rows where rows were expected, and says in words what
is missing in a period ("underlag saknas för januari–mars 2023") and how fresh the data is
("polisdata t.o.m. 2026-11-22").

Expected rows: a source's typical week is the median of its weeks with rows. A week with no rows, or
with at most a fifth of a typical week's, is a gap when a Poisson count around the typical week would
hardly ever be that low (P < 0.1 %; an empty week counts from a typical 7). Real counts vary more
than Poisson with the seasons (the sample's police: 11 in a winter week, 27 typical), hence the fifth. Sparse sources (a few rows a month) have empty weeks by nature;
for them only the first and last dates count. A real archive often starts thin (Malmö's police
events: a row or two a week for months before March 2023), which this finds as gaps.
Brå statistics are monthly: a month between the first and the last without a row is a gap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
from scipy import stats

from est_data import i18n

GAP_PROBABILITY = 0.001  # a week is a gap when a typical week would be that low less often than this
GAP_SHARE = 0.2  # ... and it has at most this share of a typical week's rows
SOURCE_KEYS = {
    "polisen": "coverage.source.polisen",
    "felanmalan": "coverage.source.felanmalan",
    "bra": "coverage.source.bra",
    "rapportör": "coverage.source.rapportor",
}


@dataclass(frozen=True)
class SourceCoverage:
    """One source's data span and its gaps (each gap a (first day, last day) span)."""

    source: str
    first: dt.date | None
    last: dt.date | None
    rows: int
    gaps: tuple[tuple[dt.date, dt.date], ...] = field(default_factory=tuple)

    def missing(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
        """The parts of [start, end] this source has no data for (before its first day, after its last
        day, and its gaps), merged and in order."""
        if self.first is None or self.last is None:
            return [(start, end)]
        spans = []
        if start < self.first:
            spans.append((start, min(end, self.first - dt.timedelta(days=1))))
        if end > self.last:
            spans.append((max(start, self.last + dt.timedelta(days=1)), end))
        for g0, g1 in self.gaps:
            if g0 <= end and g1 >= start:
                spans.append((max(g0, start), min(g1, end)))
        return _merge([s for s in spans if s[0] <= s[1]])

    def covers(self, start: dt.date, end: dt.date) -> bool:
        return not self.missing(start, end)


def _merge(spans: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    merged: list[tuple[dt.date, dt.date]] = []
    for s0, s1 in sorted(spans):
        if merged and s0 <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], s1))
        else:
            merged.append((s0, s1))
    return merged


def _weekly_gaps(weeks: pd.DataFrame, first: dt.date, last: dt.date) -> tuple[tuple[dt.date, dt.date], ...]:
    """Whole ISO weeks strictly between the first and the last week whose rows (none or a few) a
    typical week of the source would hardly ever fall to."""
    if weeks.empty:
        return ()
    typical = float(weeks["n"].median())
    if stats.poisson.cdf(0, typical) >= GAP_PROBABILITY:
        return ()
    have = dict(zip(pd.to_datetime(weeks["monday"]).dt.date, weeks["n"].astype(int), strict=True))
    monday = first - dt.timedelta(days=first.weekday()) + dt.timedelta(days=7)
    gaps = []
    while monday + dt.timedelta(days=6) < last:
        rows = have.get(monday, 0)
        if rows <= GAP_SHARE * typical and stats.poisson.cdf(rows, typical) < GAP_PROBABILITY:
            gaps.append((monday, monday + dt.timedelta(days=6)))
        monday += dt.timedelta(days=7)
    return tuple(_merge(gaps))


def incident_coverage(con, municipality_code: str) -> dict[str, SourceCoverage]:
    """Per incident source (police, fault reports, any other register) of the municipality."""
    spans = con.execute(
        "select source, cast(min(occurred_at) as date) as first, cast(max(occurred_at) as date) as last,"
        "       count(*) as n"
        " from incident"
        " where municipality_code = ?"
        "   and not is_summary"
        "   and occurred_at is not null"
        " group by source"
        " order by source",
        [municipality_code],
    ).fetchall()
    weekly = con.execute(
        "select source, cast(date_trunc('week', occurred_at) as date) as monday, count(*) as n"
        " from incident"
        " where municipality_code = ?"
        "   and not is_summary"
        "   and occurred_at is not null"
        " group by all",
        [municipality_code],
    ).df()
    out = {}
    for source, first, last, n in spans:
        weeks = weekly[weekly["source"] == source]
        out[source] = SourceCoverage(source, first, last, int(n), _weekly_gaps(weeks, first, last))
    return out


def bra_coverage(con, municipality_code: str) -> SourceCoverage | None:
    """Brå's monthly statistics of the whole municipality: months between the first and last missing."""
    months = [
        r[0]
        for r in con.execute(
            "select distinct period_start"
            " from crime_stat"
            " where municipality_code = ? and area_id is null"
            "   and period_start = date_trunc('month', period_start)"
            "   and period_end = last_day(period_start)"
            " order by 1",
            [municipality_code],
        ).fetchall()
    ]
    if not months:
        return None
    have = set(months)
    gaps = [
        (m, (pd.Timestamp(m) + pd.offsets.MonthEnd(0)).date())
        for m in pd.date_range(months[0], months[-1], freq="MS").date
        if m not in have
    ]
    last = (pd.Timestamp(months[-1]) + pd.offsets.MonthEnd(0)).date()
    return SourceCoverage("bra", months[0], last, len(months), tuple(_merge(gaps)))


def coverage(con, municipality_code: str) -> dict[str, SourceCoverage]:
    """Every source of the municipality: incident sources and Brå's statistics."""
    out = incident_coverage(con, municipality_code)
    bra = bra_coverage(con, municipality_code)
    if bra is not None:
        out["bra"] = bra
    return out


def table(con, municipality_code: str) -> pd.DataFrame:
    """One row per source: source, first, last, rows, gap_weeks (days in gaps / 7, rounded up)."""
    rows = [
        {
            "source": c.source,
            "first": c.first,
            "last": c.last,
            "rows": c.rows,
            "gap_days": sum((g1 - g0).days + 1 for g0, g1 in c.gaps),
            "gaps": "; ".join(f"{g0.isoformat()}–{g1.isoformat()}" for g0, g1 in c.gaps),
        }
        for c in coverage(con, municipality_code).values()
    ]
    return pd.DataFrame(rows, columns=["source", "first", "last", "rows", "gap_days", "gaps"])


# ------------------------------------------------------------------------------------------ words


def span_text(span: tuple[dt.date, dt.date], lang: str = "sv") -> str:
    """A missing span in words: whole months by name ("januari–mars 2023"), whole weeks by week
    ("v.12 2024"), else by days ("1 januari–14 mars 2023")."""
    s0, s1 = span
    whole_months = s0.day == 1 and (s1 + dt.timedelta(days=1)).day == 1
    if whole_months:
        first, last = i18n.month_name(s0.month, lang), i18n.month_name(s1.month, lang)
        if (s0.year, s0.month) == (s1.year, s1.month):
            return f"{first} {s0.year}"
        if s0.year == s1.year:
            return f"{first}–{last} {s0.year}"
        return f"{first} {s0.year}–{last} {s1.year}"
    w0, w1 = s0.isocalendar(), s1.isocalendar()
    if s0.weekday() == 0 and s1.weekday() == 6 and (s1 - s0).days < 35:
        if (w0.year, w0.week) == (w1.year, w1.week):
            return i18n.week_label(w0.year, w0.week, lang)
        return f"{i18n.week_label(w0.year, w0.week, lang)}–{i18n.week_label(w1.year, w1.week, lang)}"
    if s0.year == s1.year:
        return (
            f"{s0.day} {i18n.month_name(s0.month, lang)}–{s1.day} {i18n.month_name(s1.month, lang)} {s1.year}"
        )
    return f"{s0.isoformat()}–{s1.isoformat()}"


def missing_text(
    cov: SourceCoverage | None, periods: list[tuple[dt.date, dt.date]], lang: str = "sv"
) -> str | None:
    """None when the source covers every period of a comparison; else "underlag saknas för …"."""
    spans = (
        [(p0, p1) for p0, p1 in periods]
        if cov is None
        else _merge([s for p0, p1 in periods for s in cov.missing(p0, p1)])
    )
    if not spans:
        return None
    shown = ", ".join(span_text(s, lang) for s in spans[:3]) + (" …" if len(spans) > 3 else "")
    return i18n.t("coverage.missing", lang, spans=shown)


def freshness_text(
    covs: dict[str, SourceCoverage],
    lang: str = "sv",
    sources: tuple[str, ...] = ("polisen", "felanmalan", "bra"),
) -> str:
    """ "polisdata t.o.m. 2026-11-22, felanmälan t.o.m. 2026-11-21, Brå t.o.m. 2026-10-31" for the
    sources there are (other registers after them); "" when there is none."""
    ordered = [s for s in sources if s in covs] + sorted(s for s in covs if s not in sources)
    parts = []
    for source in ordered:
        cov = covs[source]
        if cov.last is None:
            continue
        key = SOURCE_KEYS.get(source)
        name = i18n.t(key, lang) if key else source
        parts.append(i18n.t("coverage.until", lang, source=name, day=cov.last.isoformat()))
    return ", ".join(parts)


def freshness_for(con, municipality_code: str, lang: str = "sv") -> str:
    """freshness_text of the municipality's sources (for a page's caption)."""
    return freshness_text(coverage(con, municipality_code), lang)
