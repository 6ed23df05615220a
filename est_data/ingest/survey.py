"""Import of survey answers exported from survey tools (the in-app form is the primary path).

Two layouts are read, from CSV (UTF-8 with or without BOM, Windows-1252; `;`, `,` or tab) or .xlsx:

1. The standard long format, one row per week, reporter, area and factor::

       vecka;e-post;område;faktor;nivå;kommentar
       2026-W47;anna.andersson@kommun.se;Centrum;Skadegörelse;2;Krossade rutor vid stationen

   - vecka: `2026-W47`, `2026-47` or a week number with a column `år`; without a week column the
     ISO week of the column `inskickad` (when the answer was sent) is used;
   - e-post: the reporter's e-mail address as registered (case does not matter);
   - område: the area's name; may be left out for a reporter who covers a single area;
   - faktor: the factor's code (`skadegorelse`) or Swedish or English name (`Skadegörelse`);
   - nivå: 0–3, or the words inget, enstaka, påtagligt, allvarligt (also "2 – påtagligt");
   - kommentar (optional): a comment for the area and week; inskickad (optional): date and time.
   English headers (week, year, email, area, factor, level, comment, submitted_at) work as well.

2. Wide exports, one row per answer and one column per factor, as Microsoft Forms, Netigate or
   Esmaker produce them, read through a column-mapping profile: `{"week": [...], "year": [...],
   "email": [...], "area": [...], "comment": [...], "submitted_at": [...], "factors": "auto" | {header:
   code}}`, where each list holds candidate headers (the first present is used, case does not matter)
   and "auto" finds the factor columns by the factors' names appearing in the headers (so a Forms
   header "Hur är läget? [Skadegörelse]" is found). Built-in profiles: `BUILTIN_PROFILES`; profiles of
   one's own are saved in table `mapping_profile` (source 'survey') with `save_profile`. A wide file
   without a profile is read with the built-in profile `standard`.

Unknown reporters, areas, factors and out-of-range levels are rejected per row with the line number.
Valid rows load in one transaction with an `import_batch` row; with `strict=True` any rejected row
refuses the whole file. Answers already in the database with the same levels and comment are left
as they are, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from est_data import rounds
from est_data.audit import record
from est_data.db import transaction
from est_data.ingest.common import (
    ImportFileError,
    ImportReport,
    Rejected,
    check_event_time,
    parse_datetime,
    read_bytes,
    read_table,
    record_batch,
    sha256,
)
from est_data.model import IsoWeek

SOURCE = "survey"
CLI_HELP = "enkätsvar (långt standardformat eller brett format med profil)"

LONG_ALIASES: dict[str, list[str]] = {
    "week": ["vecka", "week", "iso_week", "veckonummer", "v"],
    "year": ["år", "ar", "year", "iso_year"],
    "email": ["e-post", "epost", "e-postadress", "email", "e-mail", "mejl", "mail"],
    "area": ["område", "omrade", "area", "områdesnamn"],
    "factor": ["faktor", "factor", "fråga"],
    "level": ["nivå", "niva", "level", "svar", "värde"],
    "comment": ["kommentar", "comment", "kommentarer", "övrigt"],
    "submitted_at": ["inskickad", "submitted_at", "skickad", "svarsdatum", "datum"],
}

BUILTIN_PROFILES: dict[str, dict] = {
    "standard": {
        "description": "Brett standardformat: vecka, e-post, område, kommentar och en kolumn per faktor",
        "week": ["vecka", "week"],
        "year": ["år", "year"],
        "email": ["e-post", "email", "e-postadress"],
        "area": ["område", "area"],
        "comment": ["kommentar", "comment"],
        "submitted_at": ["inskickad", "submitted_at"],
        "factors": "auto",
    },
    "forms": {
        "description": "Microsoft Forms (Excel-export med svenska rubriker)",
        "week": ["Vilken vecka gäller svaret?", "Vecka", "Vilken vecka gäller rapporten?"],
        "year": ["År"],
        "email": ["E-post", "E-postadress", "Email"],
        "area": ["Vilket område gäller svaret?", "Område", "Vilket område rapporterar du för?"],
        "comment": ["Kommentar", "Övriga kommentarer", "Beskriv gärna vad du sett"],
        "submitted_at": ["Slutförandetid", "Sluttid", "Completion time", "Starttid"],
        "factors": "auto",
    },
    "netigate": {
        "description": "Netigate (CSV-export, en rad per svar)",
        "week": ["Vecka", "Bakgrund: Vecka"],
        "year": ["År"],
        "email": ["E-postadress", "Email", "Respondent e-post"],
        "area": ["Område", "Bakgrund: Område"],
        "comment": ["Kommentar", "Fritext", "Övrigt"],
        "submitted_at": ["Svarsdatum", "Slutdatum", "Datum"],
        "factors": "auto",
    },
    "esmaker": {
        "description": "Esmaker (Excel-export, en rad per respondent)",
        "week": ["Vecka"],
        "year": ["År"],
        "email": ["E-post", "Epost", "Mottagare"],
        "area": ["Område"],
        "comment": ["Kommentar", "Övriga synpunkter"],
        "submitted_at": ["Besvarad", "Svarstid", "Datum"],
        "factors": "auto",
    },
}

_LEVEL_WORDS = {
    "inget": 0,
    "inga": 0,
    "ingenting": 0,
    "none": 0,
    "enstaka": 1,
    "isolated": 1,
    "påtagligt": 2,
    "påtaglig": 2,
    "noticeable": 2,
    "allvarligt": 3,
    "allvarlig": 3,
    "serious": 3,
}
_WEEK = re.compile(
    r"^(?:(\d{4})\s*-?\s*[wWvV]?\s*-?\s*(\d{1,2})|[vVwW]\.?\s*(\d{1,2})(?:\s+(\d{4}))?|(\d{1,2}))$"
)


# ---------------------------------------------------------------------------------------------- profiles


def profiles(con) -> dict[str, dict]:
    """The built-in profiles and those saved in the database (saved ones win on a name clash)."""
    out = {name: dict(p) for name, p in BUILTIN_PROFILES.items()}
    for name, text in con.execute(
        "select name, mapping_json from mapping_profile where source = ? order by name", [SOURCE]
    ).fetchall():
        out[name] = json.loads(text)
    return out


def get_profile(con, name: str) -> dict:
    found = profiles(con).get(name)
    if found is None:
        raise ImportFileError(
            f"okänd profil: {name} (finns: {', '.join(sorted(profiles(con)))}) / unknown profile: {name}"
        )
    return found


def validate_profile(mapping: dict) -> dict:
    """A mapping with lists of candidate headers; raises ImportFileError when it cannot work."""
    if not isinstance(mapping, dict):
        raise ImportFileError("profilen måste vara ett JSON-objekt / the profile must be a JSON object")
    out: dict = {"description": str(mapping.get("description", ""))}
    for key in ("week", "year", "email", "area", "comment", "submitted_at"):
        value = mapping.get(key) or []
        out[key] = [value] if isinstance(value, str) else [str(v) for v in value]
    if not out["email"]:
        raise ImportFileError("profilen saknar kolumn för e-post / the profile has no e-mail column")
    if not (out["week"] or out["submitted_at"]):
        raise ImportFileError(
            "profilen saknar kolumn för vecka eller svarsdatum / the profile has no week column"
        )
    factors = mapping.get("factors", "auto")
    if factors != "auto" and not (isinstance(factors, dict) and factors):
        raise ImportFileError(
            "profilens 'factors' ska vara \"auto\" eller {rubrik: faktorkod}"
            " / 'factors' must be \"auto\" or {header: factor code}"
        )
    out["factors"] = factors
    return out


def save_profile(con, name: str, mapping: dict, by: str | None = None) -> None:
    """Save (or replace) a column-mapping profile for survey exports."""
    name = (name or "").strip()
    if not re.fullmatch(r"[\w\-. ]{1,60}", name):
        raise ImportFileError("ogiltigt profilnamn / invalid profile name")
    checked = validate_profile(mapping)
    text = json.dumps(checked, ensure_ascii=False, sort_keys=True)
    with transaction(con):
        before = con.execute("select mapping_json from mapping_profile where name = ?", [name]).fetchone()
        con.execute(
            "insert into mapping_profile (name, source, mapping_json) values (?, ?, ?)"
            " on conflict (name) do update set source = excluded.source, mapping_json = excluded.mapping_json",
            [name, SOURCE, text],
        )
        record(
            con,
            by,
            "update" if before else "create",
            "mapping_profile",
            name,
            before=json.loads(before[0]) if before else None,
            after=checked,
        )


# ---------------------------------------------------------------------------------------------- parsing


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).strip().lower()
    return re.sub(r"\s+", " ", text)


def _find(columns: list[str], candidates: list[str]) -> str | None:
    by_norm = {_norm(c): c for c in columns}
    for candidate in candidates:
        if _norm(candidate) in by_norm:
            return by_norm[_norm(candidate)]
    return None


def parse_level(text: str) -> int | None:
    """'2', '2 – påtagligt', 'Påtagligt', '2,0' -> 2; '' -> None; raises ValueError otherwise."""
    value = _norm(text)
    if value == "":
        return None
    match = re.match(r"^(\d+)(?:[.,]0+)?\b", value)
    if match:
        level = int(match.group(1))
        if not 0 <= level <= 3:
            raise ValueError(f"nivå {level} utanför 0–3 / level out of range")
        return level
    word = re.split(r"[\s(–\-:]+", value)[0]
    if word in _LEVEL_WORDS:
        return _LEVEL_WORDS[word]
    raise ValueError(f"okänd nivå {text!r} (0–3 eller inget/enstaka/påtagligt/allvarligt) / unknown level")


def parse_week(week_text: str, year_text: str = "", submitted: dt.datetime | None = None) -> IsoWeek:
    """'2026-W47', '2026-47', '2026W47', 'v47', 'v. 47 2026', or '47' with a year (or the year of
    `submitted`, stepping back a year when week 47 of that year lies after it)."""
    value = str(week_text).strip()
    match = _WEEK.match(value)
    if not match:
        raise ValueError(f"okänd vecka {value!r} / unknown week")
    year_s, week_s = (
        (match.group(1), match.group(2))
        if match.group(1)
        else ((match.group(4), match.group(3)) if match.group(3) else (None, match.group(5)))
    )
    week_no = int(week_s)
    if not year_s and str(year_text).strip():
        year_s = str(year_text).strip()
    if year_s:
        try:
            week = IsoWeek(int(year_s), week_no)
            week.monday()
        except ValueError:
            raise ValueError(f"vecka {week_no} finns inte år {year_s} / no such week") from None
        return week
    if submitted is None:
        raise ValueError("vecka utan år och utan svarsdatum / week without a year")
    year = submitted.isocalendar()[0]
    for candidate in (year, year - 1):
        try:
            week = IsoWeek(candidate, week_no)
            if week.monday() <= submitted.date():
                return week
        except ValueError:
            continue
    raise ValueError(f"vecka {week_no} efter svarsdatumet / week after the answer date")


@dataclass
class _Answer:
    week: IsoWeek
    reporter_id: int
    area_id: int
    levels: dict[str, int] = field(default_factory=dict)
    comment: str | None = None
    submitted_at: dt.datetime | None = None
    lines: list[int] = field(default_factory=list)


@dataclass
class _Lookups:
    reporters: dict[str, int]
    reporter_areas: dict[int, list[int]]
    areas: dict[str, int]
    factors: dict[str, str]
    factor_names: list[tuple[str, str]]  # (normalised name, code), longest first
    schedule: list = field(default_factory=list)  # survey rounds (est_data.rounds.schedule)

    def round_start(self, week: IsoWeek) -> IsoWeek:
        """The first week of the survey round holding week: answers are stored under it (issue 18)."""
        return rounds.round_in_schedule(self.schedule, week).start

    @classmethod
    def load(cls, con) -> _Lookups:
        reporters = {
            _norm(e): int(i)
            for i, e in con.execute("select id, email from reporter where email is not null").fetchall()
        }
        reporter_areas: dict[int, list[int]] = {}
        for rid, aid in con.execute(
            "select ra.reporter_id, ra.area_id from reporter_area ra"
            " join area a on a.id = ra.area_id and a.active"
        ).fetchall():
            reporter_areas.setdefault(int(rid), []).append(int(aid))
        areas = {_norm(n): int(i) for i, n in con.execute("select id, name from area").fetchall()}
        factors: dict[str, str] = {}
        names = []
        for code, sv, en in con.execute(
            "select code, label_sv, label_en from factor where active"
        ).fetchall():
            for name in (code, sv, en):
                if name:
                    factors[_norm(name)] = code
                    names.append((_norm(name), code))
        names.sort(key=lambda p: -len(p[0]))
        return cls(reporters, reporter_areas, areas, factors, names, rounds.schedule(con))

    def factor_in_header(self, header: str) -> str | None:
        norm = _norm(header)
        if norm in self.factors:
            return self.factors[norm]
        for name, code in self.factor_names:
            if len(name) >= 4 and re.search(
                r"(^|[\s\[(.:\-_])" + re.escape(name) + r"($|[\s\])?.:\-_])", norm
            ):
                return code
        return None


def _submitted(row: pd.Series, column: str | None) -> dt.datetime | None:
    if not column or not row[column]:
        return None
    submitted = parse_datetime(row[column])
    check_event_time(submitted, "svarsdatumet")
    return submitted


def _reporter_area(row: pd.Series, cols: dict, lk: _Lookups) -> tuple[int, int]:
    email = _norm(row[cols["email"]]) if cols["email"] else ""
    if not email:
        raise ValueError("e-post saknas / no e-mail")
    reporter_id = lk.reporters.get(email)
    if reporter_id is None:
        raise ValueError(f"okänd rapportör {row[cols['email']]!r} / unknown reporter")
    area_text = row[cols["area"]] if cols["area"] else ""
    if area_text:
        area_id = lk.areas.get(_norm(area_text))
        if area_id is None:
            raise ValueError(f"okänt område {area_text!r} / unknown area")
    else:
        covered = lk.reporter_areas.get(reporter_id, [])
        if len(covered) != 1:
            raise ValueError("område saknas och rapportören täcker flera områden / no area given")
        area_id = covered[0]
    return reporter_id, area_id


def _week(row: pd.Series, cols: dict, submitted: dt.datetime | None) -> IsoWeek:
    if cols["week"] and row[cols["week"]]:
        week = parse_week(row[cols["week"]], row[cols["year"]] if cols["year"] else "", submitted)
        check_event_time(week.monday(), f"vecka {week.week} år {week.year} (måndag)")
        return week
    if submitted is None:
        raise ValueError("vecka och svarsdatum saknas / no week and no answer date")
    return IsoWeek.of(submitted.date())


def _raw(row: pd.Series) -> str:
    return "; ".join(str(v) for k, v in row.items() if k != "_line")[:300]


def _parse_long(frame: pd.DataFrame, lk: _Lookups, report: ImportReport) -> dict[tuple, _Answer]:
    columns = [c for c in frame.columns if c != "_line"]
    cols = {key: _find(columns, aliases) for key, aliases in LONG_ALIASES.items()}
    answers: dict[tuple, _Answer] = {}
    for _, row in frame.iterrows():
        line = int(row["_line"])
        try:
            submitted = _submitted(row, cols["submitted_at"])
            week = lk.round_start(_week(row, cols, submitted))
            reporter_id, area_id = _reporter_area(row, cols, lk)
            factor = lk.factors.get(_norm(row[cols["factor"]]))
            if factor is None:
                raise ValueError(f"okänd faktor {row[cols['factor']]!r} / unknown factor")
            level = parse_level(row[cols["level"]])
            if level is None:
                raise ValueError("nivå saknas / no level")
            key = (week.year, week.week, reporter_id, area_id)
            answer = answers.setdefault(key, _Answer(week, reporter_id, area_id))
            if factor in answer.levels and answer.levels[factor] != level:
                raise ValueError(
                    f"faktorn {factor} finns redan med nivå {answer.levels[factor]} för samma "
                    "vecka, rapportör och område / duplicate factor"
                )
            answer.levels[factor] = level
            comment = row[cols["comment"]] if cols["comment"] else ""
            if comment and comment != answer.comment:
                answer.comment = comment if not answer.comment else f"{answer.comment} {comment}"
            if submitted and (answer.submitted_at is None or submitted > answer.submitted_at):
                answer.submitted_at = submitted
            answer.lines.append(line)
        except ValueError as err:
            report.rejected.append(Rejected(line, str(err), _raw(row)))
    return answers


def _parse_wide(
    frame: pd.DataFrame, lk: _Lookups, profile: dict, report: ImportReport
) -> dict[tuple, _Answer]:
    columns = [c for c in frame.columns if c != "_line"]
    cols = {
        key: _find(columns, profile.get(key, []))
        for key in ("week", "year", "email", "area", "comment", "submitted_at")
    }
    if cols["email"] is None:
        raise ImportFileError(
            f"kolumnen för e-post saknas (väntade en av {', '.join(profile['email'])}) / no e-mail column"
        )
    if cols["week"] is None and cols["submitted_at"] is None:
        raise ImportFileError("kolumn för vecka eller svarsdatum saknas / no week or date column")
    used = {c for c in cols.values() if c}
    if profile["factors"] == "auto":
        factor_cols = {c: lk.factor_in_header(c) for c in columns if c not in used}
        factor_cols = {c: code for c, code in factor_cols.items() if code}
    else:
        factor_cols = {}
        for header, code in profile["factors"].items():
            found = _find(columns, [header])
            if found is None:
                raise ImportFileError(f"kolumnen {header!r} i profilen finns inte i filen / column missing")
            if _norm(code) not in lk.factors:
                raise ImportFileError(f"okänd faktor {code!r} i profilen / unknown factor in the profile")
            factor_cols[found] = lk.factors[_norm(code)]
    if not factor_cols:
        raise ImportFileError("inga faktorkolumner hittades i filen / no factor columns found")
    answers: dict[tuple, _Answer] = {}
    for _, row in frame.iterrows():
        line = int(row["_line"])
        try:
            submitted = _submitted(row, cols["submitted_at"])
            week = lk.round_start(_week(row, cols, submitted))
            reporter_id, area_id = _reporter_area(row, cols, lk)
            levels = {}
            for column, code in factor_cols.items():
                try:
                    level = parse_level(row[column])
                except ValueError as err:
                    raise ValueError(f"{column}: {err}") from None
                if level is not None:
                    levels[code] = level
            if not levels:
                raise ValueError("inga nivåer i raden / no levels in the row")
            key = (week.year, week.week, reporter_id, area_id)
            earlier = answers.get(key)
            if earlier is not None and (earlier.submitted_at or dt.datetime.min) > (
                submitted or dt.datetime.min
            ):
                report.messages.append(
                    f"rad {line}: äldre svar för samma vecka och område, ersattes av rad {earlier.lines[-1]}"
                )
                continue
            comment = row[cols["comment"]] if cols["comment"] else ""
            answers[key] = _Answer(week, reporter_id, area_id, levels, comment or None, submitted, [line])
        except ValueError as err:
            report.rejected.append(Rejected(line, str(err), _raw(row)))
    return answers


def _is_long(frame: pd.DataFrame) -> bool:
    columns = [c for c in frame.columns if c != "_line"]
    return bool(_find(columns, LONG_ALIASES["factor"]) and _find(columns, LONG_ALIASES["level"]))


def _parse(
    con, data, file_name: str | None, profile: str | dict | None
) -> tuple[ImportReport, dict[tuple, _Answer], bytes]:
    raw, name = read_bytes(data, file_name)
    frame = read_table(raw)
    report = ImportReport(SOURCE, name, rows_read=len(frame))
    lk = _Lookups.load(con)
    if profile is None and _is_long(frame):
        columns = [c for c in frame.columns if c != "_line"]
        if not _find(columns, LONG_ALIASES["email"]):
            raise ImportFileError("kolumnen e-post saknas / no e-mail column")
        if not (_find(columns, LONG_ALIASES["week"]) or _find(columns, LONG_ALIASES["submitted_at"])):
            raise ImportFileError("kolumnen vecka saknas / no week column")
        answers = _parse_long(frame, lk, report)
    else:
        mapping = validate_profile(
            profile if isinstance(profile, dict) else get_profile(con, profile or "standard")
        )
        answers = _parse_wide(frame, lk, mapping, report)
    return report, answers, raw


# ---------------------------------------------------------------------------------------------- loading


def _existing(con, answer: _Answer) -> tuple[int, dict[str, int], str | None] | None:
    row = con.execute(
        "select id, comment from survey_response"
        " where iso_year = ? and iso_week = ? and reporter_id = ? and area_id = ?",
        [answer.week.year, answer.week.week, answer.reporter_id, answer.area_id],
    ).fetchone()
    if row is None:
        return None
    levels = dict(
        con.execute("select factor_code, level from survey_rating where response_id = ?", [row[0]]).fetchall()
    )
    return int(row[0]), levels, row[1]


def _changed(con, answer: _Answer) -> bool:
    existing = _existing(con, answer)
    if existing is None:
        return True
    _, levels, comment = existing
    return any(levels.get(k) != v for k, v in answer.levels.items()) or (answer.comment or None) != (
        comment or None
    )


def _strict_check(report: ImportReport, strict: bool) -> None:
    if strict and report.rejected:
        first = report.rejected[0]
        raise ImportFileError(
            f"{report.rows_rejected} rader har fel (första: rad {first.line}: {first.reason});"
            f" inget lästes in (--strict) / {report.rows_rejected} bad rows, nothing loaded"
        )


def preview(
    con,
    data,
    file_name: str | None = None,
    profile: str | dict | None = None,
    strict: bool = False,
    **options,
) -> ImportReport:
    """Validate a file without writing: rows_loaded is what a load would add or change."""
    report, answers, _ = _parse(con, data, file_name, profile)
    _strict_check(report, strict)
    for answer in answers.values():
        if _changed(con, answer):
            report.rows_loaded += len(answer.lines)
        else:
            report.rows_unchanged += len(answer.lines)
    return report


def load(
    con,
    data,
    file_name: str | None = None,
    profile: str | dict | None = None,
    strict: bool = False,
    by: str | None = None,
    **options,
) -> ImportReport:
    """Validate a file and load its valid answers in one transaction, recorded as an import_batch."""
    report, answers, raw = _parse(con, data, file_name, profile)
    _strict_check(report, strict)
    now = dt.datetime.now()
    with transaction(con):
        batch_id = record_batch(con, report, sha256(raw))
        for answer in answers.values():
            if not _changed(con, answer):
                report.rows_unchanged += len(answer.lines)
                continue
            response_id = con.execute(
                "insert into survey_response (iso_year, iso_week, reporter_id, area_id, submitted_at, comment,"
                " source, import_batch_id)"
                " values (?, ?, ?, ?, ?, ?, 'import', ?)"
                " on conflict (iso_year, iso_week, reporter_id, area_id) do update"
                " set submitted_at = excluded.submitted_at, comment = excluded.comment, source = excluded.source,"
                "     import_batch_id = excluded.import_batch_id"
                " returning id",
                [
                    answer.week.year,
                    answer.week.week,
                    answer.reporter_id,
                    answer.area_id,
                    answer.submitted_at or now,
                    answer.comment,
                    batch_id,
                ],
            ).fetchone()[0]
            con.executemany(
                "insert into survey_rating (response_id, factor_code, level) values (?, ?, ?)"
                " on conflict (response_id, factor_code) do update set level = excluded.level",
                [[response_id, code, level] for code, level in answer.levels.items()],
            )
            report.rows_loaded += len(answer.lines)
        if report.rows_unchanged:
            report.messages.append(f"oförändrade {report.rows_unchanged} / unchanged {report.rows_unchanged}")
        con.execute(
            "update import_batch set rows_loaded = ?, message = ? where id = ?",
            [report.rows_loaded, "; ".join(report.messages)[:2000] or None, batch_id],
        )
        if by:
            record(
                con,
                by,
                "import",
                "survey_response",
                batch_id,
                after={
                    "file": report.file_name,
                    "loaded": report.rows_loaded,
                    "rejected": report.rows_rejected,
                },
            )
    return report


# ---------------------------------------------------------------------------------------------- command line


def add_arguments(parser) -> None:
    parser.add_argument(
        "--profile",
        help="kolumnprofil för breda exporter (t.ex. forms, netigate, esmaker,"
        " standard eller en sparad profil)",
    )
    parser.add_argument(
        "--save-profile",
        metavar="JSON",
        dest="save_profile",
        help="spara först profilen --profile från denna JSON-fil",
    )


def before_load(con, args) -> None:
    """CLI hook: save a profile from a JSON file before importing with it."""
    path = getattr(args, "save_profile", None)
    if not path:
        return
    if not getattr(args, "profile", None):
        raise ImportFileError("--save-profile kräver --profile NAMN / --save-profile needs --profile NAME")
    try:
        mapping = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as err:
        raise ImportFileError(f"profilfilen är inte giltig JSON ({err.msg}) / invalid JSON") from None
    save_profile(con, args.profile, mapping, by="cli")
    print(f"Profilen {args.profile} sparad / profile saved")
