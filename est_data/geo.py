"""Coordinates and maps: EPSG:4326 <-> EPSG:3006 (SWEREF 99 TM), folium maps with escaped text.

Stored coordinates are WGS 84 (EPSG:4326); distances, buffers and grids are computed in
SWEREF 99 TM (EPSG:3006, metres). Every text that reaches a folium popup or tooltip goes through
`escape` first: folium renders them as HTML, and free text may contain `<script>`.
"""

from __future__ import annotations

import html
import json
import math

import folium
import geopandas as gpd
import pandas as pd
from shapely import wkt

WGS84 = "EPSG:4326"
SWEREF = "EPSG:3006"

# Status colours: the conventional traffic light, darkened so the three differ in lightness too
# (readable for red-green colour blindness and in greyscale print); always shown with a text label.
STATUS_COLOURS = {"grön": "#1a9850", "gul": "#fdae61", "röd": "#b2182b", None: "#bdbdbd"}


def escape(value: object) -> str:
    """Text safe to put in HTML (popups, tooltips, HTML reports)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def areas_gdf(areas: pd.DataFrame) -> gpd.GeoDataFrame:
    """Areas (with geometry_wkt in EPSG:4326) as a GeoDataFrame; rows without geometry are dropped."""
    frame = areas[areas["geometry_wkt"].notna() & (areas["geometry_wkt"] != "")].copy()
    geometry = frame["geometry_wkt"].map(wkt.loads)
    gdf = gpd.GeoDataFrame(frame.drop(columns=["geometry_wkt"]), geometry=list(geometry), crs=WGS84)
    return gdf[~gdf.geometry.is_empty]


def to_metric(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gdf.to_crs(SWEREF)


def points_gdf(df: pd.DataFrame, lat: str = "lat", lon: str = "lon") -> gpd.GeoDataFrame:
    frame = df[df[lat].notna() & df[lon].notna()]
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame[lon], frame[lat]), crs=WGS84)


def _json_safe(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, int | float | bool):
        return value
    return escape(value)


def base_map(gdf: gpd.GeoDataFrame | None = None, zoom_start: int = 12, lang: str = "sv") -> folium.Map:
    """A map fitted to gdf's bounds (or Sweden), on the basemap of the settings (OpenStreetMap by
    default) with a notice when its tiles cannot be loaded; Leaflet comes from the app itself
    (`mapassets.localise` runs again when the map is shown, for elements added later)."""
    from est_data import mapassets

    m = folium.Map(location=[62.0, 15.0], zoom_start=5, tiles=None, control_scale=True, prefer_canvas=True)
    mapassets.add_basemap(m, lang)
    mapassets.localise(m)
    if gdf is not None and not gdf.empty:
        minx, miny, maxx, maxy = gdf.to_crs(WGS84).total_bounds
        m.fit_bounds([[miny, minx], [maxy, maxx]])
    return m


def add_areas(
    m: folium.Map,
    gdf: gpd.GeoDataFrame,
    colour_col: str | None,
    tooltip_cols: dict[str, str],
    name: str = "Områden",
    colours: dict | None = None,
    opacity: float = 0.55,
) -> folium.GeoJson:
    """Area polygons coloured by gdf[colour_col] (a colour per value via `colours`, or a hex colour
    column), with a tooltip of the given columns ({column: label}). All text is escaped."""
    colours = colours or STATUS_COLOURS
    frame = gdf.to_crs(WGS84)
    features = []
    for _, row in frame.iterrows():
        value = row[colour_col] if colour_col else None
        if isinstance(value, float) and math.isnan(value):
            value = None
        fill = value if (isinstance(value, str) and value.startswith("#")) else colours.get(value, "#3182bd")
        props = {col: _json_safe(row[col]) for col in tooltip_cols}
        props["_fill"] = fill
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": json.loads(gpd.GeoSeries([row.geometry]).to_json())["features"][0]["geometry"],
            }
        )
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        style_function=lambda f: {
            "fillColor": f["properties"]["_fill"],
            "color": "#333333",
            "weight": 1,
            "fillOpacity": opacity,
        },
        highlight_function=lambda f: {"weight": 3},
        tooltip=folium.GeoJsonTooltip(
            fields=list(tooltip_cols), aliases=list(tooltip_cols.values()), sticky=True
        )
        if tooltip_cols
        else None,
    )
    layer.add_to(m)
    return layer


def status_legend_html(labels: dict[str, str]) -> str:
    """A small legend (status -> label) as HTML for st.markdown or a map element; labels are escaped."""
    items = "".join(
        f'<span style="display:inline-block;width:14px;height:14px;background:{STATUS_COLOURS[k]};'
        f'border:1px solid #333;margin:0 4px 0 12px;vertical-align:middle"></span>{escape(v)}'
        for k, v in labels.items()
    )
    return f"<div>{items}</div>"


def localise_map(m: folium.Map) -> folium.Map:
    """Leaflet plugins added after `base_map` (e.g. Draw) from the app itself as well."""
    from est_data import mapassets

    return mapassets.localise(m)
