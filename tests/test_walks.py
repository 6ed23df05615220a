"""Safety walks (issue 18 item 3): a walk with three findings, one turned into an action, shows on
Karta, in the quarterly (and annual) report and on the follow-up list six months later; the residents'
report has no personal data; bad input gives a Swedish message and writes nothing."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from PIL import Image
from pypdf import PdfReader

from est_data import actions, config, i18n, incidents, walks
from est_data.charts import maps
from est_data.charts import walks as walk_charts
from est_data.model import UserError
from est_data.report import annual, quarterly, render
from est_data.report import walks as walks_report
from est_data.ui import mapview

CODE = "1287"
WALK_DATE = dt.date(2026, 5, 12)
PEOPLE = "Amira Haddad, Bengt Nilsson"
NOTES = "Internt: hyresvärden vill inte synas i rapporten"


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _jpeg(size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format="JPEG")
    return out.getvalue()


def without_sample_walks(con) -> None:
    """Remove the sample's own two walks (tests/test_walks_sample.py covers them), so that a test can
    follow one walk of its own alone through the lists, the map and the reports."""
    con.execute("delete from walk_finding where created_by = 'exempeldata'")
    con.execute("delete from walk where created_by = 'exempeldata'")


@pytest.fixture
def walk(sample_con) -> dict:
    """A held walk in Centrum with three findings (two on the map, one for the whole route); the
    first is turned into an action. The sample's own walks are removed first."""
    con = sample_con
    without_sample_walks(con)
    area_id, lat, lon = con.execute(
        "select a.id, p.lat, p.lon from area a join place p on p.area_id = a.id"
        " where a.municipality_code = ? and a.name = 'Centrum' order by p.id limit 1",
        [CODE],
    ).fetchone()
    walk_id = walks.create_walk(
        con,
        "samordnare",
        CODE,
        WALK_DATE,
        area_id=area_id,
        title="Kvällsvandring Centrum",
        participants_count=14,
        participants=PEOPLE,
        partners="Polisen, Trelleborgshem",
        status="genomförd",
        notes=NOTES,
    )
    lamp = walks.add_finding(
        con,
        "samordnare",
        walk_id,
        "belysning",
        photo=_jpeg(),
        lat=f"{lat:.6f}".replace(".", ","),  # decimal comma, as typed in Swedish
        lon=f"{lon:.6f}",
        place_text="Gångtunneln vid stationen",
        description="Två trasiga lampor, mörkt hela tunneln",
        proposed_measure="Byt armaturerna i gångtunneln",
        responsible="Gatukontoret",
        factor_code="otrygga_platser",
    )
    bushes = walks.add_finding(
        con,
        "samordnare",
        walk_id,
        "vegetation",
        lat=lat + 0.0012,
        lon=lon - 0.0008,
        place_text="Stigen bakom biblioteket",
        description="Höga buskar skymmer sikten",
        proposed_measure="Klipp ner buskarna till en meter",
        responsible="Parkförvaltningen",
    )
    hangout = walks.add_finding(
        con, "samordnare", walk_id, "hang", description="Grupper samlas sent vid kiosken längs hela sträckan"
    )
    action_id = walks.finding_to_action(con, "samordnare", lamp, start_date=dt.date(2026, 6, 1))
    return {
        "id": walk_id,
        "area_id": area_id,
        "findings": (lamp, bushes, hangout),
        "action_id": action_id,
        "lat": lat,
        "lon": lon,
    }


def test_walk_findings_and_action_are_stored_and_audited(sample_con, walk):
    con = sample_con
    found = walks.findings(con, walk["id"])
    assert list(found["category"]) == ["belysning", "vegetation", "hang"]
    assert found["lat"].notna().tolist() == [True, True, False]
    assert round(float(found["lat"].iloc[0]), 6) == round(walk["lat"], 6)  # decimal comma read
    assert bool(found["has_photo"].iloc[0]) and not bool(found["has_photo"].iloc[1])
    assert found["action_id"].iloc[0] == walk["action_id"]
    action = actions.get_action(con, walk["action_id"])
    assert action["title"] == "Byt armaturerna i gångtunneln"
    assert action["kind"] == "belysning" and action["status"] == "planerad"
    assert action["area_id"] == walk["area_id"] and action["responsible"] == "Gatukontoret"
    assert action["target_factors"] == ["otrygga_platser"]
    # the action is in the action register (Insatser lists it)
    listed = actions.list_actions(con, CODE)
    assert walk["action_id"] in set(listed["id"])
    logged = con.execute(
        "select table_name, operation, count(*) from audit_log"
        " where table_name in ('walk', 'walk_finding', 'action') and username = 'samordnare'"
        " group by all order by all"
    ).fetchall()
    assert logged == [("action", "create", 1), ("walk", "create", 1), ("walk_finding", "create", 3),
                      ("walk_finding", "update", 1)]  # fmt: skip
    summary = walks.list_walks(con, CODE)
    assert summary[["findings", "measures", "actions"]].iloc[0].tolist() == [3, 2, 1]


