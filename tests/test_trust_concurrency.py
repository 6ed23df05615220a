"""Concurrency and crashes: many reporters at once, a CLI import while the app runs, a killed import."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from est_data import backup, db, inbox, weekly
from est_data.model import IsoWeek
from tests.conftest import FIXTURES, ROOT

POLICE_FILE = FIXTURES / "polisen" / "events_trelleborg_orebro_malmo.json"


def _cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "est_data", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def test_forty_reporters_submitting_in_the_same_minute_lose_nothing(sample_db):
    con = db.connect(sample_db)
    week = IsoWeek.of(dt.date.today())
    reporters = con.execute("select id from reporter where active order by id").fetchall()
    assert len(reporters) == 40
    areas = {
        rid: [
            r[0]
            for r in con.execute("select area_id from reporter_area where reporter_id = ?", [rid]).fetchall()
        ]
        for (rid,) in reporters
    }
    factor = con.execute("select code from factor where active order by sort_order limit 1").fetchone()[0]
    before = con.execute(
        "select count(*) from survey_response where iso_year = ? and iso_week = ?", [week.year, week.week]
    ).fetchone()[0]
    barrier = threading.Barrier(40)
    errors: list[BaseException] = []

    def reporter(rid: int) -> None:
        try:
            cur = db.cursor(sample_db)  # each request thread of the app works on its own cursor
            answers = [
                weekly.AreaAnswer(area_id=a, levels={factor: (rid + a) % 4}, comment=f"r{rid} a{a}")
                for a in areas[rid]
            ]
            barrier.wait(timeout=30)
            weekly.submit_week(cur, rid, week, answers, by=f"rapportor{rid}")
        except BaseException as err:  # collected and reported below
            errors.append(err)

    threads = [threading.Thread(target=reporter, args=(rid,)) for (rid,) in reporters]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    expected = sum(len(a) for a in areas.values())
    rows = con.execute(
        "select r.reporter_id, r.area_id, r.comment, s.level"
        " from survey_response r join survey_rating s on s.response_id = r.id and s.factor_code = ?"
        " where r.iso_year = ? and r.iso_week = ?",
        [factor, week.year, week.week],
    ).fetchall()
    assert before == 0 and len(rows) == expected > 40
    for rid, area, comment, level in rows:
        assert comment == f"r{rid} a{area}" and level == (rid + area) % 4
    n_factors = con.execute("select count(*) from factor where active").fetchone()[0]
    assert (
        con.execute(
            "select count(*) from survey_rating s join survey_response r on r.id = s.response_id"
            " where r.iso_year = ? and r.iso_week = ?",
            [week.year, week.week],
        ).fetchone()[0]
        == expected * n_factors
    )
    assert (
        con.execute(
            "select count(distinct username) from audit_log where operation = 'submit' and record_id like ?",
            [f"%:{week}"],
        ).fetchone()[0]
        == 40
    )


def test_cli_import_while_the_app_holds_the_database(sample_db, tmp_path):
    """The app process holds the file; the CLI hands the file to the app's inbox and waits for it."""
    con = db.connect(sample_db)  # this test process plays the app: it holds the database open
    batches = con.execute("select count(*) from import_batch where source = 'polisen'").fetchone()[0]
    bad = tmp_path / "trasig.json"
    bad.write_text("{ detta är inte json", encoding="utf-8")
    counts_before = db.table_counts(con)
    stop = inbox.start_watcher(str(sample_db))
    try:
        refused = _cli("--db", str(sample_db), "import", "polisen", str(bad), "--wait", "60")
        counts = db.table_counts(con)
        result = _cli("--db", str(sample_db), "import", "polisen", str(POLICE_FILE), "--wait", "120")
    finally:
        stop.set()
    # A file the importer refuses: one line on stderr, exit code 2, nothing written.
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "trasig.json" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert counts == counts_before
    assert result.returncode == 0, result.stderr
    assert "inkorgen" in result.stdout
    assert "lästa" in result.stdout.splitlines()[-1] and "Traceback" not in result.stderr
    assert (
        con.execute("select count(*) from import_batch where source = 'polisen'").fetchone()[0] == batches + 1
    )
    assert not inbox.pending(sample_db)
    assert len(list((inbox.inbox_dir(sample_db) / "done").glob("*.result.json"))) == 1
    assert len(list((inbox.inbox_dir(sample_db) / "failed").glob("*.result.json"))) == 1


def test_queued_import_waits_for_the_app_and_then_succeeds(sample_db):
    con = db.connect(sample_db)  # held, but no watcher runs yet (the app is busy starting)
    result = _cli("--db", str(sample_db), "import", "polisen", str(POLICE_FILE), "--wait", "1")
    assert result.returncode == 75, result.stderr
    assert len(inbox.pending(sample_db)) == 1
    before = con.execute("select count(*) from import_batch").fetchone()[0]
    revision = db.revision(con)  # the pages' cache key
    results = inbox.process_pending(db.cursor(sample_db), sample_db)  # what the watcher does when it runs
    assert db.revision(con) != revision  # so every page shows the new data at its next run
    assert results[0]["ok"] and results[0]["rows_read"] > 1000
    assert con.execute("select count(*) from import_batch").fetchone()[0] == before + 1


_KILLED_IMPORT = """
import sys, time
from est_data import db
from est_data.ingest import common, polisen

original = common.record_batch

def slow_record_batch(con, report, digest):
    batch_id = original(con, report, digest)
    print("INSIDE", flush=True)  # every row is written, the transaction is not yet committed
    time.sleep(120)
    return batch_id

polisen.record_batch = slow_record_batch
con = db.connect(sys.argv[1])
polisen.load(con, sys.argv[2], "polisen.json")
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_an_import_leaves_the_database_consistent(sample_db):
    con = db.connect(sample_db)
    before = {t: backup.table_checksum(con, t) for t in backup._tables(con)}
    db.close(sample_db)
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_IMPORT, str(sample_db), str(POLICE_FILE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        line = proc.stdout.readline()
        assert line.strip() == "INSIDE", proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    con = db.connect(sample_db)  # DuckDB replays its write-ahead log: the uncommitted import is gone
    after = {t: backup.table_checksum(con, t) for t in backup._tables(con)}
    assert after == before
    assert con.execute("select count(*) from import_batch where status = 'running'").fetchone()[0] == 0
    # And the same import, run to the end now, loads completely.
    from est_data.ingest import polisen

    report = polisen.load(con, str(POLICE_FILE), "polisen.json")
    assert report.batch_id is not None and report.rows_read > 1000
    assert (
        con.execute("select rows_read from import_batch where id = ?", [report.batch_id]).fetchone()[0]
        == report.rows_read
    )


def test_inbox_job_is_written_atomically(tmp_path):
    db_file = tmp_path / "est.duckdb"
    src = tmp_path / "fil.csv"
    src.write_text("a;b\n1;2\n", encoding="utf-8")
    job = inbox.queue(db_file, "est_data.ingest.bra", "bra", src, {"x": 1})
    assert job.name.endswith(inbox.JOB_SUFFIX) and inbox.pending(db_file) == [job]
    assert not list(Path(job.parent).glob("*.tmp"))
    assert (job.parent / job.name.replace(inbox.JOB_SUFFIX, ".data")).read_text(
        encoding="utf-8"
    ) == "a;b\n1;2\n"
