"""Administration: user accounts, the audit log and the settings the coordinator may change.

Every change is written in one transaction together with its audit-log row. Mistakes a user can
make (unknown role, the last administrator, a short password ...) raise `auth.UserError` with an
i18n key, shown as a message, never as a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from est_data import audit, auth, config, i18n, register, sessions
from est_data.auth import UserError
from est_data.db import transaction
from est_data.model import ROLES

_USER_COLUMNS = (
    "id",
    "username",
    "display_name",
    "email",
    "role",
    "active",
    "can_see_personal",
    "reporter_id",
    "locked_until",
)


def users(con) -> pd.DataFrame:
    """Every account with its role, status and linked reporter (no password hashes); locked_until is
    until when failed logins make some client wait (the login throttle), if anyone must wait now."""
    frame = _users(con)
    frame["locked_until"] = pd.to_datetime(
        pd.Series(
            [auth.throttled_until(con, name) for name in frame["username"]], index=frame.index, dtype=object
        )
    )  # same type as before
    return frame


def _users(con) -> pd.DataFrame:
    return con.execute(
        "select u.id, u.username, u.display_name, u.email, u.role, u.active, u.can_see_personal,"
        "       u.reporter_id, r.name as reporter_name, u.failed_attempts, u.locked_until, u.last_login_at,"
        "       u.created_at"
        " from app_user u"
        " left join reporter r on r.id = u.reporter_id"
        " order by u.active desc, u.username"
    ).df()


def reporters(con) -> pd.DataFrame:
    """Reporters to link an account to (id, name, organisation, active)."""
    return con.execute("select id, name, organisation, email, active from reporter order by name").df()


def user_record(con, user_id: int) -> dict:
    row = con.execute(
        "select id, username, display_name, email, role, active, can_see_personal, reporter_id, locked_until"
        " from app_user"
        " where id = ?",
        [user_id],
    ).fetchone()
    if row is None:
        raise UserError("trust.error.no_user")
    record = dict(zip(_USER_COLUMNS, row, strict=True))
    record["locked_until"] = auth.throttled_until(con, record["username"])  # the throttle, not the old lock
    return record


def _active_admins(con) -> int:
    return con.execute("select count(*) from app_user where role = 'admin' and active").fetchone()[0]


def _update_user(con, user_id: int, by: str, operation: str, changes: dict) -> None:
    """Apply `changes` (column -> value; columns from this module only) with an audit row."""
    before = user_record(con, user_id)
    with transaction(con):
        for column, value in changes.items():
            # Column names are fixed by the callers below, never user input.
            con.execute(f"update app_user set {column} = ? where id = ?", [value, user_id])  # noqa: S608
        after = user_record(con, user_id)
        logged = [k for k in changes if k in before and k != "password_hash"]  # never a password or its hash
        audit.record(
            con,
            by,
            operation,
            "app_user",
            user_id,
            before={"username": before["username"], **{k: before[k] for k in logged}},
            after={
                "username": after["username"],
                **{k: after[k] for k in logged},
                **({"password": "nytt lösenord satt"} if "password_hash" in changes else {}),
            },
        )


def set_role(con, user_id: int, role: str, by: str) -> None:
    if role not in ROLES:
        raise UserError("user.error.role", role=role, roles=", ".join(ROLES))
    current = user_record(con, user_id)
    if current["role"] == "admin" and role != "admin" and current["active"] and _active_admins(con) <= 1:
        raise UserError("trust.error.last_admin")
    _update_user(con, user_id, by, "set_role", {"role": role})


def set_active(con, user_id: int, active: bool, by: str) -> None:
    current = user_record(con, user_id)
    if not active and current["username"] == by:
        raise UserError("trust.error.self_deactivate")
    if not active and current["role"] == "admin" and current["active"] and _active_admins(con) <= 1:
        raise UserError("trust.error.last_admin")
    _update_user(con, user_id, by, "activate" if active else "deactivate", {"active": bool(active)})
    if not active:
        sessions.end_all(con, user_id, "inactive")


def reset_password(con, user_id: int, password: str, by: str) -> None:
    """A new password (also lifts a lock-out). The password is hashed; neither it nor the hash is logged."""
    if len(password or "") < auth.MIN_PASSWORD_LENGTH:
        raise UserError("user.error.short_password", n=auth.MIN_PASSWORD_LENGTH)
    auth.clear_throttle(con, user_record(con, user_id)["username"])
    _update_user(
        con,
        user_id,
        by,
        "reset_password",
        {"password_hash": auth.hash_password(password), "failed_attempts": 0, "locked_until": None},
    )
    sessions.end_all(con, user_id, "password")  # a new password signs out every browser of the account


def unlock(con, user_id: int, by: str) -> None:
    auth.clear_throttle(con, user_record(con, user_id)["username"])
    _update_user(con, user_id, by, "unlock", {"failed_attempts": 0, "locked_until": None})


def set_personal_access(con, user_id: int, granted: bool, by: str) -> None:
    """Grant a reader (läsare) the right to see reporter names and internal free text, or take it back."""
    if granted and user_record(con, user_id)["role"] != "läsare":
        raise UserError("trust.error.grant_reader_only")
    _update_user(
        con,
        user_id,
        by,
        "grant_personal" if granted else "revoke_personal",
        {"can_see_personal": bool(granted)},
    )


def link_reporter(con, user_id: int, reporter_id: int | None, by: str) -> None:
    """Link a rapportör account to the reporter whose form it fills in (None unlinks)."""
    if reporter_id is not None:
        if user_record(con, user_id)["role"] != "rapportör":
            raise UserError("trust.error.link_reporter_only")
        if con.execute("select 1 from reporter where id = ?", [reporter_id]).fetchone() is None:
            raise UserError("trust.error.no_reporter")
    _update_user(con, user_id, by, "link_reporter", {"reporter_id": reporter_id})


def set_email(con, user_id: int, email: str | None, by: str) -> None:
    """The e-mail address that maps an OIDC (single sign-on) login to this account."""
    email = register.check_user_email(con, email, exclude_id=user_id)
    _update_user(con, user_id, by, "set_email", {"email": email})


def mark_login(con, user_id: int) -> None:
    """Record the time of a successful sign-in (single sign-on; local logins do it in auth.authenticate)."""
    with transaction(con):
        con.execute(
            "update app_user set last_login_at = ?, failed_attempts = 0 where id = ?",
            [dt.datetime.now(), user_id],
        )


def audit_log(
    con, limit: int = 500, username: str | None = None, table: str | None = None, since: dt.date | None = None
) -> pd.DataFrame:
    """The latest audit-log rows, newest first, optionally for one user, one table or since a day."""
    return con.execute(
        "select id, logged_at, username, operation, table_name, record_id, before_json, after_json"
        " from audit_log"
        " where (? is null or username = ?)"
        "   and (? is null or table_name = ?)"
        "   and (? is null or logged_at >= ?)"
        " order by id desc"
        " limit ?",
        [username, username, table, table, since, since, int(limit)],
    ).df()


def audit_users_and_tables(con) -> tuple[list[str], list[str]]:
    names = [
        r[0]
        for r in con.execute(
            "select distinct username from audit_log where username is not null order by 1"
        ).fetchall()
    ]
    tables = [
        r[0]
        for r in con.execute(
            "select distinct table_name from audit_log where table_name is not null order by 1"
        ).fetchall()
    ]
    return names, tables


@dataclass(frozen=True)
class EditableSetting:
    name: str
    kind: str  # "text", "municipality", "level", "count", "months", "minutes"
    label_key: str


EDITABLE_SETTINGS: tuple[EditableSetting, ...] = (
    EditableSetting("municipality_code", "municipality", "trust.setting.municipality_code"),
    EditableSetting("classification", "text", "trust.setting.classification"),
    EditableSetting("public_url", "url", "trust.setting.public_url"),
    EditableSetting("status_red_any_level", "level", "trust.setting.status_red_any_level"),
    EditableSetting("status_red_count_level2", "count", "trust.setting.status_red_count_level2"),
    EditableSetting("status_yellow_any_level", "level", "trust.setting.status_yellow_any_level"),
    EditableSetting("retention_months", "months", "trust.setting.retention_months"),
    EditableSetting("session_timeout_minutes", "minutes", "trust.setting.session_timeout_minutes"),
    # Survey links and reminders by mail (issue 18 item 2, est_data.linkmail).
    EditableSetting("linkmail_enabled", "onoff", "linkmail.setting.enabled"),
    EditableSetting("linkmail_send_day", "weekday", "linkmail.setting.send_day"),
    EditableSetting("linkmail_send_time", "time", "linkmail.setting.send_time"),
    EditableSetting("linkmail_remind_day", "weekday_off", "linkmail.setting.remind_day"),
    EditableSetting("linkmail_remind_time", "time", "linkmail.setting.remind_time"),
    EditableSetting("linkmail_from", "email", "linkmail.setting.sender"),
)
# The link-mail kinds; "av" (off) is the reminder's "no reminder".
REMINDER_OFF = "av"
RANGES = {"level": (1, 3), "count": (1, 12), "months": (1, 240), "minutes": (5, 24 * 60)}


def settings(con) -> dict[str, str]:
    return {s.name: config.get_setting(con, s.name) for s in EDITABLE_SETTINGS}


def validate_setting(con, name: str, value: str) -> str:
    """The cleaned value, or UserError with a message key."""
    spec = next((s for s in EDITABLE_SETTINGS if s.name == name), None)
    if spec is None:
        raise UserError("trust.error.setting_unknown", name=name)
    value = str(value).strip()
    if spec.kind == "municipality":
        if (
            not re.fullmatch(r"\d{4}", value)
            or con.execute("select 1 from municipality where code = ?", [value]).fetchone() is None
        ):
            raise UserError("trust.error.municipality", value=value)
    elif spec.kind == "url":
        if value and not re.fullmatch(r"https?://[^\s<>\"']+", value):
            raise UserError("trust.error.url")
        value = value.rstrip("/")
    elif spec.kind in ("onoff", "weekday", "weekday_off", "time", "email"):
        value = _validate_linkmail(spec.kind, value)
    elif spec.kind == "text":
        if not value or len(value) > 200:
            raise UserError("trust.error.text_length")
    else:
        low, high = RANGES[spec.kind]
        if not value.isdigit() or not low <= int(value) <= high:
            raise UserError("trust.error.range", low=low, high=high)
        value = str(int(value))
    return value


def _validate_linkmail(kind: str, value: str) -> str:
    """The link-mail schedule's settings: on/off, a Swedish weekday (or "av"), HH:MM, a sender address."""
    if kind == "onoff":
        if value not in ("0", "1"):
            raise UserError("linkmail.error.onoff")
    elif kind in ("weekday", "weekday_off"):
        value = value.lower()
        allowed = list(i18n.WEEKDAYS_SV) + ([REMINDER_OFF] if kind == "weekday_off" else [])
        if value not in allowed:
            raise UserError("linkmail.error.weekday", allowed=", ".join(allowed))
    elif kind == "time":
        match = re.fullmatch(r"([01]?\d|2[0-3])[:.]([0-5]\d)", value)
        if match is None:
            raise UserError("linkmail.error.time", value=value)
        value = f"{int(match.group(1)):02d}:{match.group(2)}"
    else:
        value = register.clean_email(value) or ""
    return value


def save_settings(con, values: dict[str, str], by: str) -> list[str]:
    """Validate and store changed settings in one transaction, each with an audit row. Returns the changed names."""
    cleaned = {name: validate_setting(con, name, value) for name, value in values.items()}
    current = settings(con)
    changed = [name for name, value in cleaned.items() if current.get(name) != value]
    if not changed:
        return []
    with transaction(con):
        for name in changed:
            config.set_setting(con, name, cleaned[name])
            audit.record(
                con,
                by,
                "update",
                "setting",
                name,
                before={"value": current.get(name)},
                after={"value": cleaned[name]},
            )
    return changed


def municipalities(con) -> pd.DataFrame:
    return con.execute("select code, name from municipality order by name").df()
