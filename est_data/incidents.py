"""Read functions for the map and hotspots: events from every source, aggregated in DuckDB.

An "event" is a police event or a fault report (table incident, summaries left out) or a reporter's
event report (table observation, source 'rapportör'). Only positions that say where the event
happened ('exact', 'place') are drawn as points; municipality and county centres never are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from dataclasses import dataclass, field, replace

import duckdb
import numpy as np
import pandas as pd
from shapely import wkt
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from est_data import db
from est_data.analysis import hotspots
from est_data.analysis.emerging import Result as EmergingResult

SOURCES = ("polisen", "felanmalan", "rapportör")
POINT_PRECISIONS = ("exact", "place")
DEFAULT_CELL = 200.0  # Karta's default cell size (metres)


def source_options(con, municipality_code: str) -> list[str]:
    """The sources to choose from on the map: police, fault reports, reporters and each incident register
    (a register's name is its source)."""
    from est_data.ingest import register

    return list(SOURCES) + register.sources(con, municipality_code)


def incident_sources(con, municipality_code: str) -> list[str]:
    """The sources of table incident (what an action evaluation counts): police, fault reports, registers."""
    return [s for s in source_options(con, municipality_code) if s != "rapportör"]


def source_label(source: str, lang: str = "sv") -> str:
    """A source's name for people: the built-in ones translated, a register by its own name."""
    from est_data import i18n

    key = f"incidents.source.{source}"
    return i18n.t(key, lang) if i18n.has(key) else source  # has(): a register's name is not a missing key


@dataclass(frozen=True)
class EventQuery:
    """What the map shows. Empty tuples mean everything."""

    municipality_code: str
    start: dt.date
    end: dt.date
    area_ids: tuple[int, ...] = field(default_factory=tuple)
    sources: tuple[str, ...] = field(default_factory=tuple)
    categories: tuple[str, ...] = field(default_factory=tuple)

    def previous(self) -> EventQuery:
        """The equally long period just before."""
        days = (self.end - self.start).days + 1
        return replace(
            self, start=self.start - dt.timedelta(days=days), end=self.start - dt.timedelta(days=1)
        )

    def params(self) -> list:
        """The arguments of the table macro map_events (schema 004), in order."""
        return [
            self.municipality_code,
            self.start,
            self.end,
            list(self.sources) or None,
            list(self.categories) or None,
            list(self.area_ids) or None,
        ]


def category_options(con, municipality_code: str) -> pd.DataFrame:
    """(source, category, n) of every category there is, most common first."""
    return con.execute(
        "with cats as ("
        "  select source, category from incident where not is_summary and municipality_code = ?"
        "  union all"
        "  select 'rapportör', coalesce(f.label_sv, o.factor_code, 'övrigt')"
        "  from observation o"
        "  join area a on a.id = o.area_id"
        "  left join factor f on f.code = o.factor_code"
        "  where a.municipality_code = ?"
        ")"
        " select source, category, count(*) as n from cats where category is not null"
        " group by source, category"
        " order by n desc",
        [municipality_code, municipality_code],
    ).df()


def event_totals(con, q: EventQuery) -> pd.DataFrame:
    """Per source: all events, those with a point on the map, and those not drawn: only known to the
    municipality or county (centre_only), or placed in an area but not at a point (area_only)."""
    return con.execute(
        "select source, count(*) as n,"
        "       count(*) filter (where list_contains(?, precision) and lat is not null) as on_map,"
        "       count(*) filter (where precision in ('municipality', 'county')) as centre_only,"
        "       count(*) filter (where precision = 'area' or (list_contains(?, precision) and lat is null))"
        "         as area_only"
        " from map_events(?, ?, ?, ?, ?, ?)"
        " group by source"
        " order by source",
        [list(POINT_PRECISIONS), list(POINT_PRECISIONS)] + q.params(),
    ).df()


def not_drawn_note(totals: pd.DataFrame, lang: str) -> str | None:
    """One line saying how many of the period's events have no exact position and are not drawn
    (None when every event is on the map). They still count everywhere else."""
    from est_data import i18n

    if totals.empty:
        return None
    n = int(totals["n"].sum())
    missing = n - int(totals["on_map"].sum())
    if missing <= 0:
        return None
    centre = int(totals["centre_only"].sum())
    area = int(totals["area_only"].sum()) if "area_only" in totals else 0
    parts = []
    if centre:
        parts.append(i18n.t("maps.not_drawn.centre", lang, n=i18n.number(centre, 0, lang)))
    if area:
        parts.append(i18n.t("maps.not_drawn.area", lang, n=i18n.number(area, 0, lang)))
    return i18n.t(
        "maps.not_drawn",
        lang,
        missing=i18n.number(missing, 0, lang),
        n=i18n.number(n, 0, lang),
        detail="; ".join(parts) or i18n.t("maps.not_drawn.other", lang),
    )


def binned_points(con, q: EventQuery, decimals: int = 4) -> pd.DataFrame:
    """Mappable events aggregated to positions rounded to `decimals` degrees (about 10 m): lat, lon, n."""
    return con.execute(
        "select round(lat, ?) as lat, round(lon, ?) as lon, count(*) as n"
        " from map_events(?, ?, ?, ?, ?, ?)"
        " where list_contains(?, precision) and lat is not null and lon is not null"
        " group by 1, 2",
        [decimals, decimals] + q.params() + [list(POINT_PRECISIONS)],
    ).df()


def event_points(con, q: EventQuery, limit: int, with_text: bool) -> pd.DataFrame:
    """Individual mappable events (newest first, at most limit) for clustered markers and popups."""
    frame = con.execute(
        "select source, category, occurred_at, lat, lon, precision,"  # a register's notes are free text too
        "       case when ? or source in ('polisen', 'felanmalan', 'rapportör') then text end as text, url"
        " from map_events(?, ?, ?, ?, ?, ?)"
        " where list_contains(?, precision) and lat is not null and lon is not null"
        " order by occurred_at desc"
        " limit ?",
        [with_text] + q.params() + [list(POINT_PRECISIONS), limit],
    ).df()
    if not with_text:  # reporters' free text is personal data; police and fault-report summaries are not
        frame["text"] = frame["text"].where(frame["source"] != "rapportör", None)
    return mark_inexact_times(con, q, frame)


def mark_inexact_times(con, q: EventQuery, frame: pd.DataFrame) -> pd.DataFrame:
    """Add exact_time (False for incidents known only to the day or a window, schema 007), so a popup
    never shows 00:00 as if it were the time. Matched on source, time and position: map_events
    (schema 004) has no id."""
    inexact = con.execute(
        "select distinct source, occurred_at, lat, lon, false as exact_time"
        " from incident"
        " where municipality_code = ?"
        "   and coalesce(time_precision, 'exact') <> 'exact'"
        "   and occurred_at >= cast(? as timestamp)"
        "   and occurred_at < cast(? as timestamp) + interval 1 day",
        [q.municipality_code, q.start, q.end],
    ).df()
    if inexact.empty or frame.empty:
        return frame.assign(exact_time=True)
    out = frame.merge(inexact, on=["source", "occurred_at", "lat", "lon"], how="left")
    out["exact_time"] = out["exact_time"].isna() | out["exact_time"].astype(bool)
    return out


def area_counts(con, q: EventQuery) -> pd.DataFrame:
    """Per active area of the municipality: events, population and events per 1 000 inhabitants."""
    return con.execute(
        "with per_area as ("
        "  select area_id, count(*) as n"
        "  from map_events(?, ?, ?, ?, ?, ?)"
        "  where area_id is not null"
        "  group by area_id"
        "), final as ("
        "  select a.id as area_id, a.name, a.population, coalesce(p.n, 0) as n,"
        "         case when a.population > 0 then 1000.0 * coalesce(p.n, 0) / a.population end as per_1000"
        "  from area a"
        "  left join per_area p on p.area_id = a.id"
        "  where a.active and a.municipality_code = ?"
        ")"
        " select * from final order by n desc",
        q.params() + [q.municipality_code],
    ).df()


def place_counts(con, q: EventQuery) -> pd.DataFrame:
    """Named places with their events in the period and the equally long period before."""
    prev = q.previous()
    per_place = (
        "select place_id, count(*) as n"
        " from map_events(?, ?, ?, ?, ?, ?)"
        " where place_id is not null"
        " group by place_id"
    )
    now = con.execute(per_place, q.params()).df()
    before = con.execute(per_place, prev.params()).df()
    places = con.execute(
        "select p.id as place_id, p.name, p.kind, p.lat, p.lon, a.name as area"
        " from place p"
        " join area a on a.id = p.area_id"
        " where p.active and a.municipality_code = ?"
        "   and (? is null or list_contains(?, p.area_id))",
        [q.municipality_code, list(q.area_ids) or None, list(q.area_ids) or None],
    ).df()
    ranked = hotspots.ranked(
        places.merge(now, on="place_id", how="left").fillna({"n": 0}), before, ["place_id"]
    )
    return ranked


def study_region(con, q: EventQuery) -> BaseGeometry | None:
    """The municipality's land the hotspot grid covers, EPSG:4326: the union of the (chosen) active
    areas' polygons cut to the municipality's boundary (sea and neighbouring municipalities are no
    cells, so they are never "cold"); the boundary alone when no area has a polygon and none is chosen;
    None when neither is known."""
    from est_data.ingest import reference

    rows = con.execute(
        "select geometry_wkt from area"
        " where active and municipality_code = ? and geometry_wkt is not null and geometry_wkt <> ''"
        "   and (? is null or list_contains(?, id))",
        [q.municipality_code, list(q.area_ids) or None, list(q.area_ids) or None],
    ).fetchall()
    geoms = [wkt.loads(r[0]) for r in rows]
    land = reference.boundary(q.municipality_code)
    if not geoms:
        return land if land is not None and not q.area_ids else None
    region = unary_union(geoms)
    if land is None:
        return region
    clipped = region.intersection(land)
    return clipped if not clipped.is_empty else region


def hotspot_cells(con, q: EventQuery, cell: float) -> tuple[pd.DataFrame, float]:
    """Gi* on the grid of `cell` metres over the study region, with each cell's count in the previous
    period. Returns (cells with ix, iy, count, previous, change, z, p, level, lat, lon, corners), cell size."""
    region = study_region(con, q)
    grid = hotspots.grid_counts(binned_points(con, q), cell, region)
    result = stored_gi_star(con, grid)
    previous = hotspots.grid_counts(binned_points(con, q.previous()), grid.cell, region).cells
    result = result.merge(
        previous[["ix", "iy", "count"]].rename(columns={"count": "previous"}), on=["ix", "iy"], how="left"
    )
    result["previous"] = result["previous"].fillna(0).astype(int)
    result["count"] = result["count"].astype(int)
    result["change"] = result["count"] - result["previous"]
    lat, lon = hotspots.unproject(result["x"].to_numpy(), result["y"].to_numpy())
    result["lat"], result["lon"] = lat, lon
    return result, grid.cell


RESULT_COLUMNS = ["z", "window", "expected", "p", "q", "level", "isolated", "reason"]
KEEP_RESULTS = 64  # inputs whose Gi* results are kept (the latest computed)


def gi_input_key(grid: hotspots.Grid) -> str:
    """A digest of everything Gi*'s result depends on: cell size, the cells and their counts, method."""
    cells = grid.cells
    digest = hashlib.sha256(f"{hotspots.METHOD_VERSION}|{grid.cell}|{len(cells)}|".encode())
    for column in ("ix", "iy", "count"):
        digest.update(np.ascontiguousarray(cells[column].to_numpy(dtype=float)).tobytes())
    return digest.hexdigest()


def stored_gi_star(con, grid: hotspots.Grid) -> pd.DataFrame:
    """hotspots.gi_star(grid), read from table hotspot_result when it was computed before for exactly
    this input (after an import, or by an earlier run), else computed and stored (best effort: a
    read-only connection simply does not store)."""
    key = gi_input_key(grid)
    stored = con.execute(
        'select ix, iy, z, "window", expected, p, q, level, isolated, reason'
        " from hotspot_result"
        " where input_key = ?",
        [key],
    ).df()
    if len(stored) == len(grid.cells) and len(stored):
        return grid.cells.merge(stored, on=["ix", "iy"], how="left")
    result = hotspots.gi_star(grid)
    try:
        store_gi_star(con, key, result)
    except duckdb.Error:
        pass  # e.g. a read-only database: the result is still shown, only not kept
    return result


def store_gi_star(con, key: str, result: pd.DataFrame) -> None:
    """Keep a Gi* result under its input key (and only the latest KEEP_RESULTS inputs)."""
    if result.empty:
        return
    rows = result[["ix", "iy", *RESULT_COLUMNS]].assign(input_key=key, computed_at=dt.datetime.now())
    rows = rows.astype({"ix": "int64", "iy": "int64", "level": "int64", "isolated": "bool"})
    with db.transaction(con):
        con.execute("delete from hotspot_result where input_key = ?", [key])
        con.register("_gi_rows", rows)
        try:
            con.execute(
                'insert into hotspot_result (input_key, ix, iy, z, "window", expected, p, q, level, isolated,'
                " reason, computed_at)"
                ' select input_key, ix, iy, z, "window", expected, p, q, level, isolated, reason, computed_at'
                " from _gi_rows"
            )
        finally:
            con.unregister("_gi_rows")
        con.execute(
            "delete from hotspot_result"
            " where input_key not in ("
            "   select input_key from hotspot_result group by input_key order by max(computed_at) desc limit ?"
            " )",
            [KEEP_RESULTS],
        )


def default_query(con, municipality_code: str) -> EventQuery:
    """What Karta shows first: every source and category over the default period of the filters
    (the 365 days up to the reference date)."""
    from est_data import queries

    end = queries.reference_date(con, municipality_code)
    return EventQuery(municipality_code, end - dt.timedelta(days=364), end)


def precompute(con, municipality_codes: list[str] | None = None, cell: float = DEFAULT_CELL) -> list[str]:
    """Compute and store the Gi* hotspots of Karta's first view (after an import, and on demand from the
    CLI), so the page finds them ready: for the given municipalities, else for every municipality with a
    map to draw (`queries.hotspot_municipalities`). Returns the codes done."""
    from est_data import queries

    if municipality_codes is None:
        municipality_codes = queries.hotspot_municipalities(con)
    for code in municipality_codes:
        hotspot_cells(con, default_query(con, code), cell)
        emerging_cells(con, default_query(con, code), cell)  # issue 19: the cube's Gi* per step too
    return municipality_codes


def after_import(con, rows_loaded: int, codes: list[str] | None = None) -> None:
    """What an import runs once its rows are committed: the map's slow part (Gi*) for Karta's first
    view, for the municipalities with a map to draw (`queries.hotspot_municipalities`). A failure here
    must not make a committed import look failed, so database errors are only reported on stderr
    (the page computes the hotspots itself then)."""
    from est_data import queries

    if rows_loaded <= 0:
        return
    codes = queries.hotspot_municipalities(con) if codes is None else codes
    if not codes:
        return
    try:
        precompute(con, codes)
    except (duckdb.Error, ValueError) as err:
        print(f"hotspots were not precomputed / kunde inte förberäkna hotspots: {err}", file=sys.stderr)


def emerging_cells(con, q: EventQuery, cell: float = DEFAULT_CELL, compute: bool = True) -> EmergingResult:
    """Emerging hot spots (issue 19) on the hotspot grid of the study region: `emerging_map.result`."""
    from est_data import emerging_map

    return emerging_map.result(con, q, study_region(con, q), cell, POINT_PRECISIONS, compute=compute)


def density(con, q: EventQuery, bandwidth: float = 150.0) -> hotspots.Density | None:
    return hotspots.kernel_density(binned_points(con, q), bandwidth=bandwidth)


LAYERS = (
    "clusters",
    "heat",
    "places",
    "hotspots",
    "emerging",
    "risk",
)  # risk: est_data/risk.py, added by ui/mapview
AREA_COLOURINGS = ("none", "status", "rate")


@dataclass(frozen=True)
class MapData:
    """Everything the Karta page draws, computed in one (cacheable) call."""

    query: EventQuery
    totals: pd.DataFrame
    areas: pd.DataFrame
    status: pd.DataFrame | None
    area_counts: pd.DataFrame | None
    points: pd.DataFrame | None  # individual events when few enough
    binned: pd.DataFrame | None  # else positions binned in DuckDB
    density: hotspots.Density | None
    places: pd.DataFrame | None
    cells: pd.DataFrame | None
    cell: float
    emerging: EmergingResult | None = None  # emerging hot spots (issue 19)
    risk: object | None = None  # risk.RiskResult of the "risk" layer (risk.py imports this module)


def map_data(
    con,
    q: EventQuery,
    layers: tuple[str, ...],
    area_colouring: str = "status",
    cell: float = 200.0,
    bandwidth: float = 150.0,
    with_text: bool = False,
    max_markers: int = 2000,
) -> MapData:
    """The data for the chosen layers (see LAYERS and AREA_COLOURINGS); unused layers stay None."""
    from est_data import queries
    from est_data.analysis import overview

    totals = event_totals(con, q)
    area_frame = queries.areas(con, q.municipality_code)
    if q.area_ids:
        area_frame = area_frame[area_frame["id"].isin(q.area_ids)]
    status = counts = points = binned = dens = places = cells = None
    if area_colouring == "status":
        status = overview.area_status(con, q.municipality_code, q.area_ids)[2][["area_id", "status"]]
    elif area_colouring == "rate":
        counts = area_counts(con, q)
    if "clusters" in layers:
        on_map = int(totals["on_map"].sum()) if not totals.empty else 0
        if on_map <= max_markers:
            points = event_points(con, q, max_markers, with_text)
        else:
            binned = binned_points(con, q, decimals=3)
    if "heat" in layers:
        dens = density(con, q, bandwidth)
    if "places" in layers:
        places = place_counts(con, q)
    used_cell = cell
    if "hotspots" in layers:
        cells, used_cell = hotspot_cells(con, q, cell)
    emerging = emerging_cells(con, q, cell) if "emerging" in layers else None
    return MapData(
        q, totals, area_frame, status, counts, points, binned, dens, places, cells, used_cell, emerging
    )


def top_cells(cells: pd.DataFrame, limit: int = 15) -> pd.DataFrame:
    """The cells with most events (hot ones first among equals), with change against the period before."""
    if cells is None or cells.empty:
        return pd.DataFrame(
            columns=[
                "ix",
                "iy",
                "count",
                "previous",
                "change",
                "level",
                "isolated",
                "window",
                "expected",
                "z",
                "lat",
                "lon",
            ]
        )
    busy = cells[cells["count"] > 0]
    return (
        busy.sort_values(["count", "level"], ascending=False)
        .head(limit)[
            [
                "ix",
                "iy",
                "count",
                "previous",
                "change",
                "level",
                "isolated",
                "window",
                "expected",
                "z",
                "lat",
                "lon",
            ]
        ]
        .reset_index(drop=True)
    )


def verdicts(table: pd.DataFrame, count_column: str, lang: str = "sv") -> list[str]:
    """Per row: the change against the period before in words, with its certainty (Poisson E-test)."""
    from est_data import i18n

    out = []
    for n, previous in zip(table[count_column], table["previous"], strict=True):
        verdict = hotspots.change_verdict(int(n), int(previous))
        diff = int(n) - int(previous)
        key = {1: "incidents.change.up", -1: "incidents.change.down", 0: "incidents.change.none"}[verdict]
        out.append(i18n.t(key, lang, diff=f"{diff:+d}"))
    return out
