"""Hotspots the way crime analysts find them, computed in SWEREF 99 TM (EPSG:3006, metres).

- `kernel_density`: a Gaussian kernel density surface for the heat picture (binned counts smoothed
  with a Gaussian filter: the standard fast binned KDE), sampled onto a WGS 84 raster for the map.
- `grid_counts` + `gi_star`: statistical hotspots. Events are counted on a grid of square cells
  (every cell of the study region, zeros included); Getis-Ord Gi* (esda `G_Local` with `star=True`
  and binary queen-contiguity weights) gives each cell a z-score and a permutation p-value. Cells are
  called hot (or cold) at 90/95/99 % when the pseudo p-value passes the level after a false-discovery-
  rate correction (Benjamini-Hochberg, esda `fdr`): without it one cell in ten would be "significant"
  at 90 % in a purely random pattern.
- `ranked`: repeat places (or cells) ranked with their share and cumulative share (the 80/20 view)
  and the change against the previous period.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass

import esda
import libpysal
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from scipy import ndimage
from shapely.geometry.base import BaseGeometry

SWEREF = "EPSG:3006"
MAX_CELLS = 12_000  # above this the cell size is enlarged (Gi* with permutations grows with the cell count)
LEVELS = {3: 0.01, 2: 0.05, 1: 0.10}  # level -> significance (99, 95, 90 %)

_to_3006 = Transformer.from_crs(4326, 3006, always_xy=True)
_to_4326 = Transformer.from_crs(3006, 4326, always_xy=True)


def project(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """WGS 84 -> SWEREF 99 TM (x east, y north, metres)."""
    x, y = _to_3006.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x), np.asarray(y)


def unproject(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """SWEREF 99 TM -> (lat, lon)."""
    lon, lat = _to_4326.transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.asarray(lat), np.asarray(lon)


def region_to_3006(region: BaseGeometry) -> BaseGeometry:
    return shapely.transform(region, lambda c: np.column_stack(_to_3006.transform(c[:, 0], c[:, 1])))


@dataclass(frozen=True)
class Grid:
    cell: float
    cells: pd.DataFrame  # ix, iy, x, y (cell centre, EPSG:3006), count


def effective_cell(region_3006: BaseGeometry | None, cell: float, max_cells: int = MAX_CELLS) -> float:
    """The cell size to use: the asked one, or larger so the region has at most max_cells cells."""
    if region_3006 is None or region_3006.is_empty:
        return cell
    area = region_3006.area
    while area / (cell * cell) > max_cells:
        cell *= 1.5
    return float(round(cell))


def grid_counts(points: pd.DataFrame, cell: float, region: BaseGeometry | None = None,
                pad_cells: int = 2) -> Grid:
    """Events (columns lat, lon and optionally n = weight) counted on square cells of `cell` metres.

    Every cell whose centre lies in `region` (EPSG:4326 polygon; None = the points' extent padded by
    pad_cells) is included, with zero where nothing happened, as Gi* needs. Points outside are dropped.
    Cell (ix, iy) spans [ix*cell, (ix+1)*cell) in SWEREF 99 TM, so ids are stable between runs.
    """
    weights = points["n"].to_numpy(dtype=float) if "n" in points else np.ones(len(points))
    x, y = project(points["lat"].to_numpy(), points["lon"].to_numpy())
    region_3006 = region_to_3006(region) if region is not None and not region.is_empty else None
    cell = effective_cell(region_3006, cell)
    if region_3006 is not None:
        minx, miny, maxx, maxy = region_3006.bounds
    elif len(points):
        minx, miny, maxx, maxy = x.min() - pad_cells * cell, y.min() - pad_cells * cell, \
            x.max() + pad_cells * cell, y.max() + pad_cells * cell
    else:
        return Grid(cell, pd.DataFrame(columns=["ix", "iy", "x", "y", "count"]))
    ix_range = np.arange(int(np.floor(minx / cell)), int(np.floor(maxx / cell)) + 1)
    iy_range = np.arange(int(np.floor(miny / cell)), int(np.floor(maxy / cell)) + 1)
    gx, gy = np.meshgrid(ix_range, iy_range)
    gx, gy = gx.ravel(), gy.ravel()
    cx, cy = (gx + 0.5) * cell, (gy + 0.5) * cell
    if region_3006 is not None:
        inside = shapely.contains_xy(region_3006, cx, cy)
        gx, gy, cx, cy = gx[inside], gy[inside], cx[inside], cy[inside]
    cells = pd.DataFrame({"ix": gx, "iy": gy, "x": cx, "y": cy})
    counts = (pd.DataFrame({"ix": np.floor(x / cell).astype(int), "iy": np.floor(y / cell).astype(int),
                            "count": weights})
              .groupby(["ix", "iy"], as_index=False)["count"].sum())
    cells = cells.merge(counts, on=["ix", "iy"], how="left")
    cells["count"] = cells["count"].fillna(0.0)
    return Grid(cell, cells)


def queen_weights(cells: pd.DataFrame) -> libpysal.weights.W:
    """Binary weights: each cell's neighbours are the up to 8 cells touching it (queen contiguity)."""
    index = {(ix, iy): i for i, (ix, iy) in enumerate(zip(cells["ix"].to_numpy(), cells["iy"].to_numpy(),
                                                          strict=True))}
    neighbours: dict[int, list[int]] = {}
    for (ix, iy), i in index.items():
        neighbours[i] = [index[(ix + dx, iy + dy)] for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                         if (dx or dy) and (ix + dx, iy + dy) in index]
    return libpysal.weights.W(neighbours, silence_warnings=True)


