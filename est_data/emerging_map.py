"""Emerging hot spots for Karta (issue 19): the space-time cube read from the database, the analysis of
`analysis/emerging.py` stored in tables emerging_run/emerging_cell (schema 017) under a digest of its
input, and the table the page shows.

Reached through `incidents.emerging_cells` (which passes the study region and the point precisions:
this module does not import `incidents`, which imports it), after each import by `incidents.precompute`
and by Karta's layer and table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Protocol

import duckdb
import numpy as np
import pandas as pd
import shapely
from shapely import wkt
from shapely.geometry.base import BaseGeometry

from est_data import db, i18n
from est_data.analysis import emerging, hotspots

KEEP_RESULTS = 32  # analyses whose results are kept (the latest computed)
CELL_COLUMNS = list(emerging.RESULT_COLUMNS)


class EventFilter(Protocol):
    """What the map shows (incidents.EventQuery)."""

    municipality_code: str
    start: dt.date
    end: dt.date

    def params(self) -> list: ...


def day_points(con, q: EventFilter, precisions: tuple[str, ...]) -> pd.DataFrame:
    """Mappable events per position (rounded to about 10 m) and day: lat, lon, day, n."""
    return con.execute(
        "select round(lat, 4) as lat, round(lon, 4) as lon, day, count(*) as n"
        " from map_events(?, ?, ?, ?, ?, ?)"
        " where list_contains(?, precision) and lat is not null and lon is not null"
        " group by 1, 2, 3",
        q.params() + [list(precisions)],
    ).df()


def input_key(cube: emerging.Cube, step: str) -> str:
    """A digest of everything the result depends on: methods, cell size, steps, cells and counts."""
    digest = hashlib.sha256(
        f"{emerging.METHOD_VERSION}|{hotspots.METHOD_VERSION}|{step}|{cube.cell}|{cube.steps}|".encode()
    )
    for column in ("ix", "iy"):
        digest.update(np.ascontiguousarray(cube.cells[column].to_numpy(dtype=float)).tobytes())
    digest.update(np.ascontiguousarray(cube.counts, dtype=float).tobytes())
    return digest.hexdigest()


def result(
    con,
    q: EventFilter,
    region: BaseGeometry | None,
    cell: float,
    precisions: tuple[str, ...],
    step: str | None = None,
    compute: bool = True,
) -> emerging.Result:
    """The emerging hot spot analysis of the map's events (step None: months when the period holds ten,
    else weeks), read from the stored results when computed before for exactly this input, else
    computed and stored (best effort: a read-only connection does not store). compute=False: status
    'not_computed' instead of computing (seconds to minutes at scale). Cells get lat, lon."""
    step = step or emerging.choose_step(q.start, q.end)
    bounds = emerging.step_bounds(q.start, q.end, step)
    cube = emerging.build_cube(day_points(con, q, precisions), bounds, cell, region)
    if cube.counts.size == 0 or cube.counts.sum() <= 0 or cube.counts.shape[1] < emerging.MIN_STEPS:
        out = emerging.analyse(cube, step)  # 'no_data' or 'too_short', without computing anything
    else:
        key = input_key(cube, step)
        out = _stored(con, key, cube, step)
        if out is None and not compute:
            return emerging.Result("not_computed", step, cube.steps, cube.cell, cube.cells.iloc[0:0])
        if out is None:
            out = emerging.analyse(cube, step)
            try:
                _store(con, key, out)
            except duckdb.Error:
                pass  # e.g. a read-only database: the result is still shown, only not kept
    cells = out.cells.copy()
    lat, lon = hotspots.unproject(cells["x"].to_numpy(), cells["y"].to_numpy())
    cells["lat"], cells["lon"] = lat, lon
    return emerging.Result(out.status, out.step, out.steps, out.cell, cells)


def _stored(con, key: str, cube: emerging.Cube, step: str) -> emerging.Result | None:
    run = con.execute("select status from emerging_run where input_key = ?", [key]).fetchone()
    if run is None:
        return None
    stored = con.execute("select * exclude (input_key) from emerging_cell where input_key = ?", [key]).df()
    cells = cube.cells.merge(stored, on=["ix", "iy"], how="left")
    cells["category"] = cells["category"].fillna("none")
    for column in CELL_COLUMNS[1:]:
        cells[column] = cells[column].fillna(1.0 if column in ("trend_p", "count_p") else 0.0)
    for column in ("hot_steps", "cold_steps", "last_level", "trend", "count_trend"):
        cells[column] = cells[column].astype(int)
    # Counts come from the cube itself (stored only for significant cells; the same numbers by the key).
    cells["total"] = cube.counts.sum(axis=1)
    cells["last_count"] = cube.counts[:, -1]
    cells["mean_count"] = cube.counts.mean(axis=1)
    return emerging.Result(str(run[0]), step, cube.steps, cube.cell, cells)


def _store(con, key: str, out: emerging.Result) -> None:
    """Keep an analysis under its input key: its run, and the cells ever significant (the rest are
    'none' with no significant step, filled in when read)."""
    rows = out.cells[(out.cells["hot_steps"] > 0) | (out.cells["cold_steps"] > 0)]
    rows = rows[["ix", "iy", *CELL_COLUMNS]].assign(input_key=key)
    with db.transaction(con):
        con.execute("delete from emerging_cell where input_key = ?", [key])
        con.execute("delete from emerging_run where input_key = ?", [key])
        con.execute(
            "insert into emerging_run (input_key, status, computed_at) values (?, ?, ?)",
            [key, out.status, dt.datetime.now()],
        )
        if len(rows):
            con.register("_emerging_rows", rows)
            try:
                con.execute("insert into emerging_cell by name select * from _emerging_rows")
            finally:
                con.unregister("_emerging_rows")
        con.execute(
            "delete from emerging_cell"
            " where input_key not in (select input_key from emerging_run order by computed_at desc limit ?)",
            [KEEP_RESULTS],
        )
        con.execute(
            "delete from emerging_run"
            " where input_key not in (select input_key from emerging_run order by computed_at desc limit ?)",
            [KEEP_RESULTS],
        )


def area_of_cells(con, municipality_code: str, cells: pd.DataFrame) -> list[str | None]:
    """The name of the active area each cell's centre lies in (None outside every area)."""
    rows = con.execute(
        "select name, geometry_wkt from area"
        " where active and municipality_code = ? and geometry_wkt is not null and geometry_wkt <> ''"
        " order by name",
        [municipality_code],
    ).fetchall()
    names: list[str | None] = [None] * len(cells)
    if not rows or cells.empty:
        return names
    lat, lon = cells["lat"].to_numpy(dtype=float), cells["lon"].to_numpy(dtype=float)
    for name, text in rows:
        inside = shapely.contains_xy(wkt.loads(text), lon, lat)
        for i in np.flatnonzero(inside):
            names[i] = names[i] or name
    return names


