"""The reporter's event form in a real browser: emptied after sending, and a double click sends once.

Uses the server, browser and helpers of tests/test_browser.py (headless Debian Chromium).
"""

from __future__ import annotations

import time

import pytest

from tests.test_browser import (  # noqa: F401  (fixtures are found by name)
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


def test_event_form_is_emptied_and_a_double_click_sends_once(browser, server):  # noqa: F811
    reporter = login(browser, server, "rapportor")
    try:
        open_page(reporter, "rapportera", role="rapportör")
        text = f"Webbläsartest {int(time.time())}: nya tags på gympasalen"
        expander = reporter.locator('[data-testid="stExpander"]').last
        if not expander.locator(".st-key-event_description textarea").is_visible():
            expander.locator("summary").click()
        reporter.locator(".st-key-event_description textarea").fill(text)
        reporter.locator(".st-key-event_address input").fill("Skolgatan 4")
        reporter.locator(".st-key-event_address input").press("Tab")
        settle(reporter)
        reporter.locator(".st-key-event_send button").dblclick()
        settle(reporter)
        settle(reporter)
        screenshot(reporter, "rapportera_handelse_skickad")
        assert exception_texts(reporter) == []
        expander = reporter.locator('[data-testid="stExpander"]').last
        if not expander.locator(".st-key-event_description textarea").is_visible():
            expander.locator("summary").click()
        assert reporter.locator(".st-key-event_description textarea").input_value() == ""
        assert reporter.locator(".st-key-event_address input").input_value() == ""
        # the week's events are listed above the form: the event is there once, not twice
        body = reporter.locator('[data-testid="stMain"]').inner_text()
        assert body.count(text) == 1, body[:3000]
    finally:
        reporter.context.close()
