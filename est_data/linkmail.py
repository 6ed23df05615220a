"""Survey links and reminders by mail from the app (issue 18 item 2).

On a chosen weekday and time each active reporter with an e-mail address gets a personal link for the
round (est_data.links); at a second time those who have not answered the round get ONE reminder. The
texts are Swedish templates the coordinator can edit (placeholders {namn}, {omgång}, {länk},
{giltig_till}).

Nothing is sent twice, also across a crash or a restart: every message has a row in the ledger
`link_mail` (round, reporter, kind; unique), written with status 'sending' in its own transaction
BEFORE the message goes to the SMTP server, and set to sent or failed afterwards. A run that dies
between the two leaves 'sending' behind, shown as interrupted and never sent again automatically
(at most once, never twice). A failure the server calls temporary (4xx, a lost connection) is tried
again after RETRY_AFTER, up to MAX_ATTEMPTS tries; a refusal (5xx, e.g. an unknown recipient) is not
retried. Bounces that come back later by mail are registered with `mark_bounced`.

"Due" (the app's scheduler every minute, or `links due` from cron): the round's send (or reminder)
time has passed, the round is not over (a reminder after the round's end has one day), and the
scheduled run of that round and kind has not run to its end (`link_mail_scheduled`, claimed once);
after it has, only failed sends still to be retried make it due. So an app that starts after the
time still sends once, and a second process or a second start never sends again.

The reminder's link: the database keeps only a hash of each token (est_data.links), so the link mailed
first cannot be sent again; the reminder carries a new link for the same round. The first link is not
revoked and keeps working until it expires: both open the same reporter's form for the round.
"""

from __future__ import annotations

import datetime as dt
import smtplib
import string
import threading
import traceback
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd

from est_data import audit, config, db, i18n, links, rounds
from est_data.model import IsoWeek, UserError
from est_data.rounds import Round
from est_data.smtp import MailNotConfigured, open_smtp, smtp_settings

KINDS = ("link", "reminder")
PLACEHOLDERS = ("namn", "omgång", "länk", "giltig_till")
MAX_ATTEMPTS = 3
RETRY_AFTER = dt.timedelta(minutes=5)
POLL_SECONDS = 60.0
SCHEDULER_USER = "schemaläggare"
REMINDER_OFF = "av"
TIMEZONE = ZoneInfo("Europe/Stockholm")
MAX_SUBJECT = 200
MAX_BODY = 5000
# What a reporter's row in a plan (the dry run) says will happen.
ACTIONS = ("send", "retry", "no_email", "done", "answered")

_schedulers: dict[str, threading.Thread] = {}
_scheduler_lock = threading.Lock()


# --- The schedule ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Schedule:
    enabled: bool
    send_day: int  # Monday = 0
    send_time: dt.time
    remind_day: int | None  # None: no reminder
    remind_time: dt.time
    sender: str  # the link mail's From (empty: smtp_from)

    def send_at(self, rnd: Round) -> dt.datetime:
        """When the round's links go out: its first week's weekday at the time."""
        return dt.datetime.combine(rnd.monday() + dt.timedelta(days=self.send_day), self.send_time)

    def remind_at(self, rnd: Round) -> dt.datetime | None:
        """The first reminder weekday and time after the send time (None: no reminder)."""
        if self.remind_day is None:
            return None
        at = dt.datetime.combine(rnd.monday() + dt.timedelta(days=self.remind_day), self.remind_time)
        while at <= self.send_at(rnd):
            at += dt.timedelta(days=7)
        return at

    def at(self, rnd: Round, kind: str) -> dt.datetime | None:
        return self.send_at(rnd) if kind == "link" else self.remind_at(rnd)


def parse_time(text: str) -> dt.time:
    """'08:00' (or '8.00') as a time; ValueError otherwise."""
    hour, minute = text.replace(".", ":").split(":")
    return dt.time(int(hour), int(minute))


def schedule(con) -> Schedule:
    """The schedule from the settings (Administration): on/off, weekdays, times, sender."""
    remind_day = config.get_setting(con, "linkmail_remind_day").strip().lower()
    return Schedule(
        enabled=config.get_setting(con, "linkmail_enabled").strip() == "1",
        send_day=i18n.WEEKDAYS_SV.index(config.get_setting(con, "linkmail_send_day").strip().lower()),
        send_time=parse_time(config.get_setting(con, "linkmail_send_time")),
        remind_day=None if remind_day == REMINDER_OFF else i18n.WEEKDAYS_SV.index(remind_day),
        remind_time=parse_time(config.get_setting(con, "linkmail_remind_time")),
        sender=config.get_setting(con, "linkmail_from").strip(),
    )


