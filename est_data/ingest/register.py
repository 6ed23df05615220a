"""Incident registers of any kind: a housing company's log, the fire service's calls, security guards'
reports, extracts the police share under a collaboration agreement.

Each register is its own `source` in table incident, named by the user ("Trelleborgshem",
"Räddningstjänsten" …), so it is shown as such in filters, the map, trends and evaluations and never
mixed with the municipality's fault reports (felanmälan) or the police's events. The file is a CSV
(UTF-8 with or without BOM or Windows-1252; `;`, `,` or tab) or .xlsx; its columns are found by
their usual names or through a column mapping:

- time: a date and a time column, a date-time column, a date only (stored as time_precision 'day':
  occurred_at is the day's midnight and occurred_to the next, never an exact 00:00), or a from–to
  window (date_to/time_to: time_precision 'window'). A date-time column whose every time is 00:00
  (Excel's way of writing a date) is read as dates only;
- category, mapped through a saved category mapping (the register's own words -> the project's
  categories; a mapped value that is an EST factor's code or label also sets incident.factor_code);
- position: WGS 84 or SWEREF 99 TM coordinates (recognised by their ranges, either column order), or
  an address or place text matched against the municipality's named places and areas (the whole
  text, else the longest place or area name the text contains);
- an id column, for idempotent re-import (without one, a stable id is made from the row's content).

A profile (table mapping_profile, source 'register') keeps the register's name, the column mapping
and the category mapping; it can also be written to and read from a JSON file. Bad rows are rejected
with their line and reason; the valid rows load in one transaction with an import_batch row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from est_data import config, i18n
from est_data.audit import record
from est_data.db import transaction
from est_data.ingest import bra, common, reference, staging
from est_data.ingest.common import (
    ImportFileError,
    ImportReport,
    Rejected,
    parse_number,
    read_bytes,
    read_table,
    record_batch,
    sha256,
)
from est_data.ingest.felanmalan import FIELDS as FAULT_FIELDS
from est_data.ingest.felanmalan import _Lookups, classify_pair

PROFILE_SOURCE = "register"  # mapping_profile.source of register profiles
CLI_HELP = (
    "händelseregister (bostadsbolag, räddningstjänst, väktare …) som egen källa: CSV/xlsx, datum med eller"
    " utan tid eller ett tidsfönster, WGS 84, SWEREF 99 TM eller adress"
)
# Names the register's source may not take: the built-in sources and importers.
RESERVED = (
    "polisen",
    "felanmalan",
    "felanmälan",
    "rapportör",
    "rapportor",
    "bra",
    "survey",
    "areas",
    "register",
    "enkät",
    "områden",
)
MAX_NAME = 60

FIELDS: dict[str, list[str]] = {
    "id": [
        "id",
        "ärendenummer",
        "ärendenr",
        "ärende",
        "ärende-id",
        "händelsenummer",
        "händelse-id",
        "larmnummer",
        "insatsnummer",
        "rapportnummer",
        "löpnummer",
        "nr",
        "case id",
    ],
    "date": [
        "datum",
        "händelsedatum",
        "inträffade",
        "inträffat",
        "tidpunkt",
        "larmtid",
        "larmdatum",
        "starttid",
        "från",
        "från datum",
        "datum från",
        "date",
        "start",
        "occurred",
        "occurred at",
    ],
    "time": ["tid", "klockslag", "kl", "kl.", "klocka", "tid från", "time"],
    "date_to": [
        "till",
        "till datum",
        "datum till",
        "t.o.m.",
        "tom",
        "slutdatum",
        "sluttid",
        "end",
        "date to",
    ],
    "time_to": ["till tid", "tid till", "kl till", "time to"],
    "category": [
        "kategori",
        "typ",
        "händelsetyp",
        "ärendetyp",
        "händelse",
        "larmtyp",
        "händelsekategori",
        "category",
        "type",
    ],
    "address": [
        "adress",
        "gatuadress",
        "plats",
        "platsbeskrivning",
        "fastighet",
        "objekt",
        "address",
        "location",
        "place",
    ],
    "area": ["område", "bostadsområde", "stadsdel", "ort", "area", "district"],
    "municipality": ["kommun", "kommunnamn", "kommunkod", "municipality"],
    "lat": ["lat", "latitud", "latitude", "wgs84_lat", "lat_wgs84"],
    "lon": ["lon", "long", "lng", "longitud", "longitude", "wgs84_lon", "lon_wgs84"],
    # the SWEREF 99 TM column names are the fault reports' own
    "north": FAULT_FIELDS["north"],
    "east": FAULT_FIELDS["east"],
    "cost": ["kostnad", "kostnad (kr)", "kostnad kr", "belopp", "cost", "cost_sek"],
    "description": [
        "beskrivning",
        "text",
        "kommentar",
        "notering",
        "händelsebeskrivning",
        "description",
        "comment",
    ],
}
REQUIRED = ("date", "category")
_DATE_ONLY = ("%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y", "%Y%m%d", "%d-%m-%Y")
_DATE_TIME = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H.%M",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%Y/%m/%d %H:%M",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S.%f",
)
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2})(?:[:.](\d{2}))?|(\d{2}))?$")


_norm = common.norm_header


# ------------------------------------------------------------------------------------------- profiles


@dataclass
class Profile:
    """How one register's files are read: its source name, columns and category mapping."""

    source: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # field -> column in the file
    categories: dict[str, str] = field(default_factory=dict)  # the register's word -> the project's category

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "columns": {k: v for k, v in self.columns.items() if v},
            "categories": {k: v for k, v in self.categories.items() if k and v},
        }

    @classmethod
    def from_dict(cls, data: dict) -> Profile:
        if not isinstance(data, dict):
            raise ImportFileError("profilen är inte ett JSON-objekt / the profile is not a JSON object")
        columns = data.get("columns") or {}
        categories = data.get("categories") or {}
        if not isinstance(columns, dict) or not isinstance(categories, dict):
            raise ImportFileError("profilen har fel form / the profile has the wrong shape")
        unknown = set(columns) - set(FIELDS)
        if unknown:
            raise ImportFileError(
                f"okända fält i profilen: {sorted(unknown)} / unknown fields in the profile"
            )
        return cls(
            str(data.get("source") or ""),
            {str(k): str(v) for k, v in columns.items() if v},
            {str(k): str(v) for k, v in categories.items() if v},
        )

    def merged(self, other: Profile) -> Profile:
        """This profile with other's non-empty values on top."""
        return Profile(
            other.source or self.source,
            {**self.columns, **other.columns},
            {**self.categories, **other.categories},
        )


