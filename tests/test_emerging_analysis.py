"""Emerging hot spots (issue 19 item 1): hand-made space-time cubes give each category, and random data
gives (almost) none.

Each cube is a 15 × 15 grid of 200 m cells over 12 time steps. A "hot" step piles events on the 3 × 3
block around the watched cell (7, 7); a "quiet" step leaves that block empty (a decoy block far away
keeps the step's counts varied); a "cold" step spreads events evenly over the grid and leaves the
watched block almost empty (one event: an empty window is never called cold). If a rule of the
classification changes, the category of one of these cubes changes with it.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from est_data.analysis import emerging

SIDE = 15
CELL = 200.0
WATCHED = (7, 7)


def _cells() -> pd.DataFrame:
    ix, iy = np.meshgrid(np.arange(SIDE), np.arange(SIDE))
    ix, iy = ix.ravel() + 1800, iy.ravel() + 30800  # somewhere in Skåne (SWEREF 99 TM cell indices)
    return pd.DataFrame({"ix": ix, "iy": iy, "x": (ix + 0.5) * CELL, "y": (iy + 0.5) * CELL})


CELLS = _cells()
LOCAL = list(zip(CELLS["ix"] - 1800, CELLS["iy"] - 30800, strict=True))
BLOCK = np.array([abs(x - WATCHED[0]) <= 1 and abs(y - WATCHED[1]) <= 1 for x, y in LOCAL])
DECOY = np.array([abs(x - 2) <= 1 and abs(y - 2) <= 1 for x, y in LOCAL])
CENTRE = int(np.flatnonzero([(x, y) == WATCHED for x, y in LOCAL])[0])


def step_counts(kind: str, k: int = 6) -> np.ndarray:
    """One time step's counts: 'hot' (k events in each block cell), 'quiet' or 'cold'."""
    counts = np.zeros(len(CELLS))
    if kind == "cold":
        counts[:] = 3
        counts[BLOCK] = 0
        counts[CENTRE] = 1
        return counts
    counts[DECOY] = 3
    if kind == "hot":
        counts[BLOCK] = k
    return counts


def cube(kinds: list[str], ks: list[int] | None = None) -> emerging.Cube:
    ks = ks or [6] * len(kinds)
    counts = np.column_stack([step_counts(kind, k) for kind, k in zip(kinds, ks, strict=True)])
    return emerging.Cube(CELL, CELLS, counts)


def category(c: emerging.Cube) -> str:
    result = emerging.analyse(c)
    assert result.status == "ok"
    return str(result.cells["category"].iloc[CENTRE])


H, Q, C = "hot", "quiet", "cold"


