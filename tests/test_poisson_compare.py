"""One Poisson-comparison helper (issue 17): CompStat, the action evaluation and Karta's change
columns switch from the E-test to the score test at the same count, `poisson.ETEST_MAX_EVENTS`."""

from __future__ import annotations

import pytest
from statsmodels.stats import rates as sm_rates  # (its test_* names would be collected by pytest)

from est_data.analysis import compstat, evaluation, hotspots, poisson


def _etest_p(c1: int, e1: float, c2: int, e2: float) -> float:
    return float(sm_rates.etest_poisson_2indep(c1, e1, c2, e2)[1])


def _score_p(c1: int, e1: float, c2: int, e2: float) -> float:
    return float(sm_rates.test_poisson_2indep(c1, e1, c2, e2, method="score").pvalue)


def test_the_switch_is_one_threshold_on_the_two_counts_together():
    assert poisson.ETEST_MAX_EVENTS == 2000
    assert poisson.method_for(1000, 1000) == "etest"
    assert poisson.method_for(1001, 1000) == "score"
    assert poisson.method_for(0, 2000) == "etest"
    assert poisson.method_for(2001, 0) == "score"


def test_compare_rates_gives_statsmodels_p_values_on_both_sides_of_the_switch():
    small = poisson.compare_rates(30, 1.0, 15, 1.0)
    assert small.method == "etest"
    assert small.p_value == pytest.approx(_etest_p(30, 1.0, 15, 1.0), rel=1e-12)
    assert 0.02 < small.p_value < 0.05  # 30 against 15: a real difference, not an overwhelming one
    large = poisson.compare_rates(1500, 12.0, 600, 12.0)
    assert large.method == "score"
    assert large.p_value == pytest.approx(_score_p(1500, 12.0, 600, 12.0), rel=1e-12)
    assert poisson.compare_rates(0, 1.0, 0, 1.0).p_value == pytest.approx(1.0)


@pytest.mark.parametrize(("now", "before"), [(1000, 990), (1001, 1000)])
def test_compstat_the_evaluation_and_the_map_switch_together(now, before):
    expected = (_etest_p if now + before <= poisson.ETEST_MAX_EVENTS else _score_p)(now, 1.0, before, 1.0)
    method = poisson.method_for(now, before)
    assert compstat.judge(now, 1.0, before, 1.0).p_value == pytest.approx(expected, rel=1e-9)
    own = evaluation.etest(before, now)
    assert (own.method, own.p_value) == (method, pytest.approx(expected, rel=1e-9))
    hotspots.change_p_value.cache_clear()
    assert hotspots.change_p_value(now, before) == pytest.approx(expected, rel=1e-9)


def test_results_where_the_old_thresholds_agreed_are_unchanged():
    """Below 1 000 events together all three used the E-test before; well above 4 000 all three the score test."""
    assert compstat.judge(45, 1, 27, 1).p_value == pytest.approx(_etest_p(45, 1, 27, 1), rel=1e-12)
    assert compstat.judge(45, 1, 27, 1).verdict == compstat.RISE
    res = evaluation.etest(30, 12, 12, 12)
    assert res.p_value == pytest.approx(_etest_p(12, 12, 30, 12), rel=1e-12)
    assert compstat.judge(25_000, 1, 24_000, 1).p_value == pytest.approx(
        _score_p(25_000, 1, 24_000, 1), rel=1e-12
    )