def test_followup_list_six_months_later(sample_con, walk):
    con = sample_con
    lamp, bushes, hangout = walk["findings"]
    due = dt.date(2026, 11, 12)
    early = walks.followup_list(con, CODE, dt.date(2026, 9, 1))
    assert set(early["state"]) == {"senare"} and set(early["due"]) == {due}
    soon = walks.followup_list(con, CODE, dt.date(2026, 10, 20))
    assert set(soon["state"]) == {"förfaller"}
    late = walks.followup_list(con, CODE, dt.date(2026, 11, 13))
    assert set(late["state"]) == {"försenad"} and len(late) == 3
    walks.record_followup(
        con, "samordnare", lamp, "åtgärdad", "Nya LED-armaturer sedan oktober", dt.date(2026, 11, 14)
    )
    after = walks.followup_list(con, CODE, dt.date(2026, 11, 15))
    assert after.set_index("id").loc[lamp, "state"] == "klar"
    assert list(after["state"]) == ["försenad", "försenad", "klar"]  # the urgent first
    assert after.set_index("id").loc[lamp, "followup_by"] == "samordnare"
    # the follow-up time is a setting: 3 months makes them come due in August
    walks.set_followup_months(con, "samordnare", 3)
    assert config.get_setting(con, "walk_followup_months") == "3"
    assert set(walks.followup_list(con, CODE, dt.date(2026, 9, 1))["due"]) == {dt.date(2026, 8, 12)}
    # a planned walk's findings are not on the list until the walk is held
    planned = walks.create_walk(con, "samordnare", CODE, dt.date(2026, 10, 1), area_id=walk["area_id"])
    walks.add_finding(con, "samordnare", planned, "nedskrapning", description="Skräp vid bänkarna")
    assert len(walks.followup_list(con, CODE, dt.date(2027, 6, 1))) == 3
    walks.update_walk(con, "samordnare", planned, status="genomförd")
    assert len(walks.followup_list(con, CODE, dt.date(2027, 6, 1))) == 4


def test_due_date_at_month_end():
    assert walks.due_date(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)


def test_findings_are_a_layer_on_karta(sample_con, walk):
    con = sample_con
    start, end = dt.date(2025, 11, 25), dt.date(2026, 11, 24)
    layer = walks.map_findings(con, CODE, start, end)
    assert len(layer) == 2  # the whole-route finding has no position
    assert set(layer["place_text"]) == {"Gångtunneln vid stationen", "Stigen bakom biblioteket"}
    assert "participants" not in layer.columns and "notes" not in layer.columns
    assert walks.map_findings(con, CODE, dt.date(2026, 6, 1), end).empty  # outside the period
    other_area = con.execute(
        "select min(id) from area where municipality_code = ? and id <> ?", [CODE, walk["area_id"]]
    ).fetchone()[0]
    assert walks.map_findings(con, CODE, start, end, (other_area,)).empty
    # the Karta map with the layer: the findings are in the map's script, and in the layer control
    query = incidents.default_query(con, CODE)
    fmap = maps.build(incidents.map_data(con, query, ("places",), "count", 200.0, 150.0, True), "sv")
    group = walk_charts.add_findings(fmap, layer, "sv")
    prepared = mapview.prepare(fmap)
    # the layer is defined before the layer control refers to it (else Leaflet gets an undefined layer)
    assert prepared.script.index(f"var {group.get_name()} = ") < prepared.script.index("_layers = {")
    assert "Gångtunneln vid stationen" in prepared.script
    assert "Byt armaturerna i gångtunneln" in prepared.script
    assert "Insats " + str(walk["action_id"]) in prepared.script
    control = prepared.script[prepared.script.index("overlays") :]
    assert "Trygghetsvandringar" in control  # listed in the layer control, so it can be switched off
    assert PEOPLE.split(",")[0] not in prepared.script and NOTES not in prepared.script


