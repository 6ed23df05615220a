"""Karta's "Framväxande hot spots" layer and tab in headless Chromium (issue 19): with the vandalism
categories chosen, the sample's planted rise in Skoghem is drawn on the map and listed in the tab."""

from __future__ import annotations

import pytest

from tests.test_browser import (  # noqa: F401  (fixtures used by name)
    CHROMIUM,
    browser,
    exception_texts,
    login,
    map_layers,
    need_page,
    open_page,
    screenshot,
    server,
    settle,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium"),
]


def _choose(page, key: str, option: str) -> None:
    box = page.locator(f".st-key-{key} input").first
    box.click()
    box.fill(option)
    page.keyboard.press("Enter")
    settle(page)


def test_emerging_layer_and_tab_show_the_planted_rise(browser, server):  # noqa: F811
    need_page("karta")
    admin = login(browser, server, "admin")
    open_page(admin, "karta")
    admin.locator(".st-key-karta_layer_hotspots label").first.click()  # only the new layer's cells
    settle(admin)
    admin.locator(".st-key-karta_layer_emerging label").first.click()
    settle(admin)
    for category in ("Skadegörelse", "Krossad ruta"):
        _choose(admin, "karta_categories", category)
    admin.keyboard.press("Escape")
    admin.locator("h1").first.click()  # close the list of categories
    settle(admin)
    screenshot(admin, "karta_framvaxande_before_tab")
    assert exception_texts(admin) == []
    tab = admin.get_by_role("tab", name="Framväxande hot spots")
    tab.scroll_into_view_if_needed()
    tab.click()
    admin.wait_for_timeout(500)
    summary = admin.get_by_text("rutor har ett mönster").first.inner_text()
    assert "12 månader" in summary and "5 rutor har ett mönster" in summary, summary
    layers = map_layers(admin)
    assert 5 in layers["geojson"], layers  # one GeoJSON layer with the five cells at the footpath
    admin.get_by_text("Så läser du").first.click()
    admin.wait_for_timeout(500)
    screenshot(admin, "karta_framvaxande")
    admin.get_by_text("Så läser du").first.click()  # closed again: the table below it
    admin.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]'); m.scrollTop = m.scrollHeight; }"
    )
    admin.wait_for_timeout(800)
    screenshot(admin, "karta_framvaxande_tabell")
    assert admin.get_by_text("Tilltagande: het nästan hela tiden och allt starkare").count() >= 1
