"""The weekly cycle's writes: reporters' answers and event reports, and the Thursday meeting's decisions.

- `submit_week`: a reporter's answers for one ISO week (levels per area and factor, a comment per area),
  as an upsert in one transaction: sending again the same week replaces that reporter's answer for the
  areas sent, never duplicates it (unique iso_year, iso_week, reporter_id, area_id).
- `add_event` / `delete_event`: event reports (table `observation`): what (factor), where (a named
  place, a point or an address), when (a date and a part of day or a time), a short description.
- `save_assessments`: the meeting's agreed status per area (table `weekly_assessment`, with the
  computed status beside it and a note).
- `add_priority`, `priority_to_action`, `follow_up_priority`: priorities for the weekend and next
  week (table `weekly_priority`), turned into an `action` in one step, followed up the next week.

Every write runs in `db.transaction` with an `audit_log` row (free text is not copied into the log).
Read functions for the forms and the meeting live here too; they take the cursor first.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from est_data import rounds
from est_data.audit import record
from est_data.db import transaction
from est_data.model import ACTION_KINDS, STATUSES, IsoWeek

PARTS_OF_DAY: dict[str, tuple[int, int]] = {
    "morgon": (6, 10),
    "dag": (10, 17),
    "kväll": (17, 22),
    "natt": (22, 6),
}
HORIZONS = ("helg", "vecka", "längre")  # the weekend, next week, a longer action
MEETING_WEEKDAY = 3  # Thursday: the day a past week's meeting is taken to have been held
MAX_TEXT = 2000


class WeeklyError(ValueError):
    """A user's mistake in a weekly form; `key` is an i18n key, kwargs fill it in."""

    def __init__(self, key: str, **kwargs: object) -> None:
        super().__init__(key)
        self.key = key
        self.kwargs = kwargs


@dataclass(frozen=True)
class AreaAnswer:
    """One reporter's ratings for one area and week: {factor_code: level 0..3} and a comment."""

    area_id: int
    levels: dict[str, int] = field(default_factory=dict)
    comment: str | None = None
    comment_internal: bool = False


@dataclass(frozen=True)
class EventReport:
    """An event a reporter saw: factor, where (place, point or address) and when."""

    factor_code: str
    occurred_date: dt.date
    description: str
    area_id: int | None = None
    place_id: int | None = None
    time_of_day: str | None = None  # morgon, dag, kväll, natt
    occurred_time: dt.time | None = None
    lat: float | None = None
    lon: float | None = None
    address: str | None = None
    severity: int | None = None
    internal: bool = False


def _retry(fn, attempts: int = 5):
    """Run a write, retrying briefly when another thread's transaction conflicts with it."""
    for attempt in range(attempts):
        try:
            return fn()
        except duckdb.TransactionException:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    return None


def _clean(text: object) -> str | None:
    from est_data.display import missing

    if missing(text):  # None, NaN from a pandas frame, blank
        return None
    text = str(text).strip()
    if len(text) > MAX_TEXT:
        raise WeeklyError("weekly.error.too_long", n=MAX_TEXT)
    return text or None


# ---------------------------------------------------------------------------------------------- reads


def reporters(con, active_only: bool = True) -> pd.DataFrame:
    """Reporters with the names of the areas they cover (for pickers)."""
    return con.execute(
        "select rp.id, rp.name, rp.email, rp.organisation, rp.active,"
        "       string_agg(a.name, ', ' order by a.name) as areas"
        " from reporter rp"
        " left join reporter_area ra on ra.reporter_id = rp.id"
        " left join area a on a.id = ra.area_id"
        " where rp.active or not ?"
        " group by rp.id, rp.name, rp.email, rp.organisation, rp.active"
        " order by rp.name",
        [active_only],
    ).df()


def reporter_areas(con, reporter_id: int) -> pd.DataFrame:
    """The active areas a reporter covers: id, name."""
    return con.execute(
        "select a.id, a.name"
        " from reporter_area ra"
        " join area a on a.id = ra.area_id and a.active"
        " where ra.reporter_id = ?"
        " order by a.name",
        [reporter_id],
    ).df()


