"""The app shell under AppTest: first run, login, roles, every page renders without an exception."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from est_data import auth, db
from est_data.analysis import overview
from est_data.ui import pages as registry
from tests.conftest import ADMIN_PASSWORD, ROOT, app_as

PAGE_FILES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))


def test_every_page_file_is_registered_and_every_registered_page_exists():
    keys = {p.key for p in registry.PAGES}
    assert set(PAGE_FILES) == keys


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_renders_for_admin_without_exception(sample_db, page):
    at = app_as("admin", page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page shows a title"


def test_first_run_creates_admin_then_login(empty_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.text_input(key="firstrun_password2") is not None
    at.text_input(key="firstrun_username").input("ann.admin")
    at.text_input(key="firstrun_password").input("ett-langt-losenord")
    at.text_input(key="firstrun_password2").input("ett-langt-losenord")
    at.button(key="firstrun_submit").click().run()
    assert not at.exception
    con = db.connect(empty_db)
    assert con.execute("select username, role from app_user").fetchall() == [("ann.admin", "admin")]
    assert con.execute("select password_hash from app_user").fetchone()[0].startswith("$argon2")
    # now the login form
    at.text_input(key="login_username").input("ann.admin")
    at.text_input(key="login_password").input("ett-langt-losenord")
    at.button(key="login_submit").click().run()
    assert not at.exception
    assert at.session_state["user_id"] == 1


def test_first_run_refuses_short_password_and_mismatch(empty_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.text_input(key="firstrun_username").input("ann")
    at.text_input(key="firstrun_password").input("kort")
    at.text_input(key="firstrun_password2").input("kort")
    at.button(key="firstrun_submit").click().run()
    assert "minst 10 tecken" in at.error[0].value
    at.text_input(key="firstrun_password").input("ett-langt-losenord")
    at.text_input(key="firstrun_password2").input("ett-annat-losenord")
    at.button(key="firstrun_submit").click().run()
    assert "inte lika" in at.error[0].value
    assert db.connect(empty_db).execute("select count(*) from app_user").fetchone()[0] == 0


def test_wrong_password_is_refused(sample_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.text_input(key="login_username").input("admin")
    at.text_input(key="login_password").input("fel-losenord")
    at.button(key="login_submit").click().run()
    assert "user_id" not in at.session_state
    assert at.error[0].value == "Fel användarnamn eller lösenord."
    at.text_input(key="login_password").input(ADMIN_PASSWORD)
    at.button(key="login_submit").click().run()
    assert at.session_state["user_id"] > 0


@pytest.mark.parametrize(
    "username,role",
    [("admin", "admin"), ("samordnare", "samordnare"), ("lasare", "läsare"), ("rapportor", "rapportör")],
)
def test_roles_see_only_their_pages(sample_db, username, role):
    allowed = {p.key for p in registry.allowed(role)}
    for spec in registry.PAGES:
        at = app_as(username, spec.key) if spec.key in allowed else None
        if at is not None:
            assert not at.exception
            assert not any("behörighet" in e.value for e in at.error)
    # A page the role may not open refuses it even when its file is run directly.
    for spec in registry.PAGES:
        if spec.key in allowed:
            continue
        at = AppTest.from_file(str(ROOT / "pages" / f"{spec.key}.py"), default_timeout=60)
        at.session_state["user_id"] = (
            db.connect().execute("select id from app_user where username = ?", [username]).fetchone()[0]
        )
        at.run()
        assert at.error and "behörighet" in at.error[0].value


def test_reader_cannot_see_admin_pages_in_navigation():
    readers = {p.key for p in registry.allowed("läsare")}
    reporters = {p.key for p in registry.allowed("rapportör")}
    assert "oversikt" in readers
    assert "oversikt" not in reporters
    admin_only = {p.key for p in registry.PAGES if p.roles == ("admin",)}
    assert not admin_only & readers


def test_overview_shows_figures_from_the_database(sample_db):
    at = app_as("admin", "oversikt")
    assert not at.exception
    con = db.connect(sample_db)
    ov = overview.build(con, "1287", (), today=dt.date.today())
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rapportörer som svarat"].startswith(f"{ov.answered} / {ov.reporters}")
    assert ov.reporters == 40
    answered = con.execute(
        "select count(distinct reporter_id) from survey_response where iso_year = 2026 and iso_week = 47"
    ).fetchone()[0]
    assert ov.answered == answered
    police_last7 = con.execute(
        "select count(*) from incident where source = 'polisen' and not is_summary"
        " and cast(occurred_at as date) between date '2026-11-16' and date '2026-11-22'"
    ).fetchone()[0]
    assert int(metrics["Polishändelser"]) == police_last7
    by_status = {label.rsplit(" ", 1)[-1]: int(value) for label, value in metrics.items() if "●" in label}
    assert by_status == {
        "Röd": ov.status_counts["röd"],
        "Gul": ov.status_counts["gul"],
        "Grön": ov.status_counts["grön"],
    }
    assert sum(by_status.values()) == 14
    assert any("Exempeldata" in i.value for i in at.info)


def test_english_switch(sample_db):
    at = app_as("admin", "oversikt")
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Overview"


def test_session_times_out(sample_db):
    at = app_as("admin")
    at.session_state["last_seen"] = dt.datetime.now() - dt.timedelta(hours=5)
    at.run()
    assert "user_id" not in at.session_state
    assert not at.metric, "nothing of the page is shown after the timeout"


def test_repeated_failures_slow_down_but_never_lock(sample_con):
    t0 = dt.datetime.now()
    for _ in range(auth.FREE_ATTEMPTS):
        assert auth.authenticate(sample_con, "admin", "fel", now=t0) is None
    with pytest.raises(auth.LockedOut):
        auth.authenticate(sample_con, "admin", ADMIN_PASSWORD, now=t0)
    later = t0 + auth.throttle_delay(auth.FREE_ATTEMPTS)
    assert auth.authenticate(sample_con, "admin", ADMIN_PASSWORD, now=later) is not None
