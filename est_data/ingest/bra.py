"""Import of Brå's reported-crime statistics (CSV or .xlsx from Brå's statistics database) into crime_stat.

The file is read as users have it (UTF-8 or Windows-1252, `;` or `,`, Swedish numbers such as
"1 234" or "12,0", .xlsx). Columns are found by their Swedish or English names:

- kommun / region / kommunkod (e.g. "1287", "1287 Trelleborg", "Trelleborg"); when absent, the
  municipality of the installation (setting municipality_code) or the option `municipality_code`;
- år, and månad (1–12 or a Swedish month name) or kvartal (1–4, "K1", "kv 1", "Q1"), or a single
  period column ("2024M01", "2024-01", "2024K1", "2024"); a year alone means the whole year;
- brottskod and/or brott/brottstyp (a label such as "1201 Skadegörelse" is split into code and label);
- antal (the count; ".." or "-" means no value and the row is rejected);
- preliminär (ja/nej, 1/0, true/false, "preliminär"/"slutlig"), optional.

Brå's yearly file per municipality as published ("Anmälda brott kommunerna YYYY.csv") is read too:
the columns `Kommun;Antal;Per 100 000 inv.` (UTF-8 with BOM, CRLF, "2 537"), or the same three
columns without a header (the 2021 file, with names such as "Ale kommun" and "Arjeplogs kommun").
The year comes from the option `year` (CLI `--year`) or from the file name. Each municipality's
count is stored as the year's total of all reported crimes (label TOTAL_LABEL) with its rate per
100 000 inhabitants; `Hela landet` is stored as the national figure (code NATIONAL_CODE, not a
municipality); Stockholm's district rows (Rinkeby-Kista, Spånga-Tensta …) are named in the report
and not loaded. Names are matched with an en dash for the hyphen ("Malung–Sälen"), "X kommun",
"Xs kommun", "X stad" and "Region X".

A "wide" export with one column per month (januari … december) or per period ("2024M01") is
turned into rows first. Rows are identified by municipality, period and crime (the code when there
is one, else the label): importing a file again changes nothing, and a newer file replaces the
counts of the same periods (preliminary figures become final). Valid rows load in one transaction
with an import_batch row; with strict=True a single bad row refuses the whole file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from est_data import config, i18n
from est_data.db import transaction
from est_data.ingest import common, reference
from est_data.ingest.common import (
    ImportFileError,
    ImportReport,
    Rejected,
    check_event_time,
    finish_batch,
    parse_number,
    read_bytes,
    read_table,
    sha256,
    start_batch,
)

SOURCE = "bra"
CLI_HELP = (
    "Brås statistik över anmälda brott (CSV/xlsx: kommun, år, månad/kvartal, brott, antal; eller Brås årsfil"
    ' "Anmälda brott kommunerna ÅÅÅÅ.csv")'
)
NATIONAL_CODE = "00"  # SCB's code for Sweden as a whole (Riket): Brå's "Hela landet"
TOTAL_LABEL = "Samtliga anmälda brott"  # what the yearly file counts
# Stockholm's district councils (stadsdelsområden), before and after the 2020 reform: Brå's yearly file
# lists them below the municipalities; they are not municipalities and are never loaded.
STOCKHOLM_DISTRICTS = (
    "Rinkeby-Kista",
    "Spånga-Tensta",
    "Hässelby-Vällingby",
    "Bromma",
    "Kungsholmen",
    "Norrmalm",
    "Östermalm",
    "Södermalm",
    "Enskede-Årsta-Vantör",
    "Skarpnäck",
    "Farsta",
    "Älvsjö",
    "Hägersten-Liljeholmen",
    "Hägersten-Älvsjö",
    "Skärholmen",
    "Liljeholmen",
    "Hägersten",
    "Maria-Gamla stan",
    "Katarina-Sofia",
    "Vantör",
    "Enskede-Årsta",
    "Kista",
    "Rinkeby",
    "Spånga",
    "Tensta",
    "Hässelby",
    "Vällingby",
)
_NATIONAL_NAMES = ("hela landet", "riket", "sverige", "hela riket", "totalt", "samtliga kommuner")

_ALIASES: dict[str, tuple[str, ...]] = {
    "municipality": (
        "kommun",
        "kommunkod",
        "kommun_kod",
        "kommunnamn",
        "region",
        "municipality",
        "municipality_code",
        "omrade",
        "brottsplatskommun",
        "gärningskommun",
        "garningskommun",
    ),
    "year": ("ar", "year", "artal", "redovisningsar"),
    "month": ("manad", "month", "man", "redovisningsmanad"),
    "quarter": ("kvartal", "quarter", "kv"),
    "period": ("period", "tid", "tidsperiod", "redovisningsperiod"),
    "code": ("brottskod", "kod", "crime_code", "code", "brottskategorikod"),
    "label": (
        "brott",
        "brottstyp",
        "brottskategori",
        "brottsbenamning",
        "crime_label",
        "crime",
        "kategori",
        "brottsrubricering",
    ),
    "count": ("antal", "antal anmalda brott", "anmalda brott", "count", "varde", "antal brott", "anmalda"),
    "preliminary": (
        "preliminar",
        "prel",
        "preliminary",
        "status",
        "preliminar statistik",
        "preliminar uppgift",
    ),
    "rate": (
        "per 100 000 inv.",
        "per 100 000 inv",
        "per 100 000 invanare",
        "per 100000 inv.",
        "per 100000 invanare",
        "antal per 100 000 invanare",
        "rate",
        "per 100k",
    ),
}
_MONTHS = {name: i + 1 for i, name in enumerate(i18n.MONTHS_SV)}
_MONTHS.update({name: i + 1 for i, name in enumerate(i18n.MONTHS_SV_SHORT)})
_MONTHS.update({name.lower(): i + 1 for i, name in enumerate(i18n.MONTHS_EN_SHORT)})
_MONTHS.update(
    {
        name: i + 1
        for i, name in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ]
        )
    }
)
_TRUE = {"ja", "j", "yes", "y", "true", "sant", "1", "x", "p", "prel", "preliminar", "preliminart"}
_FALSE = {"nej", "n", "no", "false", "falskt", "0", "", "slutlig", "slutligt", "definitiv", "s"}
_MISSING = {"..", ".", "-", "–", "", "x"}


_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212]")


def _norm(text: str) -> str:
    """Lower case without diacritics, extra spaces or typographic dashes: 'Månad ' -> 'manad',
    'Malung–Sälen' -> 'malung-salen'."""
    folded = unicodedata.normalize("NFKD", _DASHES.sub("-", str(text)).strip().lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[\s_]+", " ", folded).strip()


def _find_columns(columns: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    normalised = {c: _norm(c) for c in columns if c != "_line"}
    for role, aliases in _ALIASES.items():
        for column, norm in normalised.items():
            if column in found.values():
                continue
            if norm in aliases or norm.replace(" ", "_") in aliases:
                found[role] = column
                break
    if "count" not in found:  # "Antal anmälda brott, totalt" and similar
        for column, norm in normalised.items():
            if column not in found.values() and norm.startswith("antal") and "per 100" not in norm:
                found["count"] = column
                break
    if "rate" not in found:  # "Per 100 000 invånare 2024" and similar
        for column, norm in normalised.items():
            if column not in found.values() and re.sub(r"\s", "", norm).startswith(
                ("per100000", "antalper100000")
            ):
                found["rate"] = column
                break
    return found


_WIDE_PERIOD = re.compile(r"^(\d{4})\s*(?:[-mM]\s*(\d{1,2})|[kKqQ]\s*([1-4]))?$")


def _wide_columns(columns: list[str]) -> list[str]:
    """Columns that are months (januari …) or periods (2024M01, 2024K1, 2024): a wide export."""
    return [c for c in columns if c != "_line" and (_norm(c) in _MONTHS or _WIDE_PERIOD.match(c.strip()))]


def _melt_wide(frame: pd.DataFrame, wide: list[str]) -> pd.DataFrame:
    ids = [c for c in frame.columns if c not in wide]
    long = frame.melt(id_vars=ids, value_vars=wide, var_name="_wide_period", value_name="_wide_count")
    return long.sort_values(["_line"], kind="stable").reset_index(drop=True)


def add_arguments(parser) -> None:
    """CLI options of `import bra`."""
    parser.add_argument(
        "--kommun",
        dest="municipality_code",
        metavar="KOD",
        help="kommunkod för filer utan kommunkolumn (standard: inställningen municipality_code)",
    )
    parser.add_argument(
        "--year", type=int, metavar="ÅR", help="året för Brås årsfil per kommun (standard: året i filnamnet)"
    )


# ------------------------------------------------------------------------------------ value parsing


def _name_key(text: str) -> str:
    """A place name for matching: case-folded, typographic dashes as '-', single spaces, diacritics kept
    (Håbo and Habo are two municipalities)."""
    text = unicodedata.normalize("NFC", _DASHES.sub("-", str(text)))
    return re.sub(r"\s+", " ", text).strip().casefold()


def _municipalities(con) -> dict[str, str]:
    """Name (see _name_key) or code -> municipality code, from the reference list of all 290 municipalities
    and the municipality table (a national file names every municipality, not only the installed one).
    Names written without diacritics ('Malmo') are matched too where that is unambiguous."""
    ref = reference.kommuner()
    rows = list(zip(ref["municipality_code"], ref["municipality_name"], strict=True))
    rows += con.execute("select code, name from municipality").fetchall()
    lookup: dict[str, str] = {}
    for code, name in rows:
        lookup[code] = code
        lookup.setdefault(_name_key(name), code)
    # "X kommun", the genitive "Xs kommun", "X stad", "Region X", "Falu kommun" (Falun) and names without
    # diacritics: added only where they name one municipality and are not a municipality's own name
    for fold in (_name_key, _norm):  # with diacritics first, so "Habo kommun" is Habo, not Håbo
        variants: dict[str, set[str]] = {}
        for code, name in rows:
            base = _name_key(name)
            stems = {base, f"{base}s"} | ({base[:-1]} if base.endswith("n") else set())
            for stem in stems:
                for variant in (f"{stem} kommun", f"{stem} stad", f"{code} {base}", f"region {base}", stem):
                    variants.setdefault(fold(variant), set()).add(code)
        for key, codes in variants.items():
            if len(codes) == 1 and key not in lookup:
                lookup[key] = next(iter(codes))
    return lookup


def _municipality(value: str, lookup: dict[str, str]) -> str:
    for text in (_name_key(value), _norm(value)):
        if text in lookup:
            return lookup[text]
    text = _norm(value)
    if text in _NATIONAL_NAMES:
        return NATIONAL_CODE
    match = re.match(r"^(\d{4})\b", text)
    if match and match.group(1) in lookup:
        return match.group(1)
    raise ValueError(i18n.t("bra.error.municipality", value=value))


def _year(value: str) -> int:
    try:
        year = int(float(parse_number(value) or 0))
    except ValueError:
        raise ValueError(i18n.t("bra.error.year", value=value)) from None
    if not 1950 <= year <= 2100:
        raise ValueError(i18n.t("bra.error.year", value=value))
    return year


def _month_value(value: str) -> int:
    text = _norm(value)
    if text in _MONTHS:
        return _MONTHS[text]
    match = re.match(r"^(?:\d{4}\s*[-m]\s*)?(\d{1,2})$", text)
    if match and 1 <= int(match.group(1)) <= 12:
        return int(match.group(1))
    raise ValueError(i18n.t("bra.error.period", value=value))


def _quarter_value(value: str) -> int:
    match = re.match(r"^(?:\d{4}\s*)?(?:k|kv|kvartal|q)?\s*([1-4])$", _norm(value))
    if not match:
        raise ValueError(i18n.t("bra.error.period", value=value))
    return int(match.group(1))


def _period_value(value: str) -> tuple[int, int | None, int | None]:
    """'2024M01', '2024-01', 'januari 2024', '2024K1', '2024 kvartal 1', '2024' -> (year, month, quarter)."""
    text = _norm(value)
    match = re.match(r"^(\d{4})\s*(?:m|-|/)\s*(\d{1,2})$", text)
    if match:
        return _year(match.group(1)), _month_value(match.group(2)), None
    match = re.match(r"^(\d{4})\s*(?:k|kv|kvartal|q)\s*([1-4])$", text)
    if match:
        return _year(match.group(1)), None, int(match.group(2))
    match = re.match(r"^([a-z]+)\s+(\d{4})$", text)
    if match and match.group(1) in _MONTHS:
        return _year(match.group(2)), _MONTHS[match.group(1)], None
    match = re.match(r"^(\d{4})$", text)
    if match:
        return _year(match.group(1)), None, None
    raise ValueError(i18n.t("bra.error.period", value=value))


def _period_dates(year: int, month: int | None, quarter: int | None) -> tuple[dt.date, dt.date]:
    if month is not None:
        start = dt.date(year, month, 1)
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    elif quarter is not None:
        start = dt.date(year, 3 * quarter - 2, 1)
        end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    else:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return start, end


def _count(value: str) -> int:
    text = str(value).strip()
    if text in _MISSING:
        raise ValueError(i18n.t("bra.error.missing_count", value=text or "tom"))
    try:
        number = parse_number(text)
    except ValueError:
        raise ValueError(i18n.t("bra.error.count", value=value)) from None
    if number is None or number < 0 or abs(number - round(number)) > 1e-9:
        raise ValueError(i18n.t("bra.error.count", value=value))
    return int(round(number))


def _preliminary(value: str) -> bool:
    text = _norm(value)
    if text in _TRUE or text.startswith("prel"):
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"okänt värde för preliminär: {value}")


def _crime(code_value: str | None, label_value: str | None) -> tuple[str | None, str]:
    code = (code_value or "").strip() or None
    label = (label_value or "").strip()
    if label and code is None:
        match = re.match(r"^(\d[\d.]*)\s+(.+)$", label)
        if match:
            code, label = match.group(1), match.group(2).strip()
    if code and not label:
        match = re.match(r"^(\d[\d.]*)\s+(.+)$", code)
        if match:
            code, label = match.group(1), match.group(2).strip()
        else:
            label = code
    if not label:
        raise ValueError(i18n.t("bra.error.crime"))
    return code, label


# ------------------------------------------------------------------------------------------ parsing


@dataclass
class Parsed:
    rows: (
        pd.DataFrame
    )  # municipality_code, period_start, period_end, crime_code, crime_label, count, preliminary
    report: ImportReport
    digest: str


def parse(
    con,
    data: str | Path | bytes,
    file_name: str | None = None,
    municipality_code: str | None = None,
    year: int | None = None,
) -> Parsed:
    """Read and validate the file; nothing is written. Raises ImportFileError for an unusable file."""
    raw, name = read_bytes(data, file_name)
    frame = read_table(raw)
    lookup = _municipalities(con)
    if _is_headerless_yearly(list(frame.columns), lookup):
        frame = _read_headerless(raw)
        return _parse_yearly(
            frame,
            {"municipality": "c0", "count": "c1", "rate": "c2" if "c2" in frame else None},
            name,
            raw,
            lookup,
            year,
        )
    columns = _find_columns(list(frame.columns))
    if {"municipality", "count"} <= set(columns) and not set(columns) & {
        "code",
        "label",
        "year",
        "month",
        "quarter",
        "period",
    }:
        return _parse_yearly(frame, {**columns, "rate": columns.get("rate")}, name, raw, lookup, year)
    wide = [] if "count" in columns else _wide_columns(list(frame.columns))
    if wide:
        frame = _melt_wide(frame, wide)
        columns = _find_columns([c for c in frame.columns if c not in ("_wide_period", "_wide_count")])
    found = ", ".join(c for c in frame.columns if not c.startswith("_"))
    if "count" not in columns and not wide:
        raise ImportFileError(
            f"{i18n.t('bra.error.columns', 'sv', what='antal', found=found)} / "
            f"{i18n.t('bra.error.columns', 'en', what='count', found=found)}"
        )
    if "code" not in columns and "label" not in columns:
        raise ImportFileError(
            f"{i18n.t('bra.error.columns', 'sv', what='brott', found=found)} / "
            f"{i18n.t('bra.error.columns', 'en', what='crime', found=found)}"
        )
    if not wide and "year" not in columns and "period" not in columns:
        raise ImportFileError(
            f"{i18n.t('bra.error.columns', 'sv', what='år eller period', found=found)} / "
            f"{i18n.t('bra.error.columns', 'en', what='year or period', found=found)}"
        )
    default_code = municipality_code or config.get_setting(con, "municipality_code")
    report = ImportReport(SOURCE, name, rows_read=len(frame))
    out: list[dict] = []
    seen: dict[tuple, int] = {}
    for record in frame.to_dict("records"):
        line = int(record["_line"])
        try:
            muni = (
                _municipality(record[columns["municipality"]], lookup)
                if "municipality" in columns
                else _municipality(default_code, lookup)
            )
            month = quarter = None
            if wide:
                year, month, quarter = _wide_period(record, columns)
            elif "period" in columns and str(record[columns["period"]]).strip():
                year, month, quarter = _period_value(record[columns["period"]])
            else:
                year = _year(record[columns["year"]])
                if "month" in columns and str(record[columns["month"]]).strip():
                    month = _month_value(record[columns["month"]])
                elif "quarter" in columns and str(record[columns["quarter"]]).strip():
                    quarter = _quarter_value(record[columns["quarter"]])
            start, end = _period_dates(year, month, quarter)
            check_event_time(start, "perioden")
            code, label = _crime(
                record.get(columns.get("code", ""), None), record.get(columns.get("label", ""), None)
            )
            count = _count(record["_wide_count"] if wide else record[columns["count"]])
            prelim = _preliminary(record[columns["preliminary"]]) if "preliminary" in columns else False
            rate = _rate(record[columns["rate"]]) if "rate" in columns else None
        except ValueError as err:
            report.rejected.append(Rejected(line, str(err), _raw(record)))
            continue
        key = (muni, start, end, code or label)
        if key in seen:
            report.rejected.append(
                Rejected(line, i18n.t("bra.error.duplicate", line=seen[key]), _raw(record))
            )
            continue
        seen[key] = line
        out.append(
            {
                "municipality_code": muni,
                "period_start": start,
                "period_end": end,
                "crime_code": code,
                "crime_label": label,
                "count": count,
                "preliminary": prelim,
                "rate_per_100k": rate,
            }
        )
    rows = _frame(out)
    if report.rows_read and rows.empty and report.rejected:
        report.messages.append("ingen rad kunde läsas in / no row could be imported")
    return Parsed(rows, report, sha256(raw))


ROW_COLUMNS = [
    "municipality_code",
    "period_start",
    "period_end",
    "crime_code",
    "crime_label",
    "count",
    "preliminary",
    "rate_per_100k",
]


def _frame(rows: list[dict]) -> pd.DataFrame:
    """The parsed rows; a missing rate as pandas' NA, which DuckDB reads as NULL (NaN would stay NaN)."""
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS)
    frame["rate_per_100k"] = frame["rate_per_100k"].astype("Float64")
    return frame