def places(con, area_ids: tuple[int, ...] = ()) -> pd.DataFrame:
    """Active named places, optionally of some areas: id, area_id, name, kind, lat, lon."""
    area_list = list(area_ids) or None
    return con.execute(
        "select id, area_id, name, kind, lat, lon"
        " from place"
        " where active"
        "   and (? is null or list_contains(?, area_id))"
        " order by name",
        [area_list, area_list],
    ).df()


def reporter_week(con, reporter_id: int, week: IsoWeek) -> pd.DataFrame:
    """What a reporter sent for a week: one row per area and factor (area_id, area, factor_code, level,
    comment, comment_internal, submitted_at, source)."""
    return con.execute(
        "select r.area_id, a.name as area, s.factor_code, s.level, r.comment, r.comment_internal,"
        "       r.submitted_at, r.source"
        " from survey_response r"
        " join area a on a.id = r.area_id"
        " left join survey_rating s on s.response_id = r.id"
        " where r.reporter_id = ? and r.iso_year = ? and r.iso_week = ?"
        " order by a.name, s.factor_code",
        [reporter_id, week.year, week.week],
    ).df()


def reporter_events(con, reporter_id: int, week: IsoWeek) -> pd.DataFrame:
    """A reporter's event reports for the round of a week (every week of it), newest first."""
    keys = rounds.round_of(con, week).week_keys()
    return con.execute(
        "select o.id, o.reported_at, o.occurred_date, o.occurred_at, o.time_of_day, o.factor_code,"
        "       a.name as area, p.name as place, o.address, o.lat, o.lon, o.description"
        " from observation o"
        " left join area a on a.id = o.area_id"
        " left join place p on p.id = o.place_id"
        " where o.reporter_id = ? and list_contains(?, o.iso_year * 100 + o.iso_week)"
        " order by o.reported_at desc, o.id desc",
        [reporter_id, keys],
    ).df()


# ---------------------------------------------------------------------------------------------- answers


def _active_factors(con) -> set[str]:
    return {r[0] for r in con.execute("select code from factor where active").fetchall()}


def validate_answers(con, answers: Iterable[AreaAnswer]) -> list[AreaAnswer]:
    answers = list(answers)
    if not answers:
        raise WeeklyError("weekly.error.no_areas")
    factors = _active_factors(con)
    known_areas = {r[0] for r in con.execute("select id from area").fetchall()}
    seen: set[int] = set()
    for answer in answers:
        if answer.area_id not in known_areas:
            raise WeeklyError("weekly.error.unknown_area", area=answer.area_id)
        if answer.area_id in seen:
            raise WeeklyError("weekly.error.area_twice", area=answer.area_id)
        seen.add(answer.area_id)
        for code, level in answer.levels.items():
            if code not in factors:
                raise WeeklyError("weekly.error.unknown_factor", factor=code)
            if level is None or int(level) != level or not 0 <= int(level) <= 3:
                raise WeeklyError("weekly.error.level", level=level)
        _clean(answer.comment)
    return answers


def check_week(week: IsoWeek, today: dt.date | None = None) -> None:
    """Answers are about the current round or an earlier one (late answers count for their round);
    `week` is the round's first week, so a two-week round can be answered from its first Monday on."""
    if week.monday() > (today or dt.date.today()):
        raise WeeklyError("weekly.error.future_week", week=week.week)


def reporter_active(con, reporter_id: int | None) -> bool | None:
    """Whether the reporter is active; None when there is no such reporter."""
    if reporter_id is None:
        return None
    row = con.execute("select active from reporter where id = ?", [reporter_id]).fetchone()
    return None if row is None else bool(row[0])


