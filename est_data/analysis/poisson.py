"""Comparing Poisson counts: the one place where the app decides whether counts changed (issue 17).

Two questions, two tests:

- Did a rate change? `compare_rates(count1, exposure1, count2, exposure2)`: the E-test for two
  Poisson rates (Krishnamoorthy & Thomson 2004, J. Stat. Plan. Inference 119:23; statsmodels
  `test_poisson_2indep(method="etest")`) while the two counts together are at most
  `ETEST_MAX_EVENTS`, above that the score test the E-test refines. The E-test sums over a grid that
  grows with the square of the counts (0.015 s at 1 000 + 900 events, 0.2 s at 2 000 + 1 800,
  gigabytes at tens of thousands); at 1 000 events a side the two p-values agree to four decimals.
  Used by CompStat (Uppföljning, Trender's tables, the reports), the action evaluation's own-change
  test and Karta's change columns, so all three switch at the same count.
- Did one place's before→after change differ from another's? `compare_change` (below).

Two areas counted over the same before and after windows give a 2×2 table of Poisson counts
(rows: area, reference; columns: after, before). "The area changed like the reference" is the
log-linear model without interaction; given all four margins, the area's after-count then follows
the hypergeometric distribution whatever the unknown rates are, so Fisher's exact test is the exact
(uniformly most powerful unbiased, conditional) test of it (Lehmann & Romano, *Testing Statistical
Hypotheses*, §4.5–4.6). The window lengths cancel because both areas share them. Zeros in any cell
need no special case: a target going 0→25 while the reference fell is simply very unlikely under
the null, a buffer going 0→2 is not.

scipy's `fisher_exact` does the work; this module only names the result for the evaluation.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy import stats

ALPHA = 0.05
ETEST_MAX_EVENTS = 2000  # the two counts together: above this the score test (see the module docstring)


@dataclass(frozen=True)
class RateTest:
    """Two Poisson rates compared: count1/exposure1 against count2/exposure2."""

    statistic: float
    p_value: float  # two-sided
    method: str  # 'etest', or 'score' above ETEST_MAX_EVENTS


def method_for(count1: int, count2: int) -> str:
    """The test compare_rates uses for these counts: 'etest' up to ETEST_MAX_EVENTS together, else 'score'."""
    return "etest" if count1 + count2 <= ETEST_MAX_EVENTS else "score"


def compare_rates(count1: int, exposure1: float, count2: int, exposure2: float) -> RateTest:
    """Two-sided test that count1/exposure1 and count2/exposure2 come from the same Poisson rate."""
    from statsmodels.stats.rates import test_poisson_2indep  # (statsmodels is slow to import)

    c1, c2 = int(count1), int(count2)
    method = method_for(c1, c2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # 0/0 in statsmodels' grid for an empty count
        result = test_poisson_2indep(c1, float(exposure1), c2, float(exposure2), method=method)
    return RateTest(float(result.statistic), float(result.pvalue), method)


@dataclass(frozen=True)
class ChangeTest:
    """An area's before→after change against a reference's over the same windows."""

    area: tuple[int, int]  # (before, after)
    reference: tuple[int, int]
    p_value: float  # two-sided, Fisher's exact test
    direction: int  # −1: the area ended lower than the reference predicts, +1 higher, 0 exactly as predicted
    odds_ratio: (
        float | None
    )  # (after/before in the area) / (after/before in the reference); None when undefined
    stratified_expected: float | None = None  # the expected after-count summed over strata (stratified test)

    @property
    def expected_after(self) -> float | None:
        """The area's after-count had it changed like the reference (None when the reference had 0 before);
        for a stratified test the sum over the strata (a stratum whose reference had 0 before counts as
        observed)."""
        if self.stratified_expected is not None:
            return self.stratified_expected
        if self.reference[0] <= 0:
            return None
        return self.area[0] * self.reference[1] / self.reference[0]

    @property
    def significant(self) -> bool:
        return self.p_value < ALPHA and self.direction != 0

    @property
    def events(self) -> int:
        return int(self.area[0] + self.area[1])


def compare_change(area: tuple[int, int], reference: tuple[int, int]) -> ChangeTest:
    """Fisher's exact test that area's after/before ratio equals reference's (see the module docstring)."""
    a0, a1 = int(area[0]), int(area[1])
    r0, r1 = int(reference[0]), int(reference[1])
    cross = a1 * r0 - a0 * r1  # the sign of log((a1/a0) / (r1/r0)), defined with zeros too
    direction = (cross > 0) - (cross < 0)
    if min(a0 + a1, r0 + r1, a0 + r0, a1 + r1) == 0:
        return ChangeTest((a0, a1), (r0, r1), 1.0, 0, None)  # a margin is empty: nothing to compare
    p_value = float(stats.fisher_exact([[a1, a0], [r1, r0]], alternative="two-sided").pvalue)
    odds = (a1 * r0) / (a0 * r1) if a0 * r1 > 0 else None
    return ChangeTest((a0, a1), (r0, r1), min(p_value, 1.0), direction, odds)


