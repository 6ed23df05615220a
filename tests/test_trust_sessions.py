"""Sessions a coordinator can trust (issue 13 item 5) and the login, link and form findings of issue 16.

- server-side sessions: only the token's hash is stored; a refresh (the cookie) resumes the session,
  logging out, a new password or deactivation end it on the server;
- the login throttle says the same for accounts that exist and names that do not;
- single sign-on maps the issuer's stable subject, refuses other tenants, and uses e-mail only once;
- a `?token=` link never logs out the signed-in user; a next-week link does not crash the form, and
  Enkätlänkar offers this week first;
- two tabs sending the same week: nothing lost, no TransactionException.
"""

from __future__ import annotations

import datetime as dt
import threading

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from est_data import admin, auth, db, links, sessions, sso, weekly
from est_data.model import IsoWeek
from est_data.ui import state
from tests.conftest import ADMIN_PASSWORD, ROOT, app_as, user_id

# --- server-side sessions ------------------------------------------------------------------------------


def test_sessions_store_only_a_hash_and_end_on_logout_password_and_deactivation(sample_con):
    con = sample_con
    reader = user_id(con, "lasare")
    token = sessions.create(con, reader)
    assert len(token) >= 40
    stored = con.execute("select token_hash from app_session").fetchall()
    assert stored and all(token not in row[0] for row in stored)
    assert sessions.resume(con, token) == reader
    assert sessions.resume(con, token + "x") is None
    sessions.end(con, token)
    assert sessions.resume(con, token) is None
    second = sessions.create(con, reader)
    admin.reset_password(con, reader, "ett-helt-nytt-losenord", "admin")
    assert sessions.resume(con, second) is None, "a new password signs out every browser"
    third = sessions.create(con, reader)
    admin.set_active(con, reader, False, "admin")
    assert sessions.resume(con, third) is None, "a deactivated account has no session"


def _login(at: AppTest, username: str, password: str = ADMIN_PASSWORD) -> None:
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    at.button(key="login_submit").click().run()


def test_a_refresh_with_the_cookie_resumes_and_a_logout_ends_it(sample_db, monkeypatch):
    con = db.connect()
    at = app_as(None)
    _login(at, "samordnare")
    token = at.session_state["session_token"]
    assert at.session_state["user_id"] == user_id(con, "samordnare")
    # F5: a new script session whose first request carries the cookie.
    monkeypatch.setattr(state, "_cookie_token", lambda: token)
    refreshed = app_as(None)
    assert not refreshed.exception
    assert refreshed.session_state["user_id"] == user_id(con, "samordnare")
    assert any("Inloggad som" in c.value for c in refreshed.sidebar.caption)
    # Logging out (checked in a browser by test_trust_session_browser) ends the server session: the same
    # cookie then signs nobody in.
    sessions.end(con, token)
    again = app_as(None)
    assert not again.exception
    assert "user_id" not in again.session_state
    assert again.text_input(key="login_username") is not None


def test_a_session_ended_elsewhere_ends_this_tab_too(sample_db):
    con = db.connect()
    at = app_as(None)
    _login(at, "samordnare")
    sessions.end(con, at.session_state["session_token"])  # logged out in another tab
    at.run()
    assert "user_id" not in at.session_state


# --- the login throttle tells nothing about which accounts exist ---------------------------------------


def test_known_and_unknown_names_are_throttled_alike(sample_con):
    t0 = dt.datetime(2026, 11, 23, 10, 0)
    outcomes = {}
    for name in ("admin", "finns-inte-alls"):
        for i in range(auth.FREE_ATTEMPTS):
            assert auth.authenticate(sample_con, name, f"fel-{i}", now=t0, client="192.0.2.7") is None
        with pytest.raises(auth.LockedOut) as err:
            auth.authenticate(sample_con, name, "fel", now=t0, client="192.0.2.7")
        outcomes[name] = err.value.seconds
    assert outcomes["admin"] == outcomes["finns-inte-alls"] == auth.BASE_DELAY_SECONDS
    # The administrator at their own computer is not held up by the attack.
    assert auth.authenticate(sample_con, "admin", ADMIN_PASSWORD, now=t0, client="198.51.100.3") is not None
    # The delay grows but is capped: never a lock of hours.
    assert auth.throttle_delay(100) == dt.timedelta(seconds=auth.MAX_DELAY_SECONDS)


# --- single sign-on by subject ------------------------------------------------------------------------

METADATA = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0/.well-known/openid-configuration"
TENANT = "11111111-2222-3333-4444-555555555555"
ISS = f"https://login.microsoftonline.com/{TENANT}/v2.0"


