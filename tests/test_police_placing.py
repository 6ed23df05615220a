"""Issue 15 item 3: police events without a position, placed by the registered names their text gives.

On the real police file in tests/fixtures (4 654 events, Trelleborg, Malmö, Örebro). The places and
areas are registered here as a municipality would (the names are real places the real summaries
name; the coordinates are only roughly right, which is all a test of placing needs).
"""

import datetime as dt
import json
import re
from collections import Counter

import pytest

from est_data import db, i18n, incidents
from est_data.ingest import placing, polisen
from tests.conftest import ROOT

REAL = ROOT / "tests" / "fixtures" / "polisen" / "events_trelleborg_orebro_malmo.json"


def _box(lat: float, lon: float, d: float = 0.01) -> str:
    return (
        f"POLYGON(({lon - d} {lat - d}, {lon + d} {lat - d}, {lon + d} {lat + d}, {lon - d} {lat + d}, "
        f"{lon - d} {lat - d}))"
    )


AREAS = {  # (municipality, area) -> centre
    ("1280", "Rosengård"): (55.585, 13.045),
    ("1280", "Möllevången"): (55.592, 13.010),
    ("1280", "Södervärn"): (55.588, 13.000),
    ("1280", "Lindängen"): (55.560, 13.000),
    ("1287", "Centrum"): (55.376, 13.157),
    ("1287", "Västervång"): (55.378, 13.140),
    ("1880", "Vivalla"): (59.290, 15.150),
}
PLACES = {  # (municipality, area, place, kind) -> point
    ("1280", "Möllevången", "Möllevångstorget", "centrum"): (55.5915, 13.0105),
    ("1280", "Södervärn", "Triangeln", "hållplats"): (55.5940, 13.0000),
    ("1287", "Centrum", "Hamngatan", "gata"): (55.3720, 13.1550),
    ("1287", "Centrum", "Järnvägsgatan", "gata"): (55.3745, 13.1570),
    ("1287", "Västervång", "Folkets park", "park"): (55.3800, 13.1450),
}


def _register(con) -> dict[str, int]:
    for code, name in (("1280", "Malmö"), ("1287", "Trelleborg"), ("1880", "Örebro")):
        con.execute(
            "insert into municipality (code, name) values (?, ?) on conflict do nothing", [code, name]
        )
    ids = {}
    for (code, name), (lat, lon) in AREAS.items():
        ids[name] = con.execute(
            "insert into area (municipality_code, name, kind, geometry_wkt) values (?, ?, 'stadsdel', ?)"
            " returning id",
            [code, name, _box(lat, lon)],
        ).fetchone()[0]
    for (_, area, name, kind), (lat, lon) in PLACES.items():
        ids[name] = con.execute(
            "insert into place (area_id, name, kind, lat, lon) values (?, ?, ?, ?, ?) returning id",
            [ids[area], name, kind, lat, lon],
        ).fetchone()[0]
    return ids


@pytest.fixture(scope="module")
def real_bytes() -> bytes:
    return REAL.read_bytes()


@pytest.fixture(scope="module")
def placed(tmp_path_factory, real_bytes):
    path = tmp_path_factory.mktemp("placing") / "est.duckdb"
    con = db.connect(path)
    ids = _register(con)
    report = polisen.load(con, real_bytes, REAL.name)
    yield con, ids, report
    db.close(path)


def _row(con, event_id: int) -> tuple:
    return con.execute(
        "select location_precision, area_id, place_id, lat, lon from incident"
        " where source = 'polisen' and external_id = ?",
        [str(event_id)],
    ).fetchone()


def test_an_event_naming_one_registered_place_is_placed_there(placed):
    con, ids, report = placed
    # 450757: "Bramd i fordon på Hamngatan." (Trelleborg)
    assert _row(con, 450757) == ("place", ids["Centrum"], ids["Hamngatan"], 55.3720, 13.1550)
    # 429523: "Man gripen misstänkt för grov misshandel, Möllevångstorget." (Malmö)
    assert _row(con, 429523) == ("place", ids["Möllevången"], ids["Möllevångstorget"], 55.5915, 13.0105)
    # 581870: "… misshandel i Folkets park." in Trelleborg is Trelleborg's Folkets park …
    assert _row(con, 581870)[2] == ids["Folkets park"]
    # … and 471816 "Man rånad i Folkets park." in Malmö is not: Malmö has no place of that name
    assert _row(con, 471816)[0] == "municipality"
    assert any("placerades" in m for m in report.messages)


def test_an_event_naming_an_area_is_placed_in_the_area_without_a_point(placed):
    con, ids, _ = placed
    # 414076: "En bil brinner på Rosengård."; 414078: "Larm om ny bilbrand på\xa0Rosengård." (no-break space)
    assert _row(con, 414076) == ("area", ids["Rosengård"], None, None, None)
    assert _row(con, 414078) == ("area", ids["Rosengård"], None, None, None)


