"""Risk next week: where events are likely in the coming seven days, and how often that was right.

The prediction (deliberately simple, so a coordinator can explain it to the police and the board)
-----------------------------------------------------------------------------------------------
Cells are those of the hotspot layer (`hotspots.grid_counts`: square cells in SWEREF 99 TM, only those
whose centre lies on the municipality's land). "Weeks" are seven-day blocks counted back from the last
day of data (the reference date), so a Thursday meeting predicts Friday to Thursday.

- **Recent kernel density** (the method): each positioned event of the last `lookback_weeks` weeks
  (26) counts with weight 0.5^(age / half_life_weeks) (last week 1, eight weeks ago 0.5 ...), and is spread
  over the neighbouring cells with a Gaussian kernel of `bandwidth_m` metres (scipy.ndimage's
  gaussian_filter on the grid). The cells with the highest values, `flag_share` of the land (5 %
  unless chosen), are flagged. This is "prospective hot-spotting" in its plainest form (Bowers,
  Johnson & Pease 2004: recent events and nearby places carry most of the risk).
- **The naive map** it must beat: the cells with the most events in the last four weeks, flagged the
  same way ("same as the last four weeks").

Ties at the cut-off (many cells with the same value, typically zero or one event) are flagged
fractionally: when r places remain for m tied cells, each counts r/m. That is the expected result of
breaking the tie at random, without a random draw that would change the figures between runs.

Its accuracy, always beside it (rolling origin, out of sample)
--------------------------------------------------------------
For each of the last `scored_weeks` weeks, both maps are fitted on the weeks *before* that week only
(the scored week's events are never seen), the same share of cells is flagged, and the week's events
are counted (Tashman 2000 and Hyndman & Athanasopoulos, *Forecasting: principles and practice*,
§5.10: evaluation on a rolling forecasting origin). Per week:

- **hit rate** = events in flagged cells ÷ all events of the week (with a position);
- **PAI**, the Predictive Accuracy Index (Chainey, Tompson & Uhlig 2008, "The utility of hotspot
  mapping for predicting spatial patterns of crime", *Security Journal* 21, 4–28) = hit rate ÷ share
  of the area flagged. PAI 1 is what flagging cells at random gives; PAI 4 catches four times as many
  events per km² as random.

A week is scored when it has at least one positioned event and `naive_weeks` weeks of data before it
(weeks before the source's first event are "no data", not "nothing happened"), and when every chosen
source covers it (`analysis.coverage`: a week in a gap of the police fetch is not scored). With fewer than
`min_scored_weeks` scored weeks nothing is judged and **no risk map is shown**: a forecast whose
accuracy cannot be shown is exactly what this feature exists to avoid.

The comparison with the naive map is paired by week: the mean difference of the hit rates with its
t confidence interval (scipy.stats.t), and a sign test over the weeks (statsmodels
`sign_test`; weeks with equal hit rates are left out). The method is "better" only when the whole
interval lies above zero, "worse" when it lies below, and otherwise "no certain difference". Only a
better method is shown as the risk map; otherwise the page says so and shows the naive map. Both maps
flag the same share of area, so comparing hit rates is comparing PAIs.

The parameters are fixed, not tuned on each municipality's scored weeks (tuning on them would make
the accuracy look better than it is). They are round values chosen once: the first choice (12 weeks,
half-life 4, 200 m) lost to the naive map on the fictional sample and the `large` benchmark data,
whose events cluster at named places that a wide kernel blurs; half a year with a half-life of eight
weeks and a 100 m kernel beat it on both. On a real municipality's data the table says whether it does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import ndimage, stats
from statsmodels.stats.descriptivestats import sign_test

from est_data.analysis import hotspots

METHOD_VERSION = "kde-recency-1"  # part of cache keys: change it when the method or its defaults change


@dataclass(frozen=True)
class Settings:
    lookback_weeks: int = 26
    half_life_weeks: float = 8.0
    bandwidth_m: float = 100.0
    naive_weeks: int = 4
    scored_weeks: int = 12
    min_scored_weeks: int = 6
    flag_share: float = 0.05
    confidence: float = 0.95

    @property
    def history_weeks(self) -> int:
        """Weeks of data the whole assessment reads: the scored weeks and the look-back of the oldest."""
        return self.scored_weeks + max(self.lookback_weeks, self.naive_weeks)


@dataclass(frozen=True)
class Comparison:
    """The method against the naive map over the scored weeks (hit-rate differences, paired by week)."""

    mean_difference: float
    low: float
    high: float
    better_weeks: int
    worse_weeks: int
    sign_p: float
    verdict: str  # "better", "worse", "no_difference"


@dataclass(frozen=True)
class RiskMap:
    """Everything the risk layer and its accuracy table show."""

    weeks: (
        pd.DataFrame
    )  # per scored week: back, events, hits, hit_rate, pai, naive_hits, naive_hit_rate, naive_pai
    comparison: Comparison | None  # None when too few weeks were scored
    cells: pd.DataFrame  # ix, iy, x, y, score, flag (0..1), recent (events in the last naive_weeks weeks)
    shown: str  # "model", "naive" or "none" (too few weeks: no map)
    area_share: float  # share of the land flagged
    settings: Settings = field(default_factory=Settings)

    @property
    def judged(self) -> bool:
        return self.comparison is not None

    def totals(self) -> dict[str, float]:
        """Pooled over the scored weeks: events, hit rates and PAIs of both maps."""
        events = float(self.weeks["events"].sum()) if not self.weeks.empty else 0.0
        if events <= 0 or self.area_share <= 0:
            return {"weeks": 0, "events": 0.0}
        hit = float(self.weeks["hits"].sum()) / events
        naive = float(self.weeks["naive_hits"].sum()) / events
        return {
            "weeks": len(self.weeks),
            "events": events,
            "hit_rate": hit,
            "pai": hit / self.area_share,
            "naive_hit_rate": naive,
            "naive_pai": naive / self.area_share,
        }


def week_cube(points: pd.DataFrame, cells: pd.DataFrame, cell: float, n_weeks: int) -> np.ndarray:
    """Events per (week, cell): array (n_weeks, len(cells)), row n_weeks-1 = the latest week.

    points: lat, lon, back (0 = the latest week, 1 = the one before ...) and optionally n (a weight).
    Points outside the cells (sea, a neighbouring municipality) and weeks outside the range are dropped.
    """
    cube = np.zeros((n_weeks, len(cells)))
    if points.empty or cells.empty:
        return cube
    x, y = hotspots.project(points["lat"].to_numpy(), points["lon"].to_numpy())
    ix = np.floor(x / cell).astype(np.int64)
    iy = np.floor(y / cell).astype(np.int64)
    index = pd.Series(
        np.arange(len(cells)),
        index=pd.MultiIndex.from_arrays([cells["ix"].astype(np.int64), cells["iy"].astype(np.int64)]),
    )
    position = index.reindex(pd.MultiIndex.from_arrays([ix, iy])).to_numpy()
    row = n_weeks - 1 - points["back"].to_numpy(dtype=np.int64)
    weight = points["n"].to_numpy(dtype=float) if "n" in points else np.ones(len(points))
    keep = ~np.isnan(position) & (row >= 0) & (row < n_weeks)
    np.add.at(cube, (row[keep], position[keep].astype(np.int64)), weight[keep])
    return cube


class _Raster:
    """The cells placed on their bounding raster, for Gaussian smoothing across neighbouring cells."""

    def __init__(self, cells: pd.DataFrame):
        ix = cells["ix"].to_numpy(dtype=np.int64)
        iy = cells["iy"].to_numpy(dtype=np.int64)
        self.rows = iy - (iy.min() if len(iy) else 0)
        self.cols = ix - (ix.min() if len(ix) else 0)
        self.shape = (int(self.rows.max()) + 1 if len(iy) else 0, int(self.cols.max()) + 1 if len(ix) else 0)

    def smooth(self, values: np.ndarray, sigma_cells: float) -> np.ndarray:
        if not len(values):
            return values
        raster = np.zeros(self.shape)
        raster[self.rows, self.cols] = values
        return ndimage.gaussian_filter(raster, sigma=sigma_cells, mode="constant", truncate=3.0)[
            self.rows, self.cols
        ]


def model_scores(history: np.ndarray, raster: _Raster, cell: float, s: Settings) -> np.ndarray:
    """Recent kernel density from the weeks of `history` (rows: weeks, oldest first; only what came
    before the week to predict)."""
    recent = history[-s.lookback_weeks :]
    ages = np.arange(len(recent))[::-1]  # 0 = the latest week
    weights = 0.5 ** (ages / s.half_life_weeks)
    weighted = (recent * weights[:, None]).sum(axis=0)
    return raster.smooth(weighted, s.bandwidth_m / cell)


def naive_scores(history: np.ndarray, s: Settings) -> np.ndarray:
    """Events of the last `naive_weeks` weeks of `history`, per cell."""
    return history[-s.naive_weeks :].sum(axis=0)


def flag_weights(scores: np.ndarray, share: float) -> np.ndarray:
    """How much of each cell is flagged (1, 0, or a fraction for ties at the cut-off) when the top
    `share` of the cells (at least one) are flagged."""
    n = len(scores)
    if n == 0:
        return np.zeros(0)
    k = max(1, int(round(share * n)))
    values = np.round(scores, 12)  # equal up to floating-point noise of the smoothing = tied
    order = np.sort(values)[::-1]
    cut = order[k - 1]
    above = values > cut
    tied = values == cut
    weights = above.astype(float)
    weights[tied] = (k - above.sum()) / tied.sum()
    return weights


def compare(model_rates: np.ndarray, naive_rates: np.ndarray, confidence: float = 0.95) -> Comparison:
    """The paired comparison of hit rates described in the module's docstring."""
    diff = np.asarray(model_rates, dtype=float) - np.asarray(naive_rates, dtype=float)
    n = len(diff)
    mean = float(diff.mean())
    sd = float(diff.std(ddof=1)) if n > 1 else 0.0
    if sd > 0:
        half = float(stats.t.ppf(0.5 + confidence / 2, n - 1)) * sd / np.sqrt(n)
    else:
        half = 0.0
    low, high = mean - half, mean + half
    better, worse = int((diff > 1e-12).sum()), int((diff < -1e-12).sum())
    sign_p = float(sign_test(diff[np.abs(diff) > 1e-12], mu0=0)[1]) if better + worse else 1.0
    if sd == 0 and n > 1:  # identical difference every week: certain only when it is not zero
        verdict = "better" if mean > 1e-12 else "worse" if mean < -1e-12 else "no_difference"
    else:
        verdict = "better" if low > 0 else "worse" if high < 0 else "no_difference"
    return Comparison(mean, low, high, better, worse, sign_p, verdict)


