"""The Brå import: encodings, separators, Swedish numbers, idempotence, updates, bad rows, the CLI."""

from __future__ import annotations

import datetime as dt

import pytest

from est_data import cli
from est_data.ingest import IMPORTERS, bra
from est_data.ingest.common import ImportFileError

LONG = (
    "Kommun;År;Månad;Brottskod;Brott;Antal;Per 100 000 invånare;Preliminär\n"
    "1287 Trelleborg;2019;januari;12;Skadegörelsebrott;1 086;2 345,6;ja\n"
    "1287 Trelleborg;2019;2;12;Skadegörelsebrott;90,0;194,4;nej\n"
    "Trelleborg;2019;1;3;Misshandel;25;54,0;Preliminär\n"
    "Trelleborgs kommun;2019;februari;3;Misshandel;..;;\n"
    "1287;2019;13;3;Misshandel;5;;\n"
    "Ankeborg;2019;3;3;Misshandel;5;;\n"
    "1287;2019;3;3;Misshandel;2,5;;\n"
    "1287;2019;januari;12;Skadegörelsebrott;7;;\n"
)


def _rows(con, year: int = 2019):
    return con.execute(
        "select period_start, period_end, crime_code, crime_label, count, preliminary from crime_stat"
        " where extract(year from period_start) = ? order by period_start, crime_code",
        [year],
    ).fetchall()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_long_file_in_every_encoding(empty_con, tmp_path, encoding):
    path = tmp_path / "bra.csv"
    path.write_bytes(LONG.encode(encoding))
    report = bra.load(empty_con, str(path), path.name)
    assert report.rows_read == 8
    assert report.rows_loaded == 3
    reasons = {r.line: r.reason for r in report.rejected}
    assert set(reasons) == {5, 6, 7, 8, 9}
    assert "saknas" in reasons[5]
    assert "13" in reasons[6]
    assert "Ankeborg" in reasons[7]
    assert "2,5" in reasons[8]
    assert "rad 2" in reasons[9]  # the same month and crime twice
    assert _rows(empty_con) == [
        (dt.date(2019, 1, 1), dt.date(2019, 1, 31), "12", "Skadegörelsebrott", 1086, True),
        (dt.date(2019, 1, 1), dt.date(2019, 1, 31), "3", "Misshandel", 25, True),
        (dt.date(2019, 2, 1), dt.date(2019, 2, 28), "12", "Skadegörelsebrott", 90, False),
    ]
    batch = empty_con.execute(
        "select source, rows_read, rows_loaded, rows_rejected from import_batch"
    ).fetchall()
    assert batch == [("bra", 8, 3, 5)]


def test_idempotent_and_updates(empty_con, tmp_path):
    path = tmp_path / "bra.csv"
    path.write_text(LONG, encoding="utf-8")
    bra.load(empty_con, str(path))
    again = bra.load(empty_con, str(path))
    assert again.rows_loaded == 0 and again.rows_unchanged == 3
    assert len(_rows(empty_con)) == 3
    # the final figures replace the preliminary ones
    final = tmp_path / "slutlig.csv"
    final.write_text(
        "Kommun;År;Månad;Brottskod;Brott;Antal;Preliminär\n"
        "1287;2019;1;12;Skadegörelsebrott;1 090;nej\n"
        "1287;2019;1;3;Misshandel;25;nej\n"
        "1287;2019;3;3;Misshandel;31;nej\n",
        encoding="utf-8",
    )
    preview = bra.preview(empty_con, str(final))
    assert (preview.rows_loaded, preview.rows_updated) == (3, 2)
    assert len(_rows(empty_con)) == 3  # preview writes nothing
    report = bra.load(empty_con, str(final))
    assert (report.rows_loaded, report.rows_updated, report.rows_unchanged) == (3, 2, 0)
    rows = _rows(empty_con)
    assert len(rows) == 4
    assert (dt.date(2019, 1, 1), dt.date(2019, 1, 31), "12", "Skadegörelsebrott", 1090, False) in rows


def test_wide_file_quarters_and_periods(empty_con, tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_bytes('Brott;År;Januari;Februari;Mars\n0305 Misshandel;2019;12;9;"1 001"\n'.encode("cp1252"))
    report = bra.load(empty_con, str(wide), municipality_code="1287")
    assert report.rows_loaded == 3, report.rejected
    assert [(r[2], r[3], r[4]) for r in _rows(empty_con)] == [
        ("0305", "Misshandel", 12),
        ("0305", "Misshandel", 9),
        ("0305", "Misshandel", 1001),
    ]
    quarters = tmp_path / "kvartal.csv"
    quarters.write_text(
        "region,period,brottskod,brottstyp,antal anmälda brott\n"
        "Trelleborg,2018K2,12,Skadegörelsebrott,250\n"
        "Trelleborg,2018M07,12,Skadegörelsebrott,80\n"
        "Trelleborg,2018,12,Skadegörelsebrott,1000\n",
        encoding="utf-8",
    )
    report = bra.load(empty_con, str(quarters))
    assert report.rows_loaded == 3, report.rejected
    assert [(r[0], r[1]) for r in _rows(empty_con, 2018)] == [
        (dt.date(2018, 1, 1), dt.date(2018, 12, 31)),
        (dt.date(2018, 4, 1), dt.date(2018, 6, 30)),
        (dt.date(2018, 7, 1), dt.date(2018, 7, 31)),
    ]


def test_unusable_files_are_refused(empty_con, tmp_path):
    path = tmp_path / "fel.csv"
    path.write_text("namn;adress\nAnna;Storgatan 1\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="antal"):
        bra.load(empty_con, str(path))
    with pytest.raises(ImportFileError):
        bra.load(empty_con, b"")
    path.write_text(LONG, encoding="utf-8")
    with pytest.raises(ImportFileError, match="strict"):
        bra.load(empty_con, str(path), strict=True)
    assert _rows(empty_con) == []  # all or nothing
    assert empty_con.execute("select count(*) from import_batch").fetchone()[0] == 0


def test_registered_and_cli(empty_db, tmp_path, capsys):
    assert IMPORTERS["bra"] == "est_data.ingest.bra"
    path = tmp_path / "bra.csv"
    path.write_bytes(LONG.encode("cp1252"))
    assert cli.main(["--db", str(empty_db), "import", "bra", str(path)]) == 0
    out = capsys.readouterr()
    assert "lästa 8, inlästa 3, avvisade 5" in out.out
    assert "rad 5:" in out.err
    assert cli.main(["--db", str(empty_db), "import", "bra", str(path), "--strict"]) == 2
    assert "strict" in capsys.readouterr().err


def test_upload_bytes_preview_writes_nothing(empty_con):
    """The Data page hands the importer the uploaded bytes; preview must not write."""
    report = bra.preview(empty_con, LONG.encode("cp1252"), "uppladdad.csv")
    assert (report.file_name, report.rows_read, report.rows_loaded, report.rows_rejected) == (
        "uppladdad.csv",
        8,
        3,
        5,
    )
    assert _rows(empty_con) == []
    assert empty_con.execute("select count(*) from import_batch").fetchone()[0] == 0
