"""Read functions: (con, filters ...) -> DataFrame or value. Parameterised SQL only."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from est_data import rounds
from est_data.model import IsoWeek


def is_empty(con) -> bool:
    return con.execute("select count(*) from area").fetchone()[0] == 0


def is_sample(con) -> bool:
    row = con.execute("select value from setting where name = 'is_sample'").fetchone()
    return bool(row and row[0] == "1")


def hotspot_municipalities(con) -> list[str]:
    """Municipalities whose Karta has hotspots to compute: events with a position, and an area layer or
    the municipality set in the settings. A national police import (centre points only) gives none, so
    an import does not compute 290 empty maps."""
    from est_data import config

    configured = config.get_setting(con, "municipality_code")
    rows = con.execute(
        "with positioned as ("
        "  select distinct i.municipality_code as code from incident i"
        "  where i.lat is not null and i.municipality_code is not null and not i.is_summary"
        "    and coalesce(i.location_precision, 'exact') not in ('municipality', 'county')"
        "  union"
        "  select distinct a.municipality_code from observation o join area a on a.id = o.area_id"
        "  where o.lat is not null"
        ")"
        " select code from positioned p"
        " where p.code = ? or exists (select 1 from area a where a.municipality_code = p.code)"
        " order by code",
        [configured],
    ).fetchall()
    return [r[0] for r in rows]


def municipalities_in_use(con) -> pd.DataFrame:
    """Municipalities with areas, incidents or crime statistics (a municipality that has imported only
    police events, without an area layer, can still see its trends and follow-up)."""
    return con.execute(
        "select m.code, m.name"
        " from municipality m"
        " where exists (select 1 from area a where a.municipality_code = m.code)"
        "    or exists (select 1 from incident i where i.municipality_code = m.code)"
        "    or exists (select 1 from crime_stat c where c.municipality_code = m.code)"
        " order by m.name"
    ).df()


def areas(con, municipality_code: str | None = None, active_only: bool = True) -> pd.DataFrame:
    return con.execute(
        "select id, municipality_code, name, kind, geometry_wkt, population, active"
        " from area"
        " where (? is null or municipality_code = ?)"
        "   and (active or not ?)"
        " order by name",
        [municipality_code, municipality_code, active_only],
    ).df()


def factors(con, active_only: bool = True) -> pd.DataFrame:
    return con.execute(
        "select code, label_sv, label_en, description, sort_order, active"
        " from factor"
        " where active or not ?"
        " order by sort_order, code",
        [active_only],
    ).df()


def latest_answer_week(con, municipality_code: str | None = None) -> IsoWeek | None:
    row = con.execute(
        "select r.iso_year, r.iso_week"
        " from survey_response r"
        " join area a on a.id = r.area_id"
        " where (? is null or a.municipality_code = ?)"
        " order by r.iso_year desc, r.iso_week desc"
        " limit 1",
        [municipality_code, municipality_code],
    ).fetchone()
    return IsoWeek(int(row[0]), int(row[1])) if row else None


def has_answers(con, week: IsoWeek, municipality_code: str | None = None) -> bool:
    row = con.execute(
        "select count(*)"
        " from survey_response r"
        " join area a on a.id = r.area_id"
        " where r.iso_year = ? and r.iso_week = ? and (? is null or a.municipality_code = ?)",
        [week.year, week.week, municipality_code, municipality_code],
    ).fetchone()
    return row[0] > 0


def reference_week(
    con, municipality_code: str | None = None, today: dt.date | None = None
) -> tuple[IsoWeek, bool]:
    """The round pages show by default, as its first week: the current round if it has answers, else the
    latest with answers (the sample ends in the past). Returns (week, is_current)."""
    current = rounds.round_of(con, today or dt.date.today()).start
    if has_answers(con, current, municipality_code):
        return current, True
    latest = latest_answer_week(con, municipality_code)
    return (latest, False) if latest else (current, True)


def reference_date(con, municipality_code: str | None = None, today: dt.date | None = None) -> dt.date:
    """The last day of data pages count up to: today, or the end of the reference round when older."""
    today = today or dt.date.today()
    week, is_current = reference_week(con, municipality_code, today)
    return today if is_current else rounds.round_of(con, week).sunday()


def response_rate(con, week: IsoWeek, municipality_code: str | None = None) -> tuple[int, int]:
    """(reporters who answered for the week, active reporters covering an area in the municipality)."""
    row = con.execute(
        "with covering as ("
        "  select distinct ra.reporter_id"
        "  from reporter_area ra"
        "  join reporter rp on rp.id = ra.reporter_id and rp.active"
        "  join area a on a.id = ra.area_id and a.active"
        "  where (? is null or a.municipality_code = ?)"
        "), answered as ("
        "  select distinct r.reporter_id"
        "  from survey_response r"
        "  where r.iso_year = ? and r.iso_week = ?"
        ")"
        " select (select count(*) from covering c where c.reporter_id in (select reporter_id from answered)),"
        "        (select count(*) from covering)",
        [municipality_code, municipality_code, week.year, week.week],
    ).fetchone()
    return int(row[0]), int(row[1])


def week_levels(
    con, week: IsoWeek, municipality_code: str | None = None, area_ids: list[int] | None = None
) -> pd.DataFrame:
    """Per area and factor: the week's highest and mean level across reporters, and the number of answers."""
    return con.execute(
        "select r.area_id, s.factor_code, max(s.level) as level, avg(s.level) as mean_level,"
        "       count(*) as answers"
        " from survey_response r"
        " join survey_rating s on s.response_id = r.id"
        " join area a on a.id = r.area_id"
        " join factor f on f.code = s.factor_code and f.active"
        " where r.iso_year = ? and r.iso_week = ?"
        "   and (? is null or a.municipality_code = ?)"
        "   and (? is null or list_contains(?, r.area_id))"
        " group by r.area_id, s.factor_code",
        [week.year, week.week, municipality_code, municipality_code, area_ids, area_ids],
    ).df()


