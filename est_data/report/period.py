"""Figures over a period (a quarter or a year) for the quarterly and annual reports.

All aggregation happens in DuckDB; pandas only sees one row per area, category or month.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from est_data.analysis.situation import StatusRule


def week_range(start: dt.date, end: dt.date) -> tuple[int, int]:
    """The ISO weeks whose Thursday falls in [start, end], as sortable keys (year * 100 + week)."""
    first = start + dt.timedelta(days=(3 - start.weekday()) % 7)  # first Thursday on or after start
    last = end - dt.timedelta(days=(end.weekday() - 3) % 7)  # last Thursday on or before end
    y1, w1, _ = first.isocalendar()
    y2, w2, _ = last.isocalendar()
    return y1 * 100 + w1, y2 * 100 + w2


def events_by_category(con, code: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Police events and fault reports per source and category: count and cost."""
    return con.execute(
        "select source, coalesce(category, '–') as category, count(*) as events,"
        "       coalesce(sum(cost_sek), 0) as cost"
        " from incident"
        " where not is_summary"
        "   and municipality_code = ?"
        "   and cast(occurred_at as date) between ? and ?"
        " group by source, category"
        " order by source, events desc",
        [code, start, end],
    ).df()


def events_monthly(con, code: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Events per month, source and category: month (date of the first), source, category, events."""
    return con.execute(
        "select cast(date_trunc('month', occurred_at) as date) as month, source,"
        "       coalesce(category, '–') as category, count(*) as events"
        " from incident"
        " where not is_summary"
        "   and municipality_code = ?"
        "   and cast(occurred_at as date) between ? and ?"
        " group by all"
        " order by month",
        [code, start, end],
    ).df()


def area_figures(con, code: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Per active area: population, police events, fault reports and their cost, reporters' event
    reports, the mean survey level over all ratings, and the number of weeks with answers."""
    first, last = week_range(start, end)
    return con.execute(
        "with events as ("
        "  select area_id,"
        "         count(*) filter (where source = 'polisen') as police,"
        "         count(*) filter (where source = 'felanmalan') as faults,"
        "         coalesce(sum(cost_sek) filter (where source = 'felanmalan'), 0) as fault_cost"
        "  from incident"
        "  where not is_summary"
        "    and municipality_code = ?"
        "    and cast(occurred_at as date) between ? and ?"
        "  group by area_id"
        "), observations as ("
        "  select area_id, count(*) as observations"
        "  from observation"
        "  where coalesce(occurred_date, cast(reported_at as date)) between ? and ?"
        "  group by area_id"
        "), survey as ("
        "  select r.area_id, avg(s.level) as mean_level, count(distinct r.iso_year * 100 + r.iso_week) as weeks"
        "  from survey_response r"
        "  join survey_rating s on s.response_id = r.id"
        "  join factor f on f.code = s.factor_code and f.active"
        "  where r.iso_year * 100 + r.iso_week between ? and ?"
        "  group by r.area_id"
        "), final as ("
        "  select a.id as area_id, a.name as area, a.population,"
        "         coalesce(e.police, 0) as police, coalesce(e.faults, 0) as faults,"
        "         coalesce(e.fault_cost, 0) as fault_cost, coalesce(o.observations, 0) as observations,"
        "         s.mean_level, coalesce(s.weeks, 0) as weeks"
        "  from area a"
        "  left join events e on e.area_id = a.id"
        "  left join observations o on o.area_id = a.id"
        "  left join survey s on s.area_id = a.id"
        "  where a.municipality_code = ? and a.active"
        ")"
        " select * from final order by area",
        [code, start, end, start, end, first, last, code],
    ).df()


def weekly_statuses(con, code: str, start: dt.date, end: dt.date, rule: StatusRule) -> pd.DataFrame:
    """Status per area and week in the period (agreed at the meeting, else computed by the rule):
    columns area_id, week_key, status."""
    first, last = week_range(start, end)
    levels = con.execute(
        "select r.iso_year * 100 + r.iso_week as week_key, r.area_id, s.factor_code, max(s.level) as level"
        " from survey_response r"
        " join survey_rating s on s.response_id = r.id"
        " join area a on a.id = r.area_id"
        " join factor f on f.code = s.factor_code and f.active"
        " where a.municipality_code = ?"
        "   and r.iso_year * 100 + r.iso_week between ? and ?"
        " group by all",
        [code, first, last],
    ).df()
    if levels.empty:
        return pd.DataFrame(columns=["area_id", "week_key", "status"])
    computed = (
        levels.groupby(["area_id", "week_key"])["level"]
        .apply(lambda s: rule.status(s.tolist()))
        .rename("status")
        .reset_index()
    )
    decided = con.execute(
        "select area_id, iso_year * 100 + iso_week as week_key, status as decided"
        " from weekly_assessment"
        " where status is not null and iso_year * 100 + iso_week between ? and ?",
        [first, last],
    ).df()
    out = computed.merge(decided, on=["area_id", "week_key"], how="left")
    out["status"] = out["decided"].astype(object).where(out["decided"].notna(), out["status"])
    return out[["area_id", "week_key", "status"]]


def status_weeks(con, code: str, start: dt.date, end: dt.date, rule: StatusRule) -> pd.DataFrame:
    """Per area: weeks red, yellow and green in the period."""
    frame = weekly_statuses(con, code, start, end, rule)
    if frame.empty:
        return pd.DataFrame(columns=["area_id", "röd", "gul", "grön"])
    table = frame.pivot_table(
        index="area_id", columns="status", values="week_key", aggfunc="count", fill_value=0
    )
    for status in ("röd", "gul", "grön"):
        if status not in table.columns:
            table[status] = 0
    return table[["röd", "gul", "grön"]].reset_index()


def factor_weeks(con, code: str, start: dt.date, end: dt.date, min_level: int = 2) -> pd.DataFrame:
    """Per area and factor: weeks where the highest level reached min_level, the weeks with answers,
    and the mean level (the persistent problems of the period)."""
    first, last = week_range(start, end)
    return con.execute(
        "with per_week as ("
        "  select r.iso_year * 100 + r.iso_week as week_key, r.area_id, s.factor_code,"
        "         max(s.level) as level, avg(s.level) as mean_level"
        "  from survey_response r"
        "  join survey_rating s on s.response_id = r.id"
        "  join area a on a.id = r.area_id"
        "  join factor f on f.code = s.factor_code and f.active"
        "  where a.municipality_code = ?"
        "    and r.iso_year * 100 + r.iso_week between ? and ?"
        "  group by all"
        "), final as ("
        "  select area_id, factor_code,"
        "         count(*) filter (where level >= ?) as high_weeks,"
        "         count(*) as weeks,"
        "         avg(mean_level) as mean_level"
        "  from per_week"
        "  group by area_id, factor_code"
        ")"
        " select * from final order by high_weeks desc, mean_level desc",
        [code, first, last, min_level],
    ).df()


def factor_levels(con, code: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Per factor: the mean level over every rating in the period (the whole municipality)."""
    first, last = week_range(start, end)
    return con.execute(
        "select s.factor_code, avg(s.level) as mean_level, count(*) as ratings"
        " from survey_response r"
        " join survey_rating s on s.response_id = r.id"
        " join area a on a.id = r.area_id"
        " where a.municipality_code = ?"
        "   and r.iso_year * 100 + r.iso_week between ? and ?"
        " group by s.factor_code",
        [code, first, last],
    ).df()


def response_rate(con, code: str, start: dt.date, end: dt.date) -> tuple[float, int]:
    """The mean weekly share of active reporters who answered, and the number of weeks with answers."""
    first, last = week_range(start, end)
    row = con.execute(
        "with covering as ("
        "  select count(distinct ra.reporter_id) as n"
        "  from reporter_area ra"
        "  join reporter rp on rp.id = ra.reporter_id and rp.active"
        "  join area a on a.id = ra.area_id and a.active"
        "  where a.municipality_code = ?"
        "), weeks as ("
        "  select r.iso_year * 100 + r.iso_week as week_key, count(distinct r.reporter_id) as answered"
        "  from survey_response r"
        "  join area a on a.id = r.area_id"
        "  where a.municipality_code = ?"
        "    and r.iso_year * 100 + r.iso_week between ? and ?"
        "  group by week_key"
        ")"
        " select avg(answered) / nullif(max(c.n), 0), count(*) from weeks, covering c",
        [code, code, first, last],
    ).fetchone()
    return (float(row[0]) if row and row[0] is not None else 0.0), int(row[1] if row else 0)


def actions_in_period(con, code: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Actions under way at some time in the period (not cancelled), with area and partners."""
    return con.execute(
        "select ac.id, ac.title, ac.kind, a.name as area, ac.area_id, ac.partners, ac.responsible,"
        "       ac.start_date, ac.end_date, ac.status, ac.cost_sek,"
        "       ac.start_date between ? and ? as started_in_period"
        " from action ac"
        " left join place p on p.id = ac.place_id"
        " left join area a on a.id = coalesce(ac.area_id, p.area_id)"
        " where ac.status <> 'avbruten'"
        "   and ac.start_date <= ?"
        "   and (ac.end_date is null or ac.end_date >= ?)"
        "   and (a.municipality_code = ? or a.id is null)"
        " order by ac.start_date, ac.id",
        [start, end, end, start, code],
    ).df()


def reporter_organisations(con, code: str) -> pd.DataFrame:
    """Per area: how many active reporters and different organisations cover it."""
    return con.execute(
        "select ra.area_id, count(distinct rp.id) as reporters, count(distinct rp.organisation) as organisations"
        " from reporter_area ra"
        " join reporter rp on rp.id = ra.reporter_id and rp.active"
        " join area a on a.id = ra.area_id"
        " where a.municipality_code = ?"
        " group by ra.area_id",
        [code],
    ).df()


def crime_stats_monthly(con, code: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Brå's reported crimes per month and category for the whole municipality."""
    return con.execute(
        "select period_start as month, crime_label as label, sum(count) as count, bool_or(preliminary) as preliminary"
        " from crime_stat"
        " where municipality_code = ?"
        "   and area_id is null"
        "   and period_start >= ? and period_end <= ?"
        "   and period_start = date_trunc('month', period_start)"
        "   and period_end = last_day(period_start)"
        " group by all"
        " order by month, label",
        [code, start, end],
    ).df()


def crime_stats_yearly(con, code: str, first_year: int, last_year: int) -> pd.DataFrame:
    """Brå's reported crimes per year and category (from the monthly rows): year, label, count, months."""
    return con.execute(
        "select year(period_start) as year, crime_label as label, sum(count) as count,"
        "       count(distinct month(period_start)) as months, bool_or(preliminary) as preliminary"
        " from crime_stat"
        " where municipality_code = ?"
        "   and area_id is null"
        "   and year(period_start) between ? and ?"
        "   and period_start = date_trunc('month', period_start)"
        "   and period_end = last_day(period_start)"
        " group by all"
        " order by year, label",
        [code, first_year, last_year],
    ).df()


def need_and_influence(con, code: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The EST quarterly analysis: areas by need and by possibility to influence, each 0–100, the
    survey level's trend against the period before, and the group's judgement where recorded (the
    method: est_data.analysis.ranking). The quarterly page and the reports both call this."""
    from est_data import priorities
    from est_data.analysis import ranking

    figures = area_figures(con, code, start, end)
    if figures.empty:
        return figures
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    before_start = (pd.Timestamp(start) - pd.DateOffset(months=months)).date()
    judged_as_of = (end.year, (end.month - 1) // 3 + 1)
    return ranking.score(
        figures,
        actions_in_period(con, code, start, end),
        reporter_organisations(con, code),
        priorities.judgements(con, code, *judged_as_of),
        ranking.level_change(con, code, (before_start, start - dt.timedelta(days=1)), (start, end)),
    )
