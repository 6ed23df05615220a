"""Restore of a backup made by est_data.backup: all or nothing, checked against its manifest.

`restore(con, src_dir)` checks every file against the manifest first, loads all tables in one
transaction, moves the id sequences past the restored ids and compares the content checksums again:
a restore is exact or it is not done at all. (Apart from est_data/backup.py because db.py's
pre-migration backup imports backup.py, and the restore needs db.py's transaction.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import jsonschema

from est_data import db
from est_data.backup import (
    FORMAT_VERSION,
    MANIFEST,
    BackupError,
    _columns,
    _file_sha256,
    _sequences,
    _tables,
    has_data,
    table_checksum,
)

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
        raise BackupError(
            f"{path} har ett okänt format ({where}: {err.message}) / "
            f"{path} has an unknown format ({where}: {err.message})"
        ) from None
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
            raise BackupError(
                f"filen för {table} är ändrad eller skadad / the file for {table} is changed or damaged"
            )
    return manifest


def restore(con: duckdb.DuckDBPyConnection, src_dir: str | Path) -> dict[str, int]:
    """Load a backup into an empty database, all or nothing. Returns rows per table."""
    src = Path(src_dir)
    manifest = verify(src)
    if manifest["schema_version"] > db.current_version(con):
        raise BackupError(
            "säkerhetskopian kommer från en nyare version av appen / "
            "the backup comes from a newer version of the app"
        )
    if has_data(con):
        raise BackupError(
            "databasen är inte tom; återställ till en ny databasfil / "
            "the database is not empty; restore into a new database file"
        )
    existing = set(_tables(con))
    unknown = sorted(set(manifest["tables"]) - existing)
    if unknown:
        raise BackupError(
            f"okända tabeller i säkerhetskopian: {', '.join(unknown)} / "
            f"unknown tables in the backup: {', '.join(unknown)}"
        )
    counts: dict[str, int] = {}
    with db.transaction(con):
        for table, info in manifest["tables"].items():
            known = set(_columns(con, table))
            columns = [c for c in info["columns"] if c in known]
            if len(columns) != len(info["columns"]):
                raise BackupError(
                    f"tabellen {table} har andra kolumner / the table {table} has other columns"
                )
            cols = ", ".join(f'"{c}"' for c in columns)
            con.execute(
                f'insert into "{table}" ({cols}) select {cols} from read_parquet(?)',  # noqa: S608
                [str(src / info["file"])],
            )
            if table_checksum(con, table, columns) != info["checksum"]:
                raise BackupError(
                    f"tabellen {table} blev inte identisk / the table {table} did not come back identical"
                )
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
