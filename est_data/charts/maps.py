"""Folium layers for the Karta page: areas, clustered events, heat (kernel density), places, Gi* cells.

Only aggregates reach the browser: at most `MAX_MARKERS` individual events (clustered), otherwise
positions binned in DuckDB drawn as sized circles; the heat picture is one small raster image; the
hotspot layer is one polygon per non-empty or significant cell. Every text in a popup or tooltip is
escaped with `geo.escape` (folium renders them as HTML and free text may contain `<script>`).
"""

from __future__ import annotations

import math

import branca.colormap as cm
import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from folium import plugins
from matplotlib import colormaps

from est_data import display, geo, i18n, mapassets
from est_data.analysis import hotspots
from est_data.charts import emerging

MAX_MARKERS = 2000
MAX_CIRCLES = 3000
HOT_COLOURS = {3: "#b2182b", 2: "#ef8a62", 1: "#fddbc7", -1: "#d1e5f0", -2: "#67a9cf", -3: "#2166ac"}
SOURCE_COLOURS = {"polisen": "darkblue", "felanmalan": "orange", "rapportör": "green"}


def t(key: str, lang: str, **kwargs: object) -> str:
    return i18n.t(key, lang, **kwargs)


def new_map(areas: gpd.GeoDataFrame | None, lang: str = "sv") -> folium.Map:
    return geo.base_map(areas, lang=lang)


def add_areas_by_status(m: folium.Map, areas: gpd.GeoDataFrame, status: pd.DataFrame, lang: str) -> None:
    """Areas coloured by the week's status (status: area_id, status)."""
    frame = areas.merge(status[["area_id", "status"]], left_on="id", right_on="area_id", how="left")
    frame["status_label"] = [
        display.label("status", s, lang, empty=t("incidents.map.no_status", lang)) for s in frame["status"]
    ]
    geo.add_areas(
        m,
        frame,
        "status",
        {"name": t("incidents.col.area", lang), "status_label": t("incidents.col.status", lang)},
        name=t("incidents.layer.areas", lang),
    )


def add_areas_by_rate(
    m: folium.Map, areas: gpd.GeoDataFrame, counts: pd.DataFrame, lang: str
) -> cm.LinearColormap:
    """Areas coloured by events per 1 000 inhabitants (or by count when the population is unknown).

    Returns the colour scale; its legend is drawn by `rate_legend_html` (branca's own legend needs d3
    from a CDN)."""
    frame = areas.merge(counts[["area_id", "n", "per_1000"]], left_on="id", right_on="area_id", how="left")
    use_rate = frame["per_1000"].notna().any()
    values = (frame["per_1000"] if use_rate else frame["n"]).fillna(0).astype(float)
    vmax = float(values.max()) if len(values) and values.max() > 0 else 1.0
    colormap = cm.LinearColormap(
        ["#ffffcc", "#fd8d3c", "#800026"],
        vmin=0,
        vmax=vmax,
        caption=t("incidents.legend.rate" if use_rate else "incidents.legend.count", lang),
    )
    frame["_colour"] = [colormap(v) for v in values]
    frame["rate_label"] = [i18n.number(v, 1, lang) for v in values]
    frame["n_label"] = frame["n"].fillna(0).astype(int).astype(str)
    geo.add_areas(
        m,
        frame,
        "_colour",
        {
            "name": t("incidents.col.area", lang),
            "n_label": t("incidents.col.count", lang),
            "rate_label": t("incidents.col.per_1000", lang),
        },
        name=t("incidents.layer.areas", lang),
        opacity=0.6,
    )
    return colormap


def rate_legend_html(colormap: cm.LinearColormap, lang: str) -> str:
    """The colour scale as a gradient bar with its ends and caption (escaped HTML, no scripts)."""
    stops = ", ".join(
        colormap.rgb_hex_str(colormap.vmin + (colormap.vmax - colormap.vmin) * i / 4) for i in range(5)
    )
    return (
        f"<div>{geo.escape(colormap.caption)}</div>"
        f'<div style="width:180px;height:10px;background:linear-gradient(to right, {stops});'
        f'border:1px solid #777"></div>'
        f'<div style="display:flex;justify-content:space-between;width:180px">'
        f"<span>{geo.escape(i18n.number(colormap.vmin, 0, lang))}</span>"
        f"<span>{geo.escape(i18n.number(colormap.vmax, 1, lang))}</span></div>"
    )


def event_popup(row: pd.Series, lang: str) -> str:
    """Popup HTML for one event; every value escaped, the link only to the police website."""
    when = ""
    if pd.notna(row["occurred_at"]):  # a day-only or window event has no time of day to show (issue 14)
        exact = bool(row.get("exact_time", True))
        when = pd.Timestamp(row["occurred_at"]).strftime("%Y-%m-%d %H:%M" if exact else "%Y-%m-%d")
        when += "" if exact else " " + t("incidents.map.no_time", lang)
    parts = [
        f"<b>{geo.escape(row['category'])}</b>",
        f"{geo.escape(source_name(str(row['source']), lang))} · {geo.escape(when)}",
    ]
    text = row.get("text")
    if isinstance(text, str) and text:
        parts.append(geo.escape(text[:400]))
    url = row.get("url")
    if isinstance(url, str) and url.startswith("https://polisen.se/"):
        parts.append(f'<a href="{geo.escape(url)}" target="_blank" rel="noopener">polisen.se</a>')
    return "<br>".join(parts)


