"""Fault reports (felanmälan) of vandalism and graffiti from the property and streets services.

A CSV or .xlsx with one report per row: date, category (klotter, krossad ruta, skadegörelse, brand …),
an address, place or coordinates, and the cost in SEK. Columns are found by their usual Swedish or
English names; other layouts are read through a column mapping (`mapping={field: column}`) or a saved
profile (table mapping_profile, source 'felanmalan').

Coordinates may be WGS 84 (lat/lon in degrees) or SWEREF 99 TM (EPSG:3006, metres, as Swedish municipal
systems export, in either column order); each row's pair is recognised by its value ranges and stored
in WGS 84. Points outside the municipality are rejected with the reason. A row without coordinates is
placed at a named place when its address matches one, else in its area when the area column names one,
else it is kept for counts and costs without a place on the map (location_precision 'municipality').
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely import wkt

from est_data import config
from est_data.audit import record
from est_data.db import transaction
from est_data.ingest import common, reference, staging
from est_data.ingest.common import (
    ImportFileError,
    ImportReport,
    Rejected,
    check_event_time,
    event_times_ok,
    parse_datetime,
    parse_datetimes,
    parse_number,
    parse_numbers,
    read_bytes,
    read_table,
    record_batch,
    sha256,
)

SOURCE = "felanmalan"
CLI_HELP = "felanmälan (skadegörelse, klotter …) som CSV eller .xlsx, WGS 84 eller SWEREF 99 TM"
PLACE_RADIUS_M = 100.0
MIN_CHUNK_ROWS = 5_000  # rows parsed per column-wise step; long files take ~20 steps, each reporting progress
Progress = Callable[[float, str], None] | None

FIELDS: dict[str, list[str]] = {
    "id": ["ärendenummer", "ärendenr", "ärende", "ärende-id", "id", "nr", "löpnummer", "case", "case id"],
    "date": [
        "datum",
        "anmält",
        "anmäld",
        "anmälningsdatum",
        "registrerad",
        "registreringsdatum",
        "skapad",
        "inkom",
        "ärendedatum",
        "händelsedatum",
        "date",
        "reported",
    ],
    "category": ["kategori", "typ", "ärendetyp", "feltyp", "skadetyp", "orsak", "category", "type"],
    "address": [
        "adress",
        "gatuadress",
        "plats",
        "platsbeskrivning",
        "objekt",
        "address",
        "location",
        "place",
    ],
    "area": ["område", "stadsdel", "ort", "bostadsområde", "area", "district"],
    "lat": ["lat", "latitud", "latitude", "wgs84_lat", "lat_wgs84", "y_wgs84"],
    "lon": ["lon", "long", "lng", "longitud", "longitude", "wgs84_lon", "lon_wgs84", "x_wgs84"],
    "north": [
        "n",
        "northing",
        "nord",
        "y",
        "y_sweref",
        "sweref_n",
        "n_sweref99tm",
        "koordinat n",
        "y-koordinat",
    ],
    "east": [
        "e",
        "easting",
        "öst",
        "ost",
        "x",
        "x_sweref",
        "sweref_e",
        "e_sweref99tm",
        "koordinat e",
        "x-koordinat",
    ],
    "cost": [
        "kostnad",
        "kostnad (kr)",
        "kostnad kr",
        "kostnad sek",
        "belopp",
        "summa",
        "cost",
        "cost_sek",
        "sek",
    ],
    "description": ["beskrivning", "text", "kommentar", "notering", "description", "comment"],
}
REQUIRED = ("date", "category")

_to_4326 = Transformer.from_crs(3006, 4326, always_xy=True)
_to_3006 = Transformer.from_crs(4326, 3006, always_xy=True)


_norm = common.norm_header


def find_columns(columns: list[str], mapping: dict[str, str] | None = None) -> dict[str, str | None]:
    """{field: column in the file or None}: the explicit mapping first, then the usual names."""
    return common.find_columns(columns, FIELDS, mapping)


def profiles(con) -> dict[str, dict]:
    rows = con.execute(
        "select name, mapping_json from mapping_profile where source = ? order by name", [SOURCE]
    ).fetchall()
    return {name: json.loads(text) for name, text in rows}


def save_profile(con, name: str, mapping: dict[str, str], by: str | None = None) -> None:
    """Save a column mapping ({field: column}) under a name, for files of the same layout."""
    unknown = set(mapping) - set(FIELDS)
    if unknown or not name.strip():
        raise ImportFileError(f"ogiltig profil: {sorted(unknown) or name!r} / invalid profile")
    clean = {k: v for k, v in mapping.items() if v}
    with transaction(con):
        con.execute(
            "insert into mapping_profile (name, source, mapping_json) values (?, ?, ?)"
            " on conflict (name) do update set source = excluded.source, mapping_json = excluded.mapping_json",
            [name.strip(), SOURCE, json.dumps(clean, ensure_ascii=False)],
        )
        record(con, by, "update", "mapping_profile", name.strip(), None, clean)


def classify_pair(a: float, b: float) -> tuple[str, float, float] | None:
    """Recognise a coordinate pair by its ranges: ('wgs84'|'sweref', lat, lon) in WGS 84, or None.

    WGS 84 in Sweden: latitude 55–69.1, longitude 10.5–24.2 (either order). SWEREF 99 TM: northing
    6 100 000–7 700 000, easting 250 000–950 000 metres (either order).
    """
    for lat, lon in ((a, b), (b, a)):
        if 55.0 <= lat <= 69.1 and 10.5 <= lon <= 24.2:
            return "wgs84", lat, lon
    for north, east in ((a, b), (b, a)):
        if 6_100_000 <= north <= 7_700_000 and 250_000 <= east <= 950_000:
            lon, lat = _to_4326.transform(east, north)
            return "sweref", round(float(lat), 7), round(float(lon), 7)
    return None


def _coordinate_pair(row: pd.Series, cols: dict[str, str | None]) -> tuple[float, float] | None:
    pairs = (("lat", "lon"), ("north", "east"))
    for first, second in pairs:
        if cols.get(first) and cols.get(second):
            a_text, b_text = row[cols[first]], row[cols[second]]
            if a_text == "" and b_text == "":
                continue
            a, b = parse_number(a_text), parse_number(b_text)
            if a is None or b is None:
                raise ValueError(f"en koordinat saknas: {a_text!r}, {b_text!r}")
            return a, b
    return None


class _Lookups:
    def __init__(self, con, municipality_code: str):
        self.code = municipality_code
        self.name = reference.municipality_name(municipality_code) or municipality_code
        areas = con.execute(
            "select id, name, geometry_wkt from area where active and municipality_code = ?",
            [municipality_code],
        ).fetchall()
        self.area_by_name = {_norm(n): i for i, n, _ in areas}
        self.area_geoms = [(i, wkt.loads(g)) for i, _, g in areas if g]
        places = con.execute(
            "select p.id, p.name, p.lat, p.lon, p.area_id from place p join area a on a.id = p.area_id"
            " where p.active and a.municipality_code = ? and p.lat is not null",
            [municipality_code],
        ).df()
        self.place_by_name = {
            _norm(n): (int(i), float(la), float(lo), a)
            for i, n, la, lo, a in zip(
                places["id"], places["name"], places["lat"], places["lon"], places["area_id"], strict=True
            )
        }
        px, py = _to_3006.transform(places["lon"].to_numpy(dtype=float), places["lat"].to_numpy(dtype=float))
        self.place_xy = np.column_stack([px, py]) if len(places) else np.empty((0, 2))
        self.place_ids = places["id"].to_numpy()

    def area_of(self, lat: float, lon: float) -> int | None:
        point = shapely.Point(lon, lat)
        return next((i for i, g in self.area_geoms if g.contains(point)), None)

    def nearest_place(self, lat: float, lon: float) -> int | None:
        if not len(self.place_xy):
            return None
        x, y = _to_3006.transform(lon, lat)
        dist = np.hypot(self.place_xy[:, 0] - x, self.place_xy[:, 1] - y)
        k = int(np.argmin(dist))
        return int(self.place_ids[k]) if dist[k] <= PLACE_RADIUS_M else None

    def areas_of(self, lat: np.ndarray, lon: np.ndarray) -> list[int | None]:
        """area_of for arrays of points: the first area, in the same order, that contains each point."""
        found: list[int | None] = [None] * len(lat)
        left = np.arange(len(lat))
        for area_id, geom in self.area_geoms:
            if not len(left):
                break
            inside = shapely.contains_xy(geom, lon[left], lat[left])
            for k in left[inside]:
                found[k] = area_id
            left = left[~inside]
        return found

    def nearest_places(self, lat: np.ndarray, lon: np.ndarray) -> list[int | None]:
        """nearest_place for arrays of points, with the same distances and the same choice among equals.

        Only places in the band |place x - point x| <= radius + 1 m can lie within the radius (a distance
        is at least its |dx|), so each point is measured against the places of its band, found in the
        places sorted by x, instead of against all; of the least distance, the first place in the
        places' order is taken, as np.argmin does in nearest_place.
        """
        found: list[int | None] = [None] * len(lat)
        if not len(self.place_xy) or not len(lat):
            return found
        x, y = _to_3006.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
        count = len(self.place_xy)
        order = np.argsort(self.place_xy[:, 0], kind="stable")
        sorted_x = self.place_xy[order, 0]
        margin = PLACE_RADIUS_M + 1.0
        first = np.searchsorted(sorted_x, x - margin, side="left")
        end = np.searchsorted(sorted_x, x + margin, side="right")
        width = int((end - first).max())
        if width == 0:
            return found
        block = max(1, 1_000_000 // width)  # at most ~8 MB of distances at once
        for start in range(0, len(lat), block):
            stop = start + block
            slot = first[start:stop, None] + np.arange(width)
            place = order[np.minimum(slot, count - 1)]
            dist = np.hypot(
                self.place_xy[place, 0] - x[start:stop, None], self.place_xy[place, 1] - y[start:stop, None]
            )
            dist[slot >= end[start:stop, None]] = np.inf
            least = dist.min(axis=1)
            nearest = np.where(dist == least[:, None], place, count).min(axis=1)
            near = least <= PLACE_RADIUS_M
            for row, k in zip(np.flatnonzero(near).tolist(), nearest[near].tolist(), strict=True):
                found[start + row] = int(self.place_ids[k])
        return found


def _raw(row: pd.Series) -> str:
    return "; ".join(f"{k}={v}" for k, v in row.items() if k != "_line" and v != "")[:300]


def _parse_row(row: pd.Series, cols: dict[str, str | None], lk: _Lookups) -> dict:
    def value(field: str) -> str:
        column = cols.get(field)
        return str(row[column]).strip() if column else ""

    date_text = value("date")
    if not date_text:
        raise ValueError("datum saknas")
    try:
        occurred = parse_datetime(date_text)
    except ValueError:
        raise ValueError(f"datumet kan inte tolkas: {date_text!r}") from None
    check_event_time(occurred)
    category = value("category")
    if not category:
        raise ValueError("kategori saknas")
    category = category[:1].upper() + category[1:]
    try:
        cost = parse_number(value("cost")) if value("cost") else None
    except ValueError:
        raise ValueError(f"kostnaden är inte ett tal: {value('cost')!r}") from None
    if cost is not None and (cost < 0 or math.isinf(cost)):
        raise ValueError(f"orimlig kostnad: {value('cost')!r}")
    try:
        pair = _coordinate_pair(row, cols)
    except ValueError as err:
        raise ValueError(f"koordinaterna kan inte tolkas ({err})") from None
    address = value("address")
    lat = lon = None
    area_id = place_id = None
    crs = None
    if pair is not None:
        found = classify_pair(*pair)
        if found is None:
            raise ValueError(
                f"koordinaterna känns inte igen som WGS 84 eller SWEREF 99 TM: {pair[0]}, {pair[1]}"
            )
        crs, lat, lon = found
        inside = reference.contains_points(lk.code, [lat], [lon])
        if inside is not None and not bool(inside[0]):
            raise ValueError(f"platsen ligger utanför kommunen ({lk.name}): {lat:.5f}, {lon:.5f}")
        precision = "exact"
        area_id = lk.area_of(lat, lon)
        place_id = lk.nearest_place(lat, lon)
    elif address and _norm(address) in lk.place_by_name:
        place_id, lat, lon, area_id = lk.place_by_name[_norm(address)]
        precision = "place"
    elif value("area") and _norm(value("area")) in lk.area_by_name:
        area_id = lk.area_by_name[_norm(value("area"))]
        precision = "area"
    else:
        precision = "municipality"
    summary = ": ".join(p for p in (category, address) if p)
    description = value("description")
    if description:
        summary = f"{summary}. {description}"
    return {
        "external_id": value("id"),
        "occurred_at": occurred,
        "category": category,
        "lat": lat,
        "lon": lon,
        "area_id": area_id,
        "place_id": place_id,
        "location_precision": precision,
        "location_name": address or value("area") or None,
        "cost_sek": cost,
        "summary": summary[:1000],
        "crs": crs,
    }


def _external_ids(columns: dict[str, list]) -> None:
    """Rows without a case number get a stable id from their content (and their order among equals)."""
    seen: dict[str, int] = {}
    ids = columns["external_id"]
    keyed = [columns[k] for k in ("occurred_at", "category", "lat", "lon", "location_name", "cost_sek")]
    for i, external_id in enumerate(ids):
        if external_id:
            continue
        key = "|".join(str(values[i]) for values in keyed)
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]  # noqa: S324 - an id, not security
        seen[digest] = seen.get(digest, 0) + 1
        ids[i] = f"h-{digest}-{seen[digest]}"


_COLUMNS = [
    "external_id",
    "occurred_at",
    "category",
    "lat",
    "lon",
    "area_id",
    "place_id",
    "location_precision",
    "location_name",
    "cost_sek",
    "summary",
    "crs",
]


def _in_ranges(
    first: np.ndarray, second: np.ndarray, ranges: tuple[float, float, float, float]
) -> np.ndarray:
    low1, high1, low2, high2 = ranges
    return (low1 <= first) & (first <= high1) & (low2 <= second) & (second <= high2)


_WGS84_RANGES = (55.0, 69.1, 10.5, 24.2)  # lat, lon: as in classify_pair
_SWEREF_RANGES = (6_100_000, 7_700_000, 250_000, 950_000)  # north, east


def _parse_rows(
    frame: pd.DataFrame, cols: dict[str, str | None], lk: _Lookups
) -> tuple[dict[str, list], list[str | None]]:
    """_parse_row for every row of a frame at once, column by column: ({column: a value per row}, per row
    None or the reason it is rejected).

    Each check of _parse_row is made on whole columns, in _parse_row's arithmetic. A row that any check
    finds fault with is parsed again by _parse_row itself, which gives the reason in its words (the
    first fault, in its order of checks), or the row's values if it finds none: the column-wise checks
    may be stricter than _parse_row, never more lenient.
    """
    n = len(frame)

    def texts(field: str) -> list[str]:
        column = cols.get(field)
        return [str(v).strip() for v in frame[column].tolist()] if column else [""] * n

    ids, dates, categories, costs_text = texts("id"), texts("date"), texts("category"), texts("cost")
    addresses, areas, descriptions = texts("address"), texts("area"), texts("description")

    occurred, bad_date = parse_datetimes(dates)  # an empty date is refused too
    bad_date |= ~event_times_ok(occurred)  # before 1990 or in the future: _parse_row gives the reason
    costs, bad_cost = parse_numbers(costs_text)
    with np.errstate(invalid="ignore"):
        ok = (
            ~bad_date
            & np.array([bool(c) for c in categories], dtype=bool)
            & ~bad_cost
            & ~(costs < 0)
            & ~np.isinf(costs)
        )

    # the first coordinate pair (lat/lon, else north/east) of which not both cells are empty
    a, b = np.full(n, np.nan), np.full(n, np.nan)
    has_pair = np.zeros(n, dtype=bool)
    for first, second in (("lat", "lon"), ("north", "east")):
        if not (cols.get(first) and cols.get(second)):
            continue
        first_text, second_text = frame[cols[first]].tolist(), frame[cols[second]].tolist()
        rows = np.flatnonzero(
            ~has_pair
            & np.array([x != "" or y != "" for x, y in zip(first_text, second_text, strict=True)], dtype=bool)
        )
        a[rows], bad_a = parse_numbers([first_text[i] for i in rows])
        b[rows], bad_b = parse_numbers([second_text[i] for i in rows])
        ok[rows] &= ~bad_a & ~bad_b & ~np.isnan(a[rows]) & ~np.isnan(b[rows])
        has_pair[rows] = True

    # classify_pair on the pairs: WGS 84 in either order, else SWEREF 99 TM in either order
    exact = np.flatnonzero(has_pair & ok)
    pa, pb = a[exact], b[exact]
    wgs_ab = _in_ranges(pa, pb, _WGS84_RANGES)
    wgs_ba = ~wgs_ab & _in_ranges(pb, pa, _WGS84_RANGES)
    sweref_ab = ~wgs_ab & ~wgs_ba & _in_ranges(pa, pb, _SWEREF_RANGES)
    sweref = sweref_ab | (~wgs_ab & ~wgs_ba & ~sweref_ab & _in_ranges(pb, pa, _SWEREF_RANGES))
    lat, lon = np.where(wgs_ab, pa, pb), np.where(wgs_ab, pb, pa)
    if sweref.any():
        north, east = np.where(sweref_ab, pa, pb)[sweref], np.where(sweref_ab, pb, pa)[sweref]
        to_lon, to_lat = _to_4326.transform(east, north)
        lat[sweref] = [round(float(v), 7) for v in to_lat]  # Python's round, as classify_pair
        lon[sweref] = [round(float(v), 7) for v in to_lon]
    known = wgs_ab | wgs_ba | sweref
    ok[exact[~known]] = False
    exact, lat, lon, sweref = exact[known], lat[known], lon[known], sweref[known]
    inside = reference.contains_points(lk.code, lat, lon)
    if inside is not None:
        inside = np.asarray(inside, dtype=bool)
        ok[exact[~inside]] = False
        exact, lat, lon, sweref = exact[inside], lat[inside], lon[inside], sweref[inside]

    out: dict[str, list] = {
        "external_id": ids,
        "occurred_at": occurred,
        "category": [c[:1].upper() + c[1:] for c in categories],
        "lat": [None] * n,
        "lon": [None] * n,
        "area_id": [None] * n,
        "place_id": [None] * n,
        "location_precision": ["municipality"] * n,
        "location_name": [address or area or None for address, area in zip(addresses, areas, strict=True)],
        "cost_sek": [None if math.isnan(c) else float(c) for c in costs.tolist()],
        "summary": [],
        "crs": [None] * n,
    }
    for i, la, lo, is_sweref, area_id, place_id in zip(
        exact.tolist(),
        lat.tolist(),
        lon.tolist(),
        sweref.tolist(),
        lk.areas_of(lat, lon),
        lk.nearest_places(lat, lon),
        strict=True,
    ):
        out["lat"][i], out["lon"][i], out["area_id"][i], out["place_id"][i] = la, lo, area_id, place_id
        out["location_precision"][i], out["crs"][i] = "exact", "sweref" if is_sweref else "wgs84"
    for i in np.flatnonzero(~has_pair & ok).tolist():
        address, area = addresses[i], areas[i]
        if address and _norm(address) in lk.place_by_name:
            out["place_id"][i], out["lat"][i], out["lon"][i], out["area_id"][i] = lk.place_by_name[
                _norm(address)
            ]
            out["location_precision"][i] = "place"
        elif area and _norm(area) in lk.area_by_name:
            out["area_id"][i] = lk.area_by_name[_norm(area)]
            out["location_precision"][i] = "area"
    for category, address, description in zip(out["category"], addresses, descriptions, strict=True):
        summary = ": ".join(p for p in (category, address) if p)
        out["summary"].append((f"{summary}. {description}" if description else summary)[:1000])

    reasons: list[str | None] = [None] * n
    for i in np.flatnonzero(~ok).tolist():
        try:
            parsed = _parse_row(frame.iloc[i], cols, lk)
        except ValueError as err:
            reasons[i] = str(err)
            continue
        for column in _COLUMNS:
            out[column][i] = parsed[column]
    return out, reasons


def _mapping(con, options: dict) -> dict[str, str] | None:
    mapping = options.get("mapping")
    profile = options.get("profile")
    if profile:
        saved = profiles(con)
        if profile not in saved:
            raise ImportFileError(f"okänd profil: {profile} / unknown profile: {profile}")
        mapping = {**saved[profile], **(mapping or {})}
    return mapping


def parse(
    con, data: bytes | str, file_name: str | None, options: dict, progress: Progress = None
) -> tuple[pd.DataFrame, ImportReport, str]:
    raw, name = read_bytes(data, file_name)
    frame = read_table(raw)
    cols = find_columns(list(frame.columns), _mapping(con, options))
    missing = [f for f in REQUIRED if not cols.get(f)]
    if missing:
        names = {"date": "datum", "category": "kategori"}
        raise ImportFileError(
            "kolumn saknas: " + ", ".join(names[m] for m in missing) + " (välj kolumner i kolumnmappningen)"
            f" / missing column: {', '.join(missing)} (choose columns in the mapping); kolumner i filen: "
            + ", ".join(c for c in frame.columns if c != "_line")
        )
    code = str(options.get("municipality_code") or config.get_setting(con, "municipality_code"))
    lk = _Lookups(con, code)
    report = ImportReport(SOURCE, name, rows_read=len(frame))
    total = len(frame)
    chunk = max(MIN_CHUNK_ROWS, total // 20)
    columns: dict[str, list] = {column: [] for column in _COLUMNS}
    reasons: list[str | None] = []
    for start in range(0, total, chunk):
        part, part_reasons = _parse_rows(frame.iloc[start : start + chunk], cols, lk)
        for column in _COLUMNS:
            columns[column].extend(part[column])
        reasons.extend(part_reasons)
        if progress:
            done = min(start + chunk, total)
            progress(0.5 * done / total, f"{done} / {total}")
    # rejections in row order; a case number already seen in a valid row rejects the later row
    keep: list[int] = []
    seen_ids: dict[str, int] = {}
    for i, (line, reason, external_id) in enumerate(
        zip(frame["_line"].tolist(), reasons, columns["external_id"], strict=True)
    ):
        if reason is None and external_id:
            if external_id in seen_ids:
                reason = f"samma ärendenummer som rad {seen_ids[external_id]}"
            else:
                seen_ids[external_id] = int(line)
        if reason is None:
            keep.append(i)
        else:
            report.rejected.append(Rejected(int(line), reason, _raw(frame.iloc[i])))
    if len(keep) < total:
        columns = {column: [values[i] for i in keep] for column, values in columns.items()}
    _external_ids(columns)
    result = pd.DataFrame(columns, columns=_COLUMNS)
    sweref = int((result["crs"] == "sweref").sum())
    if sweref:
        report.messages.append(f"rader med koordinater i SWEREF 99 TM, omräknade till WGS 84: {sweref}")
    no_place = int((result["location_precision"] == "municipality").sum())
    if no_place:
        report.messages.append(f"rader utan plats (varken koordinater, känd adress eller område): {no_place}")
    result["municipality_code"] = code
    if options.get("strict") and report.rejected:
        raise ImportFileError(
            f"{report.rows_rejected} rader har fel; inget lästes in (--strict)"
            f" / {report.rows_rejected} rows have errors; nothing loaded"
        )
    return result.drop(columns=["crs"]), report, sha256(raw)


def _stage(con, rows: pd.DataFrame) -> None:
    # nullable number columns reach DuckDB as NULL where a value is missing (float64's NaN would stay NaN);
    # turning the whole frame into Python objects for that cost more than the rest of staging
    typed = rows.astype(
        {"lat": "Float64", "lon": "Float64", "cost_sek": "Float64", "area_id": "Int64", "place_id": "Int64"}
    )
    staging.register(con, "felanmalan_frame", typed)
    con.execute(
        "create or replace temp table felanmalan_staged as"
        " select cast(external_id as varchar) as external_id, cast(occurred_at as timestamp) as occurred_at,"
        "        cast(category as varchar) as category, cast(municipality_code as varchar) as municipality_code,"
        "        cast(area_id as integer) as area_id, cast(place_id as integer) as place_id,"
        "        cast(lat as double) as lat, cast(lon as double) as lon,"
        "        cast(location_precision as varchar) as location_precision,"
        "        cast(location_name as varchar) as location_name, cast(cost_sek as double) as cost_sek,"
        "        cast(summary as varchar) as summary"
        " from felanmalan_frame"
    )
    con.unregister("felanmalan_frame")


_DIFF = """
with staged as (
    select * from felanmalan_staged
), existing as (
    select * from incident where source = 'felanmalan'
), final as (
    select s.external_id,
           e.id is null as is_new,
           e.id is not null and (s.occurred_at is distinct from e.occurred_at
               or s.category is distinct from e.category
               or s.municipality_code is distinct from e.municipality_code
               or s.area_id is distinct from e.area_id
               or s.place_id is distinct from e.place_id
               or s.lat is distinct from e.lat
               or s.lon is distinct from e.lon
               or s.location_precision is distinct from e.location_precision
               or s.location_name is distinct from e.location_name
               or s.cost_sek is distinct from e.cost_sek
               or s.summary is distinct from e.summary) as is_changed
    from staged s
    left join existing e on e.external_id = s.external_id
)
select * from final
"""


def preview(
    con, data: bytes | str, file_name: str | None = None, progress: Progress = None, **options: object
) -> ImportReport:
    rows, report, _ = parse(con, data, file_name, options, progress)
    if not rows.empty:
        _stage(con, rows)
        diff = con.execute(_DIFF).df()
        con.execute("drop table if exists felanmalan_staged")
        report.rows_updated = int(diff["is_changed"].sum())
        report.rows_loaded = int(diff["is_new"].sum()) + report.rows_updated
        report.rows_unchanged = len(rows) - report.rows_loaded
    return report


def load(
    con, data: bytes | str, file_name: str | None = None, progress: Progress = None, **options: object
) -> ImportReport:
    """Validate every row and load the valid ones in one transaction (new inserted, changed updated)."""
    rows, report, digest = parse(con, data, file_name, options, progress)
    with transaction(con):
        if not rows.empty:
            _stage(con, rows)
            diff = con.execute(_DIFF).df()
            new_ids = diff.loc[diff["is_new"], "external_id"].tolist()
            changed_ids = diff.loc[diff["is_changed"], "external_id"].tolist()
        else:
            new_ids, changed_ids = [], []
        report.rows_loaded = len(new_ids) + len(changed_ids)
        report.rows_updated = len(changed_ids)
        report.rows_unchanged = len(rows) - report.rows_loaded
        if progress:
            progress(0.6, "sparar / saving")
        batch_id = record_batch(con, report, digest)
        if changed_ids:
            con.execute(
                "update incident"
                " set occurred_at = s.occurred_at, category = s.category, municipality_code = s.municipality_code,"
                "     area_id = s.area_id, place_id = s.place_id, lat = s.lat, lon = s.lon,"
                "     location_precision = s.location_precision, location_name = s.location_name,"
                "     cost_sek = s.cost_sek, summary = s.summary, import_batch_id = ?"
                " from felanmalan_staged s"
                " where incident.source = 'felanmalan'"
                "   and incident.external_id = s.external_id"
                "   and s.external_id in (select unnest(?::varchar[]))",
                [batch_id, changed_ids],
            )
        if new_ids:
            con.execute(
                "insert into incident (source, external_id, occurred_at, category, municipality_code, area_id,"
                "                      place_id, lat, lon, location_precision, location_name, cost_sek, summary,"
                "                      import_batch_id)"
                " select 'felanmalan', external_id, occurred_at, category, municipality_code, area_id, place_id,"
                "        lat, lon, location_precision, location_name, cost_sek, summary, ?"
                " from felanmalan_staged"
                " where external_id in (select unnest(?::varchar[]))",  # a hash join; list_contains scans the list
                [batch_id, new_ids],
            )
        con.execute("drop table if exists felanmalan_staged")
    if progress:
        progress(1.0, report.summary_line())
    return report


def add_arguments(parser) -> None:
    parser.add_argument("--profile", help="sparad kolumnmappning (profil) för filer med annan layout")
    parser.add_argument(
        "--kommun",
        dest="municipality_code",
        help="kommunkod (4 siffror) som platserna ska ligga i; standard: inställningen",
    )


def option_fields() -> list[str]:
    """The fields a column mapping can set (for the Data page)."""
    return list(FIELDS)


def file_columns(data: bytes | str, file_name: str | None = None) -> tuple[list[str], dict[str, str | None]]:
    """The file's columns and the mapping that would be used without choices (for the mapping step)."""
    raw, _ = read_bytes(data, file_name)
    frame = read_table(raw)
    cols = [c for c in frame.columns if c != "_line"]
    return cols, find_columns(cols)