def _rate(value: str) -> float | None:
    """A rate per 100 000 inhabitants ('2 345,6'); empty or '..' is no rate."""
    text = str(value).strip()
    if text in _MISSING:
        return None
    try:
        number = parse_number(text)
    except ValueError:
        raise ValueError(i18n.t("bra.error.rate", value=value)) from None
    if number is None or number < 0:
        raise ValueError(i18n.t("bra.error.rate", value=value))
    return number


# ------------------------------------------------------------------------ Brå's yearly municipality file

_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_DISTRICTS = {_norm(d) for d in STOCKHOLM_DISTRICTS}


def _is_number(text: str) -> bool:
    try:
        return parse_number(text) is not None
    except ValueError:
        return False


def _is_place_name(text: str, lookup: dict[str, str]) -> bool:
    try:
        _municipality(text, lookup)
    except ValueError:
        return _district(text) is not None
    return True


def _district(text: str) -> str | None:
    """The Stockholm district a row names ('Rinkeby-Kista', 'Stockholm: Rinkeby–Kista', 'Sdo Bromma'), else None."""
    norm = _norm(text)
    for prefix in ("stockholm:", "stockholm -", "stockholms stad:", "stockholm,", "sdo ", "stadsdelsomrade "):
        if norm.startswith(prefix):
            norm = norm[len(prefix) :].strip()
    norm = re.sub(r"\s+(sdo|stadsdelsomrade|stadsdel)$", "", norm)
    return norm if norm in _DISTRICTS else None