def submit_week(
    con,
    reporter_id: int,
    week: IsoWeek,
    answers: Iterable[AreaAnswer],
    by: str | None,
    source: str = "form",
    submitted_at: dt.datetime | None = None,
    today: dt.date | None = None,
) -> list[int]:
    """Store a reporter's answers for a round (one transaction; resending replaces, never duplicates).

    `week` may be any week of the round: the answer is stored under the round's first week (a round's
    key), so an answer sent in a two-week round's second week lands in the same round as one sent in its
    first. Factors missing from an answer's levels are stored as 0 (inget): "nothing to report" is the
    default. Returns the survey_response ids, in the order of `answers`.
    """
    week = rounds.round_of(con, week).start
    check_week(week, today)
    answers = validate_answers(con, answers)
    active = reporter_active(con, reporter_id)
    if active is None:
        raise WeeklyError("weekly.error.unknown_reporter", reporter=reporter_id)
    if source == "form" and not active:  # imports may carry a former reporter's old answers; the form may not
        raise WeeklyError("weekly.error.inactive_reporter")
    factors = sorted(_active_factors(con))
    stamp = submitted_at or dt.datetime.now()

    def write() -> list[int]:
        ids = []
        with transaction(con):
            for answer in answers:
                response_id = con.execute(
                    "insert into survey_response (iso_year, iso_week, reporter_id, area_id, submitted_at, comment,"
                    " comment_internal, source)"
                    " values (?, ?, ?, ?, ?, ?, ?, ?)"
                    " on conflict (iso_year, iso_week, reporter_id, area_id) do update"
                    " set submitted_at = excluded.submitted_at, comment = excluded.comment,"
                    "     comment_internal = excluded.comment_internal, source = excluded.source"
                    " returning id",
                    [
                        week.year,
                        week.week,
                        reporter_id,
                        answer.area_id,
                        stamp,
                        _clean(answer.comment),
                        bool(answer.comment_internal),
                        source,
                    ],
                ).fetchone()[0]
                rows = [[response_id, code, int(answer.levels.get(code, 0) or 0)] for code in factors]
                con.executemany(
                    "insert into survey_rating (response_id, factor_code, level) values (?, ?, ?)"
                    " on conflict (response_id, factor_code) do update set level = excluded.level",
                    rows,
                )
                ids.append(int(response_id))
            record(
                con,
                by,
                "submit",
                "survey_response",
                f"{reporter_id}:{week}",
                after={
                    "reporter_id": reporter_id,
                    "week": str(week),
                    "response_ids": ids,
                    "levels": {
                        str(a.area_id): {k: int(v) for k, v in a.levels.items() if v} for a in answers
                    },
                },
            )
        return ids

    # Two tabs (or a double click) sending the same reporter's week update the same rows; DuckDB then
    # refuses one transaction ("Conflict on tuple deletion"). Within the app's process the sends of one
    # reporter and week take turns; a conflict that still happens is retried, and if it persists the
    # user gets a message and keeps the form (nothing is lost), never a TransactionException.
    with _week_lock(reporter_id, week):
        try:
            return _retry(write)
        except duckdb.TransactionException as err:
            raise WeeklyError("weekly.error.busy") from err


_WEEK_LOCKS: dict[tuple[int, str], threading.Lock] = {}
_WEEK_LOCKS_GUARD = threading.Lock()


def _week_lock(reporter_id: int, week: IsoWeek) -> threading.Lock:
    with _WEEK_LOCKS_GUARD:
        return _WEEK_LOCKS.setdefault((int(reporter_id), str(week)), threading.Lock())


# ---------------------------------------------------------------------------------------------- events


def _event_area(con, event: EventReport) -> int | None:
    if event.place_id is not None:
        row = con.execute("select area_id from place where id = ?", [event.place_id]).fetchone()
        if row is None:
            raise WeeklyError("weekly.error.unknown_place", place=event.place_id)
        return event.area_id or row[0]
    return event.area_id


