"""Hotspots: Gi* finds a planted cluster and nothing in a uniform pattern; kernel density; ranking."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from est_data import incidents
from est_data.analysis import hotspots

X0, Y0 = 370_000.0, 6_140_000.0  # SWEREF 99 TM, near Trelleborg
SIDE = 3_000.0


def region_4326():
    square = box(X0, Y0, X0 + SIDE, Y0 + SIDE)
    return shapely.transform(square, lambda c: np.column_stack(hotspots.unproject(c[:, 0], c[:, 1])[::-1]))


def points(x: np.ndarray, y: np.ndarray) -> pd.DataFrame:
    lat, lon = hotspots.unproject(x, y)
    return pd.DataFrame({"lat": lat, "lon": lon})


def uniform(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(X0, X0 + SIDE, n), rng.uniform(Y0, Y0 + SIDE, n)


def test_grid_includes_empty_cells_and_counts_every_point():
    x, y = uniform(500, 1)
    grid = hotspots.grid_counts(points(x, y), 100, region_4326())
    assert len(grid.cells) == pytest.approx(900, abs=40)  # 30 x 30 cells of 100 m
    assert grid.cells["count"].sum() == pytest.approx(500, abs=5)  # points on the edge may fall out
    assert (grid.cells["count"] == 0).sum() > 100


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_uniform_pattern_gives_no_hotspots(seed):
    x, y = uniform(900, seed)
    result = hotspots.gi_star(hotspots.grid_counts(points(x, y), 100, region_4326()))
    assert (result["level"] != 0).sum() == 0


def test_without_fdr_a_random_pattern_shows_false_alarms():
    """Why the correction is on: uncorrected, about one cell in ten is 'significant' at 90 %."""
    x, y = uniform(900, 1)
    result = hotspots.gi_star(
        hotspots.grid_counts(points(x, y), 100, region_4326()), permutations=999, fdr=False
    )
    assert (result["level"] != 0).sum() > 30


def test_exactly_even_counts_give_no_hotspots():
    xs, ys = np.meshgrid(np.arange(X0 + 50, X0 + SIDE, 100), np.arange(Y0 + 50, Y0 + SIDE, 100))
    result = hotspots.gi_star(hotspots.grid_counts(points(xs.ravel(), ys.ravel()), 100, region_4326()))
    assert (result["level"] != 0).sum() == 0


def test_planted_cluster_is_found_where_it_was_planted():
    rng = np.random.default_rng(7)
    x, y = uniform(900, 4)
    cx, cy = X0 + 1_550.0, Y0 + 850.0
    x = np.concatenate([x, rng.normal(cx, 70, 150)])
    y = np.concatenate([y, rng.normal(cy, 70, 150)])
    grid = hotspots.grid_counts(points(x, y), 100, region_4326())
    result = hotspots.gi_star(grid)
    hot = result[result["level"] > 0]
    assert len(hot) >= 4
    assert result["level"].max() >= 2  # at least 95 % after the FDR correction
    distance = np.hypot(hot["x"] - cx, hot["y"] - cy)
    assert distance.max() < 400  # every hot cell lies at the cluster
    cold = result[result["level"] < 0]
    assert (np.hypot(cold["x"] - cx, cold["y"] - cy) > 500).all()  # nothing cold at the cluster


def test_kernel_density_peaks_at_the_cluster():
    rng = np.random.default_rng(3)
    x, y = uniform(300, 5)
    cx, cy = X0 + 800.0, Y0 + 2_200.0
    pts = points(np.concatenate([x, rng.normal(cx, 60, 120)]), np.concatenate([y, rng.normal(cy, 60, 120)]))
    density = hotspots.kernel_density(pts, bandwidth=150)
    lat, lon = hotspots.density_peak(density)
    px, py = hotspots.project(np.array([lat]), np.array([lon]))
    assert np.hypot(px[0] - cx, py[0] - cy) < 150
    # density is events per km²: its integral is about the number of events
    cell_km2 = (
        (density.east - density.west) * 111.32 * np.cos(np.radians(55.4)) / density.values.shape[1]
    ) * ((density.north - density.south) * 111.32 / density.values.shape[0])
    assert density.values.sum() * cell_km2 == pytest.approx(420, rel=0.1)


def test_ranked_places_share_and_change():
    now = pd.DataFrame({"place_id": [1, 2, 3, 4], "n": [50, 30, 15, 5]})
    before = pd.DataFrame({"place_id": [1, 2, 5], "n": [40, 35, 7]})
    ranked = hotspots.ranked(now, before, ["place_id"])
    assert ranked["place_id"].tolist() == [1, 2, 3, 4]
    assert ranked["change"].tolist() == [10, -5, 15, 5]
    assert ranked["cum_share"].iloc[1] == pytest.approx(0.8)


def test_sample_hotspots_are_the_designed_ones(sample_con):
    """The sample's designed hotspots (the station in Centrum and Västervångsskolan) come out hot."""
    q = incidents.EventQuery("1287", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    cells, cell = incidents.hotspot_cells(sample_con, q, 200)
    hot = cells[
        cells["level"] >= 1
    ]  # one year at 200 m: Stationen at FDR 10 %, Västervångsskolan 5 % (issue 14)
    places = sample_con.execute(
        "select name, lat, lon from place where name in ('Stationen', 'Västervångsskolan')"
    ).df()
    px, py = hotspots.project(places["lat"].to_numpy(), places["lon"].to_numpy())
    for x, y in zip(px, py, strict=True):
        assert (np.hypot(hot["x"] - x, hot["y"] - y) < cell).any()
    ranked = incidents.place_counts(sample_con, q)
    assert set(ranked["name"].head(3)) >= {"Stationen", "Västervångsskolan"} or {
        "Stationen",
        "Västervångsskolan",
    } <= set(ranked["name"].head(4))


def test_centre_points_never_reach_the_map(sample_con):
    from conftest import FIXTURES

    from est_data.ingest import polisen

    polisen.load(sample_con, FIXTURES / "polisen" / "events_excerpt.json")
    q = incidents.EventQuery("1287", dt.date(2023, 1, 1), dt.date(2026, 12, 31), sources=("polisen",))
    totals = incidents.event_totals(sample_con, q).set_index("source")
    assert (
        totals.loc["polisen", "centre_only"] == 9
    )  # Trelleborg's 6 municipality- and 3 county-level real events
    assert totals.loc["polisen", "on_map"] == totals.loc["polisen", "n"] - 9
    binned = incidents.binned_points(sample_con, q)
    assert binned["n"].sum() == totals.loc["polisen", "on_map"]
    points = incidents.event_points(sample_con, q, 100_000, with_text=False)
    assert not points["precision"].isin(["municipality", "county"]).any()


def test_change_is_judged_with_a_poisson_test_not_percent():
    assert hotspots.change_verdict(6, 3) == 0  # +100 % but no evidence at such small counts
    assert hotspots.change_verdict(30, 15) == 1
    assert hotspots.change_verdict(5, 20) == -1
    assert hotspots.change_verdict(0, 0) == 0


def test_change_test_of_large_counts_uses_the_score_test():
    """The E-test of 20 000 against 19 500 events takes half a minute; the score test agrees there."""
    from statsmodels.stats.rates import test_poisson_2indep

    score = test_poisson_2indep(20_000, 1.0, 19_500, 1.0, method="score").pvalue
    assert hotspots.change_p_value(20_000, 19_500) == pytest.approx(score, rel=1e-12)
    assert hotspots.change_verdict(20_000, 19_500) == 1
    small = test_poisson_2indep(30, 1.0, 15, 1.0, method="etest").pvalue
    assert hotspots.change_p_value(30, 15) == pytest.approx(small, rel=1e-12)  # small counts: the E-test
    table = pd.DataFrame({"n": [30, 6], "previous": [15, 3]})
    assert incidents.verdicts(table, "n") == ["+15 (säker ökning)", "+3 (ingen säker förändring)"]
