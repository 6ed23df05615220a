"""`python -m est_data evaluate ACTION_ID [--weeks N] [--format json]`."""

from __future__ import annotations

import json

from est_data import cli


def test_evaluate_json(sample_db, capsys):
    assert cli.main(["--db", str(sample_db), "evaluate", "3", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["action_id"] == 3
    assert data["verdict"] == "displacement"
    assert data["windows"]["weeks_before"] == 12
    assert set(data["counts"]) == {"target", "control", "buffer", "buffer_control"}
    assert data["counts"]["buffer"]["after"] > data["counts"]["buffer"]["before"]
    assert data["wdd"]["z"] < 0
    assert data["exact"]["p_value"] < 0.01 and data["exact"]["direction"] == -1
    assert data["exact_buffer"]["p_value"] < 0.01 and data["exact_buffer"]["direction"] == 1
    assert data["wdd_with_buffer"]["p_value"] > 0
    assert 0 <= data["etest"]["p_value"] < 0.01
    assert data["wdq"] < 0
    assert data["survey"]["did"] < 0
    assert data["verdict_text"].startswith("Minskning i målområdet")


def test_evaluate_weeks_option_and_text(sample_db, capsys):
    assert cli.main(["--db", str(sample_db), "evaluate", "1", "--weeks", "8", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["windows"]["weeks_before"] == 8
    assert data["windows"]["before"] == ["2025-01-06", "2025-03-02"]
    assert data["verdict"] == "worked"
    assert cli.main(["--db", str(sample_db), "evaluate", "2"]) == 0
    out = capsys.readouterr().out
    assert "Ny belysning i Pilevallsparken" in out
    assert "Bedömning: Ingen säker förändring" in out


def test_evaluate_unknown_action_is_a_user_error(sample_db, capsys):
    assert cli.main(["--db", str(sample_db), "evaluate", "999"]) == 2
    err = capsys.readouterr().err
    assert "insats nr 999 finns inte" in err
    assert "Traceback" not in err
    assert cli.main(["--db", str(sample_db), "evaluate", "1", "--weeks", "0"]) == 2
