"""Date sanity on every import (issue 16, item 7): an event, answer or statistics period before 1990
or more than a day in the future (year 0001, 2099) is rejected per row with the reason; the other rows
load. On today's main such dates were accepted."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from est_data.ingest import bra, common, felanmalan, polisen, survey
from tests.conftest import FIXTURES

TODAY = dt.date.today()
SOON = dt.datetime.now() + dt.timedelta(hours=12)  # within the day's margin
LATE = TODAY + dt.timedelta(days=3)


def _reasons(report) -> dict[int, str]:
    return {r.line: r.reason for r in report.rejected}


def test_bounds():
    earliest, latest = common.event_time_bounds(dt.datetime(2026, 11, 30, 9))
    assert earliest == dt.datetime(1990, 1, 1) and latest == dt.datetime(2026, 12, 1, 9)
    now = dt.datetime(2026, 11, 30, 9)
    assert common.event_time_problem(dt.datetime(1990, 1, 1), now=now) is None
    assert common.event_time_problem(dt.datetime(2026, 12, 1, 8, 59), now=now) is None
    assert "före 1990" in common.event_time_problem(dt.date(1989, 12, 31), now=now)
    assert "fram i tiden" in common.event_time_problem(dt.datetime(2026, 12, 1, 9, 1), now=now)
    assert "0001-01-01" in common.event_time_problem(dt.datetime(1, 1, 1), now=now)


def test_felanmalan_rejects_dates_before_1990_and_in_the_future(sample_con):
    header = "Ärendenummer;Datum;Kategori;Adress;Latitud;Longitud;Kostnad (kr);Beskrivning\n"
    rows = [
        ("DS-1", "2099-01-01"),
        ("DS-2", "0001-01-01"),
        ("DS-3", "1989-12-31"),
        ("DS-4", LATE.isoformat()),
        ("DS-5", "1990-01-01"),
        ("DS-6", TODAY.isoformat()),
        ("DS-7", SOON.strftime("%Y-%m-%d %H:%M")),
        ("DS-8", "01.01.2099"),
    ]
    text = header + "".join(f"{i};{d};Klotter;Stationen;55,382057;13,154338;100;x\n" for i, d in rows)
    report = felanmalan.load(sample_con, text.encode("utf-8"), "datum.csv")
    reasons = _reasons(report)
    assert sorted(reasons) == [2, 3, 4, 5, 9]
    assert "2099-01-01" in reasons[2] and "fram i tiden" in reasons[2]
    assert "0001-01-01" in reasons[3] and "före 1990" in reasons[3]
    assert "före 1990" in reasons[4] and "fram i tiden" in reasons[5] and "fram i tiden" in reasons[9]
    loaded = sample_con.execute(
        "select external_id from incident where external_id like 'DS-%' order by 1"
    ).fetchall()
    assert [r[0] for r in loaded] == ["DS-5", "DS-6", "DS-7"]


def test_felanmalan_row_and_column_parsers_agree_on_dates(sample_con):
    """The column-wise fast path and the row parser give the same verdict (tests/test_trust_parsers.py)."""
    import pandas as pd

    frame = pd.DataFrame(
        {
            "_line": [2, 3, 4],
            "Datum": ["2099-01-01", "2026-01-05", "1989-01-01"],
            "Kategori": ["Klotter"] * 3,
            "Kostnad": ["1"] * 3,
        }
    )
    cols = felanmalan.find_columns(["Datum", "Kategori", "Kostnad"])
    lookups = felanmalan._Lookups(sample_con, "1287")
    _, reasons = felanmalan._parse_rows(frame, cols, lookups)
    assert [r is None for r in reasons] == [False, True, False]


def _police(events: list[dict]) -> bytes:
    return json.dumps(events, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("many", [False, True], ids=["row-path", "duckdb-path"])
def test_polisen_rejects_events_dated_0001_and_2099(sample_con, many):
    events = json.loads((FIXTURES / "polisen" / "events_excerpt.json").read_text(encoding="utf-8"))
    base = events[0]
    future = {
        **base,
        "id": 999001,
        "datetime": "2099-06-01 10:00:00 +02:00",
        "name": "1 juni 09:00, Skadegörelse, Trelleborg",
    }
    ancient = {
        **base,
        "id": 999002,
        "datetime": "0001-01-01 10:00:00 +01:00",
        "name": "1 januari 09:00, Skadegörelse, Trelleborg",
    }
    fine = {**base, "id": 999003}
    batch = [future, ancient, fine] + (events[1:] if many else [])
    report = polisen.load(sample_con, _police(batch), "datum.json")
    reasons = _reasons(report)
    assert "fram i tiden" in reasons[1] and "2099-06-01" in reasons[1]
    assert "före 1990" in reasons[2]
    ids = {
        r[0]
        for r in sample_con.execute(
            "select external_id from incident where source = 'polisen'"
            " and external_id in ('999001', '999002', '999003')"
        ).fetchall()
    }
    assert ids == {"999003"}


def test_survey_rejects_weeks_and_answer_dates_out_of_range(sample_con):
    email = sample_con.execute("select email from reporter where id = 1").fetchone()[0]
    area = sample_con.execute(
        "select a.name from reporter_area ra join area a on a.id = ra.area_id"
        " where ra.reporter_id = 1 order by a.id limit 1"
    ).fetchone()[0]
    week = dt.date.today().isocalendar()
    lines = [
        "vecka;e-post;område;faktor;nivå;svarsdatum",
        f"2099-W10;{email};{area};Klotter;2;",
        f"1985-W10;{email};{area};Klotter;2;",
        f";{email};{area};Klotter;2;0001-01-01",
        f"{week.year}-W{week.week:02d};{email};{area};Klotter;2;",
    ]
    report = survey.load(sample_con, "\n".join(lines).encode("utf-8"), "datum.csv")
    reasons = _reasons(report)
    assert sorted(reasons) == [2, 3, 4]
    assert "vecka 10 år 2099" in reasons[2] and "fram i tiden" in reasons[2]
    assert "före 1990" in reasons[3] and "svarsdatumet 0001-01-01" in reasons[4]
    assert report.rows_loaded == 1


def test_bra_rejects_periods_before_1990_and_in_the_future(sample_con):
    text = (
        "kommun;år;månad;brott;antal\n"
        "1287 Trelleborg;2099;1;Skadegörelse;5\n"
        "1287 Trelleborg;1980;1;Skadegörelse;5\n"
        f"1287 Trelleborg;{TODAY.year + 1};12;Skadegörelse;5\n"
        "1287 Trelleborg;2025;1;Skadegörelse;5\n"
    )
    report = bra.load(sample_con, text.encode("utf-8"), "datum.csv")
    reasons = _reasons(report)
    assert sorted(reasons) == [2, 3, 4]
    assert "perioden 2099-01-01" in reasons[2] and "före 1990" in reasons[3]
