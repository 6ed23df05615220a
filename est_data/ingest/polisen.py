"""Police events from the open API (polisen.se/api/events), from a saved JSON file or the live client.

The quirks of the real data (see shared/data/README.md) and how they are handled:
- `datetime` is the publication time, with hours not zero-padded ("2025-06-07 7:32:06 +02:00").
  The time the event happened is the "DD månad HH:MM" (or "HH.MM") at the start of `name`; its
  year comes from the publication, one year back when December events are published in January.
- `location.gps` is the centre of the municipality or county, never the event's own place:
  `location_precision` is 'municipality' or 'county' accordingly and such events get no area.
- From 2026 most events carry the county as `location.name` ("Skåne län"); the municipality is then
  the last part of `name` ("…, Misshandel, Trelleborg"), matched to the 290 municipality codes.
- Summaries ("Sammanfattning natt", …) and notices ("Information", "Uppdatering") are stored with
  `is_summary = true`, so they never count as incidents.
- The same id may be published again with a new summary: it is updated in place, never duplicated.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd

from est_data.db import transaction
from est_data.ingest import placing, reference, staging
from est_data.ingest.common import (
    ImportFileError,
    ImportReport,
    Rejected,
    check_event_time,
    event_time_bounds,
    read_bytes,
    record_batch,
    sha256,
)

SOURCE = "polisen"
CLI_HELP = "polishändelser: JSON från Polisens öppna API (/api/events)"
BASE_URL = "https://polisen.se"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NON_INCIDENT_TYPES = frozenset({"information", "uppdatering"})
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ]
    )
}
_PUBLISHED = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|Z)?$"
)
_NAME_TIME = re.compile(r"^\s*(\d{1,2}) ([a-zåäö]+) (\d{1,2})[:.](\d{2})\s*$", re.IGNORECASE)
Progress = Callable[[float, str], None] | None

COLUMNS = [
    "external_id",
    "occurred_at",
    "published_at",
    "category",
    "municipality_code",
    "lat",
    "lon",
    "location_precision",
    "location_name",
    "summary",
    "url",
    "is_summary",
]


@dataclass
class Parsed:
    rows: pd.DataFrame
    report: ImportReport
    digest: str


def parse_published(text: str) -> dt.datetime:
    """'2025-06-07 7:32:06 +02:00' -> naive local time in Europe/Stockholm."""
    match = _PUBLISHED.match(str(text).strip())
    if not match:
        raise ValueError(text)
    year, month, day, hour, minute, second, offset = match.groups()
    stamp = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    if offset:
        if offset == "Z":
            tz = dt.UTC
        else:
            sign = 1 if offset[0] == "+" else -1
            digits = offset[1:].replace(":", "")
            tz = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        stamp = stamp.replace(tzinfo=tz).astimezone(STOCKHOLM).replace(tzinfo=None)
    return stamp


def parse_occurred(name_head: str, published: dt.datetime) -> dt.datetime | None:
    """'05 oktober 09:35' (or '07.40') with the year of publication, or the year before at new year."""
    match = _NAME_TIME.match(name_head)
    if not match:
        return None
    day, month_name, hour, minute = match.groups()
    month = MONTHS.get(month_name.lower())
    if month is None:
        return None
    for year in (published.year, published.year - 1, published.year + 1):
        try:
            candidate = dt.datetime(year, month, int(day), int(hour), int(minute))
        except ValueError:
            continue
        # An event happens before it is published (allow a day for clock and editing differences).
        if candidate <= published + dt.timedelta(days=1) and published - candidate < dt.timedelta(days=300):
            return candidate
    return None


def _gps(location: dict) -> tuple[float | None, float | None]:
    try:
        lat_s, lon_s = str(location.get("gps") or "").split(",")
        lat, lon = float(lat_s), float(lon_s)
    except ValueError:
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return lat, lon


def is_summary_type(event_type: str) -> bool:
    lowered = event_type.strip().casefold()
    return lowered.startswith("sammanfattning") or lowered in NON_INCIDENT_TYPES


def parse_event(event: dict) -> dict:
    """One API event -> an incident row. Raises ValueError with a Swedish reason for unusable events."""
    if not isinstance(event, dict):
        raise ValueError("inte ett händelseobjekt")
    raw_id = event.get("id")
    if raw_id is None or not re.fullmatch(r"\d+", str(raw_id).strip()):
        raise ValueError("id saknas eller är inte ett heltal")
    if not event.get("datetime"):
        raise ValueError("datetime saknas")
    try:
        published = parse_published(event["datetime"])
    except ValueError:
        raise ValueError(f"datetime kan inte tolkas: {event['datetime']!r}") from None
    event_type = str(event.get("type") or "").strip()
    if not event_type:
        raise ValueError("type saknas")
    name = str(event.get("name") or "")
    parts = [p.strip() for p in name.split(",")]
    occurred = parse_occurred(parts[0], published) if parts else None
    location = event.get("location") or {}
    if not isinstance(location, dict):
        location = {}
    location_name = str(location.get("name") or "").strip()
    name_place = parts[-1] if len(parts) >= 3 else ""
    code = reference.municipality_code(location_name)
    if code is not None:
        precision = "municipality"
    elif location_name.casefold() in reference.county_names() or location_name.casefold().endswith(" län"):
        precision = "county"
        code = reference.municipality_code(name_place)
    else:
        code = reference.municipality_code(name_place)
        if code is None:
            raise ValueError(f"okänd plats: {location_name or name!r}")
        precision = "county" if location_name else "municipality"
    check_event_time(published, "publiceringsdatumet")
    check_event_time(occurred or published, "händelsedatumet")
    lat, lon = _gps(location)
    url = str(event.get("url") or "").strip()
    if url.startswith("/"):
        url = BASE_URL + url
    return {
        "external_id": str(raw_id).strip(),
        "occurred_at": occurred or published,
        "published_at": published,
        "category": event_type,
        "municipality_code": code,
        "lat": lat,
        "lon": lon,
        "location_precision": precision,
        "location_name": location_name or None,
        "summary": str(event.get("summary") or "").strip() or None,
        "url": url or None,
        "is_summary": is_summary_type(event_type),
    }


def _events(data: bytes) -> list:
    try:
        payload = json.loads(data.decode("utf-8-sig", errors="strict") if data else "")
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ImportFileError(f"filen är inte giltig JSON / the file is not valid JSON ({err})") from None
    if isinstance(payload, dict) and isinstance(payload.get("events"), list):
        payload = payload["events"]
    if not isinstance(payload, list):
        raise ImportFileError(
            "JSON-filen är inte en lista med polishändelser / the JSON is not a list of police events"
        )
    if not payload:
        raise ImportFileError("filen innehåller inga händelser / the file has no events")
    return payload


# The fast path for large files: DuckDB reads and parses the JSON in one set-based pass. Events
# that do not parse cleanly here (odd shapes, bad values) go through `parse_event` one by one.
_PARSE_SQL = r"""
with raw as (
    select (row_number() over ()) - 1 as pos, *
    from read_json(?, format = 'array', columns = {id: 'varchar', datetime: 'varchar', name: 'varchar',
                   summary: 'varchar', url: 'varchar', type: 'varchar',
                   location: 'struct(name varchar, gps varchar)'})
), fields as (
    select pos,
           trim(id) as external_id,
           try_strptime(regexp_replace(trim(datetime), '^(\d{4}-\d{2}-\d{2}) (\d):', '\1 0\2:'),
                        '%Y-%m-%d %H:%M:%S %z') as published_tz,
           trim(type) as category,
           coalesce(name, '') as name,
           trim(coalesce(location.name, '')) as location_name,
           string_split(coalesce(location.gps, ''), ',') as gps,
           nullif(trim(summary), '') as summary,
           nullif(trim(url), '') as url,
           regexp_extract(split_part(coalesce(name, ''), ',', 1),
                          '^\s*(\d{1,2}) ([a-zåäöA-ZÅÄÖ]+) (\d{1,2})[:.](\d{2})\s*$',
                          ['d', 'm', 'h', 'mi']) as t
    from raw
), timed as (
    select *,
           timezone('Europe/Stockholm', published_tz) as published_at,
           list_position(?, lower(t.m)) as month,
           try_cast(t.d as integer) as d, try_cast(t.h as integer) as h, try_cast(t.mi as integer) as mi
    from fields
), occurred as (
    select *,
           coalesce(
               case when try(make_timestamp(year(published_at), month, d, h, mi, 0))
                         between published_at - interval 300 days + interval 1 microsecond
                             and published_at + interval 1 day
                    then try(make_timestamp(year(published_at), month, d, h, mi, 0)) end,
               case when try(make_timestamp(year(published_at) - 1, month, d, h, mi, 0))
                         between published_at - interval 300 days + interval 1 microsecond
                             and published_at + interval 1 day
                    then try(make_timestamp(year(published_at) - 1, month, d, h, mi, 0)) end,
               case when try(make_timestamp(year(published_at) + 1, month, d, h, mi, 0))
                         between published_at - interval 300 days + interval 1 microsecond
                             and published_at + interval 1 day
                    then try(make_timestamp(year(published_at) + 1, month, d, h, mi, 0)) end
           ) as occurred_at,
           lower(trim(case when len(string_split(name, ',')) >= 3 then string_split(name, ',')[-1] else '' end))
               as name_place
    from timed
), located as (
    select o.*,
           m.code as location_code,
           (m.code is null and (list_contains(?, lower(o.location_name)) or lower(o.location_name) like '% län'))
               as is_county,
           p.code as place_code,
           try_cast(trim(o.gps[1]) as double) as lat_raw,
           try_cast(trim(o.gps[2]) as double) as lon_raw
    from occurred o
    left join polisen_names m on m.name = lower(o.location_name)
    left join polisen_names p on p.name = o.name_place
), final as (
    select pos, external_id, occurred_at, published_at, category,
           case when is_county then place_code else location_code end as municipality_code,
           case when lat_raw between -90 and 90 and lon_raw between -180 and 180 then lat_raw end as lat,
           case when lat_raw between -90 and 90 and lon_raw between -180 and 180 then lon_raw end as lon,
           case when is_county then 'county' else 'municipality' end as location_precision,
           nullif(location_name, '') as location_name, summary,
           case when url like '/%' then ? || url else url end as url,
           (lower(category) like 'sammanfattning%' or list_contains(?, lower(category))) as is_summary,
           (regexp_full_match(coalesce(external_id, ''), '\d+') and published_at is not null
            and coalesce(category, '') <> '' and occurred_at is not null
            and (location_code is not null or is_county)
            and published_at between ? and ?
            and occurred_at between ? and ?) as ok
    from located
)
select * from final
"""


def parse_fast(con, data: bytes) -> tuple[int, list[int]] | None:
    """Parse with DuckDB into the temp table `polisen_parsed` on con: (number of clean rows, positions
    to parse one by one), or None when DuckDB cannot read the file as an array of events (the
    row-by-row path then handles it). The rows stay in DuckDB: no round trip through pandas."""
    import tempfile

    names = reference.code_by_name()
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/events.json"
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            con.execute(
                "create or replace temp table polisen_names as select unnest(?) as name, unnest(?) as code",
                [list(names), list(names.values())],
            )
            earliest, latest = (
                event_time_bounds()
            )  # outside them: parse_event rejects the row with the reason
            con.execute(
                "create or replace temp table polisen_parsed as " + _PARSE_SQL,
                [
                    path,
                    list(MONTHS),
                    sorted(reference.county_names()),
                    BASE_URL,
                    sorted(NON_INCIDENT_TYPES),
                    earliest,
                    latest,
                    earliest,
                    latest,
                ],
            )
        except duckdb.Error:
            return None
        finally:
            con.execute("drop table if exists polisen_names")
    clean = con.execute("select count(*) from polisen_parsed where ok").fetchone()[0]
    slow = [
        int(r[0])
        for r in con.execute("select pos from polisen_parsed where ok is not true order by pos").fetchall()
    ]
    return int(clean), slow


_STAGE_SQL = """
create or replace temp table polisen_staged as
with rows as (
    select pos, external_id, occurred_at, published_at, category, municipality_code, lat, lon,
           location_precision, location_name, summary, url, is_summary
    from polisen_parsed where ok
    union all by name
    select pos, cast(external_id as varchar) as external_id, cast(occurred_at as timestamp) as occurred_at,
           cast(published_at as timestamp) as published_at, cast(category as varchar) as category,
           cast(municipality_code as varchar) as municipality_code, cast(lat as double) as lat,
           cast(lon as double) as lon, cast(location_precision as varchar) as location_precision,
           cast(location_name as varchar) as location_name, cast(summary as varchar) as summary,
           cast(url as varchar) as url, cast(is_summary as boolean) as is_summary
    from polisen_slow
)
select * exclude (pos) from rows
qualify row_number() over (partition by external_id order by published_at desc, pos desc) = 1
"""


_STAGED_ROWS = "select " + ", ".join(COLUMNS) + " from polisen_staged order by published_at"  # noqa: S608 (constants)


@dataclass
class Staged:
    """Parsed events staged in the temp table `polisen_staged` on con (newest version of each id)."""

    con: object
    report: ImportReport
    digest: str
    count: int

    @property
    def rows(self) -> pd.DataFrame:
        return self.con.execute(_STAGED_ROWS).df()


def _slow_rows(events: list, positions: list[int], report: ImportReport, progress: Progress) -> list[dict]:
    """parse_event for each event at positions (rejections go to the report), each row with its position."""
    rows = []
    step = max(1, len(positions) // 20)
    for number, position in enumerate(positions, start=1):
        event = events[position]
        try:
            rows.append({"pos": position, **parse_event(event)})
        except ValueError as err:
            raw = json.dumps(event, ensure_ascii=False)[:300] if isinstance(event, dict) else str(event)[:300]
            report.rejected.append(Rejected(position + 1, str(err), raw))
        if progress and number % step == 0:
            progress(0.5 * number / len(positions), f"{number} / {len(positions)}")
    return rows


def _ids_unique(con) -> bool:
    """Does every clean parsed event have an id of its own (no re-published versions in the file)?"""
    return bool(
        con.execute("select count(distinct external_id) = count(*) from polisen_parsed").fetchone()[0]
    )


def _dedup_message(report: ImportReport, before: int, after: int) -> None:
    if after < before:
        report.messages.append(
            f"{before - after} äldre versioner av samma händelse-id ersattes av den nyaste"
        )


def stage(con, data: bytes, file_name: str, progress: Progress = None) -> Staged:
    """Validate every event into the temp table `polisen_staged` (newest version of each id).

    DuckDB parses the file set-based; only events it cannot parse cleanly go through `parse_event`.
    """
    fast = parse_fast(con, data)
    if fast is not None and fast[0] + len(fast[1]) == 0:
        fast = None  # an empty array: let the row path give its message
    if fast is None:
        events = _events(data)
        clean, slow = 0, list(range(len(events)))
        con.execute(
            "create or replace temp table polisen_parsed as select 0 as pos, null::varchar as external_id,"
            " null::timestamp as occurred_at, null::timestamp as published_at, null::varchar as category,"
            " null::varchar as municipality_code, null::double as lat, null::double as lon,"
            " null::varchar as location_precision, null::varchar as location_name,"
            " null::varchar as summary, null::varchar as url, null::boolean as is_summary,"
            " false as ok limit 0"
        )
    else:
        clean, slow = fast
        events = _events(data) if slow else []
    report = ImportReport(SOURCE, file_name, rows_read=clean + len(slow))
    if not slow and _ids_unique(con):
        # The usual file: every event parsed cleanly, each id once. The parsed table is already the
        # staged one (no copy and no window over the whole file).
        con.execute("drop table if exists polisen_staged")
        con.execute("alter table polisen_parsed rename to polisen_staged")
        count = clean
        _dedup_message(report, clean, count)
    else:
        extra = pd.DataFrame(_slow_rows(events, slow, report, progress), columns=["pos", *COLUMNS])
        extra = extra.astype(
            {
                c: "object"
                for c in (
                    "external_id",
                    "category",
                    "municipality_code",
                    "location_precision",
                    "location_name",
                    "summary",
                    "url",
                )
            }
        )
        staging.register(con, "polisen_slow", extra)
        try:
            con.execute(_STAGE_SQL)
        finally:
            con.unregister("polisen_slow")
            con.execute("drop table if exists polisen_parsed")
        count = con.execute("select count(*) from polisen_staged").fetchone()[0]
        _dedup_message(report, clean + len(extra), count)
    if report.rows_read and count == 0:
        raise ImportFileError("inga användbara polishändelser i filen / no usable police events in the file")
    placed = placing.place_staged(con, "polisen_staged")
    if placed:
        report.messages.append(
            f"{placed} händelser placerades vid en registrerad plats eller ett område som texten"
            f" nämner / {placed} events placed at a registered place or area named in their text"
        )
    return Staged(con, report, sha256(data), int(count))


def parse(data: bytes, file_name: str, progress: Progress = None, con=None) -> Parsed | Staged:
    """Validate every event; the valid ones (newest version of each id) as `.rows`.

    With a connection the rows are staged in DuckDB (see `stage`); without one, every event goes
    through `parse_event` in Python.
    """
    if con is not None:
        return stage(con, data, file_name, progress)
    events = _events(data)
    report = ImportReport(SOURCE, file_name, rows_read=len(events))
    rows = _slow_rows(events, list(range(len(events))), report, progress)
    frame = pd.DataFrame(rows, columns=["pos", *COLUMNS])
    if not frame.empty:
        before = len(frame)
        frame = frame.sort_values(["published_at", "pos"], kind="stable").drop_duplicates(
            "external_id", keep="last"
        )
        _dedup_message(report, before, len(frame))
    if events and frame.empty:
        raise ImportFileError("inga användbara polishändelser i filen / no usable police events in the file")
    return Parsed(frame[COLUMNS].reset_index(drop=True), report, sha256(data))


def preview(
    con, data: bytes | str, file_name: str | None = None, progress: Progress = None, **options: object
) -> ImportReport:
    """Validate and count what a load would do, writing nothing."""
    raw, name = read_bytes(data, file_name)
    staged = stage(con, raw, name, progress)
    try:
        new, changed = con.execute(_DIFF_COUNTS).fetchone()
    finally:
        con.execute("drop table if exists polisen_staged")
    staged.report.rows_loaded = int(new) + int(changed)
    staged.report.rows_updated = int(changed)
    staged.report.rows_unchanged = staged.count - staged.report.rows_loaded
    return staged.report


_DIFF = """
with staged as (
    select * from polisen_staged
), existing as (
    select external_id, published_at, occurred_at, category, municipality_code, lat, lon, location_precision,
           location_name, summary, url, is_summary, area_id, place_id
    from incident
    where source = 'polisen'
), final as (
    select s.external_id,
           e.external_id is null as is_new,
           e.external_id is not null
             and s.published_at >= coalesce(e.published_at, s.published_at)
             and (s.published_at is distinct from e.published_at
                  or s.occurred_at is distinct from e.occurred_at
                  or s.category is distinct from e.category
                  or s.municipality_code is distinct from e.municipality_code
                  or s.lat is distinct from e.lat
                  or s.lon is distinct from e.lon
                  or s.location_precision is distinct from e.location_precision
                  or s.location_name is distinct from e.location_name
                  or s.summary is distinct from e.summary
                  or s.url is distinct from e.url
                  or s.is_summary is distinct from e.is_summary
                  or s.area_id is distinct from e.area_id
                  or s.place_id is distinct from e.place_id) as is_changed
    from staged s
    left join existing e on e.external_id = s.external_id
)
select * from final
"""
_DIFF_TABLE = "create or replace temp table polisen_diff as " + _DIFF.replace(  # noqa: S608 (constants)
    "select * from final", "select * from final where is_new or is_changed"
)
_DIFF_COUNTS = _DIFF.replace(
    "select * from final",
    "select count(*) filter (where is_new), count(*) filter (where is_changed) from final",
)


def load(
    con, data: bytes | str, file_name: str | None = None, progress: Progress = None, **options: object
) -> ImportReport:
    """Validate and load: new events inserted, re-published ids updated in place, all in one transaction."""
    raw, name = read_bytes(data, file_name)
    staged = stage(con, raw, name, progress)
    report = staged.report
    try:
        if options.get("strict") and report.rejected:
            raise ImportFileError(
                f"{report.rows_rejected} händelser har fel; inget lästes in (--strict)"
                f" / {report.rows_rejected} events have errors; nothing loaded"
            )
        with transaction(con):
            con.execute(_DIFF_TABLE)
            new, changed = con.execute(
                "select count(*) filter (where is_new), count(*) filter (where is_changed) from polisen_diff"
            ).fetchone()
            report.rows_loaded = int(new) + int(changed)
            report.rows_updated = int(changed)
            report.rows_unchanged = staged.count - report.rows_loaded
            if progress:
                progress(0.6, "sparar / saving")
            batch_id = record_batch(con, report, staged.digest)
            codes = con.execute(
                "select distinct municipality_code from polisen_staged where municipality_code is not null"
            ).fetchall()
            reference.ensure_municipalities(con, [str(code) for (code,) in codes])  # one statement, not 290
            if changed:
                con.execute(
                    "update incident"
                    " set occurred_at = s.occurred_at, published_at = s.published_at, category = s.category,"
                    "     municipality_code = s.municipality_code, lat = s.lat, lon = s.lon,"
                    "     location_precision = s.location_precision, location_name = s.location_name,"
                    "     summary = s.summary, url = s.url, is_summary = s.is_summary, area_id = s.area_id,"
                    "     place_id = s.place_id, import_batch_id = ?"
                    " from polisen_staged s semi join polisen_diff d on d.external_id = s.external_id and d.is_changed"
                    " where incident.source = 'polisen'"
                    "   and incident.external_id = s.external_id",
                    [batch_id],
                )
            if new:
                con.execute(
                    "insert into incident (source, external_id, occurred_at, published_at, category,"
                    "                      municipality_code, lat, lon, location_precision, location_name, summary,"
                    "                      url, is_summary, area_id, place_id, import_batch_id)"
                    " select 'polisen', s.external_id, s.occurred_at, s.published_at, s.category, s.municipality_code,"
                    "        s.lat, s.lon, s.location_precision, s.location_name, s.summary, s.url, s.is_summary,"
                    "        s.area_id, s.place_id, ?"
                    " from polisen_staged s semi join polisen_diff d on d.external_id = s.external_id and d.is_new",
                    [batch_id],
                )
    finally:
        con.execute("drop table if exists polisen_staged")
        con.execute("drop table if exists polisen_diff")
    if report.rows_updated:
        report.messages.append(f"{report.rows_updated} händelser uppdaterades (publicerade på nytt)")
    if progress:
        progress(1.0, report.summary_line())
    return report