def stockholm_now() -> dt.datetime:
    """Swedish wall-clock time (the schedule's 'tisdag 08:00'), whatever the server's time zone."""
    return dt.datetime.now(TIMEZONE).replace(tzinfo=None)


def deadline(rnd: Round, at: dt.datetime) -> dt.datetime:
    """Until when a send due at `at` may still go out: the round's end, at least a day after `at`."""
    return max(dt.datetime.combine(rnd.sunday() + dt.timedelta(days=1), dt.time()), at + dt.timedelta(days=1))


def sender_address(con) -> str:
    """The From address: linkmail_from, else smtp_from. MailNotConfigured without an SMTP server."""
    _, _, smtp_from = smtp_settings(con)
    return config.get_setting(con, "linkmail_from").strip() or smtp_from


def base_url(con) -> str:
    return (config.get_setting(con, "public_url") or "").strip().rstrip("/")


def problems(con) -> list[str]:
    """i18n keys of what keeps mail from going out (no SMTP server or sender, no public address)."""
    out = []
    try:
        smtp_settings(con)
    except MailNotConfigured:
        out.append("linkmail.problem.smtp")
    if not base_url(con):
        out.append("linkmail.problem.public_url")
    return out


# --- Templates --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Template:
    kind: str
    subject: str
    body: str
    custom: bool  # False: the default text


def default_template(kind: str) -> Template:
    return Template(
        kind, i18n.t(f"linkmail.default.{kind}.subject"), i18n.t(f"linkmail.default.{kind}.body"), False
    )


def template(con, kind: str) -> Template:
    """The coordinator's template for kind ('link' or 'reminder'), else the default."""
    if kind not in KINDS:
        raise ValueError(kind)
    row = con.execute("select subject, body from mail_template where kind = ?", [kind]).fetchone()
    return Template(kind, row[0], row[1], True) if row else default_template(kind)


def _fields(text: str) -> list[str]:
    """The placeholders of a text, as str.format reads them; UserError when braces do not pair."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise UserError("linkmail.error.braces") from None
    out = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion:  # {namn:>10} or {namn!r}: nothing a mail needs, refused to keep it simple
            raise UserError("linkmail.error.placeholder", name=f"{{{name}}}", allowed=_allowed())
        out.append(name)
    return out


def _allowed() -> str:
    return ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)


def validate_template(subject: str, body: str) -> tuple[str, str]:
    """The cleaned subject and body, or UserError: empty, too long, a line break in the subject, braces
    that do not pair, an unknown placeholder (with the allowed ones), no {länk} in the body."""
    subject = (subject or "").strip()
    body = (body or "").strip().replace("\r\n", "\n")
    if not subject or not body:
        raise UserError("linkmail.error.empty")
    if "\n" in subject or "\r" in subject or len(subject) > MAX_SUBJECT:
        raise UserError("linkmail.error.subject", n=MAX_SUBJECT)
    if len(body) > MAX_BODY:
        raise UserError("linkmail.error.body", n=MAX_BODY)
    for name in _fields(subject) + _fields(body):
        if name not in PLACEHOLDERS:
            raise UserError("linkmail.error.placeholder", name=f"{{{name}}}", allowed=_allowed())
    if "länk" not in _fields(body):
        raise UserError("linkmail.error.no_link")
    return subject, body


def save_template(con, kind: str, subject: str, body: str, by: str) -> None:
    """Store the coordinator's template (validated) with an audit row."""
    if kind not in KINDS:
        raise ValueError(kind)
    subject, body = validate_template(subject, body)
    before = template(con, kind)
    with db.transaction(con):
        con.execute(
            "insert or replace into mail_template (kind, subject, body, updated_at, updated_by)"
            " values (?, ?, ?, ?, ?)",
            [kind, subject, body, dt.datetime.now(), by],
        )
        audit.record(
            con,
            by,
            "update",
            "mail_template",
            kind,
            before={"subject": before.subject, "body": before.body},
            after={"subject": subject, "body": body},
        )


