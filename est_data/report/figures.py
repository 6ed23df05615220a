"""Static charts and maps for the reports and the meeting screen, drawn with matplotlib (PNG bytes).

No pyplot (thread-safe under Streamlit): each function makes its own `Figure`. Maps are drawn from
the area polygons in SWEREF 99 TM (EPSG:3006) without web tiles, so they work offline.
"""

from __future__ import annotations

import io

import geopandas as gpd
import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text

from est_data.analysis import ranking_picture as picture
from est_data.geo import STATUS_COLOURS, SWEREF

GREY = "#6c757d"
BLUE = "#1f4e79"
LIGHT = "#9ecae1"


# Names of areas, categories and factors come from users and imported files; matplotlib would read
# `$…$` in them as mathtext (a name like "Torg $5" shows wrongly, "$\\frac$" crashes the report).
# Text is text: mathtext is off for every Text made after this import (tick labels included), and
# _png switches it off again on the figure's texts in case something reset the setting.
matplotlib.rcParams["text.parse_math"] = False


def png_of(fig: Figure, dpi: int = 150) -> bytes:
    """A figure made by a *_figure function here as PNG bytes (mathtext off, as every figure here)."""
    return _png(fig, dpi)


def _png(fig: Figure, dpi: int = 150) -> bytes:
    for text in fig.findobj(Text):
        text.set_parse_math(False)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    return buffer.getvalue()


def _draw_areas(
    ax,
    frame: gpd.GeoDataFrame,
    status_col: str,
    label_col: str,
    font_size: float,
    label_mask: list[bool] | None = None,
) -> None:
    colours = [
        STATUS_COLOURS.get(s if isinstance(s, str) else None, STATUS_COLOURS[None]) for s in frame[status_col]
    ]
    frame.plot(ax=ax, color=colours, edgecolor="#333333", linewidth=0.6, alpha=0.9)
    mask = label_mask if label_mask is not None else [True] * len(frame)
    for geom, name, show in zip(frame.geometry, frame[label_col], mask, strict=True):
        if not show:
            continue
        point = geom.representative_point()
        ax.annotate(
            str(name),
            (point.x, point.y),
            ha="center",
            va="center",
            fontsize=font_size,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
        )
    ax.set_axis_off()
    ax.set_aspect("equal")


def _core(frame: gpd.GeoDataFrame) -> list[bool] | None:
    """The town's areas when the municipality also has outlying villages (kind 'ort') far away."""
    if "kind" not in frame.columns:
        return None
    core = [k != "ort" for k in frame["kind"]]
    if all(core) or not any(core):
        return None
    minx, miny, maxx, maxy = frame.total_bounds
    cminx, cminy, cmaxx, cmaxy = frame[core].total_bounds
    if max(cmaxx - cminx, cmaxy - cminy) * 3 > max(maxx - minx, maxy - miny):
        return None  # the town is not small against the whole: one map is readable
    return core


def status_map(
    areas: gpd.GeoDataFrame,
    status_col: str,
    labels: dict[str | None, str],
    size: tuple[float, float] = (7.0, 5.2),
    label_col: str = "name",
    font_size: float = 6.5,
) -> bytes:
    """Areas filled by status (grön/gul/röd/None) with their names and a legend of `labels`.

    When the municipality has a town and far-off villages, the town is drawn enlarged beside an
    overview of the whole municipality (its extent marked), so that every area stays readable.
    """
    fig = Figure(figsize=size)
    if areas.empty:
        fig.add_subplot().set_axis_off()
        return _png(fig)
    frame = areas.to_crs(SWEREF).reset_index(drop=True)
    core = _core(frame)
    if core is None:
        ax = fig.add_subplot()
        _draw_areas(ax, frame, status_col, label_col, font_size)
    else:
        grid = fig.add_gridspec(1, 2, width_ratios=[2, 3], wspace=0.03)
        overview, zoom = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
        _draw_areas(overview, frame, status_col, label_col, font_size * 0.9, [not c for c in core])
        town = frame[core]
        _draw_areas(zoom, town, status_col, label_col, font_size)
        minx, miny, maxx, maxy = town.total_bounds
        pad = 0.03 * max(maxx - minx, maxy - miny)
        overview.add_patch(
            Rectangle(
                (minx - pad, miny - pad),
                maxx - minx + 2 * pad,
                maxy - miny + 2 * pad,
                fill=False,
                edgecolor="#1f4e79",
                linewidth=1.2,
                linestyle="--",
            )
        )
        zoom.set_xlim(minx - pad, maxx + pad)
        zoom.set_ylim(miny - pad, maxy + pad)
        for spine in zoom.spines.values():
            spine.set_visible(True)
            spine.set_edgecolor("#1f4e79")
            spine.set_linestyle("--")
        zoom.set_axis_on()
        zoom.set_xticks([])
        zoom.set_yticks([])
        zoom.set_xlabel("")
        zoom.set_ylabel("")
    present = {s if isinstance(s, str) else None for s in frame[status_col]}
    handles = [
        Patch(facecolor=STATUS_COLOURS[k], edgecolor="#333333", label=v)
        for k, v in labels.items()
        if k in present
    ]
    if handles:  # in one row just under the overview (or the only) map
        fig.axes[0].legend(
            handles=handles,
            loc="upper left",
            ncol=len(handles),
            fontsize=font_size + 1,
            frameon=False,
            bbox_to_anchor=(0.0, -0.01),
            handlelength=1.2,
            columnspacing=1.0,
        )
    return _png(fig)


