"""Near-repeat: the Knox test as in Ratcliffe's Near Repeat Calculator, and the "förhöjd risk" list.

After a fire, a burglary or vandalism the risk close by is raised for some days (Townsley, Homel &
Chaseling 2003; Johnson et al. 2007, "Space-time patterns of risk: a cross national assessment of
residential burglary victimization", J. Quant. Criminol. 23). The Near Repeat Calculator (Ratcliffe
2009, Temple University; manual: NearRepeatsManual.pdf) measures it with the Knox test:

- Every pair of events of the chosen category and period is put in one cell of a table: its distance
  band × its time band (distance between the two positions, days between the two dates).
- Observed: the number of pairs in each cell.
- Expected: the mean of the same count over Monte Carlo permutations in which the events' dates are
  shuffled among their positions (every position keeps a date of the data, so the spatial pattern
  and the seasonal pattern stay as they are; only their connection is broken, Mantel 1967).
- Knox ratio: observed ÷ expected (1.5 = 50 % more pairs than without a space-time connection).
- Monte Carlo p: (number of permutations with as many or more pairs than observed + 1) ÷
  (permutations + 1), one-sided (Davison & Hinkley 1997); the number of permutations is stated with
  every table (`KnoxTable.permutations`, default 999).

Choices that differ from the calculator, and why
------------------------------------------------
- Bands are whole metres and whole days, closed at both ends and labelled as they are computed:
  "1–100 m" holds pairs 1 to 100 m apart (rounded to the metre), "0–7 dagar" pairs 0 to 7 days apart
  (calendar dates). Steenbeek's comparison (R package NearRepeat, vignette "NRC") showed that the
  calculator's "a to b" cells in fact hold [a-1, b); here the label is the rule. "Samma plats" is 0 m.
- Distances are straight lines (Euclidean) in SWEREF 99 TM metres; the calculator also offers Manhattan.
- The table has many cells, so each cell's p is corrected for the number of cells (Benjamini-Hochberg
  FDR, statsmodels `multipletests`, as the hotspot map does). A band counts as near-repeat only when its
  corrected q ≤ ALPHA and its ratio > 1. On random data the table then claims a band on about 5 % of runs
  or fewer (tests/test_nearrepeat.py checks this over 20 seeds). 999 permutations is the least that can
  pass a correction over 12 cells: with 99 the smallest possible p (0.01) is above 0.05 / 12.
- Known limits (Kulldorff & Hjalmars 1999): when where events happen shifts over the period (a new
  estate, an action that moved the problem) close pairs also become close in time and the test sees
  space-time interaction that is not near-repeat. Keep the period to a year or less.

Libraries: pairs closer than the largest distance band come from scipy's `cKDTree.query_pairs`; counts
are numpy `bincount`. The permutation loop is written here by hand: no well-kept Python library has the
banded Knox table (pysal `pointpats.spacetime.Knox` tests one distance and one time threshold, the 2 × 2
Knox test; the banded table with a p per cell exists in R (NearRepeat, stppSim) and in Toby Davies'
unpackaged script).

The "förhöjd risk" list (`raised_risk`): the events of the last days before a date whose surroundings
are, by the table of the preceding year, at raised risk now: for every significant cell whose time band
has not yet run out, "within D m, N more days". Events in a series (other events of the category within
a significant cell of them) come first. Without a significant band the list says so and lists nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
from scipy.spatial import cKDTree
from statsmodels.stats.multitest import multipletests

from est_data import db, incidents
from est_data.analysis import hotspots

DISTANCES = (0, 100, 200, 400)  # upper ends of the distance bands, whole metres (0 = samma plats)
DAYS = (7, 14, 30)  # upper ends of the time bands, whole days (the first band starts at 0)
PERMUTATIONS = 999
ALPHA = 0.05  # false discovery rate over the table's cells
MIN_EVENTS = 20  # fewer positioned events than this: "för få händelser", no table
SEED = 20260619
RECENT_DAYS = 7  # the list's "recent events": the last week up to the chosen date
PERIOD_DAYS = 365  # the table behind the list: the year up to the chosen date
RISK_CATEGORIES = ("Brand",)  # what the list on Lägesbild and Möte watches (fires, issue 19)
METHOD_VERSION = "knox-bh-1"  # part of stored results' keys: change it when knox() changes
KEEP_RESULTS = 64


@dataclass(frozen=True)
class Bands:
    """Distance and time bands: upper ends, each band from the previous end + 1 (the first from 0)."""

    distances: tuple[int, ...] = DISTANCES
    days: tuple[int, ...] = DAYS

    def distance_labels(self) -> list[str]:
        """ "0 m" (the same place), "1–100 m", "101–200 m" ...: the rule of each band, limits included."""
        out, low = [], 0
        for high in self.distances:
            out.append("0 m" if high == 0 else f"{low}–{high} m")
            low = high + 1
        return out

    def day_labels(self) -> list[str]:
        """ "0–7", "8–14" ... (whole days, limits included)."""
        out, low = [], 0
        for high in self.days:
            out.append(f"{low}–{high}")
            low = high + 1
        return out


@dataclass(frozen=True)
class KnoxTable:
    """The Knox table: arrays of shape (distance bands, time bands)."""

    bands: Bands
    events: int
    permutations: int
    observed: np.ndarray
    expected: np.ndarray
    p: np.ndarray
    q: np.ndarray
    status: str = "ok"  # ok | too_few (fewer than MIN_EVENTS positioned events)

    @property
    def ratio(self) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(
                self.expected > 0, self.observed / np.where(self.expected > 0, self.expected, 1), np.nan
            )

    @property
    def significant(self) -> np.ndarray:
        """Cells with near-repeat: corrected q ≤ ALPHA and more pairs than expected."""
        return (self.q <= ALPHA) & (self.observed > self.expected) & (self.observed > 0)

    @property
    def any_significant(self) -> bool:
        return self.status == "ok" and bool(self.significant.any())

    def frame(self) -> pd.DataFrame:
        """One row per cell: distance, days (labels), distance_max, days_max, observed, expected, ratio, p,
        q, significant."""
        d_labels, t_labels = self.bands.distance_labels(), self.bands.day_labels()
        rows = []
        for i, d in enumerate(d_labels):
            for j, t in enumerate(t_labels):
                rows.append(
                    {
                        "distance": d,
                        "days": t,
                        "distance_max": self.bands.distances[i],
                        "days_max": self.bands.days[j],
                        "observed": int(self.observed[i, j]),
                        "expected": float(self.expected[i, j]),
                        "ratio": float(self.ratio[i, j]) if np.isfinite(self.ratio[i, j]) else None,
                        "p": float(self.p[i, j]),
                        "q": float(self.q[i, j]),
                        "significant": bool(self.significant[i, j]),
                    }
                )
        return pd.DataFrame(rows)

    def to_json(self) -> str:
        return json.dumps(
            {
                "distances": list(self.bands.distances),
                "days": list(self.bands.days),
                "events": self.events,
                "permutations": self.permutations,
                "status": self.status,
                "observed": self.observed.tolist(),
                "expected": self.expected.tolist(),
                "p": self.p.tolist(),
                "q": self.q.tolist(),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> KnoxTable:
        d = json.loads(text)
        return cls(
            Bands(tuple(d["distances"]), tuple(d["days"])),
            int(d["events"]),
            int(d["permutations"]),
            np.asarray(d["observed"], dtype=float),
            np.asarray(d["expected"], dtype=float),
            np.asarray(d["p"], dtype=float),
            np.asarray(d["q"], dtype=float),
            d["status"],
        )


def empty_table(bands: Bands, events: int, permutations: int, status: str) -> KnoxTable:
    shape = (len(bands.distances), len(bands.days))
    return KnoxTable(
        bands, events, permutations, np.zeros(shape), np.zeros(shape), np.ones(shape), np.ones(shape), status
    )


def close_pairs(x: np.ndarray, y: np.ndarray, max_distance: float) -> tuple[np.ndarray, np.ndarray]:
    """(pairs (P, 2) of event indices at most max_distance apart, their distance rounded to whole metres)."""
    if len(x) < 2:
        return np.empty((0, 2), dtype=np.int64), np.empty(0, dtype=np.int64)
    tree = cKDTree(np.column_stack([x, y]))
    pairs = tree.query_pairs(r=max_distance + 0.5, output_type="ndarray")
    dist = np.rint(np.hypot(x[pairs[:, 0]] - x[pairs[:, 1]], y[pairs[:, 0]] - y[pairs[:, 1]])).astype(
        np.int64
    )
    keep = dist <= max_distance
    return pairs[keep], dist[keep]


def _band_lookup(edges: tuple[int, ...], size: int) -> np.ndarray:
    """lookup[v] = the band of whole value v (0 .. size-1); len(edges) = beyond the last band."""
    return np.searchsorted(np.asarray(edges), np.arange(size), side="left").astype(np.int64)


def knox(
    x: np.ndarray,
    y: np.ndarray,
    day: np.ndarray,
    bands: Bands = Bands(),
    permutations: int = PERMUTATIONS,
    seed: int = SEED,
) -> KnoxTable:
    """The Knox table of events at (x, y) metres (EPSG:3006) on whole days `day` (e.g. days since 1970)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    day = np.asarray(day, dtype=np.int64)
    n = len(x)
    if n < MIN_EVENTS:
        return empty_table(bands, n, permutations, "too_few")
    n_d, n_t = len(bands.distances), len(bands.days)
    pairs, dist = close_pairs(x, y, max(bands.distances))
    d_band = _band_lookup(bands.distances, int(max(bands.distances)) + 1)[dist]
    t_lookup = _band_lookup(bands.days, int(day.max() - day.min()) + 1)  # n_t = beyond the last band
    first, second = pairs[:, 0], pairs[:, 1]
    base = d_band * (n_t + 1)
    size = n_d * (n_t + 1)

    def table(days: np.ndarray) -> np.ndarray:
        codes = base + t_lookup[np.abs(days[first] - days[second])]
        return np.bincount(codes, minlength=size).reshape(n_d, n_t + 1)[:, :n_t]

    observed = table(day)
    rng = np.random.default_rng(seed)
    at_least = np.zeros((n_d, n_t))
    total = np.zeros((n_d, n_t))
    for _ in range(permutations):  # hand-written: see the module's docstring
        simulated = table(rng.permutation(day))
        at_least += simulated >= observed
        total += simulated
    expected = total / permutations
    p = (at_least + 1) / (permutations + 1)
    q = multipletests(p.ravel(), method="fdr_bh")[1].reshape(p.shape)
    return KnoxTable(bands, n, permutations, observed.astype(float), expected, p, q)