def incident_counts_recent(
    con, end: dt.date, municipality_code: str | None = None, area_ids: list[int] | None = None
) -> pd.DataFrame:
    """Per source: events in the 7 days up to end, and the weekly average over the 4 weeks before.

    Summaries (police 'Sammanfattning …') are not incidents and are left out. Reporters' event
    reports (table observation) are counted as source 'rapportör'.
    """
    start_week = end - dt.timedelta(days=6)
    start_prev = start_week - dt.timedelta(days=28)
    return con.execute(
        "with events as ("
        "  select i.source, cast(i.occurred_at as date) as day, coalesce(i.cost_sek, 0) as cost"
        "  from incident i"
        "  left join area a on a.id = i.area_id"
        "  where not i.is_summary"
        "    and cast(i.occurred_at as date) between ? and ?"
        "    and (? is null or i.municipality_code = ?)"
        "    and (? is null or list_contains(?, i.area_id))"
        "  union all"
        "  select 'rapportör', coalesce(o.occurred_date, cast(o.reported_at as date)), 0"
        "  from observation o"
        "  left join area a on a.id = o.area_id"
        "  where coalesce(o.occurred_date, cast(o.reported_at as date)) between ? and ?"
        "    and (? is null or a.municipality_code = ?)"
        "    and (? is null or list_contains(?, o.area_id))"
        "), final as ("
        "  select source,"
        "         count(*) filter (where day >= ?) as last7,"
        "         count(*) filter (where day < ?) / 4.0 as avg4,"
        "         coalesce(sum(cost) filter (where day >= ?), 0) as cost_last7,"
        "         coalesce(sum(cost) filter (where day < ?), 0) / 4.0 as cost_avg4"
        "  from events"
        "  group by source"
        ")"
        " select * from final order by source",
        [
            start_prev,
            end,
            municipality_code,
            municipality_code,
            area_ids,
            area_ids,
            start_prev,
            end,
            municipality_code,
            municipality_code,
            area_ids,
            area_ids,
            start_week,
            start_week,
            start_week,
            start_week,
        ],
    ).df()


def running_actions(
    con, day: dt.date, municipality_code: str | None = None, area_ids: list[int] | None = None
) -> pd.DataFrame:
    """Actions under way on a day: started, not ended, and neither planned nor cancelled."""
    return con.execute(
        "select ac.id, ac.title, ac.kind, a.name as area, ac.start_date, ac.end_date, ac.responsible,"
        "       ac.partners, ac.status"
        " from action ac"
        " left join area a on a.id = ac.area_id"
        " where ac.status not in ('planerad', 'avbruten')"
        "   and ac.start_date <= ?"
        "   and (ac.end_date is null or ac.end_date >= ?)"
        "   and (? is null or a.municipality_code = ?)"
        "   and (? is null or list_contains(?, ac.area_id))"
        " order by ac.start_date desc",
        [day, day, municipality_code, municipality_code, area_ids, area_ids],
    ).df()
