"""Backup and restore of the whole database as Parquet files with a manifest.

`backup(con, out_dir)` writes one Parquet file per table from a single read transaction (a
consistent snapshot even while the app keeps writing) and `manifest.json` with, per table, its row
count, the file's SHA-256 and a content checksum computed in DuckDB. `restore(con, src_dir)` loads
such a directory into an empty database, checks every file against the manifest first, loads all
tables in one transaction, moves the id sequences past the restored ids and compares the content
checksums again: a restore is exact or it is not done at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import pyarrow.parquet as pq

from est_data import db

MANIFEST = "manifest.json"
# A backup holds everything the database holds, personal data included: only the owner may read it.
DIR_MODE = 0o700
FILE_MODE = 0o600
FORMAT_VERSION = 1
# Tables that belong to the database file itself, not to its content.
_SKIP = {"schema_version"}


# What restore relies on in manifest.json; anything else in it is ignored. A manifest without a
# table's `file` (or with a file name that has a path part) is refused with a message, not a KeyError.
MANIFEST_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["format", "schema_version", "tables"],
    "properties": {
        "format": {"const": FORMAT_VERSION},
        "schema_version": {"type": "integer"},
        "tables": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["file", "rows", "columns", "sha256", "checksum"],
                "properties": {
                    "file": {"type": "string", "pattern": r"^[A-Za-z0-9_]+\.parquet$"},
                    "rows": {"type": "integer", "minimum": 0},
                    "columns": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    "checksum": {"type": "string"},
                },
            },
        },
        "sequences": {"type": "object", "additionalProperties": {"type": ["integer", "null"]}},
    },
}


class BackupError(Exception):
    """A backup or restore that cannot be done. Message: Swedish / English."""


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select table_name"
        " from information_schema.tables"
        " where table_schema = 'main' and table_type = 'BASE TABLE'"
        " order by table_name"
    ).fetchall()
    return [r[0] for r in rows if r[0] not in _SKIP]


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "select column_name"
        " from information_schema.columns"
        " where table_schema = 'main' and table_name = ?"
        " order by ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def _sequences(con: duckdb.DuckDBPyConnection) -> dict[str, int | None]:
    rows = con.execute(
        "select sequence_name, last_value"
        " from duckdb_sequences()"
        " where schema_name = 'main' and database_name = current_database()"
        " order by sequence_name"
    ).fetchall()
    return {name: (None if last is None else int(last)) for name, last in rows}


def table_checksum(con: duckdb.DuckDBPyConnection, table: str, columns: list[str] | None = None) -> str:
    """An order-independent checksum of a table's rows (over the given columns, default all)."""
    # Identifiers come from the catalogue or the manifest (checked against the catalogue), never from a user.
    cols = ", ".join(f'"{c}"' for c in (columns or _columns(con, table)))
    row = con.execute(
        f'select count(*), coalesce(sum(hash(struct_pack({cols}))::hugeint), 0) from "{table}"'  # noqa: S608
    ).fetchone()
    return f"{row[0]}:{row[1]}"


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _private_dir(path: Path) -> None:
    """Create the directory (and missing parents) readable by the owner only."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask, and an existing directory keeps its own


def _private_file(path: Path):
    """A new file open for writing, readable by the owner only from its creation (not chmod'ed afterwards)."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE), "wb")


def backup(con: duckdb.DuckDBPyConnection, out_dir: str | Path) -> dict[str, Any]:
    """Write a consistent snapshot of every table to out_dir (Parquet + manifest.json). Returns the manifest.

    The directory is made 0700 and every file 0600: a backup holds the personal data the database holds.
    """
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"katalogen {out} är inte tom / the directory {out} is not empty")
    _private_dir(out)
    cur = con.cursor()  # its own transaction: a snapshot unaffected by concurrent writes
    tables: dict[str, Any] = {}
    cur.execute("begin transaction")
    try:
        version = db.current_version(cur)
        for table in _tables(cur):
            columns = _columns(cur, table)
            file_name = f"{table}.parquet"
            arrow = cur.sql(f'select * from "{table}"').to_arrow_table()  # noqa: S608 - catalogue name
            with _private_file(out / file_name) as fh:
                pq.write_table(arrow, fh)
            tables[table] = {
                "file": file_name,
                "rows": arrow.num_rows,
                "columns": columns,
                "sha256": _file_sha256(out / file_name),
                "checksum": table_checksum(cur, table, columns),
            }
        sequences = _sequences(cur)
    finally:
        cur.execute("rollback")
        cur.close()
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": dt.datetime.now().isoformat(timespec="seconds"),
        "schema_version": version,
        "duckdb_version": duckdb.__version__,
        "tables": tables,
        "sequences": sequences,
    }
    with _private_file(out / MANIFEST) as fh:
        fh.write(json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8"))
    return manifest


def read_manifest(src_dir: str | Path) -> dict[str, Any]:
    path = Path(src_dir) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{path} saknas: ingen säkerhetskopia / {path} is missing: not a backup")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BackupError(f"{path} är skadad / {path} is damaged") from None
    try:
        jsonschema.validate(manifest, MANIFEST_SCHEMA)
    except jsonschema.ValidationError as err:
        where = "/".join(str(p) for p in err.absolute_path) or "manifest"
        raise BackupError(f"{path} har ett okänt format ({where}: {err.message}) / "
                          f"{path} has an unknown format ({where}: {err.message})") from None
    return manifest


def verify(src_dir: str | Path) -> dict[str, Any]:
    """The manifest, after checking that every file is present and unchanged."""
    src = Path(src_dir)
    manifest = read_manifest(src)
    for table, info in manifest["tables"].items():
        path = src / info["file"]
        if path.parent != src or not path.is_file():
            raise BackupError(f"filen för {table} saknas / the file for {table} is missing")
        if _file_sha256(path) != info["sha256"]:
            raise BackupError(f"filen för {table} är ändrad eller skadad / the file for {table} is changed or damaged")
    return manifest


def has_data(con: duckdb.DuckDBPyConnection) -> bool:
    """True when any table (besides schema_version) has a row."""
    for table in _tables(con):
        if con.execute(f'select 1 from "{table}" limit 1').fetchone():  # noqa: S608 - catalogue name
            return True
    return False


def restore(con: duckdb.DuckDBPyConnection, src_dir: str | Path) -> dict[str, int]:
    """Load a backup into an empty database, all or nothing. Returns rows per table."""
    src = Path(src_dir)
    manifest = verify(src)
    if manifest["schema_version"] > db.current_version(con):
        raise BackupError("säkerhetskopian kommer från en nyare version av appen / "
                          "the backup comes from a newer version of the app")
    if has_data(con):
        raise BackupError("databasen är inte tom; återställ till en ny databasfil / "
                          "the database is not empty; restore into a new database file")
    existing = set(_tables(con))
    unknown = sorted(set(manifest["tables"]) - existing)
    if unknown:
        raise BackupError(f"okända tabeller i säkerhetskopian: {', '.join(unknown)} / "
                          f"unknown tables in the backup: {', '.join(unknown)}")
    counts: dict[str, int] = {}
    with db.transaction(con):
        for table, info in manifest["tables"].items():
            known = set(_columns(con, table))
            columns = [c for c in info["columns"] if c in known]
            if len(columns) != len(info["columns"]):
                raise BackupError(f"tabellen {table} har andra kolumner / the table {table} has other columns")
            cols = ", ".join(f'"{c}"' for c in columns)
            con.execute(
                f'insert into "{table}" ({cols}) select {cols} from read_parquet(?)',  # noqa: S608
                [str(src / info["file"])],
            )
            if table_checksum(con, table, columns) != info["checksum"]:
                raise BackupError(f"tabellen {table} blev inte identisk / the table {table} did not come back identical")
            counts[table] = int(info["rows"])
        _advance_sequences(con, manifest.get("sequences", {}))
    return counts


def _advance_sequences(con: duckdb.DuckDBPyConnection, sequences: dict[str, int | None]) -> None:
    """Move each id sequence to where it was, so new rows never reuse a restored id."""
    current = _sequences(con)
    for name, last in sequences.items():
        if name not in current or last is None:
            continue
        steps = last - (current[name] or 0)
        if steps > 0:
            con.execute("select max(nextval(?)) from range(?)", [name, steps]).fetchone()


def pre_migration_backup(con: duckdb.DuckDBPyConnection, version: int) -> Path | None:
    """Before a schema upgrade of a database with data: a backup next to the database file.

    Returns the directory, or None for an in-memory database or one without data.
    """
    if version < 1 or not has_data(con):
        return None
    return backup_next_to_database(con, f"fore-uppgradering-v{version:03d}")


def backup_next_to_database(con: duckdb.DuckDBPyConnection, label: str = "manuell") -> Path | None:
    """A backup in `backups/<label>-<time>/` beside the database file (None for an in-memory database)."""
    row = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    if not row or not row[0]:
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = Path(row[0]).resolve().parent / "backups"
    _private_dir(folder)
    out = folder / f"{label}-{stamp}"
    backup(con, out)
    return out
