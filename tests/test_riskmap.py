"""Risk next week (issue 19 item 3): held-out accuracy, PAI against random flagging and the naive map."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from est_data.analysis import riskmap

CELL = 200.0


def square_cells(side: int = 20) -> pd.DataFrame:
    ix, iy = np.meshgrid(np.arange(side), np.arange(side))
    ix, iy = ix.ravel() + 1000, iy.ravel() + 30000
    return pd.DataFrame({"ix": ix, "iy": iy, "x": (ix + 0.5) * CELL, "y": (iy + 0.5) * CELL})


def random_cube(
    rng: np.random.Generator,
    weeks: int,
    cells: int,
    per_week: int,
    hot: list[int] | None = None,
    hot_share: float = 0.0,
) -> np.ndarray:
    cube = np.zeros((weeks, cells))
    for t in range(weeks):
        n_hot = rng.binomial(per_week, hot_share) if hot else 0
        for c in rng.integers(0, cells, per_week - n_hot):
            cube[t, c] += 1
        for c in rng.choice(hot, n_hot) if hot else []:
            cube[t, c] += 1
    return cube


def test_flag_weights_share_and_fractional_ties():
    w = riskmap.flag_weights(
        np.array([5.0, 3, 3, 3, 0, 0, 0, 0, 0, 0]), 0.2
    )  # k = 2: one above, 3 tied for 1
    assert w.tolist() == pytest.approx([1, 1 / 3, 1 / 3, 1 / 3, 0, 0, 0, 0, 0, 0])
    assert w.sum() == pytest.approx(2)
    all_zero = riskmap.flag_weights(np.zeros(40), 0.05)  # nothing known: random flagging in expectation
    assert all_zero.sum() == pytest.approx(2) and np.allclose(all_zero, 0.05)


def test_scored_week_never_seen_by_the_fit():
    """Every week's events are at a place where nothing ever happened before: a fit that saw the scored
    week would flag that place and catch them; fitted on the weeks before only, it catches none."""
    cells = square_cells(30)
    weeks = 24
    cube = np.zeros((weeks, len(cells)))
    for t in range(weeks):  # places 6 cells apart on a diagonal walk, 5 events each week
        ix, iy = (t * 6) % 30, (t * 6 // 30 * 7 + t) % 30
        cube[t, iy * 30 + ix] = 5
    risk = riskmap.assess(cube, cells, CELL)
    assert len(risk.weeks) == 12
    assert risk.weeks["hits"].tolist() == [0.0] * 12
    # the naive map's 4 busy cells miss too; its other flags are ties among empty cells (random share)
    assert (risk.weeks["naive_hit_rate"] < 0.06).all()
    # and the same data with each week's events repeated the week before is caught at once
    repeated = cube.copy()
    repeated[:-1] += cube[1:]  # next week's place is active this week too
    caught = riskmap.assess(repeated, cells, CELL)
    assert caught.weeks["hit_rate"].min() > 0.4


def test_planted_stable_hotspot_beats_random_flagging():
    rng = np.random.default_rng(19)
    cells = square_cells(20)
    hot = [5 * 20 + 5, 5 * 20 + 6, 6 * 20 + 5]  # three neighbouring cells carry 40 % of the events
    cube = random_cube(rng, 30, len(cells), 40, hot, 0.4)
    risk = riskmap.assess(cube, cells, CELL)
    totals = risk.totals()
    assert totals["weeks"] == 12
    assert totals["pai"] > 5  # 5 % of the area catches the 40 % and some: far above random's 1
    assert (risk.weeks["pai"] > 2).all()
    assert risk.comparison is not None
    flagged = riskmap.flagged_cells(risk)
    assert set(hot) <= _cell_numbers(flagged)


def _cell_numbers(frame: pd.DataFrame) -> set[int]:
    return {int((iy - 30000) * 20 + (ix - 1000)) for ix, iy in zip(frame["ix"], frame["iy"], strict=True)}


def test_uniform_random_data_does_not_claim_to_beat_the_naive_map():
    cells = square_cells(20)
    claims = 0
    for seed in range(20):
        cube = random_cube(np.random.default_rng(seed), 30, len(cells), 30)
        risk = riskmap.assess(cube, cells, CELL)
        totals = risk.totals()
        assert 0.3 < totals["pai"] < 2.0 and 0.3 < totals["naive_pai"] < 2.0  # about random
        claims += risk.comparison.verdict == "better"
    assert claims <= 2  # the 95 % interval: about one claim in 40 by chance
    first = riskmap.assess(random_cube(np.random.default_rng(0), 30, len(cells), 30), cells, CELL)
    assert first.comparison.verdict != "better" and first.shown == "naive"


def test_better_method_is_shown_else_the_naive_map():
    rng = np.random.default_rng(7)
    cells = square_cells(20)
    # a hotspot that moves by one cell every week: smoothing catches it, last month's exact cells do less
    cube = np.zeros((30, len(cells)))
    for t in range(30):
        centre = 10 * 20 + (t // 3) % 20
        cube[t, centre] += 6
        for c in rng.integers(0, len(cells), 10):
            cube[t, c] += 1
    risk = riskmap.assess(cube, cells, CELL)
    assert risk.comparison.verdict in ("better", "worse", "no_difference")
    assert risk.shown == ("model" if risk.comparison.verdict == "better" else "naive")


def test_too_few_weeks_shows_no_map():
    cells = square_cells(10)
    cube = np.zeros((9, len(cells)))
    cube[:, 3] = 2
    risk = riskmap.assess(cube, cells, CELL, first_row=0)  # 9 weeks: 5 scored (needs 4 before each)
    assert len(risk.weeks) == 5
    assert risk.comparison is None and risk.shown == "none"
    assert riskmap.flagged_cells(risk).empty
    assert risk.totals()["weeks"] == 5
    # weeks before the source's first event are no data: fewer weeks can be scored
    assert len(riskmap.assess(cube, cells, CELL, first_row=3).weeks) == 2


def test_empty_inputs():
    empty = riskmap.assess(np.zeros((24, 0)), pd.DataFrame(columns=["ix", "iy", "x", "y"]), CELL)
    assert empty.weeks.empty and empty.shown == "none" and riskmap.flagged_cells(empty).empty
    quiet = riskmap.assess(np.zeros((24, 100)), square_cells(10), CELL)
    assert quiet.weeks.empty and quiet.comparison is None and quiet.totals() == {"weeks": 0, "events": 0.0}


def test_week_cube_places_points_by_week_and_cell():
    from est_data.analysis import hotspots

    cells = square_cells(5)
    x = np.array([1000.5, 1002.5, 1002.5, 999.0]) * CELL  # the last is outside the grid
    y = np.array([30000.5, 30003.5, 30003.5, 30001.5]) * CELL
    lat, lon = hotspots.unproject(x, y)
    points = pd.DataFrame({"lat": lat, "lon": lon, "back": [0, 1, 1, 0], "n": [1, 2, 1, 5]})
    cube = riskmap.week_cube(points, cells, CELL, 3)
    assert cube.shape == (3, 25)
    assert cube[2, 0] == 1 and cube[1, 3 * 5 + 2] == 3 and cube.sum() == 4
