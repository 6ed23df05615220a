"""The Karta map is rendered once per choice and drawn through st_folium's own component.

est_data.ui.mapview repeats the part of st_folium that renders a folium map, so the rendering can be
cached. If streamlit-folium changes what it sends to its component, these tests fail (rather than
the map silently breaking in the browser).
"""

import datetime as dt

import pytest
import streamlit_folium as sf

from est_data import incidents
from est_data.charts import maps
from est_data.ui import mapview

LAYERS = ("clusters", "heat", "places", "hotspots")


def _capture(monkeypatch) -> list[dict]:
    calls: list[dict] = []
    monkeypatch.setattr(sf, "_component_func", lambda **kwargs: calls.append(kwargs))
    return calls


@pytest.fixture
def karta_map(sample_con):
    query = incidents.EventQuery("1287", dt.date(2026, 5, 1), dt.date(2026, 10, 31))
    data = incidents.map_data(sample_con, query, LAYERS, "rate", 200.0, 150.0, False)
    return lambda: maps.build(data, "sv", True)


def test_prepared_arguments_are_those_st_folium_sends(monkeypatch, karta_map):
    calls = _capture(monkeypatch)
    sf.st_folium(
        karta_map(),
        key="karta_map",
        height=620,
        use_container_width=True,
        returned_objects=[],
        center=(55.37, 13.15),
        zoom=15,
    )
    mapview.show(mapview.prepare(karta_map()), key="karta_map", height=620, center=(55.37, 13.15), zoom=15)
    expected, got = calls
    expected.pop("on_change")  # a callback that only copies the returned values, of which there are none
    # folium names every element with a random id; the same map built twice differs only there
    import re

    def normalise(value):
        return re.sub(r"_[0-9a-f]{32}", "_ID", value) if isinstance(value, str) else value

    assert set(got) == set(expected)
    for name in expected:
        assert normalise(got[name]) == normalise(expected[name]), name
    assert got["script"].count("L.polygon") + got["script"].count("L.geoJson") > 0
    # Leaflet and its plugins come from the app itself, never from a CDN (issue 15)
    assert got["js_links"] and all(
        link.startswith("data:text/javascript;base64,") for link in got["js_links"]
    )
    assert all(link.startswith("data:text/css;base64,") for link in got["css_links"])
    import base64

    assert b"Leaflet 1.9.4" in base64.b64decode(got["js_links"][0].split(",", 1)[1])


def test_a_prepared_map_does_not_change_when_shown_again(monkeypatch, karta_map):
    calls = _capture(monkeypatch)
    prepared = mapview.prepare(karta_map())
    for _ in range(2):
        mapview.show(prepared, key="karta_map", height=620)
    assert calls[0] == calls[1]
    assert calls[0]["key"] == sf.generate_js_hash(prepared.script, "karta_map", False)
