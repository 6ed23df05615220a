"""Fault reports (felanmälan): both coordinate systems, points outside the municipality, mapping, idempotence."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import FIXTURES
from pyproj import Transformer

from est_data import cli
from est_data.ingest import felanmalan
from est_data.ingest.common import ImportFileError

WGS84_CSV = FIXTURES / "felanmalan" / "felanmalan_wgs84.csv"
SWEREF_XLSX = FIXTURES / "felanmalan" / "felanmalan_sweref99tm.xlsx"


def rows(con, prefix: str) -> pd.DataFrame:
    return con.execute(
        "select i.external_id, i.category, i.cost_sek, i.lat, i.lon, i.location_precision, a.name as area, p.name as place"
        " from incident i left join area a on a.id = i.area_id left join place p on p.id = i.place_id"
        " where i.source = 'felanmalan' and i.external_id like ? order by 1", [prefix + "%"]).df()


def test_classify_pair_recognises_both_systems_in_either_order():
    assert felanmalan.classify_pair(55.38, 13.15)[0] == "wgs84"
    assert felanmalan.classify_pair(13.15, 55.38)[1:] == (55.38, 13.15)
    e, n = Transformer.from_crs(4326, 3006, always_xy=True).transform(13.154338, 55.382057)
    kind, lat, lon = felanmalan.classify_pair(n, e)
    assert kind == "sweref" and lat == pytest.approx(55.382057, abs=1e-6) and lon == pytest.approx(13.154338, abs=1e-6)
    assert felanmalan.classify_pair(e, n)[0] == "sweref"
    assert felanmalan.classify_pair(1.0, 2.0) is None
    assert felanmalan.classify_pair(6_200_000.0, 1_400_000.0) is None  # RT90-like easting: not recognised


@pytest.mark.parametrize(("path", "prefix"), [(WGS84_CSV, "FA-"), (SWEREF_XLSX, "GK-")])
def test_both_crs_load_the_same_places(sample_con, path, prefix):
    report = felanmalan.load(sample_con, path)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (8, 6, 2)
    reasons = {r.line: r.reason for r in report.rejected}
    assert "utanför kommunen" in reasons[5] and "Trelleborg" in reasons[5]
    assert "datum" in reasons[7]
    got = rows(sample_con, prefix).set_index("external_id")
    first = got.loc[f"{prefix}1001"]
    assert first["lat"] == pytest.approx(55.382057, abs=2e-6) and first["lon"] == pytest.approx(13.154338, abs=2e-6)
    assert first["area"] == "Centrum" and first["place"] == "Stationen" and first["cost_sek"] == 4500.0
    assert got.loc[f"{prefix}1003", "cost_sek"] == 2100.5
    assert got.loc[f"{prefix}1007", "location_precision"] == "place"  # address = a named place
    assert got.loc[f"{prefix}1008", "location_precision"] == "municipality"  # nothing to place it by
    assert pd.isna(got.loc[f"{prefix}1008", "lat"])
    if prefix == "GK-":
        assert any("SWEREF 99 TM" in m for m in report.messages)


def test_same_file_twice_changes_nothing_and_a_changed_row_is_updated(sample_con, tmp_path):
    felanmalan.load(sample_con, WGS84_CSV)
    before = sample_con.execute("select * from incident order by id").fetchall()
    again = felanmalan.load(sample_con, WGS84_CSV)
    assert (again.rows_loaded, again.rows_unchanged) == (0, 6)
    assert sample_con.execute("select * from incident order by id").fetchall() == before
    text = WGS84_CSV.read_bytes().decode("cp1252").replace("4 500,00", "5 000,00")
    changed = tmp_path / "changed.csv"
    changed.write_bytes(text.encode("cp1252"))
    report = felanmalan.load(sample_con, changed)
    assert (report.rows_loaded, report.rows_updated) == (1, 1)
    assert sample_con.execute("select cost_sek from incident where external_id = 'FA-1001'").fetchone()[0] == 5000.0
    assert sample_con.execute("select count(*) from import_batch where source = 'felanmalan'").fetchone()[0] == 3


def test_rows_without_case_number_get_stable_ids(sample_con):
    e, n = Transformer.from_crs(4326, 3006, always_xy=True).transform(13.154338, 55.382057)
    csv = ("datum,typ,x,y,kostnad\n"
           f"2026-04-01,klotter,{e:.0f},{n:.0f},1000\n"
           f"2026-04-01,klotter,{e:.0f},{n:.0f},1000\n"
           f"2026-04-02,brand,{e + 300:.0f},{n + 100:.0f},\n").encode()
    first = felanmalan.load(sample_con, csv, "utan_id.csv")
    assert first.rows_loaded == 3  # two identical reports are two reports
    assert felanmalan.load(sample_con, csv, "utan_id.csv").rows_loaded == 0
    cats = sample_con.execute("select category from incident where external_id like 'h-%' order by 1").fetchall()
    assert cats == [("Brand",), ("Klotter",), ("Klotter",)]


def test_other_layout_through_a_mapping_and_a_saved_profile(sample_con):
    to_3006 = Transformer.from_crs(4326, 3006, always_xy=True)
    e, n = to_3006.transform(13.1295, 55.3885)
    csv = f"Rapport;När;Vad;Öst;Nord;Pris\nR1;2026-05-02;Skadegörelse;{e:.1f};{n:.1f};1200\n".encode()
    with pytest.raises(ImportFileError, match="datum"):
        felanmalan.preview(sample_con, csv, "annan.csv")
    mapping = {"id": "Rapport", "date": "När", "category": "Vad", "east": "Öst", "north": "Nord", "cost": "Pris"}
    report = felanmalan.preview(sample_con, csv, "annan.csv", mapping=mapping)
    assert report.rows_loaded == 1 and not report.rejected
    felanmalan.save_profile(sample_con, "gatukontoret", mapping, by="test")
    report = felanmalan.load(sample_con, csv, "annan.csv", profile="gatukontoret")
    assert report.rows_loaded == 1
    assert rows(sample_con, "R1")["area"].tolist() == ["Västervång"]


def test_unreadable_files_and_strict_mode(sample_con):
    with pytest.raises(ImportFileError):
        felanmalan.load(sample_con, b"", "tom.csv")
    with pytest.raises(ImportFileError):
        felanmalan.load(sample_con, b"a;b\n1;2\n", "fel.csv")
    with pytest.raises(ImportFileError):
        felanmalan.load(sample_con, WGS84_CSV, strict=True)
    assert sample_con.execute("select count(*) from incident where external_id like 'FA-1%'").fetchone()[0] == 0


def test_cli_import_felanmalan(sample_db, capsys):
    assert cli.main(["--db", str(sample_db), "import", "felanmalan", str(SWEREF_XLSX)]) == 0
    captured = capsys.readouterr()
    assert "lästa 8, inlästa 6, avvisade 2" in captured.out
    assert "rad 5: platsen ligger utanför kommunen" in captured.err