def _is_headerless_yearly(columns: list[str], lookup: dict[str, str]) -> bool:
    """The 2021 layout: no header, so the first row (a municipality, its count and rate) was read as one."""
    names = [c for c in columns if c != "_line"]
    return 2 <= len(names) <= 3 and _is_place_name(names[0], lookup) and all(_is_number(c) for c in names[1:])


def _read_headerless(raw: bytes) -> pd.DataFrame:
    """The file read again without a header: columns c0 (name), c1 (count), c2 (rate), _line."""
    if common.is_xlsx(raw):
        frame = pd.read_excel(io.BytesIO(raw), dtype=str, header=None, engine="openpyxl")
    else:
        text = common.decode_text(raw)
        frame = pd.read_csv(
            io.StringIO(text),
            sep=common.sniff_separator(text),
            dtype=str,
            header=None,
            keep_default_na=False,
            skip_blank_lines=True,
            engine="python",
        )
    frame = frame.fillna("").astype(str).apply(lambda s: s.str.strip())
    frame.columns = [f"c{i}" for i in range(frame.shape[1])]
    frame = frame[~(frame == "").all(axis=1)]
    frame.insert(0, "_line", frame.index.to_numpy() + 1)
    return frame.reset_index(drop=True)


def file_year(file_name: str | None) -> int | None:
    """The year in a file name such as 'Anmälda brott kommunerna 2024.csv' (the last one if several)."""
    found = _YEAR_IN_NAME.findall(file_name or "")
    return int(found[-1]) if found else None


