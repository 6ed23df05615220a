"""Browser checks of Trender and Uppföljning: what AppTest cannot see (drawn charts, the Excel download)."""

from __future__ import annotations

import pytest

from tests.test_browser import (  # noqa: F401  (fixtures)
    CHROMIUM,
    browser,
    exception_texts,
    login,
    open_page,
    screenshot,
    server,
    settle,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} saknas (Debian-paketet chromium)"),
]


@pytest.fixture(scope="module")
def reader(browser, server):  # noqa: F811
    page = login(browser, server, "lasare")
    yield page
    page.context.close()


def test_trender_draws_heat_matrix_and_risk_dates(reader):
    open_page(reader, "trender", role="läsare")
    reader.wait_for_selector(".st-key-trends_matrix svg.main-svg", timeout=60_000)
    assert reader.locator(".st-key-trends_matrix .hm").count() == 1  # the weekday × hour heat map
    reader.get_by_role("tab", name="Månader och veckor").click()
    reader.wait_for_selector(".st-key-trends_weekly svg.main-svg", timeout=60_000)
    reader.wait_for_timeout(500)
    # the risk dates are drawn as dotted lines (layout shapes) and diamonds with their names on hover
    assert reader.locator(".st-key-trends_weekly .shapelayer path").count() >= 10
    assert reader.locator(".st-key-trends_weekly .xtick text").first.text_content().startswith("v.")
    screenshot(reader, "trender_veckor")
    assert exception_texts(reader) == []


def test_uppfoljning_chart_and_excel(reader):
    open_page(reader, "uppfoljning", role="läsare")
    reader.wait_for_selector(".st-key-followup_chart svg.main-svg", timeout=60_000)
    assert reader.locator(".st-key-followup_chart .trace").count() >= 8  # one line per category
    assert reader.locator(".st-key-followup_chart .shapelayer path").count() >= 8  # actions marked
    with reader.expect_download(timeout=60_000) as info:
        reader.locator(".st-key-followup_table_xlsx button").click()
    path = info.value.path()
    data = open(path, "rb").read()
    assert data[:2] == b"PK" and info.value.suggested_filename == "compstat_2026-10.xlsx"
    screenshot(reader, "uppfoljning")
    assert exception_texts(reader) == []