def test_two_places_of_one_area_give_the_area_and_names_in_two_areas_give_nothing(placed):
    con, ids, _ = placed
    # 595836: "… på Järnvägsgatan/Hamngatan …": two places, both in Centrum
    assert _row(con, 595836) == ("area", ids["Centrum"], None, None, None)
    for event in json.loads(REAL.read_text(encoding="utf-8")):
        text = event.get("summary") or ""
        if "Triangeln" in text and "Möllevång" in text:  # places in two areas: not placed
            assert _row(con, event["id"])[0] == "municipality"


def _expected(events: list[dict]) -> Counter:
    """An independent count of what the rules give, with Python's own regular expressions."""
    by_code = {"1280": "Malmö", "1287": "Trelleborg", "1880": "Örebro"}
    names = {code: [] for code in by_code}
    for (code, area), _ in AREAS.items():
        names[code].append((area, None))
    for (code, area, place, _), _ in PLACES.items():
        names[code].append((area, place))
    out = Counter()
    for event in events:
        municipality = event["name"].rsplit(",", 1)[-1].strip()
        code = next((c for c, n in by_code.items() if n == municipality), None)
        text = event.get("summary") or ""
        if code is None or polisen.is_summary_type(event["type"]):
            continue
        hits = [
            (a, p)
            for a, p in names[code]
            if re.search(r"(?<![^\W_])" + re.escape(p or a) + r"s?(?![^\W_])", text)
        ]
        areas = {a for a, _ in hits}
        places = {p for _, p in hits if p}
        if len(areas) == 1:
            out["place" if len(places) == 1 else "area"] += 1
    return out


def test_placing_on_the_whole_real_file_follows_the_rules(placed):
    con, _, _ = placed
    events = {e["id"]: e for e in json.loads(REAL.read_text(encoding="utf-8"))}  # newest version of each id
    got = Counter(
        dict(
            con.execute(
                "select location_precision, count(*) from incident"
                " where source = 'polisen' and location_precision in ('place', 'area')"
                " group by 1"
            ).fetchall()
        )
    )
    assert got == _expected(list(events.values()))
    assert got["place"] >= 10 and got["area"] >= 100
    # summaries name many places and are never placed
    assert (
        con.execute(
            "select count(*) from incident where is_summary and location_precision in ('place', 'area')"
        ).fetchone()[0]
        == 0
    )


def test_counts_by_municipality_and_month_are_the_same_with_or_without_places(placed, tmp_path, real_bytes):
    con, _, _ = placed
    bare = db.connect(tmp_path / "bare.duckdb")
    polisen.load(bare, real_bytes, REAL.name)
    query = (
        "select municipality_code, date_trunc('month', occurred_at) as m, category, count(*)"
        " from incident where not is_summary group by all order by all"
    )
    assert con.execute(query).fetchall() == bare.execute(query).fetchall()
    db.close(tmp_path / "bare.duckdb")


def test_reimport_changes_nothing_and_new_places_are_applied_by_importing_again(placed, real_bytes):
    con, ids, _ = placed
    again = polisen.load(con, real_bytes, REAL.name)
    assert again.rows_loaded == 0
    # 439916 "Misstänkt arbetsplatspolycka på Stortorget." (Malmö): no such place registered yet
    assert _row(con, 439916)[0] == "municipality"
    place = con.execute(
        "insert into place (area_id, name, kind, lat, lon) values (?, 'Stortorget', 'centrum', 55.6065,"
        " 13.0010) returning id",
        [ids["Södervärn"]],
    ).fetchone()[0]
    later = polisen.load(con, real_bytes, REAL.name)  # the next import of the same events places them
    assert _row(con, 439916) == ("place", ids["Södervärn"], place, 55.6065, 13.0010)
    assert (
        later.rows_updated
        == con.execute("select count(*) from incident where place_id = ?", [place]).fetchone()[0]
    )
    # and a place taken away again: the next import puts its events back at the centre point
    con.execute("delete from place where id = ?", [place])
    polisen.load(con, real_bytes, REAL.name)
    assert _row(con, 439916) == ("municipality", None, None, 55.604981, 13.003822)


def test_the_map_says_how_many_events_are_not_drawn(placed):
    con, _, _ = placed
    query = incidents.EventQuery("1280", dt.date(2022, 1, 1), dt.date(2026, 12, 31), sources=("polisen",))
    totals = incidents.event_totals(con, query)
    n, on_map, centre, area = (int(totals[c].sum()) for c in ("n", "on_map", "centre_only", "area_only"))
    assert (
        n
        == con.execute(
            "select count(*) from incident where municipality_code = '1280' and not is_summary"
        ).fetchone()[0]
    )
    assert (
        on_map
        == con.execute(
            "select count(*) from incident where municipality_code = '1280'"
            " and not is_summary and location_precision = 'place'"
        ).fetchone()[0]
        > 0
    )
    assert n == on_map + centre + area
    note = incidents.not_drawn_note(totals, "en")
    assert note.startswith(
        f"{i18n.number(n - on_map, 0, 'en')} of the period's {i18n.number(n, 0, 'en')} events"
        " have no exact position and are not drawn"
    )


