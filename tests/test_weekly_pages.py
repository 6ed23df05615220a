"""AppTest flows of the weekly pages: Rapportera, Lägesbild (with the meeting mode), Enkätuppföljning."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import app_as

from est_data import db, weekly
from est_data.model import IsoWeek

pytestmark = pytest.mark.filterwarnings("ignore")

WEEK = IsoWeek.of(dt.date.today())
AREA = 3  # reporter 1 (the user 'rapportor') covers Västra Innerstaden only
PREFIX = f"1_{WEEK}"


def _answers(path):
    con = db.connect(path)
    return con.execute(
        "select r.id, s.factor_code, s.level, r.comment"
        " from survey_response r join survey_rating s on s.response_id = r.id"
        " where r.reporter_id = 1 and r.iso_year = ? and r.iso_week = ? order by s.factor_code",
        [WEEK.year, WEEK.week],
    ).fetchall()


def test_reporter_submits_and_resubmits_the_week(sample_db):
    at = app_as("rapportor", "rapportera")
    assert not at.exception
    # every factor starts at 0: "nothing to report" is one click
    assert at.segmented_control(key=f"lvl_{PREFIX}_{AREA}_klotter").value == 0
    at.segmented_control(key=f"lvl_{PREFIX}_{AREA}_klotter").set_value(2)
    at.segmented_control(key=f"lvl_{PREFIX}_{AREA}_trafik").set_value(3)
    at.text_area(key=f"comment_{PREFIX}_{AREA}").input("Mopeder på skolgården varje kväll")
    at.button(key=f"report_submit_{PREFIX}").click().run()
    assert not at.exception
    assert any("Tack" in s.value for s in at.success)
    rows = _answers(sample_db)
    assert len(rows) == 12 and len({r[0] for r in rows}) == 1
    levels = {r[1]: r[2] for r in rows}
    assert levels["klotter"] == 2 and levels["trafik"] == 3 and sum(levels.values()) == 5
    assert rows[0][3] == "Mopeder på skolgården varje kväll"
    # the reporter sees what was sent, and the form shows it again
    assert any("Trafik, buskörning och mopeder allvarligt" in m.value for m in at.markdown)
    assert at.segmented_control(key=f"lvl_{PREFIX}_{AREA}_trafik").value == 3
    # sending again replaces the answer, never duplicates it
    at.segmented_control(key=f"lvl_{PREFIX}_{AREA}_trafik").set_value(1)
    at.button(key=f"report_submit_{PREFIX}").click().run()
    assert not at.exception
    rows = _answers(sample_db)
    assert len(rows) == 12 and len({r[0] for r in rows}) == 1
    assert {r[1]: r[2] for r in rows}["trafik"] == 1


def test_reporter_sends_and_deletes_an_event(sample_db):
    at = app_as("rapportor", "rapportera")
    at.selectbox(key="event_factor").set_value("klotter")
    at.text_area(key="event_description").input("Nya tags på gympasalen")
    at.segmented_control(key="event_part").set_value("kväll")
    at.button(key="event_send").click().run()
    assert not at.exception
    con = db.connect(sample_db)
    row = con.execute(
        "select id, factor_code, area_id, time_of_day, description from observation"
        " where reporter_id = 1 and iso_year = ? and iso_week = ?",
        [WEEK.year, WEEK.week],
    ).fetchall()
    assert [r[1:] for r in row] == [("klotter", AREA, "kväll", "Nya tags på gympasalen")]
    at.button(key=f"event_delete_{row[0][0]}").click().run()
    assert not at.exception
    assert con.execute("select count(*) from observation where id = ?", [row[0][0]]).fetchone()[0] == 0


def test_coordinator_picks_the_reporter(sample_db):
    at = app_as("samordnare", "rapportera")
    assert not at.exception
    at.selectbox(key="report_reporter").set_value(2).run()
    assert not at.exception
    prefix = f"2_{WEEK}"
    at.button(key=f"report_submit_{prefix}").click().run()
    con = db.connect(sample_db)
    got = con.execute(
        "select count(*), max(source) from survey_response where reporter_id = 2 and iso_year = ?"
        " and iso_week = ?",
        [WEEK.year, WEEK.week],
    ).fetchone()
    assert got == (1, "form")


def test_reader_without_a_reporter_cannot_report(sample_db):
    at = app_as("lasare", "rapportera")
    assert not at.exception
    assert any("inte kopplat till någon rapportör" in i.value for i in at.info)
    assert not at.segmented_control


def test_lagesbild_for_the_coordinator_with_the_meeting(sample_db):
    at = app_as("samordnare", "lagesbild")
    assert not at.exception
    assert at.selectbox(key="lb_week").value == IsoWeek(2026, 47) or dt.date.today() > dt.date(2026, 11, 29)
    summary = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert summary and ("ökade i" in summary[0] or "Status för" in summary[0])
    assert set(at.segmented_control(key="lb_view").options) >= {"Matris", "Mötet"}
    at.segmented_control(key="lb_stat").set_value("mean").run()
    assert not at.exception
    at.segmented_control(key="lb_view").set_value("map").run()
    assert not at.exception
    at.segmented_control(key="lb_view").set_value("notes").run()
    assert not at.exception
    assert len(at.dataframe[0].value) > 0
    assert "Text" in at.dataframe[0].value.columns
    at.segmented_control(key="lb_view").set_value("meeting").run()
    assert not at.exception
    at.selectbox(key="lb_prio_kind").set_value("trafikkontroll")
    at.selectbox(key="lb_prio_horizon").set_value("helg")
    at.selectbox(key="lb_prio_area").set_value(2)
    at.text_input(key="lb_prio_description").input("Kontroll av mopeder vid hamnen fredag kväll")
    at.button(key="lb_prio_add").click().run()
    assert not at.exception
    con = db.connect(sample_db)
    week = at.selectbox(key="lb_week").value
    got = con.execute(
        "select kind, horizon, area_id, description, created_by, start_date, end_date"
        " from weekly_priority where iso_year = ? and iso_week = ?",
        [week.year, week.week],
    ).fetchall()
    weekend = weekly.horizon_dates("helg", weekly.meeting_day(week))
    assert got == [
        ("trafikkontroll", "helg", 2, "Kontroll av mopeder vid hamnen fredag kväll", "samordnare", *weekend)
    ]
    assert any("Kontroll av mopeder" in m.value for m in at.markdown)
    # one step from priority to action
    pid = con.execute(
        "select id from weekly_priority where iso_year = ? and iso_week = ?", [week.year, week.week]
    ).fetchone()[0]
    at.text_input(key=f"lb_action_resp_{pid}").input("Kommunpolisen")
    at.text_input(key=f"lb_action_partners_{pid}").input("Polisen; Trygghetsvärdar")
    at.button(key=f"lb_action_submit_{pid}").click().run()
    assert not at.exception
    action = con.execute(
        "select a.title, a.kind, a.area_id, a.responsible, a.partners, a.created_by"
        " from weekly_priority p join action a on a.id = p.action_id where p.id = ?",
        [pid],
    ).fetchone()
    assert action == (
        "Kontroll av mopeder vid hamnen fredag kväll",
        "trafikkontroll",
        2,
        "Kommunpolisen",
        "Polisen; Trygghetsvärdar",
        "samordnare",
    )
    assert any("Insatsen är skapad" in t.value for t in at.toast)  # shown as a toast after the rerun


def test_lagesbild_for_a_reader_has_no_meeting_and_no_free_text(sample_db):
    at = app_as("lasare", "lagesbild")
    assert not at.exception
    assert (
        "meeting" not in at.segmented_control(key="lb_view").options
        and "Mötet" not in at.segmented_control(key="lb_view").options
    )
    at.segmented_control(key="lb_view").set_value("notes").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "Text" not in table.columns and "Rapportör" not in table.columns
    assert set(table["Typ"]) == {"händelse"}


def test_enkat_lists_who_has_not_answered(sample_db):
    at = app_as("samordnare", "enkat")
    assert not at.exception
    at.selectbox(key="enkat_week").set_value(IsoWeek(2026, 47)).run()
    assert not at.exception
    missing = at.dataframe[2].value
    con = db.connect(sample_db)
    expected = con.execute(
        "select count(distinct ra.reporter_id) from reporter_area ra where ra.reporter_id not in"
        " (select reporter_id from survey_response where iso_year = 2026 and iso_week = 47)"
    ).fetchone()[0]
    assert len(missing) == expected > 0
    emails = at.code[0].value
    assert emails.count("@trelleborg.example") == expected
    assert len(at.dataframe[0].value) > 3
    assert at.metric[1].value.endswith(f"/ {40}")


def test_enkat_is_closed_to_readers(sample_db):
    at = app_as("lasare")
    with pytest.raises(ValueError):
        at.switch_page("pages/enkat.py")


@pytest.mark.parametrize(
    ("page", "title"),
    [("rapportera", "Report"), ("lagesbild", "Situation picture"), ("enkat", "Survey follow-up")],
)
def test_weekly_pages_in_english(sample_db, monkeypatch, page, title):
    monkeypatch.setenv("EST_LANG", "en")
    at = app_as("admin", page)
    assert not at.exception
    assert at.title[0].value == title
    if page == "lagesbild":
        at.segmented_control(key="lb_stat").set_value("mean").run()
        at.segmented_control(key="lb_compare").set_value("avg4").run()
        assert not at.exception
        assert any(
            "according to" in m.value or "Status of" in m.value or "No clear changes" in m.value
            for m in at.markdown
        )


def test_meeting_shows_last_weeks_priorities_for_follow_up(sample_db):
    from est_data import weekly

    con = db.connect(sample_db)
    pid = weekly.add_priority(
        con,
        IsoWeek(2026, 46),
        "belysning",
        "Byt trasiga lampor i Gångtunneln",
        "samordnare",
        horizon="vecka",
        area_id=6,
    )
    weekly.follow_up_priority(con, pid, False, "Beställt, kommer v. 48", "samordnare")
    at = app_as("samordnare", "lagesbild")
    at.selectbox(key="lb_week").set_value(IsoWeek(2026, 47)).run()
    at.segmented_control(key="lb_view").set_value("meeting").run()
    assert not at.exception
    # the sample's own decisions for that week are listed too; ours is among them, as it was followed up
    assert at.segmented_control(key=f"lb_done_{pid}").value == "nej"
    assert at.text_input(key=f"lb_done_note_{pid}").value == "Beställt, kommer v. 48"
    listed = [w for w in at.segmented_control if w.key.startswith("lb_done_")]
    assert (
        len(listed)
        == con.execute(
            "select count(*) from weekly_priority where iso_year = 2026 and iso_week = 46"
        ).fetchone()[0]
    )
    at.segmented_control(key=f"lb_done_{pid}").set_value("ja").run()  # saved as it is set
    assert not at.exception
    row = con.execute("select done, followup_note from weekly_priority where id = ?", [pid]).fetchone()
    assert row == (True, "Beställt, kommer v. 48")
