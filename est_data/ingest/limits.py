"""What an uploaded or imported file may cost, checked before it is parsed.

A file is refused whole, with one line (Swedish / English), when it is larger than `max_bytes`, has
a header with more than `max_columns` columns, more than `max_rows` rows (for .xlsx and zip files:
counted after unpacking, which is also bounded by `max_unpacked_bytes`), JSON nested deeper than
`max_depth`, or when its import runs longer than `max_seconds` (checked between the import's steps
and before its transaction commits, so a refused import writes nothing).

The checks read the raw bytes with C-speed operations (bytes.count, zlib streaming, regular
expressions, numpy), never the parsers the limits protect: a 10 MB CSV with a million columns and a
JSON nested 100 000 levels deep are refused in milliseconds, a 0.4 MB .xlsx that unpacks to 3 million
rows in about 2 s (it is unpacked up to the limit), each with well under 100 MB of memory.
"""

from __future__ import annotations

import contextvars
import io
import re
import time
import zipfile
from dataclasses import dataclass

import numpy as np

from est_data.ingest.errors import ImportFileError


@dataclass
class Limits:
    max_bytes: int = 100 * 1024 * 1024
    max_columns: int = 1_000
    max_rows: int = 500_000  # peak RSS importing a 500 000-row, 100 MB felanmälan CSV: see README
    max_unpacked_bytes: int = 400 * 1024 * 1024
    max_zip_members: int = 1_000
    max_depth: int = 64
    max_seconds: float = 600.0
    preview_rows: int = 1_000


LIMITS = Limits()  # the limits in force; tests change them with monkeypatch.setattr

_SEPARATORS = (b";", b",", b"\t", b"|")
_CHUNK = 1 << 22


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB"


def _refuse(sv: str, en: str) -> None:
    raise ImportFileError(f"{sv} / {en}")