# ---------------------------------------------------------------------------------------------- from the database


@dataclass(frozen=True)
class NearRepeatQuery:
    """Which events: a municipality's events of some categories (all sources with positions) in a period."""

    municipality_code: str
    start: dt.date
    end: dt.date
    categories: tuple[str, ...]
    sources: tuple[str, ...] = field(default_factory=tuple)
    area_ids: tuple[int, ...] = field(default_factory=tuple)

    def events(self) -> incidents.EventQuery:
        return incidents.EventQuery(
            self.municipality_code, self.start, self.end, self.area_ids, self.sources, self.categories
        )


def positioned_events(con, q: NearRepeatQuery) -> pd.DataFrame:
    """The events with a position (exact or at a named place): day, lat, lon, x, y, source, category,
    area and place names. Events known only to the municipality or county never take part."""
    frame = con.execute(
        "select e.day, e.lat, e.lon, e.source, e.category, a.name as area, p.name as place"
        " from map_events(?, ?, ?, ?, ?, ?) e"
        " left join area a on a.id = e.area_id"
        " left join place p on p.id = e.place_id"
        " where list_contains(?, e.precision) and e.lat is not null and e.lon is not null"
        " order by e.day, e.lat, e.lon",
        q.events().params() + [list(incidents.POINT_PRECISIONS)],
    ).df()
    x, y = hotspots.project(frame["lat"].to_numpy(), frame["lon"].to_numpy())
    frame["x"], frame["y"] = x, y
    frame["day"] = pd.to_datetime(frame["day"]).dt.date
    return frame