def compare_bars(
    labels: list[str],
    current: list[float],
    average: list[float],
    current_label: str,
    average_label: str,
    size: tuple[float, float] = (7.0, 3.2),
) -> bytes:
    """Horizontal bars: the week's counts per category, with the 4-week average as a marker."""
    fig = Figure(figsize=(size[0], max(size[1], 0.32 * len(labels) + 0.8)))
    ax = fig.add_subplot()
    y = list(range(len(labels)))
    ax.barh(y, current, color=BLUE, height=0.6, label=current_label)
    ax.scatter(average, y, color="#e6550d", marker="D", s=22, zorder=3, label=average_label)
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    ax.tick_params(axis="x", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="#e9ecef")
    ax.set_axisbelow(True)
    ax.legend(fontsize=8, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, frameon=False)
    return _png(fig)


def monthly_lines(
    frame: pd.DataFrame,
    x: str,
    series: str,
    value: str,
    ylabel: str,
    size: tuple[float, float] = (7.0, 3.3),
    top: int = 6,
) -> bytes:
    """One line per series (the `top` largest), over months (x holds dates)."""
    fig = Figure(figsize=size)
    ax = fig.add_subplot()
    if not frame.empty:
        totals = frame.groupby(series)[value].sum().sort_values(ascending=False)
        for name in totals.index[:top]:
            part = frame[frame[series] == name].sort_values(x)
            ax.plot(
                pd.to_datetime(part[x]), part[value], marker="o", markersize=3, linewidth=1.6, label=str(name)
            )
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.set_ylabel(ylabel, fontsize=8)
    ax.tick_params(labelsize=7.5)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#e9ecef")
    ax.set_ylim(bottom=0)
    fig.autofmt_xdate()
    return _png(fig)


