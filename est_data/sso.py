"""Single sign-on identities: who a signed-in OIDC identity is in this app (no streamlit here).

An identity is the issuer's stable subject, never the e-mail claim alone: with a multi-tenant app
registration anyone can assert any e-mail address. For Microsoft Entra ID the subject is the tenant
(`tid`) and object id (`oid`); for any other OpenID Connect provider the issuer (`iss`) and `sub`.
Only tokens from the configured issuer are accepted: the tenant in `server_metadata_url`, or the
setting `sso_tenant` when the registration is multi-tenant (`common`, `organizations`).
The e-mail claim is used once, to link a new identity to the one active account with that address;
after that the link alone decides, so changing an account's e-mail never hands it to someone else.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb

from est_data import auth, config
from est_data.audit import record
from est_data.db import transaction
from est_data.model import User

_METADATA_SUFFIX = "/.well-known/openid-configuration"
_MULTI_TENANT = ("common", "organizations", "consumers")
_ENTRA = re.compile(r"^https://login\.microsoftonline\.com/([^/]+)/v2\.0$")


class SsoError(Exception):
    """A sign-in that must be refused; `key` is the message for the login page."""

    def __init__(self, key: str, **kwargs: object) -> None:
        super().__init__(key)
        self.key = key
        self.kwargs = kwargs


@dataclass(frozen=True)
class Identity:
    issuer: str  # "entra:<tenant id>" or the OIDC issuer URL
    subject: str  # Entra object id or the OIDC `sub`
    email: str | None


def expected_issuer(server_metadata_url: str, tenant: str = "") -> str | None:
    """The issuer whose tokens are accepted, from the provider's metadata URL (OIDC: issuer + suffix).

    A multi-tenant Entra URL (common/organizations) is narrowed to the configured tenant; without one
    there is no accepted issuer (None) and every sign-in is refused.
    """
    url = (server_metadata_url or "").strip()
    if not url.endswith(_METADATA_SUFFIX):
        return None
    issuer = url[: -len(_METADATA_SUFFIX)]
    entra = _ENTRA.match(issuer)
    if entra and entra.group(1).lower() in _MULTI_TENANT:
        tenant = (tenant or "").strip()
        return f"https://login.microsoftonline.com/{tenant}/v2.0" if tenant else None
    return issuer


def identity(claims: Mapping[str, object], server_metadata_url: str, tenant: str | None = None) -> Identity:
    """The identity of a signed-in user's ID-token claims, or SsoError if its issuer is not ours."""
    tenant = config.get("sso_tenant") if tenant is None else tenant
    allowed = expected_issuer(server_metadata_url, tenant)
    if allowed is None:
        raise SsoError("trust.oidc.no_tenant")
    iss = str(claims.get("iss") or "")
    if iss.rstrip("/") != allowed.rstrip("/"):
        raise SsoError("trust.oidc.wrong_issuer")
    email = claims.get("email") or None
    email = str(email).strip() if email else None
    entra = _ENTRA.match(allowed)
    if entra:
        tid, oid = str(claims.get("tid") or ""), str(claims.get("oid") or "")
        if not oid or tid.lower() != entra.group(1).lower():
            raise SsoError("trust.oidc.wrong_issuer")
        return Identity(f"entra:{tid.lower()}", oid.lower(), email)
    sub = str(claims.get("sub") or "")
    if not sub:
        raise SsoError("trust.oidc.wrong_issuer")
    return Identity(iss.rstrip("/"), sub, email)


def user_for(con, ident: Identity, now: dt.datetime | None = None) -> User | None:
    """The account of an identity: its link if it has one; else, the first time, the one active account
    with that e-mail that is not yet linked to another identity of the same issuer (then linked).
    None if there is no such account (the login page says so)."""
    now = now or dt.datetime.now()
    row = con.execute(
        "select user_id from user_identity where issuer = ? and subject = ?",
        [ident.issuer, ident.subject],
    ).fetchone()
    if row is not None:
        user = auth.get_user(con, int(row[0]))
        if user is not None:
            con.execute(
                "update user_identity set last_login_at = ? where issuer = ? and subject = ?",
                [now, ident.issuer, ident.subject],
            )
        return user
    if not ident.email:
        return None
    candidates = con.execute(
        "select u.id"
        " from app_user u"
        " where lower(u.email) = lower(?) and u.active"
        "   and not exists (select 1 from user_identity i where i.user_id = u.id and i.issuer = ?)",
        [ident.email, ident.issuer],
    ).fetchall()
    if len(candidates) != 1:  # none, or an ambiguous address: never guess
        return None
    user_id = int(candidates[0][0])
    try:
        with transaction(con):
            con.execute(
                "insert into user_identity (issuer, subject, user_id, linked_at, last_login_at) values (?, ?, ?, ?, ?)",
                [ident.issuer, ident.subject, user_id, now, now],
            )
            record(con, "sso", "link", "app_user", user_id, after={"issuer": ident.issuer})
    except (duckdb.ConstraintException, duckdb.TransactionException):  # linked by another tab meanwhile
        return user_for(con, ident, now) if _linked(con, ident) else None
    return auth.get_user(con, user_id)


def _linked(con, ident: Identity) -> bool:
    return (
        con.execute(
            "select 1 from user_identity where issuer = ? and subject = ?", [ident.issuer, ident.subject]
        ).fetchone()
        is not None
    )
