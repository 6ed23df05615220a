"""Benchmark datasets: the sample generator's patterns at scale, vectorised with numpy.

`ensure_dataset(scale)` returns the path of a DuckDB file under `data/bench/` holding a dataset of
that scale, generating it once (the file name carries the scale and GENERATOR_VERSION, so a new
generator makes new files). Scales (DESIGN §7):

- `demo`: the sample municipality itself (sample_data/ loaded with `sample.load`);
- `small`: a quick development scale (1 year, 12 reporters, 12 areas, 20 k incidents);
- `large`: 5 years, 60 reporters, 40 areas, ~1 M survey ratings, 500 k incidents;
- `national`: `large` for Trelleborg plus all other 289 municipalities (8 areas each), 5 M
  incidents in all; the survey stays in Trelleborg, the only municipality running EST here.

The patterns are those of `est_data.sample` (weekday and hour profiles, seasons, school holidays,
Halloween and New Year, hotspot places weighted within areas, risk profiles per area, the designed
action effects in the named areas), drawn with array operations: Poisson counts per area, category
and day, expanded with `np.repeat`; points in polygons by vectorised rejection sampling; strings
(ids, summaries, comments) are built in DuckDB, not in Python loops. Loops run over areas,
municipalities and reporters only, never over rows.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from est_data import config, sample

GENERATOR_VERSION = 1
BENCH_PASSWORD = "bench-losenord-123"
BENCH_USERS = (
    ("admin", "admin"),
    ("samordnare", "samordnare"),
    ("lasare", "läsare"),
    ("rapportor", "rapportör"),
)
EST_MUNICIPALITY = sample.MUNICIPALITY[0]

_to_3006 = Transformer.from_crs(4326, 3006, always_xy=True)
_to_4326 = Transformer.from_crs(3006, 4326, always_xy=True)


@dataclass(frozen=True)
class Scale:
    name: str
    years: int
    reporters: int
    areas: int  # areas of the EST municipality (Trelleborg)
    incidents: int  # incidents in Trelleborg
    other_incidents: int = 0  # incidents in the other 289 municipalities together
    other_areas: int = 0  # areas per other municipality (0 = Trelleborg only)
    police_import_rows: int = 10_000  # events in the police JSON the import benchmark reads
    fault_import_rows: int = 10_000  # rows in the felanmälan CSV the import benchmark reads


SCALES: dict[str, Scale] = {
    "demo": Scale("demo", 3, 40, 14, 7_200, police_import_rows=10_000, fault_import_rows=10_000),
    "small": Scale("small", 1, 12, 12, 20_000, police_import_rows=5_000, fault_import_rows=5_000),
    "large": Scale("large", 5, 60, 40, 500_000, police_import_rows=100_000, fault_import_rows=50_000),
    "national": Scale(
        "national",
        5,
        60,
        40,
        500_000,
        other_incidents=4_500_000,
        other_areas=8,
        police_import_rows=200_000,
        fault_import_rows=50_000,
    ),
}

FACTOR_CODES = [f[0] for f in sample.FACTORS]
KINDS = [("polisen", t, f, r, (0, 0)) for t, (f, r) in sample.POLICE_TYPES.items()] + [
    ("felanmalan", c, f, r, cost) for c, (f, r, cost) in sample.FAULT_CATEGORIES.items()
]
PLACE_KINDS = ["skola", "park", "centrum", "hållplats", "samlingsplats", "skadegörelse"]
PLACE_KIND_NAMES = {
    "skola": "Skolan",
    "park": "Parken",
    "centrum": "Centrumet",
    "hållplats": "Hållplatsen",
    "samlingsplats": "Torget",
    "skadegörelse": "Gångtunneln",
}


def bench_dir() -> Path:
    return config.project_root() / "data" / "bench"


def dataset_path(scale: str) -> Path:
    return bench_dir() / f"{scale}-g{GENERATOR_VERSION}.duckdb"


def ensure_dataset(scale: str, seed: int = sample.SEED, directory: Path | None = None) -> Path:
    """The dataset file of a scale, generated once and cached (keyed by scale and generator version)."""
    path = (directory or bench_dir()) / f"{scale}-g{GENERATOR_VERSION}.duckdb"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    build(tmp, SCALES[scale], seed)
    os.replace(tmp, path)
    return path


def build(path: Path, scale: Scale, seed: int = sample.SEED) -> dict[str, int]:
    """Write a dataset of the given scale into a new DuckDB file at path. Returns table counts."""
    from est_data import auth, db

    con = db.connect(path)
    try:
        if scale.name == "demo":
            sample.load(con)
        else:
            _generate(con, scale, np.random.default_rng(seed))
        for username, role in BENCH_USERS:
            auth.create_user(
                con,
                username,
                BENCH_PASSWORD,
                role,
                reporter_id=1 if role == "rapportör" else None,
                email=f"{username}@bench.example",
                by="bench",
            )
        counts = db.table_counts(con)
    finally:
        db.close(path)
    return counts


# ---------------------------------------------------------------------------------------------- geometry


def _boundaries() -> pd.DataFrame:
    import geopandas as gpd

    gdf = gpd.read_parquet(Path(sample.__file__).resolve().parent / "reference" / "kommuner.parquet")
    return gdf.to_crs(3006)


def points_in(geom, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """n uniform random points (x, y arrays) inside a polygon, by vectorised rejection sampling."""
    shapely.prepare(geom)
    minx, miny, maxx, maxy = geom.bounds
    share = max(geom.area / max((maxx - minx) * (maxy - miny), 1e-9), 0.02)
    xs, ys, have = [np.empty(0)], [np.empty(0)], 0
    while have < n:
        m = int((n - have) / share * 1.3) + 16
        x, y = rng.uniform(minx, maxx, m), rng.uniform(miny, maxy, m)
        keep = shapely.contains_xy(geom, x, y)
        xs.append(x[keep])
        ys.append(y[keep])
        have += int(keep.sum())
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]


def voronoi_areas(boundary, seeds_x: np.ndarray, seeds_y: np.ndarray, simplify_m: float = 25.0) -> list:
    """The boundary cut into one cell per seed (EPSG:3006), in seed order."""
    cells = shapely.voronoi_polygons(
        shapely.MultiPoint(np.column_stack([seeds_x, seeds_y])), extend_to=boundary.buffer(1000)
    )
    cells = list(cells.geoms)
    seeds = shapely.points(seeds_x, seeds_y)
    out = []
    for seed in seeds:
        cell = next(c for c in cells if c.contains(seed))
        part = cell.intersection(boundary).simplify(simplify_m)
        out.append(part if not part.is_empty else seed.buffer(200))
    return out


def _wkt_4326(geoms: list) -> list[str]:
    arr = shapely.transform(
        np.array(geoms, dtype=object), lambda xy: np.column_stack(_to_4326.transform(xy[:, 0], xy[:, 1]))
    )
    return shapely.to_wkt(shapely.set_precision(arr, 1e-6), rounding_precision=6).tolist()


def _lonlat(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = _to_4326.transform(x, y)
    return np.round(lon, 6), np.round(lat, 6)


# ---------------------------------------------------------------------------------------------- areas


@dataclass
class Areas:
    """The areas of one municipality and their places, as arrays (index = position in the lists)."""

    ids: np.ndarray
    names: list[str]
    kinds: list[str]
    geoms: list  # EPSG:3006
    population: np.ndarray
    risk: np.ndarray  # (areas, factors) base latent level
    place_ids: np.ndarray
    place_area: np.ndarray  # area index of each place
    place_names: list[str]
    place_kinds: list[str]
    place_x: np.ndarray
    place_y: np.ndarray
    place_weight: np.ndarray


def _risk_matrix(n: int, named: list[sample.AreaSpec], rng: np.random.Generator) -> np.ndarray:
    risk = np.full((n, len(FACTOR_CODES)), sample._LOW)
    for i, spec in enumerate(named):
        for f, value in spec.risk.items():
            risk[i, FACTOR_CODES.index(f)] = value
    # Unnamed areas: a few raised factors each, like the sample's residential areas.
    for i in range(len(named), n):
        raised = rng.choice(len(FACTOR_CODES), size=int(rng.integers(1, 5)), replace=False)
        risk[i, raised] = rng.uniform(0.6, 1.7, raised.size)
    return risk


def make_areas(
    municipality_code: str,
    boundary,
    n_areas: int,
    first_area_id: int,
    first_place_id: int,
    rng: np.random.Generator,
    named: bool,
) -> Areas:
    specs = (sample.TOWN + sample.VILLAGES)[:n_areas] if named else []
    sx, sy = _to_3006.transform(np.array([s.lon for s in specs]), np.array([s.lat for s in specs]))
    rx, ry = points_in(boundary, n_areas - len(specs), rng)
    seeds_x, seeds_y = (
        np.concatenate([np.asarray(sx, float), rx]),
        np.concatenate([np.asarray(sy, float), ry]),
    )
    geoms = voronoi_areas(boundary, seeds_x, seeds_y)
    names = [s.name for s in specs] + [f"Delområde {i + 1}" for i in range(len(specs), n_areas)]
    kinds = [s.kind for s in specs] + ["bostadsområde"] * (n_areas - len(specs))
    population = np.concatenate(
        [np.array([s.population for s in specs], dtype=int), rng.integers(800, 6000, n_areas - len(specs))]
    ).astype(int)
    risk = _risk_matrix(n_areas, specs, rng)

    p_area, p_names, p_kinds, p_weight = [], [], [], []
    for i in range(n_areas):  # a few places per area; the named areas keep the sample's places
        given = sample.PLACES.get(names[i]) if named else None
        if given:
            p_names += [p[0] for p in given]
            p_kinds += [p[1] for p in given]
            p_weight += [p[2] for p in given]
            p_area += [i] * len(given)
        else:
            k = int(rng.integers(2, 5))
            chosen = rng.choice(PLACE_KINDS, size=k, replace=False).tolist()
            p_names += [f"{PLACE_KIND_NAMES[c]} i {names[i]}" for c in chosen]
            p_kinds += chosen
            w = rng.gamma(0.8, 1.0, k)
            w[0] *= 4.0  # one hotspot per area
            p_weight += w.tolist()
            p_area += [i] * k
    p_area_arr = np.array(p_area)
    px, py = np.empty(len(p_area)), np.empty(len(p_area))
    for i in range(n_areas):
        idx = np.flatnonzero(p_area_arr == i)
        inner = geoms[i].buffer(-60)
        px[idx], py[idx] = points_in(inner if inner.area > 0 else geoms[i], idx.size, rng)
    return Areas(
        ids=np.arange(first_area_id, first_area_id + n_areas),
        names=names,
        kinds=kinds,
        geoms=geoms,
        population=population,
        risk=risk,
        place_ids=np.arange(first_place_id, first_place_id + len(p_area)),
        place_area=p_area_arr,
        place_names=p_names,
        place_kinds=p_kinds,
        place_x=px,
        place_y=py,
        place_weight=np.array(p_weight, dtype=float),
    )


# ---------------------------------------------------------------------------------------------- time


def _days(years: int) -> np.ndarray:
    weeks = 52 * years + (1 if years > 1 else 0)
    first = sample.LAST_WEEK_SUNDAY - dt.timedelta(days=7 * weeks - 1)
    return np.arange(np.datetime64(first), np.datetime64(sample.LAST_WEEK_SUNDAY) + 1)


def _day_multipliers(days: np.ndarray) -> np.ndarray:
    """(days, factors): season, school holidays, Halloween and New Year, as in the sample."""
    as_dates = days.astype("datetime64[D]").astype(object)
    return np.array([[sample.day_multiplier(d, f) for f in FACTOR_CODES] for d in as_dates])


def _action_multipliers(names: list[str], days: np.ndarray) -> np.ndarray:
    """(areas, factors, days): the designed action effects of the named sample areas (1 elsewhere)."""
    mult = np.ones((len(names), len(FACTOR_CODES), days.size))
    probe = sample.LAST_WEEK_SUNDAY + dt.timedelta(days=3650)
    for a, name in enumerate(names):
        for f, code in enumerate(FACTOR_CODES):
            effect = sample.action_multiplier(name, code, probe)
            if effect == 1.0:
                continue
            starts = {
                "Västervång": sample.CAMERA_START,
                "Centrum": sample.PRESENCE_START,
                "Hamnen": sample.PRESENCE_START,
            }
            mult[a, f, days >= np.datetime64(starts[name])] = effect
    return mult


# ---------------------------------------------------------------------------------------------- incidents


def incident_frame(
    areas: Areas,
    municipality_code: str,
    days: np.ndarray,
    total: int,
    rng: np.random.Generator,
    day_mult: np.ndarray,
    first_id: int,
) -> pd.DataFrame:
    """Incidents (police events and fault reports) for one municipality, about `total` of them."""
    weekday_w, hour_p = sample._weekday_hour_profile()
    dow = (days.astype("datetime64[D]").astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday
    kind_factor = np.array([FACTOR_CODES.index(k[2]) for k in KINDS])
    kind_rate = np.array([sample.RATE_SCALE[k[0]] * k[3] for k in KINDS])
    is_fault = np.array([k[0] == "felanmalan" for k in KINDS])
    risk = areas.risk[:, kind_factor]  # (areas, kinds)
    size = areas.population / 3000
    workday = np.where(dow < 5, 1.0, 0.25)
    time_w = day_mult[:, kind_factor].T * weekday_w[dow][None, :]  # (kinds, days)
    time_w = np.where(is_fault[:, None], time_w * workday[None, :], time_w)
    lam = (kind_rate[None, :, None] * risk[:, :, None] ** 2 * size[:, None, None]) * time_w[None, :, :]
    lam = lam * _action_multipliers(areas.names, days)[:, kind_factor, :]
    lam *= total / lam.sum()
    counts = rng.poisson(lam).ravel()
    cell = np.repeat(np.arange(counts.size), counts)
    n = cell.size
    area_idx, rest = np.divmod(cell, len(KINDS) * days.size)
    kind_idx, day_idx = np.divmod(rest, days.size)

    # Where: 65 % at one of the area's places (by weight, hotspots heavier), else anywhere in the area.
    x, y = np.empty(n), np.empty(n)
    place_id = np.full(n, -1, dtype=np.int64)
    at_place = rng.random(n) < 0.65
    order = np.argsort(area_idx, kind="stable")
    bounds = np.searchsorted(area_idx[order], np.arange(len(areas.names) + 1))
    for a in range(len(areas.names)):
        rows = order[bounds[a] : bounds[a + 1]]
        if rows.size == 0:
            continue
        mine = np.flatnonzero(areas.place_area == a)
        placed = rows[at_place[rows]]
        free = rows[~at_place[rows]]
        if mine.size:
            w = areas.place_weight[mine] / areas.place_weight[mine].sum()
            chosen = mine[rng.choice(mine.size, size=placed.size, p=w)]
            place_id[placed] = areas.place_ids[chosen]
            x[placed] = areas.place_x[chosen] + rng.normal(0, 35, placed.size)
            y[placed] = areas.place_y[chosen] + rng.normal(0, 35, placed.size)
        else:
            free = rows
        x[free], y[free] = points_in(areas.geoms[a], free.size, rng)
    lon, lat = _lonlat(x, y)

    fault = is_fault[kind_idx]
    hour = np.where(fault, rng.integers(7, 16, n), rng.choice(24, size=n, p=hour_p))
    minute = rng.integers(0, 60, n)
    occurred = days[day_idx].astype("datetime64[s]") + (hour * 3600 + minute * 60).astype("timedelta64[s]")
    lo = np.array([k[4][0] or 1 for k in KINDS], dtype=float)[kind_idx]
    hi = np.array([k[4][1] or 1 for k in KINDS], dtype=float)[kind_idx]
    cost = np.round(np.exp(rng.uniform(np.log(lo), np.log(hi))), -2)
    frame = pd.DataFrame(
        {
            "id": np.arange(first_id, first_id + n),
            "kind": kind_idx.astype(np.int16),
            "occurred_at": occurred,
            "municipality_code": municipality_code,
            "area_id": areas.ids[area_idx],
            "place_id": pd.array(np.where(place_id < 0, 0, place_id), dtype="Int64"),
            "lat": lat,
            "lon": lon,
            "at_place": place_id >= 0,
            "cost_sek": np.where(fault, cost, np.nan),
        }
    )
    frame.loc[place_id < 0, "place_id"] = pd.NA
    return frame.sort_values("occurred_at", kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------- survey


def survey_frames(
    areas: Areas, n_reporters: int, days: np.ndarray, rng: np.random.Generator, day_mult: np.ndarray
) -> dict[str, pd.DataFrame]:
    """Reporters, their areas, weekly responses with 12 ratings each, and event reports."""
    mondays = days[::7]
    weeks = mondays.size
    n_areas = len(areas.names)
    names = sample._names(rng, n_reporters)
    orgs = [o for o in sample.ORGANISATIONS for _ in range(o[2])]
    org_of = [orgs[i % len(orgs)] for i in range(n_reporters)]
    reporters = pd.DataFrame(
        {
            "id": np.arange(1, n_reporters + 1),
            "name": names,
            "email": [sample._email(n) for n in names],
            "organisation": [o[0] for o in org_of],
            "org_kind": [o[1] for o in org_of],
        }
    )
    cover = []
    for r in range(n_reporters):  # each reporter covers 3..11 areas; every area has a reporter
        k = int(rng.integers(3, 12))
        chosen = set(rng.choice(n_areas, size=min(k, n_areas), replace=False).tolist())
        chosen |= {a for a in range(n_areas) if a % n_reporters == r}
        cover.append(sorted(chosen))
    reporter_area = pd.DataFrame(
        {
            "reporter_id": np.repeat(reporters["id"].to_numpy(), [len(c) for c in cover]),
            "area_id": areas.ids[np.concatenate([np.array(c) for c in cover])],
        }
    )

    # Latent weekly level per area and factor: the same drivers as the incidents.
    week_mult = day_mult[: weeks * 7].reshape(weeks, 7, -1).max(axis=1)
    week_mult = np.minimum(week_mult, 3.0) ** 0.7  # (weeks, factors)
    action = _action_multipliers(areas.names, mondays)  # (areas, factors, weeks)
    latent = areas.risk[:, :, None] * week_mult.T[None, :, :] * action

    month = (mondays.astype("datetime64[M]").astype(int) % 12) + 1
    day_of_month = (mondays - mondays.astype("datetime64[M]")).astype(int) + 1
    season = np.where(month == 7, 0.55, np.where((month == 12) & (day_of_month > 20), 0.7, 1.0))
    propensity = rng.uniform(0.55, 0.97, n_reporters)
    answered = rng.random((n_reporters, weeks)) < propensity[:, None] * season[None, :]
    r_idx, w_idx = np.nonzero(answered)
    late = rng.random(r_idx.size) < 0.08
    offset = np.where(late, rng.integers(7, 10, r_idx.size), rng.choice([1, 1, 1, 2, 2, 3, 4], r_idx.size))
    submitted = mondays[w_idx].astype("datetime64[s]") + (
        offset * 86400 + rng.integers(7, 18, r_idx.size) * 3600 + rng.integers(0, 60, r_idx.size) * 60
    ).astype("timedelta64[s]")
    n_cover = np.array([len(c) for c in cover])
    per = n_cover[r_idx]
    resp_r, resp_w = np.repeat(r_idx, per), np.repeat(w_idx, per)
    resp_sub = np.repeat(submitted, per)
    resp_off = np.repeat(offset, per)
    starts = np.concatenate([[0], np.cumsum(n_cover)])
    flat_cover = np.concatenate([np.array(c) for c in cover])
    pos = np.arange(resp_r.size) - np.repeat(np.cumsum(per) - per, per)
    resp_a = flat_cover[starts[resp_r] + pos]
    n = resp_r.size
    levels = np.clip(np.round(latent[resp_a, :, resp_w] + rng.normal(0, 0.38, (n, len(FACTOR_CODES)))), 0, 3)
    levels = levels.astype(np.int8)
    top = np.argmax(levels, axis=1)  # first factor of the highest level, as in the sample
    top_level = levels[np.arange(n), top]
    n_places = np.bincount(areas.place_area, minlength=n_areas)
    place_start = np.concatenate([[0], np.cumsum(n_places)])
    with_comment = (top_level >= 2) & (rng.random(n) < 0.6)
    comment_place = place_start[resp_a] + (rng.random(n) * n_places[resp_a]).astype(int)
    mondays_w = mondays[resp_w]
    iso = pd.DatetimeIndex(mondays_w).isocalendar()
    responses = pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "iso_year": iso["year"].to_numpy(int),
            "iso_week": iso["week"].to_numpy(int),
            "reporter_id": resp_r + 1,
            "area_id": areas.ids[resp_a],
            "submitted_at": resp_sub,
            "with_comment": with_comment,
            "comment_factor": top,
            "comment_template": rng.integers(0, 2, n),
            "comment_place": areas.place_ids[comment_place],
            "comment_internal": with_comment & (rng.random(n) < 0.15),
        }
    )
    ratings = pd.DataFrame(
        {
            "response_id": np.repeat(responses["id"].to_numpy(), len(FACTOR_CODES)),
            "factor_code": pd.Categorical.from_codes(np.tile(np.arange(len(FACTOR_CODES)), n), FACTOR_CODES),
            "level": levels.ravel(),
        }
    )

    # Event reports: more likely the worse the week.
    n_obs = rng.poisson(0.12 * levels.sum(axis=1) / 4)
    o_resp = np.repeat(np.arange(n), n_obs)
    m = o_resp.size
    o_factor = np.where(rng.random(m) < 0.6, top[o_resp], rng.integers(0, len(FACTOR_CODES), m))
    o_place = place_start[resp_a[o_resp]] + (rng.random(m) * n_places[resp_a[o_resp]]).astype(int)
    o_day = mondays_w[o_resp] + (rng.random(m) * np.minimum(resp_off[o_resp], 7)).astype(int)
    part = rng.choice(4, size=m, p=[0.1, 0.25, 0.45, 0.2])
    parts = list(sample.PARTS_OF_DAY)
    h0 = np.array([sample.PARTS_OF_DAY[p][0] for p in parts])[part]
    exact = rng.random(m) < 0.4
    hour = (h0 + rng.integers(0, 5, m)) % 24
    occurred = o_day.astype("datetime64[s]") + (hour * 3600 + rng.integers(0, 60, m) * 60).astype(
        "timedelta64[s]"
    )
    lon, lat = _lonlat(
        areas.place_x[o_place] + rng.normal(0, 25, m), areas.place_y[o_place] + rng.normal(0, 25, m)
    )
    observations = pd.DataFrame(
        {
            "id": np.arange(1, m + 1),
            "reported_at": resp_sub[o_resp],
            "occurred_at": pd.Series(occurred).where(exact, pd.NaT),
            "occurred_date": o_day,
            "time_of_day": pd.Categorical.from_codes(part, parts),
            "hour_from": h0,
            "hour_to": np.array([sample.PARTS_OF_DAY[p][1] for p in parts])[part],
            "reporter_id": resp_r[o_resp] + 1,
            "factor": o_factor,
            "template": rng.integers(0, 2, m),
            "area_id": areas.ids[resp_a[o_resp]],
            "place_id": areas.place_ids[o_place],
            "lat": lat,
            "lon": lon,
            "severity": np.clip(levels[o_resp, o_factor], 1, 3),
            "iso_year": iso["year"].to_numpy(int)[o_resp],
            "iso_week": iso["week"].to_numpy(int)[o_resp],
        }
    )
    return {
        "reporters": reporters,
        "reporter_area": reporter_area,
        "responses": responses,
        "ratings": ratings,
        "observations": observations,
    }


def crime_stat_frame(codes: list[str], rng: np.random.Generator, sizes: np.ndarray) -> pd.DataFrame:
    months = np.arange(
        np.datetime64(sample.STATS_FIRST_MONTH, "M"), np.datetime64(sample.STATS_LAST_MONTH, "M") + 1
    )
    cats = sample.BRA_CATEGORIES
    mi, ci, ki = np.meshgrid(
        np.arange(months.size), np.arange(len(cats)), np.arange(len(codes)), indexing="ij"
    )
    mi, ci, ki = mi.ravel(), ci.ravel(), ki.ravel()
    mean = np.array([c[2] for c in cats], dtype=float)[ci] * sizes[ki]
    month_no = (months.astype(int) % 12 + 1)[mi]
    seasonal = np.array([c[3] for c in cats])[ci]
    boost = np.select(
        [np.isin(month_no, [6, 8]), month_no == 7, month_no == 10, month_no == 1, month_no == 2],
        [1.3, 1.35, 1.25, 1.2, 0.8],
        1.0,
    )
    mean = np.where(seasonal, mean * boost, mean)
    start = months[mi].astype("datetime64[D]")
    return pd.DataFrame(
        {
            "municipality_code": np.array(codes)[ki],
            "period_start": start,
            "period_end": (months[mi] + 1).astype("datetime64[D]") - 1,
            "crime_code": np.array([c[0] for c in cats])[ci],
            "crime_label": np.array([c[1] for c in cats])[ci],
            "count": rng.poisson(mean),
            "preliminary": start >= np.datetime64("2026-01-01"),
        }
    )


# ---------------------------------------------------------------------------------------------- writing


def _insert_areas(con, code: str, areas: Areas) -> None:
    frame = pd.DataFrame(
        {
            "id": areas.ids,
            "municipality_code": code,
            "name": areas.names,
            "kind": areas.kinds,
            "geometry_wkt": _wkt_4326(areas.geoms),
            "population": areas.population,
        }
    )
    con.register("bench_areas", frame)
    con.execute(
        "insert into area (id, municipality_code, name, kind, geometry_wkt, population)"
        " select id, municipality_code, name, kind, geometry_wkt, population from bench_areas"
    )
    lon, lat = _lonlat(areas.place_x, areas.place_y)
    places = pd.DataFrame(
        {
            "id": areas.place_ids,
            "area_id": areas.ids[areas.place_area],
            "name": areas.place_names,
            "kind": areas.place_kinds,
            "lat": lat,
            "lon": lon,
        }
    )
    con.register("bench_places", places)
    con.execute(
        "insert into place (id, area_id, name, kind, lat, lon)"
        " select id, area_id, name, kind, lat, lon from bench_places"
    )
    con.unregister("bench_areas")
    con.unregister("bench_places")


def _insert_incidents(con, frame: pd.DataFrame) -> None:
    con.register("bench_inc", frame)
    con.execute(
        "insert into incident (id, source, external_id, occurred_at, published_at, category, municipality_code,"
        "                      area_id, place_id, lat, lon, location_precision, location_name, cost_sek, summary)"
        " with final as ("
        "  select i.id, k.source,"
        "         case when k.source = 'polisen' then cast(700000000 + i.id as varchar)"
        "              else 'FA-' || year(i.occurred_at) || '-' || lpad(cast(i.id as varchar), 8, '0') end"
        "           as external_id,"
        "         i.occurred_at, i.occurred_at + interval 40 minute as published_at, k.category,"
        "         i.municipality_code, i.area_id, i.place_id, i.lat, i.lon,"
        "         case when i.at_place then 'place' else 'exact' end as location_precision,"
        "         coalesce(p.name, a.name) as location_name, i.cost_sek,"
        "         case when k.source = 'polisen'"
        "              then k.category || ' vid ' || coalesce(p.name, a.name) || ', ' || a.name"
        "                   || '. Fiktiv händelse (benchmark).'"
        "              else k.category || ': ' || coalesce(p.name, a.name) || '. Fiktiv felanmälan (benchmark).'"
        "         end as summary"
        "  from bench_inc i"
        "  join bench_kinds k on k.kind = i.kind"
        "  join area a on a.id = i.area_id"
        "  left join place p on p.id = i.place_id"
        " )"
        " select * from final order by occurred_at"
    )
    con.unregister("bench_inc")


def _insert_survey(con, frames: dict[str, pd.DataFrame]) -> None:
    for name, frame in frames.items():
        con.register(f"bench_{name}", frame)
    con.execute(
        "insert into reporter (id, name, email, organisation, org_kind)"
        " select id, name, email, organisation, org_kind from bench_reporters"
    )
    con.execute(
        "insert into reporter_area (reporter_id, area_id) select reporter_id, area_id from bench_reporter_area"
    )
    con.execute(
        "insert into survey_response (id, iso_year, iso_week, reporter_id, area_id, submitted_at, comment,"
        "                             comment_internal, source)"
        " with final as ("
        "  select r.id, r.iso_year, r.iso_week, r.reporter_id, r.area_id, r.submitted_at,"
        "         case when r.with_comment then replace(t.text, '{place}', p.name) end as comment,"
        "         r.comment_internal, 'import' as source"
        "  from bench_responses r"
        "  left join bench_comments t on t.factor = r.comment_factor and t.template = r.comment_template"
        "  left join place p on p.id = r.comment_place"
        " )"
        " select * from final order by id"
    )
    con.execute(
        "insert into survey_rating (response_id, factor_code, level)"
        " select response_id, cast(factor_code as varchar), level from bench_ratings"
    )
    con.execute(
        "insert into observation (id, reported_at, occurred_at, occurred_date, time_of_day, hour_from, hour_to,"
        "                         reporter_id, factor_code, area_id, place_id, lat, lon, description, severity,"
        "                         iso_year, iso_week)"
        " with final as ("
        "  select o.id, o.reported_at, o.occurred_at, cast(o.occurred_date as date), cast(o.time_of_day as varchar),"
        "         o.hour_from, o.hour_to, o.reporter_id, t.code, o.area_id, o.place_id, o.lat, o.lon,"
        "         replace(t.text, '{place}', p.name), o.severity, o.iso_year, o.iso_week"
        "  from bench_observations o"
        "  join bench_comments t on t.factor = o.factor and t.template = o.template"
        "  join place p on p.id = o.place_id"
        " )"
        " select * from final order by id"
    )
    for name in frames:
        con.unregister(f"bench_{name}")


def _lookup_tables(con) -> None:
    kinds = pd.DataFrame(
        {
            "kind": np.arange(len(KINDS), dtype=np.int16),
            "source": [k[0] for k in KINDS],
            "category": [k[1] for k in KINDS],
        }
    )
    comments = pd.DataFrame(
        [
            {"factor": i, "template": j, "code": code, "text": text}
            for i, code in enumerate(FACTOR_CODES)
            for j, text in enumerate(sample.COMMENTS[code])
        ]
    )
    con.register("bench_kinds", kinds)
    con.register("bench_comments", comments)


def _base_tables(con) -> None:
    kommuner = pd.read_csv(Path(sample.__file__).resolve().parent / "reference" / "kommuner.csv", dtype=str)
    con.register("bench_kommuner", kommuner)
    con.execute(
        "insert into municipality (code, name, county_code, county_name)"
        " select municipality_code, municipality_name, county_code, county_name from bench_kommuner"
    )
    con.unregister("bench_kommuner")
    con.executemany(
        "insert into factor (code, label_sv, label_en, description, sort_order) values (?, ?, ?, ?, ?)",
        [[c, sv, en, d, i + 1] for i, (c, sv, en, d) in enumerate(sample.FACTORS)],
    )


def _insert_actions(con, areas: Areas) -> None:
    area_id = dict(zip(areas.names, areas.ids.tolist(), strict=True))
    place_id = dict(zip(areas.place_names, areas.place_ids.tolist(), strict=True))
    rows = [
        [
            i,
            a["title"],
            a["kind"],
            area_id.get(a["area"]),
            place_id.get(a["place"]),
            a["radius_m"],
            a["partners"],
            a["responsible"],
            a["start"],
            a["end"],
            a["status"],
            a["description"],
            float(a["cost"]),
            a["factors"],
            a["categories"],
        ]
        for i, a in enumerate(sample.ACTIONS, start=1)
        if a["area"] in area_id
    ]
    con.executemany(
        "insert into action (id, title, kind, area_id, place_id, radius_m, partners, responsible, start_date,"
        " end_date, status, description, cost_sek, target_factors, target_categories, created_by)"
        " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'benchmark')",
        rows,
    )


def _generate(con, scale: Scale, rng: np.random.Generator) -> None:
    from est_data.db import transaction

    boundaries = _boundaries()
    days = _days(scale.years)
    day_mult = _day_multipliers(days)
    _lookup_tables(con)
    with transaction(con):
        _base_tables(con)
        home = boundaries.loc[boundaries["kommun_kod"] == EST_MUNICIPALITY, "geometry"].iloc[0]
        areas = make_areas(EST_MUNICIPALITY, home, scale.areas, 1, 1, rng, named=True)
        _insert_areas(con, EST_MUNICIPALITY, areas)
        _insert_survey(con, survey_frames(areas, scale.reporters, days, rng, day_mult))
        _insert_actions(con, areas)
    with transaction(con):
        _insert_incidents(
            con, incident_frame(areas, EST_MUNICIPALITY, days, scale.incidents, rng, day_mult, 1)
        )
    next_area, next_place, next_incident = (
        int(areas.ids[-1]) + 1,
        int(areas.place_ids[-1]) + 1,
        scale.incidents * 2 + 1,
    )
    codes, sizes = [EST_MUNICIPALITY], [1.0]
    if scale.other_areas:
        others = boundaries[boundaries["kommun_kod"] != EST_MUNICIPALITY].reset_index(drop=True)
        # Events per municipality: proportional to its area's square root (a rough stand-in for population).
        weight = np.sqrt(others.geometry.area.to_numpy())
        weight *= rng.lognormal(0, 0.5, weight.size)
        per_muni = np.round(scale.other_incidents * weight / weight.sum()).astype(int)
        for i, row in others.iterrows():
            sub = np.random.default_rng([sample.SEED, i])
            muni_areas = make_areas(
                row["kommun_kod"], row["geometry"], scale.other_areas, next_area, next_place, sub, named=False
            )
            with transaction(con):
                _insert_areas(con, row["kommun_kod"], muni_areas)
                frame = incident_frame(
                    muni_areas, row["kommun_kod"], days, int(per_muni[i]), sub, day_mult, next_incident
                )
                _insert_incidents(con, frame)
            next_area += scale.other_areas
            next_place += muni_areas.place_ids.size
            next_incident += len(frame) + 1
            codes.append(row["kommun_kod"])
            sizes.append(float(per_muni[i]) / max(float(per_muni.mean()), 1.0))
    with transaction(con):
        con.register("bench_stats", crime_stat_frame(codes, rng, np.array(sizes)))
        con.execute(
            "insert into crime_stat (municipality_code, period_start, period_end, crime_code, crime_label,"
            " count, preliminary) select * from bench_stats"
        )
        con.unregister("bench_stats")
    con.unregister("bench_kinds")
    con.unregister("bench_comments")
    for seq, table in [
        ("area_id_seq", "area"),
        ("place_id_seq", "place"),
        ("reporter_id_seq", "reporter"),
        ("response_id_seq", "survey_response"),
        ("observation_id_seq", "observation"),
        ("action_id_seq", "action"),
        ("incident_id_seq", "incident"),
    ]:
        sample._advance_sequence(con, seq, table)
        con.execute("select 1").fetchall()  # finish the pending result before the next statement


def copy_dataset(path: Path, target: Path) -> Path:
    """A private copy of a dataset (for benchmarks that write, like imports)."""
    shutil.copy(path, target)
    return target