def year_bars(
    frame: pd.DataFrame,
    x: str,
    value: str,
    ylabel: str,
    highlight: object = None,
    size: tuple[float, float] = (7.0, 2.8),
) -> bytes:
    """Vertical bars (e.g. reported crimes per year), the highlighted bar in the accent colour."""
    fig = Figure(figsize=size)
    ax = fig.add_subplot()
    colours = [BLUE if v == highlight else LIGHT for v in frame[x]]
    ax.bar([str(v) for v in frame[x]], frame[value], color=colours)
    ax.set_ylabel(ylabel, fontsize=8)
    ax.tick_params(labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#e9ecef")
    ax.set_axisbelow(True)
    return _png(fig)


# Where a name goes beside its point (ranking_picture.POSITIONS, as plotly's textposition on the page):
# offset in points, horizontal and vertical alignment.
_LABEL_AT = {
    "top center": ((0, 4), "center", "bottom"),
    "bottom center": ((0, -4), "center", "top"),
    "middle right": ((4, 0), "left", "center"),
    "middle left": ((-4, 0), "right", "center"),
}


def _legend_marker(face: str, edge: str, label: str, size: float = 7, width: float = 0.6) -> Line2D:
    """A legend entry drawn as the series' plain marker (a scatter's own handle takes its first point's
    edge, which may be a priority ring's red)."""
    return Line2D(
        [],
        [],
        linestyle="none",
        marker="o",
        markersize=size,
        markerfacecolor=face,
        markeredgecolor=edge,
        markeredgewidth=width,
        label=label,
    )


def need_influence_figure(
    points: pd.DataFrame,
    x_label: str,
    y_label: str,
    quadrant_labels: tuple[str, str, str, str],
    legend_labels: tuple[str, str, str] = ("", "", ""),
    size: tuple[float, float] = (7.0, 5.0),
) -> Figure:
    """The EST quarterly analysis as the Kvartalsanalys page draws it: areas by need (x) and possibility
    to influence (y), both 0–100, in the four coloured quadrants; the group's judgements dark, the
    computed proxy light, the coming quarter's priority areas ringed.

    points: est_data.analysis.ranking_picture.points. quadrant_labels: in ranking_picture.QUADRANTS'
    order (high need & high influence, high need & low influence, low need & high influence, low need &
    low influence). legend_labels: (judgement, computed, priority). The series carry gids "judgement",
    "computed" and "priority" (what a test reads back).
    """
    fig = Figure(figsize=size)
    ax = fig.add_subplot()
    for (x0, x1, y0, y1, rgb, alpha, _), text in zip(picture.QUADRANTS, quadrant_labels, strict=True):
        ax.add_patch(
            Rectangle(
                (x0, y0),
                x1 - x0,
                y1 - y0,
                facecolor=[c / 255 for c in rgb],
                alpha=alpha,
                linewidth=0,
                zorder=0,
            )
        )
        right, top = x0 >= 50, y0 >= 50
        ax.text(
            x1 - 1 if right else x0 + 1,
            y1 - 2 if top else y0 + 2,
            text,
            ha="right" if right else "left",
            va="top" if top else "bottom",
            fontsize=7.5,
            fontweight="bold",
            color="#495057",
            zorder=1,
        )
    handles = []
    for (source, colour), label in zip(picture.SOURCES, legend_labels[:2], strict=True):
        part = points[points["source"] == source]
        if part.empty:
            continue
        ax.scatter(
            part["need"],
            part["influence"],
            s=42,
            color=colour,
            edgecolors=[picture.PRIORITY if p else picture.EDGE for p in part["priority"]],
            linewidths=[1.6 if p else 0.6 for p in part["priority"]],
            zorder=3,
            gid=source,
            label=label,
        )
        handles.append(_legend_marker(colour, picture.EDGE, label))
        for row in part.itertuples():
            offset, ha, va = _LABEL_AT[row.label_position]
            ax.annotate(
                str(row.area),
                (row.need, row.influence),
                xytext=offset,
                textcoords="offset points",
                fontsize=7,
                ha=ha,
                va=va,
                zorder=4,
            )
    chosen = points[points["priority"].astype(bool)]
    if not chosen.empty:
        ax.scatter(
            chosen["need"],
            chosen["influence"],
            s=190,
            facecolors="none",
            edgecolors=picture.PRIORITY,
            linewidths=1.8,
            zorder=2,
            gid="priority",
            label=legend_labels[2],
        )
        handles.append(_legend_marker("none", picture.PRIORITY, legend_labels[2], size=11, width=1.8))
    ax.set_xlim(-4, 104)
    ax.set_ylim(-3, 103)
    ax.set_xlabel(x_label, fontsize=8)
    ax.set_ylabel(y_label, fontsize=8)
    ax.tick_params(labelsize=7.5)
    ax.spines[["top", "right"]].set_visible(False)
    if handles and any(legend_labels):
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            ncol=len(handles),
            fontsize=7,
            frameon=False,
        )
    return fig


def need_influence(
    points: pd.DataFrame,
    x_label: str,
    y_label: str,
    quadrant_labels: tuple[str, str, str, str],
    legend_labels: tuple[str, str, str] = ("", "", ""),
    size: tuple[float, float] = (7.0, 5.0),
) -> bytes:
    """need_influence_figure as PNG bytes."""
    return _png(need_influence_figure(points, x_label, y_label, quadrant_labels, legend_labels, size))
