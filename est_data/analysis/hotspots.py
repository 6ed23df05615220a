"""Hotspots the way crime analysts find them, computed in SWEREF 99 TM (EPSG:3006, metres).

- `kernel_density`: a Gaussian kernel density surface for the heat picture (binned counts smoothed
  with a Gaussian filter: the standard fast binned KDE), sampled onto a WGS 84 raster for the map.
- `grid_counts` + `gi_star`: statistical hotspots (below).
- `ranked`: repeat places (or cells) ranked with their share and cumulative share (the 80/20 view)
  and the change against the previous period.

Statistical hotspots: the choices and why
------------------------------------------
Events are counted on square cells (default 200 m) covering the municipality's land: the cells whose
centre lies in the chosen areas and in the municipality's boundary, zeros included. Sea and land
outside the municipality are no cells at all, so they cannot be "cold".

Statistic: Getis-Ord Gi* (Getis & Ord 1992; Ord & Getis 1995), esda `G_Local(star=True)` with
binary weights. The neighbourhood is the cell and the up to 8 cells touching it (queen contiguity,
a 3 × 3 window: 600 m × 600 m at 200 m cells), the usual choice for gridded crime counts (Chainey
2014, "Examining the extent to which hotspot analysis can support spatial predictions of crime").
With binary weights Gi* is the window's share of all events, so the test is about the window's sum.

Inference: a total-randomisation test for counts, two-sided, not the analytic z and not esda's
`p_sim`. Under "no spatial pattern" the cells' counts are exchangeable; the window sum of a k-cell
window is then the sum of k counts drawn without replacement from all cells (the null whose mean and
variance the analytic z of Ord & Getis uses). We draw that null at random (`null_sums`, one set of
draws serves every window size) and take the Monte Carlo p-value (b + 1)/(M + 1) of each tail
(Davison & Hinkley 1997, ch. 4; North, Curtis & Sham 2002), two-sided as 2 × the smaller tail.
- The analytic z assumes a normal window sum. Crime counts per cell are zero-inflated and heavy-
  tailed, and the normal tail is far too thin: on uniformly random or overdispersed-but-spatially-
  random counts the analytic z with FDR labels at least one cell on 55-88 % of maps (checked with
  Poisson(0.2) and negative-binomial counts on 784 cells); the randomisation test on at most 5 %.
- esda's `p_sim` is a conditional permutation (the cell's own count fixed, only the neighbours
  permuted), one-sided, and counts ties as extreme: a cell whose whole window is empty gets the
  smallest possible p and was called "kall 99 %" on a quarter of the sample's cells.
Correction for many cells: Benjamini-Hochberg FDR (Benjamini & Hochberg 1995; for local spatial
statistics Caldas de Castro & Singer 2006; ArcGIS Pro's Hot Spot Analysis offers the same FDR
correction) over every cell of the region. The levels are FDR levels: "het 95 %" means the cell's
window holds more events than random placement of the period's counts would give, judged so that
among all cells labelled at 95 % or above at most about 5 % are expected to be false alarms.
No label from empty neighbourhoods: a window without a single event is never called cold (it says
there is no data, often fields or industrial land, not that the place is safe); reason = 'empty'.
A busy cell with quiet neighbours: Gi* includes the cell itself, so one very busy cell can make its
window significant. Such a hot cell is marked `isolated` when its neighbours alone are not busier
than chance (one-sided 5 % against a window one cell smaller), and the map says "het ruta, lugnt
runt omkring" instead of calling it a hot area.
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
from statsmodels.stats.multitest import multipletests

SWEREF = "EPSG:3006"
MAX_CELLS = 12_000  # above this the cell size is enlarged (Gi* with permutations grows with the cell count)
METHOD_VERSION = "total-randomisation-bh-1"  # part of stored results' keys: change it when gi_star changes
LEVELS = {3: 0.01, 2: 0.05, 1: 0.10}  # level -> false discovery rate (99, 95, 90 %)
MIN_DRAWS, MAX_DRAWS = 99_999, 499_999  # random draws of the null: enough for the FDR cut-offs
ISOLATED_ALPHA = 0.05  # neighbours alone busier than chance at this level, else the hot cell is "isolated"

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


def grid_counts(
    points: pd.DataFrame, cell: float, region: BaseGeometry | None = None, pad_cells: int = 2
) -> Grid:
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
        minx, miny, maxx, maxy = (
            x.min() - pad_cells * cell,
            y.min() - pad_cells * cell,
            x.max() + pad_cells * cell,
            y.max() + pad_cells * cell,
        )
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
    counts = (
        pd.DataFrame(
            {"ix": np.floor(x / cell).astype(int), "iy": np.floor(y / cell).astype(int), "count": weights}
        )
        .groupby(["ix", "iy"], as_index=False)["count"]
        .sum()
    )
    cells = cells.merge(counts, on=["ix", "iy"], how="left")
    cells["count"] = cells["count"].fillna(0.0)
    return Grid(cell, cells)


def queen_weights(cells: pd.DataFrame) -> libpysal.weights.W:
    """Binary weights: each cell's neighbours are the up to 8 cells touching it (queen contiguity)."""
    index = {
        (ix, iy): i
        for i, (ix, iy) in enumerate(zip(cells["ix"].to_numpy(), cells["iy"].to_numpy(), strict=True))
    }
    neighbours: dict[int, list[int]] = {}
    for (ix, iy), i in index.items():
        neighbours[i] = [
            index[(ix + dx, iy + dy)]
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            if (dx or dy) and (ix + dx, iy + dy) in index
        ]
    return libpysal.weights.W(neighbours, silence_warnings=True)


