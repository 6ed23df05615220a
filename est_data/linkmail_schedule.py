"""The link-mail schedule for the coordinator (issue 18): the same settings as on Administration, changed
from Enkätlänkar's Utskick section, and when the next links and the next reminder will go, or why none
will.

The settings are Administration's own (`admin.EDITABLE_SETTINGS`, validated by `admin.validate_setting`,
stored with an audit row by `admin.save_settings`); this module lets a samordnare change those six and no
other. "When next" follows `linkmail.due`: a round's send is due from its weekday and time until its
deadline (the round's end, at least a day), once; so the next send is the first round, from the previous
one on, whose time is still ahead, or whose time has passed and whose scheduled send has not run yet (it
goes at the scheduler's next check, within a minute while the app runs).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from est_data import admin, linkmail, rounds
from est_data.model import UserError
from est_data.rounds import Round

SETTINGS = (
    "linkmail_enabled",
    "linkmail_send_day",
    "linkmail_send_time",
    "linkmail_remind_day",
    "linkmail_remind_time",
    "linkmail_from",
)
AHEAD = 6  # rounds looked ahead for the next send (the first one ahead is always within two)

# Why nothing will be sent (i18n keys, in the order they are told).
OFF = "linkmail.next.reason.off"
REMINDER_OFF = "linkmail.next.reason.reminder_off"
NO_SMTP = "linkmail.next.reason.smtp"
NO_URL = "linkmail.next.reason.public_url"
NO_EMAIL = "linkmail.next.reason.no_email"


@dataclass(frozen=True)
class NextSend:
    kind: str  # "link" or "reminder"
    round: Round | None  # the round it is for (None: no reminder is scheduled at all)
    at: dt.datetime | None  # the scheduled time, Swedish time
    overdue: bool  # the time has passed and the send is still due: it goes at the scheduler's next check
    reasons: tuple[str, ...]  # why it will not go (empty: it will)

    @property
    def will_send(self) -> bool:
        return not self.reasons and self.at is not None


def settings(con) -> dict[str, str]:
    """The schedule's settings as stored (name -> text)."""
    current = admin.settings(con)
    return {name: current[name] for name in SETTINGS}


def save(con, values: dict[str, str], by: str) -> list[str]:
    """Validate and store the schedule's settings (admin.validate_setting), each change with an audit row.
    Only the schedule's six settings; any other name is refused. Returns the changed names."""
    unknown = sorted(set(values) - set(SETTINGS))
    if unknown:
        raise UserError("trust.error.setting_unknown", name=", ".join(unknown))
    return admin.save_settings(con, values, by)


def _with_email(con) -> int:
    return int(
        con.execute(
            "select count(*) from reporter where active and coalesce(trim(email), '') <> ''"
        ).fetchone()[0]
    )


def _still_due(con, rnd: Round, kind: str) -> bool:
    """The round's scheduled send of kind has not run to its end (or has failed sends to retry)."""
    row = con.execute(
        "select completed_at from link_mail_scheduled where round_year = ? and round_week = ? and kind = ?",
        [rnd.start.year, rnd.start.week, kind],
    ).fetchone()
    if row is None or row[0] is None:
        return True
    return bool((linkmail.plan(con, rnd, kind)["action"] == "retry").any())


def reasons(con, kind: str) -> tuple[str, ...]:
    """Why no mail of kind will be sent by the schedule (empty: it will)."""
    sched = linkmail.schedule(con)
    out = []
    if not sched.enabled:
        out.append(OFF)
    if kind == "reminder" and sched.remind_day is None:
        out.append(REMINDER_OFF)
    problems = linkmail.problems(con)
    if "linkmail.problem.smtp" in problems:
        out.append(NO_SMTP)
    if "linkmail.problem.public_url" in problems:
        out.append(NO_URL)
    if _with_email(con) == 0:
        out.append(NO_EMAIL)
    return tuple(out)


def next_send(con, kind: str, now: dt.datetime | None = None) -> NextSend:
    """When the schedule next sends kind ('link' or 'reminder'): the round and the time, whether it is
    overdue (goes at the next check), and the reasons it will not go at all."""
    if kind not in linkmail.KINDS:
        raise ValueError(kind)
    now = now or linkmail.stockholm_now()
    why = reasons(con, kind)
    sched = linkmail.schedule(con)
    current = rounds.round_of(con, now.date())
    rnd = rounds.previous(con, current)
    for _ in range(AHEAD):
        at = sched.at(rnd, kind)
        if at is None:
            return NextSend(kind, None, None, False, why)
        if now < at:
            return NextSend(kind, rnd, at, False, why)
        if now < linkmail.deadline(rnd, at) and _still_due(con, rnd, kind):
            return NextSend(kind, rnd, at, True, why)
        rnd = rounds.following(con, rnd)
    return NextSend(kind, None, None, False, why)


def next_sends(con, now: dt.datetime | None = None) -> list[NextSend]:
    """The next links and the next reminder (next_send for each kind)."""
    now = now or linkmail.stockholm_now()
    return [next_send(con, kind, now) for kind in linkmail.KINDS]