def gi_star(grid: Grid, permutations: int | None = None, seed: int = 12345, fdr: bool = True) -> pd.DataFrame:
    """Getis-Ord Gi* per cell: columns z, p (pseudo p-value from permutations) and level.

    level is +3/+2/+1 for hot spots at 99/95/90 % confidence, -3/-2/-1 for cold spots, 0 otherwise.
    With fdr=True the p-value must also pass the Benjamini-Hochberg cut-off for that level.
    permutations: None = 9999 for up to 1500 cells (so 99 % can pass the FDR cut-off), else 999.
    """
    cells = grid.cells.copy()
    cells["z"] = 0.0
    cells["p"] = 1.0
    cells["level"] = 0
    y = cells["count"].to_numpy(dtype=float)
    if len(cells) < 3 or np.allclose(y, y[0] if len(y) else 0):
        return cells  # no variation: nothing stands out
    if permutations is None:
        permutations = 9999 if len(cells) <= 1500 else 999
    with warnings.catch_warnings():  # a region of separate towns gives disconnected parts: expected
        warnings.simplefilter("ignore", UserWarning)
        w = queen_weights(cells)
        stat = esda.G_Local(y, w, transform="B", star=True, permutations=permutations, seed=seed, n_jobs=1)
    z = np.nan_to_num(np.asarray(stat.Zs, dtype=float))
    p = np.nan_to_num(np.asarray(stat.p_sim, dtype=float), nan=1.0)
    level = np.zeros(len(cells), dtype=int)
    for value, alpha in sorted(LEVELS.items()):  # 1, 2, 3: stronger levels overwrite weaker
        cut = esda.fdr(p, alpha) if fdr else alpha
        significant = p <= cut if fdr else p < alpha
        level = np.where(significant, value, level)
    cells["z"] = z
    cells["p"] = p
    cells["level"] = np.sign(z).astype(int) * level
    return cells


def cell_polygons(cells: pd.DataFrame, cell: float) -> list[list[tuple[float, float]]]:
    """Each cell's corners as [(lat, lon) ...] for drawing (the square in EPSG:3006, reprojected)."""
    x0 = cells["ix"].to_numpy() * cell
    y0 = cells["iy"].to_numpy() * cell
    corners = [(x0, y0), (x0 + cell, y0), (x0 + cell, y0 + cell), (x0, y0 + cell)]
    latlon = [unproject(cx, cy) for cx, cy in corners]
    return [[(float(latlon[k][0][i]), float(latlon[k][1][i])) for k in range(4)] for i in range(len(cells))]


@dataclass(frozen=True)
class Density:
    """A kernel density surface sampled on a WGS 84 raster: values[row, col], row 0 = north."""

    values: np.ndarray
    south: float
    west: float
    north: float
    east: float
    bandwidth: float


