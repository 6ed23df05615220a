"""The Utskick section of Enkätlänkar and the link-mail settings on Administration (issue 18 item 2)."""

from __future__ import annotations

import pytest

from est_data import config, db, linkmail
from tests.conftest import app_as
from tests.test_linkmail import SmtpServer


def _text(at) -> str:
    parts = []
    for kind in ("markdown", "caption", "success", "warning", "error", "info", "subheader"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts).replace("\\", "")  # Markdown escapes (est_data.text.md) as the reader sees them


@pytest.fixture
def smtp():
    server = SmtpServer()
    server.controller.start()
    yield server
    server.controller.stop()


def test_utskick_dry_run_send_now_and_bounce(sample_db, smtp, monkeypatch):
    con = db.connect()
    config.set_setting(con, "public_url", "https://est.trelleborg.example")
    monkeypatch.setenv("EST_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("EST_SMTP_PORT", str(smtp.port))
    monkeypatch.setenv("EST_SMTP_FROM", "trygghet@trelleborg.example")
    con.execute("update reporter set email = null where id = (select min(id) from reporter where active)")
    no_email = con.execute("select name from reporter where active and email is null").fetchone()[0]
    with_email = con.execute(
        "select count(*) from reporter where active and coalesce(trim(email), '') <> ''"
    ).fetchone()[0]
    assert with_email > 0
    at = app_as("samordnare", "enkatlankar")
    assert not at.exception
    text = _text(at)
    assert "Utskick med e-post" in text
    assert "Inga länkar skickas:** schemat är avstängt" in text
    assert "Inga utskick har körts ännu." in text
    assert f"Saknar e-post (1, får inga utskick; lägg till adressen under Register): {no_email}" in text
    at.button(key="linkmail_dry_run").click().run()
    assert not at.exception
    (plan,) = [d.value for d in at.dataframe if "Vad händer" in d.value.columns]
    assert list(plan["Vad händer"]).count("skickas") == with_email
    assert plan[plan["Vad händer"] == "saknar e-post"]["Rapportör"].tolist() == [no_email]
    assert set(plan["Omgång"]) == {
        linkmail.rounds.round_of(con, linkmail.stockholm_now().date()).label("sv", True)
    }
    assert f"{with_email} skulle få e-post" in _text(at)
    assert smtp.messages == []
    at.button(key="linkmail_send").click().run()
    assert not at.exception
    assert len(smtp.messages) == with_email
    assert f"{with_email} skickade, 0 misslyckade" in [s.value for s in at.success][0]
    at.run()
    assert f"{with_email} skickade" in _text(at)  # the last run
    assert len(at.selectbox(key="linkmail_bounce_choose").options) == with_email + 1  # "Välj …" first
    rnd = linkmail.rounds.round_of(con, linkmail.stockholm_now().date())
    first = linkmail.ledger(con, rnd).iloc[0]
    at.selectbox(key="linkmail_bounce_choose").set_value(int(first["id"]))
    at.text_input(key="linkmail_bounce_note").input("550 5.1.1 okänd mottagare").run()
    at.button(key="linkmail_bounce").click().run()
    assert not at.exception
    assert con.execute("select status, error from link_mail where id = ?", [int(first["id"])]).fetchone() == (
        "bounced",
        "550 5.1.1 okänd mottagare",
    )
    (per_round,) = [d.value for d in at.dataframe if "studsade" in d.value.columns]
    assert per_round[["skickat", "studsade"]].values.tolist() == [[with_email - 1, 1]]


def test_templates_refuse_unknown_placeholders_on_the_page(sample_db):
    con = db.connect()
    at = app_as("samordnare", "enkatlankar")
    at.text_input(key="linkmail_subject_link").input("Enkät {vecka}")
    at.button(key="linkmail_save_link").click().run()
    assert not at.exception
    assert "Okänd platshållare {vecka}. Tillåtna: {namn}, {omgång}, {länk}, {giltig_till}." in _text(at)
    assert linkmail.template(con, "link").custom is False
    at.text_input(key="linkmail_subject_link").input("Enkäten {omgång}")
    at.button(key="linkmail_save_link").click().run()
    assert not at.exception
    assert linkmail.template(con, "link").subject == "Enkäten {omgång}"
    rnd = linkmail.rounds.round_of(con, linkmail.stockholm_now().date())
    preview = at.code[0].value
    assert preview.startswith(f"Ämne: Enkäten {rnd.label('sv', with_year=True)}\n\nHej ")
    assert "?token=EXEMPEL" in preview


def test_utskick_on_an_empty_database(empty_db):
    from est_data import auth

    con = db.connect()
    auth.create_user(con, "samordnare", "provlosenord-123", "samordnare")
    at = app_as("samordnare", "enkatlankar")
    assert not at.exception
    text = _text(at)
    assert "Ingen SMTP-server" in text and "public_url" in text
    assert "Inga aktiva rapportörer att förhandsvisa för." in text
    at.button(key="linkmail_dry_run").click().run()
    assert not at.exception
    assert "Ingen skulle få något." in _text(at)


def test_link_mail_settings_on_administration(sample_db):
    con = db.connect()
    at = app_as("admin", "admin")
    assert not at.exception
    at.toggle(key="admin_setting_linkmail_enabled").set_value(True)
    at.selectbox(key="admin_setting_linkmail_send_day").set_value("onsdag")
    at.selectbox(key="admin_setting_linkmail_remind_day").set_value("av")
    at.text_input(key="admin_setting_linkmail_from").input("enkat@trelleborg.example")
    at.button(key="admin_settings_submit").click().run()
    assert not at.exception
    sched = linkmail.schedule(con)
    assert (sched.enabled, sched.send_day, sched.remind_day, sched.sender) == (
        True,
        2,
        None,
        "enkat@trelleborg.example",
    )
    assert sched.send_time.strftime("%H:%M") == "08:00"


def test_an_interrupted_send_is_shown_and_can_be_released(sample_db):
    import datetime as dt

    con = db.connect()
    rnd = linkmail.rounds.round_of(con, linkmail.stockholm_now().date())
    reporter_id, email = con.execute(
        "select id, email from reporter where active order by id limit 1"
    ).fetchone()
    claimed = dt.datetime.now() - dt.timedelta(hours=1)
    con.execute(
        "insert into link_mail (round_year, round_week, reporter_id, kind, status, email, claimed_at, updated_at)"
        " values (?, ?, ?, 'link', 'sending', ?, ?, ?)",
        [rnd.start.year, rnd.start.week, reporter_id, email, claimed, claimed],
    )
    at = app_as("samordnare", "enkatlankar")
    assert not at.exception
    (per_round,) = [d.value for d in at.dataframe if "avbrutna" in d.value.columns]
    assert per_round["avbrutna"].tolist() == [1]
    mail_id = con.execute("select id from link_mail").fetchone()[0]
    at.selectbox(key="linkmail_release_choose").set_value(mail_id).run()
    at.button(key="linkmail_release").click().run()
    assert not at.exception
    assert con.execute("select status, retry from link_mail").fetchone() == ("failed", True)
    assert linkmail.plan(con, rnd, "link").set_index("reporter_id").loc[reporter_id, "action"] == "retry"
