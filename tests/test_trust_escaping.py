"""Free text is escaped wherever it meets HTML: folium popups and tooltips, the HTML weekly report.

`<script>` and `<img onerror=…>` in a survey comment, an event description, an imported police summary
or an area name are shown as text and never run: checked in the HTML, and in headless Chromium
(no dialog opens, no element is created from them).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from est_data import db
from est_data.charts import maps
from est_data.incidents import MapData

XSS = '<script>alert("x")</script> och <img src=x onerror=alert(1)>'
RAW = ("<script>alert", "<img src=x", "onerror=alert(1)>")
CHROMIUM = Path("/usr/bin/chromium")


def _map_html() -> tuple[str, list[str]]:
    square = "POLYGON((13.14 55.37, 13.16 55.37, 13.16 55.39, 13.14 55.39, 13.14 55.37))"
    areas = pd.DataFrame({"id": [1], "name": [XSS], "geometry_wkt": [square]})
    points = pd.DataFrame(
        {
            "lat": [55.38],
            "lon": [13.15],
            "source": ["polisen"],
            "category": [XSS],
            "occurred_at": [pd.Timestamp("2026-11-20 22:10")],
            "text": [XSS],
            "url": ['https://polisen.se/"><script>alert(2)</script>'],
        }
    )
    data = MapData(
        query=None,
        totals=pd.DataFrame(),
        areas=areas,
        status=None,
        area_counts=None,
        points=points,
        binned=None,
        density=None,
        places=None,
        cells=None,
        cell=200.0,
    )
    popup = maps.event_popup(points.iloc[0], "sv")
    return maps.build(data, "sv").get_root().render(), [popup]


def test_popups_and_tooltips_are_escaped():
    html_text, popups = _map_html()
    for raw in RAW:
        assert raw not in popups[0]
        assert raw not in html_text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in popups[0]
    # In the page the popup and tooltip texts are JSON strings holding the escaped HTML.
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in html_text


def _week_with_xss(con) -> str:
    week = con.execute("select max(iso_year * 100 + iso_week) from survey_response").fetchone()[0]
    year, number = divmod(int(week), 100)
    con.execute(
        "update survey_response set comment = ?, comment_internal = false"
        " where id = (select min(id) from survey_response where iso_year = ? and iso_week = ?)",
        [XSS, year, number],
    )
    con.execute(
        "update observation set description = ?, internal = false"
        " where id in (select id from observation where iso_year = ? and iso_week = ? limit 3)",
        [XSS, year, number],
    )
    monday = dt.date.fromisocalendar(year, number, 1)
    con.execute(
        "update incident set summary = ?, category = ?"
        " where id in (select id from incident where occurred_at >= ? and occurred_at < ? limit 3)",
        [XSS, "Brand " + XSS, monday, monday + dt.timedelta(days=7)],
    )
    return f"{year}-W{number:02d}"


def _report_html(sample_db) -> str:
    from est_data.report import service

    con = db.connect(sample_db)
    week = _week_with_xss(con)
    return service.weekly_bytes(str(sample_db), week, "1287", False, "sv", "html").decode("utf-8")


def test_html_report_escapes_free_text(sample_db):
    html_text = _report_html(sample_db)
    for raw in RAW:
        assert raw not in html_text
    assert "&lt;script&gt;" in html_text  # the comment is there, as text


def _watch(page) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium saknas")
def test_nothing_runs_in_a_browser(sample_db, tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.test_browser import FLAGS, _serve_offline, leaflet_offline

    map_file = tmp_path / "karta.html"
    map_html, popups = _map_html()
    map_file.write_text(map_html, encoding="utf-8")
    report_file = tmp_path / "veckorapport.html"
    report_file.write_text(_report_html(sample_db), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            context = browser.new_context()
            context.route(lambda url: not url.startswith("file:"), _serve_offline)
            page = context.new_page()
            dialogs = _watch(page)
            # The popup strings as Leaflet uses them: assigned to innerHTML.
            page.set_content("<div id='box'></div>")
            for popup in popups:
                page.evaluate("s => { document.getElementById('box').innerHTML = s; }", popup)
            page.wait_for_timeout(300)
            assert page.locator("#box img, #box script").count() == 0
            assert "<script>" in page.locator("#box").inner_text()
            # The whole map: open every popup and tooltip.
            if leaflet_offline():
                page.goto(map_file.as_uri(), wait_until="load")
                page.wait_for_function("() => window.L !== undefined", timeout=30_000)
                page.evaluate(
                    "() => { for (const k of Object.keys(window).filter(k => k.startsWith('map_'))) {"
                    "  window[k].eachLayer(l => { try { if (l.getPopup && l.getPopup()) l.openPopup();"
                    "  if (l.getTooltip && l.getTooltip()) l.openTooltip(); } catch (e) {} }); } }"
                )
                page.wait_for_timeout(500)
                shown = " ".join(page.locator(".leaflet-popup-content, .leaflet-tooltip").all_inner_texts())
                assert "<script>" in shown
                assert page.locator(".leaflet-popup-content img, .leaflet-tooltip img").count() == 0
            # The HTML report.
            page.goto(report_file.as_uri(), wait_until="load")
            page.wait_for_timeout(500)
            assert page.locator("img[onerror]").count() == 0
            assert '<script>alert("x")</script>' in page.locator("body").inner_text()
            assert dialogs == []
        finally:
            browser.close()
