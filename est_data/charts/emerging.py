"""Karta's layer "Framväxande hot spots" (issue 19): each cell with an emerging hot spot pattern, coloured by
its category, in one GeoJSON layer; tooltips escaped with `geo.escape`."""

from __future__ import annotations

import folium

from est_data import geo, i18n
from est_data.analysis import hotspots
from est_data.analysis.emerging import Result
from est_data.emerging_map import p_text

# Hot patterns in reds and oranges (the ones that call for attention now strongest), cold ones in blues,
# fading ones pale: the colour logic of ArcGIS's emerging hot spot symbols, not its exact colours.
COLOURS = {
    "new_hot": "#e31a1c",
    "consecutive_hot": "#fd8d3c",
    "intensifying_hot": "#800026",
    "persistent_hot": "#bd0026",
    "diminishing_hot": "#fc9272",
    "sporadic_hot": "#fed976",
    "oscillating_hot": "#c51b8a",
    "historical_hot": "#d9d9d9",
    "new_cold": "#08519c",
    "consecutive_cold": "#4292c6",
    "intensifying_cold": "#08306b",
    "persistent_cold": "#2171b5",
    "diminishing_cold": "#9ecae1",
    "sporadic_cold": "#c6dbef",
    "oscillating_cold": "#6a51a3",
    "historical_cold": "#bdbdbd",
}


def add_layer(m: folium.Map, result: Result, lang: str) -> None:
    """The cells with a pattern (nothing is drawn when none has one, or the series is too short)."""
    cells = result.cells
    if result.status != "ok" or cells.empty:
        return
    shown = cells[cells["category"] != "none"]
    if shown.empty:
        return
    unit = i18n.t(f"emerging.step.{result.step}.plural", lang)
    n = len(result.steps)
    features = []
    for row, ring in zip(shown.itertuples(), hotspots.cell_polygons(shown, result.cell), strict=True):
        label = i18n.t(
            "emerging.map.tooltip",
            lang,
            category=f"<b>{geo.escape(i18n.t(f'emerging.category.{row.category}', lang))}</b>",
            hot_steps=geo.escape(
                i18n.t(
                    "emerging.hot_steps",
                    lang,
                    hot=int(row.hot_steps),
                    cold=int(row.cold_steps),
                    n=n,
                    unit=unit,
                )
            ),
            trend=geo.escape(i18n.t(f"emerging.trend.{int(row.trend)}", lang)),
            p=geo.escape(p_text(float(row.trend_p), lang)),
            last=geo.escape(i18n.number(float(row.last_count), 0, lang)),
        )
        coords = [[lon, lat] for lat, lon in ring] + [[ring[0][1], ring[0][0]]]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [coords]},
                "properties": {"colour": COLOURS.get(str(row.category), "#999999"), "label": label},
            }
        )
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=i18n.t("incidents.layer.emerging", lang),
        style_function=lambda f: {
            "color": "#222",
            "weight": 1.5,
            "fillColor": f["properties"]["colour"],
            "fillOpacity": 0.75,
        },
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    ).add_to(m)


def legend_html(categories: list[str], lang: str) -> str:
    """Colour swatches for the given categories, labels escaped."""
    return (
        "<div>"
        + "".join(
            f'<div><span style="display:inline-block;width:14px;height:14px;background:{COLOURS[c]};'
            f'border:1px solid #222;margin-right:6px;vertical-align:middle"></span>'
            f"{geo.escape(i18n.t(f'emerging.category.{c}', lang))}</div>"
            for c in categories
            if c in COLOURS
        )
        + "</div>"
    )
