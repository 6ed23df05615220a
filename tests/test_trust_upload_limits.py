"""Limits on what an upload may cost (issue 16, item 2), checked before any parser sees the file:
bytes, columns, rows after unpacking (.xlsx and zip), JSON nesting depth and wall time. Over a limit the
file is refused with one line and the database is unchanged. The bad files are generated here rather
than committed: the million-column CSV, the .xlsx bomb (a small file that unpacks to 3 million rows),
the deep JSON and a zipped Shapefile that unpacks past the limit.

On today's main the million-column CSV and the .xlsx bomb were parsed in full (GBs, minutes) and the
deep JSON ended in a RecursionError; here each is refused in well under a second (not asserted: speed
is measured by `python -m est_data bench`, see README)."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from est_data import backup, cli, db
from est_data.ingest import felanmalan, limits, polisen
from est_data.ingest.common import ImportFileError, preview_head, read_table
from tests.conftest import FIXTURES

FEL_HEADER = b"\xc4rendenummer;Datum;Kategori;Adress;Latitud;Longitud;Kostnad (kr);Beskrivning\n"


def million_column_csv() -> bytes:
    """A 10 MB CSV whose header and one row have a million columns (as in the attack)."""
    return b";".join(b"k%d" % i for i in range(1_000_000)) + b"\n" + b"1;" * 999_999 + b"1\n"


def xlsx_bomb(rows: int = 3_000_000, cells_per_row: int = 1) -> bytes:
    """A real .xlsx (made by openpyxl) whose sheet is replaced by `rows` rows, streamed into the zip:
    about 0.4 MB on disk, 130 MB of XML unpacked."""
    book = openpyxl.Workbook()
    book.active.append(["Ärendenummer", "Datum", "Kategori"])
    src = io.BytesIO()
    book.save(src)
    out = io.BytesIO()
    row = b"<row>" + b'<c t="inlineStr"><is><t>x</t></is></c>' * cells_per_row + b"</row>"
    with (
        zipfile.ZipFile(io.BytesIO(src.getvalue())) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for item in old.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                new.writestr(item, old.read(item))
                continue
            with new.open(item.filename, "w", force_zip64=True) as fh:
                fh.write(
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                )
                block = row * 10_000
                for _ in range(rows // 10_000):
                    fh.write(block)
                fh.write(row * (rows % 10_000))
                fh.write(b"</sheetData></worksheet>")
    return out.getvalue()


def deep_json(levels: int = 100_000) -> bytes:
    return b"[" * levels + b"]" * levels


def _checksums(con) -> dict[str, str]:
    return {t: backup.table_checksum(con, t) for t in backup._tables(con)}


def _refused_by_cli(path, source: str, file, capsys) -> str:
    con = db.connect(path)
    before = _checksums(con)
    db.close(path)
    code = cli.main(["--db", str(path), "import", source, str(file), "--wait", "1"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err and "RecursionError" not in err
    assert _checksums(db.connect(path)) == before  # the database is unchanged
    db.close(path)
    return err


def test_million_column_csv_is_refused_before_parsing(sample_db, tmp_path, capsys):
    data = million_column_csv()
    file = tmp_path / "felanmalan.csv"
    file.write_bytes(data)
    err = _refused_by_cli(sample_db, "felanmalan", file, capsys)
    assert "1000000 kolumner (högst 1000)" in err
    with pytest.raises(ImportFileError, match="kolumner"):  # the Data page's column step (ui/imports.py:56)
        felanmalan.file_columns(data, "felanmalan.csv")


def test_xlsx_bomb_is_refused_by_its_unpacked_rows(sample_db, tmp_path, capsys):
    data = xlsx_bomb()
    assert len(data) < 1_000_000  # small on disk
    file = tmp_path / "bomb.xlsx"
    file.write_bytes(data)
    err = _refused_by_cli(sample_db, "felanmalan", file, capsys)
    assert f"fler än {limits.LIMITS.max_rows} rader uppackat" in err


def test_xlsx_with_too_wide_rows_is_refused(empty_con):
    data = xlsx_bomb(rows=3, cells_per_row=1_500)
    with pytest.raises(ImportFileError, match="rader med 1500 celler"):
        felanmalan.load(empty_con, data, "bred.xlsx")


def test_xlsx_under_the_limits_still_loads(sample_con):
    """The limits do not refuse an ordinary workbook (its rows are counted the same way)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ärendenummer", "Datum", "Kategori", "Adress", "Latitud", "Longitud", "Kostnad (kr)"])
    for i in range(30):
        sheet.append([f"XL-{i}", "2026-03-02", "Klotter", "Stationen", "55,382057", "13,154338", "100"])
    out = io.BytesIO()
    book.save(out)
    report = felanmalan.load(sample_con, out.getvalue(), "vanlig.xlsx")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (30, 30, 0)