def test_a_name_inside_a_longer_named_place_is_not_a_mention_of_its_own(tmp_path):
    con = db.connect(tmp_path / "est.duckdb")
    con.execute("insert into municipality (code, name) values ('1287', 'Trelleborg')")
    hamnen = con.execute(
        "insert into area (municipality_code, name, geometry_wkt) values ('1287', 'Hamnen', ?) returning id",
        [_box(55.37, 13.15)],
    ).fetchone()[0]
    smyge = con.execute(
        "insert into area (municipality_code, name, geometry_wkt) values ('1287', 'Smygehamn', ?)"
        " returning id",
        [_box(55.34, 13.36)],
    ).fetchone()[0]
    place = con.execute(
        "insert into place (area_id, name, kind, lat, lon) values (?, 'Hamnen Smygehamn',"
        " 'samlingsplats', 55.338, 13.357) returning id",
        [smyge],
    ).fetchone()[0]
    events = [
        {
            "id": 1,
            "datetime": "2026-06-01 10:00:00 +02:00",
            "name": "01 juni 09:30, Skadegörelse, Trelleborg",
            "summary": "Skadegörelse vid Hamnen Smygehamn, Smygehamn.",
            "type": "Skadegörelse",
            "location": {"name": "Trelleborg", "gps": "55.375,13.157"},
        },
        {
            "id": 2,
            "datetime": "2026-06-01 11:00:00 +02:00",
            "name": "01 juni 10:30, Skadegörelse, Trelleborg",
            "summary": "Skadegörelse i Hamnen.",
            "type": "Skadegörelse",
            "location": {"name": "Trelleborg", "gps": "55.375,13.157"},
        },
    ]
    polisen.load(con, json.dumps(events).encode(), "a.json")
    assert _row(con, 1) == ("place", smyge, place, 55.338, 13.357)
    assert _row(con, 2) == ("area", hamnen, None, None, None)
    db.close(tmp_path / "est.duckdb")


def test_names_match_as_whole_words_with_their_capitals():
    import duckdb

    def matches(name: str, text: str) -> bool:  # the import's own SQL rule
        return placing.matches(duckdb.connect(), text, name)

    assert matches("Stationen", "Bråk vid Stationen.")
    assert matches("Stationen", "Stationen: bråk")
    assert not matches("Stationen", "Bråk på polisstationen.")
    assert not matches("Stationen", "Bråk vid stationen.")  # a common noun, not the place
    assert matches("Stationen", "Från polisstationen till Stationen")  # a later whole-word occurrence
    assert matches("Västervång", "Brand i Västervångs centrum")  # genitive
    assert not matches("Västervång", "Brand i Västervångsskolan")
    assert matches("Rosengård", "Larm om ny bilbrand på\xa0Rosengård.")
    assert matches("St. Olof (kyrka)", "Inbrott i St. Olof (kyrka) i natt")
    assert not matches("Hamngatan", "Hamngatan2")


def test_karta_says_how_many_real_malmo_events_are_not_drawn(sample_db, real_bytes, monkeypatch):
    """The issue's case: thousands of real Malmö events and no point on the map, said on the page."""
    from tests.conftest import app_as

    con = db.connect(sample_db)
    polisen.load(con, real_bytes, REAL.name)
    # Malmö starts using the tool: one area registered after its police events were imported
    con.execute(
        "insert into area (municipality_code, name, kind, geometry_wkt) values ('1280', 'Rosengård',"
        " 'stadsdel', ?)",
        [_box(55.585, 13.045)],
    )
    con.execute("delete from setting where name = 'municipality_code'")
    monkeypatch.setenv("EST_MUNICIPALITY_CODE", "1280")  # the sidebar's municipality: Malmö
    at = app_as("samordnare", "karta")
    assert not at.exception
    captions = [c.value.replace("\xa0", " ") for c in at.caption]
    totals = next(c for c in captions if "händelser under perioden" in c)
    n = int(re.match(r"([\d ]+) händelser", totals).group(1).replace(" ", ""))
    assert n > 500 and totals.endswith("varav 0 med plats på kartan.")
    note = next(c for c in captions if "saknar exakt plats" in c)
    assert note.startswith(
        f"{i18n.number(n, 0, 'sv')} av periodens {i18n.number(n, 0, 'sv')} händelser".replace("\xa0", " ")
    )
    assert "har bara kommunens eller länets mittpunkt" in note
