"""Connecting to DuckDB, migrating the schema and running writes in transactions.

One connection per process and database file; every thread works on its own cursor
(DuckDB connections are not thread-safe, cursors of one connection are independent).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from est_data import config

_lock = threading.Lock()
_connections: dict[str, duckdb.DuckDBPyConnection] = {}
_local = threading.local()


def schema_files() -> list[tuple[int, str, str]]:
    """The numbered migration files as (version, name, sql), in order."""
    files = []
    for entry in resources.files("est_data.schema").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            files.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return sorted(files)


def latest_version() -> int:
    return schema_files()[-1][0]


def db_path(path: str | Path | None = None) -> str:
    """The database file to use: the argument, else EST_DB, else data/est.duckdb."""
    chosen = str(path) if path else config.get("db")
    if chosen != ":memory:":
        Path(chosen).parent.mkdir(parents=True, exist_ok=True)
    return chosen


def connect(path: str | Path | None = None, migrate_now: bool = True) -> duckdb.DuckDBPyConnection:
    """The process's connection to the database (created and migrated on first use)."""
    key = db_path(path)
    with _lock:
        con = _connections.get(key)
        if con is None:
            con = duckdb.connect(key)
            con.execute("set timezone = 'Europe/Stockholm'")
            if migrate_now:
                migrate(con)
            _connections[key] = con
    return con


def cursor(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """A cursor for the calling thread on the process's connection."""
    key = db_path(path)
    cursors = getattr(_local, "cursors", None)
    if cursors is None:
        cursors = _local.cursors = {}
    cur = cursors.get(key)
    if cur is None or key not in _connections:
        cur = connect(key).cursor()
        cursors[key] = cur
    return cur


def close_all() -> None:
    """Close every connection of this process (tests, CLI exit, restore)."""
    with _lock:
        for con in _connections.values():
            try:
                con.close()
            except duckdb.Error:
                pass
        _connections.clear()
    _local.cursors = {}


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute(
        "create table if not exists schema_version ("
        " version integer primary key, name varchar, applied_at timestamp default current_timestamp)"
    )
    row = con.execute("select coalesce(max(version), 0) from schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations the database lacks, each in its own transaction. Returns their names."""
    applied = []
    version = current_version(con)
    pending = [f for f in schema_files() if f[0] > version]
    if pending and version >= 1:
        # An upgrade of a database made by an older version: take a backup first (if it has data).
        from est_data.backup import pre_migration_backup

        pre_migration_backup(con, version)
    for number, name, sql in pending:
        with transaction(con):
            con.execute(sql)
            con.execute("insert into schema_version (version, name) values (?, ?)", [number, name])
        applied.append(name)
    return applied


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run a block of writes atomically: all of it is committed, or none of it."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    else:
        con.execute("commit")


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of every table in the main schema (for the CLI, tests and backups)."""
    names = [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' order by 1"
        ).fetchall()
    ]
    counts = {}
    for name in names:
        # Table names come from the catalogue, not from a user; identifiers cannot be parameters.
        counts[name] = con.execute(f'select count(*) from "{name}"').fetchone()[0]  # noqa: S608
    return counts


def revision(con: duckdb.DuckDBPyConnection) -> tuple:
    """A cheap fingerprint of the data that changes with every write (for cache keys).

    Every write through the product goes through the audit log or an import batch; survey answers
    and observations are counted too, so submissions by many reporters invalidate caches as well.
    """
    # One small select per table, stacked with union all: as scalar subqueries in one select the
    # ten of them became a 10-way cross product whose join ordering alone took 0.1-0.3 s per call
    # (and `cached` calls this for every cached query of a page).
    rows = con.execute(
        "select 1 as k, cast(coalesce(max(id), 0) as varchar) as v from audit_log"
        " union all select 2, cast(coalesce(max(id), 0) as varchar) from import_batch"
        " union all select 3, cast(count(*) as varchar) from survey_response"
        " union all select 4, cast(max(submitted_at) as varchar) from survey_response"
        " union all select 5, cast(count(*) as varchar) from observation"
        " union all select 6, cast(count(*) as varchar) from incident"
        " union all select 7, cast(count(*) as varchar) from action"
        " union all select 8, cast(max(updated_at) as varchar) from action"
        " union all select 9, cast(count(*) as varchar) from weekly_assessment"
        " union all select 10, cast(count(*) as varchar) from weekly_priority"
        " order by k"
    ).fetchall()
    return tuple(v for _, v in rows)


def close(path: str | Path) -> None:
    """Close this process's connection to one database file (checkpointing it)."""
    key = str(path)
    with _lock:
        con = _connections.pop(key, None)
    if con is not None:
        try:
            con.execute("checkpoint")
        except duckdb.Error:
            pass
        con.close()
    cursors = getattr(_local, "cursors", None)
    if cursors:
        cursors.pop(key, None)
