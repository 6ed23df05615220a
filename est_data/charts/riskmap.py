"""Karta's "Risk nästa vecka" layer: the flagged cells of `analysis.riskmap` as one GeoJSON layer.

Outlined in violet with a light fill, so it reads apart from the Gi* cells (filled red/blue). Cells
tied at the cut-off are dashed. Tooltips are escaped (`geo.escape`).
"""

from __future__ import annotations

import folium

from est_data import geo, i18n
from est_data.analysis import hotspots, riskmap

COLOUR = "#6a3d9a"


def add_risk(m: folium.Map, result, lang: str) -> None:
    """Draw risk.RiskResult's flagged cells (nothing when no map is shown: too few weeks)."""
    cells = riskmap.flagged_cells(result.risk)
    if cells.empty:
        return
    k = len(cells)
    corners = hotspots.cell_polygons(cells, result.cell)
    features = []
    for row, ring in zip(cells.itertuples(), corners, strict=True):
        partial = bool(row.partial)
        lines = [
            i18n.t("risk.map.tooltip", lang, rank=int(row.rank), k=k),
            i18n.t("risk.map.recent", lang, n=i18n.number(float(row.recent), 0, lang)),
        ]
        if partial:
            lines.append(i18n.t("risk.map.tooltip_partial", lang))
        coords = [[lon, lat] for lat, lon in ring] + [[ring[0][1], ring[0][0]]]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [coords]},
                "properties": {
                    "label": "<br>".join(geo.escape(line) for line in lines),
                    "dash": "4 3" if partial else None,
                },
            }
        )
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=i18n.t("incidents.layer.risk", lang),
        style_function=lambda f: {
            "color": COLOUR,
            "weight": 2.5,
            "dashArray": f["properties"]["dash"],
            "fillColor": COLOUR,
            "fillOpacity": 0.18,
        },
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    ).add_to(m)
