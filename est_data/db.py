"""Connecting to DuckDB, migrating the schema and running writes in transactions.

One connection per process and database file; every thread works on its own cursor
(DuckDB connections are not thread-safe, cursors of one connection are independent).

`rewrite(path)` copies the database into a new file and swaps it in while the process holds it,
so that text deleted from the tables is gone from the file too (DuckDB leaves the old bytes in
freed blocks, even after CHECKPOINT and VACUUM). Writes are never lost across a rewrite: every
transaction and every statement through a thread's cursor holds the process's gate shared, the
rewrite holds it exclusively, and a thread's cursor (`cursor()`) follows the file to its new
connection.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from est_data import config

_lock = threading.Lock()
_connections: dict[str, duckdb.DuckDBPyConnection] = {}
_generation: dict[str, int] = {}  # bumped when a file's connection is closed or replaced by rewrite()
_local = threading.local()


class _Gate:
    """A readers-writer lock: many holders share it, `exclusive` waits until none holds it and keeps
    new holders out meanwhile. Re-entrant for shared holders of the same thread. The standard library
    has no readers-writer lock, hence this small one on threading.Condition."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._shared = 0
        self._exclusive = False
        self._held = threading.local()

    @contextmanager
    def shared(self) -> Iterator[None]:
        depth = getattr(self._held, "depth", 0)
        if depth == 0:
            with self._cond:
                while self._exclusive:
                    self._cond.wait()
                self._shared += 1
        self._held.depth = depth + 1
        try:
            yield
        finally:
            self._held.depth = depth
            if depth == 0:
                with self._cond:
                    self._shared -= 1
                    self._cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        if getattr(self._held, "depth", 0):
            raise RuntimeError("the database cannot be rewritten inside a transaction")
        with self._cond:
            while self._exclusive:
                self._cond.wait()
            self._exclusive = True  # new shared holders wait from here on
            while self._shared:
                self._cond.wait()
        try:
            yield
        finally:
            with self._cond:
                self._exclusive = False
                self._cond.notify_all()


_gate = _Gate()


# Methods that read the result of the cursor's last statement.
_FETCHES = frozenset(
    {
        "fetchone",
        "fetchall",
        "fetchmany",
        "df",
        "fetchdf",
        "fetch_df",
        "fetchnumpy",
        "arrow",
        "fetch_arrow_table",
        "fetch_record_batch",
        "pl",
        "torch",
        "tf",
    }
)
_READS = ("select", "with", "from", "describe", "show", "summarize", "pragma", "explain")


