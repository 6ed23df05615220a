"""Variants of the sample that look like the world rather than like a finished demo.

The sample is complete: every area answered every week, every optional field filled. A real
municipality is not. These functions turn a database with the sample loaded into:

- ``new_municipality``: only the municipality, its areas, places, factors and reporters (the day a
  municipality starts);
- ``holey``: the sample with answers missing for some areas and whole weeks, optional fields empty,
  actions made from priorities without categories, end date or place, a source with no rows, and the
  current week half answered;
- ``half_thursday``: the sample plus the current ISO week with about half of the answers in (a real
  Thursday morning before the meeting).
- ``rounds``: ``thursday`` with two-week survey rounds from last week on (issue 18): today lies in the
  round's second week, and the round's first answers are in.

They are used by the page × role × dataset tests and by anyone who wants to look at the app as a
new user would (``python -m est_data variant holey --db data/holey.duckdb``).
"""

from __future__ import annotations

import datetime as dt

from est_data import db, rounds
from est_data.model import IsoWeek

DATASETS = ("empty", "new", "sample", "holey", "thursday", "rounds")

# Everything a municipality accumulates after its first day; deleted to get a "new" municipality.
_ACCUMULATED = (
    "survey_rating",
    "survey_response",
    "observation",
    "incident",
    "crime_stat",
    "action",
    "weekly_assessment",
    "weekly_priority",
    "import_batch",
)


def _tables(con) -> set[str]:
    return {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}


def new_municipality(con) -> None:
    """Keep the municipality, its areas, places, factors and reporters; delete everything else."""
    present = _tables(con)
    with db.transaction(con):
        for table in _ACCUMULATED:
            if table in present:
                con.execute(f"delete from {table}")  # noqa: S608 - table names from the fixed tuple above
        if "survey_link" in present:
            con.execute("delete from survey_link")


def _latest_week(con) -> IsoWeek | None:
    row = con.execute(
        "select iso_year, iso_week from survey_response order by iso_year desc, iso_week desc limit 1"
    ).fetchone()
    return IsoWeek(int(row[0]), int(row[1])) if row else None


def _copy_week(con, source: IsoWeek, target: IsoWeek, area_ids: list[int], submitted_at: dt.datetime) -> int:
    """Copy the answers of `source` for `area_ids` into `target` (the current week's first answers)."""
    rows = con.execute(
        "select id, reporter_id, area_id, comment from survey_response"
        " where iso_year = ? and iso_week = ? and list_contains(?, area_id)"
        " order by id",
        [source.year, source.week, area_ids],
    ).fetchall()
    for old_id, reporter_id, area_id, comment in rows:
        new_id = con.execute(
            "insert into survey_response (iso_year, iso_week, reporter_id, area_id, submitted_at, comment, source)"
            " values (?, ?, ?, ?, ?, ?, 'form')"
            " on conflict do nothing returning id",
            [target.year, target.week, reporter_id, area_id, submitted_at, comment],
        ).fetchone()
        if new_id is None:
            continue
        con.execute(
            "insert into survey_rating (response_id, factor_code, level)"
            " select ?, factor_code, level from survey_rating where response_id = ?",
            [new_id[0], old_id],
        )
    return len(rows)


def half_thursday(con, today: dt.date | None = None) -> IsoWeek:
    """Add the current round (the ISO week, with weekly rounds) with answers for about half the areas
    (every other area by name), stored under the round's first week as the form stores them."""
    today = today or dt.date.today()
    current = rounds.round_of(con, today).start
    latest = _latest_week(con)
    if latest is None:
        return current
    areas = [int(r[0]) for r in con.execute("select id from area where active order by name").fetchall()]
    half = areas[::2]
    monday = current.monday()
    submitted = dt.datetime.combine(max(monday, today - dt.timedelta(days=1)), dt.time(9, 30))
    with db.transaction(con):
        if latest != current:
            _copy_week(con, latest, current, half, submitted)
        else:  # the data already reach this week: drop the answers of the other half
            other = [a for a in areas if a not in half]
            con.execute(
                "delete from survey_rating where response_id in (select id from survey_response"
                " where iso_year = ? and iso_week = ? and list_contains(?, area_id))",
                [current.year, current.week, other],
            )
            con.execute(
                "delete from survey_response where iso_year = ? and iso_week = ? and list_contains(?, area_id)",
                [current.year, current.week, other],
            )
    return current