def reset_template(con, kind: str, by: str) -> None:
    """Back to the default text (the stored template is removed, with an audit row)."""
    before = template(con, kind)
    if not before.custom:
        return
    with db.transaction(con):
        con.execute("delete from mail_template where kind = ?", [kind])
        audit.record(
            con,
            by,
            "delete",
            "mail_template",
            kind,
            before={"subject": before.subject, "body": before.body},
        )


def render(tpl: Template, name: str, rnd: Round, url: str, valid_until: dt.datetime) -> tuple[str, str]:
    """Subject and body with the placeholders filled in (values are inserted, never read as a template)."""
    values = {
        "namn": " ".join(str(name).split()),  # no line break from a name can reach the Subject header
        "omgång": rnd.label("sv", with_year=True),
        "länk": url,
        "giltig_till": valid_until.strftime("%Y-%m-%d %H:%M"),
    }
    return tpl.subject.format_map(values), tpl.body.format_map(values)


def preview(
    con, kind: str, reporter_id: int, rnd: Round, tpl: Template | None = None, url: str | None = None
) -> tuple[str, str]:
    """The mail one reporter would get, with an example link (no link is made)."""
    row = con.execute("select name from reporter where id = ?", [int(reporter_id)]).fetchone()
    name = row[0] if row else "–"
    example = links.url_for(url or base_url(con) or "https://exempel.invalid", "EXEMPEL")
    valid_until = (dt.datetime.now() + dt.timedelta(days=links.DEFAULT_VALID_DAYS)).replace(
        second=0, microsecond=0
    )
    return render(tpl or template(con, kind), name, rnd, example, valid_until)


# --- Who gets what ----------------------------------------------------------------------------------
def plan(con, rnd: Round, kind: str, retry_before: dt.datetime | None = None) -> pd.DataFrame:
    """Every active reporter and what a send of kind for the round does for them: reporter_id, name,
    email, action (send, retry, no_email, done: already has a row, answered: no reminder needed).
    retry_before: failed sends last tried before this time may be tried again (default: now - RETRY_AFTER).
    """
    if kind not in KINDS:
        raise ValueError(kind)
    retry_before = retry_before or dt.datetime.now() - RETRY_AFTER
    weeks = [w.year * 100 + w.week for w in rnd.week_list()]
    return con.execute(
        """
        with answered as (
            select distinct reporter_id
            from survey_response
            where list_contains(?, iso_year * 100 + iso_week)
        ),
        ledger as (
            select reporter_id, status, retry, attempts, updated_at
            from link_mail
            where round_year = ? and round_week = ? and kind = ?
        ),
        final as (
            select r.id as reporter_id, r.name, nullif(trim(r.email), '') as email,
                   case when ? = 'reminder' and a.reporter_id is not null then 'answered'
                        when l.status = 'failed' and l.retry and l.attempts < ? and l.updated_at <= ?
                             and nullif(trim(r.email), '') is not null then 'retry'
                        when l.status is not null then 'done'
                        when nullif(trim(r.email), '') is null then 'no_email'
                        else 'send' end as action
            from reporter r
            left join answered a on a.reporter_id = r.id
            left join ledger l on l.reporter_id = r.id
            where r.active
        )
        select * from final order by name
        """,
        [weeks, rnd.start.year, rnd.start.week, kind, kind, MAX_ATTEMPTS, retry_before],
    ).df()


def dry_run(con, rnd: Round, kind: str, lang: str = "sv") -> pd.DataFrame:
    """Who would get what, without sending or making links: name, email, kind, round, action (the
    reporters a send would mail, and those who lack an address). Labels in lang."""
    frame = plan(con, rnd, kind)
    frame = frame[frame["action"].isin(["send", "retry", "no_email"])].reset_index(drop=True)
    return pd.DataFrame(
        {
            "name": frame["name"],
            "email": frame["email"],
            "kind": i18n.t(f"linkmail.kind.{kind}", lang),
            "round": rnd.label(lang, with_year=True),
            "action": [i18n.t(f"linkmail.action.{a}", lang) for a in frame["action"]],
        }
    )


