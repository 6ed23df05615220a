"""Area layers: GeoJSON, GeoPackage or a zipped Shapefile, in any CRS (read with geopandas/pyogrio).

The user chooses the column that holds the area's name (`name_column`; else a column called name,
namn, stadsdel, område … is used) and whether the file **replaces** the municipality's areas (areas
not in the file are made inactive, never deleted: survey answers keep pointing at them) or **adds**
to them (areas of the same name get the new boundary). Geometries are reprojected to EPSG:4326
(a layer without CRS is recognised as WGS 84 or SWEREF 99 TM by its coordinates), repaired when
invalid, and features with the same name are merged (their inhabitants added up, when the layer has a
column such as `befolkning`, `folkmängd` or `population`; a layer without one leaves the population
unknown, or as set under Register → Områden). Afterwards incidents, reporters' event reports
and named places are (re)assigned to areas by point-in-polygon.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from shapely import wkt

from est_data import config
from est_data.db import transaction
from est_data.ingest import reference, staging
from est_data.ingest.common import ImportFileError, ImportReport, Rejected, read_bytes, record_batch, sha256

SOURCE = "areas"
CLI_HELP = "områdeslager (GeoJSON, GeoPackage eller zippad Shapefile) i valfritt koordinatsystem"
NAME_CANDIDATES = [
    "name",
    "namn",
    "stadsdel",
    "stadsdelsnamn",
    "område",
    "omrade",
    "omradesnamn",
    "områdesnamn",
    "bostadsomrade",
    "bostadsområde",
    "ort",
    "tatort",
    "tätort",
    "label",
    "title",
    "sdnamn",
    "nyko_namn",
]
MODES = ("replace", "add")
Progress = Callable[[float, str], None] | None
# A column with the number of inhabitants, when the layer has one (else the population stays unknown,
# or as set under Register -> Områden).
POPULATION_CANDIDATES = [
    "population",
    "befolkning",
    "folkmängd",
    "folkmangd",
    "invånare",
    "invanare",
    "antal_invånare",
    "antal_invanare",
    "inhabitants",
    "bef_tot",
]


def _suffix(data: bytes) -> str:
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            raise ImportFileError("zip-filen är trasig / the zip file is broken") from None
        if not any(n.lower().endswith(".shp") for n in names):
            raise ImportFileError("zip-filen innehåller ingen .shp-fil / the zip file has no .shp file")
        return ".zip"
    if data[:16].startswith(b"SQLite format 3"):
        return ".gpkg"
    if data.lstrip()[:1] in (b"{", b"["):
        return ".geojson"
    raise ImportFileError(
        "okänt filformat: använd GeoJSON, GeoPackage eller zippad Shapefile"
        " / unknown format: use GeoJSON, GeoPackage or a zipped Shapefile"
    )


def read_layer(data: bytes, layer: str | None = None) -> gpd.GeoDataFrame:
    """The file as a GeoDataFrame in its own CRS (refused whole if it cannot be read)."""
    suffix = _suffix(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"layer{suffix}"
        path.write_bytes(data)
        try:
            if suffix == ".gpkg" and layer is None:
                layers = [
                    name
                    for name, geom in pyogrio.list_layers(path)
                    if geom and "polygon" in str(geom).lower()
                ]
                layer = layers[0] if layers else None
            gdf = gpd.read_file(path, layer=layer, engine="pyogrio")
        except Exception as err:  # pyogrio/GDAL raise many kinds for broken files
            raise ImportFileError(f"lagret kunde inte läsas / could not read the layer ({err})") from None
    if gdf.empty:
        raise ImportFileError("lagret har inga objekt / the layer has no features")
    return gdf


def _guess_crs(gdf: gpd.GeoDataFrame) -> str:
    minx, miny, maxx, maxy = gdf.total_bounds
    if -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90:
        return "EPSG:4326"
    if 200_000 <= minx and maxx <= 1_000_000 and 6_000_000 <= miny and maxy <= 7_800_000:
        return "EPSG:3006"
    raise ImportFileError(
        "lagret saknar koordinatsystem och koordinaterna känns inte igen"
        " / the layer has no CRS and its coordinates are not recognised"
    )


def text_columns(gdf: gpd.GeoDataFrame) -> list[str]:
    return [
        c
        for c in gdf.columns
        if c != gdf.geometry.name and (gdf[c].dtype == object or pd.api.types.is_string_dtype(gdf[c]))
    ]


def columns(data: bytes | str, file_name: str | None = None) -> tuple[list[str], str | None]:
    """The layer's text columns and the one that would be used as name by default (for the Data page)."""
    raw, _ = read_bytes(data, file_name)
    gdf = read_layer(raw)
    cols = text_columns(gdf)
    return cols, default_name_column(cols)


