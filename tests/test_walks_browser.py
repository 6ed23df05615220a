"""Safety walks in the browser (what AppTest cannot see): a click on the walk's map fills the finding's
coordinates and the finding is saved there; Karta's layer control lists the findings as a layer that
Leaflet draws."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from est_data import auth, db, walks
from tests.conftest import ADMIN_PASSWORD
from tests.test_browser import CHROMIUM, FLAGS, login, open_page, serve_app, settle
from tests.test_walks import without_sample_walks

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium saknas"),
]


@pytest.fixture(scope="module")
def served(sample_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("walks_browser")
    database = directory / "est.duckdb"
    shutil.copy(sample_template, database)
    con = db.connect(database)
    if con.execute("select count(*) from app_user where username = 'samordnare'").fetchone()[0] == 0:
        auth.create_user(con, "samordnare", ADMIN_PASSWORD, "samordnare", email="s@example.test")
    without_sample_walks(con)  # the page opens on this walk (the newest), alone on Karta's layer
    area_id = con.execute("select id from area where name = 'Centrum'").fetchone()[0]
    walk_id = walks.create_walk(
        con, "samordnare", "1287", dt.date(2026, 5, 12), area_id=area_id, status="genomförd"
    )
    db.close(database)
    with serve_app(database, directory) as url:
        yield url, database, walk_id


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


def _visible_map(page):
    frames = page.locator('iframe[title*="st_folium"]')
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe[title*=\"st_folium\"]')].some(f => f.offsetParent)",
        timeout=60_000,
    )
    index = next(i for i in range(frames.count()) if frames.nth(i).is_visible())
    frame = frames.nth(index)
    frame.scroll_into_view_if_needed()
    content = frame.element_handle().content_frame()
    content.wait_for_function("() => window.map && window.L", timeout=60_000)
    return frame, content


def test_click_on_the_walk_map_places_the_finding_and_karta_shows_it(served, chromium):
    url, database, walk_id = served
    page = login(chromium, url, "samordnare")
    open_page(page, "trygghetsvandringar", "samordnare")
    page.get_by_role("tab", name="Fynd").click()
    settle(page)
    frame, _ = _visible_map(page)
    box = frame.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.5)
    settle(page)
    lat = page.locator(f".st-key-walks_f_lat_{walk_id}_0 input").input_value()
    lon = page.locator(f".st-key-walks_f_lon_{walk_id}_0 input").input_value()
    assert 55.0 < float(lat) < 56.0 and 12.5 < float(lon) < 14.0, (lat, lon)
    page.locator(f".st-key-walks_f_text_{walk_id}_0 textarea").fill("Trasig lampa vid busshållplatsen")
    page.locator(".st-key-walks_finding_submit button").click()
    settle(page)
    # the app holds the database file, so the saved finding is read from the page (its findings table)
    # waited for, not counted at once: on a loaded machine the rerun after the click can start after
    # settle() has returned (seen in a full run beside other work)
    page.get_by_text("Trasig lampa vid busshållplatsen").first.wait_for(state="attached", timeout=60_000)
    # Karta: the findings layer is listed in the layer control and drawn as a circle marker
    open_page(page, "karta", "samordnare")
    _, content = _visible_map(page)
    names = content.evaluate(
        "() => [...document.querySelectorAll('.leaflet-control-layers-overlays label')].map(l => l.innerText.trim())"
    )
    assert "Trygghetsvandringar" in names, names
    tips = content.evaluate(
        "() => { const out = []; window.map.eachLayer(l => { if (l instanceof L.CircleMarker && l.getTooltip())"
        " out.push(l.getTooltip().getContent()); }); return out.join(' '); }"
    )
    assert "Trasig lampa vid busshållplatsen" in tips
    page.context.close()