def null_sums(y: np.ndarray, draws: int, seed: int, k_max: int = 9) -> np.ndarray:
    """Sums of the first k (k = 1 .. k_max) of k_max cells drawn at random without replacement from
    all cells' counts: array (draws, k_max), column k-1 = the null distribution of a k-cell window.

    Hand-written because esda's permutation inference is the conditional kind (see the module's
    docstring). A random k-subset's first j members are a random j-subset, so one set of draws serves
    every window size. Rows with a repeated cell are drawn again (rejection sampling: exact).
    """
    rng = np.random.default_rng(seed)
    n = len(y)
    k_max = min(k_max, n)
    chosen: list[np.ndarray] = []
    have = 0
    while have < draws:
        batch = rng.integers(0, n, size=(max(1000, int((draws - have) * 1.2)), k_max), dtype=np.int64)
        ordered = np.sort(batch, axis=1)
        distinct = ~(np.diff(ordered, axis=1) == 0).any(axis=1)
        batch = batch[distinct][: draws - have]
        chosen.append(batch)
        have += len(batch)
    idx = np.concatenate(chosen)
    return np.cumsum(y[idx], axis=1)


def window_p_values(
    observed: np.ndarray, sizes: np.ndarray, sums: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Monte Carlo p-values (b + 1) / (M + 1) of each window's sum against the null for its size:
    (upper: as many or more events, lower: as few or fewer)."""
    upper = np.ones(len(observed))
    lower = np.ones(len(observed))
    draws = sums.shape[0]
    for k in np.unique(sizes):
        if k < 1:
            continue
        null = np.sort(sums[:, int(k) - 1])
        at = sizes == k
        s = observed[at]
        n_ge = draws - np.searchsorted(null, s - 1e-9, side="left")
        n_le = np.searchsorted(null, s + 1e-9, side="right")
        upper[at] = (n_ge + 1) / (draws + 1)
        lower[at] = (n_le + 1) / (draws + 1)
    return upper, lower


def bh_adjust(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values): a cell is significant at FDR q when adjusted <= q."""
    if len(p) == 0:
        return p
    return multipletests(p, method="fdr_bh")[1]


def gi_star(grid: Grid, permutations: int | None = None, seed: int = 12345, fdr: bool = True) -> pd.DataFrame:
    """Getis-Ord Gi* per cell (see the module's docstring for the choices and their reasons).

    Columns added: z (Gi*'s analytic z-score, esda), window (events in the cell and its neighbours),
    expected (what the window would hold on average with the municipality's counts spread at random
    over the cells), p (two-sided total-randomisation p-value), q (Benjamini-Hochberg adjusted p),
    level (+3/+2/+1 hot at FDR 1/5/10 %, -3/-2/-1 cold, 0 not labelled), isolated (a hot cell whose
    neighbours alone are not busier than chance: the cell itself carries the label) and reason
    ('' or why a cell gets no label although its p is small: 'empty' for an empty neighbourhood).
    fdr=False uses the unadjusted p (only to show why the correction is there).
    permutations: random draws of the null (None = enough for the FDR cut-offs of this many cells).
    """
    cells = grid.cells.copy()
    for column, value in (
        ("z", 0.0),
        ("window", 0.0),
        ("expected", 0.0),
        ("p", 1.0),
        ("q", 1.0),
        ("level", 0),
        ("isolated", False),
        ("reason", ""),
    ):
        cells[column] = value
    y = cells["count"].to_numpy(dtype=float)
    if len(cells) < 3 or np.allclose(y, y[0] if len(y) else 0):
        return cells  # no variation: nothing stands out
    if permutations is None:
        permutations = int(min(MAX_DRAWS, max(MIN_DRAWS, 200 * len(cells))))
    with warnings.catch_warnings():  # a region of separate towns gives disconnected parts: expected
        warnings.simplefilter("ignore", UserWarning)
        w = queen_weights(cells)
        stat = esda.G_Local(y, w, transform="B", star=True, permutations=0)
    z = np.nan_to_num(np.asarray(stat.Zs, dtype=float))
    # Gi* with binary weights is the window's share of all events: window = Gs * total, exactly.
    total = float(y.sum())
    window = np.round(np.asarray(stat.Gs, dtype=float) * total, 6)
    sizes = np.asarray([len(w.neighbors[i]) + 1 for i in range(len(cells))], dtype=int)
    sums = null_sums(y, permutations, seed)
    upper, lower = window_p_values(window, sizes, sums)
    p = np.minimum(1.0, 2 * np.minimum(upper, lower))
    q = bh_adjust(p) if fdr else p
    hot = upper < lower
    level = np.zeros(len(cells), dtype=int)
    for value, alpha in sorted(LEVELS.items()):  # 1, 2, 3: stronger levels overwrite weaker
        level = np.where(q <= alpha, value, level)
    empty = window <= 0
    level = np.where(empty, 0, level)
    level = np.where(hot, level, -level)
    # Neighbours alone (the window without the cell itself) against chance for a window one smaller.
    neighbours_only = window - y
    up_nb, _ = window_p_values(neighbours_only, np.maximum(sizes - 1, 0), sums)
    isolated = (level > 0) & ((sizes <= 1) | (up_nb >= ISOLATED_ALPHA))
    cells["z"] = z
    cells["window"] = window
    cells["expected"] = sizes * total / len(cells)
    cells["p"] = p
    cells["q"] = q
    cells["level"] = level
    cells["isolated"] = isolated
    cells["reason"] = np.where(empty & (p < 1.0) & (q <= max(LEVELS.values())), "empty", "")
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


def kernel_density(
    points: pd.DataFrame, bandwidth: float = 150.0, cell: float = 25.0, max_side: int = 400
) -> Density | None:
    """Gaussian kernel density (events per km²) of points (lat, lon[, n]) with bandwidth in metres."""
    if points.empty:
        return None
    weights = points["n"].to_numpy(dtype=float) if "n" in points else np.ones(len(points))
    x, y = project(points["lat"].to_numpy(), points["lon"].to_numpy())
    pad = 3 * bandwidth
    minx, miny, maxx, maxy = x.min() - pad, y.min() - pad, x.max() + pad, y.max() + pad
    cell = max(cell, (maxx - minx) / max_side, (maxy - miny) / max_side)
    nx, ny = int(np.ceil((maxx - minx) / cell)) + 1, int(np.ceil((maxy - miny) / cell)) + 1
    counts, _, _ = np.histogram2d(
        y, x, bins=[ny, nx], range=[[miny, miny + ny * cell], [minx, minx + nx * cell]], weights=weights
    )
    density = ndimage.gaussian_filter(counts, sigma=bandwidth / cell, mode="constant") / (cell * cell) * 1e6
    # Sample the SWEREF surface onto a regular lat/lon raster (what a web map overlay needs).
    lat_c, lon_c = unproject(np.array([minx, maxx, minx, maxx]), np.array([miny, miny, maxy, maxy]))
    south, north, west, east = lat_c.min(), lat_c.max(), lon_c.min(), lon_c.max()
    rows, cols = ny, nx
    lats = np.linspace(north, south, rows)
    lons = np.linspace(west, east, cols)
    glon, glat = np.meshgrid(lons, lats)
    gx, gy = project(glat.ravel(), glon.ravel())
    sampled = ndimage.map_coordinates(
        density, [(gy - miny) / cell - 0.5, (gx - minx) / cell - 0.5], order=1, mode="constant", cval=0.0
    ).reshape(rows, cols)
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
    """Two-sided p-value that the rate changed between two equally long periods: `poisson.compare_rates`,
    the E-test CompStat and the action evaluation use too (the score test above poisson.ETEST_MAX_EVENTS).

    Raw percent change misleads at small counts (3 -> 6 is +100 % and no evidence of anything).
    Memoised: the map's tables ask for the same few (n, previous) pairs on every run, and each
    E-test costs milliseconds.
    """
    if n == previous:
        return 1.0
    from est_data.analysis import poisson

    return poisson.compare_rates(int(n), 1.0, int(previous), 1.0).p_value


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
