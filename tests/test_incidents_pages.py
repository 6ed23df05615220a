"""The Karta and Data pages under AppTest, and escaping of map popups."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import FIXTURES, app_as

from est_data import incidents
from est_data.charts import maps

EXCERPT = FIXTURES / "polisen" / "events_excerpt.json"


def test_karta_with_each_layer_on(sample_db):
    at = app_as("samordnare", "karta")
    assert not at.exception
    assert any("händelser under perioden" in c.value for c in at.caption)
    for layer in incidents.LAYERS:  # each layer alone
        for name in incidents.LAYERS:
            at.toggle(key=f"karta_layer_{name}").set_value(name == layer)
        at.run()
        assert not at.exception, layer
        if layer == "hotspots":
            cells = at.dataframe(key="karta_cells_table").value
            assert cells.shape[0] > 0 and cells.iloc[0]["Antal"] > 0
        if layer == "emerging":  # issue 19: Stationen is hot all year (not in the last month: historical)
            emerging = at.dataframe(key="karta_emerging_table").value
            assert emerging["Mönster"].str.endswith("hot spot").all() and "Centrum" in set(emerging["Område"])
    for name in incidents.LAYERS:  # and all at once, with cold cells and large cells
        at.toggle(key=f"karta_layer_{name}").set_value(True)
    at.run()  # the cold-cell toggle is enabled once the hotspot layer is on again
    at.toggle(key="karta_cold").set_value(True)
    at.select_slider(key="karta_cell").set_value(500).run()
    assert not at.exception


def test_karta_area_colourings_filters_and_zoom(sample_db):
    at = app_as("lasare", "karta")
    assert not at.exception
    at.radio(key="karta_colouring_sv").set_value("rate").run()
    assert not at.exception
    at.multiselect(key="karta_sources_sv").set_value(["felanmalan"])
    at.multiselect(key="karta_categories").set_value(["Klotter"]).run()
    assert not at.exception
    places = at.dataframe(key="karta_places_table").value
    assert places.shape[0] > 0
    assert any("600" in c.value or "händelser" in c.value for c in at.caption)


def test_karta_and_data_are_not_offered_to_roles_without_access(sample_db):
    with pytest.raises(ValueError):
        app_as("rapportor", "karta")
    with pytest.raises(ValueError):
        app_as("lasare", "data")


def test_data_page_preview_shows_rejected_rows_then_loads(sample_db, sample_con):
    at = app_as("admin", "data")
    assert not at.exception
    content = (FIXTURES / "felanmalan" / "felanmalan_wgs84.csv").read_bytes()
    at.file_uploader(key="data_felanmalan_file").set_value(("fel.csv", content, "text/csv")).run()
    assert not at.exception
    at.button(key="data_felanmalan_preview").click().run()
    assert not at.exception
    shown = [df.value for df in at.dataframe]
    rejected = next(df for df in shown if "Orsak" in df.columns)
    assert len(rejected) == 2 and rejected["Orsak"].str.contains("utanför kommunen").any()
    before = sample_con.execute("select count(*) from incident").fetchone()[0]
    at.button(key="data_felanmalan_load").click().run()
    assert not at.exception
    assert any("inlästa 6" in s.value for s in at.success)
    assert sample_con.execute("select count(*) from incident").fetchone()[0] == before + 6
    batches = at.dataframe[-1].value
    assert batches.iloc[0]["Fil"] == "fel.csv"


def test_data_page_polisen_and_areas(sample_db, sample_con):
    at = app_as("samordnare", "data")
    at.file_uploader(key="data_polisen_file").set_value(
        ("events.json", EXCERPT.read_bytes(), "application/json")
    )
    at.run()
    at.button(key="data_polisen_preview").click().run()
    at.button(key="data_polisen_load").click().run()
    assert not at.exception
    assert sample_con.execute("select count(*) from incident where external_id = '622573'").fetchone()[0] == 1
    layer = FIXTURES / "geo" / "stockholm_stadsdelar.geojson"
    if not layer.exists():
        return
    at.file_uploader(key="data_areas_file").set_value(
        ("sd.geojson", layer.read_bytes(), "application/geo+json")
    )
    at.run()
    assert at.selectbox(key="data_areas_name_column").value == "name"
    at.text_input(key="data_areas_municipality").set_value("0180")
    at.radio(key="data_areas_mode").set_value("add")
    at.run()
    at.button(key="data_areas_preview").click().run()
    at.button(key="data_areas_load").click().run()
    assert not at.exception
    assert (
        sample_con.execute("select count(*) from area where municipality_code = '0180'").fetchone()[0] == 117
    )
    assert (
        sample_con.execute(
            "select count(*) from area where municipality_code = '1287' and active"
        ).fetchone()[0]
        == 14
    )


def test_popup_and_tooltip_text_is_escaped():
    row = pd.Series(
        {
            "source": "rapportör",
            "category": "<img src=x onerror=alert(1)>",
            "occurred_at": dt.datetime(2026, 5, 1, 22, 0),
            "text": "<script>alert('x')</script>",
            "url": "javascript:alert(1)",
        }
    )
    html = maps.event_popup(row, "sv")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "javascript:" not in html
    places = pd.DataFrame(
        {
            "name": ["<script>alert(1)</script>"],
            "kind": ["park"],
            "lat": [55.38],
            "lon": [13.15],
            "n": [3],
            "previous": [1],
        }
    )
    m = maps.new_map(None)
    maps.add_places(m, places, "sv")
    points = pd.DataFrame([row.to_dict() | {"lat": 55.38, "lon": 13.15}])
    maps.add_event_clusters(m, points, "sv")
    rendered = m.get_root().render()
    assert "<script>alert(1)</script>" not in rendered
    assert "<script>alert('x')</script>" not in rendered
    assert "&lt;script&gt;" in rendered


def test_map_never_ships_one_marker_per_event_beyond_the_limit(sample_con):
    q = incidents.EventQuery("1287", dt.date(2023, 11, 27), dt.date(2026, 11, 22))
    data = incidents.map_data(sample_con, q, ("clusters",), "none", max_markers=500)
    assert data.points is None and data.binned is not None
    assert data.totals["on_map"].sum() > 5000
    m = maps.build(data, "sv")
    html = m.get_root().render()
    assert html.count("L.circleMarker(") <= maps.MAX_CIRCLES
    assert html.count("L.marker(") == 0


@pytest.mark.parametrize("page", ["karta", "data"])
def test_karta_and_data_in_english(sample_db, page):
    at = app_as("admin", page)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    if page == "karta":
        assert at.title[0].value == "Map"
        assert any("events in the period" in c.value for c in at.caption)
    else:
        assert any("Police events" in t.label for t in at.tabs)


def test_karta_tables_can_be_downloaded_as_excel(sample_db):
    from tests.conftest import app_as

    at = app_as("admin", "karta")
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("Ladda ner (Excel)") == 2  # places, cells (emerging hot spots: once computed)
