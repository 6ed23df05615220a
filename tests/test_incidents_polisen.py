"""The police events importer: the real API's quirks, idempotence, updates in place, the CLI."""

from __future__ import annotations

import collections
import copy
import datetime as dt
import json

import pytest
from conftest import FIXTURES

from est_data import cli
from est_data.ingest import polisen
from est_data.ingest.common import ImportFileError

EXCERPT = FIXTURES / "polisen" / "events_excerpt.json"
REAL = FIXTURES / "polisen" / "events_trelleborg_orebro_malmo.json"


def counts(con, where: str = "true") -> dict:
    return dict(
        con.execute(
            "select m.name || '|' || i.category, count(*) from incident i join municipality m on m.code = i.municipality_code"
            f" where i.source = 'polisen' and {where} group by 1"
        ).fetchall()
    )  # noqa: S608 - constant test SQL


def test_publication_time_with_unpadded_hour_is_local_time():
    assert polisen.parse_published("2025-06-07 7:32:06 +02:00") == dt.datetime(2025, 6, 7, 7, 32, 6)
    # Given in UTC, stored as Stockholm local time (winter: +1 h)
    assert polisen.parse_published("2026-01-20 17:25:26 +00:00") == dt.datetime(2026, 1, 20, 18, 25, 26)


def test_occurrence_time_comes_from_the_name_and_crosses_new_year():
    published = dt.datetime(2026, 1, 1, 6, 46, 49)
    assert polisen.parse_occurred("31 december 23.21", published) == dt.datetime(2025, 12, 31, 23, 21)
    assert polisen.parse_occurred("05 oktober 09:35", dt.datetime(2022, 10, 5, 9, 41)) == dt.datetime(
        2022, 10, 5, 9, 35
    )
    assert polisen.parse_occurred("nonsens", published) is None


def test_excerpt_handles_every_quirk(empty_con):
    report = polisen.load(empty_con, EXCERPT)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (17, 17, 0)
    rows = {
        r[0]: r[1:]
        for r in empty_con.execute(
            "select external_id, municipality_code, location_precision, is_summary, occurred_at, published_at, lat"
            " from incident"
        ).fetchall()
    }
    # 2026 county-level event: the municipality comes from the end of `name`; the position is the county centre
    assert rows["622573"][:3] == ("1287", "county", False)
    assert rows["622573"][3] == dt.datetime(2026, 1, 24, 1, 57)
    assert rows["622246"][:2] == ("1880", "county")
    # Municipality-level event: the municipality's centre, and the time from the name, not the publication
    assert rows["404567"][:2] == ("1287", "municipality")
    assert rows["404567"][3] == dt.datetime(2023, 2, 17, 22, 47)
    assert rows["404567"][4] == dt.datetime(2023, 2, 17, 23, 1, 54)
    # Summaries are stored but flagged
    assert rows["410968"][2] is True and rows["438115"][2] is True
    # New year: published 1 January 2026, happened 31 December 2025
    assert rows["619874"][3] == dt.datetime(2025, 12, 31, 23, 21)
    batch = empty_con.execute(
        "select source, rows_read, rows_loaded, rows_rejected from import_batch"
    ).fetchall()
    assert batch == [("polisen", 17, 17, 0)]
    names = dict(empty_con.execute("select code, name from municipality").fetchall())
    assert names["1287"] == "Trelleborg" and names["1880"] == "Örebro"


