"""Lägesbild in a real browser: the matrix is drawn and the status map colours every area.

Uses the server, browser and helpers of tests/test_browser.py (headless Debian Chromium, Leaflet
served from Debian's packages because tests run offline).
"""

from __future__ import annotations

import pytest

from est_data.geo import STATUS_COLOURS
from tests.test_browser import (  # noqa: F401  (fixtures are found by name)
    CHROMIUM,
    admin,
    browser,
    exception_texts,
    leaflet_offline,
    map_layers,
    open_page,
    screenshot,
    server,
    settle,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} saknas (Debian-paketet chromium)"),
]

FILLS_JS = """
() => {
  const fills = [];
  window.map.eachLayer(l => { if (l instanceof L.Polygon) fills.push(l.options.fillColor); });
  return fills;
}
"""


def test_situation_matrix_and_status_map(admin):  # noqa: F811
    open_page(admin, "lagesbild")
    assert exception_texts(admin) == []
    admin.wait_for_selector(".st-key-lb_matrix svg.main-svg", timeout=60_000)
    ticks = admin.locator(".st-key-lb_matrix .ytick").all_text_contents()
    assert len(ticks) == 14 and all(t.endswith(("(grön)", "(gul)", "(röd)")) for t in ticks), ticks
    assert admin.locator(".st-key-lb_matrix .hm").count() >= 1
    screenshot(admin, "weekly_lagesbild_matris")

    if not leaflet_offline():
        pytest.skip("Leaflet finns inte lokalt; kartan kan inte ritas utan internet")
    admin.locator(".st-key-lb_view button", has_text="Karta och status").first.click()
    settle(admin)
    layers = map_layers(admin)
    assert 14 in layers["geojson"], layers
    frame = admin.wait_for_selector('iframe[title*="st_folium"]').content_frame()
    fills = frame.evaluate(FILLS_JS)
    assert len(fills) >= 14 and set(fills) <= {c for k, c in STATUS_COLOURS.items() if k}, fills
    screenshot(admin, "weekly_lagesbild_karta")
    assert exception_texts(admin) == []
