"""Editing safety walks on the page (issue 18 item 3): a walk's date, area, title, participants and notes,
and a finding's position, category, factor, description and proposal are corrected on Trygghetsvandringar;
every change is in the audit log (participants and notes only as changed, not their text); a mistake
gives a Swedish message and changes nothing. Runs on the sample's spring walk in Hamnen."""

from __future__ import annotations

import datetime as dt
import json

from conftest import app_as

from est_data import db, walks

CODE = "1287"


def _fynd(at):
    at.session_state["walks_tab"] = "Fynd"
    at.run()
    assert not at.exception, at.exception
    return at


def _ids(con) -> tuple[int, int, int]:
    walk_id = con.execute("select id from walk where title = 'Kvällsvandring Hamnen'").fetchone()[0]
    finding_id = con.execute(
        "select id from walk_finding where place_text = 'Containrarna vid färjeterminalens gångväg'"
    ).fetchone()[0]
    centrum = con.execute("select id from area where name = 'Centrum'").fetchone()[0]
    return walk_id, finding_id, centrum


def _last_audit(con, table: str, record_id: int) -> tuple[dict, dict]:
    before, after = con.execute(
        "select before_json, after_json from audit_log where table_name = ? and record_id = ?"
        " and operation = 'update' order by id desc limit 1",
        [table, str(record_id)],
    ).fetchone()
    return json.loads(before), json.loads(after)


def test_edit_a_walks_date_area_title_participants_and_notes(sample_db):
    con = db.connect(sample_db)
    walk_id, _, centrum = _ids(con)
    at = _fynd(app_as("samordnare", "trygghetsvandringar"))
    at.selectbox(key="walks_walk").set_value(walk_id).run()
    assert at.text_area(key=f"walks_e_people_{walk_id}").value.startswith("Boende i Hamnen (9)")
    # a held walk cannot be moved into the future: a message, nothing changed, the input kept
    at.date_input(key=f"walks_e_date_{walk_id}").set_value(dt.date.today() + dt.timedelta(days=3))
    at.text_input(key=f"walks_e_title_{walk_id}").set_value("Vårvandring Centrum")
    at.button(key="walks_edit_submit").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["En genomförd vandring kan inte ha ett datum i framtiden."]
    assert walks.get_walk(con, walk_id)["title"] == "Kvällsvandring Hamnen"
    assert at.text_input(key=f"walks_e_title_{walk_id}").value == "Vårvandring Centrum"
    at.date_input(key=f"walks_e_date_{walk_id}").set_value(dt.date(2026, 4, 23))
    at.selectbox(key=f"walks_e_area_{walk_id}").set_value(centrum)
    at.text_area(key=f"walks_e_people_{walk_id}").set_value("Boende (9), Polisen")
    at.text_area(key=f"walks_e_notes_{walk_id}").set_value("")
    at.button(key="walks_edit_submit").click().run()
    assert not at.exception, at.exception
    assert not at.error
    walk = walks.get_walk(con, walk_id)
    assert (walk["walk_date"], walk["area"], walk["title"], walk["participants"], walk["notes"]) == (
        dt.date(2026, 4, 23),
        "Centrum",
        "Vårvandring Centrum",
        "Boende (9), Polisen",
        None,
    )
    before, after = _last_audit(con, "walk", walk_id)
    assert after == {
        "area_id": centrum,
        "notes": None,
        "participants": walks.AUDIT_MARK,
        "title": "Vårvandring Centrum",
        "walk_date": "2026-04-23",
    }
    assert before["participants"] == walks.AUDIT_MARK and before["notes"] == walks.AUDIT_MARK
    assert before["title"] == "Kvällsvandring Hamnen" and before["walk_date"] == "2026-04-22"
    assert "Polisen" not in str(after) and "Stationen" not in str(before)  # no participant or note text


def test_edit_a_findings_position_category_description_and_proposal(sample_db):
    con = db.connect(sample_db)
    walk_id, finding_id, _ = _ids(con)
    at = _fynd(app_as("samordnare", "trygghetsvandringar"))
    at.selectbox(key="walks_walk").set_value(walk_id).run()
    at.selectbox(key=f"walks_finding_{walk_id}").set_value(finding_id).run()
    assert at.text_input(key=f"walks_m_lat_{finding_id}").value == "55.377500"
    # unchanged: nothing is written
    logged = con.execute("select count(*) from audit_log").fetchone()[0]
    at.button(key="walks_measure_submit").click().run()
    assert not at.exception, at.exception
    assert con.execute("select count(*) from audit_log").fetchone()[0] == logged
    # a position without its other half is refused and the input kept
    at.text_input(key=f"walks_m_lon_{finding_id}").set_value("")
    at.text_area(key=f"walks_m_text_{finding_id}").set_value("Containrar skymmer sikten mot gångvägen")
    at.button(key="walks_measure_submit").click().run()
    assert [e.value for e in at.error] == [
        "Positionen ska vara latitud och longitud i Sverige (t.ex. 55,3751 och 13,1569), eller båda tomma."
    ]
    assert at.text_area(key=f"walks_m_text_{finding_id}").value == "Containrar skymmer sikten mot gångvägen"
    assert walks.get_finding(con, finding_id)["lon"] == 13.1445
    at.text_input(key=f"walks_m_lat_{finding_id}").set_value("55,3772")
    at.text_input(key=f"walks_m_lon_{finding_id}").set_value("13,1439")
    at.selectbox(key=f"walks_m_cat_{finding_id}").set_value("belysning")
    at.selectbox(key=f"walks_m_factor_{finding_id}").set_value("samlingar")
    at.text_input(key=f"walks_m_measure_{finding_id}").set_value("Flytta containrarna 20 meter österut")
    at.button(key="walks_measure_submit").click().run()
    assert not at.exception, at.exception
    assert not at.error
    finding = walks.get_finding(con, finding_id)
    assert (finding["lat"], finding["lon"], finding["category"], finding["factor_code"]) == (
        55.3772,
        13.1439,
        "belysning",
        "samlingar",
    )
    assert finding["description"] == "Containrar skymmer sikten mot gångvägen"
    assert finding["proposed_measure"] == "Flytta containrarna 20 meter österut"
    before, after = _last_audit(con, "walk_finding", finding_id)
    assert before == {
        "category": "skymd_sikt",
        "description": "Uppställda containrar skymmer sikten in mot gångvägen; ingen ser vem som kommer.",
        "factor_code": "otrygga_platser",
        "lat": 55.3775,
        "lon": 13.1445,
        "proposed_measure": "Flytta containrarna eller öppna upp en siktlinje mot vägen",
    }
    assert after["lat"] == 55.3772 and after["category"] == "belysning"
