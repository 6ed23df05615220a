"""Near-repeat (issue 19 item 2): the Knox table tells planted near-repeat from random data, counts pairs
in the bands its labels say, and the "förhöjd risk" list follows the table."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from est_data.analysis import nearrepeat
from est_data.analysis.nearrepeat import Bands, KnoxTable, knox

SIDE = 3000.0  # a 3 km × 3 km town
DAYS = 365


def random_events(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Events at uniformly random places and days: no space-time connection."""
    return rng.uniform(0, SIDE, n), rng.uniform(0, SIDE, n), rng.integers(0, DAYS, n)


def planted_events(rng: np.random.Generator, n: int, chains: int = 8, length: int = 5):
    """Random events plus `chains` series: each follow-up within ~60 m and 0-5 days of the one before."""
    x, y, day = random_events(rng, n)
    xs, ys, ds = [x], [y], [day]
    for _ in range(chains):
        cx, cy, cd = (
            rng.uniform(200, SIDE - 200),
            rng.uniform(200, SIDE - 200),
            int(rng.integers(0, DAYS - 40)),
        )
        for _ in range(length):
            xs.append(np.array([cx]))
            ys.append(np.array([cy]))
            ds.append(np.array([cd]))
            cx, cy, cd = cx + rng.normal(0, 40), cy + rng.normal(0, 40), cd + int(rng.integers(0, 6))
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(ds)


def test_planted_near_repeat_gives_a_significant_short_band():
    x, y, day = planted_events(np.random.default_rng(1), 300)
    table = knox(x, y, day)
    assert table.permutations == 999
    assert table.any_significant
    # 1-100 m × 0-7 days is the planted cell: significant, far above chance
    assert table.significant[1, 0]
    assert table.ratio[1, 0] > 3
    assert table.p[1, 0] == pytest.approx(1 / 1000)
    # nothing far away and long after is called near-repeat
    assert not table.significant[3, 2]


def test_random_data_claims_no_band_in_at_least_90_percent_of_seeds():
    claims = 0
    for seed in range(20):
        x, y, day = random_events(np.random.default_rng(100 + seed), 300)
        claims += knox(x, y, day, seed=seed).any_significant
    assert claims <= 2, f"{claims} of 20 random data sets claimed a near-repeat band"


def test_planted_is_found_across_seeds():
    found = sum(
        knox(*planted_events(np.random.default_rng(200 + s), 300), seed=s).any_significant for s in range(5)
    )
    assert found == 5


def test_pairs_fall_in_the_band_their_label_says():
    # four events: two at the same spot on the same day, one 100 m away 7 days later, one 101 m and 8 days
    x = np.array([0.0, 0.0, 100.0, 0.0])
    y = np.array([0.0, 0.0, 0.0, 101.0])
    day = np.array([0, 0, 7, 8])
    bands = Bands((0, 100, 200), (7, 14))
    pairs, dist = nearrepeat.close_pairs(x, y, 200)
    assert sorted(dist.tolist()) == [0, 100, 100, 101, 101, 142]
    old = nearrepeat.MIN_EVENTS
    nearrepeat.MIN_EVENTS = 2
    try:
        table = knox(x, y, day, bands, permutations=19)
    finally:
        nearrepeat.MIN_EVENTS = old
    # same place (0 m): pair (0,1), 0 days apart
    assert table.observed[0].tolist() == [1, 0]
    # 1-100 m: (0,2) and (1,2) are 100 m and 7 days apart -> 0-7 days
    assert table.observed[1].tolist() == [2, 0]
    # 101-200 m: (0,3), (1,3) 101 m, 8 days -> 8-14 days; (2,3) 142 m, 1 day -> 0-7 days
    assert table.observed[2].tolist() == [1, 2]
    assert table.bands.distance_labels() == ["0 m", "1–100 m", "101–200 m"]
    assert table.bands.day_labels() == ["0–7", "8–14"]
    # expected counts over permutations of the days keep the total of each distance band
    assert table.expected.sum(axis=1).tolist() == pytest.approx(
        [table.observed[0].sum(), table.observed[1].sum(), table.observed[2].sum()], abs=1.0
    )


def test_too_few_events_say_so():
    table = knox(np.zeros(5), np.zeros(5), np.arange(5))
    assert table.status == "too_few"
    assert not table.any_significant
    assert table.events == 5


def test_json_round_trip_keeps_the_table():
    x, y, day = planted_events(np.random.default_rng(3), 120, chains=4)
    table = knox(x, y, day, permutations=99)
    again = KnoxTable.from_json(table.to_json())
    assert np.array_equal(again.observed, table.observed)
    assert np.allclose(again.q, table.q)
    assert again.permutations == 99
    frame = again.frame()
    assert list(frame.columns[:4]) == ["distance", "days", "distance_max", "days_max"]
    assert len(frame) == 12


