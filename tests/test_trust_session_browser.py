"""In a real browser: a refresh or a bookmark keeps the user signed in, logging out ends the session on
the server (issue 13, "F5 logs the user out"), and Markdown planted in names and texts fetches nothing
(issue 16 item 4).

The app is served on a copy of the sample where a user's display name, an area name, a factor label
and a priority carry `![x](http://evil.example/…)` images and fake links; every request the page makes
is recorded.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from est_data import db, links
from est_data.model import IsoWeek
from tests.conftest import ADMIN_PASSWORD
from tests.test_browser import CHROMIUM, FLAGS, _serve_offline, login, open_page, serve_app, settle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium saknas"),
]

IMAGE = "![x](http://evil.example/t.png)"
LINK_TOKENS: list[str] = []  # personal survey links made before the server starts
LINK = "[Logga in här](http://evil.example/login)"


def _plant(path) -> None:
    con = db.connect(path)
    con.execute("update app_user set display_name = ? where username = 'samordnare'", [f"Sam {IMAGE} {LINK}"])
    con.execute("update area set name = name || ? where id = (select min(id) from area)", [" " + IMAGE])
    con.execute(
        "update factor set label_sv = label_sv || ? where code = (select min(code) from factor)", [" " + LINK]
    )
    year, week = divmod(
        con.execute("select max(iso_year * 100 + iso_week) from survey_response").fetchone()[0], 100
    )
    con.execute(
        "insert into weekly_priority (iso_year, iso_week, kind, description, horizon)"
        " values (?, ?, 'närvaro', ?, 'vecka')",
        [year, week, f"{IMAGE} {LINK} $x^2$"],
    )
    LINK_TOKENS.extend(
        made.token
        for made in links.create_links(con, IsoWeek.of(dt.date.today()), "samordnare", reporter_ids=[3])
    )
    db.close(path)


@pytest.fixture(scope="module")
def planted_server(sample_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("sessions")
    database = directory / "est.duckdb"
    shutil.copy(sample_template, database)
    _plant(database)
    with serve_app(database, directory) as url:
        yield url, database


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


def _signed_in(page) -> bool:
    return page.locator('[data-testid="stSidebarNav"]').count() > 0


def _session_cookie(page) -> str | None:
    found = [c for c in page.context.cookies() if c["name"] == "est_session"]
    return found[0]["value"] if found else None


def test_refresh_and_bookmark_keep_the_session_and_logout_ends_it(planted_server, chromium):
    url, database = planted_server
    page = login(chromium, url, "admin")
    token = _session_cookie(page)
    assert token, "the browser got a session cookie"
    assert token not in page.url
    page.reload(wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=60_000)
    settle(page)
    assert _signed_in(page), "F5 keeps the user signed in"
    assert page.locator(".st-key-login_username").count() == 0
    # A bookmark of another page, opened in a new tab of the same browser.
    tab = page.context.new_page()
    tab.goto(url + "/lagesbild", wait_until="domcontentloaded")
    tab.wait_for_selector('[data-testid="stSidebarNav"]', timeout=60_000)
    settle(tab)
    assert _signed_in(tab) and "?token" not in tab.url and token not in tab.url
    tab.close()
    # The server keeps only the token's hash.
    with open(database, "rb") as f:
        assert token.encode() not in f.read()
    # Logging out ends the session: a reload shows the login form, and the old cookie is worth nothing.
    page.locator(".st-key-logout button").click()
    page.wait_for_selector(".st-key-login_username input", timeout=60_000)
    page.reload(wait_until="domcontentloaded")
    page.wait_for_selector(".st-key-login_username input", timeout=60_000)
    settle(page)
    assert not _signed_in(page)
    thief = chromium.new_context()
    thief.add_cookies([{"name": "est_session", "value": token, "url": url}])
    other = thief.new_page()
    other.goto(url, wait_until="domcontentloaded")
    other.wait_for_selector(".st-key-login_username input", timeout=60_000)
    assert not _signed_in(other)
    thief.close()
    page.context.close()


def test_planted_markdown_fetches_nothing_and_links_nowhere(planted_server, chromium):
    url, _ = planted_server
    context = chromium.new_context(
        viewport={"width": 1440, "height": 1000}, locale="sv-SE", timezone_id="Europe/Stockholm"
    )
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url) if "evil.example" in r.url else None)
    context.route(lambda target: not target.startswith(url), _serve_offline)
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(".st-key-login_username input", timeout=60_000)
    page.locator(".st-key-login_username input").fill("samordnare")
    page.locator(".st-key-login_password input").fill(ADMIN_PASSWORD)
    page.locator(".st-key-login_submit button").click()
    page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=60_000)
    settle(page)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text().replace("\u2060", "")
    assert "Sam ![x](http://evil.example/t.png)" in sidebar, "the name shows as typed"
    for key in ("oversikt", "lagesbild", "rapportera", "mote"):
        open_page(page, key, role="samordnare")
        page.wait_for_timeout(1000)
        meeting_view = page.get_by_text("Mötet", exact=True)
        if key == "lagesbild" and meeting_view.count():  # Lägesbild's meeting mode lists the priorities
            meeting_view.first.click()
            settle(page)
            assert "$x^2$" in page.locator("body").inner_text(), "LaTeX shows as typed"
        assert page.locator('img[src*="evil.example"]').count() == 0, key
        anchors = page.locator('a[href*="evil.example"]')
        assert anchors.count() == 0, (
            key,
            anchors.evaluate_all(
                "els => els.map(e => e.outerHTML + ' IN ' + e.parentElement.parentElement.outerHTML.slice(0, 600))"
            ),
        )
        assert page.locator(".katex").count() == 0, key  # no LaTeX from a `$…$` in a text
    assert requests == []
    context.close()


def test_a_refresh_keeps_a_survey_link_open(planted_server, chromium):
    url, _ = planted_server
    context = chromium.new_context(viewport={"width": 1024, "height": 900}, locale="sv-SE")
    context.route(lambda target: not target.startswith(url), _serve_offline)
    page = context.new_page()
    page.goto(f"{url}/?token={LINK_TOKENS[0]}", wait_until="domcontentloaded")
    page.wait_for_selector('[class*="st-key-report_submit_"]', timeout=60_000)
    settle(page)
    assert LINK_TOKENS[0] not in page.url
    page.reload(wait_until="domcontentloaded")
    page.wait_for_selector('[class*="st-key-report_submit_"]', timeout=60_000)
    settle(page)
    assert page.locator(".st-key-login_username").count() == 0, "still the reporter's form after F5"
    context.close()
