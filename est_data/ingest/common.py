"""What every importer shares: reading files as users have them, row-level reports, import batches.

Files come as users really have them: UTF-8 with or without BOM, Windows-1252 from Swedish Excel,
separated by `;`, `,` or tab, decimal comma, or `.xlsx`. `read_table` turns any of them into a
DataFrame of strings with the file's line numbers; `parse_number` and `parse_date` read Swedish
formats. A file that cannot be read at all raises `ImportFileError` with a clear message.
"""

from __future__ import annotations

import contextvars
import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from est_data.db import transaction
from est_data.ingest import limits
from est_data.ingest.errors import ImportFileError

MAX_FILE_BYTES = limits.LIMITS.max_bytes  # larger files are refused whole, with a message (see limits.py)


@dataclass
class Rejected:
    line: int
    reason: str
    raw: str = ""


@dataclass
class ImportReport:
    source: str
    file_name: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    batch_id: int | None = None
    messages: list[str] = field(default_factory=list)

    @property
    def rows_rejected(self) -> int:
        return len(self.rejected)

    def summary_line(self) -> str:
        return (
            f"{self.file_name}: lästa {self.rows_read}, inlästa {self.rows_loaded}, avvisade {self.rows_rejected}"
            f" / read {self.rows_read}, loaded {self.rows_loaded}, rejected {self.rows_rejected}"
        )

    def rejected_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{"rad": r.line, "orsak": r.reason, "innehåll": r.raw} for r in self.rejected],
            columns=["rad", "orsak", "innehåll"],
        )


def read_bytes(source: str | Path | bytes, file_name: str | None = None) -> tuple[bytes, str]:
    """The file's bytes and name, from a path or from bytes (an upload), checked against the limits
    (limits.check: size, columns, rows, unpacked size, JSON depth) before any parser sees them.
    Starts the import's clock (limits.max_seconds)."""
    limits.start_clock()
    if isinstance(source, bytes | bytearray):
        data, name = bytes(source), file_name or "uppladdad fil"
    else:
        path = Path(source)
        limits.check_size(path.stat().st_size)  # before reading it
        data, name = path.read_bytes(), file_name or path.name
    if not data.strip():
        raise ImportFileError("filen är tom / the file is empty")
    limits.check(data)
    return data, name


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes) -> str:
    """Text from UTF-8 (with or without BOM) or Windows-1252. Binary files are refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        raise ImportFileError("filen verkar vara binär, inte text / the file looks binary, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") > max(3, len(text) // 1000):
            raise ImportFileError("okänd teckenkodning / unknown character encoding") from None
        return text


def is_xlsx(data: bytes) -> bool:
    return data[:2] == b"PK" and b"[Content_Types].xml" in data[:2000] or data[:2] == b"PK" and b"xl/" in data


def sniff_separator(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t|").delimiter
    except csv.Error:
        counts = {sep: sample.count(sep) for sep in ";,\t"}
        return max(counts, key=counts.get) if max(counts.values()) else ","


@dataclass
class Head:
    """A preview's bounded read: at most `rows` data rows of each table; `cut` if the file had more."""

    rows: int
    cut: bool = False


_head: contextvars.ContextVar[Head | None] = contextvars.ContextVar("est_preview_head", default=None)


@contextmanager
def preview_head(rows: int | None = None) -> Iterator[Head]:
    """Within the block, read_table reads only the first `rows` data rows (default: the preview limit).

    The Data page previews a file this way; the whole file is parsed only when the user loads it.
    """
    head = Head(rows or limits.LIMITS.preview_rows)
    token = _head.set(head)
    try:
        yield head
    finally:
        _head.reset(token)


def _cut_lines(data: bytes, rows: int) -> tuple[bytes, bool]:
    """The header and the first `rows` lines of a text file, and whether anything was cut."""
    end = -1
    for _ in range(rows + 1):
        end = data.find(b"\n", end + 1)
        if end < 0:
            return data, False
    return data[: end + 1], bool(data[end + 1 :].strip())


def read_table(data: bytes) -> pd.DataFrame:
    """A CSV (any of the encodings and separators above) or .xlsx as a DataFrame of strings.

    Column names are stripped; a column `_line` holds each row's line number in the file (the
    header is line 1), for row-level error reports. Inside `preview_head` only the file's head is read.
    """
    head = _head.get()
    nrows = head.rows if head else None
    if is_xlsx(data):
        try:
            frame = pd.read_excel(
                io.BytesIO(data), dtype=str, engine="openpyxl", nrows=None if nrows is None else nrows + 1
            )
        except Exception as err:  # openpyxl raises many kinds for broken files
            raise ImportFileError(
                f"Excel-filen kunde inte läsas / could not read the Excel file ({err})"
            ) from None
        if head is not None and len(frame) > nrows:
            frame, head.cut = frame.iloc[:nrows], True
    else:
        if head is not None:
            data, head.cut = _cut_lines(data, head.rows)
        text = decode_text(data)
        sep = sniff_separator(text)
        try:
            frame = pd.read_csv(
                io.StringIO(text),
                sep=sep,
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=True,
                engine="python",
                nrows=nrows,
            )
        except pd.errors.EmptyDataError:
            raise ImportFileError("filen är tom / the file is empty") from None
        except (pd.errors.ParserError, csv.Error) as err:
            raise ImportFileError(
                f"filen kunde inte tolkas som en tabell / not a readable table ({err})"
            ) from None
        if not isinstance(frame.index, pd.RangeIndex):  # pandas made the extra fields an index
            raise ImportFileError(
                "några rader har fler fält än rubrikraden (blandade avgränsare?) / "
                "some rows have more fields than the header (mixed separators?)"
            )
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    frame = frame.fillna("")
    frame = frame.astype(str).apply(lambda s: s.str.strip())
    frame = frame[~(frame == "").all(axis=1)]
    frame.insert(0, "_line", frame.index.to_numpy() + 2)
    if frame.empty:
        raise ImportFileError("filen har inga datarader / the file has no data rows")
    limits.check_time()
    return frame.reset_index(drop=True)


