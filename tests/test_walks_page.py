"""The Trygghetsvandringar page under AppTest: plan a walk, record findings, turn one into an action,
record a follow-up; mistakes give a Swedish message and keep the input; readers only read; Karta has
the findings layer."""

from __future__ import annotations

import datetime as dt

from conftest import ROOT, app_as, user_id
from test_partial_data import _check, _texts
from test_walks import without_sample_walks

from est_data import db, i18n, walks

CODE = "1287"


def _area(con, name: str = "Centrum") -> int:
    return con.execute(
        "select id from area where municipality_code = ? and name = ?", [CODE, name]
    ).fetchone()[0]


def _errors(at) -> list[str]:
    return [e.value for e in at.error]


def _open_tab(at, label: str):
    """Tabs run only when open (on_change="rerun"): open one as a click would."""
    at.session_state["walks_tab"] = label
    at.run()
    assert not at.exception, at.exception
    return at


def test_plan_a_walk_keeps_input_after_a_mistake(sample_db):
    without_sample_walks(db.connect(sample_db))
    at = app_as("samordnare", "trygghetsvandringar")
    assert not at.exception, at.exception
    assert [t.label for t in at.tabs] == ["Vandringar", "Fynd", "Uppföljning"]
    assert any(i.value == "Inga trygghetsvandringar ännu." for i in at.info)
    con = db.connect(sample_db)
    centrum = _area(con)
    at.date_input(key="walks_date_0").set_value(dt.date(2026, 5, 12))
    at.selectbox(key="walks_area_0").set_value(centrum)
    at.text_input(key="walks_title_0").set_value("Kvällsvandring Centrum")
    at.text_input(key="walks_count_0").set_value("fjorton")
    at.text_area(key="walks_people_0").set_value("Amira Haddad")
    at.button(key="walks_plan_submit").click().run()
    assert not at.exception, at.exception
    assert _errors(at) == ["Antalet deltagare ska vara ett heltal (0 eller mer)."]
    assert con.execute("select count(*) from walk").fetchone()[0] == 0
    assert at.text_input(key="walks_title_0").value == "Kvällsvandring Centrum"  # nothing lost
    assert at.text_area(key="walks_people_0").value == "Amira Haddad"
    at.text_input(key="walks_count_0").set_value("14")
    at.button(key="walks_plan_submit").click().run()
    assert not at.exception, at.exception
    assert not _errors(at)
    row = con.execute(
        "select walk_date, area_id, participants_count, participants, status, created_by from walk"
    ).fetchone()
    assert row == (dt.date(2026, 5, 12), centrum, 14, "Amira Haddad", "planerad", "samordnare")
    assert at.text_input(key="walks_title_1").value == ""  # a new, empty form after the save
    table = next(d.value for d in at.dataframe if "Fynd" in d.value.columns)
    assert table.iloc[0]["Område"] == "Centrum" and table.iloc[0]["Status"] == "Planerad"


def test_findings_action_and_follow_up_flow(sample_db):
    con = db.connect(sample_db)
    without_sample_walks(con)
    centrum = _area(con)
    walk_id = walks.create_walk(
        con,
        "samordnare",
        CODE,
        dt.date.today() - dt.timedelta(days=220),
        area_id=centrum,
        participants="Bo Ek",
    )
    at = _open_tab(app_as("samordnare", "trygghetsvandringar"), "Fynd")
    assert at.selectbox(key="walks_walk").value == walk_id
    # a planned walk can be marked as held
    at.button(key="walks_mark_held").click().run()
    assert con.execute("select status from walk where id = ?", [walk_id]).fetchone()[0] == "genomförd"
    # a finding with a bad position: a Swedish message, the text stays
    prefix = f"{walk_id}_0"
    at.selectbox(key=f"walks_f_cat_{prefix}").set_value("belysning")
    at.text_input(key=f"walks_f_lat_{prefix}").set_value("55,3751")
    at.text_input(key=f"walks_f_lon_{prefix}").set_value("")
    at.text_input(key=f"walks_f_place_{prefix}").set_value("Gångtunneln")
    at.text_area(key=f"walks_f_text_{prefix}").set_value("Mörkt, trasiga lampor")
    at.text_input(key=f"walks_f_measure_{prefix}").set_value("Byt armaturer")
    at.button(key="walks_finding_submit").click().run()
    assert not at.exception, at.exception
    assert _errors(at) == [i18n.t("walks.error.position")]
    assert at.text_area(key=f"walks_f_text_{prefix}").value == "Mörkt, trasiga lampor"
    at.text_input(key=f"walks_f_lon_{prefix}").set_value("13.1569")
    at.button(key="walks_finding_submit").click().run()
    assert not at.exception, at.exception
    assert not _errors(at)
    finding = con.execute("select id, lat, lon, category, proposed_measure from walk_finding").fetchone()
    assert finding[1:] == (55.3751, 13.1569, "belysning", "Byt armaturer")
    shown = next(d.value for d in at.dataframe if "#" in d.value.columns)
    assert shown.iloc[0]["Plats"] == "Gångtunneln" and shown.iloc[0]["Kategori"] == "Belysning"
    # turn it into an action
    assert at.selectbox(key=f"walks_a_kind_{finding[0]}").value == "belysning"
    at.button(key="walks_action_submit").click().run()
    assert not at.exception, at.exception
    action_id = con.execute("select action_id from walk_finding where id = ?", [finding[0]]).fetchone()[0]
    assert con.execute("select title, kind from action where id = ?", [action_id]).fetchone() == (
        "Byt armaturer",
        "belysning",
    )
    assert any(f"insats {action_id}" in s.value for s in at.success)
    # the follow-up list: the walk was ~7 months ago, so the finding is overdue
    _open_tab(at, "Uppföljning")
    follow = next(d.value for d in at.dataframe if "Läge" in d.value.columns)
    assert follow.iloc[0]["Läge"].endswith("Försenad")
    at.selectbox(key=f"walks_fu_status_{finding[0]}").set_value("åtgärdad")
    at.button(key="walks_fu_submit").click().run()
    assert _errors(at) == ["Skriv vad som blev av förslaget."]  # an outcome is needed
    at.text_area(key=f"walks_fu_outcome_{finding[0]}").set_value("Nya LED-lampor")
    at.button(key="walks_fu_submit").click().run()
    assert not at.exception and not _errors(at)
    assert con.execute(
        "select followup_status, followup_outcome, followup_by from walk_finding"
    ).fetchone() == (
        "åtgärdad",
        "Nya LED-lampor",
        "samordnare",
    )
    follow = next(d.value for d in at.dataframe if "Läge" in d.value.columns)
    assert follow.iloc[0]["Läge"].endswith("Klar")
    _check(at, "trygghetsvandringar with a walk")