# --- Sending ------------------------------------------------------------------------------------------
@dataclass
class RunResult:
    round: Round
    kind: str
    run_id: int | None = None
    sent: int = 0
    failed: int = 0
    no_email: int = 0
    aborted: bool = False  # the server was lost: the rest is sent by the next run
    error: str | None = None
    failures: list[tuple[str, str]] = field(default_factory=list)  # (name, error)

    def summary(self, lang: str = "sv") -> str:
        return i18n.t(
            "linkmail.run.summary",
            lang,
            kind=i18n.t(f"linkmail.kind.{self.kind}", lang),
            round=self.round.label(lang, with_year=True),
            sent=self.sent,
            failed=self.failed,
            no_email=self.no_email,
        ) + (f" {i18n.t('linkmail.run.error', lang, error=self.error)}" if self.error else "")


def _claim(con, rnd: Round, kind: str, reporter_id: int, email: str, action: str, run_id: int) -> int | None:
    """Write the reporter's ledger row as 'sending' (a new row, or a retry of a failed one) in its own
    transaction. None when another run has it (unique row, or a concurrent update)."""
    now = dt.datetime.now()
    try:
        with db.transaction(con):
            if action == "send":
                row = con.execute(
                    "insert into link_mail (round_year, round_week, reporter_id, kind, status, email, attempts,"
                    " retry, run_id, claimed_at, updated_at)"
                    " values (?, ?, ?, ?, 'sending', ?, 1, false, ?, ?, ?) returning id",
                    [rnd.start.year, rnd.start.week, reporter_id, kind, email, run_id, now, now],
                ).fetchone()
            else:
                row = con.execute(
                    "update link_mail set status = 'sending', attempts = attempts + 1, email = ?, run_id = ?,"
                    " claimed_at = ?, updated_at = ?"
                    " where round_year = ? and round_week = ? and reporter_id = ? and kind = ?"
                    "   and status = 'failed' and retry and attempts < ?"
                    " returning id",
                    [
                        email,
                        run_id,
                        now,
                        now,
                        rnd.start.year,
                        rnd.start.week,
                        reporter_id,
                        kind,
                        MAX_ATTEMPTS,
                    ],
                ).fetchone()
    except (duckdb.ConstraintException, duckdb.TransactionException):
        return None
    return int(row[0]) if row else None


def _message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = to
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body)
    return message


def _decode(text: bytes | str) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


def _deliver(
    smtp: smtplib.SMTP, message: EmailMessage, sender: str, to: str
) -> tuple[bool, bool, str | None]:
    """Hand one message to the server: (sent, retry, error). Refusals with a 5xx code are final."""
    try:
        refused = smtp.send_message(message, from_addr=sender, to_addrs=[to])
    except smtplib.SMTPRecipientsRefused as err:
        refused = err.recipients
    except smtplib.SMTPResponseException as err:  # sender refused, data refused ...
        return False, err.smtp_code < 500, f"{err.smtp_code} {_decode(err.smtp_error)}"[:500]
    if refused:
        code, text = next(iter(refused.values()))
        return False, code < 500, f"{code} {_decode(text)}"[:500]
    return True, False, None


def _finish(
    con,
    mail_id: int,
    by: str,
    kind: str,
    rnd: Round,
    reporter_id: int,
    email: str,
    outcome: tuple,
    extra: dict,
) -> None:
    sent, retry, error = outcome
    now = dt.datetime.now()
    with db.transaction(con):
        row = con.execute(
            "update link_mail set status = ?, retry = ?, error = ?, sent_at = ?, updated_at = ?,"
            " message_id = coalesce(?, message_id), link_id = coalesce(?, link_id)"
            " where id = ? returning attempts",
            [
                "sent" if sent else "failed",
                bool(retry),
                error,
                now if sent else None,
                now,
                extra.get("message_id"),
                extra.get("link_id"),
                mail_id,
            ],
        ).fetchone()
        audit.record(
            con,
            by,
            "mail_" + kind,
            "link_mail",
            mail_id,
            after={
                "round": str(rnd),
                "reporter_id": reporter_id,
                "email": email,
                "status": "sent" if sent else "failed",
                "attempt": int(row[0]) if row else None,
                "error": error,
                "message_id": extra.get("message_id"),
            },
        )


def _start_run(con, rnd: Round, kind: str, trigger: str, by: str) -> int:
    with db.transaction(con):
        return int(
            con.execute(
                "insert into link_mail_run (round_year, round_week, kind, trigger, started_at, run_by)"
                " values (?, ?, ?, ?, ?, ?) returning id",
                [rnd.start.year, rnd.start.week, kind, trigger, dt.datetime.now(), by],
            ).fetchone()[0]
        )


