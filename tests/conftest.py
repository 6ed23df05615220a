"""Shared fixtures: databases in tmp_path (empty or with the sample), AppTest helpers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from est_data import auth, db, sample

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ADMIN_PASSWORD = "provlosenord-123"
# A page error is shown to users as a message with an error number; in tests it is raised again as
# well, so that AppTest's `at.exception` sees it (tests/test_first_thursday.py checks the message).
os.environ.setdefault("EST_RAISE_ERRORS", "1")


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory) -> Path:
    """A database with the sample loaded, built once per test session; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "sample.duckdb"
    con = db.connect(path)
    sample.load(con)
    for username, role in (
        ("admin", "admin"),
        ("samordnare", "samordnare"),
        ("lasare", "läsare"),
        ("rapportor", "rapportör"),
    ):
        reporter_id = 1 if role == "rapportör" else None
        auth.create_user(
            con, username, ADMIN_PASSWORD, role, reporter_id=reporter_id, email=f"{username}@example.test"
        )
    db.close(path)
    return path


@pytest.fixture
def sample_db(sample_template, tmp_path, monkeypatch) -> Path:
    """A fresh copy of the sample database; EST_DB points at it (for AppTest and the CLI)."""
    path = tmp_path / "est.duckdb"
    shutil.copy(sample_template, path)
    monkeypatch.setenv("EST_DB", str(path))
    yield path
    db.close(path)


@pytest.fixture
def sample_con(sample_db):
    return db.connect(sample_db)


@pytest.fixture
def empty_db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "empty.duckdb"
    monkeypatch.setenv("EST_DB", str(path))
    monkeypatch.setenv("EST_LOAD_SAMPLE", "0")
    yield path
    db.close(path)


@pytest.fixture
def empty_con(empty_db):
    return db.connect(empty_db)


def user_id(con, username: str) -> int:
    return con.execute("select id from app_user where username = ?", [username]).fetchone()[0]


def app_as(username: str | None, page: str | None = None, timeout: float = 60):
    """An AppTest of app.py, logged in as username (None = not logged in), optionally on a page."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if username is not None:
        con = db.connect()
        at.session_state["user_id"] = user_id(con, username)
    at.run()
    if page is not None:
        at.switch_page(f"pages/{page}.py")
        at.run()
    return at
