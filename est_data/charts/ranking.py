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


def label_positions(frame: pd.DataFrame) -> dict[int, str]:
    """A text position per area so that names do not overlap each other or the edges: greedily, each
    name takes the first of above, below, right and left whose box (in axis units, from the name's
    length) overlaps no name placed before it, else the least overlapping one. (Hand-written: plotly has
    no automatic label placement.)"""
    char, height = 0.95, 5.0  # axis units per character and per line at the chart's font size
    boxes: list[tuple[float, float, float, float]] = []
    out: dict[int, str] = {}

    def overlap(box: tuple[float, float, float, float]) -> float:
        x0, x1, y0, y1 = box
        edge = max(0.0, -4 - x0) + max(0.0, x1 - 104)
        return edge * height + sum(
            max(0.0, min(x1, b[1]) - max(x0, b[0])) * max(0.0, min(y1, b[3]) - max(y0, b[2])) for b in boxes
        )

    for row in frame.sort_values(["need", "influence"], ascending=False).itertuples():
        width = len(str(row.area)) * char
        x, y = float(row.need), float(row.influence)
        options = {
            "top center": (x - width / 2, x + width / 2, y + 2, y + 2 + height),
            "bottom center": (x - width / 2, x + width / 2, y - 2 - height, y - 2),
            "middle right": (x + 2, x + 2 + width, y - height / 2, y + height / 2),
            "middle left": (x - 2 - width, x - 2, y - height / 2, y + height / 2),
        }
        best = min(options, key=lambda name: (overlap(options[name]), list(options).index(name)))
        boxes.append(options[best])
        out[int(row.area_id)] = best
    return out


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
    positions = label_positions(frame)
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
                textposition=[positions[int(a)] for a in part["area_id"]],
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
    chosen = frame[frame["area_id"].astype(int).isin(priority_ids)]
    if not chosen.empty:
        fig.add_trace(
            go.Scatter(
                x=chosen["need"],
                y=chosen["influence"],
                mode="markers",
                marker={"size": 26, "symbol": "circle-open", "color": "#d62728", "line": {"width": 3}},
                name=i18n.t("ranking.legend.priority", lang),
                hoverinfo="skip",
            )
        )
    fig.update_xaxes(range=[-4, 104], title=i18n.t("ranking.axis.need", lang), zeroline=False)
    fig.update_yaxes(range=[-3, 103], title=i18n.t("ranking.axis.influence", lang), zeroline=False)
    style(fig, height=560)
    fig.update_layout(legend={"orientation": "h", "y": -0.18}, margin={"b": 110})
    return fig