def test_republished_id_is_updated_in_place_and_older_version_ignored(empty_con):
    events = json.loads(EXCERPT.read_text(encoding="utf-8"))
    polisen.load(empty_con, json.dumps(events).encode(), "v1.json")
    newer = copy.deepcopy(events[0])
    newer["datetime"] = "2023-02-18 9:05:00 +01:00"
    newer["summary"] = "Uppdatering: en person är gripen."
    report = polisen.load(empty_con, json.dumps([newer]).encode(), "v2.json")
    assert (report.rows_loaded, report.rows_updated) == (1, 1)
    rows = empty_con.execute(
        "select summary, published_at from incident where external_id = ?", [str(newer["id"])]
    ).fetchall()
    assert rows == [("Uppdatering: en person är gripen.", dt.datetime(2023, 2, 18, 9, 5))]
    # The older version arriving later changes nothing
    report = polisen.load(empty_con, json.dumps([events[0]]).encode(), "old.json")
    assert report.rows_loaded == 0
    assert (
        empty_con.execute(
            "select summary from incident where external_id = ?", [str(newer["id"])]
        ).fetchone()[0]
        == "Uppdatering: en person är gripen."
    )
    assert empty_con.execute("select count(*) from incident").fetchone()[0] == 17


def test_same_id_twice_in_one_file_keeps_the_newest(empty_con):
    events = json.loads(EXCERPT.read_text(encoding="utf-8"))[:2]
    newer = copy.deepcopy(events[0])
    newer["datetime"] = "2023-02-18 9:05:00 +01:00"
    newer["summary"] = "Ny version"
    report = polisen.load(empty_con, json.dumps([newer, events[0], events[1]]).encode(), "dupes.json")
    assert report.rows_loaded == 2
    assert (
        empty_con.execute(
            "select summary from incident where external_id = ?", [str(newer["id"])]
        ).fetchone()[0]
        == "Ny version"
    )


@pytest.mark.parametrize("slow_is_newer", [True, False])
def test_newest_version_wins_between_duckdb_parsed_and_row_by_row_parsed_events(empty_con, slow_is_newer):
    """An event DuckDB cannot parse cleanly (no time in the name) is parsed in Python; the newest
    version of an id wins whichever path parsed it, and no staging table is left behind."""
    clean = json.loads(EXCERPT.read_text(encoding="utf-8"))[0]
    odd = copy.deepcopy(clean)
    odd["name"] = "Brand, Trelleborg"  # no "DD månad HH:MM": the row-by-row path uses the publication time
    odd["summary"] = "Radvis"
    clean["summary"] = "Mängdvis"
    newer, older = (odd, clean) if slow_is_newer else (clean, odd)
    newer["datetime"], older["datetime"] = "2023-02-18 9:05:00 +01:00", "2023-02-18 8:05:00 +01:00"
    report = polisen.load(empty_con, json.dumps([newer, older]).encode(), "mixed_paths.json")
    assert report.rows_read == 2 and report.rows_loaded == 1 and not report.rejected
    assert any("äldre versioner" in m for m in report.messages)
    summary = empty_con.execute(
        "select summary from incident where external_id = ?", [str(clean["id"])]
    ).fetchone()[0]
    assert summary == ("Radvis" if slow_is_newer else "Mängdvis")
    temp = empty_con.execute(
        "select table_name from duckdb_tables() where temporary and table_name like 'polisen%'"
    )
    assert temp.fetchall() == []


def test_bad_events_are_rejected_with_reason_and_good_ones_load(empty_con):
    events = json.loads(EXCERPT.read_text(encoding="utf-8"))[:3]
    bad = [
        {
            "id": "x1",
            "datetime": "2023-01-01 1:00:00 +01:00",
            "type": "Brand",
            "name": "1 januari 01:00, Brand, Trelleborg",
            "location": {"name": "Trelleborg", "gps": "55.3,13.1"},
        },
        {"id": 5, "datetime": "igår", "type": "Brand", "name": "", "location": {}},
        {
            "id": 6,
            "datetime": "2023-01-01 1:00:00 +01:00",
            "type": "Brand",
            "name": "1 januari 01:00, Brand, Atlantis",
            "location": {"name": "Atlantis", "gps": "0,0"},
        },
        "inte ett objekt",
    ]
    report = polisen.preview(empty_con, json.dumps(events + bad).encode(), "mixed.json")
    assert report.rows_rejected == 4 and report.rows_loaded == 3
    reasons = [r.reason for r in report.rejected]
    assert "id saknas" in reasons[0] and "datetime" in reasons[1] and "okänd plats" in reasons[2]
    assert [r.line for r in report.rejected] == [4, 5, 6, 7]
    assert empty_con.execute("select count(*) from incident").fetchone()[0] == 0  # preview writes nothing
    with pytest.raises(ImportFileError):
        polisen.load(empty_con, json.dumps(events + bad).encode(), "mixed.json", strict=True)
    assert empty_con.execute("select count(*) from incident").fetchone()[0] == 0