def test_readers_read_without_personal_data(sample_db):
    con = db.connect(sample_db)
    without_sample_walks(con)
    walk_id = walks.create_walk(
        con,
        "samordnare",
        CODE,
        dt.date(2026, 5, 12),
        area_id=_area(con),
        participants="Amira Haddad",
        notes="Internt",
        status="genomförd",
    )
    walks.add_finding(con, "samordnare", walk_id, "hang", description="Samlas vid kiosken")
    at = app_as("lasare", "trygghetsvandringar")
    assert not at.exception, at.exception
    assert any(i.value == i18n.t("walks.read_only") for i in at.info)
    keys = {b.key for b in at.button}
    assert not keys & {"walks_plan_submit", "walks_finding_submit", "walks_action_submit", "walks_fu_submit"}
    _open_tab(at, "Fynd")
    assert not keys & {b.key for b in at.button}
    assert "Amira Haddad" not in str([t.value for t in at.text])
    _check(at, "trygghetsvandringar findings as reader")
    _open_tab(at, "Uppföljning")
    assert next(d.value for d in at.dataframe if "Läge" in d.value.columns).shape[0] == 1
    _check(at, "trygghetsvandringar as reader")


def test_karta_has_the_findings_layer(sample_db):
    con = db.connect(sample_db)
    lat, lon = con.execute("select lat, lon from place order by id limit 1").fetchone()
    walk_id = walks.create_walk(con, "s", CODE, dt.date(2026, 5, 12), area_id=_area(con), status="genomförd")
    walks.add_finding(con, "s", walk_id, "belysning", lat=lat, lon=lon, description="Trasig lampa i tunneln")
    at = app_as("lasare", "karta")
    assert not at.exception, at.exception
    toggle = at.toggle(key="karta_layer_walks")
    assert toggle.value is True and toggle.label == "Trygghetsvandringar"
    assert "Trasig lampa i tunneln" in " ".join(_texts(at.main))  # the map's script (component arguments)
    toggle.set_value(False).run()
    assert not at.exception, at.exception
    assert "Trasig lampa i tunneln" not in " ".join(_texts(at.main))


def test_karta_without_walks_has_no_toggle(sample_db):
    without_sample_walks(db.connect(sample_db))
    at = app_as("lasare", "karta")
    assert not at.exception
    assert not [t for t in at.toggle if t.key == "karta_layer_walks"]


def test_page_in_english(sample_db):
    con = db.connect(sample_db)
    walk_id = walks.create_walk(con, "s", CODE, dt.date(2026, 5, 12), area_id=_area(con), status="genomförd")
    walks.add_finding(
        con, "s", walk_id, "skymd_sikt", description="Hedge blocks the view", proposed_measure="Cut it"
    )
    i18n.MISSING.clear()
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["user_id"] = user_id(con, "admin")
    at.session_state["lang"] = "en"  # from the first run (AppTest keeps a widget's label, not its value)
    at.run()
    at.switch_page("pages/trygghetsvandringar.py")
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Safety walks"
    assert [t.label for t in at.tabs] == ["Walks", "Findings", "Follow-up"]
    for tab in ("Findings", "Follow-up"):
        _open_tab(at, tab)
        _check(at, f"English, {tab}")
    follow = next(d.value for d in at.dataframe if "State" in d.value.columns)
    assert follow.iloc[0]["Category"] == "Blocked view" and follow.iloc[0]["Outcome"] == "Not followed up"
