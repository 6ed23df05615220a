"""The benchmark's dataset generator and the `bench` command, on a tiny scale."""

from __future__ import annotations

import json

import pytest
import shapely

from est_data import cli, db
from est_data.bench import data as benchdata
from est_data.bench import runner as bench

TINY = benchdata.Scale(
    "tiny", years=1, reporters=8, areas=10, incidents=6_000, police_import_rows=300, fault_import_rows=100
)


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory):
    directory = tmp_path_factory.mktemp("bench")
    path = directory / f"tiny-g{benchdata.GENERATOR_VERSION}.duckdb"
    benchdata.build(path, TINY)
    return path


@pytest.fixture(scope="module")
def tiny(tiny_db):
    yield db.connect(tiny_db)
    db.close(tiny_db)


def one(con, sql, params=()):
    return con.execute(sql, list(params)).fetchone()


def test_sizes_follow_the_scale(tiny):
    incidents = one(tiny, "select count(*) from incident")[0]
    assert 0.9 * TINY.incidents < incidents < 1.1 * TINY.incidents
    assert one(tiny, "select count(*) from area")[0] == TINY.areas
    assert one(tiny, "select count(*) from reporter")[0] == TINY.reporters
    responses, ratings = one(
        tiny, "select count(*), (select count(*) from survey_rating) from survey_response"
    )
    assert (
        ratings == 12 * responses and responses > 52 * TINY.reporters
    )  # several areas per reporter and week
    assert one(tiny, "select count(*) from municipality")[0] == 290
    weeks = one(tiny, "select count(distinct (iso_year, iso_week)) from survey_response")[0]
    assert weeks == 52


def test_keys_are_unique_and_sequences_advanced(tiny):
    assert one(tiny, "select count(*) - count(distinct (source, external_id)) from incident")[0] == 0
    assert one(tiny, "select count(*) - count(distinct id) from incident")[0] == 0
    # Every area is covered by a reporter, and every place lies in an existing area.
    assert (
        one(
            tiny,
            "select count(*) from area a where not exists"
            " (select 1 from reporter_area ra where ra.area_id = a.id)",
        )[0]
        == 0
    )
    assert one(tiny, "select count(*) from place p where p.area_id not in (select id from area)")[0] == 0


def test_new_rows_get_fresh_ids(tiny):
    top = tiny.execute("select max(id) from incident").fetchone()[0]
    new = tiny.execute(
        "insert into incident (source, external_id, category) values ('test', 'x', 'y') returning id"
    ).fetchone()[0]
    assert new > top
    tiny.execute("delete from incident where source = 'test'")


def test_the_sample_patterns_carry_over(tiny):
    # Evenings and weekends: police events peak 19-01 and on Friday-Saturday.
    evening = one(
        tiny,
        "select count(*) filter (where hour(occurred_at) >= 19 or hour(occurred_at) < 1)"
        " / count(*) from incident where source = 'polisen'",
    )[0]
    assert evening > 0.35  # 6 of 24 hours
    weekend = one(
        tiny,
        "select count(*) filter (where isodow(occurred_at) in (5, 6)) / count(*)"
        " from incident where source = 'polisen'",
    )[0]
    assert weekend > 0.35  # 2 of 7 days
    # Summer above winter for vandalism.
    summer, winter = one(
        tiny,
        "select count(*) filter (where month(occurred_at) in (6, 7, 8)),"
        " count(*) filter (where month(occurred_at) in (1, 2, 12))"
        " from incident where category = 'Skadegörelse'",
    )
    assert summer > 1.3 * winter
    # Hotspots: the sample's persistent hotspot areas lead.
    top_areas = [
        r[0]
        for r in tiny.execute(
            "select a.name from incident i join area a on a.id = i.area_id group by 1 order by count(*) desc limit 3"
        ).fetchall()
    ]
    assert "Centrum" in top_areas and "Västervång" in top_areas
    # Fault reports are made on working days, by staff, with a cost.
    weekday_share, with_cost = one(
        tiny,
        "select count(*) filter (where isodow(occurred_at) <= 5) / count(*),"
        " count(cost_sek) / count(*) from incident where source = 'felanmalan'",
    )
    assert weekday_share > 0.85 and with_cost == 1


def test_points_lie_in_their_areas(tiny):
    rows = tiny.execute(
        "select a.geometry_wkt, i.lon, i.lat from incident i join area a on a.id = i.area_id"
        " where i.location_precision = 'exact' using sample 300 rows"
    ).fetchall()
    inside = sum(shapely.from_wkt(w).buffer(0.002).contains(shapely.Point(x, y)) for w, x, y in rows)
    assert inside == len(rows) and rows


