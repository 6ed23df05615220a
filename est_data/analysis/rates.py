"""Comparing Poisson counts: did one place's before→after change differ from another's?

Two areas counted over the same before and after windows give a 2×2 table of Poisson counts
(rows: area, reference; columns: after, before). "The area changed like the reference" is the
log-linear model without interaction; given all four margins, the area's after-count then follows
the hypergeometric distribution whatever the unknown rates are, so Fisher's exact test is the exact
(uniformly most powerful unbiased, conditional) test of it (Lehmann & Romano, *Testing Statistical
Hypotheses*, §4.5–4.6). The window lengths cancel because both areas share them. Zeros in any cell
need no special case: a target going 0→25 while the reference fell is simply very unlikely under
the null, a buffer going 0→2 is not.

scipy's `fisher_exact` does the work; this module only names the result for the evaluation.
(The shared Poisson comparison helper planned in issue 17 can absorb it.)
"""

from __future__ import annotations

from dataclasses import dataclass

from scipy import stats

ALPHA = 0.05


@dataclass(frozen=True)
class ChangeTest:
    """An area's before→after change against a reference's over the same windows."""

    area: tuple[int, int]  # (before, after)
    reference: tuple[int, int]
    p_value: float  # two-sided, Fisher's exact test
    direction: int  # −1: the area ended lower than the reference predicts, +1 higher, 0 exactly as predicted
    odds_ratio: float | None  # (after/before in the area) / (after/before in the reference); None when undefined

    @property
    def expected_after(self) -> float | None:
        """The area's after-count had it changed like the reference (None when the reference had 0 before)."""
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
