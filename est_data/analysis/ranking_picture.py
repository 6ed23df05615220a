"""What the quarterly two-by-two picture shows, for the page (plotly, est_data.charts.ranking) and the
PDF (matplotlib, est_data.report.figures) alike, so that page and report agree in picture as well as in
table: one point per area (need across, possibility to influence up), whether its influence is the
group's judgement or the computed proxy, whether it is a priority area of the coming quarter (ringed),
where its name goes, and the quadrants with their names and colours (issue 18 item 4).
"""

from __future__ import annotations

import pandas as pd

from est_data.analysis import ranking

# The quadrants: (x0, x1, y0, y1, (r, g, b), alpha, quadrant). Need is x, influence y; both split at 50.
QUADRANTS = (
    (50, 100, 50, 100, (214, 39, 40), 0.10, ranking.ACT),
    (50, 100, 0, 50, (255, 127, 14), 0.12, ranking.PARTNERS),
    (0, 50, 50, 100, (44, 160, 44), 0.08, ranking.KEEP),
    (0, 50, 0, 50, (127, 127, 127), 0.06, ranking.WATCH),
)
JUDGED, COMPUTED, PRIORITY, EDGE = "#1f4e79", "#9ecae1", "#d62728", "#333333"
SOURCES = (("judgement", JUDGED), ("computed", COMPUTED))  # drawn in this order, each its own series
POSITIONS = ("top center", "bottom center", "middle right", "middle left")
POINT_COLUMNS = ["area_id", "area", "need", "influence", "source", "judged", "priority", "label_position"]


def label_positions(frame: pd.DataFrame) -> dict[int, str]:
    """A text position per area so that names do not overlap each other or the edges: greedily, each
    name takes the first of above, below, right and left whose box (in axis units, from the name's
    length) overlaps no name placed before it, else the least overlapping one. (Hand-written: neither
    plotly nor matplotlib has automatic label placement.)"""
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


def points(frame: pd.DataFrame, priority_ids: tuple[int, ...] = ()) -> pd.DataFrame:
    """The picture's points from period.need_and_influence: area_id, area, need, influence, source
    ('judgement' or 'computed'), judged, priority (a priority area of the coming quarter: ringed),
    label_position (one of POSITIONS). In the frame's order (highest need first)."""
    if frame.empty:
        return pd.DataFrame(columns=POINT_COLUMNS)
    positions = label_positions(frame)
    chosen = {int(a) for a in priority_ids}
    ids = frame["area_id"].astype(int)
    return pd.DataFrame(
        {
            "area_id": ids.to_numpy(),
            "area": frame["area"].astype(str).to_numpy(),
            "need": frame["need"].astype(float).to_numpy(),
            "influence": frame["influence"].astype(float).to_numpy(),
            "source": frame["influence_source"].to_numpy(),
            "judged": (frame["influence_source"] == "judgement").to_numpy(),
            "priority": ids.isin(chosen).to_numpy(),
            "label_position": [positions[int(a)] for a in ids],
        },
        columns=POINT_COLUMNS,
    )
