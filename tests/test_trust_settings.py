"""Every setting changeable under Administration takes effect (issue 16 item 1).

Each setting in `admin.EDITABLE_SETTINGS` is saved the way the settings form saves it
(`admin.save_settings`) and then observed where it matters: the session timeout ends an idle session,
the status rule changes statuses and the rule the pages and the weekly report state, the
classification heads the report, the municipality is the sidebar's default, public_url is the survey
links' address and retention_months the retention default.
"""

from __future__ import annotations

import datetime as dt

from est_data import admin, db, privacy, sessions
from est_data.analysis import overview
from est_data.analysis.situation import StatusRule
from est_data.report import weekly as weekly_report
from tests.conftest import app_as, user_id

CHECKED = {
    "session_timeout_minutes",
    "status_red_any_level",
    "status_red_count_level2",
    "status_yellow_any_level",
    "classification",
    "municipality_code",
    "public_url",
    "retention_months",
    # issue 18 item 2: the link-mail schedule (test_link_mail_schedule_set_under_administration below)
    "linkmail_enabled",
    "linkmail_send_day",
    "linkmail_send_time",
    "linkmail_remind_day",
    "linkmail_remind_time",
    "linkmail_from",
}


def test_every_editable_setting_has_a_test_here():
    assert {s.name for s in admin.EDITABLE_SETTINGS} == CHECKED


def test_session_timeout_set_under_administration_ends_an_idle_session(sample_db):
    con = db.connect()
    admin.save_settings(con, {"session_timeout_minutes": "5"}, "admin")
    at = app_as("samordnare")
    assert at.session_state["user_id"] == user_id(con, "samordnare")
    at.session_state["last_seen"] = dt.datetime.now() - dt.timedelta(minutes=6)
    at.run()
    assert not at.exception
    assert "user_id" not in at.session_state, "idle 6 minutes with a 5-minute timeout: signed out"
    # The server-side session (a refresh's cookie) follows the same setting.
    t0 = dt.datetime(2026, 11, 23, 9, 0)
    token = sessions.create(con, user_id(con, "samordnare"), now=t0)
    assert sessions.resume(con, token, now=t0 + dt.timedelta(minutes=4)) is not None
    assert sessions.resume(con, token, now=t0 + dt.timedelta(minutes=10)) is None
    assert sessions.resume(con, token, now=t0 + dt.timedelta(minutes=11)) is None, (
        "an ended session stays ended"
    )


def test_longer_timeout_keeps_a_session_the_default_would_end(sample_db):
    con = db.connect()
    admin.save_settings(con, {"session_timeout_minutes": "120"}, "admin")
    at = app_as("samordnare")
    at.session_state["last_seen"] = dt.datetime.now() - dt.timedelta(minutes=90)
    at.run()
    assert at.session_state["user_id"] == user_id(con, "samordnare")


def _status_counts(con) -> dict[str, int]:
    return overview.build(con, "1287").status_counts


def test_status_rule_settings_change_statuses_and_the_rule_shown(sample_db):
    con = db.connect()
    before = _status_counts(con)
    assert before["gul"] > 0 or before["röd"] > 0
    # Red already at level 2 (and never by count): every yellow area becomes red.
    admin.save_settings(con, {"status_red_any_level": "2", "status_red_count_level2": "12"}, "admin")
    assert StatusRule.from_settings(con) == StatusRule(2, 12, 2)
    after = _status_counts(con)
    assert after["gul"] == 0 and after["röd"] == before["röd"] + before["gul"]
    # Yellow only at level 3, red only at level 3 or by twelve factors: no yellow, fewer or equal red.
    admin.save_settings(con, {"status_red_any_level": "3", "status_yellow_any_level": "3"}, "admin")
    strict = _status_counts(con)
    assert strict["gul"] == 0 and strict["grön"] >= before["grön"] + before["gul"]
    # The rule as stated on Översikt and in the weekly report is the stored one, not the default.
    at = app_as("samordnare")
    assert not at.exception
    rule_text = [c.value for c in at.caption if "Röd:" in c.value]
    assert (
        rule_text
        and "nivå 3 eller minst 12 faktorer" in rule_text[0]
        and "Gul: någon faktor på nivå 3" in rule_text[0]
    )
    week = weekly_report.default_week(con)
    report = weekly_report.build(con, week)
    assert (
        "minst 12 faktorer" in report.footer_note and "gul om någon faktor når nivå 3" in report.footer_note
    )