def profiles(con) -> dict[str, dict]:
    """Saved register profiles by name (as dicts: source, columns, categories)."""
    rows = con.execute(
        "select name, mapping_json from mapping_profile where source = ? order by name", [PROFILE_SOURCE]
    ).fetchall()
    return {name: json.loads(text) for name, text in rows}


def save_profile(con, name: str, profile: Profile, by: str | None = None) -> None:
    """Save a profile under a name (in the database), replacing an earlier register profile of that name."""
    name = name.strip()
    if not name:
        raise ImportFileError("profilen behöver ett namn / the profile needs a name")
    taken = con.execute("select source from mapping_profile where name = ?", [name]).fetchone()
    if taken and taken[0] != PROFILE_SOURCE:
        raise ImportFileError(
            f"namnet {name!r} används redan av en profil för {taken[0]} / the name is taken"
        )
    data = profile.as_dict()
    with transaction(con):
        con.execute(
            "insert into mapping_profile (name, source, mapping_json) values (?, ?, ?)"
            " on conflict (name) do update set mapping_json = excluded.mapping_json",
            [name, PROFILE_SOURCE, json.dumps(data, ensure_ascii=False)],
        )
        record(con, by, "update", "mapping_profile", name, None, data)


def write_profile_file(path: str | Path, profile: Profile) -> None:
    Path(path).write_text(
        json.dumps(profile.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def load_profile(con, name_or_path: str) -> Profile:
    """A saved profile by name, or a JSON file (a path ending in .json)."""
    if name_or_path.lower().endswith(".json"):
        path = Path(name_or_path)
        if not path.is_file():
            raise ImportFileError(f"profilfilen finns inte: {path} / no such profile file")
        try:
            return Profile.from_dict(json.loads(path.read_text(encoding="utf-8-sig")))
        except json.JSONDecodeError as err:
            raise ImportFileError(
                f"profilfilen är inte giltig JSON ({err}) / the profile file is not JSON"
            ) from None
    saved = profiles(con)
    if name_or_path not in saved:
        raise ImportFileError(f"okänd profil: {name_or_path} / unknown profile: {name_or_path}")
    return Profile.from_dict(saved[name_or_path])


def check_source_name(name: str) -> str:
    """The register's source name, stripped; refused when empty, too long or a built-in source."""
    clean = " ".join(str(name or "").split())
    if not clean:
        raise ImportFileError(
            f"{i18n.t('incident_register.error.no_source', 'sv')} / {i18n.t('incident_register.error.no_source', 'en')}"
        )
    if len(clean) > MAX_NAME or _norm(clean) in RESERVED:
        raise ImportFileError(
            f"{i18n.t('incident_register.error.source_name', 'sv', name=clean)} / "
            f"{i18n.t('incident_register.error.source_name', 'en', name=clean)}"
        )
    return clean


def sources(con, municipality_code: str | None = None) -> list[str]:
    """The registers' source names in the database (every incident source other than the built-in ones)."""
    rows = con.execute(
        "select distinct source from incident"
        " where source not in ('polisen', 'felanmalan')"
        "   and (? is null or municipality_code = ?)"
        " order by source",
        [municipality_code, municipality_code],
    ).fetchall()
    return [r[0] for r in rows]


# -------------------------------------------------------------------------------------------- columns


def find_columns(columns: list[str], mapping: dict[str, str] | None = None) -> dict[str, str | None]:
    """{field: column in the file or None}: the explicit mapping first, then the usual names; a column
    already taken by an earlier field is not taken again (a register's one date column is not also its
    time column)."""
    return common.find_columns(columns, FIELDS, mapping, distinct=True)


def file_columns(data: bytes | str, file_name: str | None = None) -> tuple[list[str], dict[str, str | None]]:
    """The file's columns and the mapping that would be used without choices (for the Data page)."""
    raw, _ = read_bytes(data, file_name)
    frame = read_table(raw)
    cols = [c for c in frame.columns if c != "_line"]
    return cols, find_columns(cols)


def file_categories(data: bytes | str, file_name: str | None, column: str | None) -> list[str]:
    """The distinct values of the category column, most common first (for the category mapping)."""
    if not column:
        return []
    raw, _ = read_bytes(data, file_name)
    frame = read_table(raw)
    if column not in frame.columns:
        return []
    values = frame[column].astype(str).str.strip()
    return [v for v in values[values != ""].value_counts().index.tolist()]


# --------------------------------------------------------------------------------------------- values


@lru_cache(maxsize=65_536)  # a register's dates repeat; strptime is slow
def _date_only(text: str) -> dt.date | None:
    for fmt in _DATE_ONLY:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


@lru_cache(maxsize=65_536)
def _date_time(text: str) -> dt.datetime | None:
    for fmt in _DATE_TIME:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _time(text: str) -> dt.time:
    """'14:30', '14.30', '1430', '14', '14:30:05' -> a time; raises ValueError otherwise."""
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(text)
    hour, minute, second = (
        int(match.group(1)),
        int(match.group(2) or match.group(4) or 0),
        int(match.group(3) or 0),
    )
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(text)
    return dt.time(hour, minute, second)


@dataclass
class _When:
    start: dt.datetime
    end: dt.datetime | None
    precision: str  # exact, day, window


def _moment(date_text: str, time_text: str, midnight_is_date: bool, what: str) -> tuple[dt.datetime, bool]:
    """(the moment, whether a time of day is known) from a date (or date-time) and a time text."""
    day = _date_only(date_text)
    if day is None:
        moment = _date_time(date_text)
        if moment is None:
            raise ValueError(i18n.t("incident_register.error.date", what=what, value=date_text))
        if time_text and moment.time() == dt.time(0):  # Excel's date cell (00:00) beside a time column
            return dt.datetime.combine(moment.date(), _time_or_fail(time_text)), True
        if time_text:
            raise ValueError(i18n.t("incident_register.error.two_times", value=f"{date_text} / {time_text}"))
        if midnight_is_date and moment.time() == dt.time(0):
            return moment, False
        return moment, True
    if not time_text:
        return dt.datetime.combine(day, dt.time(0)), False
    try:
        return dt.datetime.combine(day, _time(time_text)), True
    except ValueError:
        raise ValueError(i18n.t("incident_register.error.time", value=time_text)) from None


def _when(values: dict[str, str], midnight_is_date: dict[str, bool]) -> _When:
    if not values["date"]:
        raise ValueError(i18n.t("incident_register.error.no_date"))
    start, start_timed = _moment(values["date"], values["time"], midnight_is_date["date"], "datum")
    if values["date_to"] or values["time_to"]:
        if values["date_to"]:
            end, end_timed = _moment(
                values["date_to"], values["time_to"], midnight_is_date["date_to"], "till"
            )
        else:
            end, end_timed = dt.datetime.combine(start.date(), _time_or_fail(values["time_to"])), True
            if end < start:  # 22:00–02:00 runs past midnight
                end += dt.timedelta(days=1)
        if not end_timed:
            end = end + dt.timedelta(days=1)  # "to 12 March" means to the end of that day
        if end < start:
            raise ValueError(i18n.t("incident_register.error.window", start=start, end=end))
        if start_timed and end_timed and end == start:
            return _When(start, None, "exact")
        if not start_timed and not end_timed and end == start + dt.timedelta(days=1):
            return _When(start, end, "day")
        return _When(start, end, "window")
    if start_timed:
        return _When(start, None, "exact")
    return _When(start, start + dt.timedelta(days=1), "day")


def _time_or_fail(text: str) -> dt.time:
    try:
        return _time(text)
    except ValueError:
        raise ValueError(i18n.t("incident_register.error.time", value=text)) from None


def _midnight_only(frame: pd.DataFrame, column: str | None) -> bool:
    """A date-time column whose every time is 00:00 holds dates (Excel writes dates that way)."""
    if not column:
        return False
    texts = [str(v).strip() for v in frame[column].tolist() if str(v).strip()]
    moments = [_date_time(t) for t in texts if _date_only(t) is None]
    moments = [m for m in moments if m is not None]
    return bool(moments) and all(m.time() == dt.time(0) for m in moments)


class _Places:
    """Address or place texts matched against the municipality's named places and areas."""

    def __init__(self, lk: _Lookups, con):
        self.lk = lk
        places = con.execute(
            "select p.id, p.name, p.lat, p.lon, p.area_id from place p join area a on a.id = p.area_id"
            " where p.active and a.municipality_code = ? and p.lat is not null",
            [lk.code],
        ).fetchall()
        # longest names first, so "Stationen" does not win over "Stationen norra"; each name as a whole word
        self.places = [
            (self._word(name), place)
            for name, place in sorted(
                ((_norm(n), (int(i), float(la), float(lo), a)) for i, n, la, lo, a in places if n),
                key=lambda item: -len(item[0]),
            )
        ]
        self.areas = [
            (self._word(name), area_id)
            for name, area_id in sorted(lk.area_by_name.items(), key=lambda item: -len(item[0]))
        ]
        self.known: dict[tuple[str, str], tuple[str, tuple | int] | None] = {}  # registers repeat addresses

    @staticmethod
    def _word(name: str) -> re.Pattern:
        return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")

    def match(self, address: str, area: str) -> tuple[str, tuple | int] | None:
        """('place', (place_id, lat, lon, area_id)) or ('area', area_id) or None."""
        key = (address, area)
        if key not in self.known:
            self.known[key] = self._match(_norm(address), _norm(area))
        return self.known[key]

    def _match(self, text: str, area_text: str) -> tuple[str, tuple | int] | None:
        if text:
            if text in self.lk.place_by_name:
                return "place", self.lk.place_by_name[text]
            for pattern, place in self.places:
                if pattern.search(text):
                    return "place", place
        if area_text and area_text in self.lk.area_by_name:
            return "area", self.lk.area_by_name[area_text]
        for text_ in (text, area_text):
            if text_ in self.lk.area_by_name:
                return "area", self.lk.area_by_name[text_]
            for pattern, area_id in self.areas:
                if text_ and pattern.search(text_):
                    return "area", area_id
        return None


# ------------------------------------------------------------------------------------------------ parse

_COLUMNS = [
    "external_id",
    "occurred_at",
    "occurred_to",
    "time_precision",
    "category",
    "factor_code",
    "lat",
    "lon",
    "area_id",
    "place_id",
    "location_precision",
    "location_name",
    "cost_sek",
    "summary",
]


def _factors(con) -> dict[str, str]:
    """Factor code or label (case-folded) -> code."""
    lookup: dict[str, str] = {}
    for code, label_sv, label_en in con.execute("select code, label_sv, label_en from factor").fetchall():
        for key in (code, label_sv, label_en):
            if key:
                lookup.setdefault(_norm(key), code)
    return lookup


def _category(raw: str, mapping: dict[str, str], factors: dict[str, str]) -> tuple[str, str | None, bool]:
    """(category, factor code, whether the mapping had it) for the register's own word."""
    mapped = mapping.get(raw)
    if mapped is None:
        folded = {_norm(k): v for k, v in mapping.items()}
        mapped = folded.get(_norm(raw))
    known = mapped is not None
    category = (mapped or raw).strip()
    category = category[:1].upper() + category[1:]
    return category, factors.get(_norm(category)), known


def _raw(row: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in row.items() if k != "_line" and v != "")[:300]


def _options_profile(con, options: dict) -> Profile:
    """The profile the options describe: a saved profile or file (profile), with the source, the column
    mapping (mapping as a dict, or columns as CLI 'field=column' texts) and the category mapping
    (categories as a dict, or category_pairs as 'word=category' texts) on top."""
    profile = load_profile(con, str(options["profile"])) if options.get("profile") else Profile()
    columns = {**dict(options.get("mapping") or {}), **_pairs(options.get("columns"), "--column")}
    unknown = set(columns) - set(FIELDS)
    if unknown:
        raise ImportFileError(f"okända fält: {sorted(unknown)} (fält: {', '.join(FIELDS)}) / unknown fields")
    categories = {
        **dict(options.get("categories") or {}),
        **_pairs(options.get("category_pairs"), "--category"),
    }
    return profile.merged(Profile(str(options.get("source") or ""), columns, categories))


def parse(
    con, data: bytes | str, file_name: str | None, options: dict
) -> tuple[pd.DataFrame, ImportReport, str, str]:
    """Read and validate the file; nothing is written. Returns (rows, report, digest, source name)."""
    raw, name = read_bytes(data, file_name)  # an unreadable file is refused for that, whatever the options
    frame = read_table(raw)
    profile = _options_profile(con, options)
    cols = find_columns(list(frame.columns), profile.columns)
    missing = [f for f in REQUIRED if not cols.get(f)]
    if missing:
        names = {"date": "datum", "category": "kategori"}
        raise ImportFileError(
            "kolumn saknas: " + ", ".join(names[m] for m in missing) + " (välj kolumner i kolumnmappningen)"
            f" / missing column: {', '.join(missing)} (choose columns in the mapping); kolumner i filen: "
            + ", ".join(c for c in frame.columns if c != "_line")
        )
    source = check_source_name(profile.source)
    source = {s.casefold(): s for s in sources(con)}.get(
        source.casefold(), source
    )  # "trelleborgshem" is the same
    code = str(options.get("municipality_code") or config.get_setting(con, "municipality_code"))
    municipalities = bra._municipalities(con) if cols.get("municipality") else {}
    elsewhere: dict[str, int] = {}
    lk = _Lookups(con, code)
    places = _Places(lk, con)
    factors = _factors(con)
    midnight = {
        "date": _midnight_only(frame, cols.get("date")),
        "date_to": _midnight_only(frame, cols.get("date_to")),
    }
    report = ImportReport(source, name, rows_read=len(frame))
    out: dict[str, list] = {c: [] for c in _COLUMNS}
    lines: list[int] = []
    raws: list[str] = []
    unmapped: dict[str, int] = {}
    for row in frame.to_dict("records"):
        line = int(row["_line"])
        values = {f: (str(row[c]).strip() if c else "") for f, c in cols.items()}
        try:
            # a register covering several municipalities (a fire service): only this one's rows are loaded
            if values["municipality"] and bra._municipality(values["municipality"], municipalities) != code:
                elsewhere[values["municipality"]] = elsewhere.get(values["municipality"], 0) + 1
                continue
            parsed = _parse_row(values, midnight, profile.categories, factors, lk, places)
        except ValueError as err:
            report.rejected.append(Rejected(line, str(err), _raw(row)))
            continue
        if not parsed.pop("_mapped") and profile.categories:
            unmapped[values["category"]] = unmapped.get(values["category"], 0) + 1
        for column in _COLUMNS:
            out[column].append(parsed[column])
        lines.append(line)
        raws.append(_raw(row))
    _check_inside(out, lines, raws, lk, report)
    _dedupe(out, lines, raws, report)
    report.rejected.sort(key=lambda r: r.line)
    result = pd.DataFrame(out, columns=_COLUMNS)
    result["municipality_code"] = code
    _messages(result, report, unmapped, midnight)
    if elsewhere:
        names = ", ".join(f"{name} ({n})" for name, n in sorted(elsewhere.items()))
        report.messages.append(
            f"{i18n.t('incident_register.msg.elsewhere', 'sv', n=sum(elsewhere.values()), names=names)}"
            f" / {i18n.t('incident_register.msg.elsewhere', 'en', n=sum(elsewhere.values()), names=names)}"
        )
    if options.get("strict") and report.rejected:
        raise ImportFileError(
            f"{report.rows_rejected} rader har fel; inget lästes in (--strict)"
            f" / {report.rows_rejected} rows have errors; nothing loaded"
        )
    return result, report, sha256(raw), source


def _parse_row(
    values: dict[str, str],
    midnight: dict[str, bool],
    categories: dict[str, str],
    factors: dict[str, str],
    lk: _Lookups,
    places: _Places,
) -> dict:
    when = _when(values, midnight)
    if not values["category"]:
        raise ValueError(i18n.t("incident_register.error.no_category"))
    category, factor_code, mapped = _category(values["category"], categories, factors)
    try:
        cost = parse_number(values["cost"]) if values["cost"] else None
    except ValueError:
        raise ValueError(i18n.t("incident_register.error.cost", value=values["cost"])) from None
    if cost is not None and (cost < 0 or math.isinf(cost)):
        raise ValueError(i18n.t("incident_register.error.cost", value=values["cost"]))
    lat = lon = area_id = place_id = None
    precision = "municipality"
    pair = None
    for first, second in (("lat", "lon"), ("north", "east")):
        if values[first] or values[second]:
            try:
                a, b = parse_number(values[first]), parse_number(values[second])
            except ValueError:
                a = b = None
            if a is None or b is None:
                raise ValueError(
                    i18n.t("incident_register.error.coordinates", value=f"{values[first]}, {values[second]}")
                )
            pair = (a, b)
            break
    if pair is not None:
        found = classify_pair(*pair)
        if found is None:
            raise ValueError(i18n.t("incident_register.error.crs", value=f"{pair[0]}, {pair[1]}"))
        _, lat, lon = found
        precision = "exact"
    else:
        match = places.match(values["address"], values["area"])
        if match is not None and match[0] == "place":
            place_id, lat, lon, area_id = match[1]
            precision = "place"
        elif match is not None:
            area_id = match[1]
            precision = "area"
    location = values["address"] or values["area"] or None
    summary = ": ".join(p for p in (category, values["address"]) if p)
    if values["description"]:
        summary = f"{summary}. {values['description']}"
    return {
        "external_id": values["id"],
        "occurred_at": when.start,
        "occurred_to": when.end,
        "time_precision": when.precision,
        "category": category,
        "factor_code": factor_code,
        "lat": lat,
        "lon": lon,
        "area_id": area_id,
        "place_id": place_id,
        "location_precision": precision,
        "location_name": location,
        "cost_sek": cost,
        "summary": summary[:1000],
        "_mapped": mapped,
    }


def _drop(out: dict[str, list], lines: list[int], raws: list[str], keep: list[bool]) -> None:
    for column in out:
        out[column] = [v for v, k in zip(out[column], keep, strict=True) if k]
    lines[:] = [v for v, k in zip(lines, keep, strict=True) if k]
    raws[:] = [v for v, k in zip(raws, keep, strict=True) if k]


def _check_inside(
    out: dict[str, list], lines: list[int], raws: list[str], lk: _Lookups, report: ImportReport
) -> None:
    """Coordinates outside the municipality reject their row; inside ones get their area and nearest place
    (all points at once)."""
    exact = [i for i, p in enumerate(out["location_precision"]) if p == "exact"]
    if not exact:
        return
    lat = np.array([out["lat"][i] for i in exact], dtype=float)
    lon = np.array([out["lon"][i] for i in exact], dtype=float)
    inside = reference.contains_points(lk.code, lat, lon)
    inside = np.ones(len(exact), dtype=bool) if inside is None else np.asarray(inside, dtype=bool)
    for i, area_id, place_id in zip(exact, lk.areas_of(lat, lon), lk.nearest_places(lat, lon), strict=True):
        out["area_id"][i], out["place_id"][i] = area_id, place_id
    keep = [True] * len(lines)
    for k, i in enumerate(exact):
        if not inside[k]:
            keep[i] = False
            report.rejected.append(
                Rejected(
                    lines[i],
                    i18n.t(
                        "incident_register.error.outside",
                        name=lk.name,
                        lat=f"{lat[k]:.5f}",
                        lon=f"{lon[k]:.5f}",
                    ),
                    raws[i],
                )
            )
    _drop(out, lines, raws, keep)


def _dedupe(out: dict[str, list], lines: list[int], raws: list[str], report: ImportReport) -> None:
    """A repeated id rejects the later row; rows without an id get a stable one from their content."""
    seen: dict[str, int] = {}
    keep = [True] * len(lines)
    for i, external_id in enumerate(out["external_id"]):
        if not external_id:
            continue
        if external_id in seen:
            keep[i] = False
            report.rejected.append(
                Rejected(
                    lines[i], i18n.t("incident_register.error.duplicate", line=seen[external_id]), raws[i]
                )
            )
        else:
            seen[external_id] = lines[i]
    _drop(out, lines, raws, keep)
    counts: dict[str, int] = {}
    keyed = [
        out[k]
        for k in (
            "occurred_at",
            "occurred_to",
            "category",
            "lat",
            "lon",
            "location_name",
            "cost_sek",
            "summary",
        )
    ]
    for i, external_id in enumerate(out["external_id"]):
        if external_id:
            continue
        key = "|".join(str(values[i]) for values in keyed)
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]  # noqa: S324 - an id, not security
        counts[digest] = counts.get(digest, 0) + 1
        out["external_id"][i] = f"h-{digest}-{counts[digest]}"


def _messages(
    result: pd.DataFrame, report: ImportReport, unmapped: dict[str, int], midnight: dict[str, bool]
) -> None:
    def both(key: str, **kwargs: object) -> str:
        return f"{i18n.t(key, 'sv', **kwargs)} / {i18n.t(key, 'en', **kwargs)}"

    for precision in ("day", "window"):
        n = int((result["time_precision"] == precision).sum())
        if n:
            report.messages.append(both(f"incident_register.msg.{precision}", n=n))
    if midnight["date"]:
        report.messages.append(both("incident_register.msg.midnight"))
    n = int((result["location_precision"] == "municipality").sum())
    if n:
        report.messages.append(both("incident_register.msg.no_place", n=n))
    if unmapped:
        words = ", ".join(sorted(unmapped)[:20])
        report.messages.append(both("incident_register.msg.unmapped", n=len(unmapped), words=words))


# ------------------------------------------------------------------------------------------------- load


def _stage(con, rows: pd.DataFrame) -> None:
    typed = rows.astype(
        {"lat": "Float64", "lon": "Float64", "cost_sek": "Float64", "area_id": "Int64", "place_id": "Int64"}
    )
    staging.register(con, "register_frame", typed)
    con.execute(
        "create or replace temp table register_staged as"
        " select cast(external_id as varchar) as external_id, cast(occurred_at as timestamp) as occurred_at,"
        "        cast(occurred_to as timestamp) as occurred_to, cast(time_precision as varchar) as time_precision,"
        "        cast(category as varchar) as category, cast(factor_code as varchar) as factor_code,"
        "        cast(municipality_code as varchar) as municipality_code,"
        "        cast(area_id as integer) as area_id, cast(place_id as integer) as place_id,"
        "        cast(lat as double) as lat, cast(lon as double) as lon,"
        "        cast(location_precision as varchar) as location_precision,"
        "        cast(location_name as varchar) as location_name, cast(cost_sek as double) as cost_sek,"
        "        cast(summary as varchar) as summary"
        " from register_frame"
    )
    con.unregister("register_frame")


_DIFF = """
with staged as (
    select * from register_staged
), existing as (
    select * from incident where source = ?
), final as (
    select s.external_id,
           e.id is null as is_new,
           e.id is not null and (s.occurred_at is distinct from e.occurred_at
               or s.occurred_to is distinct from e.occurred_to
               or s.time_precision is distinct from e.time_precision
               or s.category is distinct from e.category
               or s.factor_code is distinct from e.factor_code
               or s.municipality_code is distinct from e.municipality_code
               or s.area_id is distinct from e.area_id
               or s.place_id is distinct from e.place_id
               or s.lat is distinct from e.lat
               or s.lon is distinct from e.lon
               or s.location_precision is distinct from e.location_precision
               or s.location_name is distinct from e.location_name
               or s.cost_sek is distinct from e.cost_sek
               or s.summary is distinct from e.summary) as is_changed
    from staged s
    left join existing e on e.external_id = s.external_id
)
select * from final
"""


def preview(con, data: bytes | str, file_name: str | None = None, **options: object) -> ImportReport:
    """Validate the file and say what loading it would do; nothing is written."""
    rows, report, _, source = parse(con, data, file_name, options)
    if not rows.empty:
        _stage(con, rows)
        diff = con.execute(_DIFF, [source]).df()
        con.execute("drop table if exists register_staged")
        report.rows_updated = int(diff["is_changed"].sum())
        report.rows_loaded = int(diff["is_new"].sum()) + report.rows_updated
        report.rows_unchanged = len(rows) - report.rows_loaded
    return report


def load(con, data: bytes | str, file_name: str | None = None, **options: object) -> ImportReport:
    """Validate every row and load the valid ones as the register's own source, in one transaction."""
    rows, report, digest, source = parse(con, data, file_name, options)
    with transaction(con):
        new_ids: list[str] = []
        changed_ids: list[str] = []
        if not rows.empty:
            _stage(con, rows)
            diff = con.execute(_DIFF, [source]).df()
            new_ids = diff.loc[diff["is_new"], "external_id"].tolist()
            changed_ids = diff.loc[diff["is_changed"], "external_id"].tolist()
        report.rows_loaded = len(new_ids) + len(changed_ids)
        report.rows_updated = len(changed_ids)
        report.rows_unchanged = len(rows) - report.rows_loaded
        batch_id = record_batch(con, report, digest)
        if changed_ids:
            con.execute(
                "update incident"
                " set occurred_at = s.occurred_at, occurred_to = s.occurred_to, time_precision = s.time_precision,"
                "     category = s.category, factor_code = s.factor_code, municipality_code = s.municipality_code,"
                "     area_id = s.area_id, place_id = s.place_id, lat = s.lat, lon = s.lon,"
                "     location_precision = s.location_precision, location_name = s.location_name,"
                "     cost_sek = s.cost_sek, summary = s.summary, import_batch_id = ?"
                " from register_staged s"
                " where incident.source = ?"
                "   and incident.external_id = s.external_id"
                "   and s.external_id in (select unnest(?::varchar[]))",
                [batch_id, source, changed_ids],
            )
        if new_ids:
            con.execute(
                "insert into incident (source, external_id, occurred_at, occurred_to, time_precision, category,"
                "                      factor_code, municipality_code, area_id, place_id, lat, lon,"
                "                      location_precision, location_name, cost_sek, summary, import_batch_id)"
                " select ?, external_id, occurred_at, occurred_to, time_precision, category, factor_code,"
                "        municipality_code, area_id, place_id, lat, lon, location_precision, location_name, cost_sek,"
                "        summary, ?"
                " from register_staged"
                " where external_id in (select unnest(?::varchar[]))",
                [source, batch_id, new_ids],
            )
        con.execute("drop table if exists register_staged")
    return report


# ---------------------------------------------------------------------------------------------- the CLI


def _pairs(values: list[str] | None, what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values or []:
        key, sep, target = value.partition("=")
        if not sep or not key.strip() or not target.strip():
            raise ImportFileError(f"{what} ska skrivas NAMN=VÄRDE: {value!r} / {what} must be NAME=VALUE")
        out[key.strip()] = target.strip()
    return out


def _profile_arg(value: str) -> str:
    """A profile's name as given; a .json file as an absolute path (the app's inbox may read it elsewhere)."""
    return str(Path(value).resolve()) if value.lower().endswith(".json") else value


def add_arguments(parser) -> None:
    """CLI options of `import register`."""
    parser.add_argument(
        "--source", help="registrets namn som egen källa, t.ex. Trelleborgshem (eller från profilen)"
    )
    parser.add_argument(
        "--profile",
        type=_profile_arg,
        help="sparad profil (namn) eller en profilfil (.json) med källa och mappningar",
    )
    parser.add_argument(
        "--save-profile",
        metavar="NAMN|FIL.json",
        type=_profile_arg,
        help="spara källa, kolumn- och kategorimappning som profil (i databasen, eller i en .json-fil)",
    )
    parser.add_argument(
        "--column",
        action="append",
        metavar="FÄLT=KOLUMN",
        dest="columns",
        help=f"kolumnmappning, upprepas; fält: {', '.join(FIELDS)}",
    )
    parser.add_argument(
        "--category",
        action="append",
        metavar="ORD=KATEGORI",
        dest="category_pairs",
        help="kategorimappning, upprepas: registrets ord=projektets kategori (eller faktor)",
    )
    parser.add_argument(
        "--kommun",
        dest="municipality_code",
        help="kommunkod (4 siffror) som platserna ska ligga i; standard: inställningen",
    )


def before_load(con, args) -> None:
    """With --save-profile: save the profile the options describe before loading (in the database, or in a
    .json file), so the next file of the register needs only --profile."""
    target = getattr(args, "save_profile", None)
    if not target:
        return
    profile = _options_profile(con, vars(args))
    check_source_name(profile.source)
    if target.lower().endswith(".json"):
        write_profile_file(target, profile)
    else:
        save_profile(con, target, profile, by="cli")
    print(f"profilen sparad: {target} / profile saved: {target}")
