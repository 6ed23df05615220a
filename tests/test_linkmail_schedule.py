"""The link-mail schedule for the coordinator (issue 18): a samordnare sees and changes it on Enkätlänkar
(the Administration page is for admins only), validated and audited as there, and the page says when
the next links and the next reminder go, or why none will."""

from __future__ import annotations

import datetime as dt

import pytest

from est_data import config, db, linkmail, rounds
from est_data import linkmail_schedule as ls
from est_data.model import IsoWeek, UserError
from tests.conftest import app_as
from tests.test_linkmail import THURSDAY_0930, TUESDAY_0830, SmtpServer, _setup

W = IsoWeek
MONDAY_0700 = dt.datetime(2026, 11, 23, 7, 0)  # W48, before the default send time (tisdag 08:00)


@pytest.fixture
def smtp():
    server = SmtpServer()
    server.controller.start()
    yield server
    server.controller.stop()


def _text(at) -> str:
    parts = []
    for kind in ("markdown", "caption", "success", "warning", "error", "info"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts).replace("\\", "").replace("**", "")


def test_next_links_and_reminder_follow_the_schedule_and_what_has_been_sent(empty_db, smtp):
    con = db.connect(empty_db)
    _setup(con, smtp.port)
    link, reminder = ls.next_sends(con, MONDAY_0700)
    assert (link.kind, link.round, link.at, link.overdue, link.reasons) == (
        "link",
        rounds.Round(W(2026, 48)),
        dt.datetime(2026, 11, 24, 8, 0),
        False,
        (),
    )
    assert link.will_send
    assert (reminder.round, reminder.at, reminder.overdue) == (
        rounds.Round(W(2026, 48)),
        dt.datetime(2026, 11, 26, 9, 0),
        False,
    )
    # Past the time and not yet sent: overdue, it goes at the scheduler's next check ...
    assert ls.next_send(con, "link", TUESDAY_0830).overdue
    assert linkmail.run_due(con, TUESDAY_0830)[0].sent == 2
    # ... and once sent, the next links are the next round's.
    after = ls.next_send(con, "link", TUESDAY_0830 + dt.timedelta(minutes=1))
    assert (after.round, after.at, after.overdue) == (
        rounds.Round(W(2026, 49)),
        dt.datetime(2026, 12, 1, 8, 0),
        False,
    )
    assert ls.next_send(con, "reminder", TUESDAY_0830).at == dt.datetime(2026, 11, 26, 9, 0)
    linkmail.run_due(con, THURSDAY_0930)
    assert ls.next_send(con, "reminder", THURSDAY_0930).at == dt.datetime(2026, 12, 3, 9, 0)

    # Two-week rounds from W50: the round after W49 is W50–51, sent on its first Tuesday.
    rounds.set_length(con, 2, W(2026, 50), by=None)
    wednesday = dt.datetime(2026, 12, 2, 12, 0)
    late = ls.next_send(con, "link", wednesday)  # W49's links have not gone: still due until its end
    assert (late.round, late.overdue) == (rounds.Round(W(2026, 49)), True)
    assert linkmail.run_due(con, wednesday)[0].round == rounds.Round(W(2026, 49))
    nxt = ls.next_send(con, "link", wednesday)
    assert (nxt.round, nxt.at) == (rounds.Round(W(2026, 50), 2), dt.datetime(2026, 12, 8, 8, 0))


def test_why_nothing_will_be_sent(empty_db, smtp):
    con = db.connect(empty_db)
    _setup(con, smtp.port, enabled=False)
    link = ls.next_send(con, "link", MONDAY_0700)
    assert link.reasons == (ls.OFF,) and not link.will_send
    assert link.at == dt.datetime(2026, 11, 24, 8, 0)  # when it would go
    config.set_setting(con, "linkmail_enabled", "1")
    config.set_setting(con, "linkmail_remind_day", "av")
    reminder = ls.next_send(con, "reminder", MONDAY_0700)
    assert reminder.reasons == (ls.REMINDER_OFF,) and reminder.round is None
    config.set_setting(con, "smtp_host", "")
    con.execute("update reporter set email = null")
    assert ls.next_send(con, "link", MONDAY_0700).reasons == (ls.NO_SMTP, ls.NO_EMAIL)