def population_values(gdf: gpd.GeoDataFrame) -> list[float]:
    """Each feature's inhabitants from a population column (NaN where missing or not a number)."""
    lowered = {str(c).casefold(): c for c in gdf.columns if c != gdf.geometry.name}
    column = next((lowered[c] for c in POPULATION_CANDIDATES if c in lowered), None)
    if column is None:
        return [float("nan")] * len(gdf)
    numbers = pd.to_numeric(
        gdf[column].astype(str).str.replace(r"[\s\u00a0]", "", regex=True).str.replace(",", "."),
        errors="coerce",
    )
    return [float(v) if pd.notna(v) and v >= 0 else float("nan") for v in numbers]


def default_name_column(cols: list[str]) -> str | None:
    lowered = {c.casefold(): c for c in cols}
    for candidate in NAME_CANDIDATES:
        if candidate in lowered:
            return lowered[candidate]
    return cols[0] if cols else None


def parse(
    data: bytes | str, file_name: str | None, name_column: str | None = None
) -> tuple[gpd.GeoDataFrame, ImportReport, str]:
    """Valid areas (name, geometry in EPSG:4326) and the report; rows numbered as features 1..n."""
    raw, name = read_bytes(data, file_name)
    gdf = read_layer(raw)
    report = ImportReport(SOURCE, name, rows_read=len(gdf))
    if gdf.crs is None:
        guessed = _guess_crs(gdf)
        gdf = gdf.set_crs(guessed)
        report.messages.append(f"lagret saknade koordinatsystem; tolkat som {guessed}")
    elif gdf.crs.to_epsg() != 4326:
        report.messages.append(f"omräknat från {gdf.crs.to_string()} till WGS 84")
    gdf = gdf.to_crs("EPSG:4326")
    cols = text_columns(gdf)
    column = name_column or default_name_column(cols)
    if column is None or column not in gdf.columns:
        raise ImportFileError(
            f"namnkolumnen {column!r} finns inte; kolumner: {', '.join(cols) or 'inga'}"
            f" / the name column {column!r} does not exist"
        )
    population = population_values(gdf)
    rows = []
    for number, (name_value, geom) in enumerate(zip(gdf[column], gdf.geometry, strict=True), start=1):
        area_name = (
            ""
            if name_value is None or (isinstance(name_value, float) and pd.isna(name_value))
            else str(name_value).strip()
        )
        if not area_name:
            report.rejected.append(Rejected(number, "namn saknas", ""))
            continue
        if geom is None or geom.is_empty:
            report.rejected.append(Rejected(number, "geometri saknas", area_name))
            continue
        if not geom.is_valid:
            geom = shapely.make_valid(geom)
        polygons = shapely.get_parts(geom)
        polygons = [p for p in polygons if p.geom_type in ("Polygon", "MultiPolygon")]
        if not polygons:
            report.rejected.append(Rejected(number, f"inte en yta ({geom.geom_type})", area_name))
            continue
        rows.append(
            {
                "name": area_name[:200],
                "geometry": shapely.union_all(polygons),
                "population": population[number - 1],
            }
        )
    if not rows:
        raise ImportFileError("inga användbara områden i filen / no usable areas in the file")
    areas = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    merged = areas.dissolve(by="name", as_index=False, aggfunc={"population": lambda v: v.sum(min_count=1)})
    if len(merged) < len(areas):
        report.messages.append(f"objekt med samma namn slogs ihop: {len(areas) - len(merged)}")
    return merged, report, sha256(raw)