def _claims(email: str, oid: str, tid: str = TENANT, iss: str = ISS) -> dict:
    return {"iss": iss, "tid": tid, "oid": oid, "sub": "pairwise", "email": email}


def test_sso_maps_the_stable_subject_and_uses_e_mail_only_for_the_first_link(sample_con):
    con = sample_con
    first = sso.identity(_claims("Samordnare@example.test", "oid-1"), METADATA, tenant="")
    assert first == sso.Identity(f"entra:{TENANT}", "oid-1", "Samordnare@example.test")
    assert sso.user_for(con, first).username == "samordnare"
    # The account's e-mail changes: the same person still gets in by their subject ...
    con.execute("update app_user set email = 'ny.adress@example.test' where username = 'samordnare'")
    assert (
        sso.user_for(con, sso.identity(_claims("gammal@example.test", "oid-1"), METADATA, "")).username
        == "samordnare"
    )
    # ... and another identity asserting the account's e-mail gets nothing: the link is taken.
    other = sso.identity(_claims("ny.adress@example.test", "oid-2"), METADATA, "")
    assert sso.user_for(con, other) is None


def test_sso_refuses_other_tenants_even_with_a_known_e_mail(sample_con):
    with pytest.raises(sso.SsoError) as err:
        sso.identity(
            _claims(
                "admin@example.test",
                "oid-x",
                tid="99999999-0000-0000-0000-000000000000",
                iss="https://login.microsoftonline.com/99999999-0000-0000-0000-000000000000/v2.0",
            ),
            METADATA,
            "",
        )
    assert err.value.key == "trust.oidc.wrong_issuer"
    # A multi-tenant registration accepts nobody until the tenant is configured, then only that tenant.
    common = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration"
    with pytest.raises(sso.SsoError) as err:
        sso.identity(_claims("admin@example.test", "oid-3"), common, "")
    assert err.value.key == "trust.oidc.no_tenant"
    assert sso.identity(_claims("admin@example.test", "oid-3"), common, TENANT).subject == "oid-3"
    with pytest.raises(sso.SsoError):
        sso.identity(
            _claims("admin@example.test", "oid-3", tid="other", iss=ISS.replace(TENANT, "other")),
            common,
            TENANT,
        )


def test_sso_generic_oidc_provider_uses_iss_and_sub(sample_con):
    metadata = "https://id.kommun.example/realms/est/.well-known/openid-configuration"
    claims = {
        "iss": "https://id.kommun.example/realms/est",
        "sub": "f81d4fae",
        "email": "lasare@example.test",
    }
    ident = sso.identity(claims, metadata, "")
    assert ident == sso.Identity("https://id.kommun.example/realms/est", "f81d4fae", "lasare@example.test")
    assert sso.user_for(sample_con, ident).username == "lasare"
    with pytest.raises(sso.SsoError):
        sso.identity({**claims, "iss": "https://evil.example/realms/est"}, metadata, "")


AUTH_SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "est",
    "client_secret": "s",
    "server_metadata_url": METADATA,
}


