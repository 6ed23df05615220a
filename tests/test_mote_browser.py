"""Möte in a real browser on a half-answered Thursday (the current ISO week with answers for about half
the areas), at 1280×720 as on a projector: the whole meeting walked with the keyboard's → key, a
decision made in each step, every step without an exception and inside the screen. Screenshots of the
six steps are kept in test-artifacts/screenshots/mote_thursday_<n>.png.
"""

from __future__ import annotations

import shutil

import pytest

from est_data import db, variants
from est_data import weekly as weekly_cycle
from tests.conftest import ADMIN_PASSWORD
from tests.test_browser import (  # noqa: F401  (fixtures are found by name)
    CHROMIUM,
    FLAGS,
    SHOTS,
    browser,
    exception_texts,
    serve_app,
    settle,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} saknas (Debian-paketet chromium)"),
]

BAD = ("nan", "NaN", "None", "NaT", "<NA>", "status.nan", "Traceback")


@pytest.fixture(scope="module")
def thursday_server(sample_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("mote_browser")
    database = directory / "est.duckdb"
    shutil.copy(sample_template, database)
    con = db.connect(database)
    week = variants.half_thursday(con)
    answered = [
        r[0]
        for r in con.execute(
            "select distinct area_id from survey_response where iso_year = ? and iso_week = ?",
            [week.year, week.week],
        ).fetchall()
    ]
    centrum = con.execute("select id from area where name = 'Centrum'").fetchone()[0]
    weekly_cycle.add_priority(
        con,
        week.shift(-1),
        "trafikkontroll",
        "Mopedkontroll på Hamngatan",
        "test",
        horizon="vecka",
        area_id=centrum,
    )
    unanswered = con.execute(
        "select id, name from area where active and not list_contains(?, id) order by name",
        [sorted(answered)],
    ).fetchone()
    db.close(database)
    with serve_app(database, directory) as url:
        yield url, week, unanswered


def content_bottom(page) -> float:
    return page.evaluate(
        '() => Math.max(...[...document.querySelectorAll(\'[data-testid="stMainBlockContainer"] '
        '[data-testid="stElementContainer"]\')].map(e => e.getBoundingClientRect().bottom))'
    )


def shot(page, n: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"mote_thursday_{n}.png"))


def check_step(page, n: int, title: str) -> str:
    assert exception_texts(page) == []
    assert page.get_by_text(title).count() >= 1, title
    shot(page, n)
    text = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    for word in BAD:
        assert f" {word} " not in f" {text} ".replace("\n", " "), (word, text[:1500])
    assert content_bottom(page) <= 720, (n, content_bottom(page))
    return text


def test_the_meeting_walked_with_the_keyboard_at_1280x720(browser, thursday_server):  # noqa: F811
    url, week, (unanswered_id, unanswered) = thursday_server
    context = browser.new_context(
        viewport={"width": 1280, "height": 720}, locale="sv-SE", timezone_id="Europe/Stockholm"
    )
    page = context.new_page()
    try:
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_selector(".st-key-login_username input", timeout=60_000)
        page.locator(".st-key-login_username input").fill("samordnare")
        page.locator(".st-key-login_password input").fill(ADMIN_PASSWORD)
        page.locator(".st-key-login_submit button").click()
        page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=60_000)
        settle(page)
        page.locator('[data-testid="stSidebarNav"] a[href$="/mote"]').first.click()
        settle(page)
        label = f"v.{week.week} {week.year}"

        text = check_step(page, 1, f"Veckan · {label}")
        img = page.locator('[data-testid="stImage"] img').first
        assert img.evaluate("i => i.naturalWidth") > 500
        assert "/ 40" in text

        page.keyboard.press("ArrowRight")
        settle(page)
        text = check_step(page, 2, f"Status per område · {label}")
        assert f"{unanswered} · inga svar" in text
        row = page.locator(f".st-key-mote_status_{week.year}_{week.week}_" + str(unanswered_id))
        row.locator("button", has_text="gul").first.click()
        settle(page)
        shot(page, 2)
        page.locator(".st-key-mote_agree_all button").first.click()
        settle(page)

        page.keyboard.press("ArrowRight")
        settle(page)
        check_step(page, 3, f"Polisen och händelserna · {label}")
        page.locator(f".st-key-mote_police_{week.year}_{week.week} textarea").fill("Ökad langning vid Hamnen")
        shot(page, 3)
        page.locator(".st-key-mote_next button").first.click()  # straight on: leaving the field saves it
        settle(page)
        text = check_step(page, 4, f"Förra veckans prioriteringar · {label}")
        assert "Mopedkontroll på Hamngatan" in text

        page.keyboard.press("ArrowRight")
        settle(page)
        check_step(page, 5, f"Prioriteringar och insatser · {label}")
        page.locator(".st-key-mote_prio_description input").fill("Trygghetsvandring vid Stortorget")
        page.locator(".st-key-mote_prio_add button").first.click()
        settle(page)
        text = check_step(page, 5, f"Prioriteringar och insatser · {label}")
        assert "Trygghetsvandring vid Stortorget" in text and "lör" in text and "sön" in text
        assert (
            page.locator(".st-key-mote_prio_description input").input_value() == ""
        )  # the form is empty again
        page.get_by_role("button", name="Gör till insats").first.click()  # the priority becomes an action
        page.get_by_role("button", name="Skapa insatsen").first.click()
        settle(page)
        # waited for: on a loaded machine the rerun can start after settle() has returned
        page.get_by_text("Insats: Trygghetsvandring vid Stortorget").first.wait_for(timeout=60_000)
        text = check_step(page, 5, f"Prioriteringar och insatser · {label}")
        assert "Insats: Trygghetsvandring vid Stortorget" in text

        page.keyboard.press("ArrowRight")
        settle(page)
        text = check_step(page, 6, f"Beslut · {label}")
        assert "Trygghetsvandring vid Stortorget" in text and "Ökad langning vid Hamnen" in text
        assert unanswered in text and "1 av 1 prioriteringar är insatser" in text
    finally:
        context.close()
