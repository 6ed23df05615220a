"""Area layers: GeoJSON, the same layer in EPSG:3006 as a zipped Shapefile, GeoPackage; replace/add; reassignment."""

from __future__ import annotations

import io
import json
import zipfile

import geopandas as gpd
import pytest
from conftest import FIXTURES
from shapely import wkt
from shapely.geometry import box

from est_data import cli
from est_data.ingest import areas
from est_data.ingest.common import ImportFileError

STOCKHOLM = FIXTURES / "geo" / "stockholm_stadsdelar.geojson"


def zipped_shapefile(gdf: gpd.GeoDataFrame, tmp_path) -> bytes:
    folder = tmp_path / "shp"
    folder.mkdir()
    gdf.to_file(folder / "stadsdelar.shp", engine="pyogrio")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in folder.iterdir():
            archive.write(file, file.name)
    return buffer.getvalue()


def stored(con, code: str) -> dict[str, object]:
    return {
        n: wkt.loads(g)
        for n, g in con.execute(
            "select name, geometry_wkt from area where municipality_code = ? and active", [code]
        ).fetchall()
    }


def test_geojson_and_the_same_layer_as_zipped_shapefile_in_3006_agree(empty_con, tmp_path):
    report = areas.load(empty_con, STOCKHOLM, municipality_code="0180")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (117, 117, 0)
    from_geojson = stored(empty_con, "0180")
    assert len(from_geojson) == 117 and "GAMLA STAN" in from_geojson
    layer = gpd.read_file(STOCKHOLM).to_crs("EPSG:3006").rename(columns={"name": "SDNAMN"})
    data = zipped_shapefile(layer, tmp_path)
    cols, default = areas.columns(data, "stadsdelar.zip")
    assert cols == ["SDNAMN"] and default == "SDNAMN"
    report = areas.load(empty_con, data, "stadsdelar.zip", municipality_code="0180", name_column="SDNAMN")
    assert report.rows_loaded == 117 and report.rows_updated == 117
    assert any("EPSG:3006" in m for m in report.messages)
    from_shapefile = stored(empty_con, "0180")
    assert set(from_shapefile) == set(from_geojson)
    for name, geom in from_geojson.items():  # the round trip through SWEREF 99 TM keeps the shapes
        assert geom.symmetric_difference(from_shapefile[name]).area < 1e-4 * geom.area + 1e-12
    assert empty_con.execute("select count(*) from area").fetchone()[0] == 117  # updated, not duplicated
    assert empty_con.execute("select name from municipality where code = '0180'").fetchone()[0] == "Stockholm"


def test_layer_in_the_wrong_municipality_is_refused(empty_con):
    with pytest.raises(ImportFileError, match="Trelleborg"):
        areas.load(empty_con, STOCKHOLM, municipality_code="1287")
    assert empty_con.execute("select count(*) from area").fetchone()[0] == 0


def sample_layer(con) -> gpd.GeoDataFrame:
    frame = con.execute("select name, geometry_wkt from area where municipality_code = '1287'").df()
    return gpd.GeoDataFrame(
        {"namn": frame["name"]}, geometry=[wkt.loads(g) for g in frame["geometry_wkt"]], crs="EPSG:4326"
    )


def test_replace_reassigns_incidents_places_and_observations(sample_con, tmp_path):
    layer = sample_layer(sample_con)
    # Merge Centrum and Hamnen into one new area "Centrala staden"; everything else unchanged
    central = layer[layer["namn"].isin(["Centrum", "Hamnen"])].union_all()
    rest = layer[~layer["namn"].isin(["Centrum", "Hamnen"])]
    new = gpd.GeoDataFrame(
        {"namn": list(rest["namn"]) + ["Centrala staden"]},
        geometry=list(rest.geometry) + [central],
        crs="EPSG:4326",
    ).to_crs("EPSG:3006")
    path = tmp_path / "omraden.gpkg"
    new.to_file(path, layer="omraden", engine="pyogrio")
    old_centre = sample_con.execute(
        "select count(*) from incident i join area a on a.id = i.area_id where a.name in ('Centrum', 'Hamnen')"
        "  and i.location_precision in ('exact', 'place')"
    ).fetchone()[0]
    report = areas.load(sample_con, path, municipality_code="1287", mode="replace", name_column="namn")
    assert report.rows_loaded == 13 and report.rows_rejected == 0
    active = dict(
        sample_con.execute("select name, active from area where municipality_code = '1287'").fetchall()
    )
    assert active["Centrala staden"] is True and active["Centrum"] is False and active["Hamnen"] is False
    new_centre = sample_con.execute(
        "select count(*) from incident i join area a on a.id = i.area_id where a.name = 'Centrala staden'"
    ).fetchone()[0]
    assert new_centre == pytest.approx(old_centre, rel=0.02)
    station = sample_con.execute(
        "select a.name from place p join area a on a.id = p.area_id where p.name = 'Stationen'"
    ).fetchone()[0]
    assert station == "Centrala staden"
    moved = sample_con.execute(
        "select count(*) from observation o join area a on a.id = o.area_id where a.name = 'Centrala staden'"
    ).fetchone()[0]
    assert moved > 0
    # Survey answers keep pointing at the old (now inactive) areas
    kept = sample_con.execute(
        "select count(*) from survey_response r join area a on a.id = r.area_id where a.name = 'Centrum'"
    ).fetchone()[0]
    assert kept > 0


def test_add_keeps_other_areas_and_a_layer_without_crs_is_recognised(sample_con):
    extra = box(13.145, 55.370, 13.150, 55.374)
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"omrade": "Testområdet"},
                "geometry": json.loads(gpd.GeoSeries([extra]).to_json())["features"][0]["geometry"],
            },
            {"type": "Feature", "properties": {"omrade": ""}, "geometry": None},
        ],
    }
    report = areas.load(
        sample_con, json.dumps(geojson).encode(), "nytt.geojson", mode="add", municipality_code="1287"
    )
    assert report.rows_loaded == 1 and report.rows_rejected == 1
    assert (
        sample_con.execute(
            "select count(*) from area where municipality_code = '1287' and active"
        ).fetchone()[0]
        == 15
    )


def test_broken_files_are_refused(empty_con):
    for content in (b"not a layer", b"PK\x03\x04broken", b'{"type": "FeatureCollection", "features": []}'):
        with pytest.raises(ImportFileError):
            areas.load(empty_con, content, "x", municipality_code="1287")


def test_cli_import_areas(empty_db, capsys):
    assert cli.main(["--db", str(empty_db), "import", "areas", str(STOCKHOLM), "--kommun", "0180"]) == 0
    assert "lästa 117, inlästa 117, avvisade 0" in capsys.readouterr().out
    assert cli.main(["--db", str(empty_db), "import", "areas", str(STOCKHOLM), "--kommun", "1287"]) == 2
