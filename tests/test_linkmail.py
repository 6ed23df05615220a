"""Survey links and reminders by mail (issue 18 item 2), against a local SMTP server (aiosmtpd).

Done when: a scheduled send and reminder reach a local SMTP server once each, also across an app
restart (a new connection and scheduler on the same database file, run twice).
"""

from __future__ import annotations

import datetime as dt
import socket

import pytest

from est_data import config, db, linkmail, links, rounds
from est_data.model import IsoWeek, UserError

W = IsoWeek
TUESDAY_0830 = dt.datetime(2026, 11, 24, 8, 30)  # W48, after the default send time (tisdag 08:00)
THURSDAY_0930 = dt.datetime(2026, 11, 26, 9, 30)  # after the default reminder time (torsdag 09:00)
ROUND = rounds.Round(W(2026, 48), 1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    """A local SMTP server that keeps what it receives; refuses (550) or defers (451) chosen recipients."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list = []
        self.refuse: set[str] = set()
        self.defer: set[str] = set()
        outer = self

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address in outer.refuse:
                    return "550 5.1.1 No such user here"
                if address in outer.defer:
                    return "451 4.3.0 Try again later"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                import email
                from email import policy

                message = email.message_from_bytes(envelope.content, policy=policy.default)
                outer.messages.append((list(envelope.rcpt_tos), message))
                return "250 Message accepted for delivery"

        self.port = _free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def to(self, address: str) -> list:
        return [m for rcpt, m in self.messages if address in rcpt]


@pytest.fixture
def smtp():
    server = SmtpServer()
    server.controller.start()
    yield server
    server.controller.stop()


def _setup(con, port: int, enabled: bool = True) -> dict[str, int]:
    """A municipality with three active reporters (two with e-mail) and one inactive one."""
    con.execute("insert into municipality (code, name) values ('1287', 'Trelleborg') on conflict do nothing")
    con.execute("insert into area (municipality_code, name, kind) values ('1287', 'Centrum', 'stadsdel')")
    ids = {}
    for name, email, active in (
        ("Anna Andersson", "anna@example.test", True),
        ("Bo Berg", "bo@example.test", True),
        ("Cilla Ceder", None, True),
        ("Dan Dahl", "dan@example.test", False),
    ):
        ids[name.split()[0]] = con.execute(
            "insert into reporter (name, email, active) values (?, ?, ?) returning id", [name, email, active]
        ).fetchone()[0]
    for name, value in (
        ("smtp_host", "127.0.0.1"),
        ("smtp_port", str(port)),
        ("smtp_from", "trygghet@trelleborg.example"),
        ("public_url", "https://est.trelleborg.example"),
        ("linkmail_enabled", "1" if enabled else "0"),
    ):
        config.set_setting(con, name, value)
    return ids


def _answer(con, reporter_id: int, week: IsoWeek) -> None:
    area_id = con.execute("select min(id) from area").fetchone()[0]
    con.execute(
        "insert into survey_response (iso_year, iso_week, reporter_id, area_id, submitted_at, source)"
        " values (?, ?, ?, ?, ?, 'form')",
        [week.year, week.week, reporter_id, area_id, dt.datetime(2026, 11, 25, 10, 0)],
    )


def _token(message) -> str:
    body = message.get_content()
    url = next(word for word in body.split() if word.startswith("https://est.trelleborg.example/?token="))
    return url.split("token=", 1)[1]


def test_scheduled_send_and_reminder_reach_the_server_once_each_across_a_restart(empty_db, smtp):
    con = db.connect(empty_db)
    ids = _setup(con, smtp.port)
    assert linkmail.due(con, TUESDAY_0830 - dt.timedelta(hours=1)) == []  # 07:30: not yet
    assert linkmail.due(con, TUESDAY_0830) == [(ROUND, "link")]

    first = linkmail.run_due(con, TUESDAY_0830)
    assert [(r.sent, r.failed, r.no_email) for r in first] == [(2, 0, 1)]
    assert sorted(a for rcpt, _ in smtp.messages for a in rcpt) == ["anna@example.test", "bo@example.test"]
    anna = smtp.to("anna@example.test")[0]
    assert anna["Subject"] == "Enkäten om trygghetsläget – vecka 48 2026"
    assert anna["From"] == "trygghet@trelleborg.example"
    assert "Hej Anna Andersson!" in anna.get_content()
    session = links.resolve(con, _token(anna))  # the mailed link opens Anna's form for the round
    assert session is not None and session.reporter_id == ids["Anna"] and session.week == W(2026, 48)

    # A second run in the same process and a "restart": a new connection on the same file, run twice.
    assert linkmail.run_due(con, TUESDAY_0830 + dt.timedelta(minutes=1)) == []
    db.close(empty_db)
    con = db.connect(empty_db)
    assert linkmail.due(con, TUESDAY_0830 + dt.timedelta(hours=3)) == []
    for _ in range(2):
        assert linkmail.run_due(con, TUESDAY_0830 + dt.timedelta(hours=3)) == []
    assert len(smtp.messages) == 2

    # Bo answers; at the reminder time only Anna is reminded, once, also after another restart.
    _answer(con, ids["Bo"], W(2026, 48))
    reminded = linkmail.run_due(con, THURSDAY_0930)
    assert [(r.kind, r.sent) for r in reminded] == [("reminder", 1)]
    db.close(empty_db)
    con = db.connect(empty_db)
    for _ in range(2):
        assert linkmail.run_due(con, THURSDAY_0930 + dt.timedelta(minutes=5)) == []
    assert len(smtp.to("anna@example.test")) == 2
    assert len(smtp.to("bo@example.test")) == 1
    reminder = smtp.to("anna@example.test")[1]
    assert reminder["Subject"].startswith("Påminnelse")
    assert links.resolve(con, _token(reminder)).reporter_id == ids["Anna"]  # a new link that works
    assert links.resolve(con, _token(anna)) is not None  # and the first one still does
    # every send is in the audit log, with its message id
    audited = con.execute(
        "select count(*) from audit_log where table_name = 'link_mail' and operation in ('mail_link', 'mail_reminder')"
    ).fetchone()[0]
    assert audited == 3
    ledger = linkmail.ledger(con, ROUND)
    assert sorted(zip(ledger["kind"], ledger["status"], strict=True)) == [
        ("link", "sent"),
        ("link", "sent"),
        ("reminder", "sent"),
    ]
    assert anna["Message-ID"].endswith("@trelleborg.example>")


def test_a_crash_between_claim_and_send_never_sends_twice(empty_db, smtp):
    con = db.connect(empty_db)
    ids = _setup(con, smtp.port)
    # The app died after claiming Anna's mail: her row is 'sending', the scheduled run not completed.
    now = dt.datetime.now()
    con.execute(
        "insert into link_mail (round_year, round_week, reporter_id, kind, status, email, claimed_at, updated_at)"
        " values (2026, 48, ?, 'link', 'sending', 'anna@example.test', ?, ?)",
        [ids["Anna"], now, now],
    )
    con.execute(
        "insert into link_mail_scheduled (round_year, round_week, kind, claimed_at) values (2026, 48, 'link', ?)",
        [now],
    )
    db.close(empty_db)
    con = db.connect(empty_db)  # restart after the send time: the rest is sent, Anna not again
    assert [r.sent for r in linkmail.run_due(con, TUESDAY_0830)] == [1]
    assert [rcpt for rcpt, _ in smtp.messages] == [["bo@example.test"]]
    assert linkmail.run_due(con, TUESDAY_0830) == []
    assert linkmail.per_round(con)[["sent", "sending"]].values.tolist() == [[1, 1]]
    # The coordinator may release it for another try (it may have arrived: a person decides) ...
    mail_id = con.execute("select id from link_mail where status = 'sending'").fetchone()[0]
    with pytest.raises(UserError):  # ... not while it could still be in flight
        linkmail.release_interrupted(con, mail_id, "samordnare", now=now + dt.timedelta(minutes=5))
    linkmail.release_interrupted(con, mail_id, "samordnare", now=now + dt.timedelta(minutes=11))
    assert linkmail.send(con, ROUND, "link", "samordnare").sent == 1
    assert [rcpt for rcpt, _ in smtp.messages] == [["bo@example.test"], ["anna@example.test"]]
    assert linkmail.send(con, ROUND, "link", "samordnare").sent == 0


def test_dry_run_sends_nothing_and_makes_no_links(empty_db, smtp):
    con = db.connect(empty_db)
    ids = _setup(con, smtp.port)
    _answer(con, ids["Bo"], W(2026, 48))
    plan = linkmail.dry_run(con, ROUND, "link")
    assert sorted(zip(plan["name"], plan["action"], strict=True)) == [
        ("Anna Andersson", "skickas"),
        ("Bo Berg", "skickas"),
        ("Cilla Ceder", "saknar e-post"),
    ]
    assert set(plan["round"]) == {"vecka 48 2026"} and set(plan["kind"]) == {"enkätlänk"}
    reminders = linkmail.dry_run(con, ROUND, "reminder", lang="en")
    assert sorted(zip(reminders["name"], reminders["action"], strict=True)) == [
        ("Anna Andersson", "will be sent"),
        ("Cilla Ceder", "no e-mail address"),
    ]
    assert smtp.messages == []
    assert con.execute("select count(*) from survey_link").fetchone()[0] == 0
    assert con.execute("select count(*) from link_mail").fetchone()[0] == 0


def test_a_refused_recipient_is_failed_and_not_retried_endlessly(empty_db, smtp, monkeypatch):
    monkeypatch.setattr(linkmail, "RETRY_AFTER", dt.timedelta(0))
    con = db.connect(empty_db)
    _setup(con, smtp.port)
    smtp.refuse.add("anna@example.test")  # 550: final
    smtp.defer.add("bo@example.test")  # 451: tried again, at most MAX_ATTEMPTS times
    result = linkmail.run_due(con, TUESDAY_0830)[0]
    assert (result.sent, result.failed) == (0, 2)
    assert dict(result.failures)["Anna Andersson"].startswith("550")
    for minute in range(1, 8):
        linkmail.run_due(con, TUESDAY_0830 + dt.timedelta(minutes=minute))
    rows = dict(
        (email, (status, attempts, retry, error[:3]))
        for email, status, attempts, retry, error in con.execute(
            "select email, status, attempts, retry, error from link_mail"
        ).fetchall()
    )
    assert rows == {
        "anna@example.test": ("failed", 1, False, "550"),
        "bo@example.test": ("failed", linkmail.MAX_ATTEMPTS, True, "451"),
    }
    assert linkmail.due(con, TUESDAY_0830 + dt.timedelta(minutes=9)) == []
    assert smtp.messages == []
    # shown per round: two failed links
    assert linkmail.per_round(con)[["kind", "sent", "failed"]].values.tolist() == [["link", 0, 2]]
    # a bounce reported later is registered on a sent mail
    smtp.defer.clear()
    sent = linkmail.send(con, ROUND, "reminder", "samordnare")
    assert sent.sent == 1  # Bo, reminded (Anna's address is refused)
    (bo_mail,) = linkmail.mails_to(con, "BO@example.test", ROUND)
    linkmail.mark_bounced(con, bo_mail, "samordnare", "550 mailbox full")
    assert con.execute("select status, error from link_mail where id = ?", [bo_mail]).fetchone() == (
        "bounced",
        "550 mailbox full",
    )
    assert con.execute("select count(*) from audit_log where operation = 'mark_bounced'").fetchone()[0] == 1


def test_nothing_is_due_when_off_or_unconfigured_or_after_the_round(empty_db, smtp):
    con = db.connect(empty_db)
    _setup(con, smtp.port, enabled=False)
    assert linkmail.due(con, TUESDAY_0830) == []
    config.set_setting(con, "linkmail_enabled", "1")
    # Monday of the next round: W48's send is over, W49's not yet due (an app down all week sends no
    # stale links)
    assert linkmail.due(con, dt.datetime(2026, 11, 30, 8, 30)) == []
    config.set_setting(con, "public_url", "")
    assert linkmail.problems(con) == ["linkmail.problem.public_url"]
    assert linkmail.due(con, TUESDAY_0830) == []


def test_a_two_week_round_is_sent_once_and_labelled_as_two_weeks(empty_db, smtp):
    con = db.connect(empty_db)
    _setup(con, smtp.port)
    rounds.set_length(con, 2, W(2026, 48), by=None)
    rnd = rounds.round_of(con, W(2026, 49))
    assert rnd == rounds.Round(W(2026, 48), 2)
    assert linkmail.run_due(con, TUESDAY_0830)[0].sent == 2
    assert [(r.kind, r.sent) for r in linkmail.run_due(con, THURSDAY_0930)] == [("reminder", 2)]
    # Tuesday and Thursday of the round's second week: not a new round, nothing more
    assert linkmail.run_due(con, dt.datetime(2026, 12, 1, 8, 30)) == []
    assert linkmail.run_due(con, dt.datetime(2026, 12, 3, 9, 30)) == []
    assert len(smtp.messages) == 4
    assert smtp.messages[0][1]["Subject"] == "Enkäten om trygghetsläget – vecka 48–49 2026"
    assert con.execute("select distinct iso_week from survey_link").fetchall() == [(48,)]


def test_templates_refuse_unknown_placeholders_and_render_a_preview(empty_db, smtp):
    con = db.connect(empty_db)
    ids = _setup(con, smtp.port)
    with pytest.raises(UserError) as err:
        linkmail.save_template(con, "link", "Enkät {vecka}", "Hej {namn}, {länk}", "samordnare")
    assert err.value.key == "linkmail.error.placeholder" and err.value.kwargs["name"] == "{vecka}"
    for subject, body, key in (
        ("Enkät", "Hej {namn}", "linkmail.error.no_link"),
        ("Enkät", "Hej {namn, {länk}", "linkmail.error.braces"),
        ("Enkät", "Hej {namn.__class__} {länk}", "linkmail.error.placeholder"),
        ("Enkät", "Hej {namn!r} {länk}", "linkmail.error.placeholder"),
        ("Rad ett\nrad två", "{länk}", "linkmail.error.subject"),
        ("", "{länk}", "linkmail.error.empty"),
    ):
        with pytest.raises(UserError) as err:
            linkmail.save_template(con, "link", subject, body, "samordnare")
        assert err.value.key == key, (subject, body)
    linkmail.save_template(
        con, "link", "Enkät {omgång}", "Hej {namn}! {länk} ({giltig_till}) {{ok}}", "samordnare"
    )
    subject, body = linkmail.preview(con, "link", ids["Anna"], ROUND)
    assert subject == "Enkät vecka 48 2026"
    assert body.startswith("Hej Anna Andersson! https://est.trelleborg.example/?token=EXEMPEL (")
    assert body.endswith(") {ok}")
    assert con.execute("select count(*) from survey_link").fetchone()[0] == 0  # a preview makes no link
    linkmail.reset_template(con, "link", "samordnare")
    assert linkmail.template(con, "link").custom is False


def test_cli_send_remind_due_and_bounce(empty_db, smtp, capsys):
    from est_data.cli import main

    con = db.connect(empty_db)
    ids = _setup(con, smtp.port)
    _answer(con, ids["Bo"], W(2026, 48))
    db.close_all()
    args = ["--db", str(empty_db), "links"]
    assert main([*args, "send", "--round", "2026-W48", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Anna Andersson\tanna@example.test\tenkätlänk\tvecka 48 2026\tskickas" in out
    assert "Cilla Ceder\t–\tenkätlänk\tvecka 48 2026\tsaknar e-post" in out
    assert smtp.messages == []
    assert main([*args, "send", "--round", "2026-W48"]) == 0
    assert (
        "enkätlänk för vecka 48 2026: 2 skickade, 0 misslyckade, 1 saknar e-post." in capsys.readouterr().out
    )
    assert main([*args, "send", "--round", "2026-W48"]) == 0  # again: nobody gets a second link
    assert main([*args, "remind", "--round", "2026-W48"]) == 0
    assert main([*args, "remind", "--round", "2026-W48"]) == 0
    assert sorted(a for rcpt, _ in smtp.messages for a in rcpt) == [
        "anna@example.test",
        "anna@example.test",
        "bo@example.test",
    ]
    assert main([*args, "bounce", "--email", "bo@example.test", "--note", "550 okänd mottagare"]) == 0
    assert main([*args, "bounce", "--email", "nobody@example.test"]) == 2
    assert main([*args, "send", "--round", "2026-W99"]) == 2
    con = db.connect(empty_db)
    assert linkmail.per_round(con)[["kind", "sent", "bounced"]].values.tolist() == [
        ["link", 1, 1],
        ["reminder", 1, 0],
    ]
    # `links due` from cron: today's weekday at 00:00 is due now, once
    config.set_setting(
        con,
        "linkmail_send_day",
        ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"][
            linkmail.stockholm_now().weekday()
        ],
    )
    config.set_setting(con, "linkmail_send_time", "00:00")
    config.set_setting(con, "linkmail_remind_day", "av")
    db.close_all()
    capsys.readouterr()
    assert main([*args, "due"]) == 0
    assert "2 skickade" in capsys.readouterr().out
    assert main([*args, "due"]) == 0
    assert "Inget utskick att göra nu." in capsys.readouterr().out
    assert len(smtp.messages) == 5


def test_cli_due_leaves_the_sending_to_the_app_that_holds_the_database(empty_db, capsys):
    import subprocess
    import sys

    from est_data.cli import main

    db.connect(empty_db)
    db.close_all()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(30)",
            str(empty_db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        assert main(["--db", str(empty_db), "links", "due"]) == 0
        assert "Appen har databasen öppen" in capsys.readouterr().out
        assert main(["--db", str(empty_db), "links", "send", "--round", "2026-W48"]) == 2  # cannot send
    finally:
        holder.kill()
        holder.wait()