def holey(con, today: dt.date | None = None) -> None:
    """Punch the holes a real municipality has into the sample (deterministic)."""
    latest = _latest_week(con)
    if latest is None:
        return
    areas = [int(r[0]) for r in con.execute("select id from area order by name").fetchall()]
    silent = areas[1:3]  # two areas that never answered in the last eight weeks
    recent = [latest.shift(-k) for k in range(8)]
    gap_weeks = [latest.shift(-3), latest.shift(-5)]  # whole weeks with no answers at all
    present = _tables(con)
    with db.transaction(con):
        for week in recent:
            _delete_answers(con, week, silent)
        for week in gap_weeks:
            _delete_answers(con, week, areas)
        # optional fields empty
        con.execute("update survey_response set comment = null where id % 3 = 0")
        con.execute(
            "update observation set place_id = null, lat = null, lon = null, address = null,"
            " time_of_day = null, hour_from = null, hour_to = null, occurred_at = null, severity = null,"
            " factor_code = case when id % 2 = 0 then null else factor_code end,"
            " description = case when id % 4 = 0 then null else description end"
            " where id % 3 = 0"
        )
        con.execute("update incident set area_id = null, lat = null, lon = null where id % 7 = 0")
        con.execute("update incident set cost_sek = null where source = 'felanmalan' and id % 5 = 0")
        con.execute("update incident set category = null where id % 97 = 0")
        # a source with no rows (no fault reports at all) and a crime category missing from the statistics
        con.execute("delete from incident where source = 'felanmalan'")
        con.execute("delete from crime_stat where crime_code in (select min(crime_code) from crime_stat)")
        # actions made from priorities: no categories, no factors, no end date, no place
        if "weekly_priority" in present:
            _actions_from_priorities(con)
        con.execute("update action set end_date = null, cost_sek = null, partners = null where id % 4 = 0")
        con.execute("update weekly_assessment set status = null, note = null where area_id = ?", [silent[0]])
        con.execute("update weekly_assessment set priority = null where area_id = ?", [silent[1]])
    half_thursday(con, today)


def _delete_answers(con, week: IsoWeek, area_ids: list[int]) -> None:
    con.execute(
        "delete from survey_rating where response_id in (select id from survey_response"
        " where iso_year = ? and iso_week = ? and list_contains(?, area_id))",
        [week.year, week.week, area_ids],
    )
    con.execute(
        "delete from survey_response where iso_year = ? and iso_week = ? and list_contains(?, area_id)",
        [week.year, week.week, area_ids],
    )


def _actions_from_priorities(con) -> None:
    rows = con.execute(
        "select id, area_id, kind, description from weekly_priority where action_id is null order by id limit 3"
    ).fetchall()
    for pid, area_id, kind, description in rows:
        action_id = con.execute(
            "insert into action (title, kind, area_id, start_date, status, description)"
            " values (?, ?, ?, current_date, 'pågår', ?) returning id",
            [description or kind, "närvaro", area_id, None],
        ).fetchone()[0]
        con.execute("update weekly_priority set action_id = ? where id = ?", [action_id, pid])


def two_week_rounds(con, today: dt.date | None = None) -> IsoWeek:
    """Two-week survey rounds from last week on (from the week after the latest answers, if later), then
    the current round half answered (half_thursday). Returns the current round's first week."""
    today = today or dt.date.today()
    start = IsoWeek.of(today).shift(-1)
    latest = _latest_week(con)
    if latest is not None and latest.monday() >= start.monday():
        start = latest.shift(1)
    rounds.set_length(con, 2, start, by=None)
    return half_thursday(con, today)


def apply(con, name: str, today: dt.date | None = None) -> None:
    """Turn a database holding the sample into the named dataset ('empty' is not derived)."""
    if name == "sample":
        return
    if name == "new":
        new_municipality(con)
    elif name == "holey":
        holey(con, today)
    elif name == "thursday":
        half_thursday(con, today)
    elif name == "rounds":
        two_week_rounds(con, today)
    else:
        raise ValueError(f"unknown dataset {name!r}; one of {', '.join(DATASETS)}")