def _end_run(con, result: RunResult) -> None:
    with db.transaction(con):
        con.execute(
            "update link_mail_run set finished_at = ?, sent = ?, failed = ?, no_email = ?, error = ? where id = ?",
            [dt.datetime.now(), result.sent, result.failed, result.no_email, result.error, result.run_id],
        )


def send(
    con,
    rnd: Round,
    kind: str,
    by: str,
    trigger: str = "manual",
    url: str | None = None,
    timeout: float = 30,
) -> RunResult:
    """Send kind ('link' or 'reminder') for the round to every reporter the plan says 'send' or 'retry'.

    Each message is claimed in the ledger before it goes out and recorded (with an audit row) after.
    Raises MailNotConfigured without an SMTP server or sender, UserError without the app's address.
    """
    if kind not in KINDS:
        raise ValueError(kind)
    sender = sender_address(con)
    url = (url or base_url(con)).rstrip("/")
    if not url:
        raise UserError("linkmail.problem.public_url")
    host, port, _ = smtp_settings(con)
    todo = plan(con, rnd, kind)
    result = RunResult(rnd, kind, no_email=int((todo["action"] == "no_email").sum()))
    result.run_id = _start_run(con, rnd, kind, trigger, by)
    work = todo[todo["action"].isin(["send", "retry"])]
    tpl = template(con, kind)
    try:
        if not work.empty:
            with open_smtp(host, port, timeout) as smtp:
                for reporter_id, name, email, action in work[
                    ["reporter_id", "name", "email", "action"]
                ].itertuples(index=False):
                    _send_one(
                        con,
                        smtp,
                        rnd,
                        kind,
                        by,
                        tpl,
                        sender,
                        url,
                        int(reporter_id),
                        name,
                        email,
                        action,
                        result,
                    )
    except (OSError, smtplib.SMTPException) as err:  # no connection, or lost between messages
        result.aborted = True
        result.error = str(err)[:500] or type(err).__name__
    _end_run(con, result)
    return result


def _send_one(
    con,
    smtp,
    rnd: Round,
    kind: str,
    by: str,
    tpl: Template,
    sender: str,
    url: str,
    reporter_id: int,
    name: str,
    email: str,
    action: str,
    result: RunResult,
) -> None:
    """Claim, make the link, send and record one message. Raises when the connection is lost."""
    mail_id = _claim(con, rnd, kind, reporter_id, email, action, result.run_id or 0)
    if mail_id is None:
        return  # another run has it
    made = links.create_links(con, rnd.start, by, reporter_ids=[reporter_id], revoke_previous=False)
    if not made:  # the reporter was made inactive meanwhile
        _finish(con, mail_id, by, kind, rnd, reporter_id, email, (False, False, "inaktiv"), {})
        result.failed += 1
        return
    link = made[0]
    subject, body = render(tpl, name, rnd, links.url_for(url, link.token), link.expires_at)
    message = _message(sender, email, subject, body)
    extra = {"message_id": message["Message-ID"], "link_id": link.link_id}
    try:
        outcome = _deliver(smtp, message, sender, email)
    except (OSError, smtplib.SMTPException) as err:  # the connection is gone: retry later, stop this run
        _finish(con, mail_id, by, kind, rnd, reporter_id, email, (False, True, str(err)[:500]), extra)
        result.failed += 1
        result.failures.append((name, str(err)))
        raise
    _finish(con, mail_id, by, kind, rnd, reporter_id, email, outcome, extra)
    if outcome[0]:
        result.sent += 1
    else:
        result.failed += 1
        result.failures.append((name, outcome[2] or ""))


# --- Due: the scheduler and `links due` ------------------------------------------------------------
def due(con, now: dt.datetime | None = None) -> list[tuple[Round, str]]:
    """The (round, kind) sends due now (Swedish time; see the module's docstring)."""
    sched = schedule(con)
    if not sched.enabled or problems(con):
        return []
    now = now or stockholm_now()
    current = rounds.round_of(con, now.date())
    out: list[tuple[Round, str]] = []
    for rnd in (rounds.previous(con, current), current):
        for kind in KINDS:
            at = sched.at(rnd, kind)
            if at is None or not at <= now < deadline(rnd, at):
                continue
            if _scheduled_pending(con, rnd, kind):
                out.append((rnd, kind))
    return out


