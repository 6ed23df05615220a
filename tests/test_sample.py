"""The sample municipality: deterministic, in sync with the committed files, and carrying its patterns."""

from __future__ import annotations

import datetime as dt
import filecmp

import pandas as pd
import pytest

from est_data import sample
from tests.conftest import ROOT

SAMPLE_DIR = ROOT / "sample_data"
FILES = [
    "areas.geojson",
    "places.csv",
    "factors.csv",
    "reporters.csv",
    "survey_responses.csv",
    "observations.csv",
    "incidents.csv",
    "crime_stats.csv",
    "actions.csv",
    "assessments.csv",
    "priorities.csv",
    "walks.csv",
    "walk_findings.csv",
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    sample.generate(out)
    return out


@pytest.fixture(scope="module")
def incidents():
    frame = pd.read_csv(SAMPLE_DIR / "incidents.csv", parse_dates=["occurred_at"])
    return frame


def test_generation_is_deterministic_and_matches_committed_files(generated, tmp_path):
    again = tmp_path / "again"
    sample.generate(again)
    for name in FILES:
        assert filecmp.cmp(generated / name, again / name, shallow=False), f"{name} differs between runs"
        assert filecmp.cmp(generated / name, SAMPLE_DIR / name, shallow=False), (
            f"sample_data/{name} is out of date: run python -m est_data sample --out sample_data"
        )


def test_another_seed_gives_other_data(tmp_path):
    sample.generate(tmp_path, seed=1)
    assert not filecmp.cmp(tmp_path / "incidents.csv", SAMPLE_DIR / "incidents.csv", shallow=False)


def test_sample_sizes():
    areas = pd.read_json(SAMPLE_DIR / "areas.geojson")
    assert 10 <= len(areas["features"]) <= 15
    assert len(pd.read_csv(SAMPLE_DIR / "places.csv")) >= 30
    assert len(pd.read_csv(SAMPLE_DIR / "reporters.csv")) == 40
    assert len(pd.read_csv(SAMPLE_DIR / "factors.csv")) == 12
    assert len(pd.read_csv(SAMPLE_DIR / "actions.csv")) >= 12
    responses = pd.read_csv(SAMPLE_DIR / "survey_responses.csv")
    weeks = responses.groupby(["iso_year", "iso_week"]).size()
    assert len(weeks) == 156, "three years of weekly answers"
    per_week = responses.groupby(["iso_year", "iso_week"])["reporter_id"].nunique()
    assert 0.5 < per_week.mean() / 40 < 0.9, "realistic response rates, not everybody every week"
    assert per_week.min() < per_week.median(), "summer weeks answer less"


def test_areas_lie_inside_trelleborg():
    import geopandas as gpd

    areas = gpd.read_file(SAMPLE_DIR / "areas.geojson")
    boundary = gpd.read_file(ROOT / "est_data" / "reference" / "trelleborg_boundary.geojson").geometry.iloc[0]
    assert areas.geometry.is_valid.all()
    assert (areas.geometry.area > 0).all()
    assert all(boundary.buffer(1e-4).contains(g) for g in areas.geometry)
    places = pd.read_csv(SAMPLE_DIR / "places.csv")
    pts = gpd.GeoSeries(gpd.points_from_xy(places.lon, places.lat), crs=4326)
    by_name = areas.set_index("name").geometry
    assert all(by_name[a].contains(p) for a, p in zip(places["area"], pts, strict=True))


def test_evenings_and_weekends(incidents):
    police = incidents[incidents.source == "polisen"]
    hours = police.occurred_at.dt.hour
    evening = hours.isin([19, 20, 21, 22, 23, 0]).mean()
    morning = hours.isin([5, 6, 7, 8, 9, 10]).mean()
    assert evening > 3 * morning
    weekday = police.occurred_at.dt.dayofweek.value_counts(normalize=True)
    assert weekday[[4, 5]].mean() > 1.4 * weekday[[0, 1, 2]].mean()


def test_summer_and_school_holidays(incidents):
    vandal = incidents[incidents.category.isin(["Skadegörelse", "Klotter", "Krossad ruta", "Brand"])]
    per_month = vandal.groupby(vandal.occurred_at.dt.month).size()
    assert per_month[[6, 7, 8]].mean() > 1.3 * per_month[[2, 3, 11]].mean()


def test_halloween_and_new_year(incidents):
    fires = incidents[incidents.category.isin(["Brand", "Skadegörelse"])]
    daily = fires.groupby(fires.occurred_at.dt.date).size()
    ordinary = daily.mean()
    for year in (2024, 2025):
        assert daily.get(dt.date(year, 10, 31), 0) > 3 * ordinary
    for day in (dt.date(2024, 12, 31), dt.date(2025, 12, 31)):
        assert daily.get(day, 0) + daily.get(day + dt.timedelta(days=1), 0) > 6 * ordinary


def test_persistent_hotspots(incidents):
    per_place = incidents[incidents.place.notna()].groupby("place").size().sort_values(ascending=False)
    assert set(per_place.index[:2]) == {"Stationen", "Västervångsskolan"}
    for year in (2024, 2025, 2026):
        in_year = incidents[incidents.occurred_at.dt.year == year]
        top = in_year[in_year.place.notna()].groupby("place").size().nlargest(4).index
        assert "Stationen" in top


def _before_after(incidents, area, categories, start, weeks=12):
    start = pd.Timestamp(start)
    span = pd.Timedelta(weeks=weeks)
    mask = incidents.category.isin(categories) & (incidents.area == area if area else True)
    before = (mask & (incidents.occurred_at >= start - span) & (incidents.occurred_at < start)).sum()
    after = (mask & (incidents.occurred_at >= start) & (incidents.occurred_at < start + span)).sum()
    return int(before), int(after)


def test_camera_worked(incidents):
    cats = ["Skadegörelse", "Klotter", "Krossad ruta", "Brand"]
    before, after = _before_after(incidents, "Västervång", cats, sample.CAMERA_START)
    rest = incidents[incidents.area != "Västervång"]
    c_before, c_after = _before_after(rest, None, cats, sample.CAMERA_START)
    assert after / before < 0.75 * (c_after / c_before)


def test_lighting_had_no_effect(incidents):
    cats = ["Skadegörelse", "Ordningslagen", "Bråk"]
    before, after = _before_after(incidents, "Pilevallen", cats, sample.LIGHTING_START)
    assert 0.7 < after / before < 1.3


def test_presence_displaced_to_the_harbour(incidents):
    cats = ["Narkotikabrott", "Ordningslagen", "Bråk", "Fylleri/LOB"]
    c_before, c_after = _before_after(incidents, "Centrum", cats, sample.PRESENCE_START)
    h_before, h_after = _before_after(incidents, "Hamnen", cats, sample.PRESENCE_START)
    assert c_after < 0.6 * c_before
    assert h_after > 2 * h_before
    moved = incidents[
        (incidents.area == "Hamnen")
        & incidents.category.isin(cats)
        & (incidents.occurred_at >= pd.Timestamp(sample.PRESENCE_START))
    ]
    assert (moved.place == "Hamnplan").mean() > 0.5


def test_survey_levels_follow_the_incidents():
    responses = pd.read_csv(SAMPLE_DIR / "survey_responses.csv")
    by_area = responses.groupby("area")[["skadegorelse", "narkotika"]].mean()
    assert by_area["skadegorelse"].idxmax() == "Västervång"
    assert by_area["narkotika"].idxmax() == "Centrum"


def test_loading_gives_the_expected_counts(sample_con):
    counts = {
        t: sample_con.execute(f"select count(*) from {t}").fetchone()[0]  # noqa: S608
        for t in (
            "area",
            "place",
            "factor",
            "reporter",
            "survey_response",
            "survey_rating",
            "incident",
            "observation",
            "crime_stat",
            "action",
            "municipality",
        )
    }
    files = {
        name: len(pd.read_csv(SAMPLE_DIR / f"{name}.csv"))
        for name in (
            "places",
            "reporters",
            "survey_responses",
            "incidents",
            "observations",
            "crime_stats",
            "actions",
        )
    }
    assert counts["area"] == 14
    assert counts["place"] == files["places"]
    assert counts["reporter"] == 40
    assert counts["factor"] == 12
    assert counts["survey_response"] == files["survey_responses"]
    assert counts["survey_rating"] == 12 * files["survey_responses"]
    assert counts["incident"] == files["incidents"]
    assert counts["observation"] == files["observations"]
    assert counts["crime_stat"] == files["crime_stats"]
    assert counts["action"] == files["actions"]
    assert counts["municipality"] == 290
    assert sample_con.execute("select count(*) from incident where area_id is null").fetchone()[0] == 0
    meetings = pd.read_csv(SAMPLE_DIR / "assessments.csv")
    assert sample_con.execute("select count(*) from weekly_assessment").fetchone()[0] == len(meetings)
    assert sample_con.execute("select count(distinct iso_week) from weekly_assessment").fetchone()[0] == 12
    assert (
        sample_con.execute(
            "select count(*) from weekly_assessment where status <> computed_status"
        ).fetchone()[0]
        > 0
    ), "some agreed statuses differ from the computed ones"
    open_w46 = sample_con.execute(
        "select count(*), count(done) from weekly_priority where iso_year = 2026 and iso_week = 46"
    ).fetchone()
    assert open_w46[0] > 0 and open_w46[1] == 0, "last week's priorities wait for follow-up"
    assert (
        sample_con.execute("select count(*) from weekly_assessment where iso_week = 47").fetchone()[0] == 0
    ), "the latest week's meeting is left for the user to hold"
    # New rows get fresh ids after the explicitly numbered sample rows.
    new_id = sample_con.execute(
        "insert into area (municipality_code, name) values ('1287', 'Nytt område') returning id"
    ).fetchone()[0]
    assert new_id == 15
