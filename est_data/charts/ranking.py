"""The quarterly analysis's two-by-two picture (Kvartalsanalys): need against possibility to influence."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from est_data import i18n
from est_data.analysis import ranking_picture as picture
from est_data.charts.common import style

# What the picture shows (points, judged or computed, priorities ringed, quadrants) is shared with the
# PDF's matplotlib figure: est_data.analysis.ranking_picture.
QUADRANTS = tuple(
    (x0, x1, y0, y1, f"rgba({r}, {g}, {b}, {alpha:.2f})", f"ranking.q.{q}")
    for x0, x1, y0, y1, (r, g, b), alpha, q in picture.QUADRANTS
)


def need_influence_figure(
    frame: pd.DataFrame, lang: str = "sv", priority_ids: tuple[int, ...] = ()
) -> go.Figure:
    """One marker per area (need, influence) with its name; the group's judgements dark, the computed
    proxy light; the chosen priority areas ringed. frame: period.need_and_influence."""
    fig = go.Figure()
    for x0, x1, y0, y1, fill, key in QUADRANTS:
        fig.add_shape(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, fillcolor=fill, line_width=0, layer="below")
        fig.add_annotation(
            x=x1 - 1 if x0 >= 50 else x0 + 1,
            y=y1 - 2 if y0 >= 50 else y0 + 2,
            text=f"<b>{i18n.t(key, lang)}</b>",
            showarrow=False,
            xanchor="right" if x0 >= 50 else "left",
            yanchor="top" if y0 >= 50 else "bottom",
            font={"size": 15, "color": "#495057"},
        )
    shown = picture.points(frame, priority_ids)
    for source, colour in picture.SOURCES:
        part = shown[shown["source"] == source]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["need"],
                y=part["influence"],
                mode="markers+text",
                text=part["area"],
                textposition=part["label_position"].tolist(),
                textfont={"size": 14},
                marker={
                    "size": 14,
                    "color": colour,
                    "line": {
                        "width": [4 if p else 1 for p in part["priority"]],
                        "color": [picture.PRIORITY if p else picture.EDGE for p in part["priority"]],
                    },
                },
                name=i18n.t(f"ranking.source.{source}", lang),
                hovertemplate="%{text}<br>"
                + i18n.t("ranking.col.need", lang)
                + " %{x:.0f} · "
                + i18n.t("ranking.col.influence", lang)
                + " %{y:.0f}<extra></extra>",
            )
        )
    chosen = shown[shown["priority"]]
    if not chosen.empty:
        fig.add_trace(
            go.Scatter(
                x=chosen["need"],
                y=chosen["influence"],
                mode="markers",
                marker={"size": 26, "symbol": "circle-open", "color": picture.PRIORITY, "line": {"width": 3}},
                name=i18n.t("ranking.legend.priority", lang),
                hoverinfo="skip",
            )
        )
    fig.update_xaxes(range=[-4, 104], title=i18n.t("ranking.axis.need", lang), zeroline=False)
    fig.update_yaxes(range=[-3, 103], title=i18n.t("ranking.axis.influence", lang), zeroline=False)
    style(fig, height=560)
    fig.update_layout(legend={"orientation": "h", "y": -0.18}, margin={"b": 110})
    return fig