def _municipality(con, options: dict) -> str:
    return str(options.get("municipality_code") or config.get_setting(con, "municipality_code"))


def _check_inside(areas: gpd.GeoDataFrame, code: str, report: ImportReport) -> None:
    points = [g.representative_point() for g in areas.geometry]
    inside = reference.contains_points(code, [p.y for p in points], [p.x for p in points], tolerance_m=1000.0)
    if inside is None:
        raise ImportFileError(f"okänd kommunkod {code} / unknown municipality code {code}")
    outside = [n for n, ok in zip(areas["name"], inside, strict=True) if not ok]
    if len(outside) == len(areas):
        raise ImportFileError(
            f"inget av områdena ligger i kommunen {reference.municipality_name(code)} ({code}); välj rätt kommun"
            f" / none of the areas lies in municipality {code}"
        )
    if outside:
        report.messages.append(f"områden som ligger utanför kommunen: {', '.join(outside[:10])}")


def preview(
    con, data: bytes | str, file_name: str | None = None, progress: Progress = None, **options: object
) -> ImportReport:
    areas, report, _ = parse(data, file_name, options.get("name_column"))
    code = _municipality(con, options)
    _check_inside(areas, code, report)
    existing = {
        r[0] for r in con.execute("select name from area where municipality_code = ?", [code]).fetchall()
    }
    report.rows_loaded = len(areas)
    report.rows_updated = sum(1 for n in areas["name"] if n in existing)
    if options.get("mode", "replace") == "replace":
        gone = existing - set(areas["name"])
        if gone:
            report.messages.append(f"områden som blir inaktiva: {len(gone)}")
    return report


def load(
    con, data: bytes | str, file_name: str | None = None, progress: Progress = None, **options: object
) -> ImportReport:
    """Replace or add the municipality's areas, then reassign points to areas, in one transaction."""
    mode = str(options.get("mode") or "replace")
    if mode not in MODES:
        raise ImportFileError(f"okänt läge {mode!r}: replace eller add / unknown mode")
    kind = str(options.get("kind") or "stadsdel")
    areas, report, digest = parse(data, file_name, options.get("name_column"))
    if options.get("strict") and report.rejected:
        raise ImportFileError(
            f"{report.rows_rejected} objekt har fel; inget lästes in (--strict)"
            f" / {report.rows_rejected} features have errors; nothing loaded"
        )
    code = _municipality(con, options)
    _check_inside(areas, code, report)
    if progress:
        progress(0.3, "sparar områden / saving areas")
    rows = [
        (code, n, kind, wkt.dumps(g, rounding_precision=7), None if pd.isna(p) else int(p))
        for n, g, p in zip(areas["name"], areas.geometry, areas["population"], strict=True)
    ]
    with transaction(con):
        reference.ensure_municipality(con, code)
        existing = {
            r[0] for r in con.execute("select name from area where municipality_code = ?", [code]).fetchall()
        }
        report.rows_updated = sum(1 for n in areas["name"] if n in existing)
        report.rows_loaded = len(rows)
        con.executemany(
            "insert into area (municipality_code, name, kind, geometry_wkt, population, active)"
            " values (?, ?, ?, ?, ?, true)"
            " on conflict (municipality_code, name) do update"
            " set geometry_wkt = excluded.geometry_wkt, active = true,"
            "     population = coalesce(excluded.population, area.population)",
            rows,
        )
        if mode == "replace":
            con.execute(
                "update area set active = false"
                " where municipality_code = ? and active and not list_contains(?, name)",
                [code, list(areas["name"])],
            )
        record_batch(con, report, digest)
        if progress:
            progress(0.6, "placerar händelser i områden / assigning events to areas")
        moved = reassign(con, code)
        report.messages.append("omplacerade: " + ", ".join(f"{k} {v}" for k, v in moved.items()))
    if progress:
        progress(1.0, report.summary_line())
    return report