def _parse_yearly(
    frame: pd.DataFrame,
    columns: dict[str, str | None],
    name: str,
    raw: bytes,
    lookup: dict[str, str],
    year: int | None,
) -> Parsed:
    """Brå's yearly municipality file: one row per municipality with its count (and rate) for one year."""
    year = year or file_year(name)
    if year is None:
        raise ImportFileError(f"{i18n.t('bra.error.no_year', 'sv')} / {i18n.t('bra.error.no_year', 'en')}")
    _year(str(year))
    start, end = _period_dates(year, None, None)
    report = ImportReport(SOURCE, name, rows_read=len(frame))
    out: list[dict] = []
    seen: dict[str, int] = {}
    districts: list[str] = []
    rate_column = columns.get("rate")
    for record in frame.to_dict("records"):
        line = int(record["_line"])
        place = str(record[columns["municipality"]]).strip()
        try:
            if _district(place) is not None:
                districts.append(place)
                continue
            muni = _municipality(place, lookup)
            count = _count(record[columns["count"]])
            rate = _rate(record[rate_column]) if rate_column else None
        except ValueError as err:
            report.rejected.append(Rejected(line, str(err), _raw(record)))
            continue
        if muni in seen:
            report.rejected.append(
                Rejected(line, i18n.t("bra.error.duplicate", line=seen[muni]), _raw(record))
            )
            continue
        seen[muni] = line
        out.append(
            {
                "municipality_code": muni,
                "period_start": start,
                "period_end": end,
                "crime_code": None,
                "crime_label": TOTAL_LABEL,
                "count": count,
                "preliminary": False,
                "rate_per_100k": rate,
            }
        )
    municipalities = len(out) - (NATIONAL_CODE in seen)
    report.messages.append(
        i18n.t("bra.yearly", "sv", year=year, n=municipalities)
        + " / "
        + i18n.t("bra.yearly", "en", year=year, n=municipalities)
    )
    if districts:
        names = ", ".join(districts)
        report.messages.append(
            i18n.t("bra.districts", "sv", n=len(districts), names=names)
            + " / "
            + i18n.t("bra.districts", "en", n=len(districts), names=names)
        )
    if NATIONAL_CODE in seen:
        report.messages.append(i18n.t("bra.national", "sv") + " / " + i18n.t("bra.national", "en"))
    return Parsed(_frame(out), report, sha256(raw))


