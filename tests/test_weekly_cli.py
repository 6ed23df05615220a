"""The weekly commands: summary and missing reporters, the same figures as the pages."""

from __future__ import annotations

from est_data import db
from est_data.analysis import survey_rounds
from est_data.cli import main
from est_data.model import IsoWeek


def test_weekly_summary_prints_statuses_and_sentences(sample_db, capsys):
    assert main(["--db", str(sample_db), "weekly", "summary", "--week", "2026-W47"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("v.47 2026: ") and "rapportörer har svarat" in out[0]
    area_lines = [line for line in out[1:] if line.startswith("  ")]
    assert len(area_lines) == 14
    assert all(line.split()[-1] in ("grön", "gul", "röd") for line in area_lines)
    assert any(line.startswith("- ") and " ökade i " in line for line in out)


def test_weekly_missing_emails_only(sample_db, capsys):
    assert main(["--db", str(sample_db), "weekly", "missing", "--week", "2026-W47", "--emails-only"]) == 0
    printed = capsys.readouterr().out.strip().split("; ")
    con = db.connect(sample_db)
    expected = survey_rounds.missing_reporters(con, IsoWeek(2026, 47), "1287")["email"].tolist()
    assert printed == expected and len(printed) > 0


def test_weekly_bad_week_is_a_one_line_error(sample_db, capsys):
    assert main(["--db", str(sample_db), "weekly", "missing", "--week", "vecka nittionio"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ogiltig vecka" in err