def add_event(
    con,
    reporter_id: int | None,
    event: EventReport,
    by: str | None,
    source: str = "form",
    today: dt.date | None = None,
) -> int:
    """Store one event report. An identical report (same reporter, factor, place, date and text) is not
    stored twice; its id is returned instead. The ISO week is the week the event happened."""
    if event.factor_code not in _active_factors(con):
        raise WeeklyError("weekly.error.unknown_factor", factor=event.factor_code)
    description = _clean(event.description)
    if not description:
        raise WeeklyError("weekly.error.no_description")
    if event.occurred_date > (today or dt.date.today()):
        raise WeeklyError("weekly.error.future_date")
    if event.time_of_day is not None and event.time_of_day not in PARTS_OF_DAY:
        raise WeeklyError("weekly.error.part_of_day", part=event.time_of_day)
    if (event.lat is None) != (event.lon is None) or (
        event.lat is not None and not (-90 <= event.lat <= 90 and -180 <= event.lon <= 180)
    ):
        raise WeeklyError("weekly.error.point")
    area_id = _event_area(con, event)
    if area_id is None and event.place_id is None and event.lat is None and not _clean(event.address):
        raise WeeklyError("weekly.error.no_where")
    lat, lon = event.lat, event.lon
    if lat is None and event.place_id is not None:
        lat, lon = con.execute("select lat, lon from place where id = ?", [event.place_id]).fetchone()
    occurred_at = (
        dt.datetime.combine(event.occurred_date, event.occurred_time) if event.occurred_time else None
    )
    part = event.time_of_day
    if part is None and event.occurred_time is not None:
        part = part_of_day(event.occurred_time.hour)
    hours = PARTS_OF_DAY.get(part) if part else None
    week = IsoWeek.of(event.occurred_date)

    def write() -> int:
        with transaction(con):
            existing = con.execute(
                "select id from observation"
                " where reporter_id is not distinct from ? and factor_code = ? and occurred_date = ?"
                "   and place_id is not distinct from ? and area_id is not distinct from ?"
                "   and description = ? and time_of_day is not distinct from ?",
                [
                    reporter_id,
                    event.factor_code,
                    event.occurred_date,
                    event.place_id,
                    area_id,
                    description,
                    part,
                ],
            ).fetchone()
            if existing:
                return int(existing[0])
            new_id = con.execute(
                "insert into observation (reported_at, occurred_at, occurred_date, time_of_day, hour_from, hour_to,"
                " reporter_id, source, factor_code, area_id, place_id, lat, lon, address, description, severity,"
                " internal, iso_year, iso_week)"
                " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id",
                [
                    dt.datetime.now(),
                    occurred_at,
                    event.occurred_date,
                    part,
                    hours[0] if hours else None,
                    hours[1] if hours else None,
                    reporter_id,
                    source,
                    event.factor_code,
                    area_id,
                    event.place_id,
                    lat,
                    lon,
                    _clean(event.address),
                    description,
                    event.severity,
                    bool(event.internal),
                    week.year,
                    week.week,
                ],
            ).fetchone()[0]
            record(
                con,
                by,
                "create",
                "observation",
                new_id,
                after={
                    "reporter_id": reporter_id,
                    "factor_code": event.factor_code,
                    "area_id": area_id,
                    "place_id": event.place_id,
                    "occurred_date": event.occurred_date,
                },
            )
        return int(new_id)

    return _retry(write)


def part_of_day(hour: int) -> str:
    for name, (start, end) in PARTS_OF_DAY.items():
        if start < end and start <= hour < end:
            return name
    return "natt"


def delete_event(con, event_id: int, reporter_id: int | None, by: str | None) -> bool:
    """Delete an event report; with a reporter_id only that reporter's own report. True if deleted."""
    row = con.execute(
        "select id, reporter_id, factor_code, area_id from observation where id = ?", [event_id]
    ).fetchone()
    if row is None or (reporter_id is not None and row[1] != reporter_id):
        return False
    with transaction(con):
        con.execute("delete from observation where id = ?", [event_id])
        record(
            con,
            by,
            "delete",
            "observation",
            event_id,
            before={"reporter_id": row[1], "factor_code": row[2], "area_id": row[3]},
        )
    return True


# ---------------------------------------------------------------------------------------------- the meeting


