"""The bad-file corpus (tests/fixtures/bad/): every importer refuses unreadable files with a clear Swedish
message and leaves the database unchanged, rejects bad rows with their line numbers, and never lets a
traceback reach the user. Files and what they provoke: tests/fixtures/bad/README.md."""

from __future__ import annotations

import importlib
import io

import openpyxl
import pytest

from est_data import backup, cli, db, export, privacy
from est_data.ingest import IMPORTERS
from est_data.ingest.common import MAX_FILE_BYTES, ImportFileError
from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"
GENERIC = (
    "empty.csv",
    "blank.csv",
    "binary.csv",
    "fake.xlsx",
    "header_only.csv",
    "wrong_columns.csv",
    "utf16.csv",
)

# (source, file, words the one-line Swedish message must contain)
_REFUSED = [
    *[(source, name, "") for source in ("survey", "bra", "felanmalan", "register") for name in GENERIC],
    ("survey", "wrong_columns.csv", "saknas"),
    ("register", "wrong_columns.csv", "saknas"),
    ("bra", "wrong_columns.csv", "saknas"),
    ("felanmalan", "wrong_columns.csv", "saknas"),
    ("survey", "empty.csv", "tom"),
    ("survey", "binary.csv", "binär"),
    ("polisen", "empty.csv", "tom"),
    ("polisen", "binary.csv", "JSON"),
    ("polisen", "polisen_broken.json", "inte giltig JSON"),
    ("polisen", "polisen_not_a_list.json", "inte en lista"),
    ("polisen", "polisen_empty_list.json", "inga händelser"),
    ("areas", "empty.csv", "tom"),
    ("areas", "binary.csv", "okänt filformat"),
    ("areas", "areas_broken.geojson", "kunde inte läsas"),
    ("areas", "areas_empty_geometries.geojson", "inga användbara områden"),
    ("areas", "areas_no_features.geojson", "inga objekt"),
    ("areas", "areas_not_zip.zip", "trasig"),
    ("areas", "areas_outside.geojson", "ligger i kommunen"),
]
REFUSED = list(
    {(s, n): (s, n, w) for s, n, w in sorted(_REFUSED, key=lambda c: c[2] == "", reverse=True)}.values()
)


def _checksums(con) -> dict[str, str]:
    return {t: backup.table_checksum(con, t) for t in backup._tables(con)}


@pytest.fixture(scope="module")
def bad_db(sample_template, tmp_path_factory):
    """One copy of the sample for all refused files: none of them may change it."""
    import shutil

    path = tmp_path_factory.mktemp("bad") / "est.duckdb"
    shutil.copy(sample_template, path)
    con = db.connect(path)
    yield path, _checksums(con)
    db.close(path)