@pytest.mark.parametrize(
    ("kinds", "ks", "expected"),
    [
        ([Q] * 11 + [H], None, "new_hot"),
        ([Q] * 9 + [H] * 3, None, "consecutive_hot"),
        ([H] * 12, list(range(2, 14)), "intensifying_hot"),
        ([H] * 12, [6, 4] * 6, "persistent_hot"),
        ([H] * 12, list(range(13, 1, -1)), "diminishing_hot"),
        ([Q, Q, H, Q, Q, Q, H, Q, Q, Q, Q, H], None, "sporadic_hot"),
        ([Q, Q, Q, C, Q, Q, Q, Q, Q, Q, Q, H], None, "oscillating_hot"),
        ([H] * 11 + [Q], None, "historical_hot"),
        ([Q] * 12, None, "none"),
        ([Q] * 11 + [C], None, "new_cold"),
        ([Q] * 9 + [C] * 3, None, "consecutive_cold"),
        ([Q, Q, H, Q, Q, Q, Q, Q, Q, Q, Q, C], None, "oscillating_cold"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_hand_made_cube_gives_its_category(kinds, ks, expected):
    assert category(cube(kinds, ks)) == expected


def test_the_cube_records_steps_and_trends():
    result = emerging.analyse(cube([H] * 12, list(range(2, 14))))
    row = result.cells.iloc[CENTRE]
    assert row["hot_steps"] == 12 and row["cold_steps"] == 0 and row["last_level"] == 3
    assert row["trend"] == 1 and row["trend_p"] < 0.001 and row["trend_tau"] > 0.9
    assert row["count_trend"] == 1 and row["count_p"] < 0.001
    assert row["total"] == sum(range(2, 14)) and row["last_count"] == 13
    far = result.cells.iloc[int(np.flatnonzero([(x, y) == (13, 13) for x, y in LOCAL])[0])]
    assert far["category"] == "none" and far["hot_steps"] == 0


def test_rules_at_their_edges():
    """The 90 % share, the final step and the Mann-Kendall direction decide (classify on levels)."""
    ten_hot = np.full(10, 2)
    assert emerging.classify(ten_hot, 0) == "persistent_hot"
    assert emerging.classify(ten_hot, 1) == "intensifying_hot"
    assert emerging.classify(ten_hot, -1) == "diminishing_hot"
    nine_of_ten = np.array([0] + [2] * 9)  # exactly 90 %, final hot
    assert emerging.classify(nine_of_ten, 0) == "persistent_hot"
    eight_of_ten = np.array([0, 2, 0] + [2] * 7)  # 80 %: not persistent; hot before the final run
    assert emerging.classify(eight_of_ten, 0) == "sporadic_hot"
    assert emerging.classify(np.array([2] * 9 + [0]), 1) == "historical_hot"
    assert emerging.classify(np.array([0] * 8 + [1, 1]), 0) == "consecutive_hot"
    assert emerging.classify(np.array([-1] + [0] * 7 + [1, 1]), 0) == "oscillating_hot"
    assert emerging.classify(np.array([0] * 9 + [1]), 0) == "new_hot"
    assert emerging.classify(np.array([0] * 9 + [1]), 1) == "new_hot"
    assert emerging.classify(np.array([0] * 8 + [1, 0]), 0) == "none"  # hot once, not at the end
    assert emerging.classify(np.array([-2] * 10), -1) == "intensifying_cold"  # z falls: colder
    assert emerging.classify(np.array([0] * 8 + [1]), 0) == "none"  # 9 steps: too short


def test_too_short_and_empty_cubes_say_so():
    short = emerging.analyse(cube([Q] * 8 + [H]))
    assert short.status == "too_short" and short.cells.empty
    nothing = emerging.analyse(emerging.Cube(CELL, CELLS, np.zeros((len(CELLS), 12))))
    assert nothing.status == "no_data"


def test_time_steps_are_aligned_to_the_end():
    end = dt.date(2026, 11, 22)
    months = emerging.step_bounds(dt.date(2025, 11, 23), end, "month")
    assert len(months) == 12
    assert months[-1] == (dt.date(2026, 10, 23), end)
    assert months[0] == (dt.date(2025, 11, 23), dt.date(2025, 12, 22))
    weeks = emerging.step_bounds(dt.date(2025, 11, 23), end, "week")
    assert len(weeks) == 52 and weeks[-1] == (dt.date(2026, 11, 16), end)
    assert all((b - a).days == 6 for a, b in weeks)
    assert emerging.choose_step(dt.date(2025, 11, 23), end) == "month"
    assert emerging.choose_step(dt.date(2026, 6, 1), end) == "week"  # under 10 months: weeks


def test_build_cube_counts_points_per_step_and_drops_leading_empty_steps():
    end = dt.date(2026, 11, 22)
    bounds = emerging.step_bounds(dt.date(2025, 11, 23), end, "month")
    points = pd.DataFrame(
        {
            "lat": [55.39, 55.39, 55.39, 55.40],
            "lon": [13.15, 13.15, 13.15, 13.16],
            "day": [dt.date(2026, 2, 1), dt.date(2026, 2, 2), end, dt.date(2026, 11, 1)],
        }
    )
    c = emerging.build_cube(points, bounds, 200.0)
    assert c.counts.shape[1] == 10  # Nov 23 - Jan 22 had no events: the cube starts at Jan 23
    assert c.steps[0] == (dt.date(2026, 1, 23), dt.date(2026, 2, 22))
    assert c.counts.sum() == 4
    assert c.counts[:, 0].sum() == 2 and c.counts[:, -1].sum() == 2


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_placebo_random_points_give_almost_no_pattern(seed):
    """Uniform random events over 24 months on 20 × 20 cells: at most 1 % of cells get a category."""
    rng = np.random.default_rng(seed)
    ix, iy = np.meshgrid(np.arange(20), np.arange(20))
    cells = pd.DataFrame({"ix": ix.ravel(), "iy": iy.ravel()})
    cells["x"], cells["y"] = (cells["ix"] + 0.5) * CELL, (cells["iy"] + 0.5) * CELL
    counts = rng.poisson(0.5, size=(len(cells), 24)).astype(float)
    result = emerging.analyse(emerging.Cube(CELL, cells, counts))
    flagged = int((result.cells["category"] != "none").sum())
    assert flagged <= 4, result.cells["category"].value_counts().to_dict()
