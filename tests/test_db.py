"""The data layer: migrations, the contract's tables and columns, transactions, cursors per thread."""

from __future__ import annotations

import threading

import duckdb
import pytest

from est_data import db

# DESIGN.md §3: table -> key columns. Names are a contract other tools rely on.
CONTRACT = {
    "municipality": ["code", "name"],
    "area": ["id", "municipality_code", "name", "kind", "geometry_wkt", "active"],
    "place": ["id", "area_id", "name", "kind", "lat", "lon"],
    "factor": ["code", "label_sv", "label_en", "description", "sort_order", "active"],
    "reporter": ["id", "name", "email", "organisation", "active"],
    "reporter_area": ["reporter_id", "area_id"],
    "survey_response": [
        "id",
        "iso_year",
        "iso_week",
        "reporter_id",
        "area_id",
        "submitted_at",
        "comment",
        "source",
    ],
    "survey_rating": ["response_id", "factor_code", "level"],
    "observation": [
        "id",
        "reported_at",
        "occurred_at",
        "time_of_day",
        "reporter_id",
        "source",
        "factor_code",
        "area_id",
        "place_id",
        "lat",
        "lon",
        "description",
        "severity",
    ],
    "incident": [
        "id",
        "source",
        "external_id",
        "occurred_at",
        "category",
        "municipality_code",
        "area_id",
        "lat",
        "lon",
        "location_precision",
        "cost_sek",
        "summary",
    ],
    "crime_stat": [
        "municipality_code",
        "area_id",
        "period_start",
        "period_end",
        "crime_code",
        "crime_label",
        "count",
        "preliminary",
    ],
    "action": [
        "id",
        "title",
        "kind",
        "area_id",
        "place_id",
        "partners",
        "responsible",
        "start_date",
        "end_date",
        "status",
        "description",
        "cost_sek",
        "target_factors",
        "target_categories",
    ],
    "weekly_assessment": [
        "iso_year",
        "iso_week",
        "area_id",
        "status",
        "priority",
        "note",
        "decided_at",
        "decided_by",
    ],
    "import_batch": [
        "id",
        "source",
        "file_name",
        "file_sha256",
        "rows_read",
        "rows_loaded",
        "rows_rejected",
        "started_at",
        "finished_at",
    ],
    "app_user": ["id", "username", "role", "password_hash"],
    "audit_log": ["id", "username"],
}


def columns(con, table: str) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
            [table],
        ).fetchall()
    ]


def test_migrate_from_empty_creates_the_contract(empty_con):
    assert db.current_version(empty_con) == db.latest_version()
    for table, cols in CONTRACT.items():
        have = columns(empty_con, table)
        assert have, f"table {table} missing"
        assert set(cols) <= set(have), f"{table} lacks {set(cols) - set(have)}"


def test_migrate_twice_changes_nothing(empty_con):
    assert db.migrate(empty_con) == []
    versions = empty_con.execute("select version from schema_version order by 1").fetchall()
    assert [v[0] for v in versions] == [n for n, _, _ in db.schema_files()]


def test_older_database_migrates_without_losing_data(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    files = db.schema_files()
    # An "older version of the app": only the first migration existed.
    monkeypatch.setattr(db, "schema_files", lambda: files[:1])
    con = db.connect(path)
    con.execute("insert into municipality (code, name) values ('1287', 'Trelleborg')")
    con.execute("insert into area (municipality_code, name) values ('1287', 'Centrum')")
    db.close(path)
    # A newer version adds a migration.
    extra = (
        999,
        "999_test.sql",
        "alter table area add column if not exists test_note varchar;"
        "create table if not exists test_new (id integer);",
    )
    monkeypatch.setattr(db, "schema_files", lambda: [*files, extra])
    con = db.connect(path)
    assert db.current_version(con) == 999
    assert con.execute("select name from area").fetchall() == [("Centrum",)]
    assert "test_note" in columns(con, "area")
    db.close(path)


def test_transaction_rolls_back_on_error(empty_con):
    with pytest.raises(duckdb.ConstraintException):
        with db.transaction(empty_con):
            empty_con.execute("insert into municipality (code, name) values ('0001', 'A')")
            empty_con.execute("insert into municipality (code, name) values ('0001', 'B')")
    assert empty_con.execute("select count(*) from municipality").fetchone()[0] == 0


def test_each_thread_gets_its_own_cursor(empty_db):
    db.connect(empty_db)
    seen = {}

    def work(i: int) -> None:
        cur = db.cursor(empty_db)
        seen[i] = cur  # keep a reference: ids of collected objects can repeat
        with db.transaction(cur):
            cur.execute("insert into factor (code, label_sv, label_en) values (?, ?, ?)", [f"f{i}", "x", "x"])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(c) for c in seen.values()}) == 8
    assert db.connect(empty_db).execute("select count(*) from factor").fetchone()[0] == 8


def test_revision_changes_with_writes(sample_con):
    before = db.revision(sample_con)
    sample_con.execute("insert into audit_log (username, operation) values ('t', 'test')")
    assert db.revision(sample_con) != before