def _active_areas(con, code: str) -> gpd.GeoDataFrame:
    frame = con.execute(
        "select id as area_id, geometry_wkt from area"
        " where active and municipality_code = ? and geometry_wkt is not null",
        [code],
    ).df()
    return gpd.GeoDataFrame(
        frame[["area_id"]], geometry=[wkt.loads(g) for g in frame["geometry_wkt"]], crs="EPSG:4326"
    )


def _assign(points: pd.DataFrame, areas: gpd.GeoDataFrame) -> pd.DataFrame:
    """points (id, lat, lon) -> (id, new_area_id or None) by point-in-polygon."""
    if points.empty:
        return pd.DataFrame(columns=["id", "new_area_id"])
    gpts = gpd.GeoDataFrame(
        points[["id"]], geometry=gpd.points_from_xy(points["lon"], points["lat"]), crs="EPSG:4326"
    )
    joined = gpd.sjoin(gpts, areas, how="left", predicate="within")
    joined = joined.drop_duplicates("id")
    out = pd.DataFrame(
        {
            "id": joined["id"].astype("int64").to_numpy(),
            "new_area_id": joined["area_id"].astype("Int64").to_numpy(),
        }
    )
    return out


def reassign(con, code: str) -> dict[str, int]:
    """Give incidents, observations and places of the municipality the area their point lies in.

    Incidents whose point lies in no area get none; event reports and places keep the area they
    had when their point lies in no active area (a reporter chose it). Centre-point positions
    (municipality, county) are never assigned to an area. Returns how many rows changed per table.
    """
    areas = _active_areas(con, code)
    changed: dict[str, int] = {}
    queries = {
        "incident": (
            "select id, lat, lon, area_id from incident"
            " where municipality_code = ? and lat is not null and lon is not null"
            "   and location_precision in ('exact', 'place')",
            True,
        ),
        "observation": (
            "select o.id, o.lat, o.lon, o.area_id from observation o"
            " left join area a on a.id = o.area_id"
            " where o.lat is not null and o.lon is not null"
            "   and (a.id is null or a.municipality_code = ?)",
            False,
        ),
        "place": (
            "select p.id, p.lat, p.lon, p.area_id from place p"
            " left join area a on a.id = p.area_id"
            " where p.lat is not null and p.lon is not null"
            "   and (a.id is null or a.municipality_code = ?)",
            False,
        ),
    }
    for table, (sql, clear_outside) in queries.items():
        points = con.execute(sql, [code]).df()
        assigned = _assign(points, areas).merge(points[["id", "area_id"]], on="id")
        if not clear_outside:
            assigned = assigned[assigned["new_area_id"].notna()]
        old = assigned["area_id"].astype("Int64")
        diff = assigned[
            (old.isna() != assigned["new_area_id"].isna())
            | (old.fillna(-1) != assigned["new_area_id"].fillna(-1))
        ]
        changed[table] = len(diff)
        if diff.empty:
            continue
        staging.register(
            con,
            "area_moves",
            pd.DataFrame(
                {"id": diff["id"].astype("int64"), "new_area_id": diff["new_area_id"].astype("Int64")}
            ),
        )
        update = {
            "incident": "update incident set area_id = m.new_area_id from area_moves m where incident.id = m.id",
            "observation": "update observation set area_id = m.new_area_id from area_moves m"
            " where observation.id = m.id",
            "place": "update place set area_id = m.new_area_id from area_moves m where place.id = m.id",
        }[table]
        con.execute(update)
        con.unregister("area_moves")
    return changed


def add_arguments(parser) -> None:
    parser.add_argument("--namnkolumn", dest="name_column", help="kolumnen med områdets namn")
    parser.add_argument(
        "--lage",
        dest="mode",
        choices=MODES,
        default="replace",
        help="replace: ersätt kommunens områden (övriga blir inaktiva); add: lägg till",
    )
    parser.add_argument(
        "--typ", dest="kind", default="stadsdel", help="områdestyp (stadsdel, ort, bostadsområde …)"
    )
    parser.add_argument(
        "--kommun", dest="municipality_code", help="kommunkod (4 siffror); standard: inställningen"
    )