def _wide_period(record: dict, columns: dict[str, str]) -> tuple[int, int | None, int | None]:
    head = str(record["_wide_period"]).strip()
    if _norm(head) in _MONTHS:
        if "year" not in columns:
            raise ValueError(i18n.t("bra.error.year", value=""))
        return _year(record[columns["year"]]), _MONTHS[_norm(head)], None
    return _period_value(head)


def _raw(record: dict) -> str:
    return ";".join(str(v) for k, v in record.items() if not str(k).startswith("_"))[:300]


# -------------------------------------------------------------------------------------- preview/load


def preview(con, data: str | Path | bytes, file_name: str | None = None, **options) -> ImportReport:
    """Validate the file and report what would happen; nothing is written."""
    parsed = parse(
        con, data, file_name, municipality_code=options.get("municipality_code"), year=options.get("year")
    )
    report = parsed.report
    if not parsed.rows.empty:
        con.register("bra_import_rows", parsed.rows)
        try:
            _count_into(report, *_compare(con), preview=True)
        finally:
            con.unregister("bra_import_rows")
    return report


def load(
    con, data: str | Path | bytes, file_name: str | None = None, strict: bool = False, **options
) -> ImportReport:
    """Validate and load the valid rows (new periods added, changed counts replaced) in one transaction."""
    parsed = parse(
        con, data, file_name, municipality_code=options.get("municipality_code"), year=options.get("year")
    )
    report = parsed.report
    if strict and report.rejected:
        first = report.rejected[0]
        raise ImportFileError(
            f"{report.rows_rejected} rader har fel, första på rad {first.line}: {first.reason}"
            f" / {report.rows_rejected} rows have errors (--strict)"
        )
    with transaction(con):
        batch_id = start_batch(con, SOURCE, report.file_name, parsed.digest)
        if not parsed.rows.empty:
            con.register("bra_import_rows", parsed.rows)
            try:
                _count_into(report, *_compare(con))
                _write(con, batch_id)
            finally:
                con.unregister("bra_import_rows")
        report.batch_id = batch_id
        finish_batch(con, batch_id, report)
    return report


