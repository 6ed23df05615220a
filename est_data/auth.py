"""Local accounts: argon2 password hashes, roles, a login throttle per account and client. No streamlit here."""

from __future__ import annotations

import datetime as dt
import re
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from est_data.db import transaction
from est_data.model import ROLES, User, UserError

__all__ = ["ROLES", "User", "UserError"]

MIN_PASSWORD_LENGTH = 10
_USERNAME = re.compile(r"^[\w.\-@]{2,64}$")
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def user_count(con) -> int:
    return con.execute("select count(*) from app_user").fetchone()[0]


def create_user(
    con,
    username: str,
    password: str | None,
    role: str,
    display_name: str | None = None,
    email: str | None = None,
    reporter_id: int | None = None,
    by: str | None = None,
) -> int:
    """Create a local account. Raises UserError on a bad username, role or password."""
    from est_data.audit import record
    from est_data.register import check_user_email

    if not _USERNAME.match(username or ""):
        raise UserError("user.error.username")
    if role not in ROLES:
        raise UserError("user.error.role", role=role, roles=", ".join(ROLES))
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("user.error.short_password", n=MIN_PASSWORD_LENGTH)
    if con.execute("select 1 from app_user where lower(username) = lower(?)", [username]).fetchone():
        raise UserError("user.error.exists", username=username)
    email = check_user_email(con, email)  # one account per address (any case): single sign-on maps by it
    hashed = hash_password(password) if password is not None else None
    with transaction(con):
        new_id = con.execute(
            "insert into app_user (username, display_name, email, role, password_hash, reporter_id)"
            " values (?, ?, ?, ?, ?, ?) returning id",
            [username, display_name or username, email, role, hashed, reporter_id],
        ).fetchone()[0]
        record(
            con,
            by or username,
            "create",
            "app_user",
            new_id,
            after={"username": username, "role": role, "email": email},
        )
    return int(new_id)


def list_users(con) -> list[dict]:
    rows = con.execute(
        "select id, username, display_name, email, role, active, last_login_at"
        " from app_user"
        " order by username"
    ).fetchall()
    keys = ["id", "username", "display_name", "email", "role", "active", "last_login_at"]
    return [dict(zip(keys, r, strict=True)) for r in rows]


def _user_from_row(row) -> User:
    return User(
        id=row[0],
        username=row[1],
        role=row[2],
        display_name=row[3],
        email=row[4],
        reporter_id=row[5],
        can_see_personal=bool(row[6]),
    )


def get_user(con, user_id: int) -> User | None:
    row = con.execute(
        "select id, username, role, display_name, email, reporter_id, can_see_personal"
        " from app_user"
        " where id = ? and active",
        [user_id],
    ).fetchone()
    return _user_from_row(row) if row else None


def user_by_email(con, email: str) -> User | None:
    row = con.execute(
        "select id, username, role, display_name, email, reporter_id, can_see_personal"
        " from app_user"
        " where lower(email) = lower(?) and active",
        [email],
    ).fetchone()
    return _user_from_row(row) if row else None


# A growing delay per (account as typed, client) instead of a hard lock: nobody can lock the
# administrator out from another computer, and names that do not exist are throttled exactly like
# real ones, so neither the messages nor the delays tell which accounts exist.
FREE_ATTEMPTS = 3  # failures per account and client before any delay
BASE_DELAY_SECONDS = 2  # the first delay; it doubles with every further failure
MAX_DELAY_SECONDS = 300
THROTTLE_FORGET = dt.timedelta(hours=24)  # failures older than this no longer count


class LockedOut(Exception):
    """Too many failed attempts for this account from this client: wait `seconds` before the next try."""

    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def throttle_delay(failures: int) -> dt.timedelta:
    """The wait after `failures` failed attempts (nothing for the first few, then 2 s, 4 s, 8 s ... 5 min)."""
    if failures < FREE_ATTEMPTS:
        return dt.timedelta(0)
    return dt.timedelta(seconds=min(BASE_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS))


def _account_key(username: str) -> str:
    return (username or "").strip().lower()[:64]


def _check_throttle(con, account: str, client: str, now: dt.datetime) -> None:
    row = con.execute(
        "select failures, last_failure_at from login_throttle where account = ? and client = ?",
        [account, client],
    ).fetchone()
    if row is None or now - row[1] > THROTTLE_FORGET:
        return
    ready_at = row[1] + throttle_delay(row[0])
    if ready_at > now:
        raise LockedOut(max(1, int((ready_at - now).total_seconds() + 0.999)))


_FAILURES_LOCK = threading.Lock()  # parallel failed logins (one process, many threads) must all count


def _record_failure(con, account: str, client: str, now: dt.datetime) -> None:
    with _FAILURES_LOCK, transaction(con):
        con.execute("delete from login_throttle where last_failure_at < ?", [now - THROTTLE_FORGET])
        con.execute(
            "insert into login_throttle (account, client, failures, last_failure_at) values (?, ?, 1, ?)"
            " on conflict (account, client) do update"
            " set failures = login_throttle.failures + 1, last_failure_at = excluded.last_failure_at",
            [account, client, now],
        )


def throttled_until(con, username: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """Until when some client must wait before trying this account again (None: nobody waits)."""
    now = now or dt.datetime.now()
    rows = con.execute(
        "select failures, last_failure_at from login_throttle where account = ? and last_failure_at > ?",
        [_account_key(username), now - THROTTLE_FORGET],
    ).fetchall()
    ready = [last + throttle_delay(failures) for failures, last in rows]
    latest = max(ready, default=None)
    return latest if latest is not None and latest > now else None


def clear_throttle(con, username: str) -> None:
    """Forget the failed attempts of an account from every client (an administrator's "unlock")."""
    con.execute("delete from login_throttle where account = ?", [_account_key(username)])


def authenticate(
    con, username: str, password: str, now: dt.datetime | None = None, client: str = ""
) -> User | None:
    """The user if the password is right; None if not. Raises LockedOut while this account and client
    must wait after repeated failures (the same for names that do not exist).

    Unknown usernames cost as much time as known ones (a dummy verify), so timing tells nothing.
    """
    now = now or dt.datetime.now()
    account, client = _account_key(username), (client or "")[:200]
    _check_throttle(con, account, client, now)
    row = con.execute(
        "select id, username, role, display_name, email, reporter_id, can_see_personal, password_hash"
        " from app_user"
        " where lower(username) = lower(?) and active",
        [username or ""],
    ).fetchone()
    if row is None:
        _verify(_DUMMY_HASH, password or "")
        _record_failure(con, account, client, now)
        return None
    if row[7] and _verify(row[7], password or ""):
        with transaction(con):
            con.execute(
                "update app_user set failed_attempts = 0, locked_until = null, last_login_at = ? where id = ?",
                [now, row[0]],
            )
            con.execute("delete from login_throttle where account = ? and client = ?", [account, client])
            if _hasher.check_needs_rehash(row[7]):
                con.execute(
                    "update app_user set password_hash = ? where id = ?", [hash_password(password), row[0]]
                )
        return _user_from_row(row)
    _record_failure(con, account, client, now)
    return None


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


_DUMMY_HASH = _hasher.hash("not-a-real-password-but-same-cost")