def kernel_density(points: pd.DataFrame, bandwidth: float = 150.0, cell: float = 25.0,
                   max_side: int = 400) -> Density | None:
    """Gaussian kernel density (events per km²) of points (lat, lon[, n]) with bandwidth in metres."""
    if points.empty:
        return None
    weights = points["n"].to_numpy(dtype=float) if "n" in points else np.ones(len(points))
    x, y = project(points["lat"].to_numpy(), points["lon"].to_numpy())
    pad = 3 * bandwidth
    minx, miny, maxx, maxy = x.min() - pad, y.min() - pad, x.max() + pad, y.max() + pad
    cell = max(cell, (maxx - minx) / max_side, (maxy - miny) / max_side)
    nx, ny = int(np.ceil((maxx - minx) / cell)) + 1, int(np.ceil((maxy - miny) / cell)) + 1
    counts, _, _ = np.histogram2d(y, x, bins=[ny, nx], range=[[miny, miny + ny * cell], [minx, minx + nx * cell]],
                                  weights=weights)
    density = ndimage.gaussian_filter(counts, sigma=bandwidth / cell, mode="constant") / (cell * cell) * 1e6
    # Sample the SWEREF surface onto a regular lat/lon raster (what a web map overlay needs).
    lat_c, lon_c = unproject(np.array([minx, maxx, minx, maxx]), np.array([miny, miny, maxy, maxy]))
    south, north, west, east = lat_c.min(), lat_c.max(), lon_c.min(), lon_c.max()
    rows, cols = ny, nx
    lats = np.linspace(north, south, rows)
    lons = np.linspace(west, east, cols)
    glon, glat = np.meshgrid(lons, lats)
    gx, gy = project(glat.ravel(), glon.ravel())
    sampled = ndimage.map_coordinates(density, [(gy - miny) / cell - 0.5, (gx - minx) / cell - 0.5], order=1,
                                      mode="constant", cval=0.0).reshape(rows, cols)
    return Density(sampled, float(south), float(west), float(north), float(east), bandwidth)


def density_peak(d: Density) -> tuple[float, float]:
    """(lat, lon) of the highest density."""
    row, col = np.unravel_index(int(np.argmax(d.values)), d.values.shape)
    rows, cols = d.values.shape
    lat = d.north - (d.north - d.south) * row / max(rows - 1, 1)
    lon = d.west + (d.east - d.west) * col / max(cols - 1, 1)
    return float(lat), float(lon)


@functools.lru_cache(maxsize=65536)
def change_p_value(n: int, previous: int) -> float:
    """Two-sided p-value that the rate changed between two equally long periods: the action
    evaluation's Poisson E-test (`evaluation.etest`, the score test above its ETEST_MAX_EVENTS, where
    the E-test would take seconds to minutes and the two agree).

    Raw percent change misleads at small counts (3 -> 6 is +100 % and no evidence of anything).
    Memoised: the map's tables ask for the same few (n, previous) pairs on every run, and each
    E-test costs milliseconds.
    """
    if n == previous:
        return 1.0
    from est_data.analysis.evaluation import etest

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return etest(int(previous), int(n)).p_value


def change_verdict(n: int, previous: int, alpha: float = 0.05) -> int:
    """+1 a certain increase, -1 a certain decrease (at the alpha level), 0 no certain change."""
    if change_p_value(n, previous) >= alpha:
        return 0
    return 1 if n > previous else -1


def ranked(now: pd.DataFrame, before: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """Rank places/cells by count (column n) with share, cumulative share and change against before.

    now/before: frames with the key columns and n. Returns key + n, previous, change, share, cum_share,
    sorted by n descending; cum_share shows how few places carry most events (the 80/20 view).
    """
    merged = now.merge(before[key + ["n"]].rename(columns={"n": "previous"}), on=key, how="left")
    merged["previous"] = merged["previous"].fillna(0).astype(int)
    merged["n"] = merged["n"].astype(int)
    merged["change"] = merged["n"] - merged["previous"]
    merged = merged.sort_values(["n", "change"], ascending=False).reset_index(drop=True)
    total = merged["n"].sum()
    merged["share"] = merged["n"] / total if total else 0.0
    merged["cum_share"] = merged["share"].cumsum()
    return merged
