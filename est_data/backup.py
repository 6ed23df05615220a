"""Backup of the whole database as Parquet files with a manifest (restore: est_data/restore.py).

`backup(con, out_dir)` writes one Parquet file per table from a single read transaction (a
consistent snapshot even while the app keeps writing) and `manifest.json` with, per table, its row
count, the file's SHA-256 and a content checksum computed in DuckDB. `restore.restore(con, src_dir)` loads
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
import pyarrow.parquet as pq

MANIFEST = "manifest.json"
# A backup holds everything the database holds, personal data included: only the owner may read it.
DIR_MODE = 0o700
FILE_MODE = 0o600
FORMAT_VERSION = 1
# Tables that belong to the database file itself, not to its content.
_SKIP = {"schema_version"}


class BackupError(Exception):
    """A backup or restore that cannot be done. Message: Swedish / English."""


def _schema_version(con: duckdb.DuckDBPyConnection) -> int:
    # The database's schema version (est_data.db.current_version without creating the table, which
    # every connected database has). Read here so that db.py's pre-migration backup imports a module
    # that does not import db.py back.
    row = con.execute("select coalesce(max(version), 0) from schema_version").fetchone()
    return int(row[0]) if row else 0


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
        version = _schema_version(cur)
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


def has_data(con: duckdb.DuckDBPyConnection) -> bool:
    """True when any table (besides schema_version) has a row."""
    for table in _tables(con):
        if con.execute(f'select 1 from "{table}" limit 1').fetchone():  # noqa: S608 - catalogue name
            return True
    return False


def pre_migration_backup(con: duckdb.DuckDBPyConnection, version: int) -> Path | None:
    """Before a schema upgrade of a database with data: a backup next to the database file.

    Returns the directory, or None for an in-memory database or one without data.
    """
    if version < 1 or not has_data(con):
        return None
    return backup_next_to_database(con, f"fore-uppgradering-v{version:03d}")


def backup_next_to_database(con: duckdb.DuckDBPyConnection, label: str = "manuell") -> Path | None:
    """A backup in `backups/<label>-<time>/` beside the database file (None for an in-memory database)."""
    row = con.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchone()
    if not row or not row[0]:
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = Path(row[0]).resolve().parent / "backups"
    _private_dir(folder)
    out = folder / f"{label}-{stamp}"
    backup(con, out)
    return out