def test_zones_keep_the_widest_and_longest_open_cells():
    bands = Bands((0, 100, 200, 400), (7, 14, 30))
    shape = (4, 3)
    q = np.ones(shape)
    q[1, 0] = q[2, 0] = q[1, 1] = 0.001  # 1-100 m up to 14 days, 101-200 m up to 7 days
    table = KnoxTable(bands, 100, 999, np.full(shape, 10.0), np.full(shape, 2.0), q, q)
    assert nearrepeat.zones(table, age=2) == [(100, 12), (200, 5)]
    assert nearrepeat.zones(table, age=10) == [(100, 4)]
    assert nearrepeat.zones(table, age=14) == []


def test_list_on_an_empty_database_says_too_few(empty_con):
    risk = nearrepeat.raised_risk(empty_con, "1287", dt.date(2026, 11, 22))
    assert risk.states == {"Brand": "too_few"}
    assert risk.rows.empty


def test_the_sample_fire_series_is_found_without_being_told_where(sample_con):
    from est_data import sample

    until = sample.LAST_WEEK_SUNDAY
    risk = nearrepeat.raised_risk(sample_con, "1287", until)
    assert risk.states == {"Brand": "near_repeat"}
    table = risk.tables["Brand"]
    frame = table.frame()
    found = frame[frame["significant"]]
    # a short-distance, short-time band: within 200 m and two weeks
    assert ((found["distance_max"] <= 200) & (found["days_max"] <= 14)).any()
    assert (found["ratio"] > 1.5).all()
    # the list points at the neighbourhood of the series: its first rows, the events in a series
    assert not risk.rows.empty
    top = risk.rows[risk.rows["series"] > 0]
    assert len(top) >= 3
    assert set(top["area"]) == {sample.FIRE_SERIES_AREA}
    assert risk.rows.iloc[0]["area"] == sample.FIRE_SERIES_AREA
    assert all(d <= 200 and 0 < n <= 14 for zones in risk.rows["zones"] for d, n in zones)
    # only events of the last week are listed
    assert (risk.rows["day"] > until - dt.timedelta(days=nearrepeat.RECENT_DAYS)).all()


def test_the_sample_without_its_series_has_no_near_repeat(sample_con):
    """The same year of fires with the planted series removed: the table claims no band, the list is empty."""
    from est_data import sample

    sample_con.execute("delete from incident where external_id like '99%' or external_id like 'FA-2026-9%'")
    risk = nearrepeat.raised_risk(sample_con, "1287", sample.LAST_WEEK_SUNDAY)
    assert risk.states == {"Brand": "none"}
    assert risk.rows.empty


def test_stored_table_is_reused(sample_con):
    from est_data import sample

    q = nearrepeat.list_query("1287", sample.LAST_WEEK_SUNDAY, "Brand")
    first = nearrepeat.knox_table(sample_con, q)
    stored = sample_con.execute("select count(*) from near_repeat_result").fetchone()[0]
    assert stored >= 1
    again = nearrepeat.knox_table(sample_con, q)
    assert np.array_equal(first.p, again.p)
    assert sample_con.execute("select count(*) from near_repeat_result").fetchone()[0] == stored


def test_a_cli_import_stores_the_lists_table(sample_db):
    """`import felanmalan` (the CLI) leaves the list's Knox table stored, so Lägesbild finds it ready."""
    from conftest import FIXTURES

    from est_data import cli, db

    con = db.connect(sample_db)
    con.execute("delete from near_repeat_result")
    db.close(sample_db)
    file = FIXTURES / "felanmalan" / "felanmalan_wgs84.csv"
    assert cli.main(["--db", str(sample_db), "import", "felanmalan", str(file)]) == 0
    con = db.connect(sample_db)
    assert con.execute("select count(*) from near_repeat_result").fetchone()[0] == 1
    from est_data import queries

    until = queries.reference_date(con, "1287")
    frame = nearrepeat.positioned_events(con, nearrepeat.list_query("1287", until, "Brand"))
    key = nearrepeat.input_key(frame, Bands(), nearrepeat.PERMUTATIONS)
    assert (
        con.execute("select count(*) from near_repeat_result where input_key = ?", [key]).fetchone()[0] == 1
    )


def test_police_centre_points_alone_say_no_position(empty_con):
    from conftest import FIXTURES

    from est_data.ingest import polisen

    police = FIXTURES / "polisen" / "events_trelleborg_orebro_malmo.json"
    polisen.load(empty_con, police.read_bytes(), police.name)
    nearrepeat.after_import(empty_con, 4654)
    assert empty_con.execute("select count(*) from near_repeat_result").fetchone()[0] == 0
    risk = nearrepeat.raised_risk(empty_con, "1287", dt.date(2026, 11, 22))
    assert risk.states == {"Brand": "too_few"}
    assert risk.tables["Brand"].events == 0
