"""Access: login throttling, session timeout, passwords never logged, single sign-on, survey links."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from streamlit.testing.v1 import AppTest

from est_data import auth, db, links
from est_data.model import IsoWeek
from tests.conftest import ADMIN_PASSWORD, ROOT, app_as, user_id


def _signed_in_caption(at) -> str:
    return " ".join(c.value for c in at.sidebar.caption)


def test_failed_logins_slow_down_per_account_and_client_without_a_hard_lock(sample_con):
    con = sample_con
    t0 = dt.datetime(2026, 11, 23, 10, 0)
    for i in range(auth.FREE_ATTEMPTS):
        assert auth.authenticate(con, "samordnare", f"fel-{i}", now=t0, client="10.0.0.9") is None
    # Now this account must wait from this client: even the right password is not tried.
    with pytest.raises(auth.LockedOut) as err:
        auth.authenticate(
            con, "samordnare", ADMIN_PASSWORD, now=t0 + dt.timedelta(seconds=1), client="10.0.0.9"
        )
    assert err.value.seconds == 1
    # The delay grows with every further failure (2 s, 4 s, 8 s ...).
    t1 = t0 + dt.timedelta(seconds=2)
    assert auth.authenticate(con, "samordnare", "fel-igen", now=t1, client="10.0.0.9") is None
    with pytest.raises(auth.LockedOut) as err:
        auth.authenticate(
            con, "samordnare", ADMIN_PASSWORD, now=t1 + dt.timedelta(seconds=1), client="10.0.0.9"
        )
    assert err.value.seconds == 3
    # Another client (the real user at their own computer) is not held up at all.
    user = auth.authenticate(con, "samordnare", ADMIN_PASSWORD, now=t1, client="10.0.0.20")
    assert user is not None and user.role == "samordnare"
    # After the delay the right password works from the attacked client too, and clears its count.
    user = auth.authenticate(
        con, "samordnare", ADMIN_PASSWORD, now=t1 + dt.timedelta(seconds=4), client="10.0.0.9"
    )
    assert user is not None
    assert con.execute("select count(*) from login_throttle where account = 'samordnare'").fetchone()[0] == 0
    # Unknown users give None, not an error (nothing tells whether a username exists).
    assert auth.authenticate(con, "finns-inte", "vad-som-helst") is None


def test_login_form_shows_the_wait(sample_db, monkeypatch):
    monkeypatch.setattr(auth, "BASE_DELAY_SECONDS", 120)  # no race with the test's own speed
    at = app_as(None)
    for _ in range(auth.FREE_ATTEMPTS + 1):
        at.text_input(key="login_username").input("lasare")
        at.text_input(key="login_password").input("fel-losenord")
        at.button(key="login_submit").click().run()
    assert not at.exception
    assert any("För många misslyckade försök" in e.value and "sekunder" in e.value for e in at.error)
    at.text_input(key="login_username").input("lasare")
    at.text_input(key="login_password").input(ADMIN_PASSWORD)
    at.button(key="login_submit").click().run()
    assert any("För många misslyckade försök" in e.value for e in at.error)
    assert "user_id" not in at.session_state


def test_session_times_out(sample_db):
    at = app_as("samordnare")
    assert "Inloggad som" in _signed_in_caption(at)
    at.session_state["last_seen"] = dt.datetime.now() - dt.timedelta(minutes=61)
    at.run()
    assert not at.exception
    assert "user_id" not in at.session_state
    assert not at.sidebar.caption and not at.metric  # nothing of the page is shown any more
    # (AppTest keeps the last page's script, which refuses; a browser shows the login form with the notice.)
    assert at.session_state["timed_out"] or any("inaktivitet" in i.value for i in at.info)
    # Within the timeout the session stays.
    at2 = app_as("samordnare")
    at2.session_state["last_seen"] = dt.datetime.now() - dt.timedelta(minutes=59)
    at2.run()
    assert at2.session_state["user_id"] == user_id(db.connect(), "samordnare")


def test_passwords_never_logged(sample_db, caplog, capsys):
    secret = "Hemligt-Losen-4711"
    caplog.set_level(logging.DEBUG)
    at = app_as(None)
    at.text_input(key="login_username").input("admin")
    at.text_input(key="login_password").input(secret)
    at.button(key="login_submit").click().run()
    con = db.connect()
    auth.create_user(con, "ny.person", secret, "läsare", by="admin")
    assert auth.authenticate(con, "ny.person", secret) is not None
    from est_data import admin

    admin.reset_password(con, user_id(con, "ny.person"), secret + "-2", "admin")
    out = capsys.readouterr()
    assert secret not in caplog.text and secret not in out.out and secret not in out.err
    for table in ("audit_log", "setting", "import_batch"):
        dump = str(con.execute(f"select * from {table}").fetchall())  # noqa: S608 - fixed names
        assert secret not in dump, table
    stored = con.execute("select password_hash from app_user where username = 'ny.person'").fetchone()[0]
    assert stored.startswith("$argon2") and secret not in stored


# --- Single sign-on (OIDC) ------------------------------------------------------------------------

AUTH_SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "est",
    "client_secret": "s",
    "server_metadata_url": "https://login.microsoftonline.com/tenant/v2.0/.well-known/openid-configuration",
}


ISSUER = "https://login.microsoftonline.com/tenant/v2.0"


def _oidc_app(
    email: str | None, logged_in: bool = True, oid: str | None = None, tid: str = "tenant", iss: str = ISSUER
) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH_SECRETS
    claims = {
        "is_logged_in": True,
        "email": email,
        "name": "Någon",
        "iss": iss,
        "tid": tid,
        "oid": oid or f"oid-{(email or 'x').lower()}",
        "sub": "pairwise-sub",
    }
    at.user = claims if logged_in else {"is_logged_in": False}
    at.run()
    return at


def test_oidc_maps_email_to_role(sample_db):
    at = _oidc_app("SAMORDNARE@example.test")  # e-mail matched without regard to case
    assert not at.exception
    assert at.session_state["user_id"] == user_id(db.connect(), "samordnare")
    assert "samordnare" in _signed_in_caption(at)


def test_oidc_unknown_email_gets_no_access_and_local_login_remains(sample_db):
    at = _oidc_app("okand@example.test")
    assert not at.exception
    assert "user_id" not in at.session_state
    assert any("okand@example.test" in e.value and "ingen behörighet" in e.value for e in at.error)
    assert at.button(key="oidc_login").label == "Logga in med organisationens konto"
    at.text_input(key="login_username").input("lasare")
    at.text_input(key="login_password").input(ADMIN_PASSWORD)
    at.button(key="login_submit").click().run()
    assert at.session_state["user_id"] == user_id(db.connect(), "lasare")


def test_oidc_deactivated_user_refused(sample_db):
    con = db.connect()
    con.execute("update app_user set active = false where username = 'lasare'")
    at = _oidc_app("lasare@example.test")
    assert "user_id" not in at.session_state


def test_no_oidc_button_without_auth_config(sample_db):
    at = app_as(None)
    assert not at.exception
    assert not [b for b in at.button if b.key == "oidc_login"]


# --- Personal survey links ---------------------------------------------------------------------------


def _link_app(token: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["token"] = token
    at.run()
    return at


def test_links_store_only_hashes_and_resolve(sample_con):
    con = sample_con
    week = IsoWeek(2026, 48)
    now = dt.datetime(2026, 11, 23, 8, 0)
    made = links.create_links(con, week, "samordnare", now=now, valid_days=7)
    assert len(made) == con.execute("select count(*) from reporter where active").fetchone()[0] == 40
    tokens = {m.token for m in made}
    assert len(tokens) == 40 and all(len(t) >= 40 for t in tokens)
    dump = str(con.execute("select * from survey_link").fetchall())
    assert not any(t in dump for t in tokens)
    session = links.resolve(con, made[0].token, now=now + dt.timedelta(hours=1))
    assert session.reporter_id == made[0].reporter_id and session.week == week
    assert session.user().role == "rapportör" and session.user().reporter_id == made[0].reporter_id
    assert links.resolve(con, made[0].token, now=now + dt.timedelta(days=8)) is None  # expired
    assert links.resolve(con, "gissad-token", now=now) is None
    # New links for the same week revoke the old ones of those reporters.
    again = links.create_links(con, week, "samordnare", reporter_ids=[made[0].reporter_id], now=now)
    assert links.resolve(con, made[0].token, now=now) is None
    assert links.resolve(con, again[0].token, now=now) is not None
    assert links.revoke(con, "samordnare", week=week, now=now) == 40
    assert links.resolve(con, again[0].token, now=now) is None
    states = links.links(con, week, now=now)["state"].value_counts().to_dict()
    assert states == {"spärrad": 41}


def test_mail_merge_export(sample_con):
    made = links.create_links(sample_con, IsoWeek(2026, 48), "samordnare", reporter_ids=[1, 2])
    frame = links.mail_merge_frame(made, "https://est.kommun.se/")
    assert list(frame.columns) == ["namn", "e-post", "organisation", "vecka", "år", "länk", "giltig_till"]
    assert frame["länk"].iloc[0] == f"https://est.kommun.se/?token={made[0].token}"
    text = links.mail_merge_csv(made, "https://est.kommun.se").decode("utf-8-sig")
    assert text.splitlines()[0] == "namn;e-post;organisation;vecka;år;länk;giltig_till"
    assert made[1].token in text


def test_link_opens_a_restricted_session(sample_db):
    con = db.connect()
    made = links.create_links(con, IsoWeek.of(dt.date.today()), "samordnare", reporter_ids=[3])
    at = _link_app(made[0].token)
    assert not at.exception
    assert at.session_state["user_id"] == 0
    assert at.session_state["survey_link"].reporter_id == 3
    assert "token" not in at.query_params  # the secret left the address bar
    caption = _signed_in_caption(at)
    name = con.execute("select name from reporter where id = 3").fetchone()[0]
    assert name in caption and "rapportör" in caption
    # The session sees the reporter form only (or a notice when no form page is installed).
    titles = [t.value for t in at.title]
    assert "Översikt" not in titles and "Administration" not in titles
    # Revoking the link ends the session at the next interaction.
    links.revoke(con, "samordnare", link_ids=[made[0].link_id])
    at.run()
    assert not at.exception
    assert "user_id" not in at.session_state and "survey_link" not in at.session_state
    assert at.error  # the link message, or the form page refusing a session without a user
    assert not at.sidebar.caption


def test_bad_link_shows_message(sample_db):
    at = _link_app("inte-en-riktig-token")
    assert not at.exception
    assert "user_id" not in at.session_state
    assert any("Länken fungerar inte" in e.value for e in at.error)
