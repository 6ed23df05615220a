"""Maps that work on a municipal network: Leaflet from the app itself, the basemap as a setting.

folium loads Leaflet, jQuery, Bootstrap, Font Awesome and its plugins from public CDNs, and
OpenStreetMap's tiles from the internet; a network that blocks unknown hosts then shows a white
box. Here:
- `localise(map)` points every element of a folium map at the copies shipped in
  `est_data/vendor/leaflet/` (see its README for versions and licences), as `data:` URLs, so
  nothing is fetched from outside and no web-server setting is needed (Streamlit's static file
  serving would need `server.enableStaticServing` and a `static/` folder beside app.py). Resources
  these maps do not use (jQuery, Bootstrap, Font Awesome, awesome-markers) are left out; a
  resource that is neither shipped nor known to be unused is an error, so a new plugin cannot
  silently bring a CDN back.
- `add_basemap(map, lang)` adds the basemap of the settings `map_tiles_url` and
  `map_tiles_attribution` (OpenStreetMap by default; any XYZ source or a WMTS in the Web Mercator
  tile matrix set with `{z}`/`{x}`/`{y}` in its URL; `none` for no basemap), on a plain background,
  and a one-line notice on the map when its tiles cannot be loaded: areas and points are drawn
  anyway, because they do not depend on the tiles.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from importlib import resources

import folium
from branca.colormap import ColorMap
from branca.element import MacroElement
from jinja2 import Template

from est_data import config, i18n

VENDOR = ("vendor", "leaflet")
# folium's resource name -> the shipped file
LOCAL_FILES = {
    "leaflet": "leaflet.js",
    "leaflet_css": "leaflet.css",
    "markerclusterjs": "leaflet.markercluster.js",
    "markerclustercss": "MarkerCluster.css",
    "markerclusterdefaultcss": "MarkerCluster.Default.css",
    "leaflet_draw_js": "leaflet.draw.js",
    "leaflet_draw_css": "leaflet.draw.css",
}
# What folium's Map asks for by default and these maps never use (no awesome-marker icons, no
# Bootstrap widgets): left out instead of fetched.
NOT_USED = frozenset(
    {
        "jquery",
        "bootstrap",
        "awesome_markers",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers_font_css",
        "awesome_markers_css",
        "awesome_rotate_css",
    }
)
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
BACKGROUND = "#eef0f2"  # the plain background under the tiles (and instead of them)
_MIME = {".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml"}


class UnshippedResource(ValueError):
    """A map element needs a JavaScript or CSS file that is not shipped in est_data/vendor/leaflet."""


def _read(name: str) -> bytes:
    return resources.files("est_data").joinpath(*VENDOR, name).read_bytes()


def _data_url(name: str, content: bytes) -> str:
    mime = _MIME[name[name.rfind(".") :]]
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


@cache
def data_url(name: str) -> str:
    """A shipped file as a data: URL; in CSS, the images it refers to are inlined as well."""
    content = _read(name)
    if name.endswith(".css"):

        def inline(match: re.Match) -> str:
            return f"url({_data_url(match.group(2), _read(match.group(2)))})"

        text = re.sub(r"""url\((['"]?)(images/[\w.-]+)\1\)""", inline, content.decode("utf-8"))
        content = text.encode("utf-8")
    return _data_url(name, content)


def _local(resources_: list[tuple[str, str]], element: object) -> list[tuple[str, str]]:
    out = []
    for name, url in resources_:
        if name in LOCAL_FILES:
            out.append((name, data_url(LOCAL_FILES[name])))
        elif name in NOT_USED:
            continue
        elif url.startswith("data:"):
            out.append((name, url))
        else:
            raise UnshippedResource(
                f"{type(element).__name__} needs {name} ({url}), which is not shipped in "
                "est_data/vendor/leaflet"
            )
    return out


def _walk(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def localise(fmap: folium.Map) -> folium.Map:
    """Point every element of the map at the shipped Leaflet files (data: URLs); returns the map."""
    for element in _walk(fmap):
        if isinstance(element, ColorMap):  # st_folium would add d3 from two CDNs for its legend
            raise UnshippedResource(
                "a branca colour scale's legend needs d3 from a CDN; draw the legend with"
                " mapassets.legend_control instead"
            )
        for attribute in ("default_js", "default_css"):
            listed = getattr(element, attribute, None)
            if listed:
                setattr(element, attribute, _local(list(listed), element))
    return fmap


def outside_links(js_links: list[str], css_links: list[str]) -> list[str]:
    """The links of a map that would be fetched from another host (should be none)."""
    return [link for link in [*js_links, *css_links] if not link.startswith("data:")]


# ------------------------------------------------------------------------------------------ basemap


def tiles_setting() -> tuple[str, str]:
    """(URL, attribution) of the basemap; an empty URL means no basemap (the plain background)."""
    url = config.get("map_tiles_url").strip()
    if url.casefold() in ("", "none", "ingen"):
        return "", ""
    attribution = config.get("map_tiles_attribution").strip()
    if url == OSM_URL and not attribution:
        attribution = OSM_ATTRIBUTION
    if not attribution:  # folium (rightly) wants an attribution for every basemap: the host at least
        attribution = url.split("/")[2] if "://" in url else url
    return url, attribution


class TileNotice(MacroElement):
    """A one-line notice on the map when its basemap tiles cannot be loaded (blocked, offline)."""

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>
                .leaflet-container { background: {{ this.background }}; }
                .est-tile-notice { background: rgba(255, 255, 255, 0.92); padding: 3px 8px;
                                   border: 1px solid #999; border-radius: 3px; font: 13px/1.4 sans-serif;
                                   color: #333; max-width: 90vw; }
            </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            (function () {
                var map = {{ this._parent.get_name() }};
                var notice = L.control({position: "bottomleft"});
                notice.onAdd = function () {
                    var div = L.DomUtil.create("div", "est-tile-notice");
                    div.textContent = {{ this.text | tojson }};
                    return div;
                };
                var loaded = 0, failed = 0, shown = false;
                function show() { if (!shown && loaded === 0) { notice.addTo(map); shown = true; } }
                {% if this.layer %}
                var layer = {{ this.layer.get_name() }};
                layer.on("tileload", function () {
                    loaded++;
                    if (shown) { map.removeControl(notice); shown = false; }
                });
                layer.on("tileerror", function () { failed++; show(); });
                // a network that drops the requests instead of refusing them gives no error for long
                setTimeout(function () { if (loaded === 0) { show(); } }, {{ this.wait_ms }});
                {% else %}
                show();
                {% endif %}
            })();
        {% endmacro %}
    """)

    def __init__(self, text: str, layer: folium.TileLayer | None, wait_ms: int = 8000) -> None:
        super().__init__()
        self._name = "TileNotice"
        self.text = text
        self.layer = layer
        self.wait_ms = int(wait_ms)
        self.background = BACKGROUND


def add_basemap(fmap: folium.Map, lang: str = "sv") -> folium.TileLayer | None:
    """The basemap of the settings on a plain background, with the notice for when it cannot load."""
    url, attribution = tiles_setting()
    layer = None
    if url:
        layer = folium.TileLayer(
            tiles=url, attr=attribution, name=i18n.t("maps.basemap", lang), max_zoom=19, control=False
        )
        layer.add_to(fmap)
    text = i18n.t("maps.tiles_failed" if url else "maps.no_basemap", lang)
    TileNotice(text, layer).add_to(fmap)
    return layer


def legend_control(fmap: folium.Map, html: str, position: str = "bottomright") -> None:
    """A legend drawn by Leaflet itself (branca's colour-scale legend needs d3 from a CDN).
    `html` must already be escaped."""
    LegendControl(html, position).add_to(fmap)


class LegendControl(MacroElement):
    _template = Template("""
        {% macro script(this, kwargs) %}
            (function () {
                var legend = L.control({position: {{ this.position | tojson }}});
                legend.onAdd = function () {
                    var div = L.DomUtil.create("div", "est-legend");
                    div.innerHTML = {{ this.html | tojson }};
                    div.style.cssText = "background: rgba(255,255,255,0.9); padding: 4px 8px; "
                        + "border: 1px solid #999; border-radius: 3px; font: 12px/1.4 sans-serif";
                    return div;
                };
                legend.addTo({{ this._parent.get_name() }});
            })();
        {% endmacro %}
    """)

    def __init__(self, html: str, position: str = "bottomright") -> None:
        super().__init__()
        self._name = "LegendControl"
        self.html = html
        self.position = position