_NUMBER = re.compile(r"^-?[\d\s\u00a0.,]+$")


def norm_header(text: str) -> str:
    """A column name or a name in a cell as compared: case-folded, '_' as a space, spaces folded."""
    return " ".join(str(text).strip().casefold().replace("_", " ").split())


def find_columns(
    columns: list[str],
    fields: dict[str, list[str]],
    mapping: dict[str, str] | None = None,
    distinct: bool = False,
) -> dict[str, str | None]:
    """{field: column in the file or None}: the explicit mapping first, then the field's usual names.
    With `distinct`, a column already taken by an earlier field is not taken again."""
    normalised = {norm_header(c): c for c in columns if c != "_line"}
    found: dict[str, str | None] = {}
    for field_name, names in fields.items():
        chosen = (mapping or {}).get(field_name)
        if chosen:
            if chosen not in columns:
                raise ImportFileError(
                    f"kolumnen {chosen!r} finns inte i filen / column {chosen!r} not in the file"
                )
            found[field_name] = chosen
            continue
        candidates = (normalised[norm_header(n)] for n in names if norm_header(n) in normalised)
        found[field_name] = next(
            (c for c in candidates if not (distinct and c in found.values())),
            None,
        )
    return found


def parse_number(text: str) -> float | None:
    """'1 234,50', '1234.5', '1.234,50' -> float; '' -> None; raises ValueError for non-numbers."""
    value = str(text).strip().replace("\u00a0", "").replace(" ", "").replace("kr", "").replace("SEK", "")
    if value == "":
        return None
    if not _NUMBER.match(value):
        raise ValueError(text)
    if "," in value and "." in value:
        value = (
            value.replace(".", "").replace(",", ".")
            if value.rfind(",") > value.rfind(".")
            else value.replace(",", "")
        )
    elif "," in value:
        value = value.replace(",", ".")
    return float(value)


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%Y%m%d",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%d %H.%M",
)


def parse_datetime(text: str) -> dt.datetime:
    """A date or date-time in the formats Swedish systems export; raises ValueError otherwise."""
    value = str(text).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise ValueError(f"okänt datumformat: {value!r}")


# Date sanity on every import: an event, answer or statistics period before 1990 or more than a day
# in the future is a typo or a broken export (year 0001, 2099), never real data; such a row is
# rejected with the reason. The day's margin allows for clocks and time zones.
EARLIEST_EVENT = dt.datetime(1990, 1, 1)
FUTURE_MARGIN = dt.timedelta(days=1)


