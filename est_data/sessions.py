"""Server-side login sessions, so a browser refresh or a bookmark keeps a user signed in (issue 13).

The browser holds a random token in a cookie (never in the URL); the database holds only its SHA-256,
the user, when it was made and last used, and when it ended. A session ends when the user logs out,
when it has been idle longer than the session timeout (the setting `session_timeout_minutes`, as
stored under Administration), or when the account is deactivated or gets a new password. No
streamlit here: est_data/ui/state.py reads and writes the cookie.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import duckdb

from est_data import config
from est_data.db import transaction

COOKIE_NAME = "est_session"
PURGE_AFTER = dt.timedelta(days=30)  # rows of sessions idle this long are dropped at the next login
TOUCH_EVERY = dt.timedelta(seconds=60)  # last_seen_at is written at most this often (one write per minute)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def timeout(con) -> dt.timedelta:
    """The idle time after which a session ends: the stored setting, else EST_SESSION_TIMEOUT_MINUTES."""
    return dt.timedelta(minutes=int(config.get_setting(con, "session_timeout_minutes")))


def create(con, user_id: int, now: dt.datetime | None = None, link_id: int | None = None) -> str:
    """A new session for user_id (0 and link_id for a personal survey link); returns the token for the
    browser (shown nowhere else)."""
    now = now or dt.datetime.now()
    token = secrets.token_hex(32)  # 256 bits; hex, so no page text check ever finds "nan" or "None" in it
    with transaction(con):
        con.execute("delete from app_session where last_seen_at < ?", [now - PURGE_AFTER])
        con.execute(
            "insert into app_session (token_hash, user_id, link_id, created_at, last_seen_at) values (?, ?, ?, ?, ?)",
            [_hash(token), int(user_id), link_id, now, now],
        )
    return token


def resume(con, token: str | None, now: dt.datetime | None = None) -> int | None:
    """The user id of a live session with this token, else None (unknown, ended, idle too long or the
    account inactive). An idle session is ended here, so its token never works again."""
    if not token:
        return None
    now = now or dt.datetime.now()
    hashed = _hash(token)
    row = con.execute(
        "select s.user_id, s.last_seen_at, s.ended_at, coalesce(u.active, s.link_id is not null)"
        " from app_session s"
        " left join app_user u on u.id = s.user_id"
        " where s.token_hash = ?",
        [hashed],
    ).fetchone()
    if row is None or row[2] is not None:
        return None
    if now - row[1] > timeout(con):
        end(con, token, "timeout", row[1] + timeout(con))  # it ended when the idle time ran out
        return None
    if not row[3]:
        end(con, token, "inactive", now)
        return None
    if now - row[1] >= TOUCH_EVERY:
        try:
            con.execute(
                "update app_session set last_seen_at = ? where token_hash = ? and ended_at is null",
                [now, hashed],
            )
        except duckdb.TransactionException:  # another tab of the same browser touched it at the same moment
            pass
    return int(row[0])


def link_of(con, token: str | None) -> int | None:
    """The survey link of a link session (None for an account's session)."""
    if not token:
        return None
    row = con.execute("select link_id from app_session where token_hash = ?", [_hash(token)]).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def lapsed_at(con, token: str | None, now: dt.datetime | None = None) -> dt.datetime | None:
    """When the session of this token ended (logout, timeout ...), or None if it is live or unknown.

    Single sign-on uses it: a browser whose session ended must sign in again at the provider, rather
    than be let back in by the provider's still valid identity."""
    if not token:
        return None
    now = now or dt.datetime.now()
    row = con.execute(
        "select last_seen_at, ended_at from app_session where token_hash = ?", [_hash(token)]
    ).fetchone()
    if row is None:
        return None
    if row[1] is not None:
        return row[1]
    if now - row[0] > timeout(con):
        end(con, token, "timeout", row[0] + timeout(con))  # it ended when the idle time ran out
        return row[0] + timeout(con)
    return None


def end_reason(con, token: str | None) -> str | None:
    """Why the session of this token ended ("logout", "timeout", "password", "inactive"), or None."""
    if not token:
        return None
    row = con.execute("select end_reason from app_session where token_hash = ?", [_hash(token)]).fetchone()
    return row[0] if row else None


def end(con, token: str | None, reason: str = "logout", now: dt.datetime | None = None) -> None:
    """End one session (log out, time out)."""
    if not token:
        return
    con.execute(
        "update app_session set ended_at = ?, end_reason = ? where token_hash = ? and ended_at is null",
        [now or dt.datetime.now(), reason, _hash(token)],
    )


def end_all(con, user_id: int, reason: str, now: dt.datetime | None = None) -> int:
    """End every open session of a user (deactivated, new password); returns how many were open."""
    rows = con.execute(
        "update app_session set ended_at = ?, end_reason = ? where user_id = ? and ended_at is null"
        " returning token_hash",
        [now or dt.datetime.now(), reason, int(user_id)],
    ).fetchall()
    return len(rows)
