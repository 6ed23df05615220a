"""Inbox jobs are validated against a schema (issue 16, item 6): a job file cannot make the app move a
file outside the inbox (the database included) nor import a module that is not an importer."""

from __future__ import annotations

import json
import sys

import pytest

from est_data import db, inbox


def _job(box, **changes) -> object:
    box.mkdir(parents=True, exist_ok=True)
    job = {
        "id": "20261130-090000-abcd1234",
        "module": "est_data.ingest.polisen",
        "source": "polisen",
        "file_name": "h.json",
        "data": "20261130-090000-abcd1234.data",
        "options": {},
        "strict": False,
        "queued_at": "2026-11-30T09:00:00",
        **changes,
    }
    path = box / f"20261130-090000-abcd1234{inbox.JOB_SUFFIX}"
    path.write_text(json.dumps(job), encoding="utf-8")
    return path


def test_path_traversal_job_does_not_move_the_database(sample_db):
    """`"data": "../est.duckdb"` made the app move the database into failed/ (inbox.py:95,117)."""
    con = db.connect(sample_db)
    box = inbox.inbox_dir(sample_db)
    victim = sample_db.parent / "annan.txt"
    victim.write_text("inte inkorgens", encoding="utf-8")
    for data in ("../est.duckdb", "../annan.txt", str(victim), "done/../../annan.txt"):
        job = _job(box, data=data)
        result = inbox.process_job(db.cursor(sample_db), job)
        assert result["ok"] is False
        assert "data" in result["message"] and "ogiltig jobbfil" in result["message"]
        assert not job.exists()
    assert sample_db.is_file() and victim.read_text(encoding="utf-8") == "inte inkorgens"
    assert sorted(p.name for p in (box / "failed").iterdir()) == ["20261130-090000-abcd1234.result.json"]
    assert con.execute("select count(*) from incident").fetchone()[0] > 0  # the database is still there


def test_job_naming_a_module_that_is_not_an_importer_is_refused(sample_db, tmp_path):
    """`"module"` named any importable module and it was imported (inbox.py:99)."""
    marker = tmp_path / "evil_job_module.py"
    marker.write_text("import pathlib\npathlib.Path(__file__).with_suffix('.ran').write_text('ja')\n")
    sys.path.insert(0, str(tmp_path))
    try:
        box = inbox.inbox_dir(sample_db)
        for module in ("evil_job_module", "os", "est_data.backup"):
            job = _job(box, module=module)
            (box / "20261130-090000-abcd1234.data").write_text("[]", encoding="utf-8")
            result = inbox.process_job(db.cursor(sample_db), job)
            assert result["ok"] is False and "okänd importmodul" in result["message"]
    finally:
        sys.path.remove(str(tmp_path))
    assert "evil_job_module" not in sys.modules
    assert not marker.with_suffix(".ran").exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"options": "inte ett objekt"},
        {"strict": "ja"},
        {"id": "../x"},
        {"data": 5},
        {"module": None},
    ],
)
def test_malformed_jobs_are_filed_as_failed_with_the_reason(tmp_path, changes):
    con = db.connect(":memory:")
    box = tmp_path / "est.inbox"
    job = _job(box, **changes)
    result = inbox.process_job(con, job)
    assert result["ok"] is False and result["message"].startswith("ogiltig jobbfil (")
    assert (box / "failed" / job.name.replace(inbox.JOB_SUFFIX, ".result.json")).is_file()


def test_job_file_that_is_not_json_is_filed_as_failed(tmp_path):
    box = tmp_path / "est.inbox"
    box.mkdir()
    job = box / f"x{inbox.JOB_SUFFIX}"
    job.write_text("{ inte json", encoding="utf-8")
    result = inbox.process_job(db.connect(":memory:"), job)
    assert result["ok"] is False and "inte giltig JSON" in result["message"]


def test_a_job_written_by_queue_passes_the_schema(tmp_path):
    src = tmp_path / "fil.csv"
    src.write_text("a;b\n1;2\n", encoding="utf-8")
    job = inbox.queue(tmp_path / "est.duckdb", "est_data.ingest.bra", "bra", src, {"municipality": None})
    assert inbox.validate_job(json.loads(job.read_text(encoding="utf-8")))["module"] == "est_data.ingest.bra"
