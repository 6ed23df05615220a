"""The Rapporter and Möte pages under AppTest, the download service, and Möte in a real browser."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ADMIN_PASSWORD, ROOT, app_as

from est_data import db
from est_data import weekly as weekly_cycle
from est_data.model import IsoWeek
from est_data.report import meeting, service, weekly

WEEK = IsoWeek(2026, 47)


def all_text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.header]
    parts += [s.value for s in at.subheader]
    return "\n".join(str(p) for p in parts)


def test_mote_walks_through_the_six_steps(sample_db):
    con = db.connect(sample_db)
    centrum = con.execute("select id from area where name = 'Centrum'").fetchone()[0]
    weekly_cycle.add_priority(
        con,
        WEEK,
        "närvaro",
        "Trygghetsvandring vid Stortorget fredag kväll",
        "test",
        horizon="helg",
        area_id=centrum,
    )
    last = weekly_cycle.add_priority(
        con,
        WEEK.shift(-1),
        "trafikkontroll",
        "Mopedkontroll på Hamngatan",
        "test",
        horizon="vecka",
        area_id=centrum,
    )
    weekly_cycle.follow_up_priority(con, last, False, "Polisen fick förhinder", "test")
    at = app_as("samordnare", "mote")
    assert not at.exception
    assert at.session_state["mote_step"] == "week"
    wd = weekly.collect(con, WEEK, "1287", reporters_version=False)
    text = all_text(at)
    assert "Veckan · v.47 2026" in text
    assert meeting.md(wd.changes[0]) in text
    assert len(at.get("image")) == 1  # the status map
    seen = []
    for expected in ("status", "police", "followup", "priorities", "decisions"):
        at.button(key="mote_next").click().run()
        assert not at.exception
        assert at.session_state["mote_step"] == expected
        seen.append(all_text(at))
        assert len(at.get("image")) == 0
        if expected == "followup":  # last week's priority, as it was followed up
            assert at.segmented_control(key=f"mote_done_{last}").value == "nej"
            assert at.text_input(key=f"mote_done_note_{last}").value == "Polisen fick förhinder"
    assert "Status per område" in seen[0] and "**Västervång**" in seen[0]
    assert "Polis och felanmälan" in seen[1]
    assert "Mopedkontroll på Hamngatan" in seen[2]
    assert (
        "Trygghetsvandring vid Stortorget fredag kväll" in seen[3]
        and "helgen lör 21/11 – sön 22/11" in seen[3]
    )
    assert "Trygghetsvandring vid Stortorget fredag kväll" in seen[4]
    # Back one step, and the last step's Next button is disabled.
    assert at.button(key="mote_next").disabled
    at.button(key="mote_prev").click().run()
    assert at.session_state["mote_step"] == "priorities"


def test_meeting_text_cannot_inject_markdown():
    text = meeting.md("Se [här](https://evil.example) <b>fet</b> *kursiv*")
    assert "[här](" not in text and "<b>" not in text and "*kursiv*" not in text
    # (the invisible word joiner in "https:⁠//" keeps Streamlit from autolinking the bare URL)
    assert (
        text.replace("\\", "").replace("\u2060", "") == "Se [här](https://evil.example) <b>fet</b> *kursiv*"
    )
    assert meeting.short("a" * 200, 20) == "a" * 19 + "…"


def test_mote_hides_names_and_internal_text_from_readers(sample_db):
    con = db.connect(sample_db)
    con.execute(
        "update observation set description = 'Internt: spaning pågår', internal = true, severity = 3"
        " where id = (select min(id) from observation where iso_year = 2026 and iso_week = 47)"
    )
    at = app_as("lasare", "mote")
    assert not at.exception
    for _ in range(2):
        at.button(key="mote_next").click().run()
    assert at.session_state["mote_step"] == "police"
    text = all_text(at)
    assert "Rapportörernas allvarligaste händelser" in text
    assert "spaning" not in text
    names = [r[0] for r in con.execute("select name from reporter").fetchall()]
    assert not any(name in text for name in names)


def test_rapporter_for_coordinator_has_three_reports(sample_db):
    at = app_as("samordnare", "rapporter")
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Veckorapport", "Kvartalsrapport", "Årsrapport"]
    assert at.selectbox(key="reports_week").value == WEEK
    assert at.toggle(key="reports_reporters_version").value is False
    assert (
        at.selectbox(key="reports_q_year").value == 2026 and at.selectbox(key="reports_q_quarter").value == 3
    )
    wd = weekly.collect(db.connect(sample_db), WEEK, "1287")
    assert wd.changes[0] in all_text(at)


def test_rapporter_gives_a_reporter_only_the_reporters_weekly_version(sample_db):
    at = app_as("rapportor", "rapporter")
    assert not at.exception
    assert len(at.tabs) == 0
    assert not [t for t in at.toggle if t.key == "reports_reporters_version"]
    assert "version för rapportörer" in all_text(at)


def test_rapporter_sends_the_reporters_version_by_smtp(sample_db, monkeypatch):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Collect(Message):
        def handle_message(self, message):
            received.append(message)

    port = _free_port()
    controller = Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setenv("EST_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("EST_SMTP_PORT", str(port))
        monkeypatch.setenv("EST_SMTP_FROM", "trygghet@trelleborg.example")
        at = app_as("samordnare", "rapporter")
        at.button(key="reports_send").click().run()
        assert not at.exception
    finally:
        controller.stop()
    assert len(received) == 1
    assert [s.value for s in at.success][0].startswith("Skickad till ")
    names = {p.get_filename() for p in received[0].walk() if p.get_filename()}
    assert names == {"veckorapport_2026_v47_rapportorer.pdf"}


def test_download_service_makes_the_files(sample_db):
    key = str(sample_db)
    pdf = service.weekly_bytes(key, "2026-W47", "1287", True, "sv", "pdf")
    assert pdf.startswith(b"%PDF")
    html = service.weekly_bytes(key, "2026-W47", "1287", False, "en", "html").decode("utf-8")
    assert "Weekly report, week 47 2026" in html
    assert service.weekly_file_name("2026-W47", True, "pdf") == "veckorapport_2026_v47_rapportorer.pdf"
    assert service.default_quarter(db.connect(sample_db), "1287") == (2026, 3)


# ------------------------------------------------------------------------------------------ browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")
def test_mote_fits_a_1280x720_projector_in_a_browser(sample_db, tmp_path):
    from playwright.sync_api import sync_playwright

    db.close(sample_db)
    port = _free_port()
    env = {**os.environ, "EST_DB": str(sample_db)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    shots = tmp_path / "shots"
    shots.mkdir()

    def settle(page) -> None:
        page.wait_for_selector('[data-testid="stApp"]', timeout=60000)
        time.sleep(0.8)
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90000
        )
        time.sleep(0.8)

    def content_bottom(page) -> float:
        return page.evaluate(
            '() => Math.max(...[...document.querySelectorAll(\'[data-testid="stMainBlockContainer"] '
            '[data-testid="stElementContainer"]\')].map(e => e.getBoundingClientRect().bottom))'
        )

    try:
        for _ in range(60):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(f"http://127.0.0.1:{port}", wait_until="networkidle")
            settle(page)
            page.get_by_label("Användarnamn", exact=True).fill("samordnare")
            page.get_by_label("Lösenord", exact=True).fill(ADMIN_PASSWORD)
            page.get_by_role("button", name="Logga in").click()
            settle(page)
            page.get_by_role("link", name="Möte").first.click()
            settle(page)
            page.screenshot(path=str(shots / "mote_1.png"))
            assert page.locator('[data-testid="stException"]').count() == 0
            assert page.get_by_text("Veckan · v.47 2026").count() == 1
            assert content_bottom(page) <= 720
            img = page.locator('[data-testid="stImage"] img').first  # the status map, on step 1
            assert img.evaluate("i => i.naturalWidth") > 500
            assert img.bounding_box()["y"] + img.bounding_box()["height"] <= 720
            page.keyboard.press("ArrowRight")  # the Next button's keyboard shortcut
            settle(page)
            page.screenshot(path=str(shots / "mote_2.png"))
            assert page.get_by_text("Status per område · v.47 2026").count() == 1
            assert content_bottom(page) <= 720
            browser.close()
        assert (shots / "mote_2.png").stat().st_size > 20_000
    finally:
        server.terminate()
        server.wait(timeout=20)
