"""The map in headless Chromium: layers draw, and a popup with <script> shows as text and runs nothing.

The sandbox has no internet, so Leaflet's CDN files are served from Debian's libjs-leaflet package
(/usr/share/javascript) through Playwright routes; map tiles are simply left out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from est_data import incidents
from est_data.charts import maps

CHROMIUM = Path("/usr/bin/chromium")
JS = Path("/usr/share/javascript")
LOCAL = {
    "leaflet.js": JS / "leaflet" / "leaflet.js",
    "leaflet.css": JS / "leaflet" / "leaflet.css",
    "leaflet.markercluster.js": JS / "leaflet" / "leaflet.markercluster.js",
    "MarkerCluster.css": JS / "leaflet" / "MarkerCluster.css",
    "MarkerCluster.Default.css": JS / "leaflet" / "MarkerCluster.Default.css",
    "jquery-3.7.1.min.js": JS / "jquery" / "jquery.min.js",
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium"),
    pytest.mark.skipif(not LOCAL["leaflet.js"].exists(), reason="no local Leaflet (libjs-leaflet)"),
]


def _offline(route):
    name = route.request.url.split("?")[0].rsplit("/", 1)[-1]
    if name in LOCAL:
        kind = "text/css" if name.endswith(".css") else "application/javascript"
        route.fulfill(status=200, body=LOCAL[name].read_bytes(), headers={"Content-Type": kind})
    elif name.endswith((".js", ".css")):
        route.fulfill(status=200, body="", headers={"Content-Type": "text/plain"})
    else:
        route.abort()


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1000, "height": 800})
        context.route(lambda url: url.startswith("http"), _offline)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.dialogs = dialogs
        yield page
        browser.close()


def test_popup_with_script_is_shown_as_text_and_never_runs(browser_page, tmp_path):
    evil = "<script>alert('xss')</script><img src=x onerror=alert(2)>"
    points = pd.DataFrame(
        [
            {
                "source": "rapportör",
                "category": evil,
                "occurred_at": dt.datetime(2026, 5, 1, 22),
                "lat": 55.3820,
                "lon": 13.1540,
                "text": evil,
                "url": None,
            }
        ]
    )
    m = maps.new_map(None)
    m.location, m.options["zoom"] = [55.382, 13.154], 16
    maps.add_event_clusters(m, points, "sv")
    path = tmp_path / "map.html"
    m.save(str(path))
    page = browser_page
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-overlay-pane canvas", timeout=15000)
    page.wait_for_timeout(300)
    box = page.locator(".leaflet-container").bounding_box()
    x, y = page.evaluate(
        f"() => {{ const p = {m.get_name()}.latLngToContainerPoint([55.3820, 13.1540]); return [p.x, p.y]; }}"
    )
    page.mouse.click(box["x"] + x, box["y"] + y)
    popup = page.wait_for_selector(".leaflet-popup-content", timeout=5000)
    assert "<script>alert('xss')</script>" in popup.inner_text()  # shown as text
    assert page.locator(".leaflet-popup-content script").count() == 0
    assert page.locator(".leaflet-popup-content img").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_karta_layers_draw_in_the_browser(browser_page, sample_con, tmp_path):
    q = incidents.EventQuery("1287", dt.date(2025, 11, 23), dt.date(2026, 11, 22))
    data = incidents.map_data(sample_con, q, incidents.LAYERS, "rate", cell=200.0)
    path = tmp_path / "karta.html"
    maps.build(data, "sv").save(str(path))
    page = browser_page
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-overlay-pane canvas", state="attached", timeout=15000)
    page.wait_for_timeout(500)
    assert page.locator(".leaflet-pane.leaflet-heat-pane img.leaflet-image-layer").count() == 1
    assert page.locator(".leaflet-control-layers").count() == 1
    # Named places and Gi* cells are interactive vector shapes with tooltips
    assert (
        page.evaluate(
            "() => document.querySelectorAll('.leaflet-overlay-pane path, .leaflet-overlay-pane canvas').length"
        )
        > 0
    )
    assert page.dialogs == []
