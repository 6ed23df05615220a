"""The quarterly analysis's two-by-two picture (Kvartalsanalys): need against possibility to influence."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from est_data import i18n
from est_data.charts.common import style

# The quadrants: (x0, x1, y0, y1, fill, label key). Need is x, influence y; both split at 50.
QUADRANTS = (
    (50, 100, 50, 100, "rgba(214, 39, 40, 0.10)", "ranking.q.act"),
    (50, 100, 0, 50, "rgba(255, 127, 14, 0.12)", "ranking.q.partners"),
    (0, 50, 50, 100, "rgba(44, 160, 44, 0.08)", "ranking.q.keep"),
    (0, 50, 0, 50, "rgba(127, 127, 127, 0.06)", "ranking.q.watch"),
)
JUDGED, COMPUTED = "#1f4e79", "#9ecae1"


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
    for source, colour in (("judgement", JUDGED), ("computed", COMPUTED)):
        part = frame[frame["influence_source"] == source]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["need"],
                y=part["influence"],
                mode="markers+text",
                text=part["area"].astype(str),
                textposition="top center",
                textfont={"size": 14},
                marker={
                    "size": 14,
                    "color": colour,
                    "line": {
                        "width": [4 if int(a) in priority_ids else 1 for a in part["area_id"]],
                        "color": [
                            "#d62728" if int(a) in priority_ids else "#333333" for a in part["area_id"]
                        ],
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
    fig.update_xaxes(range=[-3, 103], title=i18n.t("ranking.axis.need", lang), zeroline=False)
    fig.update_yaxes(range=[-3, 103], title=i18n.t("ranking.axis.influence", lang), zeroline=False)
    style(fig, height=560)
    fig.update_layout(legend={"orientation": "h", "y": -0.18}, margin={"b": 110})
    return fig
