"""Fault reports (felanmälan): both coordinate systems, points outside the municipality, mapping, idempotence."""

from __future__ import annotations

import hashlib
import math
import random

import numpy as np
import pandas as pd
import pytest
from conftest import FIXTURES
from pyproj import Transformer

from est_data import cli
from est_data.ingest import felanmalan
from est_data.ingest.common import ImportFileError, read_table

WGS84_CSV = FIXTURES / "felanmalan" / "felanmalan_wgs84.csv"
SWEREF_XLSX = FIXTURES / "felanmalan" / "felanmalan_sweref99tm.xlsx"


def rows(con, prefix: str) -> pd.DataFrame:
    return con.execute(
        "select i.external_id, i.category, i.cost_sek, i.lat, i.lon, i.location_precision, a.name as area, p.name as place"
        " from incident i left join area a on a.id = i.area_id left join place p on p.id = i.place_id"
        " where i.source = 'felanmalan' and i.external_id like ? order by 1",
        [prefix + "%"],
    ).df()


def test_classify_pair_recognises_both_systems_in_either_order():
    assert felanmalan.classify_pair(55.38, 13.15)[0] == "wgs84"
    assert felanmalan.classify_pair(13.15, 55.38)[1:] == (55.38, 13.15)
    e, n = Transformer.from_crs(4326, 3006, always_xy=True).transform(13.154338, 55.382057)
    kind, lat, lon = felanmalan.classify_pair(n, e)
    assert (
        kind == "sweref"
        and lat == pytest.approx(55.382057, abs=1e-6)
        and lon == pytest.approx(13.154338, abs=1e-6)
    )
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
    assert first["lat"] == pytest.approx(55.382057, abs=2e-6) and first["lon"] == pytest.approx(
        13.154338, abs=2e-6
    )
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
    assert (
        sample_con.execute("select cost_sek from incident where external_id = 'FA-1001'").fetchone()[0]
        == 5000.0
    )
    assert (
        sample_con.execute("select count(*) from import_batch where source = 'felanmalan'").fetchone()[0] == 3
    )


def test_rows_without_case_number_get_stable_ids(sample_con):
    e, n = Transformer.from_crs(4326, 3006, always_xy=True).transform(13.154338, 55.382057)
    csv = (
        "datum,typ,x,y,kostnad\n"
        f"2026-04-01,klotter,{e:.0f},{n:.0f},1000\n"
        f"2026-04-01,klotter,{e:.0f},{n:.0f},1000\n"
        f"2026-04-02,brand,{e + 300:.0f},{n + 100:.0f},\n"
    ).encode()
    first = felanmalan.load(sample_con, csv, "utan_id.csv")
    assert first.rows_loaded == 3  # two identical reports are two reports
    assert felanmalan.load(sample_con, csv, "utan_id.csv").rows_loaded == 0
    cats = sample_con.execute(
        "select category from incident where external_id like 'h-%' order by 1"
    ).fetchall()
    assert cats == [("Brand",), ("Klotter",), ("Klotter",)]


def test_other_layout_through_a_mapping_and_a_saved_profile(sample_con):
    to_3006 = Transformer.from_crs(4326, 3006, always_xy=True)
    e, n = to_3006.transform(13.1295, 55.3885)
    csv = f"Rapport;När;Vad;Öst;Nord;Pris\nR1;2026-05-02;Skadegörelse;{e:.1f};{n:.1f};1200\n".encode()
    with pytest.raises(ImportFileError, match="datum"):
        felanmalan.preview(sample_con, csv, "annan.csv")
    mapping = {
        "id": "Rapport",
        "date": "När",
        "category": "Vad",
        "east": "Öst",
        "north": "Nord",
        "cost": "Pris",
    }
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
    assert (
        sample_con.execute("select count(*) from incident where external_id like 'FA-1%'").fetchone()[0] == 0
    )


def test_cli_import_felanmalan(sample_db, capsys):
    assert cli.main(["--db", str(sample_db), "import", "felanmalan", str(SWEREF_XLSX)]) == 0
    captured = capsys.readouterr()
    assert "lästa 8, inlästa 6, avvisade 2" in captured.out
    assert "rad 5: platsen ligger utanför kommunen" in captured.err


# ------------------------------------------------- the column-wise parse agrees with the row-by-row one


