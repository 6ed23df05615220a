"""The quarterly and annual reports on the sample, from the CLI and as documents."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from est_data import cli, db
from est_data.analysis.situation import StatusRule
from est_data.report import annual, period, quarterly


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_quarter_dates_and_week_range():
    assert quarterly.quarter_dates(2026, 3) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert quarterly.quarter_dates(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    # ISO weeks whose Thursday is in the quarter: 2026-W27 (Thu 2 July) .. 2026-W40 (Thu 1 October is out).
    assert period.week_range(dt.date(2026, 7, 1), dt.date(2026, 9, 30)) == (202627, 202639)
    with pytest.raises(ValueError):
        quarterly.quarter_dates(2026, 5)


def test_quarterly_cli_pdf_on_the_sample(sample_db, tmp_path):
    out = tmp_path / "q3.pdf"
    assert (
        cli.main(["--db", str(sample_db), "report", "quarterly", "--quarter", "2026Q3", "--out", str(out)])
        == 0
    )
    text = pdf_text(out)
    flat = squash(text)
    assert "Kvartalsrapport 2026, kvartal 3" in text
    assert squash("juli–september 2026") in flat
    for heading in (
        "Utveckling per kategori",
        "Utveckling per område",
        "Områden efter behov och möjlighet att påverka",
        "Insatser och deras resultat",
        "Polisanmälda brott månad för månad (Brå)",
    ):
        assert squash(heading) in flat, heading
    con = db.connect(sample_db)
    police = con.execute(
        "select count(*) from incident where source = 'polisen' and not is_summary"
        " and cast(occurred_at as date) between '2026-07-01' and '2026-09-30'"
    ).fetchone()[0]
    assert squash(f"Polisen rapporterade {police} händelser") in flat
    # The sample's designed action outcome is reported with the actions issue's verdict.
    assert squash("Förstärkt närvaro vid Stationen") in flat and squash("Minskning med förflyttning") in flat
    assert squash("Skadegörelsebrott") in flat  # Brå's monthly statistics


def test_need_ranking_puts_the_designed_hotspots_first(sample_con):
    ranking = period.need_and_influence(sample_con, "1287", dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert len(ranking) == 14
    assert set(ranking["area"].head(3)) >= {"Centrum"}
    assert ranking["need"].between(0, 100).all() and ranking["influence"].between(0, 100).all()
    # Areas with actions and partners rank higher on influence than areas without.
    with_actions = ranking[ranking["actions"] > 0]["influence"].min()
    without = ranking[(ranking["actions"] == 0)]["influence"].median()
    assert with_actions > without


def test_status_weeks_count_every_week_once(sample_con):
    weeks = period.status_weeks(sample_con, "1287", dt.date(2026, 7, 1), dt.date(2026, 9, 30), StatusRule())
    per_area = weeks[["röd", "gul", "grön"]].sum(axis=1)
    assert per_area.max() == 13 and per_area.min() >= 10


def test_annual_report_follows_the_law_structure(sample_con):
    report = annual.build(sample_con, 2025)
    text = report.text()
    for heading in (
        "1. Kartläggning",
        "2. Analys",
        "3. Prioriterade problem",
        "4. Åtgärder",
        "5. Uppföljning och nästa års åtgärdsplan",
    ):
        assert heading in text
    assert "lagen (2023:196)" in text
    # The designed camera effect (sample PATTERNS['camera_worked']) appears as a certain decrease.
    assert "Kamerabevakning vid Västervångsskolan" in text
    row = next(
        line
        for line in text.splitlines()
        if line.startswith("Kamerabevakning vid Västervångsskolan | ") and "→" in line
    )
    assert "| Minskning |" in row
    assert "Västervångsskolan (Västervång)" in text  # a repeat place


def test_annual_cli_html_on_the_sample(sample_db, tmp_path):
    out = tmp_path / "ar2026.html"
    assert cli.main(["--db", str(sample_db), "report", "annual", "--year", "2026", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Årsrapport 2026" in html and "Uppgifter till och med 2026-11-22" in html
    assert "Prioriterade problem" in html and "Trelleborgs kommun" in html
    assert "<script" not in html and not re.search(r'(src|href)="(https?:)?//', html)


def test_quarter_syntax_errors_exit_2(sample_db, tmp_path, capsys):
    assert (
        cli.main(
            [
                "--db",
                str(sample_db),
                "report",
                "quarterly",
                "--quarter",
                "2026Q5",
                "--out",
                str(tmp_path / "q.pdf"),
            ]
        )
        == 2
    )
    assert "ogiltigt kvartal" in capsys.readouterr().err
