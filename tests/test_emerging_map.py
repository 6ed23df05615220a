"""Emerging hot spots on the database (issue 19 items 1, 4, 5): the sample's planted rise in vandalism is
found without being told where, results are stored and reused, computed after imports, and the empty,
too-short and no-area cases say so."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from est_data import emerging_map, incidents, sample
from est_data.analysis import emerging, hotspots

VANDALISM = ("Skadegörelse", "Krossad ruta")  # the police's and the fault reports' vandalism categories
EMERGING = {"new_hot", "consecutive_hot", "intensifying_hot"}


def _vandalism(con) -> incidents.EventQuery:
    return dataclasses.replace(incidents.default_query(con, "1287"), categories=VANDALISM)


def _distance_m(cells, lat: float, lon: float) -> np.ndarray:
    x, y = hotspots.project(np.array([lat]), np.array([lon]))
    return np.hypot(cells["x"].to_numpy() - x[0], cells["y"].to_numpy() - y[0])


def test_the_sample_rise_in_vandalism_is_an_emerging_hot_spot_where_it_was_planted(sample_con):
    q = _vandalism(sample_con)
    result = incidents.emerging_cells(sample_con, q)
    assert result.status == "ok" and result.step == "month" and len(result.steps) == 12
    found = result.cells[result.cells["category"].isin(EMERGING)]
    assert len(found) >= 1
    area, lat, lon = sample.RISING_SPOT
    # every emerging cell of the municipality is at the planted spot (its 3 x 3 window reaches 300 m) ...
    assert (_distance_m(found, lat, lon) < 450).all(), found[["ix", "iy", "category"]]
    assert set(emerging_map.area_of_cells(sample_con, "1287", found)) == {area}
    # ... its Gi* trend rises, and the cell holding the spot has ever more events
    assert (found["trend"] == 1).all()
    spot = found.iloc[int(np.argmin(_distance_m(found, lat, lon)))]
    assert spot["count_trend"] == 1 and spot["last_count"] > 3 * spot["mean_count"] - 1
    # A year earlier nothing was emerging there: the pattern is the planted rise, not the place.
    before = incidents.emerging_cells(sample_con, q.previous())
    earlier = before.cells[before.cells["category"].isin(EMERGING)]
    assert (_distance_m(earlier, lat, lon) > 450).all()


def test_the_table_names_area_pattern_trend_and_p(sample_con):
    result = incidents.emerging_cells(sample_con, _vandalism(sample_con))
    table = emerging_map.table(sample_con, "1287", result, "sv")
    assert list(table.columns) == [
        "area",
        "cell",
        "category",
        "hot_steps",
        "trend",
        "p",
        "counts",
        "last",
        "lat",
        "lon",
    ]
    assert table.iloc[0]["area"] == "Skoghem"
    assert table.iloc[0]["category"] in ("Ny hot spot", "Sammanhängande hot spot", "Tilltagande hot spot")
    assert table.iloc[0]["trend"] == "ökar"
    assert "av 12 månader" in table.iloc[0]["hot_steps"]
    english = emerging_map.table(sample_con, "1287", result, "en")
    assert english.iloc[0]["trend"] == "increasing" and "of 12 months" in english.iloc[0]["hot_steps"]


def test_results_are_stored_and_read_back_without_computing(sample_con, monkeypatch):
    q = _vandalism(sample_con)
    first = incidents.emerging_cells(sample_con, q)
    assert sample_con.execute("select count(*) from emerging_run").fetchone()[0] == 1
    stored = sample_con.execute("select count(*) from emerging_cell").fetchone()[0]
    assert stored == int(((first.cells["hot_steps"] > 0) | (first.cells["cold_steps"] > 0)).sum()) > 0

    def boom(*args, **kwargs):
        raise AssertionError("computed again although stored")

    monkeypatch.setattr(emerging, "analyse", boom)
    again = incidents.emerging_cells(sample_con, q)
    columns = ["ix", "iy", "category", "hot_steps", "trend", "trend_p", "count_trend", "last_count"]
    assert again.cells[columns].equals(first.cells[columns])


def test_precompute_after_an_import_stores_the_default_view(sample_con):
    assert sample_con.execute("select count(*) from emerging_run").fetchone()[0] == 0
    incidents.after_import(sample_con, rows_loaded=1)
    assert sample_con.execute("select count(*) from emerging_run where status = 'ok'").fetchone()[0] == 1


def test_empty_database_and_short_periods_say_so(empty_con, sample_con):
    end = dt.date(2026, 11, 22)
    nothing = incidents.emerging_cells(
        empty_con, incidents.EventQuery("1287", end - dt.timedelta(days=364), end)
    )
    assert nothing.status == "no_data" and nothing.cells.empty
    six_weeks = incidents.EventQuery("1287", end - dt.timedelta(days=41), end)
    short = incidents.emerging_cells(sample_con, six_weeks)
    assert short.status == "too_short" and short.step == "week" and len(short.steps) == 6
    five_months = incidents.EventQuery("1287", end - dt.timedelta(days=150), end)
    weekly = incidents.emerging_cells(sample_con, five_months)
    assert weekly.status == "ok" and weekly.step == "week" and len(weekly.steps) == 21


def test_without_an_area_layer_the_cube_covers_the_municipality(sample_con):
    sample_con.execute("update area set geometry_wkt = null")
    result = incidents.emerging_cells(sample_con, _vandalism(sample_con))
    assert result.status == "ok" and len(result.cells) > 1000  # Trelleborg's boundary, not 14 areas
    assert emerging_map.table(sample_con, "1287", result)["area"].isna().all()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_layer_draws_only_cells_with_a_pattern(sample_con, lang):
    import folium

    from est_data.charts import emerging as emerging_chart

    result = incidents.emerging_cells(sample_con, _vandalism(sample_con))
    m = folium.Map()
    emerging_chart.add_layer(m, result, lang)
    layers = [c for c in m._children.values() if isinstance(c, folium.GeoJson)]
    assert len(layers) == 1
    features = layers[0].data["features"]
    assert len(features) == int((result.cells["category"] != "none").sum())
    assert ("Framväxande hot spots" if lang == "sv" else "Emerging hot spots") == layers[0].layer_name


def _karta(period: tuple[dt.date, dt.date] | None = None):
    """Karta under AppTest as samordnare, optionally with the sidebar's period set before the first run."""
    from streamlit.testing.v1 import AppTest

    from est_data import db
    from tests.conftest import ROOT, user_id

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["user_id"] = user_id(db.connect(), "samordnare")
    if period:
        at.session_state["filter_period_value"] = period
    at.run()
    at.switch_page("pages/karta.py")
    return at.run()


def test_karta_tab_asks_for_the_layer_when_nothing_is_stored(sample_db):
    at = _karta()
    assert not at.exception
    assert any("Slå på lagret Framväxande hot spots" in i.value for i in at.info)


def test_karta_tab_shows_the_stored_view_with_the_layer_off(sample_db, sample_con):
    incidents.precompute(sample_con)  # what an import does
    at = _karta()
    assert not at.exception
    table = at.dataframe(key="karta_emerging_table").value
    assert list(table.columns)[:3] == ["Område", "Ruta", "Mönster"] and len(table) >= 1
    assert any("12 månader från" in c.value for c in at.caption)


def test_karta_says_too_short_a_series(sample_db):
    at = _karta((dt.date(2026, 10, 12), dt.date(2026, 11, 22)))
    at.toggle(key="karta_layer_emerging").set_value(True).run()
    assert not at.exception
    assert any("För kort tidsserie" in w.value and "6 veckor" in w.value for w in at.warning)