def _one_by_one(con, data: bytes) -> tuple[list[dict], list[tuple[int, str, str]]]:
    """The importer's parse as it was, row by row with _parse_row: the reference for the column-wise parse."""
    frame = read_table(data)
    cols = felanmalan.find_columns(list(frame.columns))
    lk = felanmalan._Lookups(con, "1287")
    rows, rejected, seen_ids = [], [], {}
    for _, row in frame.iterrows():
        line = int(row["_line"])
        try:
            parsed = felanmalan._parse_row(row, cols, lk)
            if parsed["external_id"]:
                if parsed["external_id"] in seen_ids:
                    raise ValueError(f"samma ärendenummer som rad {seen_ids[parsed['external_id']]}")
                seen_ids[parsed["external_id"]] = line
            rows.append(parsed)
        except ValueError as err:
            rejected.append((line, str(err), felanmalan._raw(row)))
    counts: dict[str, int] = {}
    for r in rows:
        if not r["external_id"]:
            key = "|".join(
                str(r[k]) for k in ("occurred_at", "category", "lat", "lon", "location_name", "cost_sek")
            )
            digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]  # noqa: S324 - an id, as the importer's
            counts[digest] = counts.get(digest, 0) + 1
            r["external_id"] = f"h-{digest}-{counts[digest]}"
    return rows, rejected