def _scheduled_pending(con, rnd: Round, kind: str) -> bool:
    """Not yet run to its end, or failed sends to retry; but not within RETRY_AFTER of a run that could
    not reach the server (no run every minute while the server is down)."""
    server_now = dt.datetime.now()
    lost = con.execute(
        "select 1 from link_mail_run"
        " where round_year = ? and round_week = ? and kind = ? and error is not null and started_at > ?",
        [rnd.start.year, rnd.start.week, kind, server_now - RETRY_AFTER],
    ).fetchone()
    if lost:
        return False
    done = con.execute(
        "select completed_at from link_mail_scheduled where round_year = ? and round_week = ? and kind = ?",
        [rnd.start.year, rnd.start.week, kind],
    ).fetchone()
    if done is None or done[0] is None:
        return True
    return bool((plan(con, rnd, kind)["action"] == "retry").any())


def run_due(
    con, now: dt.datetime | None = None, by: str = SCHEDULER_USER, trigger: str = "schedule"
) -> list[RunResult]:
    """Run every send that is due now. The scheduled run of a round and kind is claimed once."""
    results = []
    for rnd, kind in due(con, now):
        try:
            with db.transaction(con):
                con.execute(
                    "insert into link_mail_scheduled (round_year, round_week, kind, claimed_at)"
                    " values (?, ?, ?, ?) on conflict do nothing",
                    [rnd.start.year, rnd.start.week, kind, dt.datetime.now()],
                )
        except duckdb.TransactionException:
            continue  # another thread is claiming it now
        try:
            result = send(con, rnd, kind, by, trigger=trigger)
        except (MailNotConfigured, UserError):
            continue
        results.append(result)
        if not result.aborted:
            with db.transaction(con):
                con.execute(
                    "update link_mail_scheduled set completed_at = coalesce(completed_at, ?), run_id = ?"
                    " where round_year = ? and round_week = ? and kind = ?",
                    [dt.datetime.now(), result.run_id, rnd.start.year, rnd.start.week, kind],
                )
    return results


