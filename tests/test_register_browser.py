"""In the browser, the user form of Administration and the reporter form of Register are empty after a
successful add (issue 13: the user form kept its values, and a second click made a second user with the
same e-mail). AppTest cannot see this: the browser keeps a widget's value unless the server sends one."""

from __future__ import annotations

import shutil

import pytest

from est_data import db, register
from tests.test_browser import CHROMIUM, FLAGS, login, open_page, serve_app, settle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium saknas"),
]


@pytest.fixture(scope="module")
def served(sample_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("register_browser")
    database = directory / "est.duckdb"
    shutil.copy(sample_template, database)
    with serve_app(database, directory) as url:
        yield url, database


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


def value(page, key: str) -> str:
    return page.locator(f".st-key-{key} input").input_value()


def sample_point_in(area: str, template) -> tuple[float, float]:
    """A point inside an area of the sample (lat, lon)."""
    from shapely import wkt

    con = db.connect(template)
    geometry = con.execute("select geometry_wkt from area where name = ?", [area]).fetchone()[0]
    db.close(template)
    point = wkt.loads(geometry).representative_point()
    return point.y, point.x


def test_forms_are_empty_after_a_successful_add(served, chromium, sample_template):
    url, database = served
    page = login(chromium, url, "admin")
    open_page(page, "admin")
    settle(page)
    page.locator(".st-key-admin_new_username input").fill("polisen.kontakt")
    page.locator(".st-key-admin_new_email input").fill("kontakt@polisen.example")
    page.locator(".st-key-admin_new_password input").fill("ett-langt-losenord")
    page.locator(".st-key-admin_add_submit button").click()
    settle(page)
    page.wait_for_timeout(1000)
    assert [value(page, k) for k in ("admin_new_username", "admin_new_email", "admin_new_password")] == [
        "",
        "",
        "",
    ]
    # A second click on the (now empty) form makes no second user with the same address.
    page.locator(".st-key-admin_add_submit button").click()
    settle(page)

    open_page(page, "register")
    settle(page)
    page.locator(".st-key-reg_rep_name_0 input").fill("Nina Ny")
    page.locator(".st-key-reg_rep_email_0 input").fill("nina.ny@trelleborg.example")
    page.locator(".st-key-reg_rep_add_submit button").click()
    settle(page)
    page.wait_for_selector(".st-key-reg_rep_name_1 input", timeout=30_000)
    assert value(page, "reg_rep_name_1") == "" and value(page, "reg_rep_email_1") == ""

    # A place by a click on the map: the click fills in the coordinates, the place gets its area.
    page.get_by_role("tab", name="Platser").click()
    page.locator(".st-key-reg_place_map_on label").click()
    settle(page)
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=30_000)
    page.wait_for_timeout(2000)
    centrum = sample_point_in("Centrum", sample_template)
    frame = page.locator('iframe[title="streamlit_folium.st_folium"]').element_handle().content_frame()
    x, y = frame.evaluate(  # where Leaflet draws that point
        "([lat, lon]) => { const m = Object.values(window).find(v => v && v.latLngToContainerPoint && v._leaflet_id);"
        " const p = m.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
        list(centrum),
    )
    frame.locator(".leaflet-container").click(position={"x": x, "y": y})
    settle(page)
    page.wait_for_function(
        "() => { const e = document.querySelector('.st-key-reg_place_lat_0 input');"
        " return e && e.value !== ''; }",
        timeout=30_000,
    )
    lat, lon = float(value(page, "reg_place_lat_0")), float(value(page, "reg_place_lon_0"))
    assert abs(lat - centrum[0]) < 0.001 and abs(lon - centrum[1]) < 0.001  # where the click was
    page.locator(".st-key-reg_place_name_0 input").fill("Klickplatsen")
    page.locator(".st-key-reg_place_add_submit button").click()
    settle(page)
    page.wait_for_timeout(1000)

    copy = database.with_name("las.duckdb")  # the app holds the file: read a copy (with its write-ahead log)
    shutil.copy(database, copy)
    wal = database.with_name(database.name + ".wal")
    if wal.exists():
        shutil.copy(wal, copy.with_name(copy.name + ".wal"))
    con = db.connect(copy)
    assert (
        con.execute(
            "select count(*) from app_user where lower(email) = 'kontakt@polisen.example'"
        ).fetchone()[0]
        == 1
    )
    assert (
        con.execute("select count(*) from reporter where email = 'nina.ny@trelleborg.example'").fetchone()[0]
        == 1
    )
    inside = register.area_at(con, "1287", lat, lon)
    placed = con.execute(
        "select area_id, round(lat, 5), round(lon, 5) from place where name = 'Klickplatsen'"
    ).fetchone()
    centrum = con.execute("select id from area where name = 'Centrum'").fetchone()[0]
    assert inside == centrum and placed == (centrum, round(lat, 5), round(lon, 5))
    db.close(copy)