def check(data: bytes) -> None:
    """Refuse the file (ImportFileError, one line) if it is over a limit. Reads no more than the bytes."""
    check_size(len(data))
    if data[:4] == b"PK\x03\x04":
        check_zip(data)
    elif data[:16].startswith(b"SQLite format 3"):
        return  # a GeoPackage: rows are bounded by its size; nothing in it is unpacked
    elif data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{"):
        check_depth(data)
    else:
        check_table_text(data)


def check_size(size: int) -> None:
    limits = LIMITS
    if size > limits.max_bytes:
        _refuse(
            f"filen är för stor ({_mb(size)}, högst {_mb(limits.max_bytes)})",
            f"the file is too large ({_mb(size)}, at most {_mb(limits.max_bytes)})",
        )


def check_table_text(data: bytes) -> None:
    """Columns in the header line and rows (line breaks) of a text table."""
    limits = LIMITS
    end = data.find(b"\n")
    header = data if end < 0 else data[:end]
    columns = max(header.count(sep) for sep in _SEPARATORS) + 1
    if columns > limits.max_columns:
        _refuse(
            f"filen har {columns} kolumner (högst {limits.max_columns})",
            f"the file has {columns} columns (at most {limits.max_columns})",
        )
    rows = data.count(b"\n") + (0 if data.endswith(b"\n") else 1) - 1  # without the header
    if rows > limits.max_rows:
        _refuse(
            f"filen har {rows} rader (högst {limits.max_rows})",
            f"the file has {rows} rows (at most {limits.max_rows})",
        )


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ROW_END = re.compile(rb"</(?:\w+:)?row>")


def check_zip(data: bytes) -> None:
    """A zip file (.xlsx or zipped Shapefile): members, unpacked size, and for worksheets rows and columns."""
    limits = LIMITS
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        return  # not a readable zip: the importer refuses it with its own message
    if len(members) > limits.max_zip_members:
        _refuse(
            f"zip-filen har {len(members)} filer (högst {limits.max_zip_members})",
            f"the zip file has {len(members)} files (at most {limits.max_zip_members})",
        )
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.max_unpacked_bytes:
        _refuse(
            f"filen packas upp till {_mb(unpacked)} (högst {_mb(limits.max_unpacked_bytes)})",
            f"the file unpacks to {_mb(unpacked)} (at most {_mb(limits.max_unpacked_bytes)})",
        )
    for member in members:
        name = member.filename.lower()
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            _check_sheet(archive, member)
        elif name.endswith(".dbf"):  # a Shapefile's attribute table: its header says how many records
            with archive.open(member) as fh:
                header = fh.read(8)
            records = int.from_bytes(header[4:8], "little") if len(header) == 8 else 0
            if records > limits.max_rows:
                _refuse(
                    f"shapefilen har {records} objekt (högst {limits.max_rows})",
                    f"the shapefile has {records} features (at most {limits.max_rows})",
                )


def _check_sheet(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Rows and the widest row of one worksheet, counted on its XML while it is unpacked in chunks.

    zipfile stops at the member's declared size, so a member cannot unpack to more than the sum
    already checked. Tags cut by a chunk boundary are counted once: each chunk is scanned up to its
    last '<', and the rest is carried into the next one.
    """
    limits = LIMITS
    rows = widest = cells = 0  # rows seen, the widest row, cells of the row still open
    carry = b""
    with archive.open(member) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            text = carry + chunk
            cut = len(text) if not chunk else text.rfind(b"<")
            cut = len(text) if cut < 0 else cut
            scan, carry = text[:cut], text[cut:]
            for i, piece in enumerate(_ROW_END.split(scan)):  # the first piece continues the open row
                found = len(_CELL_TAG.findall(piece))
                cells = cells + found if i == 0 else found
                widest = max(widest, cells)
            rows += len(_ROW_TAG.findall(scan))
            if rows - 1 > limits.max_rows:
                _refuse(
                    f"kalkylbladet har fler än {limits.max_rows} rader uppackat",
                    f"the worksheet has more than {limits.max_rows} rows unpacked",
                )
            if widest > limits.max_columns:
                _refuse(
                    f"kalkylbladet har rader med {widest} celler (högst {limits.max_columns})",
                    f"the worksheet has rows of {widest} cells (at most {limits.max_columns})",
                )
            if not chunk:
                return


_QUOTE, _BACKSLASH = ord('"'), ord("\\")
_OPEN = np.zeros(256, dtype=np.int8)
_OPEN[[ord("["), ord("{")]] = 1
_OPEN[[ord("]"), ord("}")]] = -1


def json_depth(data: bytes) -> int:
    """The deepest nesting of [ and { in a JSON text, brackets inside strings not counted.

    json.loads recurses per level (RecursionError at ~1 000) and this must run before any parser, so
    it is counted here with numpy over chunks (a Python loop per byte would take seconds at 100 MB).
    A quote is a string delimiter unless preceded by an odd run of backslashes.
    """
    depth = deepest = 0
    in_string = False
    slashes = 0  # the run of backslashes that ended the previous chunk
    for start in range(0, len(data), _CHUNK):
        buf = np.frombuffer(data, dtype=np.uint8, count=min(_CHUNK, len(data) - start), offset=start)
        quotes = np.flatnonzero(buf == _QUOTE)
        if len(quotes):
            is_slash = buf == _BACKSLASH
            # length of the backslash run just before each quote
            run_starts = np.flatnonzero(~is_slash)  # positions that are not backslashes
            last_plain = np.searchsorted(run_starts, quotes, side="left") - 1
            prev_plain = np.where(last_plain >= 0, run_starts[np.maximum(last_plain, 0)], -1)
            run = quotes - prev_plain - 1
            run = np.where(prev_plain < 0, run + slashes, run)
            quotes = quotes[run % 2 == 0]
        toggles = np.zeros(len(buf) + 1, dtype=np.int8)
        toggles[quotes + 1] = 1
        inside = (np.cumsum(toggles[:-1], dtype=np.int64) + int(in_string)) % 2 == 1
        inside[quotes] = True  # the quote itself is never a bracket
        steps = _OPEN[buf]
        steps = np.where(inside, 0, steps)
        levels = np.cumsum(steps, dtype=np.int64) + depth
        if len(levels):
            deepest = max(deepest, int(levels.max()))
            depth = int(levels[-1])
        in_string = bool((int(in_string) + len(quotes)) % 2)
        tail = len(buf) - 1
        ends_plain = np.flatnonzero(buf != _BACKSLASH)
        run_at_end = tail - (int(ends_plain[-1]) if len(ends_plain) else -1)
        slashes = run_at_end + (slashes if run_at_end == len(buf) else 0)
    return deepest


def check_depth(data: bytes) -> None:
    limits = LIMITS
    depth = json_depth(data)
    if depth > limits.max_depth:
        _refuse(
            f"JSON-filen är för djupt nästlad ({depth} nivåer, högst {limits.max_depth})",
            f"the JSON is nested too deeply ({depth} levels, at most {limits.max_depth})",
        )


# Wall time: the clock starts when an importer reads its file (common.read_bytes) and is checked
# between the import's steps and before its transaction commits (common.import_transaction).
_started: contextvars.ContextVar[float | None] = contextvars.ContextVar("est_import_started", default=None)


def start_clock() -> None:
    _started.set(time.monotonic())


def check_time() -> None:
    """Refuse the import if it has run longer than max_seconds since its file was read."""
    started = _started.get()
    if started is None:
        return
    seconds = time.monotonic() - started
    if seconds > LIMITS.max_seconds:
        _refuse(
            f"inläsningen tog mer än {LIMITS.max_seconds:.0f} s och avbröts; inget sparades",
            f"the import took more than {LIMITS.max_seconds:.0f} s and was stopped; nothing was saved",
        )