def assess(
    cube: np.ndarray,
    cells: pd.DataFrame,
    cell: float,
    first_row: int = 0,
    s: Settings | None = None,
    skip_rows: frozenset[int] = frozenset(),
) -> RiskMap:
    """Score both maps on the last `scored_weeks` rows of `cube` (rolling origin) and predict the week
    after the cube's last row.

    cube: (weeks, cells) from `week_cube`, oldest first; first_row: the first row with data (rows before
    it are before the source's first event). cells: the grid's cells (ix, iy, x, y). skip_rows: weeks
    not to score (a source's coverage has a gap there: nothing is judged across a gap).
    """
    s = s or Settings()
    n_weeks, n_cells = cube.shape
    raster = _Raster(cells)
    area_share = max(1, int(round(s.flag_share * n_cells))) / n_cells if n_cells else 0.0
    rows = []
    for t in range(max(first_row + s.naive_weeks, n_weeks - s.scored_weeks), n_weeks):
        actual = cube[t]
        events = float(actual.sum())
        if events <= 0 or n_cells == 0 or t in skip_rows:
            continue
        history = cube[first_row:t]  # only the weeks before the scored one: it is never seen
        model = flag_weights(model_scores(history, raster, cell, s), s.flag_share)
        naive = flag_weights(naive_scores(history, s), s.flag_share)
        hits, naive_hits = float(model @ actual), float(naive @ actual)
        rows.append(
            {
                "back": n_weeks - 1 - t,
                "events": events,
                "hits": hits,
                "hit_rate": hits / events,
                "pai": hits / events / area_share,
                "naive_hits": naive_hits,
                "naive_hit_rate": naive_hits / events,
                "naive_pai": naive_hits / events / area_share,
            }
        )
    weeks = pd.DataFrame(
        rows,
        columns=[
            "back",
            "events",
            "hits",
            "hit_rate",
            "pai",
            "naive_hits",
            "naive_hit_rate",
            "naive_pai",
        ],
    )
    comparison = None
    if len(weeks) >= s.min_scored_weeks:
        comparison = compare(weeks["hit_rate"].to_numpy(), weeks["naive_hit_rate"].to_numpy(), s.confidence)
    history = cube[first_row:]
    out = cells[["ix", "iy", "x", "y"]].copy() if n_cells else pd.DataFrame(columns=["ix", "iy", "x", "y"])
    shown = "none" if comparison is None else ("model" if comparison.verdict == "better" else "naive")
    if shown == "model":
        scores = model_scores(history, raster, cell, s)
    elif shown == "naive":
        scores = naive_scores(history, s)
    else:
        scores = np.zeros(n_cells)
    out["score"] = scores
    out["flag"] = flag_weights(scores, s.flag_share) if shown != "none" else 0.0
    out["recent"] = naive_scores(history, s) if n_cells and len(history) else 0.0
    return RiskMap(weeks, comparison, out, shown, area_share, s)


def flagged_cells(risk: RiskMap) -> pd.DataFrame:
    """The cells to draw: flagged (wholly, or tied at the cut-off: `partial`) and with a positive score,
    highest first, with their rank."""
    cells = risk.cells
    if risk.shown == "none" or cells.empty:
        return cells.head(0).assign(rank=[], partial=[])
    chosen = cells[(cells["flag"] > 0) & (cells["score"] > 0)].sort_values("score", ascending=False)
    return chosen.assign(rank=np.arange(1, len(chosen) + 1), partial=chosen["flag"] < 1).reset_index(
        drop=True
    )