@pytest.mark.parametrize(("source", "name", "words"), REFUSED, ids=[f"{s}-{n}" for s, n, _ in REFUSED])
def test_unreadable_files_are_refused_whole(bad_db, source, name, words, capsys):
    path, before = bad_db
    code = cli.main(["--db", str(path), "import", source, str(BAD / name), "--wait", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith("Fel: ") and " / " in err  # Swedish first, then English
    assert words.lower() in err.split(" / ")[0].lower()
    con = db.connect(path)
    assert _checksums(con) == before
    db.close(path)


@pytest.mark.parametrize("source", sorted(IMPORTERS))
def test_a_200_mb_file_is_refused_without_reading_it(tmp_path, source, empty_con):
    huge = tmp_path / (
        "huge.json" if source == "polisen" else "huge.geojson" if source == "areas" else "huge.csv"
    )
    with huge.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    assert huge.stat().st_size > MAX_FILE_BYTES
    module = importlib.import_module(IMPORTERS[source])
    with pytest.raises(ImportFileError, match="för stor"):
        module.load(empty_con, str(huge), huge.name)


def _load(con, source: str, name: str, **options):
    return importlib.import_module(IMPORTERS[source]).load(con, str(BAD / name), name, **options)


def _rejected_lines(report) -> list[int]:
    return sorted(r.line for r in report.rejected)


def test_survey_levels_weeks_reporters_and_areas(sample_con):
    report = _load(sample_con, "survey", "survey_levels_and_weeks.csv")
    assert report.rows_read == 8
    assert _rejected_lines(report) == [3, 4, 5, 6, 7, 8]
    reasons = {r.line: r.reason for r in report.rejected}
    assert "utanför 0–3" in reasons[3] and "vecka 54" in reasons[6] and "rapportör" in reasons[7]
    levels = sample_con.execute(
        "select s.factor_code, s.level from survey_rating s join survey_response r on r.id = s.response_id"
        " where r.iso_year = 2026 and r.iso_week = 40 and r.reporter_id = 1 and s.level > 0"
    ).fetchall()
    assert ("skadegorelse", 2) in levels
    assert all(0 <= level <= 3 for _, level in levels)


def test_strict_refuses_the_whole_file(sample_db, capsys):
    con = db.connect(sample_db)
    before = _checksums(con)
    db.close_all()
    code = cli.main(
        ["--db", str(sample_db), "import", "survey", str(BAD / "survey_levels_and_weeks.csv"), "--strict"]
    )
    assert code == 2 and "Traceback" not in capsys.readouterr().err
    assert _checksums(db.connect(sample_db)) == before


def test_bra_bad_rows(sample_con):
    report = _load(sample_con, "bra", "bra_bad_rows.csv")
    assert (report.rows_read, report.rows_loaded) == (5, 1)
    assert _rejected_lines(report) == [3, 4, 5, 6]


def test_felanmalan_dates_in_several_formats_and_impossible_dates(sample_con):
    report = _load(sample_con, "felanmalan", "felanmalan_dates.csv")
    assert report.rows_loaded == 4
    assert _rejected_lines(report) == [6, 7, 8, 9]
    days = sample_con.execute(
        "select distinct cast(occurred_at as date) from incident"
        " where source = 'felanmalan' and external_id like 'FD-%'"
    ).fetchall()
    assert [str(d[0]) for d in days] == ["2026-03-02"]


def test_felanmalan_coordinates_never_land_outside_the_municipality(sample_con):
    report = _load(sample_con, "felanmalan", "felanmalan_coordinates.csv")
    rejected = {r.line: r.reason for r in report.rejected}
    assert 3 in rejected and 4 in rejected and 6 in rejected  # Paris, Kiruna, impossible degrees
    rows = sample_con.execute(
        "select external_id, lat, lon from incident where external_id like 'FC-%' order by external_id"
    ).fetchall()
    assert [r[0] for r in rows] == ["FC-1", "FC-4"]  # swapped lat/lon and SWEREF 99 TM values recognised
    for _, lat, lon in rows:
        assert 55.3 < lat < 55.5 and 12.9 < lon < 13.5


def test_felanmalan_mixed_separators_and_bad_costs(sample_con):
    report = _load(sample_con, "felanmalan", "felanmalan_mixed_separators.csv")
    assert report.rows_loaded == 2 and _rejected_lines(report) == [3]
    report = _load(sample_con, "felanmalan", "felanmalan_cost_not_number.csv")
    assert report.rows_loaded == 0 and _rejected_lines(report) == [2, 3]


def test_windows_1252_file_reads_swedish_letters(sample_con):
    _load(sample_con, "felanmalan", "felanmalan_cp1252.csv")
    row = sample_con.execute(
        "select location_name, summary from incident where external_id = 'FW-1'"
    ).fetchone()
    assert "Västervångsskolan" in " ".join(str(v) for v in row if v)


def test_polisen_bad_items(sample_con):
    report = _load(sample_con, "polisen", "polisen_bad_items.json")
    assert report.rows_read == 5 and report.rows_loaded == 2
    assert _rejected_lines(report) == [2, 3, 5]


def test_areas_invalid_geometry_and_shapefile_without_prj(sample_con):
    report = _load(sample_con, "areas", "areas_invalid_geometry.geojson", mode="add")
    assert report.rows_loaded == 1 and _rejected_lines(report) == [2]
    wkt_text = sample_con.execute("select geometry_wkt from area where name = 'Fluga'").fetchone()[0]
    import shapely

    assert shapely.from_wkt(wkt_text).is_valid  # the bow-tie was repaired
    _load(sample_con, "areas", "areas_shapefile_without_prj.zip", mode="add")
    geom = shapely.from_wkt(
        sample_con.execute("select geometry_wkt from area where name = 'Centrum syd'").fetchone()[0]
    )
    assert 55.3 < geom.centroid.y < 55.5 and 13.0 < geom.centroid.x < 13.3  # SWEREF 99 TM recognised


def test_formula_injection_does_not_survive_into_excel_exports(sample_con):
    _load(sample_con, "felanmalan", "felanmalan_formula_and_html.csv")
    frame = sample_con.execute(
        "select external_id, location_name, summary from incident"
        " where external_id like 'FF-%' order by external_id"
    ).df()
    assert len(frame) == 3
    book = openpyxl.load_workbook(io.BytesIO(export.excel_bytes(frame)))
    cells = [c for row in book.active.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [str(c.value) for c in cells if c.value is not None]
    assert any(t.startswith("'=HYPERLINK") for t in texts) and not any(t.startswith("=") for t in texts)
    assert not any(t.startswith(("+", "@")) for t in texts)
    csv_text = privacy.csv_bytes(frame).decode("utf-8-sig")
    assert "\n=" not in csv_text and ";=" not in csv_text and ";@" not in csv_text


# --- The same files through the Data page (upload, preview) ----------------------------------------

UPLOADS = {source: [(n, w) for s, n, w in REFUSED if s == source] for source in sorted(IMPORTERS)}


@pytest.mark.parametrize("source", sorted(UPLOADS))
def test_data_page_shows_a_message_for_every_bad_file(sample_db, source):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import app_as

    con = db.connect(sample_db)
    before = _checksums(con)
    at: AppTest = app_as("samordnare", "data", timeout=120)
    assert not at.exception
    for name, words in UPLOADS[source]:
        uploader = at.file_uploader(key=f"data_{source}_file")
        uploader._files = None  # one file at a time
        uploader.upload(name, (BAD / name).read_bytes()).run()
        assert not at.exception, name
        preview = [b for b in at.button if b.key == f"data_{source}_preview"]
        if preview:
            preview[0].click().run()
            assert not at.exception, name
        messages = [e.value for e in at.error]
        assert messages and " / " in messages[-1], (name, messages)
        assert words.lower() in messages[-1].lower(), (name, messages)
        assert len(messages) == 1, (name, messages)  # the message of this file, not a leftover
    assert _checksums(con) == before
