"""Folium layers and maps for safety walks: findings (a layer on Karta and on the walk's own map),
a walk's route, and a map to draw a route on. Every text in a tooltip is escaped with `geo.escape`."""

from __future__ import annotations

import json

import folium
import pandas as pd

from est_data import display, geo, i18n

# One colour per category, readable on OpenStreetMap's light background.
CATEGORY_COLOURS = {
    "belysning": "#e6a100",
    "vegetation": "#2f7d32",
    "skymd_sikt": "#6a3d9a",
    "nedskrapning": "#8c6d31",
    "hang": "#c62828",
    "annat": "#546e7a",
}


def t(key: str, lang: str, **kwargs: object) -> str:
    return i18n.t(key, lang, **kwargs)


def finding_tooltip(row, lang: str) -> str:
    """A finding's tooltip: category, walk date, place and description, proposed measure and whether it
    became an action (no participants, notes or photos)."""
    parts = [f"<b>{geo.escape(t('walks.category.' + str(row.category), lang))}</b>"]
    walk_date = getattr(row, "walk_date", None)  # Karta's layer has it; one walk's own map does not need it
    if not display.missing(walk_date):
        parts.append(geo.escape(t("walks.map.walk_of", lang, date=display.text(walk_date)[:10])))
    for value in (row.place_text, row.description):
        if not display.missing(value):
            parts.append(geo.escape(value))
    if not display.missing(row.proposed_measure):
        parts.append(geo.escape(t("walks.map.measure", lang, text=row.proposed_measure)))
    if not display.missing(row.action_id):
        parts.append(geo.escape(t("walks.map.action", lang, id=int(row.action_id))))
    return "<br>".join(parts)


def add_findings(
    m: folium.Map, findings: pd.DataFrame, lang: str, name: str | None = None
) -> folium.FeatureGroup:
    """Findings with a position as markers coloured by category, in a layer of their own. A finding
    turned into an action has a thick dark ring."""
    group = folium.FeatureGroup(name=name or t("walks.layer", lang)).add_to(m)
    for row in findings.itertuples():
        if display.missing(row.lat) or display.missing(row.lon):
            continue
        acted = not display.missing(row.action_id)
        folium.CircleMarker(
            [float(row.lat), float(row.lon)],
            radius=8,
            color="#212121" if acted else CATEGORY_COLOURS.get(str(row.category), "#546e7a"),
            weight=3 if acted else 1.5,
            fill=True,
            fill_color=CATEGORY_COLOURS.get(str(row.category), "#546e7a"),
            fill_opacity=0.85,
            tooltip=finding_tooltip(row, lang),
        ).add_to(group)
    _control_last(m)
    return group


def _control_last(m: folium.Map) -> None:
    """Keep a layer control the last child of the map: folium's LayerControl lists the layers added
    before it only (its own note: "should be added last"); Karta's map adds it in charts.maps.build."""
    for name, child in list(m._children.items()):
        if isinstance(child, folium.LayerControl):
            m._children.move_to_end(name)


def add_route(m: folium.Map, route_geojson: str | None, lang: str) -> None:
    if not route_geojson:
        return
    folium.GeoJson(
        json.loads(route_geojson),
        name=t("walks.map.route", lang),
        style_function=lambda _: {"color": "#1565c0", "weight": 4, "opacity": 0.8, "dashArray": "6 6"},
    ).add_to(m)


def walk_map(areas: pd.DataFrame, area_id: int | None, route: str | None, findings: pd.DataFrame, lang: str):
    """The map of one walk: the municipality's areas (the walk's own highlighted), its route and its
    findings; clicking it gives a new finding's position (ui.mapclick)."""
    gdf = geo.areas_gdf(areas) if not areas.empty else None
    focus = gdf[gdf["id"] == area_id] if gdf is not None and area_id is not None else None
    m = geo.base_map(focus if focus is not None and not focus.empty else gdf, zoom_start=14, lang=lang)
    if gdf is not None and not gdf.empty:
        geo.add_areas(m, gdf, None, {"name": t("walks.col.area", lang)}, opacity=0.05)
    if focus is not None and not focus.empty:  # the walk's own area, tinted
        geo.add_areas(
            m, focus, None, {"name": t("walks.col.area", lang)}, name=t("walks.col.area", lang),
            colours={None: "#1565c0"}, opacity=0.12,
        )  # fmt: skip
    add_route(m, route, lang)
    if not findings.empty:
        add_findings(m, findings, lang)
    return geo.localise_map(m)


def route_drawing_map(areas: pd.DataFrame, lang: str):
    """A map of the areas with a tool to draw a line (the walk's route)."""
    from folium.plugins import Draw

    gdf = geo.areas_gdf(areas) if not areas.empty else None
    m = geo.base_map(gdf, lang=lang)
    if gdf is not None and not gdf.empty:
        geo.add_areas(m, gdf, None, {"name": t("walks.col.area", lang)}, opacity=0.05)
    Draw(
        draw_options={
            "polyline": True,
            "polygon": False,
            "rectangle": False,
            "circle": False,
            "marker": False,
            "circlemarker": False,
        },
        edit_options={"edit": False},
    ).add_to(m)
    return geo.localise_map(m)