def compare_change_stratified(strata: list[tuple[tuple[int, int], tuple[int, int]]]) -> ChangeTest:
    """The exact test of compare_change over several strata (event categories) at once: the area's after-count
    is the sum of one hypergeometric count per stratum (each conditional on its own margins), its exact
    distribution the convolution of theirs; two-sided p as in Fisher's test (outcomes no more likely than the
    observed one). This is the exact conditional test of a common odds ratio of 1 (Mehta, Patel & Gray 1985,
    JASA 80:969; R's `mantelhaen.test(exact = TRUE)`): each category's control says what to expect for the same
    category in the target, so a target with a different mix of categories (a summer-heavy one) is not taken
    for an effect. With one stratum it is Fisher's exact test."""
    strata = [((int(a0), int(a1)), (int(r0), int(r1))) for (a0, a1), (r0, r1) in strata]
    area = (sum(a[0] for a, _ in strata), sum(a[1] for a, _ in strata))
    reference = (sum(r[0] for _, r in strata), sum(r[1] for _, r in strata))
    informative = [(a, r) for a, r in strata if min(a[0] + a[1], r[0] + r[1], a[0] + r[0], a[1] + r[1]) > 0]
    if not informative:
        return ChangeTest(area, reference, 1.0, 0, None)
    if len(informative) == 1 and len(strata) == 1:
        return compare_change(area, reference)
    pmf = np.ones(1)
    low = 0
    observed = 0
    mean = 0.0
    for (a0, a1), (r0, r1) in informative:
        n, after, total = a0 + a1, a1 + r1, a0 + a1 + r0 + r1
        lo, hi = max(0, n + after - total), min(n, after)
        pmf = np.convolve(pmf, stats.hypergeom.pmf(np.arange(lo, hi + 1), total, after, n))
        low += lo
        observed += a1
        mean += n * after / total
    # Strata without information (an empty margin) have a fixed after-count: they shift nothing.
    p_obs = pmf[observed - low]
    p_value = float(pmf[pmf <= p_obs * (1 + 1e-7)].sum())
    diff = observed - mean
    direction = 0 if abs(diff) < 1e-9 else (1 if diff > 0 else -1)
    num = sum(a1 * r0 / (a0 + a1 + r0 + r1) for (a0, a1), (r0, r1) in informative)
    den = sum(a0 * r1 / (a0 + a1 + r0 + r1) for (a0, a1), (r0, r1) in informative)
    odds = num / den if den > 0 else None  # Mantel–Haenszel common odds ratio
    expected = sum(a[0] * r[1] / r[0] if r[0] > 0 else a[1] for a, r in strata)
    return ChangeTest(area, reference, min(p_value, 1.0), direction, odds, expected)