_CLUSTER_CALLBACK = """
function (row) {
    var marker = L.circleMarker(new L.LatLng(row[0], row[1]),
        {radius: 6, color: row[3], weight: 1, fillColor: row[3], fillOpacity: 0.8});
    marker.bindPopup(row[2], {maxWidth: 320});
    return marker;
};
"""
MARKER_COLOURS = {"polisen": "#08519c", "felanmalan": "#e6550d", "rapportör": "#31a354"}


def source_name(source: str, lang: str) -> str:
    """A built-in source's name translated; an incident register by its own name."""
    from est_data.incidents import source_label

    return source_label(source, lang)


def add_event_clusters(m: folium.Map, points: pd.DataFrame, lang: str) -> None:
    """Individual events (at most MAX_MARKERS) in marker clusters, each with an escaped popup.

    FastMarkerCluster ships the rows as one JavaScript array; the popup strings are escaped HTML.
    """
    rows = [
        [float(r["lat"]), float(r["lon"]), event_popup(r, lang), MARKER_COLOURS.get(r["source"], "#636363")]
        for _, r in points.head(MAX_MARKERS).iterrows()
    ]
    plugins.FastMarkerCluster(
        rows, callback=_CLUSTER_CALLBACK, name=t("incidents.layer.clusters", lang)
    ).add_to(m)


def _points_geojson(lats, lons, props: list[dict]) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(lo), float(la)]},
                "properties": p,
            }
            for la, lo, p in zip(lats, lons, props, strict=True)
        ],
    }


def add_binned_events(m: folium.Map, binned: pd.DataFrame, lang: str) -> None:
    """Many events: positions binned in DuckDB, drawn as circles sized by count (largest MAX_CIRCLES),
    all in one GeoJSON layer."""
    top = binned.sort_values("n", ascending=False).head(MAX_CIRCLES)
    if top.empty:
        return
    nmax = float(top["n"].max())
    props = [
        {
            "r": round(3 + 12 * math.sqrt(n / nmax), 1),
            "label": geo.escape(t("incidents.map.n_events", lang, n=int(n))),
        }
        for n in top["n"]
    ]
    folium.GeoJson(
        _points_geojson(top["lat"], top["lon"], props),
        name=t("incidents.layer.clusters", lang),
        marker=folium.CircleMarker(radius=5, color="#08306b", weight=1, fill=True, fill_opacity=0.6),
        style_function=lambda f: {"radius": f["properties"]["r"]},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    ).add_to(m)


def heat_image(density: hotspots.Density) -> np.ndarray:
    """The density as an RGBA image: transparent where low, yellow-orange-red where high."""
    values = density.values
    positive = values[values > 0]
    top = float(np.quantile(positive, 0.995)) if positive.size else 1.0
    scaled = np.clip(values / (top or 1.0), 0, 1)
    rgba = colormaps["YlOrRd"](scaled)
    rgba[..., 3] = np.where(scaled < 0.03, 0.0, 0.25 + 0.6 * scaled)
    return (rgba * 255).astype(np.uint8)


def add_heat(m: folium.Map, density: hotspots.Density | None, lang: str) -> None:
    if density is None:
        return
    # Its own pane above the area polygons (overlayPane, z-index 400) and below markers (600).
    folium.map.CustomPane("heat", z_index=450, pointer_events=False).add_to(m)
    folium.raster_layers.ImageOverlay(
        image=heat_image(density),
        bounds=[[density.south, density.west], [density.north, density.east]],
        name=t("incidents.layer.heat", lang),
        opacity=0.85,
        mercator_project=True,
        interactive=False,
        pane="heat",
    ).add_to(m)


def add_places(m: folium.Map, places: pd.DataFrame, lang: str) -> None:
    """Named places with their counts in the period and the period before."""
    group = folium.FeatureGroup(name=t("incidents.layer.places", lang)).add_to(m)
    for row in places.itertuples():
        if pd.isna(row.lat) or pd.isna(row.lon):
            continue
        tip = (
            f"<b>{geo.escape(row.name)}</b> ({geo.escape(row.kind)})<br>"
            f"{geo.escape(t('incidents.map.place_counts', lang, n=int(row.n), previous=int(row.previous)))}"
        )
        folium.CircleMarker(
            [float(row.lat), float(row.lon)],
            radius=5 + min(int(row.n), 200) ** 0.5,
            color="#4a1486",
            weight=2,
            fill=True,
            fill_color="#9e9ac8",
            fill_opacity=0.8,
            tooltip=tip,
        ).add_to(group)