@pytest.mark.parametrize("content", [b"not json", b"[]", b'{"a": 1}', b"\x00\x01\x02"])
def test_unreadable_files_are_refused_whole(empty_con, content):
    with pytest.raises(ImportFileError):
        polisen.load(empty_con, content, "bad.json")
    assert empty_con.execute("select count(*) from import_batch").fetchone()[0] == 0


def independent_counts(events: list[dict]) -> collections.Counter:
    """Municipality and type per event, worked out without the importer: the location when it is a
    municipality, else (a county from 2026) the last part of `name`; summaries and notices left out."""
    counter: collections.Counter = collections.Counter()
    for e in events:
        kind = e["type"].strip()
        if kind.startswith("Sammanfattning") or kind in ("Information", "Uppdatering"):
            continue
        place = e["location"]["name"]
        if place.endswith(" län"):
            place = e["name"].split(", ")[-1]
        counter[f"{place}|{kind}"] += 1
    return counter


def test_real_file_counts_per_municipality_and_type_and_idempotence(empty_con):
    events = json.loads(REAL.read_text(encoding="utf-8"))
    report = polisen.load(empty_con, REAL)
    assert report.rows_rejected == 0
    assert report.rows_loaded == len({e["id"] for e in events})
    expected = independent_counts(events)
    assert counts(empty_con, "not i.is_summary") == dict(expected)
    assert sum(expected.values()) > 4500
    before = empty_con.execute("select * from incident order by id").fetchall()
    again = polisen.load(empty_con, REAL)
    assert (again.rows_loaded, again.rows_updated, again.rows_unchanged) == (0, 0, len(before))
    assert empty_con.execute("select * from incident order by id").fetchall() == before
    # Every 2026 county-level Trelleborg event is in Trelleborg, with the county centre as position
    county_trelleborg = [
        e for e in events if e["location"]["name"] == "Skåne län" and e["name"].endswith(", Trelleborg")
    ]
    assert len(county_trelleborg) == 56
    got = empty_con.execute(
        "select count(*) from incident where municipality_code = '1287' and location_precision = 'county'"
    ).fetchone()[0]
    assert got == 56
    # hour of day comes from the name: the median delay to publication is under an hour
    median = empty_con.execute("select median(epoch(published_at - occurred_at)) from incident").fetchone()[0]
    assert 10 * 60 < median < 60 * 60


def test_cli_import_polisen(empty_db, capsys):
    assert cli.main(["--db", str(empty_db), "import", "polisen", str(EXCERPT)]) == 0
    out = capsys.readouterr().out
    assert "lästa 17, inlästa 17, avvisade 0" in out
    assert cli.main(["--db", str(empty_db), "import", "polisen", str(EXCERPT)]) == 0
    assert "inlästa 0" in capsys.readouterr().out
    bad = empty_db.parent / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    assert cli.main(["--db", str(empty_db), "import", "polisen", str(bad)]) == 2
    assert "JSON" in capsys.readouterr().err


def test_fast_duckdb_parse_equals_the_row_by_row_parse(empty_con):
    data = REAL.read_bytes()
    fast = polisen.parse(data, "real.json", con=empty_con).rows
    slow = polisen.parse(data, "real.json").rows
    assert len(fast) == len(slow) > 4600
    key = ["external_id"]
    fast = fast.sort_values(key).reset_index(drop=True).astype(object)
    slow = slow.sort_values(key).reset_index(drop=True).astype(object)
    for column in polisen.COLUMNS:
        a, b = fast[column].where(fast[column].notna(), None), slow[column].where(slow[column].notna(), None)
        assert a.tolist() == b.tolist(), column