def _watch(db_file: str, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            if db.is_open(db_file):  # never reopen a database the process has closed (tests, restore)
                run_due(db.cursor(db_file))
        except Exception:  # keep the loop alive; the next minute tries again
            traceback.print_exc()
        stop.wait(POLL_SECONDS)


def start_scheduler(db_file: str) -> threading.Event | None:
    """Start the app's link-mail scheduler for this database (once per process). Returns its stop event."""
    if db_file == ":memory:":
        return None
    with _scheduler_lock:
        thread = _schedulers.get(db_file)
        if thread is not None and thread.is_alive():
            return getattr(thread, "stop_event", None)
        stop = threading.Event()
        thread = threading.Thread(target=_watch, args=(db_file, stop), name="est-linkmail", daemon=True)
        thread.stop_event = stop  # type: ignore[attr-defined]
        _schedulers[db_file] = thread
        thread.start()
        return stop


# --- Bounces and the record ------------------------------------------------------------------------
def mark_bounced(con, mail_id: int, by: str, note: str | None = None) -> None:
    """Register a bounce reported later (a returned mail): the send is marked bounced, with an audit row."""
    row = con.execute("select status, error from link_mail where id = ?", [int(mail_id)]).fetchone()
    if row is None:
        raise UserError("linkmail.error.no_mail")
    text = (note or "").strip()[:500] or i18n.t("linkmail.bounced_note")
    with db.transaction(con):
        con.execute(
            "update link_mail set status = 'bounced', retry = false, error = ?, updated_at = ? where id = ?",
            [text, dt.datetime.now(), int(mail_id)],
        )
        audit.record(
            con,
            by,
            "mark_bounced",
            "link_mail",
            int(mail_id),
            before={"status": row[0], "error": row[1]},
            after={"status": "bounced", "error": text},
        )


STALE_CLAIM = dt.timedelta(minutes=10)


def release_interrupted(con, mail_id: int, by: str, now: dt.datetime | None = None) -> None:
    """Let an interrupted send ('sending' for more than STALE_CLAIM: the run died between claim and
    result) be tried again by the next run. The coordinator decides, because the message may have gone
    out before the crash; automatically it is never sent again."""
    now = now or dt.datetime.now()
    row = con.execute(
        "select status, claimed_at, attempts from link_mail where id = ?", [int(mail_id)]
    ).fetchone()
    if row is None or row[0] != "sending" or row[1] > now - STALE_CLAIM:
        raise UserError("linkmail.error.not_interrupted")
    text = i18n.t("linkmail.released_note", by=by)
    with db.transaction(con):
        con.execute(
            "update link_mail set status = 'failed', retry = true, attempts = least(attempts, ?), error = ?,"
            " updated_at = ? where id = ?",
            [MAX_ATTEMPTS - 1, text, dt.datetime.now() - RETRY_AFTER, int(mail_id)],  # retry at once
        )
        audit.record(
            con,
            by,
            "release_interrupted",
            "link_mail",
            int(mail_id),
            before={"status": "sending"},
            after={"status": "failed", "retry": True},
        )


def mails_to(con, email: str, rnd: Round | None = None) -> list[int]:
    """Ledger ids of sent mail to an address (newest first), optionally of one round."""
    rows = con.execute(
        "select id from link_mail"
        " where lower(email) = lower(?) and status = 'sent'"
        "   and (? is null or (round_year = ? and round_week = ?))"
        " order by sent_at desc",
        [
            email.strip(),
            None if rnd is None else 1,
            rnd.start.year if rnd else None,
            rnd.start.week if rnd else None,
        ],
    ).fetchall()
    return [int(r[0]) for r in rows]


def ledger(con, rnd: Round) -> pd.DataFrame:
    """The round's sends: id, reporter, email, kind, status, attempts, retry, error, sent_at, updated_at."""
    return con.execute(
        "select m.id, r.name as reporter, m.email, m.kind, m.status, m.attempts, m.retry, m.error,"
        "       m.sent_at, m.updated_at"
        " from link_mail m"
        " left join reporter r on r.id = m.reporter_id"
        " where m.round_year = ? and m.round_week = ?"
        " order by m.kind, m.status, r.name",
        [rnd.start.year, rnd.start.week],
    ).df()


def per_round(con, limit: int = 8) -> pd.DataFrame:
    """Sent, failed, bounced and interrupted ('sending') per round and kind, the latest rounds first."""
    return con.execute(
        "with counted as ("
        "    select round_year, round_week, kind,"
        "           count(*) filter (where status = 'sent') as sent,"
        "           count(*) filter (where status = 'failed') as failed,"
        "           count(*) filter (where status = 'bounced') as bounced,"
        "           count(*) filter (where status = 'sending') as sending"
        "    from link_mail"
        "    group by round_year, round_week, kind"
        "),"
        " rounds_shown as ("
        "    select distinct round_year, round_week from counted"
        "    order by round_year desc, round_week desc limit ?"
        ")"
        " select c.* from counted c"
        " join rounds_shown s using (round_year, round_week)"
        " order by round_year desc, round_week desc, kind",
        [int(limit)],
    ).df()


_RUN_COLUMNS = (
    "round_year",
    "round_week",
    "kind",
    "trigger",
    "started_at",
    "finished_at",
    "run_by",
    "sent",
    "failed",
    "no_email",
    "error",
)


def last_run(con) -> dict | None:
    """The latest run: round_year, round_week, kind, trigger, started_at, finished_at, run_by, sent,
    failed, no_email, error."""
    row = con.execute(
        "select round_year, round_week, kind, trigger, started_at, finished_at, run_by, sent, failed,"
        "       no_email, error"
        " from link_mail_run order by id desc limit 1"
    ).fetchone()
    return None if row is None else dict(zip(_RUN_COLUMNS, row, strict=True))


def without_email(con) -> list[str]:
    """Names of the active reporters without an e-mail address (they get nothing by mail)."""
    rows = con.execute(
        "select name from reporter where active and coalesce(trim(email), '') = '' order by name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def reporters_for_preview(con) -> dict[int, str]:
    """Active reporters (id -> name) to preview a template for."""
    rows = con.execute("select id, name from reporter where active order by name").fetchall()
    return {int(i): str(n) for i, n in rows}


def round_for(con, week: IsoWeek) -> Round:
    """The round that holds a week (for the CLI's --round and the page)."""
    return rounds.round_of(con, week)