def test_sso_in_the_app_refuses_a_foreign_tenant_asserting_the_admins_e_mail(sample_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH_SECRETS
    at.user = {
        "is_logged_in": True,
        "email": "admin@example.test",
        "name": "Angripare",
        "iss": "https://login.microsoftonline.com/99999999-0000-0000-0000-000000000000/v2.0",
        "tid": "99999999-0000-0000-0000-000000000000",
        "oid": "attacker",
    }
    at.run()
    assert not at.exception
    assert "user_id" not in at.session_state
    assert any("annan organisation" in e.value for e in at.error)


# --- survey links -----------------------------------------------------------------------------------


def test_opening_a_survey_link_does_not_log_out_the_signed_in_user(sample_db):
    con = db.connect()
    coordinator = user_id(con, "samordnare")
    made = links.create_links(con, IsoWeek.of(dt.date.today()), "samordnare", reporter_ids=[3])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["user_id"] = coordinator  # this tab is signed in
    at.query_params["token"] = made[0].token
    at.run()
    assert not at.exception
    assert at.session_state["user_id"] == coordinator
    assert "survey_link" not in at.session_state or at.session_state["survey_link"] is None
    assert "token" not in at.query_params
    assert any("redan inloggad" in t.value for t in at.toast)


def test_a_survey_link_in_a_new_tab_leaves_the_browsers_session_alone(sample_db, monkeypatch):
    con = db.connect()
    coordinator = user_id(con, "samordnare")
    token = sessions.create(con, coordinator)
    made = links.create_links(con, IsoWeek.of(dt.date.today()), "samordnare", reporter_ids=[3])
    monkeypatch.setattr(state, "_cookie_token", lambda: token)  # the browser's cookie
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["token"] = made[0].token
    at.run()
    assert not at.exception
    assert at.session_state["user_id"] == coordinator
    assert sessions.resume(con, token) == coordinator, "the server session is untouched"


def test_a_next_week_link_opens_without_a_crash(sample_db):
    con = db.connect()
    next_week = IsoWeek.of(dt.date.today()).shift(1)
    made = links.create_links(con, next_week, "samordnare", reporter_ids=[3])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["token"] = made[0].token
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["survey_link"].reporter_id == 3
    assert any(f"Vecka {next_week.week} har inte börjat" in i.value for i in at.info)


def test_enkatlankar_offers_this_week_first(sample_db):
    at = app_as("samordnare", "enkatlankar")
    assert not at.exception
    box = at.selectbox(key="links_week")
    this_week = IsoWeek.of(dt.date.today())
    assert box.options[0] == f"vecka {this_week.week}, {this_week.year}"
    assert box.value == this_week
    assert box.options[-1].endswith("(nästa vecka)")


# --- two tabs sending the same week ---------------------------------------------------------------------


def test_two_tabs_sending_the_same_week_lose_nothing(sample_db):
    con = db.connect(sample_db)
    week = IsoWeek.of(dt.date.today())
    reporter = 1
    areas = [
        r[0]
        for r in con.execute(
            "select area_id from reporter_area where reporter_id = ? order by 1", [reporter]
        ).fetchall()
    ]
    factors = [r[0] for r in con.execute("select code from factor where active").fetchall()]
    tabs = 16
    barrier = threading.Barrier(tabs)
    errors: list[BaseException] = []

    def tab(i: int) -> None:
        try:
            cur = db.cursor(sample_db)
            answers = [
                weekly.AreaAnswer(area_id=a, levels={f: (i + a) % 4 for f in factors}, comment=f"flik{i}")
                for a in areas
            ]
            barrier.wait(timeout=30)
            weekly.submit_week(cur, reporter, week, answers, by="rapportor")
        except BaseException as err:  # collected and reported below
            errors.append(err)

    threads = [threading.Thread(target=tab, args=(i,)) for i in range(tabs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    rows = con.execute(
        "select r.area_id, r.comment, s.factor_code, s.level"
        " from survey_response r join survey_rating s on s.response_id = r.id"
        " where r.reporter_id = ? and r.iso_year = ? and r.iso_week = ?",
        [reporter, week.year, week.week],
    ).fetchall()
    assert {r[0] for r in rows} == set(areas)
    # One tab's answer is stored whole: every area has the same tab's comment and that tab's levels.
    winners = {r[1] for r in rows}
    assert len(winners) == 1
    winner = int(next(iter(winners)).removeprefix("flik"))
    assert all(r[3] == (winner + r[0]) % 4 for r in rows)


def test_a_conflict_that_persists_is_a_message_and_the_form_is_kept(sample_db, monkeypatch):
    def always_conflict(fn, attempts: int = 5):
        raise duckdb.TransactionException("TransactionContext Error: Conflict on tuple deletion!")

    monkeypatch.setattr(weekly, "_retry", always_conflict)
    at = app_as("rapportor", "rapportera")
    assert not at.exception
    segmented = [w for w in at.get("button_group") if str(w.key).startswith("lvl_")]
    assert segmented
    segmented[0].set_value(3)
    at.button(key=[b.key for b in at.button if str(b.key).startswith("report_submit_")][0]).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("från en annan flik" in e.value for e in at.error)
    assert at.session_state[segmented[0].key] == 3, "the answer stays in the form"


def test_sso_does_not_let_a_timed_out_browser_straight_back_in(sample_db, monkeypatch):
    con = db.connect()
    admin.save_settings(con, {"session_timeout_minutes": "5"}, "admin")
    t0 = dt.datetime.now() - dt.timedelta(minutes=30)
    token = sessions.create(con, user_id(con, "admin"), now=t0)  # signed in half an hour ago, idle since
    monkeypatch.setattr(state, "_cookie_token", lambda: token)

    def sso_app(issued: dt.datetime) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.secrets["auth"] = AUTH_SECRETS
        at.user = {
            "is_logged_in": True,
            "email": "admin@example.test",
            "iss": ISS,
            "tid": TENANT,
            "oid": "oid-adm",
            "iat": int(issued.timestamp()),
        }
        at.run()
        return at

    stale = sso_app(t0)  # F5 with the provider's identity from before the timeout
    assert not stale.exception
    assert "user_id" not in stale.session_state
    assert stale.button(key="oidc_login") is not None
    fresh = sso_app(dt.datetime.now())  # the user pressed the button and signed in at the provider again
    assert fresh.session_state["user_id"] == user_id(con, "admin")


def test_parallel_failed_logins_all_count_and_raise_nothing_else(sample_db):
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def attempt(i: int) -> None:
        try:
            cur = db.cursor(sample_db)
            barrier.wait(timeout=30)
            auth.authenticate(
                cur, "admin", f"fel-{i}", now=dt.datetime(2026, 11, 23, 10, 0), client="203.0.113.5"
            )
        except auth.LockedOut:
            pass
        except BaseException as err:  # collected and reported below
            errors.append(err)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    failures = (
        db.connect(sample_db)
        .execute("select failures from login_throttle where account = 'admin' and client = '203.0.113.5'")
        .fetchone()[0]
    )
    assert failures >= auth.FREE_ATTEMPTS


def test_a_refresh_after_the_idle_time_says_why_the_user_is_signed_out(sample_db, monkeypatch):
    con = db.connect()
    token = sessions.create(con, user_id(con, "samordnare"), now=dt.datetime.now() - dt.timedelta(hours=3))
    monkeypatch.setattr(state, "_cookie_token", lambda: token)
    at = app_as(None)
    assert not at.exception
    assert "user_id" not in at.session_state
    assert any("inaktivitet" in i.value for i in at.info)
    assert sessions.end_reason(con, token) == "timeout"


def test_a_refresh_keeps_a_survey_link_session_until_the_link_is_revoked(sample_db, monkeypatch):
    con = db.connect()
    made = links.create_links(con, IsoWeek.of(dt.date.today()), "samordnare", reporter_ids=[3])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["token"] = made[0].token
    at.run()
    token = at.session_state["session_token"]
    assert token != made[0].token, "the cookie holds a session token, not the link's secret"
    monkeypatch.setattr(state, "_cookie_token", lambda: token)
    refreshed = app_as(None)
    assert not refreshed.exception
    assert refreshed.session_state["user_id"] == 0
    assert refreshed.session_state["survey_link"].reporter_id == 3
    uses = con.execute("select use_count from survey_link where id = ?", [made[0].link_id]).fetchone()[0]
    assert uses == 1, "a refresh is not a new use of the link"
    links.revoke(con, "samordnare", link_ids=[made[0].link_id])
    after = app_as(None)
    assert "user_id" not in after.session_state and "survey_link" not in after.session_state


def test_a_refresh_of_a_single_sign_on_session_reuses_it(sample_db, monkeypatch):
    con = db.connect()
    token = sessions.create(con, user_id(con, "admin"))
    monkeypatch.setattr(state, "_cookie_token", lambda: token)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH_SECRETS
    at.user = {
        "is_logged_in": True,
        "email": "admin@example.test",
        "iss": ISS,
        "tid": TENANT,
        "oid": "oid-adm",
        "iat": int(dt.datetime.now().timestamp()),
    }
    at.run()
    assert at.session_state["user_id"] == user_id(con, "admin")
    assert at.session_state["session_token"] == token
    assert con.execute("select count(*) from app_session").fetchone()[0] == 1


def test_administration_shows_the_wait_and_can_lift_it(sample_con):
    for i in range(auth.FREE_ATTEMPTS):
        auth.authenticate(sample_con, "lasare", f"fel-{i}", client="192.0.2.44")
    reader = user_id(sample_con, "lasare")
    assert admin.user_record(sample_con, reader)["locked_until"] is not None
    shown = admin.users(sample_con).set_index("username")["locked_until"]
    assert not pd.isna(shown["lasare"]) and pd.isna(shown["admin"])
    admin.unlock(sample_con, reader, "admin")
    assert admin.user_record(sample_con, reader)["locked_until"] is None
    assert auth.authenticate(sample_con, "lasare", ADMIN_PASSWORD, client="192.0.2.44") is not None


def test_an_idle_tab_does_not_sign_out_a_browser_that_is_active_in_another_tab(sample_db):
    con = db.connect()
    at = app_as(None)
    _login(at, "samordnare")
    token = at.session_state["session_token"]
    # This tab has been idle for 90 minutes, but another tab of the browser was used a minute ago.
    at.session_state["last_seen"] = dt.datetime.now() - dt.timedelta(minutes=90)
    con.execute(
        "update app_session set last_seen_at = ? where token_hash = ?",
        [dt.datetime.now() - dt.timedelta(minutes=1), sessions._hash(token)],
    )
    at.run()
    assert at.session_state["user_id"] == user_id(con, "samordnare")
    # When the browser as a whole has been idle longer than the timeout, the session ends.
    con.execute(
        "update app_session set last_seen_at = ? where token_hash = ?",
        [dt.datetime.now() - dt.timedelta(minutes=61), sessions._hash(token)],
    )
    at.run()
    assert "user_id" not in at.session_state
    assert sessions.end_reason(con, token) == "timeout"
