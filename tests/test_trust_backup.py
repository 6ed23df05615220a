"""Backup and restore reproduce every table exactly; an old database migrates with a backup first."""

from __future__ import annotations

import json
from importlib import resources

import duckdb
import pytest

from est_data import backup, cli, db, restore


def _all_checksums(con) -> dict[str, str]:
    return {t: backup.table_checksum(con, t) for t in backup._tables(con)}


def test_backup_and_restore_reproduce_every_table(sample_con, tmp_path):
    out = tmp_path / "kopia"
    manifest = backup.backup(sample_con, out)
    assert (out / "manifest.json").is_file()
    assert manifest["tables"]["survey_rating"]["rows"] > 10_000
    assert manifest["tables"]["app_user"]["rows"] == 4
    before = _all_checksums(sample_con)
    assert set(before) == set(manifest["tables"])

    target = tmp_path / "aterstalld.duckdb"
    con2 = db.connect(target)
    counts = restore.restore(con2, out)
    assert counts["incident"] == manifest["tables"]["incident"]["rows"] > 1000
    after = _all_checksums(con2)
    assert after == before
    # Sequences continue after the restored ids: a new row never reuses an id.
    max_id = con2.execute("select max(id) from incident").fetchone()[0]
    new_id = con2.execute("select nextval('incident_id_seq')").fetchone()[0]
    assert new_id > max_id
    db.close(target)


def test_restore_refuses_non_empty_and_tampered(sample_con, tmp_path):
    out = tmp_path / "kopia"
    backup.backup(sample_con, out)
    with pytest.raises(backup.BackupError, match="inte tom"):
        restore.restore(sample_con, out)
    # A changed file is refused before anything is written.
    (out / "reporter.parquet").write_bytes(b"PAR1 broken")
    target = tmp_path / "ny.duckdb"
    con2 = db.connect(target)
    with pytest.raises(backup.BackupError, match="ändrad eller skadad"):
        restore.restore(con2, out)
    assert not backup.has_data(con2)
    db.close(target)


def test_backup_refuses_non_empty_directory(sample_con, tmp_path):
    (tmp_path / "x.txt").write_text("x")
    with pytest.raises(backup.BackupError, match="inte tom"):
        backup.backup(sample_con, tmp_path)


def test_cli_backup_and_restore(sample_db, tmp_path, capsys):
    out = tmp_path / "cli_kopia"
    assert cli.main(["--db", str(sample_db), "backup", "--out", str(out)]) == 0
    assert "Säkerhetskopia skriven" in capsys.readouterr().out
    manifest = json.loads((out / "manifest.json").read_text())
    target = tmp_path / "cli_ny.duckdb"
    assert cli.main(["--db", str(target), "restore", str(out)]) == 0
    assert "kontrollsummorna stämmer" in capsys.readouterr().out
    con = db.connect(target)
    for table, info in manifest["tables"].items():
        assert backup.table_checksum(con, table, info["columns"]) == info["checksum"], table
    db.close(target)
    # Restoring again into the now full database is a user mistake: one line, exit code 2.
    assert cli.main(["--db", str(target), "restore", str(out)]) == 2
    err = capsys.readouterr().err
    assert "inte tom" in err and "Traceback" not in err
    assert cli.main(["--db", str(target), "restore", str(tmp_path / "finns_inte")]) == 2


def _old_database(path) -> None:
    """A database as version 1 of the app left it: only migration 001, with data."""
    sql_001 = resources.files("est_data.schema").joinpath("001_initial.sql").read_text(encoding="utf-8")
    con = duckdb.connect(str(path))
    con.execute(
        "create table schema_version (version integer primary key, name varchar,"
        " applied_at timestamp default current_timestamp)"
    )
    con.execute(sql_001)
    con.execute("insert into schema_version (version, name) values (1, '001_initial.sql')")
    con.execute("insert into municipality (code, name) values ('1287', 'Trelleborg')")
    con.execute("insert into area (municipality_code, name) values ('1287', 'Centrum'), ('1287', 'Västra')")
    con.execute("insert into reporter (name, email) values ('Anna Andersson', 'anna@example.test')")
    con.execute(
        "insert into survey_response (iso_year, iso_week, reporter_id, area_id, submitted_at, comment)"
        " values (2026, 47, 1, 1, timestamp '2026-11-17 09:00', 'Lugnt')"
    )
    con.execute("insert into survey_rating values (1, 'klotter', 2)")
    con.close()


def test_old_database_opens_migrates_and_is_backed_up_first(tmp_path):
    path = tmp_path / "gammal.duckdb"
    _old_database(path)
    con = db.connect(path)
    assert db.current_version(con) == db.latest_version() > 1
    assert con.execute("select count(*) from survey_link").fetchone()[0] == 0  # a later migration applied
    assert con.execute("select comment from survey_response").fetchone()[0] == "Lugnt"
    assert con.execute("select level from survey_rating").fetchone()[0] == 2
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1 and backups[0].name.startswith("fore-uppgradering-v001")
    manifest = restore.verify(backups[0])
    assert manifest["schema_version"] == 1
    assert manifest["tables"]["reporter"]["rows"] == 1
    db.close(path)
    # The pre-upgrade backup restores into a new database made by the current code.
    target = tmp_path / "fran_gammal.duckdb"
    con2 = db.connect(target)
    restore.restore(con2, backups[0])
    assert con2.execute("select name from reporter").fetchone()[0] == "Anna Andersson"
    assert con2.execute("select count(*) from area").fetchone()[0] == 2
    db.close(target)


def test_no_backup_for_a_new_or_current_database(tmp_path):
    path = tmp_path / "ny.duckdb"
    db.connect(path)
    db.close(path)
    db.connect(path)  # reopening a current database migrates nothing
    db.close(path)
    assert not (tmp_path / "backups").exists()


def test_backup_is_a_consistent_snapshot_while_others_write(sample_db, tmp_path):
    import threading

    from est_data import audit

    con = db.connect(sample_db)
    stop = threading.Event()
    written = []

    def writer() -> None:
        cur = db.cursor(sample_db)
        while not stop.is_set():
            with db.transaction(cur):  # two tables changed together, as a real write does
                audit.record(cur, "skrivare", "update", "setting", "x", after={"n": len(written)})
                cur.execute(
                    "insert into setting (name, value) values (?, ?)"
                    " on conflict (name) do update set value = excluded.value",
                    ["skrivtest", str(len(written))],
                )
            written.append(1)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        manifest = backup.backup(con, tmp_path / "kopia")
    finally:
        stop.set()
        thread.join(30)
    assert written  # the writer really ran during the backup
    target = tmp_path / "ny.duckdb"
    con2 = db.connect(target)
    restore.restore(con2, tmp_path / "kopia")  # checksums compared inside
    n_audit = con2.execute("select count(*) from audit_log where username = 'skrivare'").fetchone()[0]
    value = con2.execute("select value from setting where name = 'skrivtest'").fetchone()
    # Both tables come from the same moment: the setting holds the count of audit rows before the last.
    assert (n_audit == 0 and value is None) or int(value[0]) == n_audit - 1
    assert (
        manifest["tables"]["audit_log"]["rows"]
        == con2.execute("select count(*) from audit_log").fetchone()[0]
    )
    db.close(target)
