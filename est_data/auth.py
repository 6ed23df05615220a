"""Local accounts: argon2 password hashes, roles, login throttling. No streamlit here."""

from __future__ import annotations

import datetime as dt
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from est_data.db import transaction
from est_data.model import ROLES, User

__all__ = ["ROLES", "User"]

MIN_PASSWORD_LENGTH = 10
MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
_USERNAME = re.compile(r"^[\w.\-@]{2,64}$")
_hasher = PasswordHasher()


class UserError(ValueError):
    """A user's mistake (bad username, short password ...): shown as a message, never a traceback."""

    def __init__(self, key: str, **kwargs: object) -> None:
        super().__init__(key)
        self.key = key
        self.kwargs = kwargs


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def user_count(con) -> int:
    return con.execute("select count(*) from app_user").fetchone()[0]


def create_user(con, username: str, password: str | None, role: str, display_name: str | None = None,
                email: str | None = None, reporter_id: int | None = None, by: str | None = None) -> int:
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
        record(con, by or username, "create", "app_user", new_id,
               after={"username": username, "role": role, "email": email})
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
    return User(id=row[0], username=row[1], role=row[2], display_name=row[3], email=row[4],
                reporter_id=row[5], can_see_personal=bool(row[6]))


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


class LockedOut(Exception):
    def __init__(self, minutes: int) -> None:
        super().__init__(minutes)
        self.minutes = minutes


def authenticate(con, username: str, password: str, now: dt.datetime | None = None) -> User | None:
    """The user if the password is right; None if not. Raises LockedOut after repeated failures.

    Unknown usernames cost as much time as known ones (a dummy verify), so timing tells nothing.
    """
    now = now or dt.datetime.now()
    row = con.execute(
        "select id, username, role, display_name, email, reporter_id, can_see_personal, password_hash,"
        " failed_attempts, locked_until"
        " from app_user"
        " where lower(username) = lower(?) and active",
        [username or ""],
    ).fetchone()
    if row is None:
        _verify(_DUMMY_HASH, password or "")
        return None
    locked_until = row[9]
    if locked_until is not None and locked_until > now:
        raise LockedOut(max(1, int((locked_until - now).total_seconds() // 60) + 1))
    if row[7] and _verify(row[7], password or ""):
        with transaction(con):
            con.execute("update app_user set failed_attempts = 0, locked_until = null, last_login_at = ? where id = ?",
                        [now, row[0]])
            if _hasher.check_needs_rehash(row[7]):
                con.execute("update app_user set password_hash = ? where id = ?", [hash_password(password), row[0]])
        return _user_from_row(row)
    failed = row[8] + 1
    lock = now + dt.timedelta(minutes=LOCK_MINUTES) if failed >= MAX_FAILED_ATTEMPTS else None
    with transaction(con):
        con.execute("update app_user set failed_attempts = ?, locked_until = ? where id = ?",
                    [0 if lock else failed, lock, row[0]])
    if lock:
        raise LockedOut(LOCK_MINUTES)
    return None


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


_DUMMY_HASH = _hasher.hash("not-a-real-password-but-same-cost")