def _count_into(report: ImportReport, new: int, changed: int, unchanged: int, preview: bool = False) -> None:
    """rows_loaded counts what is added or changed (as the other importers do)."""
    report.rows_loaded, report.rows_updated, report.rows_unchanged = new + changed, changed, unchanged
    if changed:
        rows_sv = "rad" if changed == 1 else "rader"
        rows_en = "row" if changed == 1 else "rows"
        if preview:
            report.messages.append(
                f"{changed} {rows_sv} ersätter tidigare siffror (t.ex. preliminära) / "
                f"{changed} {rows_en} will replace earlier figures"
            )
        else:
            report.messages.append(
                f"{changed} {rows_sv} ersatte tidigare siffror / {changed} {rows_en} replaced earlier figures"
            )


def _compare(con) -> tuple[int, int, int]:
    """(new, changed, unchanged) rows of the registered file rows (bra_import_rows) against crime_stat."""
    row = con.execute(
        "with matched as ("
        "  select r.*, c.count as old_count, c.preliminary as old_preliminary, c.crime_label as old_label,"
        "         c.rate_per_100k as old_rate"
        "  from bra_import_rows r"
        "  left join crime_stat c"
        "    on c.municipality_code = r.municipality_code"
        "   and c.area_id is null"
        "   and c.period_start = r.period_start"
        "   and c.period_end = r.period_end"
        "   and coalesce(nullif(c.crime_code, ''), c.crime_label) = coalesce(nullif(r.crime_code, ''), r.crime_label)"
        "), final as ("
        "  select count(*) filter (where old_count is null) as new,"
        "         count(*) filter (where old_count is not null and (old_count <> count"
        "             or old_preliminary <> preliminary or old_label <> crime_label"
        "             or old_rate is distinct from rate_per_100k)) as changed,"
        "         count(*) filter (where old_count = count and old_preliminary = preliminary"
        "             and old_label = crime_label and old_rate is not distinct from rate_per_100k) as unchanged"
        "  from matched"
        ")"
        " select * from final"
    ).fetchall()[0]
    return int(row[0] or 0), int(row[1] or 0), int(row[2] or 0)


