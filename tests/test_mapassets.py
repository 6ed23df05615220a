"""Maps on a municipal network (issue 15 item 4): no CDN, the basemap a setting, a notice without tiles.

Every map the app draws is captured as the st_folium component receives it; none may ask the
browser for anything but data: URLs (Leaflet and its plugins shipped in est_data/vendor/leaflet).
"""

import base64
import datetime as dt
import re

import folium
import pandas as pd
import pytest
import streamlit_folium as sf
from folium import plugins

from est_data import geo, incidents, mapassets, queries
from est_data.charts import actions as action_charts
from est_data.charts import maps
from est_data.ui import mapview

LAYERS = ("clusters", "heat", "places", "hotspots")


@pytest.fixture
def captured(monkeypatch) -> list[dict]:
    calls: list[dict] = []
    monkeypatch.setattr(sf, "_component_func", lambda **kwargs: calls.append(kwargs))
    return calls


def _decoded(link: str) -> bytes:
    return base64.b64decode(link.split(",", 1)[1])


def _assert_offline(call: dict) -> None:
    assert mapassets.outside_links(call["js_links"], call["css_links"]) == []
    # nothing in the header or script loads a file from elsewhere either
    for text in (call["header"], call["html"]):
        assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", text), text[:300]


def _karta_maps(con) -> list[folium.Map]:
    query = incidents.EventQuery("1287", dt.date(2026, 5, 1), dt.date(2026, 10, 31))
    out = []
    for colouring in incidents.AREA_COLOURINGS:
        data = incidents.map_data(con, query, LAYERS, colouring, 200.0, 150.0, True)
        out.append(maps.build(data, "sv", True))
    return out


def test_every_map_of_the_app_loads_nothing_from_outside(sample_con, captured):
    areas = queries.areas(sample_con, "1287")
    gdf = geo.areas_gdf(areas)
    lagesbild = geo.base_map(gdf, lang="en")
    geo.add_areas(lagesbild, gdf, None, {"name": "Area"})
    drawn = [*_karta_maps(sample_con), lagesbild, action_charts.drawing_map(areas, "sv")]
    for fmap in drawn:
        sf.st_folium(fmap, key="m", returned_objects=[])
    for fmap in _karta_maps(sample_con):
        mapview.show(mapview.prepare(fmap), key="karta", height=600)
    assert len(captured) == len(drawn) + len(incidents.AREA_COLOURINGS)
    for call in captured:
        _assert_offline(call)
    scripts = [_decoded(link) for link in captured[-1]["js_links"]]
    assert b"Leaflet 1.9.4" in scripts[0]
    assert any(b"MarkerClusterGroup" in s for s in scripts)  # the clusters' plugin, shipped
    draw = captured[len(drawn) - 1]
    assert any(b"Leaflet.draw 1.0.4" in _decoded(link) for link in draw["js_links"])
    # the rate colouring's legend is drawn without d3 (branca's legend would fetch it from a CDN)
    rate = captured[len(drawn) + incidents.AREA_COLOURINGS.index("rate")]
    assert "est-legend" in rate["script"] and "linear-gradient" in rate["script"]
    assert len(rate["js_links"]) == 2  # Leaflet and the cluster plugin: no d3


def test_css_images_are_inlined():
    for name in ("leaflet.css", "leaflet.draw.css", "MarkerCluster.css"):
        css = _decoded(mapassets.data_url(name)).decode("utf-8")
        assert "images/" not in css, name
    assert "data:image/png;base64," in _decoded(mapassets.data_url("leaflet.css")).decode("utf-8")


def test_a_plugin_that_is_not_shipped_is_refused_not_fetched():
    fmap = geo.base_map(None)
    plugins.Fullscreen().add_to(fmap)
    with pytest.raises(mapassets.UnshippedResource, match="Control.Fullscreen"):
        mapassets.localise(fmap)


def test_a_colour_scale_legend_that_needs_d3_is_refused():
    import branca.colormap as cm

    fmap = geo.base_map(None)
    cm.LinearColormap(["#ffffcc", "#800026"], vmin=0, vmax=1).add_to(fmap)
    with pytest.raises(mapassets.UnshippedResource, match="d3"):
        mapassets.localise(fmap)


def _script(fmap: folium.Map) -> str:
    return mapview.prepare(fmap).script


def test_the_basemap_is_openstreetmap_by_default(monkeypatch):
    monkeypatch.delenv("EST_MAP_TILES_URL", raising=False)
    monkeypatch.delenv("EST_MAP_TILES_ATTRIBUTION", raising=False)
    script = _script(geo.base_map(None))
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in script
    assert "OpenStreetMap" in script
    # the notice waits for tile errors (or 8 s without a tile) and then says so in one line
    assert '"tileerror"' in script and "Bakgrundskartan kunde inte h\\u00e4mtas" in script.replace(
        "ä", "\\u00e4"
    )


def test_the_basemap_is_a_setting(monkeypatch):
    wmts = (
        "https://maps.example.se/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=topo&STYLE=default"
        "&TILEMATRIXSET=3857&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&FORMAT=image/png"
    )
    monkeypatch.setenv("EST_MAP_TILES_URL", wmts)
    monkeypatch.setenv("EST_MAP_TILES_ATTRIBUTION", "&copy; Kommunens karta")
    script = _script(geo.base_map(None, lang="en")).replace("\\u0026", "&")
    assert "TILEMATRIX={z}&TILEROW={y}&TILECOL={x}" in script
    assert "Kommunens karta" in script
    assert "openstreetmap" not in script.casefold()
    assert "The basemap could not be loaded" in script
    monkeypatch.setenv("EST_MAP_TILES_ATTRIBUTION", "")
    assert mapassets.tiles_setting() == (wmts, "maps.example.se")  # at least the host is credited


def test_no_basemap_draws_on_a_plain_background_and_says_so(monkeypatch, sample_con):
    monkeypatch.setenv("EST_MAP_TILES_URL", "none")
    fmap = geo.base_map(geo.areas_gdf(queries.areas(sample_con, "1287")))
    prepared = mapview.prepare(fmap)
    assert "L.tileLayer" not in prepared.script
    assert "Ingen bakgrundskarta" in prepared.script
    assert mapassets.BACKGROUND in prepared.header


def test_the_not_drawn_note_counts_events_without_a_point():
    totals = pd.DataFrame(
        {
            "source": ["felanmalan", "polisen"],
            "n": [40, 2815],
            "on_map": [38, 0],
            "centre_only": [0, 2800],
            "area_only": [2, 15],
        }
    )
    note = incidents.not_drawn_note(totals, "sv").replace("\xa0", " ")
    assert note.startswith("2 817 av periodens 2 855 händelser saknar exakt plats")
    assert (
        "2 800 har bara kommunens eller länets mittpunkt" in note
        and "17 är bara kända till ett område" in note
    )
    assert incidents.not_drawn_note(totals.assign(on_map=totals["n"]), "en") is None