def event_time_bounds(now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    """(earliest, latest) accepted moment: 1990-01-01 and a day from now (naive, local time)."""
    return EARLIEST_EVENT, (now or dt.datetime.now()) + FUTURE_MARGIN


def event_time_problem(
    moment: dt.datetime | dt.date | None, what: str = "datumet", now: dt.datetime | None = None
) -> str | None:
    """Why `moment` cannot be an event's time (Swedish / English), or None if it can."""
    if moment is None:
        return None
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime(moment.year, moment.month, moment.day)
    elif moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    earliest, latest = event_time_bounds(now)
    if moment < earliest:
        return f"{what} {moment.date().isoformat()} är före 1990 / the date is before 1990"
    if moment > latest:
        return (
            f"{what} {moment.date().isoformat()} ligger mer än en dag fram i tiden"
            " / the date is more than a day in the future"
        )
    return None


def check_event_time(moment: dt.datetime | dt.date | None, what: str = "datumet") -> None:
    """Raise ValueError (a row's rejection reason) if `moment` is outside event_time_bounds."""
    problem = event_time_problem(moment, what)
    if problem:
        raise ValueError(problem)


def event_times_ok(moments: list[dt.datetime | None]) -> np.ndarray:
    """Per moment: False if it is outside event_time_bounds (None counts as ok: checked elsewhere)."""
    earliest, latest = event_time_bounds()
    return np.array([m is None or earliest <= m <= latest for m in moments], dtype=bool)


# Texts of one plain shape are read without the general parsers, with a result that is the same by
# construction: a plain number (digits, at most one decimal separator, spaces and no-break spaces
# dropped as parse_number drops them) is read by float() like parse_number reads it, and a date in
# one of _DATE_FORMATS with every field zero-padded is read by pandas in that format (no earlier
# format can read such a text). pandas reads two things strptime refuses: year 0 and second 60 (a
# leap second, rolled over into the next minute), so those shapes are left out. Every other text,
# and every plain date pandas refuses, goes through the scalar function: the vectorised functions
# agree with the scalar ones on every text (tests/test_trust_parsers.py checks it).
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
_YEAR = r"(?!0000)[0-9]{4}"
_PLAIN_DATES = tuple(
    (re.compile(pattern.replace("Y", _YEAR)), fmt)
    for pattern, fmt in (
        (r"Y-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}", "%Y-%m-%d %H:%M"),
        (r"Y-[0-9]{2}-[0-9]{2}", "%Y-%m-%d"),
        (r"Y-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-5][0-9]", "%Y-%m-%d %H:%M:%S"),
        (r"Y-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-5][0-9]", "%Y-%m-%dT%H:%M:%S"),
        (r"Y-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}", "%Y-%m-%dT%H:%M"),
        (r"[0-9]{2}\.[0-9]{2}\.Y", "%d.%m.%Y"),
        (r"Y-[0-9]{2}-[0-9]{2} [0-9]{2}\.[0-9]{2}", "%Y-%m-%d %H.%M"),
    )
)


def parse_numbers(texts) -> tuple[np.ndarray, np.ndarray]:
    """parse_number for a sequence of texts: (floats, NaN where parse_number gives None; mask of the
    texts where parse_number raises ValueError, their value NaN)."""
    values: list[float] = []
    bad: list[int] = []
    for i, text in enumerate(texts):
        plain = str(text).replace("\u00a0", "").replace(" ", "")
        if _PLAIN_NUMBER.fullmatch(plain):
            values.append(float(plain.replace(",", ".")))
            continue
        try:
            value = parse_number(text)
        except ValueError:
            bad.append(i)
            value = None
        values.append(np.nan if value is None else value)
    mask = np.zeros(len(values), dtype=bool)
    mask[bad] = True
    return np.array(values, dtype=float), mask


def parse_datetimes(texts) -> tuple[list[dt.datetime | None], np.ndarray]:
    """parse_datetime for a sequence of texts: (datetimes, None where parse_datetime raises ValueError;
    mask of those texts)."""
    series = pd.Series([str(t).strip() for t in texts], dtype=object)
    result: list[dt.datetime | None] = [None] * len(series)
    left = np.ones(len(series), dtype=bool)
    for pattern, fmt in _PLAIN_DATES:
        if not left.any():
            break
        shaped = np.flatnonzero(left)[series[left].str.fullmatch(pattern).to_numpy(dtype=bool)]
        if not len(shaped):
            continue
        parsed = pd.to_datetime(series.iloc[shaped], format=fmt, errors="coerce")
        read = parsed.notna().to_numpy()
        for i, moment in zip(shaped[read], pd.DatetimeIndex(parsed[read]).to_pydatetime(), strict=True):
            result[i] = moment
        left[shaped[read]] = False
    bad = np.zeros(len(series), dtype=bool)
    known: dict[str, dt.datetime | None] = {}  # texts repeat; strptime is slow
    for i in np.flatnonzero(left):
        text = series.iat[i]
        if text not in known:
            try:
                known[text] = parse_datetime(text)
            except ValueError:
                known[text] = None
        result[i] = known[text]
        bad[i] = known[text] is None
    return result, bad


def start_batch(con, source: str, file_name: str, digest: str) -> int:
    limits.check_time()  # inside the import's transaction: a refusal here writes nothing
    return con.execute(
        "insert into import_batch (source, file_name, file_sha256, started_at, status)"
        " values (?, ?, ?, ?, 'running') returning id",
        [source, file_name, digest, dt.datetime.now()],
    ).fetchone()[0]


def finish_batch(con, batch_id: int, report: ImportReport, status: str = "ok") -> None:
    limits.check_time()
    con.execute(
        "update import_batch"
        " set rows_read = ?, rows_loaded = ?, rows_rejected = ?, finished_at = ?, status = ?, message = ?"
        " where id = ?",
        [
            report.rows_read,
            report.rows_loaded,
            report.rows_rejected,
            dt.datetime.now(),
            status,
            "; ".join(report.messages)[:2000] or None,
            batch_id,
        ],
    )


def record_batch(con, report: ImportReport, digest: str) -> int:
    """Record a finished import as an import_batch row (call inside the import's transaction)."""
    batch_id = start_batch(con, report.source, report.file_name, digest)
    finish_batch(con, batch_id, report)
    report.batch_id = batch_id
    return batch_id


__all__ = [
    "ImportFileError",
    "ImportReport",
    "Rejected",
    "read_bytes",
    "read_table",
    "decode_text",
    "preview_head",
    "parse_number",
    "parse_numbers",
    "parse_datetime",
    "parse_datetimes",
    "record_batch",
    "sha256",
    "check_event_time",
    "event_time_bounds",
    "event_time_problem",
    "event_times_ok",
    "transaction",
]