def test_save_validates_audits_and_touches_only_the_schedule(empty_db, smtp):
    con = db.connect(empty_db)
    _setup(con, smtp.port, enabled=False)
    changed = ls.save(
        con,
        {"linkmail_enabled": "1", "linkmail_send_day": "Onsdag", "linkmail_send_time": "7.30"},
        "samordnare",
    )
    assert sorted(changed) == ["linkmail_enabled", "linkmail_send_day", "linkmail_send_time"]
    assert ls.settings(con)["linkmail_send_day"] == "onsdag"
    assert ls.settings(con)["linkmail_send_time"] == "07:30"
    audit = con.execute(
        "select username, record_id, after_json from audit_log where table_name = 'setting' order by record_id"
    ).fetchall()
    assert [(u, r) for u, r, _ in audit] == [
        ("samordnare", "linkmail_enabled"),
        ("samordnare", "linkmail_send_day"),
        ("samordnare", "linkmail_send_time"),
    ]
    assert ls.next_send(con, "link", MONDAY_0700).at == dt.datetime(2026, 11, 25, 7, 30)
    with pytest.raises(UserError) as err:
        ls.save(con, {"linkmail_send_time": "25:00"}, "samordnare")
    assert err.value.key == "linkmail.error.time"
    with pytest.raises(UserError) as err:
        ls.save(con, {"linkmail_remind_day": "fredagskväll"}, "samordnare")
    assert err.value.key == "linkmail.error.weekday"
    with pytest.raises(UserError) as err:  # the page's form cannot be used to change other settings
        ls.save(con, {"public_url": "https://elsewhere.example"}, "samordnare")
    assert config.get_setting(con, "public_url") == "https://est.trelleborg.example"
    assert ls.settings(con)["linkmail_send_time"] == "07:30"


def test_samordnare_sees_and_changes_the_schedule_on_enkatlankar(sample_db, smtp, monkeypatch):
    con = db.connect()
    at = app_as("samordnare", "enkatlankar")
    assert not at.exception, [e.value for e in at.exception]
    text = _text(at)
    # The sample: off, and no SMTP server or public address; every reason said.
    assert (
        "Inga länkar skickas: schemat är avstängt; inga SMTP-inställningar (smtp_host och smtp_from)" in text
    )
    assert "Inga påminnelser skickas: schemat är avstängt" in text

    config.set_setting(con, "public_url", "https://est.trelleborg.example")
    monkeypatch.setenv("EST_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("EST_SMTP_PORT", str(smtp.port))
    monkeypatch.setenv("EST_SMTP_FROM", "trygghet@trelleborg.example")
    at.toggle(key="linkmail_linkmail_enabled").set_value(True)
    at.selectbox(key="linkmail_linkmail_send_day").set_value("onsdag")
    at.time_input(key="linkmail_linkmail_send_time").set_value(dt.time(7, 30))
    at.selectbox(key="linkmail_linkmail_remind_day").set_value("fredag")
    at.button(key="linkmail_schedule_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert ls.settings(con) | {"linkmail_from": ""} == {
        "linkmail_enabled": "1",
        "linkmail_send_day": "onsdag",
        "linkmail_send_time": "07:30",
        "linkmail_remind_day": "fredag",
        "linkmail_remind_time": "09:00",
        "linkmail_from": "",
    }
    assert (
        con.execute(
            "select count(*) from audit_log where table_name = 'setting' and username = 'samordnare'"
        ).fetchone()[0]
        == 4
    )
    at.run()
    text = _text(at)
    link, reminder = ls.next_sends(con)
    assert link.will_send and reminder.will_send
    assert link.at.weekday() == 2 and link.at.time() == dt.time(7, 30)
    assert reminder.at.weekday() == 4 and reminder.at.time() == dt.time(9, 0)
    for item, heading in ((link, "Nästa utskick av länkar"), (reminder, "Nästa påminnelse")):
        assert f"{item.at:%Y-%m-%d %H:%M}" in text and item.round.label("sv", with_year=True) in text
        assert heading in text
    assert "onsdag" in text and "fredag" in text
    # A bad value is refused with the message, nothing stored.
    at.selectbox(key="linkmail_linkmail_remind_day").set_value("av")
    at.text_input(key="linkmail_linkmail_from").input("inte en adress")
    at.button(key="linkmail_schedule_save").click().run()
    assert not at.exception
    assert at.error and ls.settings(con)["linkmail_remind_day"] == "fredag"
