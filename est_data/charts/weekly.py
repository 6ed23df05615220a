"""Figures of the weekly cycle: the area × factor matrix and the response-rate history (plotly, pure).

The matrix uses ColorBrewer YlOrRd, a sequential scale that changes in lightness from pale yellow
to dark red, so it reads for red-green colour blindness and in greyscale; every cell also prints its
number, with ▲ / ▼ when it changed against the chosen comparison.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from est_data import i18n, rounds
from est_data.charts.common import style

YLORRD = ["#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"]  # ColorBrewer YlOrRd, 4 classes (levels 0–3)
UP, DOWN = "▲", "▼"


def _discrete_scale(colours: list[str]) -> list[list]:
    """A plotly colorscale with one flat band per level 0..n-1 (z from 0 to n-1)."""
    n = len(colours)
    scale = []
    for i, colour in enumerate(colours):
        scale.append([i / n, colour])
        scale.append([(i + 1) / n, colour])
    return scale


def _fmt(value: float, stat: str, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return str(int(value)) if stat == "max" else i18n.number(value, 1, lang)


def matrix_figure(
    matrix: pd.DataFrame,
    areas: dict[int, str],
    factors: dict[str, str],
    stat: str = "max",
    compare: str = "week",
    lang: str = "sv",
    area_labels: dict[int, str] | None = None,
    weeks: int = 1,
) -> go.Figure:
    """Heatmap of areas (rows, in the order of `areas`) × factors (columns, in the order of `factors`).

    stat: "max" (the week's highest level) or "mean" (mean across reporters); compare: "week" (last
    week) or "avg4" (the previous 4-week average). A change of a full level (max) or half a level
    (mean) is marked ▲ / ▼ beside the number; only changes that reach or leave level 2 (highest
    level) or a mean of 1 are marked, so small changes at low levels do not crowd the picture.
    Cells without answers stay empty.
    """
    value_col = "max_level" if stat == "max" else "mean_level"
    change_col = {
        ("max", "week"): "change_max",
        ("mean", "week"): "change_mean",
        ("max", "avg4"): "change4_max",
        ("mean", "avg4"): "change4_mean",
    }[(stat, compare)]
    threshold = 1.0 if stat == "max" else 0.5
    area_ids = list(areas)
    codes = list(factors)
    by_key = {(r.area_id, r.factor_code): r for r in matrix.itertuples()}
    z, text, hover = [], [], []
    for area_id in area_ids:
        z_row, text_row, hover_row = [], [], []
        for code in codes:
            r = by_key.get((area_id, code))
            if r is None:
                z_row.append(None)
                text_row.append("")
                hover_row.append(i18n.t("weekly.matrix.no_answers", lang))
                continue
            value = getattr(r, value_col)
            change = getattr(r, change_col)
            mark = ""
            floor = 2.0 if stat == "max" else 1.0
            quiet = not pd.isna(change) and max(value, value - change) < floor
            if change is not None and not pd.isna(change) and not quiet:
                mark = f" {UP}" if change >= threshold else (f" {DOWN}" if change <= -threshold else "")
            z_row.append(float(value))
            text_row.append(_fmt(value, stat, lang) + mark)
            hover_row.append(
                rounds.text(  # weeks=2: "Förra omgången", the four rounds before
                    "weekly.matrix.hover",
                    lang,
                    weeks,
                    area=areas[area_id],
                    factor=factors[code],
                    max=f"{int(r.max_level)} {i18n.t(f'weekly.level.{int(r.max_level)}', lang)}",
                    mean=i18n.number(r.mean_level, 1, lang),
                    answers=int(r.answers),
                    prev=_fmt(r.prev_max, "max", lang),
                    prev_mean=_fmt(r.prev_mean, "mean", lang),
                    avg4=_fmt(r.avg4_max, "mean", lang),
                )
            )
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    labels_y = [(area_labels or areas).get(a, areas[a]) for a in area_ids]
    colourbar = {"title": {"text": i18n.t("weekly.matrix.level", lang)}, "thickness": 14}
    if stat == "max":
        scale = _discrete_scale(YLORRD)
        colourbar.update(
            tickvals=[0.375, 1.125, 1.875, 2.625],
            ticktext=[f"{i} {i18n.t(f'weekly.level.{i}', lang)}" for i in range(4)],
        )
    else:
        scale = [[i / 3, c] for i, c in enumerate(YLORRD)]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[factors[c] for c in codes],
            y=labels_y,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 15, "color": "#111111"},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=scale,
            zmin=0,
            zmax=3,
            xgap=2,
            ygap=2,
            colorbar=colourbar,
        )
    )
    fig.update_yaxes(autorange="reversed", tickfont={"size": 14})
    fig.update_xaxes(side="top", tickangle=-35, tickfont={"size": 13})
    style(fig, None, height=max(360, 70 + 38 * len(area_ids) + 140))
    fig.update_layout(margin={"l": 10, "r": 10, "t": 150, "b": 10}, plot_bgcolor="#f4f4f4")
    return fig


def response_history_figure(history: pd.DataFrame, lang: str = "sv") -> go.Figure:
    """Response rate per week (history: week, monday, expected, answered, rate) as a line in percent."""
    fig = go.Figure(
        go.Scatter(
            x=history["monday"],
            y=(history["rate"] * 100).round(1),
            mode="lines+markers",
            line={"color": "#1f5f8b"},
            customdata=history[["week", "answered", "expected"]].to_numpy(),
            hovertemplate=i18n.t("weekly.rounds.history_hover", lang) + "<extra></extra>",
        )
    )
    fig.update_yaxes(title_text=i18n.t("weekly.rounds.rate_axis", lang), range=[0, 105])
    fig.update_xaxes(title_text=None)
    return style(fig, None, height=340)
