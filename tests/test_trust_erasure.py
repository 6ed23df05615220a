"""Deletion that deletes (issue 16, item 3): after deleting a reporter's personal data or a retention
run, none of the deleted text can be read from the raw bytes of the database file, its WAL or a backup
made afterwards, and the audit log keeps who did what but not the deleted data. The file is rewritten
(db.rewrite) while the process holds it, without losing writes made meanwhile.

On today's main the texts stayed readable in the .duckdb file even after CHECKPOINT and VACUUM, and the
deleted reporter's e-mail stayed in the audit log (privacy.py:113, auth.py:60-61)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from est_data import auth, backup, cli, db, privacy
from tests.conftest import ADMIN_PASSWORD, app_as, user_id

SECRET_COMMENT = "Hemlig kommentar om grannen Ödmjuk-Svensson på Storgatan 12"
SECRET_EVENT = "Beskrivning: pojken i blå jacka vid kiosken, heter troligen Kalle Anka-Nilsson"
SECRET_ADDRESS = "Hemliggatan 99B"


def _raw_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    wal = Path(f"{path}.wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def _found(path: Path, *texts: str) -> list[str]:
    raw = _raw_bytes(path)
    return [t for t in texts if t.encode("utf-8") in raw]


def _plant(con, reporter_id: int, when: dt.datetime) -> None:
    """The reporter's free text in a survey answer and an event report, as the product stores them."""
    response_id = con.execute(
        "select id from survey_response where reporter_id = ? order by id limit 1", [reporter_id]
    ).fetchone()[0]
    con.execute(
        "update survey_response set comment = ?, submitted_at = ? where id = ?",
        [SECRET_COMMENT, when, response_id],
    )
    observation = con.execute(
        "select id from observation where reporter_id = ? order by id limit 1", [reporter_id]
    ).fetchone()
    assert observation is not None
    con.execute(
        "update observation set description = ?, address = ?, reported_at = ? where id = ?",
        [SECRET_EVENT, SECRET_ADDRESS, when, observation[0]],
    )
    con.execute("checkpoint")


def test_deleted_reporter_is_not_in_the_file_wal_audit_log_or_a_later_backup(sample_db, tmp_path):
    con = db.connect(sample_db)
    name, email = con.execute("select name, email from reporter where id = 2").fetchone()
    auth.create_user(
        con,
        "rapportor2",
        ADMIN_PASSWORD,
        "rapportör",
        display_name=name,
        email=email,
        reporter_id=2,
        by="admin",
    )  # the audit row of the account holds the e-mail (auth.py:60)
    _plant(con, 2, dt.datetime.now())
    assert _found(sample_db, name, email, SECRET_COMMENT, SECRET_EVENT) == [
        name,
        email,
        SECRET_COMMENT,
        SECRET_EVENT,
    ]
    privacy.delete_reporter_personal_data(con, 2, "admin")
    con.execute("checkpoint")
    con.execute("vacuum")
    assert _found(sample_db, email, SECRET_COMMENT), (
        "DuckDB keeps deleted values in the file until it is rewritten"
    )
    assert privacy.erase_from_file(con) is True
    con = db.connect(sample_db)
    assert _found(sample_db, name, email, SECRET_COMMENT, SECRET_EVENT, SECRET_ADDRESS) == []
    # the audit log: who did what stays, the deleted data does not
    audit = con.execute(
        "select username, operation, table_name, coalesce(before_json, '') || coalesce(after_json, '')"
        " from audit_log"
    ).fetchall()
    assert not [row for row in audit if email in row[3] or name in row[3]]
    assert ("admin", "create", "app_user") in {row[:3] for row in audit}
    assert ("admin", "delete_personal_data", "reporter") in {row[:3] for row in audit}
    # a backup made afterwards
    out = tmp_path / "kopia"
    backup.backup(con, out)
    for file in out.iterdir():
        raw = file.read_bytes()
        assert email.encode() not in raw and SECRET_COMMENT.encode() not in raw, file.name
    # the rest of the data is intact and the database works as before
    assert con.execute("select name, email from reporter where id = 2").fetchone() == (
        "Rapportör 2 (borttagen)",
        None,
    )
    assert (
        con.execute(
            "select count(*) from survey_rating r join survey_response s on s.id = r.response_id"
            " where s.reporter_id = 2"
        ).fetchone()[0]
        > 0
    )


