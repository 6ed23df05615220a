"""Insatser in headless Chromium: the evaluation's chart and map, and the annual table's Excel file.

Uses the app server, browser and helpers of tests/test_browser.py (offline Leaflet from Debian's packages).
"""

from __future__ import annotations

import io

import pytest

from tests.test_browser import (  # noqa: F401  (fixtures are used by name)
    CHROMIUM,
    SHOTS,
    browser,
    exception_texts,
    leaflet_offline,
    login,
    open_page,
    server,
    settle,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} saknas (Debian-paketet chromium)"),
]


def screenshot_dir():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def test_evaluation_chart_map_and_annual_excel(server, browser):  # noqa: F811
    page = login(browser, server, "samordnare")
    open_page(page, "insatser", "samordnare")
    page.get_by_role("tab", name="Utvärdering").click()
    settle(page)
    page.get_by_label("Insats att utvärdera").click()
    page.get_by_role("option", name="3. Förstärkt närvaro vid Stationen").click()
    settle(page)
    assert not exception_texts(page)
    assert page.get_by_text("Minskning med förflyttning.").count() == 1
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    traces = page.evaluate("() => document.querySelector('.js-plotly-plot').data.map(t => t.name)")
    assert traces == ["Målområdet", "Kontroll (skalad)", "Trend före, förlängd"]
    if leaflet_offline():
        frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').last
        frame.locator(".leaflet-container").wait_for(timeout=30_000)
        # The map draws on a canvas (prefer_canvas): the target, the buffer ring and the events are on it.
        assert frame.locator(".leaflet-overlay-pane canvas").count() >= 1
        assert frame.locator(".leaflet-control-layers-overlays label").count() == 4
        page.locator('iframe[title="streamlit_folium.st_folium"]').last.screenshot(
            path=str(screenshot_dir() / "insatser_evaluation_map.png")
        )

    page.get_by_role("tab", name="Vad fungerade?").click()
    settle(page)
    page.get_by_label("År").click()
    page.get_by_role("option", name="2025", exact=True).click()
    settle(page)
    with page.expect_download() as info:
        page.locator(".st-key-actions_year_xlsx button").click()
    data = open(info.value.path(), "rb").read()
    assert data[:2] == b"PK"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).active
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["Nr", "Insats", "Typ", "Område", "Start", "Bedömning"]
    verdicts = {row[1]: row[5] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert verdicts["Kamerabevakning vid Västervångsskolan"] == "Minskning"
    assert verdicts["Ny belysning i Pilevallsparken"] == "Ingen säker förändring"
    assert not exception_texts(page)
