"""A round whose police data is not imported yet is not compared with the rounds before (Möte's key
figures and the weekly summary): "0 events against 29.8", with a green arrow, was a claim from missing
data on a half-answered Thursday."""

from __future__ import annotations

import datetime as dt

from est_data import variants
from est_data.model import IsoWeek
from est_data.report import weekly


def test_a_week_in_progress_is_not_compared(sample_con):
    week = variants.half_thursday(sample_con)  # the current week: answers, no police data yet
    wd = weekly.collect(sample_con, week, "1287")
    police, police_avg = wd.source_totals("polisen")
    assert police == 0 and police_avg > 5
    text, direction = weekly.event_change(sample_con, week, "1287", 1, "polisen", police, police_avg, "sv")
    assert direction is None and text.startswith("underlag saknas för")
    sentences = weekly.summary_sentences(sample_con, wd, "sv")
    assert any(s.startswith("Ingen jämförelse för polisdata: underlag saknas för") for s in sentences)
    assert not any(s.startswith("Polisen rapporterade 0 händelser") for s in sentences)


def test_a_covered_week_is_judged(sample_con):
    week = IsoWeek(2026, 47)  # the sample's last full week: every source covers it
    wd = weekly.collect(sample_con, week, "1287")
    police, police_avg = wd.source_totals("polisen")
    text, direction = weekly.event_change(sample_con, week, "1287", 1, "polisen", police, police_avg, "sv")
    assert "underlag saknas" not in text
    assert text.endswith(("ökning", "minskning", "ingen säker förändring"))
    assert direction in (None, "up", "down")
    # a count far above the average is judged a rise, with the arrow
    text, direction = weekly.event_change(sample_con, week, "1287", 1, "polisen", 80, 20.0, "sv")
    assert direction == "up" and text.startswith("+60,0 · ")
    sentences = weekly.summary_sentences(sample_con, wd, "sv")
    assert any(s.startswith("Polisen rapporterade") for s in sentences)
    assert dt.date.today() > week.sunday()
