"""Access control everywhere: every registered page refuses the roles it does not list, even when its
script is run directly, and a reader without the grant never sees a reporter's name."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from est_data import admin, db
from est_data.ui.pages import PAGES
from tests.conftest import ROOT, app_as, user_id

USERS = {"admin": "admin", "samordnare": "samordnare", "läsare": "lasare", "rapportör": "rapportor"}
REFUSALS = [
    (spec.key, role)
    for spec in PAGES
    for role in USERS
    if role not in spec.roles and (ROOT / "pages" / f"{spec.key}.py").exists()
]


def _run_page(key: str, username: str | None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{key}.py"), default_timeout=90)
    if username is not None:
        at.session_state["user_id"] = user_id(db.connect(), username)
    at.run()
    return at


@pytest.mark.parametrize(("key", "role"), REFUSALS, ids=[f"{k}-{r}" for k, r in REFUSALS])
def test_pages_refuse_roles_they_do_not_list(sample_db, key, role):
    at = _run_page(key, USERS[role])
    assert not at.exception
    assert [e.value for e in at.error] == ["Du har inte behörighet till den här sidan."]
    assert not at.dataframe and not at.metric and not at.button


@pytest.mark.parametrize("key", [s.key for s in PAGES if (ROOT / "pages" / f"{s.key}.py").exists()])
def test_pages_refuse_an_anonymous_session(sample_db, key):
    at = _run_page(key, None)
    assert not at.exception
    assert [e.value for e in at.error] == ["Du har inte behörighet till den här sidan."]


def _visible_text(at: AppTest) -> str:
    parts = [
        e.value
        for kind in (
            "markdown",
            "caption",
            "text",
            "info",
            "warning",
            "success",
            "subheader",
            "header",
            "title",
        )
        for e in getattr(at, kind)
    ]
    for frame in at.dataframe:
        parts.append(frame.value.to_string())
    for table in at.table:
        parts.append(table.value.to_string())
    for box in list(at.selectbox) + list(at.multiselect):
        parts.extend(str(o) for o in box.options)
    return "\n".join(str(p) for p in parts)


READER_PAGES = [s.key for s in PAGES if "läsare" in s.roles and (ROOT / "pages" / f"{s.key}.py").exists()]


@pytest.mark.parametrize("key", READER_PAGES)
def test_a_reader_sees_no_reporter_names_unless_granted(sample_db, key):
    con = db.connect()
    names = [r[0] for r in con.execute("select name from reporter").fetchall()]
    at = app_as("lasare", key, timeout=120)
    assert not at.exception
    shown = _visible_text(at)
    assert len(shown) > 200  # the page really drew its content
    assert not [n for n in names if n in shown], f"reporter names on {key}"
    internal = [
        r[0]
        for r in con.execute(
            "select distinct comment from survey_response where comment_internal and comment is not null"
            " except select comment from survey_response where not comment_internal and comment is not null"
        ).fetchall()
    ]
    assert not [c for c in internal if len(c) > 15 and c in shown], f"internal comments on {key}"


def test_the_name_check_can_fail(sample_db):
    """A control: the coordinator's reporter form lists the reporters by name, and the check sees it."""
    con = db.connect()
    names = [r[0] for r in con.execute("select name from reporter").fetchall()]
    at = app_as("samordnare", "rapportera", timeout=120)
    assert [n for n in names if n in _visible_text(at)]


def test_granting_a_reader_is_what_admins_do(sample_con):
    reader = user_id(sample_con, "lasare")
    admin.set_personal_access(sample_con, reader, True, "admin")
    assert sample_con.execute("select can_see_personal from app_user where id = ?", [reader]).fetchone()[0]
    log = admin.audit_log(sample_con, limit=1)
    assert log.iloc[0]["operation"] == "grant_personal" and log.iloc[0]["username"] == "admin"


REPORTER_PAGES = [
    s.key for s in PAGES if "rapportör" in s.roles and (ROOT / "pages" / f"{s.key}.py").exists()
]


@pytest.mark.parametrize("key", REPORTER_PAGES)
def test_a_reporter_sees_no_other_reporters(sample_db, key):
    con = db.connect()
    others = [r[0] for r in con.execute("select name from reporter where id <> 1").fetchall()]
    at = app_as("rapportor", key, timeout=120)  # the rapportör account is reporter 1
    assert not at.exception
    shown = _visible_text(at)
    assert len(shown) > 100
    assert not [n for n in others if n in shown], f"other reporters' names on {key}"