def _plain(value):
    """None for every kind of missing value, Python scalars for numpy/pandas ones (for exact comparison)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


def _mixed_file(seed: int, random_rows: int) -> bytes:
    """Rows of every kind the importer accepts or rejects, then random rows mixed from the same cells."""
    e, n = Transformer.from_crs(4326, 3006, always_xy=True).transform(13.154338, 55.382057)
    sweref = (f"{n:.1f}".replace(".", ","), f"{e:.1f}".replace(".", ","))
    # id; date; category; address; area; lat; lon; N; E; cost; description
    rows = [
        ["A-1", "2026-03-02", "klotter", "Stationen", "", "55,382057", "13,154338", "", "", "4 500,00", ""],
        [
            "A-2",
            "2026-03-03 14:10",
            "Krossad ruta",
            "",
            "",
            "13,12955",
            "55,38853",
            "",
            "",
            "12 300",
            "bytta",
        ],
        ["A-3", "2026-03-04", "brand", "", "", "", "", *sweref, "100,5", ""],
        ["A-4", "02.03.2026", "brand", "", "", "", "", *reversed(sweref), "", ""],
        ["A-5", "2026-03-02 14.10", "Klotter", "Stortorget", "", "", "", "", "", "1 000 kr", ""],
        ["A-6", "20260302", "Klotter", "Okänd gata", "Västervång", "", "", "", "", "300", ""],
        ["A-7", "2026-03-07", "Skadegörelse", "Okänd gata 5", "", "", "", "", "", "", "inget att placera"],
        ["A-8", "1990-01-01", "Klotter", "", "Centrum", "", "", "", "", "-0", ""],
        ["", "2026-04-01", "klotter", "", "", "", "", *sweref, "1000", ""],
        ["", "2026-04-01", "klotter", "", "", "", "", *sweref, "1000", ""],
        ["", "2026-04-01", "klotter", "Stationen", "", "", "", "", "", "", ""],
        ["A-12", "2026-03-02T10:11:12", "Klotter", "", "", "55,3821", "13,1544", *sweref, "", "båda paren"],
        ["A-13", "31/12/2025 23:59", "Klotter", "", "", "55.384", "13.1535", "", "", "1.234,50", "x" * 1200],
        ["A-14", "2026-03-02", "Klotter", "", "", "55,382057", "", "", "", "", "lon saknas"],
        ["A-15", "", "Klotter", "Stationen", "", "", "", "", "", "", "datum saknas"],
        ["A-16", "igår", "Klotter", "", "", "", "", "", "", "", ""],
        ["A-17", "2026-02-30", "Klotter", "", "", "", "", "", "", "", ""],
        ["A-18", "2026-03-02 23:59:60", "Klotter", "", "", "", "", "", "", "", "skottsekund"],
        ["A-19", "2026-03-02", "", "Stationen", "", "", "", "", "", "", "kategori saknas"],
        ["A-20", "2026-03-02", "Klotter", "", "", "", "", "", "", "mycket", ""],
        ["A-21", "2026-03-02", "Klotter", "", "", "", "", "", "", "-5", ""],
        ["A-22", "2026-03-02", "Klotter", "", "", "", "", "", "", "9" * 400, "oändlig"],
        ["A-23", "2026-03-02", "Klotter", "", "", "55,38", "abc", "", "", "", ""],
        ["A-24", "2026-03-02", "Klotter", "", "", "1,0", "2,0", "", "", "", ""],
        ["A-25", "2026-03-02", "Klotter", "", "", "55,609", "13,0003", "", "", "", "Malmö"],
        ["A-26", "2026-03-02", "Klotter", "", "", "48,8566", "2,3522", "", "", "", "Paris"],
        ["A-27", "2026-03-02", "Klotter", "", "", "", "", "6200000", "1400000", "", "RT90"],
        ["A-1", "2026-03-05", "Klotter", "Stationen", "", "", "", "", "", "", "samma nummer"],
        [
            "A-15",
            "2026-03-05",
            "Klotter",
            "Stationen",
            "",
            "",
            "",
            "",
            "",
            "",
            "numret var på en avvisad rad",
        ],
        ["A-28", "igår", "", "", "", "1,0", "2,0", "", "", "mycket", "flera fel: det första gäller"],
    ]
    pick = random.Random(seed)
    for k in range(random_rows):
        mixed = [pick.choice(rows)[column] for column in range(11)]
        mixed[0] = pick.choice(["", f"R-{k}", f"R-{k // 3}", "A-1"])
        rows.append(mixed)
    header = "Ärendenummer;Datum;Kategori;Adress;Område;Lat;Lon;N;E;Kostnad;Beskrivning"
    return "\n".join([header, *(";".join(r) for r in rows)]).encode("utf-8")


@pytest.mark.parametrize(("chunk", "random_rows"), [(felanmalan.MIN_CHUNK_ROWS, 0), (7, 400)])
def test_column_wise_parse_agrees_with_parsing_row_by_row(sample_con, monkeypatch, chunk, random_rows):
    monkeypatch.setattr(felanmalan, "MIN_CHUNK_ROWS", chunk)  # small steps: rows and duplicates across steps
    data = _mixed_file(seed=chunk, random_rows=random_rows)
    expected_rows, expected_rejected = _one_by_one(sample_con, data)
    steps = []
    result, report, _ = felanmalan.parse(sample_con, data, "blandat.csv", {}, lambda f, text: steps.append(f))
    assert [(r.line, r.reason, r.raw) for r in report.rejected] == expected_rejected
    assert len(expected_rejected) >= 16 and len(expected_rows) >= 14  # every kind of row is there
    columns = [c for c in result.columns if c != "municipality_code"]
    expected = pd.DataFrame(expected_rows, columns=[*columns, "crs"])  # as the importer made its frame
    assert result[columns].dtypes.to_dict() == expected[columns].dtypes.to_dict()

    def records(frame: pd.DataFrame) -> list[dict]:
        return [
            {c: _plain(v) for c, v in zip(columns, values, strict=True)}
            for values in frame[columns].itertuples(index=False)
        ]

    got, want = records(result), records(expected)
    assert got == want
    for g, w in zip(got, want, strict=True):  # equal and of the same type (-0.0 == 0.0, 1.0 == 1)
        assert [(type(v), str(v)) for v in g.values()] == [(type(v), str(v)) for v in w.values()]
    sweref = sum(r["crs"] == "sweref" for r in expected_rows)
    assert f"rader med koordinater i SWEREF 99 TM, omräknade till WGS 84: {sweref}" in report.messages
    assert steps and steps == sorted(steps) and steps[-1] == 0.5

    # and what load stores is what the rows said
    loaded = felanmalan.load(sample_con, data, "blandat.csv")
    assert (loaded.rows_loaded, loaded.rows_rejected) == (len(expected_rows), len(expected_rejected))
    stored = sample_con.execute(
        f"select {', '.join(columns)} from incident where source = 'felanmalan' and import_batch_id = ?"  # noqa: S608
        " order by external_id",
        [loaded.batch_id],
    ).fetchall()
    assert [dict(zip(columns, (_plain(v) for v in row), strict=True)) for row in stored] == sorted(
        want, key=lambda r: r["external_id"]
    )


def test_nearest_places_agrees_with_nearest_place_also_between_equally_near_places(sample_con):
    lk = felanmalan._Lookups(sample_con, "1287")
    # two places at the same spot (the first in order wins), and points all around the places
    lk.place_xy = np.vstack([lk.place_xy, lk.place_xy[:1]])
    lk.place_ids = np.append(lk.place_ids, 999)
    rng = np.random.default_rng(3)
    to_4326 = Transformer.from_crs(3006, 4326, always_xy=True)
    x = np.repeat(lk.place_xy[:, 0], 40) + rng.normal(0, 90, 40 * len(lk.place_xy))
    y = np.repeat(lk.place_xy[:, 1], 40) + rng.normal(0, 90, 40 * len(lk.place_xy))
    lon, lat = to_4326.transform(x, y)
    expected = [lk.nearest_place(a, b) for a, b in zip(lat.tolist(), lon.tolist(), strict=True)]
    assert lk.nearest_places(lat, lon) == expected
    assert 0 < sum(p is None for p in expected) < len(expected)