def test_quarterly_and_annual_reports_have_the_walks(sample_con, walk):
    con = sample_con
    report = quarterly.build(con, 2026, 2, CODE)
    text = _pdf_text(render.render(report, "pdf"))
    section = text[text.index("Trygghetsvandringar") :]
    assert "2026-05-12" in section and "Centrum" in section
    for label in ("Belysning", "Buskage/växtlighet", "Samlingsplats/häng"):
        assert label in section
    assert "2 förslag till åtgärd, varav 1 blev insatser i insatsregistret." in section.replace("\n", " ")
    html = render.render(report, "html").decode("utf-8")
    assert "Trygghetsvandringar" in html and "Buskage/växtlighet" in html
    assert PEOPLE.split(",")[0] not in text and NOTES not in text
    # Q4: no walk held, the three follow-ups came due in November
    q4 = quarterly.build(con, 2026, 4, CODE).text()
    assert "3 uppföljningar förföll under perioden; 3 av dem är ännu inte gjorda." in q4
    # the annual report has the same section
    year = annual.build(con, 2026, CODE).text()
    assert "Kvällsvandring" not in year  # titles are internal names; the table shows date and area
    assert "Fynd per kategori" in year and "2026-05-12 | Centrum | 14 | 3 | 1" in year
    # a quarter without walks says so
    assert i18n.t("walks.report.none") in quarterly.build(con, 2025, 1, CODE).text()


def test_residents_report_has_no_personal_data(sample_con, walk):
    con = sample_con
    text = _pdf_text(walks_report.residents_pdf(con, walk["id"]))
    flat = " ".join(text.split())
    assert "Trygghetsvandring – Centrum" in flat and "2026-05-12" in flat
    assert "Gångtunneln vid stationen" in flat and "Klipp ner buskarna till en meter" in flat
    assert "Byt armaturerna i gångtunneln – beslutad insats, ansvarig: Gatukontoret." in flat
    assert "Vi följer upp vad som har gjorts omkring 2026-11-12." in flat
    assert "Hela sträckan" in flat  # the finding without a position
    for name in PEOPLE.split(", "):
        assert name not in flat and name.split()[1] not in flat
    assert "hyresvärden" not in flat and "Internt" not in flat
    assert "@" not in flat
    assert not PdfReader(io.BytesIO(walks_report.residents_pdf(con, walk["id"]))).pages[0].images  # no photo
    html = render.render(walks_report.residents_report(con, walk["id"]), "html").decode("utf-8")
    assert "Amira" not in html and "hyresvärden" not in html


@pytest.mark.parametrize(
    ("call", "key"),
    [
        (
            lambda con, w: walks.create_walk(con, "s", CODE, "12/5 2026", area_id=w["area_id"]),
            "walks.error.date",
        ),
        (lambda con, w: walks.create_walk(con, "s", CODE, WALK_DATE), "walks.error.where"),
        (
            lambda con, w: walks.create_walk(con, "s", CODE, WALK_DATE, route_geojson='{"type": "Point"}'),
            "walks.error.route",
        ),
        (
            lambda con, w: walks.create_walk(
                con, "s", CODE, WALK_DATE, area_id=w["area_id"], participants_count="många"
            ),
            "walks.error.participants",
        ),
        (
            lambda con, w: walks.add_finding(con, "s", w["id"], "spöken", description="x"),
            "walks.error.category",
        ),
        (lambda con, w: walks.add_finding(con, "s", w["id"], "annat", lat="55,4"), "walks.error.position"),
        (
            lambda con, w: walks.add_finding(con, "s", w["id"], "annat", lat="91", lon="13"),
            "walks.error.position",
        ),
        (lambda con, w: walks.add_finding(con, "s", w["id"], "annat"), "walks.error.what"),
        (
            lambda con, w: walks.add_finding(
                con, "s", w["id"], "annat", description="x", photo=b"%PDF-1.4 not a photo"
            ),
            "walks.error.photo_type",
        ),
        (lambda con, w: walks.finding_to_action(con, "s", w["findings"][0]), "walks.error.already_action"),
        (lambda con, w: walks.finding_to_action(con, "s", w["findings"][2]), "walks.error.no_measure"),
        (
            lambda con, w: walks.record_followup(con, "s", w["findings"][1], "åtgärdad", " "),
            "walks.error.outcome",
        ),
        (
            lambda con, w: walks.record_followup(
                con, "s", w["findings"][1], "åtgärdad", "ok", dt.date(2026, 1, 1)
            ),
            "walks.error.done_before_walk",
        ),
        (lambda con, w: walks.set_followup_months(con, "s", "0"), "walks.error.months"),
        (
            lambda con, w: walks.create_walk(
                con,
                "s",
                CODE,
                dt.date.today() + dt.timedelta(days=3),
                area_id=w["area_id"],
                status="genomförd",
            ),
            "walks.error.held_future",
        ),
    ],
)
def test_bad_input_gives_a_swedish_message_and_writes_nothing(sample_con, walk, call, key):
    con = sample_con
    before = con.execute(
        "select (select count(*) from walk), (select count(*) from walk_finding), (select count(*) from action),"
        " (select count(*) from audit_log)"
    ).fetchone()
    with pytest.raises(UserError) as caught:
        call(con, walk)
    assert caught.value.key == key
    message = i18n.t(caught.value.key, "sv", **caught.value.kwargs)
    assert message != key and message.endswith(".")
    after = con.execute(
        "select (select count(*) from walk), (select count(*) from walk_finding), (select count(*) from action),"
        " (select count(*) from audit_log)"
    ).fetchone()
    assert after == before


