"""Charts of the action evaluation: pure functions returning plotly figures."""

from __future__ import annotations

import plotly.graph_objects as go

from est_data import i18n
from est_data.analysis.evaluation import Evaluation

TARGET_COLOUR = "#b2182b"
CONTROL_COLOUR = "#4d4d4d"
TREND_COLOUR = "#2166ac"


def its_figure(ev: Evaluation, lang: str = "sv") -> go.Figure:
    """Interrupted time series: weekly counts in target and (scaled) control, the start marked, and the
    target's linear before-trend carried forward over the after window."""
    fig = go.Figure()
    weekly = ev.weekly
    if weekly is None or weekly.empty or ev.start is None:
        return fig
    weeks = [d.isoformat() for d in weekly["week"]]
    fig.add_trace(
        go.Scatter(
            x=weeks,
            y=weekly["target"],
            mode="lines+markers",
            name=i18n.t("actions.chart.target", lang),
            line={"color": TARGET_COLOUR, "width": 2},
            marker={"size": 5},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=weeks,
            y=weekly["control_scaled"].round(2),
            mode="lines",
            name=i18n.t("actions.chart.control", lang),
            line={"color": CONTROL_COLOUR, "width": 1.5, "dash": "dot"},
        )
    )
    if weekly["trend"].notna().any():
        fig.add_trace(
            go.Scatter(
                x=weeks,
                y=weekly["trend"].round(2),
                mode="lines",
                name=i18n.t("actions.chart.trend", lang),
                line={"color": TREND_COLOUR, "width": 2, "dash": "dash"},
            )
        )
    start = ev.start.isoformat()
    fig.add_shape(
        type="line", x0=start, x1=start, y0=0, y1=1, yref="paper", line={"color": "#000000", "width": 2}
    )
    fig.add_annotation(
        x=start,
        y=0.98,
        yref="paper",
        text=" " + i18n.t("actions.chart.start", lang) + " " + start,
        showarrow=False,
        xanchor="left",
        yanchor="top",
        bgcolor="rgba(255,255,255,0.8)",
    )
    if ev.windows is not None and ev.windows.run_in_weeks:
        fig.add_vrect(
            x0=start,
            x1=ev.windows.after_start.isoformat(),
            fillcolor="#bdbdbd",
            opacity=0.3,
            line_width=0,
            annotation_text=i18n.t("actions.chart.run_in", lang),
        )
    fig.update_layout(
        xaxis_title=i18n.t("actions.chart.week", lang),
        yaxis_title=i18n.t("actions.chart.count", lang),
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 40, "r": 20, "t": 30, "b": 40},
        height=380,
        hovermode="x unified",
    )
    fig.update_yaxes(rangemode="tozero")
    return fig


def evaluation_map(ev: Evaluation, lang: str = "sv"):
    """A folium map of what is counted: the target, the buffer ring and their events before and after."""
    import folium
    import geopandas as gpd
    from shapely import wkt

    from est_data import geo

    if ev.target_wkt is None:
        return None
    target = gpd.GeoDataFrame(
        {"name": [i18n.t("actions.eval.row.target", lang)]},
        geometry=[wkt.loads(ev.target_wkt)],
        crs=geo.WGS84,
    )
    m = geo.base_map(
        target
        if ev.buffer_wkt is None
        else gpd.GeoDataFrame(geometry=[wkt.loads(ev.buffer_wkt)], crs=geo.WGS84)
    )
    if ev.buffer_wkt is not None:
        folium.GeoJson(
            wkt.loads(ev.buffer_wkt).__geo_interface__,
            name=i18n.t("actions.eval.row.buffer", lang),
            style_function=lambda f: {
                "color": "#e08214",
                "weight": 1,
                "fillColor": "#fdb863",
                "fillOpacity": 0.25,
            },
            tooltip=geo.escape(i18n.t("actions.eval.row.buffer", lang)),
        ).add_to(m)
    folium.GeoJson(
        wkt.loads(ev.target_wkt).__geo_interface__,
        name=i18n.t("actions.eval.row.target", lang),
        style_function=lambda f: {
            "color": TARGET_COLOUR,
            "weight": 2,
            "fillColor": TARGET_COLOUR,
            "fillOpacity": 0.12,
        },
        tooltip=geo.escape(i18n.t("actions.eval.row.target", lang)),
    ).add_to(m)
    colours = {"before": "#7f7f7f", "after": "#2166ac"}
    if ev.points is not None:
        for period in ("before", "after"):
            layer = folium.FeatureGroup(name=i18n.t(f"actions.map.{period}", lang))
            for row in ev.points[ev.points["period"] == period].itertuples():
                folium.CircleMarker(
                    [row.lat, row.lon],
                    radius=3,
                    color=colours[period],
                    fill=True,
                    fill_opacity=0.8,
                    weight=1,
                    tooltip=geo.escape(row.category),
                ).add_to(layer)
            layer.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    return m


def drawing_map(areas, lang: str = "sv"):
    """A map of the areas with tools to draw a polygon or rectangle (an action's own boundary)."""
    from folium.plugins import Draw

    from est_data import geo

    gdf = geo.areas_gdf(areas)
    m = geo.base_map(gdf)
    if not gdf.empty:
        geo.add_areas(m, gdf, None, {"name": i18n.t("actions.form.area", lang)}, opacity=0.05)
    Draw(
        draw_options={
            "polyline": False,
            "circle": False,
            "marker": False,
            "circlemarker": False,
            "polygon": True,
            "rectangle": True,
        },
        edit_options={"edit": False},
    ).add_to(m)
    return geo.localise_map(m)
