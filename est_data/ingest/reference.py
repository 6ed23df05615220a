"""The 290 municipalities (codes, names, counties, boundaries) shipped in est_data/reference/."""

from __future__ import annotations

from functools import cache
from importlib import resources

import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry


@cache
def kommuner() -> pd.DataFrame:
    """Columns municipality_code, municipality_name, county_code, county_name (290 rows)."""
    with resources.files("est_data.reference").joinpath("kommuner.csv").open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


@cache
def code_by_name() -> dict[str, str]:
    """Municipality name (case-folded) -> code; also accepts 'X kommun'."""
    table = kommuner()
    lookup = {}
    for code, name in zip(table["municipality_code"], table["municipality_name"], strict=True):
        lookup[name.casefold()] = code
        lookup[f"{name} kommun".casefold()] = code
    return lookup


@cache
def county_names() -> frozenset[str]:
    return frozenset(n.casefold() for n in kommuner()["county_name"])


def municipality_code(name: str | None) -> str | None:
    if not name:
        return None
    return code_by_name().get(name.strip().casefold())


def municipality_name(code: str) -> str | None:
    table = kommuner()
    hit = table.loc[table["municipality_code"] == code, "municipality_name"]
    return None if hit.empty else str(hit.iloc[0])


@cache
def _boundaries() -> gpd.GeoDataFrame:
    path = resources.files("est_data.reference").joinpath("kommuner.parquet")
    with resources.as_file(path) as real:
        gdf = gpd.read_parquet(real)
    return gdf.set_index("kommun_kod")


def boundary(code: str) -> BaseGeometry | None:
    """The municipality's boundary in EPSG:4326, or None for an unknown code."""
    gdf = _boundaries()
    if code not in gdf.index:
        return None
    return gdf.loc[code, "geometry"]


def ensure_municipality(con, code: str) -> None:
    """Make sure the municipality table has a row for code (imports may bring new municipalities)."""
    table = kommuner()
    hit = table[table["municipality_code"] == code]
    if hit.empty:
        return
    row = hit.iloc[0]
    con.execute(
        "insert into municipality (code, name, county_code, county_name) values (?, ?, ?, ?)"
        " on conflict (code) do nothing",
        [code, row["municipality_name"], row["county_code"], row["county_name"]],
    )


def ensure_municipalities(con, codes: list[str]) -> int:
    """ensure_municipality for many codes in one statement (an import of the whole country names 290
    municipalities: one round trip each cost seconds). Unknown codes are skipped; returns rows added."""
    table = kommuner()
    wanted = table[table["municipality_code"].isin(set(codes))]
    if wanted.empty:
        return 0
    before = con.execute("select count(*) from municipality").fetchone()[0]
    con.execute(
        "insert into municipality (code, name, county_code, county_name)"
        " select k.code, k.name, k.county_code, k.county_name"
        " from (select unnest(?) as code, unnest(?) as name, unnest(?) as county_code, unnest(?) as county_name) k"
        " anti join municipality m on m.code = k.code",
        [
            list(wanted["municipality_code"]),
            list(wanted["municipality_name"]),
            list(wanted["county_code"]),
            list(wanted["county_name"]),
        ],
    )
    return int(con.execute("select count(*) from municipality").fetchone()[0] - before)


@cache
def boundary_3006(code: str, tolerance_m: float = 300.0) -> BaseGeometry | None:
    """The municipality's boundary in SWEREF 99 TM, widened by tolerance_m metres.

    The SCB boundaries are generalised and follow the coastline, so quays, small islands and shore
    paths can fall just outside; a few hundred metres of tolerance keeps them in.
    """
    geom = boundary(code)
    if geom is None:
        return None
    projected = gpd.GeoSeries([geom], crs="EPSG:4326").to_crs("EPSG:3006").iloc[0]
    return projected.buffer(tolerance_m) if tolerance_m else projected


def contains_points(code: str, lat, lon, tolerance_m: float = 300.0):
    """For arrays of WGS 84 points: are they inside the municipality (with tolerance)? None if unknown code."""
    import numpy as np
    import shapely

    area = boundary_3006(code, tolerance_m)
    if area is None:
        return None
    x, y = _wgs84_to_sweref().transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return shapely.contains_xy(area, x, y)


@cache
def _wgs84_to_sweref():
    """One transformer per process: building one costs ~50 ms, and importers ask once per row."""
    from pyproj import Transformer

    return Transformer.from_crs(4326, 3006, always_xy=True)