def test_photo_limits(monkeypatch):
    assert walks.check_photo(_jpeg())[1] == "image/jpeg"
    monkeypatch.setattr(walks, "MAX_PHOTO_BYTES", 100)
    with pytest.raises(UserError) as caught:
        walks.check_photo(_jpeg())
    assert caught.value.key == "walks.error.photo_size"


def test_route_is_stored_as_geojson_line(sample_con):
    line = {"type": "LineString", "coordinates": [[13.156, 55.375], [13.160, 55.377]]}
    walk_id = walks.create_walk(
        sample_con,
        "s",
        CODE,
        WALK_DATE,
        route_geojson={"type": "Feature", "geometry": line, "properties": {}},
    )
    stored = walks.get_walk(sample_con, walk_id)
    assert json.loads(stored["route_geojson"]) == {
        "type": "LineString",
        "coordinates": [[13.156, 55.375], [13.16, 55.377]],
    }
    assert stored["area_id"] is None
    # a whole-route finding of a walk without an area cannot become an action (no area to put it in)
    fid = walks.add_finding(
        sample_con, "s", walk_id, "annat", description="Mörkt", proposed_measure="Belysning"
    )
    with pytest.raises(UserError) as caught:
        walks.finding_to_action(sample_con, "s", fid)
    assert caught.value.key == "walks.error.action_area"


def test_walks_on_an_empty_database(empty_con):
    assert walks.list_walks(empty_con, CODE).empty
    assert walks.followup_list(empty_con, CODE, dt.date(2026, 1, 1)).empty
    assert walks.map_findings(empty_con, CODE).empty
    blocks = walks_report.section(empty_con, CODE, dt.date(2026, 1, 1), dt.date(2026, 3, 31), "sv")
    assert [b.text for b in blocks] == [i18n.t("walks.report.none")]


def test_cli_list_due_and_report(sample_db, walk, tmp_path, capsys):
    from est_data import db
    from est_data.cli import main

    db.close_all()
    assert main(["--db", str(sample_db), "walks", "list"]) == 0
    out = capsys.readouterr().out
    assert f"{walk['id']}\t2026-05-12\tCentrum\tGenomförd\tfynd 3\tinsatser 1" in out
    assert main(["--db", str(sample_db), "walks", "due", "--today", "2026-09-01"]) == 0
    assert capsys.readouterr().out.strip() == i18n.t("walks.cli.no_due")
    assert main(["--db", str(sample_db), "walks", "due", "--today", "2026-11-13"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3 and all("\tFörsenad\t2026-11-12\tCentrum\t" in line for line in lines)
    out_file = tmp_path / "vandring.pdf"
    assert main(["--db", str(sample_db), "walks", "report", str(walk["id"]), "--out", str(out_file)]) == 0
    text = _pdf_text(out_file.read_bytes())
    assert "Gångtunneln vid stationen" in text and "Amira" not in text
    assert main(["--db", str(sample_db), "walks", "report", "999", "--out", str(out_file)]) == 2
    assert "Vandring 999 finns inte." in capsys.readouterr().err
    assert main(["--db", str(sample_db), "walks", "due", "--today", "13/11"]) == 2
