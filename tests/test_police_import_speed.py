"""Issue 15 item 5: the police import on a real-archive-shaped file, without per-municipality round trips.

Speed itself is measured by `python -m est_data bench` (est_data/bench/police.py), never here; these
tests check that the benchmark's file has the real archive's shape and loads cleanly, that an import
naming every municipality adds them in one statement, and that the `import` command starts without
the PDF, analysis and sample code.
"""

import datetime as dt
import json
import subprocess
import sys
from collections import Counter

import pytest

from est_data import cli, db
from est_data.bench import police as bench_police
from est_data.ingest import polisen, reference
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def real_events() -> list[dict]:
    return json.loads(bench_police.real_events_path().read_text(encoding="utf-8"))


def test_the_archive_shaped_file_has_the_real_archives_shape(real_events):
    events = bench_police.archive_events(real_events, 85_011)
    assert len(events) == 85_011 == len({e["id"] for e in events})  # re-identified copies
    assert events[: len(real_events)] == real_events  # the real events themselves come first, unchanged
    places = Counter(e["name"].rsplit(",", 1)[-1].strip() for e in events)
    assert len(places) == 290  # every municipality of Sweden, as in the real archive
    copy = events[len(real_events) + 5]
    original = real_events[5]
    assert copy["summary"] == original["summary"] and copy["datetime"] == original["datetime"]
    assert copy["name"].split(",")[0] == original["name"].split(",")[0]  # the real "DD månad HH:MM"
    # a copy moved to another municipality carries that municipality's name and centre point
    moved = next(e for e in events[len(real_events) :] if not e["location"]["name"].endswith(" län"))
    assert reference.municipality_code(moved["location"]["name"]) is not None
    assert moved["location"]["name"] == moved["name"].rsplit(",", 1)[-1].strip()
    county = next(e for e in events[len(real_events) :] if e["location"]["name"].endswith(" län"))
    municipality = county["name"].rsplit(",", 1)[-1].strip()
    table = reference.kommuner()
    assert (
        county["location"]["name"]
        == table.loc[table["municipality_name"] == municipality, "county_name"].iloc[0]
    )


def test_every_municipality_is_added_in_one_statement(tmp_path, monkeypatch, real_events):
    events = bench_police.archive_events(real_events, 12_000)
    path = tmp_path / "arkiv.json"
    path.write_text(json.dumps(events, ensure_ascii=False), encoding="utf-8")

    def one_by_one(con, code):  # what the import did before: 290 round trips
        raise AssertionError("ensure_municipality called once per municipality")

    monkeypatch.setattr(reference, "ensure_municipality", one_by_one)
    con = db.connect(tmp_path / "est.duckdb")
    report = polisen.load(con, path.read_bytes(), path.name)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (12_000, 12_000, 0)
    named = Counter(reference.municipality_code(e["name"].rsplit(",", 1)[-1].strip()) for e in events)
    assert con.execute("select count(*) from municipality").fetchone()[0] == len(named) == 290
    counts = dict(con.execute("select municipality_code, count(*) from incident group by 1").fetchall())
    assert counts == dict(named)
    # loading it again changes nothing (the fast path without a copy is still idempotent)
    again = polisen.load(con, path.read_bytes(), path.name)
    assert (again.rows_loaded, again.rows_unchanged) == (0, 12_000)
    db.close(tmp_path / "est.duckdb")


def test_a_file_with_a_republished_id_still_keeps_the_newest_version(tmp_path, real_events):
    # republished yesterday (a date in the future is rejected by the import's date check)
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    events = real_events[:50] + [
        dict(real_events[10], summary="Uppdaterad", datetime=f"{yesterday} 10:00:00 +01:00")
    ]
    con = db.connect(tmp_path / "est.duckdb")
    report = polisen.load(con, json.dumps(events).encode(), "a.json")
    assert report.rows_loaded == 50
    summary = con.execute(
        "select summary from incident where external_id = ?", [str(real_events[10]["id"])]
    ).fetchone()
    assert summary == ("Uppdaterad",)
    db.close(tmp_path / "est.duckdb")


def test_the_import_command_builds_only_its_own_parser():
    parser = cli.build_parser("import")
    commands = next(a for a in parser._subparsers._group_actions if a.dest == "command")
    assert list(commands.choices) == ["import"]
    assert (
        "report"
        in next(a for a in cli.build_parser()._subparsers._group_actions if a.dest == "command").choices
    )
    assert cli._command_word(["--db", "x.duckdb", "import", "polisen", "f.json"]) == "import"
    assert cli._command_word(["--help"]) is None


def test_the_import_command_starts_without_pdf_analysis_and_sample_code(tmp_path):
    database = tmp_path / "est.duckdb"
    db.connect(database)
    db.close(database)
    code = (
        "import sys; from est_data import cli; "
        f"rc = cli.main(['--db', {str(database)!r}, 'import', 'polisen', "
        f"{str(ROOT / 'tests/fixtures/polisen/events_excerpt.json')!r}]); "
        "heavy = [m for m in ('fpdf', 'est_data.report.pdf', 'est_data.sample', 'est_data.analysis.evaluation',"
        " 'scipy.stats', 'matplotlib', 'argon2') if m in sys.modules]; print(rc, heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stdout + done.stderr