def _day_numbers(days: pd.Series) -> np.ndarray:
    return np.array([d.toordinal() for d in days], dtype=np.int64)


def input_key(frame: pd.DataFrame, bands: Bands, permutations: int) -> str:
    """A digest of everything the table depends on: positions, days, bands, permutations, method."""
    digest = hashlib.sha256(f"{METHOD_VERSION}|{bands}|{permutations}|{SEED}|{len(frame)}|".encode())
    for values in (
        np.rint(frame["x"].to_numpy()),
        np.rint(frame["y"].to_numpy()),
        _day_numbers(frame["day"]),
    ):
        digest.update(np.ascontiguousarray(values, dtype=np.int64).tobytes())
    return digest.hexdigest()


def knox_table(
    con, q: NearRepeatQuery, bands: Bands = Bands(), permutations: int = PERMUTATIONS
) -> KnoxTable:
    """The Knox table of the query's events, read from table near_repeat_result when it was computed for
    exactly this input before (after an import, or by an earlier run), else computed and stored (best
    effort: a read-only database simply does not store)."""
    frame = positioned_events(con, q)
    if len(frame) < MIN_EVENTS:
        return empty_table(bands, len(frame), permutations, "too_few")
    key = input_key(frame, bands, permutations)
    row = con.execute("select result_json from near_repeat_result where input_key = ?", [key]).fetchone()
    if row:
        return KnoxTable.from_json(row[0])
    table = knox(
        frame["x"].to_numpy(), frame["y"].to_numpy(), _day_numbers(frame["day"]), bands, permutations
    )
    try:
        with db.transaction(con):
            con.execute("delete from near_repeat_result where input_key = ?", [key])
            con.execute(
                "insert into near_repeat_result (input_key, result_json, computed_at) values (?, ?, ?)",
                [key, table.to_json(), dt.datetime.now()],
            )
            con.execute(
                "delete from near_repeat_result"
                " where input_key not in ("
                "   select input_key from near_repeat_result order by computed_at desc limit ?"
                " )",
                [KEEP_RESULTS],
            )
    except duckdb.Error:
        pass  # e.g. a read-only database: the table is still shown, only not kept
    return table