def _write(con, batch_id: int) -> None:
    """Replace changed rows and add new ones (unchanged rows are left as they are)."""
    con.execute(
        "delete from crime_stat c"
        " using bra_import_rows r"
        " where c.municipality_code = r.municipality_code"
        "   and c.area_id is null"
        "   and c.period_start = r.period_start"
        "   and c.period_end = r.period_end"
        "   and coalesce(nullif(c.crime_code, ''), c.crime_label) = coalesce(nullif(r.crime_code, ''), r.crime_label)"
        "   and (c.count <> r.count or c.preliminary <> r.preliminary or c.crime_label <> r.crime_label"
        "        or c.rate_per_100k is distinct from r.rate_per_100k)"
    )
    con.execute(
        "insert into crime_stat (municipality_code, area_id, period_start, period_end, crime_code, crime_label,"
        "                        count, preliminary, rate_per_100k, import_batch_id)"
        " select r.municipality_code, null, r.period_start, r.period_end, r.crime_code, r.crime_label, r.count,"
        "        r.preliminary, r.rate_per_100k, ?"
        " from bra_import_rows r"
        " where not exists ("
        "   select 1"
        "   from crime_stat c"
        "   where c.municipality_code = r.municipality_code"
        "     and c.area_id is null"
        "     and c.period_start = r.period_start"
        "     and c.period_end = r.period_end"
        "     and coalesce(nullif(c.crime_code, ''), c.crime_label) = coalesce(nullif(r.crime_code, ''), r.crime_label)"
        " )",
        [batch_id],
    )