class ThreadCursor:
    """A thread's cursor on one database file that follows the file across `rewrite` (and a reopen
    after `close`). Every call runs with the gate shared, so a rewrite never falls inside a statement
    or a transaction; methods that return the cursor itself return this object.

    A rewrite can fall between a statement run outside a transaction and the fetch of its result;
    a read is then run again on the new file before the fetch (a write outside a transaction is
    complete when its statement returns, and one inside a transaction cannot be split)."""

    __slots__ = ("_key", "_gen", "_cur", "_last")

    def __init__(self, key: str) -> None:
        self._key = key
        self._gen = -1
        self._cur: duckdb.DuckDBPyConnection | None = None
        self._last: tuple | None = None  # (generation, args, kwargs) of the last execute

    def _current(self) -> duckdb.DuckDBPyConnection:
        gen = _generation.get(self._key, 0)
        if self._cur is None or self._gen != gen or self._key not in _connections:
            self._cur = connect(self._key).cursor()
            self._gen = _generation.get(self._key, 0)
        return self._cur

    def _call(self, name: str, args: tuple, kwargs: dict):
        with _gate.shared():
            cur = self._current()
            if name in _FETCHES and self._last is not None and self._last[0] != self._gen:
                statement = str(self._last[1][0] if self._last[1] else self._last[2].get("query", ""))
                if not statement.lstrip().lower().startswith(_READS):
                    raise duckdb.InvalidInputException(
                        "the database file was rewritten before this result was read"
                    )
                cur.execute(*self._last[1], **self._last[2])
            result = getattr(cur, name)(*args, **kwargs)
            if name == "execute":
                self._last = (self._gen, args, kwargs)
        return self if result is cur else result

    def __getattr__(self, name: str):
        attr = getattr(self._current(), name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            return self._call(name, args, kwargs)

        return call


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


def cursor(path: str | Path | None = None) -> ThreadCursor:
    """A cursor for the calling thread on the process's connection (it follows the file across rewrite)."""
    key = db_path(path)
    cursors = getattr(_local, "cursors", None)
    if cursors is None:
        cursors = _local.cursors = {}
    cur = cursors.get(key)
    if cur is None:
        cur = cursors[key] = ThreadCursor(key)
    return cur


def is_open(path: str | Path) -> bool:
    """Whether this process holds a connection to the database file (background threads check this so
    that they never reopen a database the process has closed)."""
    return str(path) in _connections


def shared() -> contextlib.AbstractContextManager[None]:
    """Hold the process's database gate shared (no rewrite() meanwhile), e.g. across a multi-statement read."""
    return _gate.shared()


def close_all() -> None:
    """Close every connection of this process (tests, CLI exit, restore)."""
    with _lock:
        for key, con in _connections.items():
            try:
                con.close()
            except duckdb.Error:
                pass
            _generation[key] = _generation.get(key, 0) + 1
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
    """Run a block of writes atomically: all of it is committed, or none of it (never split by rewrite())."""
    with _gate.shared():
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


def _close_when_free(con: duckdb.DuckDBPyConnection, seconds: float = 30.0) -> None:
    """Close con, waiting for a background thread's statement (the link-mail scheduler, the inbox watcher)
    to finish: DuckDB refuses to close a connection that is busy instead of waiting. The connection is
    already out of `_connections`, so those threads start nothing new on it (they check `is_open`)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            con.close()
            return
        except duckdb.ResourceInUseException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def update_row(con, table: str, key_column: str, key: object, values: dict[str, Any]) -> None:
    """One update of the given columns of one row. Table and column names come from the caller's own
    constants (checked against the changes it was given), never from user input; values are parameters."""
    assignments = ", ".join(f"{column} = ?" for column in values)
    con.execute(f"update {table} set {assignments} where {key_column} = ?", [*values.values(), key])  # noqa: S608


def close(path: str | Path) -> None:
    """Close this process's connection to one database file (checkpointing it)."""
    key = str(path)
    with _lock:
        con = _connections.pop(key, None)
        _generation[key] = _generation.get(key, 0) + 1
    if con is not None:
        try:
            con.execute("checkpoint")
        except duckdb.Error:
            pass
        _close_when_free(con)
    cursors = getattr(_local, "cursors", None)
    if cursors:
        cursors.pop(key, None)


def file_of(con: duckdb.DuckDBPyConnection) -> str | None:
    """The database file of a connection or cursor (None for an in-memory database)."""
    row = con.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchone()
    return str(row[0]) if row and row[0] else None


def _key_for(path: str | Path) -> str:
    """The key under which this process holds the file (as given to connect), else the path itself."""
    wanted = Path(path).resolve()
    for key in list(_connections):
        if key != ":memory:" and Path(key).resolve() == wanted:
            return key
    return str(path)


def rewrite(path: str | Path) -> bool:
    """Copy the database into a new file and swap it in, so nothing deleted stays in the file or its WAL.

    DuckDB keeps deleted and overwritten values in freed blocks of the file; only a copy of the
    live data (COPY FROM DATABASE: tables, constraints, sequences at their values) leaves them behind.
    Runs while this process holds the file: it waits for running statements and transactions to end,
    keeps new ones waiting until the new file is open, and thread cursors (cursor()) follow the new
    connection. Connections from connect() held by a caller are closed: connect() again. Returns
    False for an in-memory database.
    """
    if str(path) == ":memory:":
        return False
    key = _key_for(path)
    target = Path(key)
    temp = target.with_name(target.name + ".rewrite")
    with _gate.exclusive():
        con = connect(key)
        # No CHECKPOINT first: it fails while any cursor has a result open, and COPY reads the
        # committed data wherever it lies (file or WAL); the old WAL is removed with the old file.
        for leftover in (temp, Path(f"{temp}.wal")):
            leftover.unlink(missing_ok=True)
        name = con.execute("select current_database()").fetchone()[0]
        # ATTACH and COPY take no parameters: the path is the database's own, the name DuckDB's.
        con.execute("attach '{}' as est_rewrite".format(str(temp).replace("'", "''")))
        try:
            con.execute('copy from database "{}" to est_rewrite'.format(name.replace('"', '""')))
        finally:
            con.execute("detach est_rewrite")
        os.chmod(temp, os.stat(target).st_mode & 0o777)
        close(key)  # checkpoints and releases the old file
        Path(f"{target}.wal").unlink(missing_ok=True)  # a WAL of the old file must never meet the new one
        os.replace(temp, target)
        connect(key)
    return True