def p_text(p: float, lang: str) -> str:
    """A p-value for people: three decimals, "< 0,001" below that."""
    return f"< {i18n.number(0.001, 3, lang)}" if p < 0.001 else i18n.number(p, 3, lang)


ORDER = {c: i for i, c in enumerate(emerging.CATEGORIES)}


def table(con, municipality_code: str, out: emerging.Result, lang: str = "sv") -> pd.DataFrame:
    """The cells with a category, most urgent first (new, consecutive, intensifying ... hot, then cold):
    area, cell, category, hot steps, trend of Gi* z with its p, trend of the counts, events in the last
    step against the mean step, lat, lon."""
    shown = out.cells[out.cells["category"] != "none"].copy()
    columns = ["area", "cell", "category", "hot_steps", "trend", "p", "counts", "last", "lat", "lon"]
    if shown.empty:
        return pd.DataFrame(columns=columns)
    shown["order"] = shown["category"].map(ORDER)
    shown = shown.sort_values(["order", "trend_p", "total"], ascending=[True, True, False])
    n = len(out.steps)
    unit = i18n.t(f"emerging.step.{out.step}.plural", lang)
    frame = pd.DataFrame(
        {
            "area": area_of_cells(con, municipality_code, shown),
            "cell": [f"{ix}:{iy}" for ix, iy in zip(shown["ix"], shown["iy"], strict=True)],
            "category": [i18n.t(f"emerging.category.{c}", lang) for c in shown["category"]],
            "hot_steps": [
                i18n.t("emerging.hot_steps", lang, hot=int(h), cold=int(c), n=n, unit=unit)
                if c
                else i18n.t("emerging.hot_steps_only", lang, hot=int(h), n=n, unit=unit)
                for h, c in zip(shown["hot_steps"], shown["cold_steps"], strict=True)
            ],
            "trend": [i18n.t(f"emerging.trend.{int(d)}", lang) for d in shown["trend"]],
            "p": [p_text(float(p), lang) for p in shown["trend_p"]],
            "counts": [i18n.t(f"emerging.trend.{int(d)}", lang) for d in shown["count_trend"]],
            "last": [
                i18n.t(
                    "emerging.last_vs_mean",
                    lang,
                    last=i18n.number(float(v), 0, lang),
                    mean=i18n.number(float(m), 1, lang),
                )
                for v, m in zip(shown["last_count"], shown["mean_count"], strict=True)
            ],
            "lat": shown["lat"].to_numpy(),
            "lon": shown["lon"].to_numpy(),
        }
    )
    return frame.reset_index(drop=True)