def meeting_day(week: IsoWeek, today: dt.date | None = None, weeks: int = 1) -> dt.date:
    """The day the meeting about the round starting in `week` (`weeks` long) is held: today while the
    round runs, else the Thursday of its last week."""
    today = today or dt.date.today()
    last = week.shift(weeks - 1)
    return (
        today
        if week.monday() <= today <= last.sunday()
        else last.monday() + dt.timedelta(days=MEETING_WEEKDAY)
    )


def horizon_dates(horizon: str, day: dt.date) -> tuple[dt.date, dt.date | None]:
    """The dates a priority decided on `day` is for: 'helg' the coming Saturday–Sunday (the current
    weekend on a Saturday or Sunday), 'vecka' the coming Monday–Sunday, 'längre' from the coming Monday
    with no end."""
    if horizon not in HORIZONS:
        raise WeeklyError("weekly.error.horizon", horizon=horizon)
    if horizon == "helg":
        saturday = day + dt.timedelta(days=5 - day.weekday())  # on a Sunday: the day before
        return max(saturday, day), saturday + dt.timedelta(days=1)
    monday = day + dt.timedelta(days=7 - day.weekday())
    return monday, monday + dt.timedelta(days=6) if horizon == "vecka" else None


def _check_dates(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise WeeklyError("weekly.error.end_before_start")


def police_note(con, week: IsoWeek, municipality_code: str) -> str | None:
    """What the police added at the meeting of a week (None when nothing was noted)."""
    row = con.execute(
        "select police_note from weekly_meeting where iso_year = ? and iso_week = ? and municipality_code = ?",
        [week.year, week.week, municipality_code],
    ).fetchone()
    return row[0] if row and row[0] else None


def save_police_note(con, week: IsoWeek, municipality_code: str, text: str | None, by: str | None) -> bool:
    """Store what the police added (upsert, audited without the text). True if it changed."""
    text = _clean(text)
    if police_note(con, week, municipality_code) == text:
        return False
    with transaction(con):
        con.execute(
            "insert into weekly_meeting (iso_year, iso_week, municipality_code, police_note, updated_at, updated_by)"
            " values (?, ?, ?, ?, ?, ?)"
            " on conflict (iso_year, iso_week, municipality_code) do update"
            " set police_note = excluded.police_note, updated_at = excluded.updated_at,"
            "     updated_by = excluded.updated_by",
            [week.year, week.week, municipality_code, text, dt.datetime.now(), by],
        )
        record(
            con,
            by,
            "update",
            "weekly_meeting",
            f"{week}:{municipality_code}",
            after={"police_note": bool(text)},
        )
    return True


def assessments(con, week: IsoWeek) -> pd.DataFrame:
    """The meeting's decisions for a week: area_id, status, computed_status, priority, note, decided_at/by."""
    return con.execute(
        "select area_id, status, computed_status, priority, note, decided_at, decided_by"
        " from weekly_assessment"
        " where iso_year = ? and iso_week = ?"
        " order by area_id",
        [week.year, week.week],
    ).df()


@dataclass(frozen=True)
class Assessment:
    area_id: int
    status: str | None
    computed_status: str | None = None
    note: str | None = None
    priority: int | None = None


def save_assessments(con, week: IsoWeek, rows: Iterable[Assessment], by: str | None) -> int:
    """Store the agreed status per area (upsert); one transaction, one audit row per changed area.
    Returns the number of areas whose decision changed."""
    rows = list(rows)
    for row in rows:
        if row.status is not None and row.status not in STATUSES:
            raise WeeklyError("weekly.error.status", status=row.status)
        _clean(row.note)
    now = dt.datetime.now()
    changed = 0
    with transaction(con):
        for row in rows:
            before = con.execute(
                "select status, computed_status, note, priority from weekly_assessment"
                " where iso_year = ? and iso_week = ? and area_id = ?",
                [week.year, week.week, row.area_id],
            ).fetchone()
            after = (row.status, row.computed_status, _clean(row.note), row.priority)
            if before is not None and tuple(before) == after:
                continue
            if before is None and row.status is None and not _clean(row.note):
                continue
            con.execute(
                "insert into weekly_assessment (iso_year, iso_week, area_id, status, computed_status, note, priority,"
                " decided_at, decided_by)"
                " values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " on conflict (iso_year, iso_week, area_id) do update"
                " set status = excluded.status, computed_status = excluded.computed_status,"
                "     priority = excluded.priority, note = excluded.note, decided_at = excluded.decided_at,"
                "     decided_by = excluded.decided_by",
                [week.year, week.week, row.area_id, *after, now, by],
            )
            keys = ("status", "computed_status", "note", "priority")
            record(
                con,
                by,
                "update" if before else "create",
                "weekly_assessment",
                f"{week}:{row.area_id}",
                before=dict(zip(keys, before, strict=True)) if before else None,
                after=dict(zip(keys, after, strict=True)),
            )
            changed += 1
    return changed


def priorities(con, week: IsoWeek) -> pd.DataFrame:
    """The priorities decided for a week, with area, place and any action they became."""
    return con.execute(
        "select wp.id, wp.area_id, a.name as area, wp.place_id, p.name as place, wp.kind, wp.horizon,"
        "       wp.start_date, wp.end_date, wp.description, wp.action_id, ac.title as action_title, ac.status as action_status,"
        "       wp.done, wp.followup_note, wp.created_at, wp.created_by"
        " from weekly_priority wp"
        " left join area a on a.id = wp.area_id"
        " left join place p on p.id = wp.place_id"
        " left join action ac on ac.id = wp.action_id"
        " where wp.iso_year = ? and wp.iso_week = ?"
        " order by wp.id",
        [week.year, week.week],
    ).df()


def add_priority(
    con,
    week: IsoWeek,
    kind: str,
    description: str,
    by: str | None,
    horizon: str = "helg",
    area_id: int | None = None,
    place_id: int | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    today: dt.date | None = None,
) -> int:
    """Record a priority decided at the meeting (where presence is needed, a traffic control, a
    longer action ...) with the dates it is for; without dates, those of its horizon as seen from the
    meeting day ("helg" = the coming Saturday–Sunday). The same priority twice (a double click) is stored
    once; its id is returned."""
    if kind not in ACTION_KINDS:
        raise WeeklyError("weekly.error.kind", kind=kind)
    rnd = rounds.round_of(con, week)
    default_start, default_end = horizon_dates(horizon, meeting_day(rnd.start, today, rnd.weeks))
    if start_date is None:
        start_date, end_date = default_start, end_date if end_date is not None else default_end
    _check_dates(start_date, end_date)
    text = _clean(description)
    if not text:
        raise WeeklyError("weekly.error.no_description")
    if place_id is not None:
        row = con.execute("select area_id from place where id = ?", [place_id]).fetchone()
        if row is None:
            raise WeeklyError("weekly.error.unknown_place", place=place_id)
        area_id = area_id or row[0]
    with transaction(con):
        same = con.execute(  # a double click (or a resend) adds nothing: the same priority is already there
            "select id from weekly_priority"
            " where iso_year = ? and iso_week = ? and kind = ? and horizon is not distinct from ?"
            "   and area_id is not distinct from ? and place_id is not distinct from ? and description = ?"
            "   and start_date is not distinct from ? and end_date is not distinct from ?",
            [week.year, week.week, kind, horizon, area_id, place_id, text, start_date, end_date],
        ).fetchone()
        if same:
            return int(same[0])
        new_id = con.execute(
            "insert into weekly_priority (iso_year, iso_week, area_id, place_id, kind, horizon, start_date, end_date,"
            " description, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id",
            [week.year, week.week, area_id, place_id, kind, horizon, start_date, end_date, text, by],
        ).fetchone()[0]
        record(
            con,
            by,
            "create",
            "weekly_priority",
            new_id,
            after={
                "week": str(week),
                "area_id": area_id,
                "place_id": place_id,
                "kind": kind,
                "horizon": horizon,
                "start_date": start_date,
                "end_date": end_date,
            },
        )
    return int(new_id)


def delete_priority(con, priority_id: int, by: str | None) -> bool:
    row = con.execute(
        "select iso_year, iso_week, kind, action_id from weekly_priority where id = ?", [priority_id]
    ).fetchone()
    if row is None:
        return False
    with transaction(con):
        con.execute("delete from weekly_priority where id = ?", [priority_id])
        record(
            con,
            by,
            "delete",
            "weekly_priority",
            priority_id,
            before={"iso_year": row[0], "iso_week": row[1], "kind": row[2], "action_id": row[3]},
        )
    return True


def priority_to_action(
    con,
    priority_id: int,
    title: str,
    by: str | None,
    kind: str | None = None,
    area_id: int | None = None,
    place_id: int | None = None,
    partners: str | None = None,
    responsible: str | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    description: str | None = None,
) -> int:
    """Turn a priority into an action (status 'planerad', or 'pågående' if it starts today or earlier)
    and link them; one transaction. Defaults come from the priority, its dates included (a weekend
    priority's action runs that Saturday–Sunday). Returns the action id."""
    row = con.execute(
        "select kind, area_id, place_id, description, action_id, iso_year, iso_week, horizon, start_date, end_date"
        " from weekly_priority where id = ?",
        [priority_id],
    ).fetchone()
    if row is None:
        raise WeeklyError("weekly.error.unknown_priority", priority=priority_id)
    if row[4] is not None:
        raise WeeklyError("weekly.error.already_action", action=row[4])
    title = _clean(title)
    if not title:
        raise WeeklyError("weekly.error.no_title")
    kind = kind or row[0]
    if kind not in ACTION_KINDS:
        raise WeeklyError("weekly.error.kind", kind=kind)
    if start_date is None:
        start_date = row[8]
        end_date = end_date if end_date is not None else row[9]
    if start_date is None:  # a priority from before priorities had dates: its horizon's dates
        rnd = rounds.round_of(con, IsoWeek(row[5], row[6]))
        start_date, default_end = horizon_dates(
            row[7] if row[7] in HORIZONS else "vecka", meeting_day(rnd.start, weeks=rnd.weeks)
        )
        end_date = end_date if end_date is not None else default_end
    start = start_date
    _check_dates(start, end_date)
    status = "pågående" if start <= dt.date.today() else "planerad"
    values = {
        "title": title,
        "kind": kind,
        "area_id": area_id if area_id is not None else row[1],
        "place_id": place_id if place_id is not None else row[2],
        "partners": _clean(partners),
        "responsible": _clean(responsible),
        "start_date": start,
        "end_date": end_date,
        "status": status,
        "description": _clean(description) or row[3],
    }
    with transaction(con):
        action_id = con.execute(
            "insert into action (title, kind, area_id, place_id, partners, responsible, start_date, end_date, status,"
            " description, created_at, created_by)"
            " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id",
            [*values.values(), dt.datetime.now(), by],
        ).fetchone()[0]
        con.execute("update weekly_priority set action_id = ? where id = ?", [action_id, priority_id])
        record(con, by, "create", "action", action_id, after={**values, "from_priority": priority_id})
        record(
            con,
            by,
            "update",
            "weekly_priority",
            priority_id,
            before={"action_id": None},
            after={"action_id": action_id},
        )
    return int(action_id)


def follow_up_priority(con, priority_id: int, done: bool | None, note: str | None, by: str | None) -> None:
    """Record whether a priority was carried out ("gjordes det?") with a note."""
    row = con.execute(
        "select done, followup_note from weekly_priority where id = ?", [priority_id]
    ).fetchone()
    if row is None:
        raise WeeklyError("weekly.error.unknown_priority", priority=priority_id)
    note = _clean(note)
    if (row[0], row[1]) == (done, note):
        return
    with transaction(con):
        con.execute(
            "update weekly_priority set done = ?, followup_note = ? where id = ?", [done, note, priority_id]
        )
        record(
            con, by, "update", "weekly_priority", priority_id, before={"done": row[0]}, after={"done": done}
        )