def test_classification_heads_the_weekly_report(sample_db):
    con = db.connect()
    admin.save_settings(con, {"classification": "Begränsad spridning: trygghetsgruppen"}, "admin")
    week = weekly_report.default_week(con)
    assert weekly_report.collect(con, week).classification == "Begränsad spridning: trygghetsgruppen"
    assert weekly_report.build(con, week).classification == "Begränsad spridning: trygghetsgruppen"


def test_municipality_code_is_the_sidebar_default(sample_db):
    con = db.connect()
    con.execute("insert into area (municipality_code, name, kind) values ('1280', 'Centrum', 'stadsdel')")
    at = app_as("samordnare")
    assert at.session_state["filters"].municipality_code == "1287"
    admin.save_settings(con, {"municipality_code": "1280"}, "admin")
    at = app_as("samordnare")
    assert not at.exception
    assert at.session_state["filters"].municipality_code == "1280"
    assert weekly_report.collect(con, weekly_report.default_week(con, "1287")).municipality_code == "1280"


def test_public_url_is_the_address_of_new_survey_links(sample_db):
    con = db.connect()
    admin.save_settings(con, {"public_url": "https://est.kommun.example/"}, "admin")
    at = app_as("samordnare", "enkatlankar")
    assert not at.exception
    assert at.text_input(key="links_base_url").value == "https://est.kommun.example"


def test_retention_months_is_the_default_of_retention(sample_db):
    con = db.connect()
    admin.save_settings(con, {"retention_months": "7"}, "admin")
    assert privacy.retention_months(con) == 7
    at = app_as("admin", "admin")
    assert not at.exception
    assert at.number_input(key="admin_retention_months").value == 7


def test_link_mail_schedule_set_under_administration(empty_db):
    import pytest

    from est_data import linkmail
    from est_data.auth import UserError

    con = db.connect()
    saved = admin.save_settings(
        con,
        {
            "linkmail_enabled": "1",
            "linkmail_send_day": "Onsdag",
            "linkmail_send_time": "7.30",
            "linkmail_remind_day": "av",
            "linkmail_remind_time": "13:05",
            "linkmail_from": " enkat@trelleborg.example ",
        },
        "admin",
    )
    assert len(saved) == 6
    assert admin.settings(con)["linkmail_send_time"] == "07:30"
    sched = linkmail.schedule(con)
    assert sched == linkmail.Schedule(
        True, 2, dt.time(7, 30), None, dt.time(13, 5), "enkat@trelleborg.example"
    )
    from est_data.model import IsoWeek
    from est_data.rounds import Round

    rnd = Round(IsoWeek(2026, 48))
    assert sched.send_at(rnd) == dt.datetime(2026, 11, 25, 7, 30)
    assert sched.remind_at(rnd) is None
    admin.save_settings(con, {"linkmail_remind_day": "tisdag", "linkmail_remind_time": "09:00"}, "admin")
    # a reminder weekday before the send day falls in the following week
    assert linkmail.schedule(con).remind_at(rnd) == dt.datetime(2026, 12, 1, 9, 0)
    for name, value, key in (
        ("linkmail_send_day", "tuesday", "linkmail.error.weekday"),
        ("linkmail_send_day", "av", "linkmail.error.weekday"),  # only the reminder can be off
        ("linkmail_send_time", "25:00", "linkmail.error.time"),
        ("linkmail_enabled", "ja", "linkmail.error.onoff"),
        ("linkmail_from", "inte en adress", "register.error.email"),
    ):
        with pytest.raises(UserError) as err:
            admin.save_settings(con, {name: value}, "admin")
        assert err.value.key == key, (name, value)
