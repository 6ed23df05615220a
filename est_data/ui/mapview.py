"""Folium maps in Streamlit with the rendering done once per map, not on every script run.

`st_folium` renders the whole folium map to HTML and JavaScript with jinja on every script run
(for the Karta map at the `large` benchmark scale ~0.8 s of a ~1 s page run, most of it compiling
jinja templates), although the map only changes when its data, its options or the language change.
streamlit-folium has no public way to keep that work (its `render=False` still renders), so
`prepare()` repeats the part of `st_folium` that depends on the map alone and `show()` hands the
prepared arguments to the same component. Written against streamlit-folium 0.27.4 (pinned);
tests/test_mapview.py checks that the prepared arguments are exactly those `st_folium` sends, so an
upgrade that changes them fails a test instead of breaking the map.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import branca.colormap
import folium
import streamlit as st
import streamlit_folium as sf

from est_data import db, incidents, mapassets, risk
from est_data.charts import maps
from est_data.ui import state
from est_data.ui.state import CACHE_SECONDS


@dataclass(frozen=True)
class Prepared:
    """What the st_folium component needs to draw one map."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def _links(fmap: folium.Map) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The CSS and JS files the map's elements need, in st_folium's order."""

    def walk(element):
        if isinstance(element, branca.colormap.ColorMap):
            yield element
        if isinstance(element, folium.elements.JSCSSMixin):
            yield element
        for child in getattr(element, "_children", {}).values():
            yield from walk(child)

    css: list[str] = []
    js: list[str] = []
    for element in walk(fmap):
        if isinstance(element, branca.colormap.ColorMap):  # st_folium adds d3 for colour scales
            js.insert(0, "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js")
            js.insert(0, "https://d3js.org/d3.v4.min.js")
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
    return tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js))


def prepare(fmap: folium.Map) -> Prepared:
    """Render a folium Map once into the arguments of the st_folium component (as st_folium does),
    with Leaflet and its plugins from the app itself (`mapassets.localise`)."""
    mapassets.localise(fmap)
    fmap.get_root().render()
    fmap.render()
    html = sf._get_html(fmap)
    header = sf._get_header(fmap)
    script = sf._get_map_string(fmap)
    css, js = _links(fmap)
    # (st_folium's bounds and zoom only feed the values a map returns; these maps return none)
    return Prepared(script, header, html, sf.get_full_id(fmap), css, js)


def show(
    prepared: Prepared,
    key: str,
    height: int,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
) -> None:
    """Draw a prepared map (no values are returned to the app: it is a picture to look at)."""
    sf._component_func(
        script=prepared.script,
        header=prepared.header,
        html=prepared.html,
        id=prepared.map_id,
        key=sf.generate_js_hash(prepared.script, key, False),
        height=height,
        width=None,
        returned_objects=[],
        default={},
        zoom=zoom,
        center=center,
        feature_group=None,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(prepared.css_links),
        js_links=list(prepared.js_links),
        wrap_longitude=False,
    )


# The Karta page's data and rendered map get caches of their own, bounded by count: an entry is
# 1-3 MB at the `large` scale, and the shared cache of `state.cached` keeps up to 512 entries for
# hours. 16 choices of filters are more than a meeting goes through.
@st.cache_data(ttl=CACHE_SECONDS, max_entries=16, show_spinner=False)
def _karta_data(revision: tuple, today: dt.date, db_key: str, map_args: tuple) -> incidents.MapData:
    data = incidents.map_data(db.cursor(db_key), *map_args)
    return risk.with_risk(db.cursor(db_key), data, map_args[1], map_args[3])  # issue 19: "risk" layer


@st.cache_data(ttl=CACHE_SECONDS, max_entries=16, show_spinner=False)
def _karta_map(
    revision: tuple, today: dt.date, db_key: str, map_args: tuple, lang: str, show_cold: bool
) -> Prepared:
    return prepare(maps.build(_karta_data(revision, today, db_key, map_args), lang, show_cold))


def karta_data(map_args: tuple) -> incidents.MapData:
    """incidents.map_data(cursor, *map_args), cached until the data or the day changes."""
    return _karta_data(db.revision(state.con()), state.today(), db.db_path(), map_args)


def karta_map(map_args: tuple, lang: str, show_cold: bool) -> Prepared:
    """The Karta page's map for karta_data(map_args), rendered once per choice and language."""
    return _karta_map(db.revision(state.con()), state.today(), db.db_path(), map_args, lang, show_cold)