def test_csv_with_more_rows_than_the_limit_is_refused(sample_db, tmp_path, capsys):
    file = tmp_path / "manga.csv"
    file.write_bytes(FEL_HEADER + b"F;2026-03-02;Klotter;S;55,38;13,15;1;x\n" * (limits.LIMITS.max_rows + 1))
    err = _refused_by_cli(sample_db, "felanmalan", file, capsys)
    assert f"{limits.LIMITS.max_rows + 1} rader (högst {limits.LIMITS.max_rows})" in err


def test_deep_json_is_refused_not_a_recursion_error(sample_db, tmp_path, capsys):
    file = tmp_path / "djup.json"
    file.write_bytes(deep_json())
    err = _refused_by_cli(sample_db, "polisen", file, capsys)
    assert "för djupt nästlad (100000 nivåer, högst 64)" in err


def test_deep_geojson_is_refused(empty_con):
    from est_data.ingest import areas

    data = b'{"type": "FeatureCollection", "features": ' + deep_json(5_000) + b"}"
    with pytest.raises(ImportFileError, match="djupt"):
        areas.columns(data, "djup.geojson")


def test_brackets_inside_strings_do_not_count_as_depth():
    data = b'[{"summary": "' + b"[{" * 500 + b'\\"[[", "n": [1, [2]]}]'
    assert limits.json_depth(data) == 4  # [ { and the list [1, [2]]
    assert limits.json_depth(b'["a\\\\", [["b"]]]') == 3  # an escaped backslash ends the string


def test_real_police_file_is_within_the_limits():
    data = (FIXTURES / "polisen").glob("*.json").__next__().read_bytes()
    assert 2 <= limits.json_depth(data) <= 4
    limits.check(data)


