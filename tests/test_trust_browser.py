"""In the running app, `<script>` and `<img onerror>` planted in every kind of free text never run.

The app is served on a copy of the sample where survey comments, event descriptions, police
summaries and categories, action titles and descriptions, a place name and an area name carry the
payloads; every page is opened through the navigation in headless Chromium and no dialog may open.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from est_data import db
from est_data.ui.pages import PAGES
from tests.conftest import ROOT
from tests.test_browser import CHROMIUM, FLAGS, login, open_page, serve_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium saknas"),
]

ALERT = '<script>alert("xss")</script><img src=x onerror="alert(\'xss\')">'


def _plant(path) -> None:
    con = db.connect(path)
    year, week = divmod(
        con.execute("select max(iso_year * 100 + iso_week) from survey_response").fetchone()[0], 100
    )
    monday = dt.date.fromisocalendar(year, week, 1)
    con.execute(
        "update survey_response set comment = ? || comment, comment_internal = false"
        " where iso_year = ? and iso_week = ?",
        [ALERT, year, week],
    )
    con.execute(
        "update observation set description = ? where reported_at >= ?",
        [ALERT, monday - dt.timedelta(days=60)],
    )
    con.execute(
        "update incident set summary = ?, location_name = ? where occurred_at >= ?",
        [ALERT, ALERT, monday - dt.timedelta(days=60)],
    )
    con.execute("update action set title = title || ?, description = ?", [ALERT, ALERT])
    con.execute("update place set name = name || ? where id = 1", [ALERT])
    con.execute("update area set name = name || ? where id = 2", [ALERT])
    con.execute("update weekly_assessment set note = ?", [ALERT])
    db.close(path)


@pytest.fixture(scope="module")
def planted_server(sample_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("xss")
    database = directory / "est.duckdb"
    shutil.copy(sample_template, database)
    _plant(database)
    with serve_app(database, directory) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


def test_planted_html_never_runs_on_any_page(planted_server, chromium):
    page = login(chromium, planted_server, "admin")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    frames_with_img: list[str] = []
    shown_as_text: list[str] = []
    opened = []
    for spec in PAGES:
        if "admin" not in spec.roles or not (ROOT / "pages" / f"{spec.key}.py").exists():
            continue
        open_page(page, spec.key)
        page.wait_for_timeout(1500)  # let map iframes and charts draw
        opened.append(spec.key)
        for frame in page.frames:
            try:
                if frame.locator("img[onerror]").count():
                    frames_with_img.append(spec.key)
                if '<script>alert("xss")</script>' in frame.locator("body").inner_text():
                    shown_as_text.append(spec.key)
            except Exception:  # a frame that went away while the page redrew
                continue
    assert len(opened) >= 5
    assert shown_as_text, "the planted text should be visible (as text) somewhere"
    assert dialogs == [], f"a planted script ran: {dialogs}"
    assert frames_with_img == []
    page.context.close()
