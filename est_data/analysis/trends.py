"""When things happen: weekday, hour, weekday × hour, month by year, weekly series, risk dates.

Every aggregation runs in DuckDB over the table macros of schema 003 (`trend_events` for counts and
costs, as redefined by 007; `trend_levels` for survey levels); only the aggregates reach pandas.
Police events use `incident.occurred_at` (when it happened, not when it was published) and summaries
(`is_summary`) are never counted. Events without an exact time are never put at 00:00: incidents
known only to the day (`time_precision` 'day') are spread over its 24 hours, from-to windows
('window', `occurred_to`) over their hours, as are reporters' event reports that give only a part of
the day or a time window (aoristic weighting; every total is kept). `time_counts` says how many.

Measures (`MEASURES`): police events, fault reports (felanmälan) and their cost, reporters' event
reports, and a survey factor's mean level (which has weeks, not hours: no weekday or hour view).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import holidays
import pandas as pd

from est_data import i18n
from est_data.analysis import compstat
from est_data.model import Filters


@dataclass(frozen=True)
class Measure:
    key: str
    source: str | None  # incident.source, or None
    use_cost: bool = False
    with_observations: bool = False
    survey: bool = False

    @property
    def has_hours(self) -> bool:
        return not self.survey

    @property
    def is_count(self) -> bool:
        """Counts can be compared with Poisson tests; costs and levels cannot."""
        return not (self.use_cost or self.survey)


MEASURES: dict[str, Measure] = {
    "polisen": Measure("polisen", "polisen"),
    "felanmalan": Measure("felanmalan", "felanmalan"),
    "felanmalan_cost": Measure("felanmalan_cost", "felanmalan", use_cost=True),
    "rapportor": Measure("rapportor", None, with_observations=True),
    "survey_level": Measure("survey_level", None, survey=True),
}

LONG_SPANS = ("period", "3y", "all")


REGISTER_PREFIX = "register:"  # a register's events: "register:Trelleborgshem" (its incident.source)


def measure(key: str) -> Measure:
    if key.startswith(REGISTER_PREFIX) and key[len(REGISTER_PREFIX) :]:
        return Measure(key, key[len(REGISTER_PREFIX) :])
    if key not in MEASURES:
        raise ValueError(f"okänt mått: {key}")
    return MEASURES[key]


def measure_keys(con, municipality_code: str | None = None) -> list[str]:
    """The measures to choose from: the built-in ones with each incident register's events after the
    fault reports (every register is a source of its own, never mixed into felanmälan)."""
    from est_data.ingest import register

    keys = list(MEASURES)
    at = keys.index("felanmalan_cost") + 1
    return (
        keys[:at] + [REGISTER_PREFIX + name for name in register.sources(con, municipality_code)] + keys[at:]
    )


def measure_label(key: str, lang: str = "sv") -> str:
    if key.startswith(REGISTER_PREFIX):
        return i18n.t("trends.measure.register", lang, name=key[len(REGISTER_PREFIX) :])
    return i18n.t(f"trends.measure.{key}", lang)


def unit_label(key: str, lang: str = "sv") -> str:
    if key.startswith(REGISTER_PREFIX):
        return i18n.t("trends.unit.register", lang, name=key[len(REGISTER_PREFIX) :])
    return i18n.t(f"trends.unit.{key}", lang)


def _event_args(m: Measure, filters: Filters, start: dt.date | None = None) -> list:
    return [
        m.source,
        m.use_cost,
        m.with_observations,
        filters.municipality_code,
        filters.area_list(),
        start or filters.start,
        filters.end,
    ]


def _level_args(factor: str | None, filters: Filters, start: dt.date | None = None) -> list:
    return [factor, filters.municipality_code, filters.area_list(), start or filters.start, filters.end]


# ------------------------------------------------------------------------------------------- hours


def weekday_counts(con, filters: Filters, measure_key: str) -> pd.DataFrame:
    """Columns weekday (0 = Monday) and value, always 7 rows."""
    m = measure(measure_key)
    if not m.has_hours:
        return pd.DataFrame({"weekday": range(7), "value": [float("nan")] * 7})
    df = con.execute(
        "with final as ("
        "  select cast(isodow(day) - 1 as integer) as weekday, sum(weight * value) as value"
        "  from trend_events(?, ?, ?, ?, ?, ?, ?)"
        "  group by 1"
        ")"
        " select * from final order by weekday",
        _event_args(m, filters),
    ).df()
    return _complete(df, "weekday", range(7))


def hour_counts(con, filters: Filters, measure_key: str) -> pd.DataFrame:
    """Columns hour (0–23) and value, always 24 rows."""
    m = measure(measure_key)
    if not m.has_hours:
        return pd.DataFrame({"hour": range(24), "value": [float("nan")] * 24})
    df = con.execute(
        "select hour, sum(weight * value) as value"
        " from trend_events(?, ?, ?, ?, ?, ?, ?)"
        " group by hour"
        " order by hour",
        _event_args(m, filters),
    ).df()
    return _complete(df, "hour", range(24))


def weekday_hour_matrix(con, filters: Filters, measure_key: str) -> pd.DataFrame:
    """A 7 × 24 table: rows weekday 0–6 (Monday first), columns hour 0–23, values summed."""
    m = measure(measure_key)
    full = pd.DataFrame(
        0.0, index=pd.Index(range(7), name="weekday"), columns=pd.Index(range(24), name="hour")
    )
    if not m.has_hours:
        return full
    df = con.execute(
        "select cast(isodow(day) - 1 as integer) as weekday, hour, sum(weight * value) as value"
        " from trend_events(?, ?, ?, ?, ?, ?, ?)"
        " group by all",
        _event_args(m, filters),
    ).df()
    if df.empty:
        return full
    matrix = df.pivot_table(index="weekday", columns="hour", values="value", aggfunc="sum")
    return matrix.reindex(index=full.index, columns=full.columns, fill_value=0.0).fillna(0.0)


def time_counts(con, filters: Filters, measure_key: str) -> dict[str, int]:
    """How many events of the measure have an exact time and how many only a day or a window
    ({'exact': n, 'inexact': m}): the hour charts spread the inexact ones over their window (aoristic
    weighting, schema 007) and must say how many there are."""
    m = measure(measure_key)
    if not m.has_hours:
        return {"exact": 0, "inexact": 0}
    row = con.execute(
        # an event's weights add up to 1, so summed weights count events
        "select coalesce(sum(weight) filter (where exact = 1), 0) as exact,"
        "       coalesce(sum(weight) filter (where exact = 0), 0) as inexact"
        " from trend_events(?, ?, ?, ?, ?, ?, ?)",
        _event_args(m, filters),
    ).fetchone()
    return {"exact": round(row[0]), "inexact": round(row[1])} if row else {"exact": 0, "inexact": 0}


def _complete(df: pd.DataFrame, column: str, keys: range) -> pd.DataFrame:
    frame = pd.DataFrame({column: list(keys)})
    out = frame.merge(df, on=column, how="left")
    out["value"] = out["value"].astype(float).fillna(0.0)
    return out


# ------------------------------------------------------------------------------------------ series


def long_start(con, filters: Filters, span: str) -> dt.date:
    """The first day of the long views (month by year, weekly series): the sidebar period, the three
    years before its end, or all data."""
    if span == "period":
        return filters.start
    if span == "3y":
        three_years = filters.end.replace(year=filters.end.year - 3) + dt.timedelta(days=1)
        if three_years.day != 1:  # whole months, so the first month is not a dip
            three_years = (three_years.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return min(filters.start, three_years)
    row = con.execute(
        "select least("
        "  (select min(cast(occurred_at as date)) from incident where not is_summary),"
        "  (select min(coalesce(occurred_date, cast(reported_at as date))) from observation),"
        "  (select min(cast(submitted_at as date)) from survey_response))"
    ).fetchone()
    first = row[0] if row and row[0] else filters.start
    return min(first, filters.start)


def daily_series(
    con, filters: Filters, measure_key: str, factor: str | None = None, start: dt.date | None = None
) -> pd.DataFrame:
    """Columns day and value for every day of the period (0 on days without events).

    For the survey measure the value is the mean level of the week's ratings, on the week's Monday.
    """
    m = measure(measure_key)
    first = start or filters.start
    if m.survey:
        df = con.execute(
            "select day0 as day, avg(value) as value"
            " from trend_levels(?, ?, ?, ?, ?)"
            " group by day0"
            " order by day0",
            _level_args(factor, filters, first),
        ).df()
        return df
    df = con.execute(
        "with days as ("
        "  select cast(unnest(generate_series(cast(? as date), cast(? as date), interval 1 day)) as date) as day"
        "), counts as ("
        "  select day0 as day, sum(weight * value) as value"
        "  from trend_events(?, ?, ?, ?, ?, ?, ?)"
        "  group by day0"
        "), final as ("
        "  select d.day, coalesce(c.value, 0) as value"
        "  from days d"
        "  left join counts c on c.day = d.day"
        ")"
        " select * from final order by day",
        [first, filters.end, *_event_args(m, filters, first)],
    ).df()
    df["day"] = pd.to_datetime(df["day"]).dt.date
    return df


def weekly_series(
    con,
    filters: Filters,
    measure_key: str,
    factor: str | None = None,
    start: dt.date | None = None,
    window: int = 4,
) -> pd.DataFrame:
    """Columns week_start (Monday), iso_year, iso_week, value and rolling (mean of the last `window`
    weeks). For counts the partial first and last weeks are left out, so they do not look like dips."""
    m = measure(measure_key)
    first = start or filters.start
    if m.survey:
        df = con.execute(
            "select day0 as week_start, avg(value) as value, count(*) as n"
            " from trend_levels(?, ?, ?, ?, ?)"
            " group by day0"
            " order by day0",
            _level_args(factor, filters, first),
        ).df()
    else:
        df = con.execute(
            "with weeks as ("
            "  select cast(unnest(generate_series(cast(date_trunc('week', cast(? as date)) as date),"
            "                                      cast(? as date), interval 7 day)) as date) as week_start"
            "), counts as ("
            "  select cast(date_trunc('week', day0) as date) as week_start, sum(weight * value) as value"
            "  from trend_events(?, ?, ?, ?, ?, ?, ?)"
            "  group by 1"
            "), final as ("
            "  select w.week_start, coalesce(c.value, 0) as value"
            "  from weeks w"
            "  left join counts c on c.week_start = w.week_start"
            "  where w.week_start >= cast(? as date)"
            "    and w.week_start + 6 <= cast(? as date)"
            ")"
            " select * from final order by week_start",
            [first, filters.end, *_event_args(m, filters, first), first, filters.end],
        ).df()
    df["week_start"] = pd.to_datetime(df["week_start"]).dt.date
    iso = [d.isocalendar() for d in df["week_start"]]
    df["iso_year"] = [int(i[0]) for i in iso]
    df["iso_week"] = [int(i[1]) for i in iso]
    df["rolling"] = df["value"].rolling(window, min_periods=1).mean()
    return df[["week_start", "iso_year", "iso_week", "value", "rolling"]]


def month_by_year(
    con, filters: Filters, measure_key: str, factor: str | None = None, start: dt.date | None = None
) -> pd.DataFrame:
    """Columns year, month (1–12) and value: one line per year shows the season."""
    m = measure(measure_key)
    first = start or filters.start
    if m.survey:
        return con.execute(
            "select cast(year(day0) as integer) as year, cast(month(day0) as integer) as month,"
            "       avg(value) as value"
            " from trend_levels(?, ?, ?, ?, ?)"
            " group by all"
            " order by year, month",
            _level_args(factor, filters, first),
        ).df()
    df = con.execute(
        "with months as ("
        "  select cast(unnest(generate_series(cast(date_trunc('month', cast(? as date)) as date),"
        "                                      cast(? as date), interval 1 month)) as date) as month_start"
        "), counts as ("
        "  select cast(date_trunc('month', day0) as date) as month_start, sum(weight * value) as value"
        "  from trend_events(?, ?, ?, ?, ?, ?, ?)"
        "  group by 1"
        "), final as ("
        "  select cast(year(m.month_start) as integer) as year, cast(month(m.month_start) as integer) as month,"
        "         coalesce(c.value, 0) as value,"
        "         m.month_start >= cast(? as date) and last_day(m.month_start) <= cast(? as date) as complete"
        "  from months m"
        "  left join counts c on c.month_start = m.month_start"
        ")"
        " select * from final order by year, month",
        [first, filters.end, *_event_args(m, filters, first), first, filters.end],
    ).df()
    return _complete_only(df)


def _complete_only(df: pd.DataFrame) -> pd.DataFrame:
    """Months or weeks only partly inside the period would look like dips: leave them out (unless
    that leaves almost nothing, for a very short period)."""
    complete = df[df["complete"].astype(bool)]
    chosen = complete if len(complete) >= 2 else df
    return chosen.drop(columns="complete").reset_index(drop=True)


def grain_for(filters: Filters) -> str:
    """Months for periods longer than about four months, else ISO weeks."""
    return "month" if (filters.end - filters.start).days > 120 else "week"


def by_group(
    con, filters: Filters, measure_key: str, group: str, factor: str | None = None, lang: str = "sv"
) -> pd.DataFrame:
    """Small multiples: columns group (area name or category), period (first day of month or week)
    and value, for every group with data and every whole period (0 where nothing happened).

    group is 'area' or 'category' (for the survey measure: the factor, named in lang)."""
    if group not in ("area", "category"):
        raise ValueError(group)
    m = measure(measure_key)
    grain = grain_for(filters)
    no_area, unknown = i18n.t("trends.no_area", lang), i18n.t("trends.unknown_category", lang)
    if m.survey:
        df = con.execute(
            "select case when ? = 'area' then a.name"
            "            when ? = 'en' then f.label_en"
            "            else f.label_sv end as grp,"
            "       cast(date_trunc(?, t.day0) as date) as period, avg(t.value) as value"
            " from trend_levels(?, ?, ?, ?, ?) t"
            " left join area a on a.id = t.area_id"
            " left join factor f on f.code = t.category"
            " group by all",
            [group, lang, grain, *_level_args(None if group == "category" else factor, filters)],
        ).df()
        return _complete_groups(df, grain, filters, fill=None)
    df = con.execute(
        "select case when ? = 'area' then coalesce(a.name, ?)"
        "            when ? = 'en' then coalesce(f.label_en, t.category, ?)"
        "            else coalesce(f.label_sv, t.category, ?) end as grp,"
        "       cast(date_trunc(?, t.day0) as date) as period, sum(t.weight * t.value) as value"
        " from trend_events(?, ?, ?, ?, ?, ?, ?) t"
        " left join area a on a.id = t.area_id"
        " left join factor f on f.code = t.category"
        " group by all",
        [group, no_area, lang, unknown, unknown, grain, *_event_args(m, filters)],
    ).df()
    return _complete_groups(df, grain, filters, fill=0.0)


def _complete_groups(df: pd.DataFrame, grain: str, filters: Filters, fill: float | None) -> pd.DataFrame:
    df = df.rename(columns={"grp": "group"})
    if df.empty:
        return pd.DataFrame(columns=["group", "period", "value"])
    df["period"] = pd.to_datetime(df["period"]).dt.date
    first = (
        filters.start.replace(day=1)
        if grain == "month"
        else filters.start - dt.timedelta(days=filters.start.weekday())
    )
    periods = pd.date_range(first, filters.end, freq="MS" if grain == "month" else "W-MON").date
    full = pd.MultiIndex.from_product([sorted(df["group"].unique()), periods], names=["group", "period"])
    out = df.set_index(["group", "period"])["value"].reindex(full)
    if fill is not None:
        out = out.fillna(fill)
    out = out.reset_index()
    step = pd.DateOffset(months=1) if grain == "month" else pd.DateOffset(days=7)
    ends = [(pd.Timestamp(p) + step - pd.Timedelta(days=1)).date() for p in out["period"]]
    out["complete"] = [
        p >= filters.start and e <= filters.end for p, e in zip(out["period"], ends, strict=True)
    ]
    out = _complete_only(out)
    totals = out.groupby("group")["value"].sum().sort_values(ascending=False)
    out["group"] = pd.Categorical(out["group"], categories=list(totals.index), ordered=True)
    return (
        out.sort_values(["group", "period"])
        .reset_index(drop=True)
        .assign(group=lambda d: d["group"].astype(str))
    )


# ---------------------------------------------------------------------------------- holidays, risk

RISK_NAMES = ("valborg", "skolavslutning", "midsommar", "halloween", "nyar")


def _school_end(year: int) -> dt.date:
    """Skolavslutningen: the Friday between 9 and 15 June (when most Swedish schools end)."""
    day = dt.date(year, 6, 9)
    return day + dt.timedelta(days=(4 - day.weekday()) % 7)


def _midsummer_eve(year: int) -> dt.date:
    day = dt.date(year, 6, 19)
    return day + dt.timedelta(days=(4 - day.weekday()) % 7)


def risk_periods(year: int) -> dict[str, list[dt.date]]:
    """The risk dates of a year and the days each covers (the evening and the night after).

    Valborg (30 April and 1 May), skolavslutning (its Friday and Saturday), midsommarafton (and
    midsommardagen), Halloween weekend (31 October and the Friday–Sunday of Alla helgons dag) and
    nyårsafton (31 December and 1 January of the next year).
    """
    school = _school_end(year)
    midsummer = _midsummer_eve(year)
    oct31 = dt.date(year, 10, 31)
    all_saints = oct31 + dt.timedelta(days=(5 - oct31.weekday()) % 7)  # Saturday 31 Oct–6 Nov
    halloween = sorted(
        {oct31, all_saints - dt.timedelta(days=1), all_saints, all_saints + dt.timedelta(days=1)}
    )
    return {
        "valborg": [dt.date(year, 4, 30), dt.date(year, 5, 1)],
        "skolavslutning": [school, school + dt.timedelta(days=1)],
        "midsommar": [midsummer, midsummer + dt.timedelta(days=1)],
        "halloween": halloween,
        "nyar": [dt.date(year, 12, 31), dt.date(year + 1, 1, 1)],
    }


def holiday_table(start: dt.date, end: dt.date, lang: str = "sv") -> pd.DataFrame:
    """Swedish public holidays and eves (the `holidays` package) and the risk dates between start and
    end: columns date, name, kind ('helgdag' or 'risk'), risk (risk key or None)."""
    years = list(range(start.year - 1, end.year + 1))
    language = "sv" if lang == "sv" else "en_US"
    days = holidays.country_holidays("SE", years=years, language=language, categories=("public", "de_facto"))
    rows = []
    for day, name in days.items():
        if start <= day <= end and "14.00" not in name and "14:00" not in name and "2 PM" not in name:
            rows.append({"date": day, "name": name, "kind": "helgdag", "risk": None})
    for year in years:
        for key, dates in risk_periods(year).items():
            first = dates[0]
            if start <= first <= end:
                rows.append({"date": first, "name": key, "kind": "risk", "risk": key})
    df = pd.DataFrame(rows, columns=["date", "name", "kind", "risk"])
    return df.sort_values(["date", "kind"]).reset_index(drop=True)


def risk_weekend_table(con, filters: Filters, measure_key: str) -> pd.DataFrame:
    """Counts on each risk date in the period against ordinary weekend days.

    One row per risk occasion: risk, year, first and last day, days, value, per_day, the ordinary
    weekend-day average of the same year (Friday–Sunday that are neither risk days nor holidays),
    ratio, and a Poisson judgement for counts (compstat.judge; None for costs and levels), judged on
    p adjusted across the table's rows (q_value, Benjamini-Hochberg: compstat.adjust_table).
    """
    m = measure(measure_key)
    columns = [
        "risk",
        "year",
        "first_day",
        "last_day",
        "days",
        "value",
        "per_day",
        "ordinary_per_day",
        "ratio",
        "verdict",
        "p_value",
        "q_value",
    ]
    if m.survey:
        return pd.DataFrame(columns=columns)
    daily = daily_series(con, filters, measure_key)
    if daily.empty:
        return pd.DataFrame(columns=columns)
    values = dict(zip(daily["day"], daily["value"], strict=True))
    years = range(filters.start.year - 1, filters.end.year + 1)
    risk_days: set[dt.date] = set()
    periods: list[tuple[str, int, list[dt.date]]] = []
    for year in years:
        for key, dates in risk_periods(year).items():
            risk_days.update(dates)
            inside = [d for d in dates if filters.start <= d <= filters.end]
            if len(inside) == len(dates):
                periods.append((key, year, dates))
    holiday_days = set(holidays.country_holidays("SE", years=list(years), categories=("public", "de_facto")))
    ordinary: dict[int, list[float]] = {}
    for day, value in values.items():
        if day.weekday() >= 4 and day not in risk_days and day not in holiday_days:
            ordinary.setdefault(day.year, []).append(value)
    rows = []
    for key, year, dates in periods:
        total = float(sum(values.get(d, 0.0) for d in dates))
        base = ordinary.get(year) or ordinary.get(year - 1) or []
        base_total, base_days = float(sum(base)), len(base)
        ordinary_per_day = base_total / base_days if base_days else float("nan")
        per_day = total / len(dates)
        verdict = p_value = None
        if m.is_count and base_days:
            result = compstat.judge(round(total), len(dates), round(base_total), base_days)
            verdict, p_value = result.verdict, result.p_value
        rows.append(
            {
                "risk": key,
                "year": year,
                "first_day": dates[0],
                "last_day": dates[-1],
                "days": len(dates),
                "value": total,
                "per_day": per_day,
                "ordinary_per_day": ordinary_per_day,
                "ratio": per_day / ordinary_per_day if ordinary_per_day else float("nan"),
                "verdict": verdict,
                "p_value": p_value,
            }
        )
    table = pd.DataFrame(rows, columns=columns[:-1]).sort_values("first_day").reset_index(drop=True)
    return compstat.adjust_table(table, [("p_value", "verdict", "q_value")])[columns]


def risk_summary(table: pd.DataFrame) -> pd.DataFrame:
    """The risk table summed per risk date over the years: risk, occasions, per_day, ordinary_per_day, ratio."""
    if table.empty:
        return pd.DataFrame(columns=["risk", "occasions", "per_day", "ordinary_per_day", "ratio"])
    grouped = (
        table.assign(base=table["ordinary_per_day"] * table["days"])
        .groupby("risk", sort=False)
        .agg(occasions=("year", "count"), value=("value", "sum"), days=("days", "sum"), base=("base", "sum"))
    )
    grouped["per_day"] = grouped["value"] / grouped["days"]
    grouped["ordinary_per_day"] = grouped["base"] / grouped["days"]
    grouped["ratio"] = grouped["per_day"] / grouped["ordinary_per_day"]
    order = [r for r in RISK_NAMES if r in grouped.index]
    return grouped.loc[order, ["occasions", "per_day", "ordinary_per_day", "ratio"]].reset_index()
