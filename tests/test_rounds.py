"""Survey rounds of one or two weeks (issue 18 item 1): the schedule and its arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from est_data import rounds
from est_data.model import IsoWeek, UserError

W = IsoWeek


def test_weekly_without_schedule(empty_con):
    rnd = rounds.round_of(empty_con, W(2026, 47))
    assert rnd == rounds.Round(W(2026, 47), 1)
    assert rounds.previous(empty_con, rnd) == rounds.Round(W(2026, 46), 1)
    assert [r.start for r in rounds.recent(empty_con, rnd, 4)] == [W(2026, w) for w in (43, 44, 45, 46)]
    assert rnd.label() == "vecka 47"


def test_two_week_rounds_from_a_week_on(empty_con):
    rounds.set_length(empty_con, 2, W(2026, 10), by="samordnare")
    # before the change: weekly, unchanged
    assert rounds.round_of(empty_con, W(2026, 9)) == rounds.Round(W(2026, 9), 1)
    # from W10: W10-W11, W12-W13, ...
    assert rounds.round_of(empty_con, W(2026, 10)) == rounds.Round(W(2026, 10), 2)
    assert rounds.round_of(empty_con, W(2026, 11)) == rounds.Round(W(2026, 10), 2)
    rnd = rounds.round_of(empty_con, dt.date(2026, 3, 19))  # Thursday of W12
    assert rnd == rounds.Round(W(2026, 12), 2)
    assert rnd.end == W(2026, 13)
    assert rnd.monday() == dt.date(2026, 3, 16) and rnd.sunday() == dt.date(2026, 3, 29)
    assert rnd.label() == "vecka 12–13"
    assert rnd.label("en") == "weeks 12–13"
    assert rounds.previous(empty_con, rnd) == rounds.Round(W(2026, 10), 2)
    # the round before the first two-week round is the last weekly one
    assert rounds.previous(empty_con, rnd, 2) == rounds.Round(W(2026, 9), 1)
    assert [r.start for r in rounds.recent(empty_con, rnd, 3)] == [W(2026, 8), W(2026, 9), W(2026, 10)]
    assert rounds.following(empty_con, rnd) == rounds.Round(W(2026, 14), 2)
    assert rounds.length_at(empty_con, W(2026, 9)) == 1
    assert rounds.length_at(empty_con, W(2026, 30)) == 2


def test_rounds_cross_the_year(empty_con):
    rounds.set_length(empty_con, 2, W(2026, 51), by=None)
    rnd = rounds.round_of(empty_con, W(2026, 53))
    assert rnd == rounds.Round(W(2026, 53), 2)
    assert rnd.end == W(2027, 1)
    assert rnd.label() == "vecka 53 2026–vecka 1 2027"
    assert rounds.round_of(empty_con, W(2027, 1)) == rnd


def test_a_later_change_shortens_the_round_it_cuts(empty_con):
    rounds.set_length(empty_con, 2, W(2026, 10), by=None)
    rounds.set_length(empty_con, 1, W(2026, 13), by=None)
    assert rounds.round_of(empty_con, W(2026, 12)) == rounds.Round(W(2026, 12), 1)
    assert rounds.round_of(empty_con, W(2026, 13)) == rounds.Round(W(2026, 13), 1)
    assert rounds.round_of(empty_con, W(2026, 11)) == rounds.Round(W(2026, 10), 2)
    between = rounds.rounds_between(empty_con, W(2026, 9), dt.date(2026, 3, 30))
    assert [(str(r), r.weeks) for r in between] == [
        ("2026-W09", 1),
        ("2026-W10", 2),
        ("2026-W12", 1),
        ("2026-W13", 1),
        ("2026-W14", 1),
    ]


def test_history_is_not_rewritten(sample_con):
    latest = sample_con.execute("select max(iso_year * 100 + iso_week) from survey_response").fetchone()[0]
    week = W(latest // 100, latest % 100)
    with pytest.raises(UserError) as err:
        rounds.set_length(sample_con, 2, week.shift(-3), by="x")
    assert err.value.key == "rounds.error.history"
    assert rounds.schedule(sample_con) == []
    rounds.set_length(sample_con, 2, week.shift(1), by="x")
    assert rounds.schedule(sample_con) == [(week.shift(1), 2)]
    logged = sample_con.execute(
        "select count(*) from audit_log where table_name = 'survey_round_schedule'"
    ).fetchone()[0]
    assert logged == 1


def test_only_one_or_two_weeks(empty_con):
    with pytest.raises(UserError):
        rounds.set_length(empty_con, 3, W(2026, 10), by=None)