def list_query(code: str, until: dt.date, category: str) -> NearRepeatQuery:
    """The table behind the list: the category's events of the year up to `until`, every source."""
    return NearRepeatQuery(code, until - dt.timedelta(days=PERIOD_DAYS - 1), until, (category,))


@dataclass(frozen=True)
class RiskList:
    """The "förhöjd risk" list for a date: per watched category its table's state, and the events."""

    until: dt.date
    states: dict[str, str]  # category -> near_repeat | none | too_few
    tables: dict[str, KnoxTable]
    rows: pd.DataFrame  # day, category, area, place, lat, lon, series, zones [(metres, days left)]


def zones(table: KnoxTable, age: int) -> list[tuple[int, int]]:
    """(distance, days left) of the significant cells still open for an event `age` days old, without
    the ones another zone covers (as far and as long or longer)."""
    open_cells = [
        (table.bands.distances[i], table.bands.days[j] - age)
        for i, j in zip(*np.nonzero(table.significant), strict=True)
        if table.bands.days[j] - age > 0
    ]
    return envelope(open_cells)


def envelope(cells: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (distance, days) zones no other zone covers (as far and as long or longer), sorted."""
    return sorted(
        {(d, n) for d, n in cells if not any(d2 >= d and n2 >= n and (d2, n2) != (d, n) for d2, n2 in cells)}
    )


def _series(frame: pd.DataFrame, table: KnoxTable) -> np.ndarray:
    """For each event: the other events of the period linked to it by a significant cell."""
    pairs, dist = close_pairs(frame["x"].to_numpy(), frame["y"].to_numpy(), max(table.bands.distances))
    days = _day_numbers(frame["day"])
    gap = np.abs(days[pairs[:, 0]] - days[pairs[:, 1]])
    d_band = np.searchsorted(np.asarray(table.bands.distances), dist, side="left")
    t_band = np.searchsorted(np.asarray(table.bands.days), gap, side="left")
    inside = t_band < len(table.bands.days)
    linked = np.zeros(len(pairs), dtype=bool)
    linked[inside] = table.significant[d_band[inside], t_band[inside]]
    counts = np.bincount(pairs[linked].ravel(), minlength=len(frame))
    return counts


def raised_risk(
    con, municipality_code: str, until: dt.date, categories: tuple[str, ...] = RISK_CATEGORIES
) -> RiskList:
    """The events of the RECENT_DAYS up to `until` of the watched categories whose surroundings are at
    raised risk by their category's Knox table of the year up to `until` (see the module's docstring)."""
    states: dict[str, str] = {}
    tables: dict[str, KnoxTable] = {}
    rows = []
    for category in categories:
        q = list_query(municipality_code, until, category)
        table = knox_table(con, q)
        tables[category] = table
        if table.status != "ok":
            states[category] = table.status
            continue
        if not table.any_significant:
            states[category] = "none"
            continue
        states[category] = "near_repeat"
        frame = positioned_events(con, q)
        frame["series"] = _series(frame, table)
        recent = frame[frame["day"] > until - dt.timedelta(days=RECENT_DAYS)]
        for r in recent.itertuples():
            age = (until - r.day).days
            z = zones(table, age)
            if z:
                rows.append(
                    {
                        "day": r.day,
                        "category": category,
                        "source": r.source,
                        "area": r.area,
                        "place": r.place,
                        "lat": r.lat,
                        "lon": r.lon,
                        "series": int(r.series),
                        "zones": z,
                    }
                )
    columns = ["day", "category", "source", "area", "place", "lat", "lon", "series", "zones"]
    frame = pd.DataFrame(rows, columns=columns)
    if not frame.empty:
        frame = frame.sort_values(["series", "day"], ascending=[False, False], kind="stable").reset_index(
            drop=True
        )
    return RiskList(until, states, tables, frame)


def precompute(con, municipality_codes: list[str] | None = None) -> list[str]:
    """Compute and store the tables behind the list (the year up to each municipality's reference date,
    RISK_CATEGORIES), so Lägesbild and Möte find them ready. Returns the codes done."""
    from est_data import queries

    if municipality_codes is None:
        municipality_codes = queries.hotspot_municipalities(con)
    for code in municipality_codes:
        until = queries.reference_date(con, code)
        for category in RISK_CATEGORIES:
            knox_table(con, list_query(code, until, category))
    return municipality_codes


def after_import(con, rows_loaded: int, codes: list[str] | None = None) -> None:
    """What an import runs once its rows are committed (beside the hotspots): the list's Knox tables. A
    failure must not make a committed import look failed: database errors only go to stderr."""
    if rows_loaded <= 0:
        return
    try:
        precompute(con, codes)
    except (duckdb.Error, ValueError) as err:
        print(
            f"near-repeat was not precomputed / kunde inte förberäkna nära upprepning: {err}", file=sys.stderr
        )