def hot_label(level: int, isolated: bool, lang: str) -> str:
    """A cell's Gi* label in words: "Het 95 %", or "Het 95 %: het ruta, lugnt runt omkring" for a busy
    cell whose neighbours are not busier than chance (see analysis.hotspots)."""
    label = t(f"incidents.hot.level{int(level)}", lang)
    return t("incidents.hot.isolated", lang, label=label) if isolated and level > 0 else label


def add_hotspots(m: folium.Map, cells: pd.DataFrame, cell: float, lang: str, show_cold: bool = False) -> None:
    """Gi* cells: hot (and optionally cold) cells coloured by FDR level, in one GeoJSON layer; a hot cell
    with quiet neighbours ("isolated") gets a dashed outline and says so in its tooltip."""
    shown = cells[(cells["level"] > 0) | ((cells["level"] < 0) & show_cold)]
    if shown.empty:
        return
    corners = hotspots.cell_polygons(shown, cell)
    features = []
    for row, ring in zip(shown.itertuples(), corners, strict=True):
        level = int(row.level)
        isolated = bool(getattr(row, "isolated", False))
        window = t(
            "incidents.map.window_counts",
            lang,
            window=i18n.number(float(getattr(row, "window", 0)), 0, lang),
            expected=i18n.number(float(getattr(row, "expected", 0)), 1, lang),
        )
        label = (
            f"<b>{geo.escape(hot_label(level, isolated, lang))}</b><br>"
            f"{geo.escape(t('incidents.map.cell_counts', lang, n=int(row.count), previous=int(row.previous)))}"
            f"<br>{geo.escape(window)}"
            f"<br>Gi* z = {geo.escape(i18n.number(float(row.z), 1, lang))}"
        )
        coords = [[lon, lat] for lat, lon in ring] + [[ring[0][1], ring[0][0]]]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [coords]},
                "properties": {
                    "colour": HOT_COLOURS[level],
                    "label": label,
                    "dash": "4 3" if isolated else None,
                },
            }
        )
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=t("incidents.layer.hotspots", lang),
        style_function=lambda f: {
            "color": "#333" if f["properties"]["dash"] else f["properties"]["colour"],
            "weight": 2 if f["properties"]["dash"] else 0.5,
            "dashArray": f["properties"]["dash"],
            "fillColor": f["properties"]["colour"],
            "fillOpacity": 0.65,
        },
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    ).add_to(m)


def hotspot_legend_html(lang: str, show_cold: bool) -> str:
    """The legend for Gi* cells, in plain words; labels escaped."""
    levels = [3, 2, 1] + ([-1, -2, -3] if show_cold else [])
    items = "".join(
        f'<div><span style="display:inline-block;width:14px;height:14px;background:{HOT_COLOURS[lv]};'
        f'border:1px solid #555;margin-right:6px;vertical-align:middle"></span>'
        f"{geo.escape(t(f'incidents.hot.level{lv}', lang))}</div>"
        for lv in levels
    )
    items += (
        f'<div><span style="display:inline-block;width:14px;height:14px;background:{HOT_COLOURS[2]};'
        f'border:2px dashed #333;margin-right:6px;vertical-align:middle"></span>'
        f"{geo.escape(hot_label(2, True, lang))}</div>"
    )
    return f"<div>{items}</div>"


def build(data, lang: str, show_cold: bool = False) -> folium.Map:
    """The Karta map from incidents.MapData: the layers that were computed, and a layer control."""
    areas = data.areas
    gdf = geo.areas_gdf(areas) if not areas.empty else None
    m = new_map(gdf, lang)
    legend = None
    if gdf is not None and not gdf.empty:
        if data.status is not None:
            add_areas_by_status(m, gdf, data.status, lang)
        elif data.area_counts is not None:
            legend = add_areas_by_rate(m, gdf, data.area_counts, lang)
        else:
            geo.add_areas(
                m,
                gdf,
                None,
                {"name": t("incidents.col.area", lang)},
                name=t("incidents.layer.areas", lang),
                colours={None: "#6baed6"},
                opacity=0.08,
            )
    if data.density is not None:
        add_heat(m, data.density, lang)
    if data.cells is not None:
        add_hotspots(m, data.cells, data.cell, lang, show_cold)
    if getattr(data, "risk", None) is not None:
        from est_data.charts import riskmap

        riskmap.add_risk(m, data.risk, lang)
    if getattr(data, "emerging", None) is not None:
        emerging.add_layer(m, data.emerging, lang)  # issue 19
    if data.points is not None:
        add_event_clusters(m, data.points, lang)
    elif data.binned is not None:
        add_binned_events(m, data.binned, lang)
    if data.places is not None:
        add_places(m, data.places, lang)
    folium.LayerControl(collapsed=True).add_to(m)
    if legend is not None:
        mapassets.legend_control(m, rate_legend_html(legend, lang))
    return mapassets.localise(m)
