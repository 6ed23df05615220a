"""The weekly report's file names follow the survey round (issue 18 item 1's last touch): two-week rounds
give `omgangsrapport_2026_v48-49`, weekly rounds keep `veckorapport_2026_v47`, on the Rapporter page's
downloads, the page's mail attachment and the CLI's `report weekly --send` attachment."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from conftest import app_as
from streamlit.delta_generator import DeltaGenerator

from est_data import cli, db, rounds, weekly
from est_data.model import IsoWeek
from est_data.report import service

pytestmark = pytest.mark.filterwarnings("ignore")

FIRST = IsoWeek(2026, 48)  # the first week after the sample's answers


def test_file_stems_by_round():
    assert service.round_file_stem(rounds.Round(IsoWeek(2026, 47)), False) == "veckorapport_2026_v47"
    assert service.round_file_stem(rounds.Round(IsoWeek(2026, 12), 2), False) == "omgangsrapport_2026_v12-13"
    assert (
        service.round_file_stem(rounds.Round(IsoWeek(2026, 12), 2), True)
        == "omgangsrapport_2026_v12-13_rapportorer"
    )
    # 2026 has 53 ISO weeks: a round over the new year names both years.
    assert (
        service.round_file_stem(rounds.Round(IsoWeek(2026, 53), 2), False)
        == "omgangsrapport_2026_v53-2027_v01"
    )
    assert service.weekly_file_name("2026-W05", False, "html") == "veckorapport_2026_v05.html"


def _answer(con, rnd: rounds.Round) -> None:
    """Every active reporter answers the round in its last week."""
    day = rnd.end.monday() + dt.timedelta(days=2)
    for rid in weekly.reporters(con)["id"].astype(int):
        areas = weekly.reporter_areas(con, rid)["id"].astype(int).tolist()
        if areas:
            answers = [weekly.AreaAnswer(a, {"klotter": 2}) for a in areas]
            weekly.submit_week(con, rid, rnd.end, answers, by="test", today=day)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(monkeypatch):
    """A local SMTP server; yields the messages it received."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Collect(Message):
        def handle_message(self, message):
            received.append(message)

    port = _free_port()
    controller = Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("EST_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("EST_SMTP_PORT", str(port))
    monkeypatch.setenv("EST_SMTP_FROM", "trygghet@trelleborg.example")
    yield received
    controller.stop()


def _attachments(message) -> list[str]:
    return [p.get_filename() for p in message.walk() if p.get_filename()]


@pytest.mark.parametrize("weeks", [1, 2])
def test_page_mail_and_cli_name_the_report_by_its_round(sample_db, monkeypatch, smtp, tmp_path, weeks):
    con = db.connect(sample_db)
    rounds.set_length(con, weeks, FIRST, by="samordnare")
    rnd = rounds.round_of(con, FIRST)
    _answer(con, rnd)
    stem = "omgangsrapport_2026_v48-49" if weeks == 2 else "veckorapport_2026_v48"

    # The page's download buttons (their file names are not in AppTest's tree: recorded on the way).
    names: list[str] = []
    original = DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        names.append(file_name)
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    at = app_as("samordnare", "rapporter")
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="reports_week").value == rnd.start
    assert names[:2] == [f"{stem}.pdf", f"{stem}.html"]
    names.clear()
    at.toggle(key="reports_reporters_version").set_value(True).run()
    assert names[:2] == [f"{stem}_rapportorer.pdf", f"{stem}_rapportorer.html"]

    # The page's "send" mails the reporters' version with the round's name.
    at.button(key="reports_send").click().run()
    assert not at.exception
    assert len(smtp) == 1 and _attachments(smtp[0]) == [f"{stem}_rapportorer.pdf"]

    # The CLI, given either week of the round.
    week = rnd.end
    out = tmp_path / "r.pdf"
    assert (
        cli.main(
            ["--db", str(sample_db), "report", "weekly", "--week", str(week), "--send", "--out", str(out)]
        )
        == 0
    )
    assert len(smtp) == 2 and _attachments(smtp[1]) == [f"{stem}.pdf"]
