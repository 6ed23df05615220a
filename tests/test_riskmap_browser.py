"""Karta's "Risk nästa vecka" layer in a real browser: switched on, the flagged cells are drawn on the map
(violet outlines) and the accuracy table and verdict stand beside it. Screenshot kept in
test-artifacts/screenshots/karta_risk.png."""

from __future__ import annotations

import pytest

from tests.test_browser import (  # noqa: F401  (fixtures are found by name)
    CHROMIUM,
    browser,
    exception_texts,
    login,
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


def test_karta_risk_layer_in_the_browser(browser, server, sample_con):  # noqa: F811
    from est_data import incidents, queries, risk
    from est_data.analysis import riskmap

    shown = risk.risk_map(
        sample_con, incidents.default_query(sample_con, queries.hotspot_municipalities(sample_con)[0])
    )
    drawn = len(riskmap.flagged_cells(shown.risk))  # the map shown (the method's or the naive one)
    assert drawn > 0
    page = login(browser, server, "samordnare")
    try:
        open_page(page, "karta", role="samordnare")
        for name in ("clusters", "hotspots", "places"):  # the risk layer alone, to see it
            page.locator(f".st-key-karta_layer_{name} label").click()
            settle(page)
        tables = page.locator('[data-testid="stDataFrame"]').count()
        page.locator(".st-key-karta_layer_risk label").click()
        settle(page, timeout=120_000)
        assert not exception_texts(page)
        text = page.inner_text("body")
        assert "Risk nästa vecka (" in text
        assert "de senaste fyra veckorna" in text and "Flaggat: 4,9 % av ytan" in text
        assert (
            page.locator('[data-testid="stDataFrame"]').count() == tables + 1
        )  # the accuracy table (a canvas)
        after = map_layers(page)
        assert drawn in after["geojson"]  # the flagged cells, one GeoJSON layer: about 5 % of the land
        page.locator('iframe[title*="st_folium"]').scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        screenshot(page, "karta_risk_map")
        page.get_by_text("Risk nästa vecka (").scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        screenshot(page, "karta_risk")
    finally:
        page.context.close()