def test_retention_run_via_the_cli_leaves_nothing_in_the_file(sample_db, capsys):
    con = db.connect(sample_db)
    _plant(con, 3, dt.datetime(2020, 1, 15))
    kept = con.execute("select count(*) from survey_rating").fetchone()[0]
    db.close(sample_db)
    assert _found(sample_db, SECRET_COMMENT, SECRET_EVENT, SECRET_ADDRESS)
    code = cli.main(["--db", str(sample_db), "retention", "--months", "24", "--apply"])
    assert code == 0 and "Raderat" in capsys.readouterr().out
    assert _found(sample_db, SECRET_COMMENT, SECRET_EVENT, SECRET_ADDRESS) == []
    con = db.connect(sample_db)
    assert con.execute("select count(*) from survey_rating").fetchone()[0] == kept
    assert (
        con.execute("select count(*) from survey_response where comment = ?", [SECRET_COMMENT]).fetchone()[0]
        == 0
    )


def test_rewrite_keeps_every_table_sequence_and_constraint(sample_db):
    con = db.connect(sample_db)
    before = {t: backup.table_checksum(con, t) for t in backup._tables(con)}
    sequences = backup._sequences(con)
    db.rewrite(sample_db)
    con = db.connect(sample_db)
    assert {t: backup.table_checksum(con, t) for t in backup._tables(con)} == before
    assert backup._sequences(con) == sequences
    assert db.current_version(con) == db.latest_version()
    assert not Path(f"{sample_db}.rewrite").exists()
    new_id = auth.create_user(con, "efter_omskrivning", ADMIN_PASSWORD, "läsare")
    assert new_id > max(
        r[0] for r in con.execute("select id from app_user where id <> ?", [new_id]).fetchall()
    )
    try:
        auth.create_user(con, "efter_omskrivning", ADMIN_PASSWORD, "läsare")
    except auth.UserError:
        pass
    assert (
        con.execute("select count(*) from app_user where username = 'efter_omskrivning'").fetchone()[0] == 1
    )


def test_writes_during_a_rewrite_are_not_lost(sample_db):
    """Threads keep writing through their cursors while the file is rewritten twice: every write is there."""
    db.connect(sample_db)
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        cur = db.cursor(sample_db)
        i = 0
        try:
            while not stop.is_set() or i < 5:
                with db.transaction(cur):
                    cur.execute(
                        "insert into audit_log (logged_at, username, operation, table_name, record_id)"
                        " values (now(), ?, 'test', 'rewrite', ?)",
                        [f"w{n}", str(i)],
                    )
                written.append(1)
                assert (
                    cur.execute("select count(*) from audit_log where username = ?", [f"w{n}"]).fetchone()[0]
                    == i + 1
                )
                i += 1
        except BaseException as err:  # reported below
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(2):
            db.rewrite(sample_db)
    finally:
        stop.set()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    con = db.connect(sample_db)
    assert (
        con.execute("select count(*) from audit_log where operation = 'test'").fetchone()[0]
        == len(written)
        >= 20
    )


def test_admin_page_deletes_a_reporter_and_rewrites_the_file(sample_db):
    con = db.connect(sample_db)
    _plant(con, 4, dt.datetime.now())
    email = con.execute("select email from reporter where id = 4").fetchone()[0]
    assert _found(sample_db, email, SECRET_COMMENT)
    at = app_as("admin", "admin")
    at.selectbox(key="admin_forget_reporter").set_value(4).run()
    at.checkbox(key="admin_forget_confirm").check().run()
    at.button(key="admin_forget_run").click().run()
    assert not at.exception
    assert _found(sample_db, email, SECRET_COMMENT, SECRET_EVENT) == []
    cur = db.cursor(sample_db)  # the app's cursors follow the rewritten file
    assert cur.execute("select name from reporter where id = 4").fetchone()[0] == "Rapportör 4 (borttagen)"
    assert user_id(db.connect(sample_db), "admin") > 0


def test_a_read_split_by_a_rewrite_is_run_again(sample_db):
    """A rewrite between a statement and the fetch of its result: a read is run again on the new file."""
    db.connect(sample_db)
    cur = db.cursor(sample_db)
    expected = cur.execute("select count(*) from incident").fetchone()
    cur.execute("select count(*) from incident")
    db.rewrite(sample_db)
    assert cur.fetchone() == expected
    cur.execute("update setting set value = value where name = 'none' returning name")
    db.rewrite(sample_db)
    try:
        cur.fetchall()
    except Exception as err:  # a write is never run twice
        assert "rewritten" in str(err)
    else:
        raise AssertionError("a write's result was fetched from a new file")