def test_zipped_shapefile_that_unpacks_past_the_limit_is_refused(empty_con, tmp_path):
    from est_data.ingest import areas

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("omr.shp", b"\0" * 100)
        with archive.open("omr.dbf", "w", force_zip64=True) as fh:
            zeros = b"\0" * (1 << 20)
            for _ in range(limits.LIMITS.max_unpacked_bytes // len(zeros) + 1):
                fh.write(zeros)
    data = out.getvalue()
    assert len(data) < 2_000_000
    with pytest.raises(ImportFileError, match="packas upp till"):
        areas.load(empty_con, data, "omr.zip")


def test_shapefile_with_more_records_than_the_limit_is_refused(empty_con):
    from est_data.ingest import areas

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("omr.shp", b"\0" * 100)
        archive.writestr("omr.dbf", b"\x03\x7e\x0b\x1e" + (5_000_000).to_bytes(4, "little") + b"\0" * 24)
    with pytest.raises(ImportFileError, match="5000000 objekt"):
        areas.load(empty_con, out.getvalue(), "omr.zip")


def test_an_import_over_the_time_limit_writes_nothing(sample_con, monkeypatch):
    before = _checksums(sample_con)
    monkeypatch.setattr(limits.LIMITS, "max_seconds", -1.0)  # every check finds the time is up
    data = (FIXTURES / "felanmalan" / "felanmalan_wgs84.csv").read_bytes()
    with pytest.raises(ImportFileError, match="tog mer än"):
        felanmalan.load(sample_con, data, "fel.csv")
    police = next((FIXTURES / "polisen").glob("*.json")).read_bytes()
    with pytest.raises(ImportFileError, match="tog mer än"):
        polisen.load(sample_con, police, "h.json")
    assert _checksums(sample_con) == before


def test_the_time_limit_is_checked_inside_the_transaction(sample_con, monkeypatch):
    """Parsing finishes in time, the limit passes while the rows are written: the transaction is undone."""
    before = _checksums(sample_con)
    real_stage = felanmalan._stage

    def slow_stage(con, rows):
        real_stage(con, rows)
        monkeypatch.setattr(limits.LIMITS, "max_seconds", -1.0)

    monkeypatch.setattr(felanmalan, "_stage", slow_stage)
    data = (FIXTURES / "felanmalan" / "felanmalan_wgs84.csv").read_bytes()
    with pytest.raises(ImportFileError, match="tog mer än"):
        felanmalan.load(sample_con, data, "fel.csv")
    assert _checksums(sample_con) == before


def test_preview_head_reads_only_the_first_rows():
    data = FEL_HEADER + b"".join(b"F-%d;2026-03-02;Klotter;S;55,38;13,15;1;x\n" % i for i in range(2_500))
    with preview_head(1_000) as head:
        frame = read_table(data)
    assert len(frame) == 1_000 and head.cut and frame["_line"].iloc[-1] == 1_001
    with preview_head(5_000) as head:
        assert len(read_table(data)) == 2_500 and not head.cut
    assert len(read_table(data)) == 2_500  # outside the block: the whole file


def test_data_page_refuses_the_million_column_csv_with_one_line(sample_db, sample_con):
    from tests.conftest import app_as

    before = _checksums(sample_con)
    at = app_as("admin", "data")
    at.file_uploader(key="data_felanmalan_file").set_value(
        ("miljon.csv", million_column_csv(), "text/csv")
    ).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("miljon.csv: filen har 1000000 kolumner")
    assert _checksums(sample_con) == before


def test_data_page_previews_the_head_and_loads_the_whole_file_on_lasin(sample_db, sample_con):
    from tests.conftest import app_as

    rows = b"".join(
        b"HEAD-%d;2026-03-%02d;Klotter;Stationen;55,382057;13,154338;100;x\n" % (i, 1 + i % 28)
        for i in range(1_200)
    )
    at = app_as("admin", "data")
    at.file_uploader(key="data_felanmalan_file").set_value(("stor.csv", FEL_HEADER + rows, "text/csv")).run()
    at.button(key="data_felanmalan_preview").click().run()
    assert not at.exception
    assert any("första 1000 rader" in c.value for c in at.caption)
    assert [m.value for m in at.metric][:1] == ["1000"]  # rows read in the preview
    assert (
        sample_con.execute("select count(*) from incident where external_id like 'HEAD-%'").fetchone()[0] == 0
    )
    at.button(key="data_felanmalan_load").click().run()
    assert not at.exception
    assert any("inlästa 1200" in s.value for s in at.success)
    assert (
        sample_con.execute("select count(*) from incident where external_id like 'HEAD-%'").fetchone()[0]
        == 1200
    )


def test_byte_limit_refuses_a_file_before_reading_it(empty_con, tmp_path, monkeypatch):
    monkeypatch.setattr(limits.LIMITS, "max_bytes", 1_000)
    data = FEL_HEADER + b"F;2026-03-02;Klotter;S;55,38;13,15;1;x\n" * 30
    with pytest.raises(ImportFileError, match="för stor"):
        limits.check(data)
    file = tmp_path / "stor.csv"
    file.write_bytes(data)
    with pytest.raises(ImportFileError, match="filen är för stor"):
        felanmalan.load(empty_con, str(file), file.name)


def test_cli_does_not_queue_a_file_over_the_byte_limit(sample_db, tmp_path, monkeypatch, capsys):
    """While the app holds the database the CLI hands files to its inbox; a file over the limit is refused first."""
    from est_data import inbox
    from est_data.cli import imports as import_cli

    monkeypatch.setattr(limits.LIMITS, "max_bytes", 1_000)
    file = tmp_path / "stor.csv"
    file.write_bytes(FEL_HEADER + b"F;2026-03-02;Klotter;S;55,38;13,15;1;x\n" * 30)
    args = cli.build_parser().parse_args(["--db", str(sample_db), "import", "felanmalan", str(file)])
    with pytest.raises(cli.CliError, match="för stor"):
        import_cli.queue_import(args)
    assert not inbox.pending(sample_db)