def test_survey_levels_follow_area_risk(tiny):
    levels = dict(
        tiny.execute(
            "select a.name, avg(s.level) from survey_rating s join survey_response r on r.id = s.response_id"
            " join area a on a.id = r.area_id where s.factor_code = 'otrygga_platser' group by 1"
        ).fetchall()
    )
    assert levels["Pilevallen"] > levels["Östervång"] + 0.5


def test_police_json_has_the_api_shape(tiny, tmp_path):
    n = bench.police_json(tiny, tmp_path / "p.json", 200, 900_000_000)
    events = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert n == len(events) == 200
    event = events[0]
    assert set(event) == {"id", "datetime", "name", "summary", "url", "type", "location"}
    assert event["location"] == {"name": "Trelleborg", "gps": "55.375,13.157"}
    assert event["name"].endswith(f", {event['type']}, Trelleborg")
    assert len({e["id"] for e in events}) == 200
    # Hours are not zero-padded in `datetime`, as in the real API.
    assert any(e["datetime"][11] != "0" and e["datetime"][12] == ":" for e in events)


def test_bench_command_writes_table_and_json(tiny, tiny_db, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(benchdata, "bench_dir", lambda: tiny_db.parent)
    monkeypatch.setitem(benchdata.SCALES, "tiny", TINY)
    out = tmp_path / "bench.json"
    code = cli.main(
        [
            "bench",
            "--scale",
            "tiny",
            "--page",
            "oversikt",
            "--runs",
            "2",
            "--cold-runs",
            "1",
            "--skip",
            "imports",
            "--skip",
            "report",
            "--json",
            str(out),
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "| sida oversikt (varm) | s |" in printed
    result = json.loads(out.read_text(encoding="utf-8"))
    by_name = {m["name"]: m for m in result["measures"]}
    warm = by_name["sida oversikt (varm)"]
    assert warm["status"] == "ok" and len(warm["values"]) == 2 and warm["median"] > 0
    assert len(by_name["sida oversikt (varm, CPU)"]["values"]) == 2
    assert by_name["sida oversikt skickar"]["values"][0] > 1000
    assert "import polisen" not in by_name  # skipped parts are left out, not reported as zero
    assert by_name["högsta minnesanvändning (RSS)"]["values"][0] > 50e6
    assert result["counts"]["incident"] > 5000


def test_bench_refuses_zero_runs(capsys):
    assert cli.main(["bench", "--scale", "demo", "--runs", "0"]) == 2
    assert "minst 1" in capsys.readouterr().err


def test_police_import_is_measured_on_fresh_events(tiny_db, tmp_path):
    db.close(tiny_db)  # checkpointed, so the copy has everything
    work = benchdata.copy_dataset(tiny_db, tmp_path / "work.duckdb")
    before = (
        db.connect(tiny_db).execute("select count(*) from incident where source = 'polisen'").fetchone()[0]
    )
    m = bench.measure_import(work, "polisen", 300, runs=2)
    if m.status == bench.MISSING:
        assert m.values == []  # nothing is made up for code that does not exist
        return
    assert m.status == "ok", m.note
    assert len(m.values) == 2 and all(v > 0 for v in m.values)
    assert "inlästa [300, 300]" in m.note  # every run loads new events (fresh ids), none rejected
    con = db.connect(work)
    try:
        after = con.execute("select count(*) from incident where source = 'polisen'").fetchone()[0]
    finally:
        db.close(work)
    assert after == before + 300 * 3  # the probe and two runs


def test_table_marks_budgets_and_missing_parts():
    result = {
        "scale": "large",
        "when": "2026-11-23T17:00:00",
        "counts": {"incident": 500_000},
        "machine": {"cpus": 2, "load_average_start": (1.0, 1.0, 1.0), "load_average_end": (2.0, 2.0, 2.0)},
        "measures": [
            bench.Measure("sida karta (varm)", "s", [0.2, 0.25, 0.4], budget=0.3).as_dict(),
            bench.Measure(
                "import polisen", "rader/s", [20_000.0], budget=50_000, budget_kind="min"
            ).as_dict(),
            bench.Measure("veckorapport (PDF)", "s", status="saknas").as_dict(),
        ],
    }
    text = bench.table(result)
    assert "| sida karta (varm) | s | 0.250 | 0.200–0.400 | 3 | ≤ 0.300 | ja |" in text
    assert "| import polisen | rader/s | 20 000 | 20 000–20 000 | 1 | ≥ 50 000 | NEJ |" in text
    assert "| veckorapport (PDF) | s | saknas |" in text
