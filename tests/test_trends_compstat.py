"""The Poisson judgement and the CompStat table."""

from __future__ import annotations

import datetime as dt

import pytest

from est_data.analysis import compstat
from est_data.analysis.compstat import FALL, NO_CHANGE, RISE, judge, judge_cost


def test_clear_rise():
    result = judge(60, 1, 90, 3)  # 60 this month against 30 a month over three years
    assert result.verdict == RISE
    assert result.p_value < 0.001
    assert result.ratio == pytest.approx(2.0)


def test_clear_fall():
    result = judge(12, 1, 120, 3)
    assert result.verdict == FALL
    assert result.p_value < 0.01


def test_small_noisy_numbers_are_never_a_trend():
    # 4 against 1 a month: four times as many, but far too few events to call it a rise
    result = judge(4, 1, 3, 3)
    assert result.verdict == NO_CHANGE
    assert result.too_few
    # none at all against a few: not a "decrease" either
    assert judge(0, 1, 9, 3).verdict == NO_CHANGE
    assert judge(0, 1, 0, 3).verdict == NO_CHANGE


def test_ordinary_variation_is_no_change():
    result = judge(34, 1, 90, 3)  # 34 against 30 a month
    assert result.verdict == NO_CHANGE
    assert not result.too_few
    assert result.p_value > 0.05


def test_large_counts_use_the_score_test():
    # 25 000 ordinary events: the E-test grid would need about 5 GB; the score test answers at once
    assert judge(60_000, 1, 25_000 * 2, 2).verdict == RISE
    assert judge(25_100, 1, 50_000, 2).verdict == NO_CHANGE


def test_cost_judged_by_equivalent_counts():
    # one fire of 140 000 kr makes the month expensive; as a scaled Poisson sum that is one event
    big = judge_cost(150_000, 1, 30_000, 3, scale=140_000)
    assert big.verdict == NO_CHANGE and big.too_few
    # many small bills growing steadily: a real rise
    steady = judge_cost(200 * 3000, 1, 3 * 100 * 3000, 3, scale=3000)
    assert steady.verdict == RISE


def _stats(con, code: str, label: str, counts: dict[dt.date, int]) -> None:
    for start, count in counts.items():
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        con.execute(
            "insert into crime_stat (municipality_code, period_start, period_end, crime_code, crime_label,"
            " count) values ('1287', ?, ?, ?, ?, ?)",
            [start, end, code, label, count],
        )


def test_compstat_on_constructed_counts(empty_con):
    con = empty_con
    months = [dt.date(y, m, 1) for y in range(2022, 2026) for m in range(1, 13)]
    _stats(con, "12", "Skadegörelsebrott", {d: (90 if d == dt.date(2025, 6, 1) else 40) for d in months})
    _stats(con, "3", "Misshandel", {d: (5 if d == dt.date(2025, 6, 1) else 20) for d in months})
    _stats(con, "99", "Sällsynt brott", {d: (3 if d == dt.date(2025, 6, 1) else 1) for d in months})
    table = compstat.compstat_table(con, "1287", 2025, 6).set_index("key")
    assert table.loc["12", "this_month"] == 90
    assert table.loc["12", "last_year"] == 40
    assert table.loc["12", "avg_3y"] == pytest.approx(40)
    assert table.loc["12", "years_3y"] == 3
    assert table.loc["12", "ytd"] == 5 * 40 + 90
    assert table.loc["12", "ytd_last"] == 6 * 40
    assert table.loc["12", "change_pct"] == pytest.approx(125.0)
    assert table.loc["12", "verdict_month"] == RISE
    assert table.loc["3", "verdict_month"] == FALL
    assert table.loc["99", "verdict_month"] == NO_CHANGE
    assert bool(table.loc["99", "too_few_month"])
    assert compstat.latest_month(con, "1287") == dt.date(2025, 12, 1)


def test_compstat_on_sample_matches_crime_stat(sample_con):
    con = sample_con
    table = compstat.compstat_table(con, "1287", 2026, 10).set_index("key")
    direct = dict(
        con.execute(
            "select extract(year from period_start), count from crime_stat"
            " where crime_code = '12' and extract(month from period_start) = 10"
        ).fetchall()
    )
    row = table.loc["12"]
    assert row["this_month"] == direct[2026]
    assert row["last_year"] == direct[2025]
    assert row["avg_3y"] == pytest.approx((direct[2025] + direct[2024] + direct[2023]) / 3)
    assert bool(row["preliminary"])  # the sample marks 2026 as preliminary
    faults = con.execute(
        "select count(*), sum(cost_sek) from incident where source = 'felanmalan'"
        " and occurred_at >= '2026-10-01' and occurred_at < '2026-11-01'"
    ).fetchone()
    assert table.loc["felanmalan", "this_month"] == faults[0]
    assert table.loc["felanmalan_cost", "this_month"] == pytest.approx(faults[1])
    # fault reports start in November 2023: only two earlier Octobers count
    assert table.loc["felanmalan", "years_3y"] == 2
    assert set(table["verdict_month"]) <= {RISE, FALL, NO_CHANGE}


def test_series_and_actions_on_sample(sample_con):
    series = compstat.series_36(sample_con, "1287", 2026, 10)
    per_key = series.groupby("key")["month_start"].agg(["min", "max", "count"])
    assert per_key.loc["12", "count"] == 36
    assert per_key.loc["12", "min"] == dt.date(2023, 11, 1)
    assert per_key.loc["felanmalan", "max"] == dt.date(2026, 10, 1)
    first, last = compstat.window_36(2026, 10)
    assert (first, last) == (dt.date(2023, 11, 1), dt.date(2026, 10, 31))
    actions = compstat.actions_started(sample_con, "1287", first, last)
    assert "Kamerabevakning vid Västervångsskolan" in set(actions["title"])
    assert all(first <= d <= last for d in actions["start_date"])
