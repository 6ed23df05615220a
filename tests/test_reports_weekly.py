"""The weekly report: PDF and HTML from the CLI, its contents, the reporters' version, sending by SMTP."""

from __future__ import annotations

import datetime as dt
import re
import socket
from email.header import decode_header, make_header

import pytest
from pypdf import PdfReader

from est_data import cli, db
from est_data import weekly as weekly_cycle
from est_data.model import IsoWeek
from est_data.report import data, weekly

WEEK = IsoWeek(2026, 47)
INTERNAL_COMMENT = "Internt: känslig uppgift om familjen Åström"
INTERNAL_EVENT = "Internt: polisens spaning vid Hamnplan"


def squash(text: str) -> str:
    """Text without any whitespace (PDF extraction breaks lines where the layout wraps)."""
    return re.sub(r"\s+", "", text)


def pdf_text(path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages)


def run_cli(*args: str) -> int:
    return cli.main(list(args))


def reporter_names(con) -> list[str]:
    return [r[0] for r in con.execute("select name from reporter").fetchall()]


def add_internal_texts(con) -> None:
    """One internal survey comment and one internal event report in week 47."""
    con.execute(
        "update survey_response set comment = ?, comment_internal = true"
        " where id = (select min(id) from survey_response where iso_year = 2026 and iso_week = 47)",
        [INTERNAL_COMMENT],
    )
    con.execute(
        "update observation set description = ?, internal = true, severity = 3"
        " where id = (select min(id) from observation where iso_year = 2026 and iso_week = 47)",
        [INTERNAL_EVENT],
    )


def test_cli_pdf_has_week_areas_summary_and_swedish_letters(sample_db, tmp_path):
    out = tmp_path / "vecka47.pdf"
    assert run_cli("--db", str(sample_db), "report", "weekly", "--week", "2026-W47", "--out", str(out)) == 0
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    flat = squash(text)
    assert "Veckorapport vecka 47, 2026" in text
    assert squash("Trelleborgs kommun · Endast för deltagare i EST") in flat
    con = db.connect(sample_db)
    areas = [r[0] for r in con.execute("select name from area").fetchall()]
    assert len(areas) == 14
    for name in areas:  # every area of the situation picture, with å ä ö intact (Västervång, Östervång ...)
        assert squash(name) in flat, name
    wd = weekly.collect(con, WEEK)
    assert len(wd.changes) >= 3
    for sentence in wd.changes:  # the automatic summary sentences, verbatim
        assert squash(sentence) in flat, sentence
    assert squash("Det här har förändrats") in flat
    assert squash("Prioriteringar inför helgen och kommande vecka") in flat
    assert squash("Uppföljning av förra veckans prioriteringar") in flat
    # The full version names the reporters (for coordinators).
    assert any(squash(name) in flat for name in reporter_names(con))


def test_response_rate_and_events_are_the_databases(sample_con):
    wd = weekly.collect(sample_con, WEEK)
    answered = sample_con.execute(
        "select count(distinct reporter_id) from survey_response where iso_year = 2026 and iso_week = 47"
    ).fetchone()[0]
    assert wd.answered == answered and wd.reporters == 40
    police = sample_con.execute(
        "select count(*) from incident where source = 'polisen' and not is_summary"
        " and cast(occurred_at as date) between ? and ?",
        [WEEK.monday(), WEEK.sunday()],
    ).fetchone()[0]
    before = sample_con.execute(
        "select count(*) from incident where source = 'polisen' and not is_summary"
        " and cast(occurred_at as date) between ? and ?",
        [WEEK.monday() - dt.timedelta(days=28), WEEK.monday() - dt.timedelta(days=1)],
    ).fetchone()[0]
    assert wd.source_totals("polisen") == (police, pytest.approx(before / 4))
    assert sum(wd.status_counts.values()) == 14


def test_reporters_version_has_no_names_and_no_internal_text(sample_db, tmp_path):
    con = db.connect(sample_db)
    add_internal_texts(con)
    full_text = squash(weekly.build(con, WEEK).text())
    mine = tmp_path / "rapportorer.pdf"
    assert (
        run_cli(
            "--db",
            str(sample_db),
            "report",
            "weekly",
            "--week",
            "2026-W47",
            "--reporters",
            "--out",
            str(mine),
        )
        == 0
    )
    reporters_text = squash(pdf_text(mine))
    con = db.connect(sample_db)
    names = reporter_names(con)
    assert squash(INTERNAL_EVENT) in full_text  # the internal text is there to be left out
    assert any(squash(n) in full_text for n in names)
    for name in names:
        assert squash(name) not in reporters_text, name
    assert squash(INTERNAL_COMMENT) not in reporters_text
    assert squash(INTERNAL_EVENT) not in reporters_text
    assert squash("version för rapportörer") in reporters_text
    # Still the same situation picture.
    assert squash("Västervång") in reporters_text and squash("Lägesbild per område") in reporters_text


def test_html_is_one_file_without_external_references(sample_db, tmp_path):
    con = db.connect(sample_db)
    con.execute(
        "update survey_response set comment = ? where id = (select min(id) from survey_response"
        " where iso_year = 2026 and iso_week = 47)",
        ['<script src="https://evil.example/x.js"></script>'],
    )
    out = tmp_path / "vecka47.html"
    assert run_cli("--db", str(sample_db), "report", "weekly", "--week", "2026-W47", "--out", str(out)) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'charset="utf-8"' in html
    assert "Veckorapport vecka 47, 2026" in html and "Västervång" in html
    assert "<script" not in html.lower()  # the comment is escaped, and the report has no scripts
    assert "&lt;script" in html
    assert "<link" not in html.lower() and "@import" not in html and "url(" not in html
    sources = re.findall(r'<img[^>]+src="([^"]+)"', html)
    assert len(sources) >= 2 and all(s.startswith("data:image/png;base64,") for s in sources)
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_meeting_decisions_priorities_and_followup_appear(sample_con, tmp_path):
    centrum = sample_con.execute("select id from area where name = 'Centrum'").fetchone()[0]
    hamnen = sample_con.execute("select id from area where name = 'Hamnen'").fetchone()[0]
    sample_con.execute(
        "insert into weekly_assessment (iso_year, iso_week, area_id, status, computed_status, note,"
        " decided_at, decided_by) values (2026, 47, ?, 'gul', 'röd', 'Lugnare än enkäten visar',"
        " current_timestamp, 'test')",
        [centrum],
    )
    weekly_cycle.add_priority(
        sample_con,
        WEEK,
        "närvaro",
        "Trygghetsvandring vid Stortorget fredag kväll",
        "test",
        horizon="helg",
        area_id=centrum,
    )
    last = weekly_cycle.add_priority(
        sample_con,
        WEEK.shift(-1),
        "trafikkontroll",
        "Mopedkontroll på Hamngatan",
        "test",
        horizon="vecka",
        area_id=hamnen,
    )
    weekly_cycle.follow_up_priority(sample_con, last, True, "Genomförd tisdag, två rapporter", "test")
    wd = weekly.collect(sample_con, WEEK)
    row = wd.areas[wd.areas["area"] == "Centrum"].iloc[0]
    assert row["status"] == "gul" and row["decided"] == "gul" and row["computed"] == "röd"
    report = weekly.build_from(sample_con, wd)
    text = report.text()
    assert "Centrum | gul | beslutad | " in text and "Lugnare än enkäten visar" in text
    assert "Trygghetsvandring vid Stortorget fredag kväll" in text and "helgen" in text
    assert "Mopedkontroll på Hamngatan | ja | Genomförd tisdag, två rapporter" in text
    assert any("Centrum" in s and "gul" in s for s in wd.changes)


def test_cli_mistakes_exit_2_with_one_line(sample_db, tmp_path, capsys):
    assert (
        run_cli(
            "--db", str(sample_db), "report", "weekly", "--week", "2026-W60", "--out", str(tmp_path / "r.pdf")
        )
        == 2
    )
    assert run_cli("--db", str(sample_db), "report", "weekly", "--out", str(tmp_path / "r.docx")) == 2
    assert run_cli("--db", str(sample_db), "report", "weekly") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("Fel:") for line in err)
    assert not (tmp_path / "r.pdf").exists()


def test_empty_database_is_refused(empty_db, tmp_path, capsys):
    assert run_cli("--db", str(empty_db), "report", "weekly", "--out", str(tmp_path / "r.pdf")) == 2
    assert "har inga områden" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_send_without_smtp_settings_is_refused(sample_db, monkeypatch, capsys):
    monkeypatch.delenv("EST_SMTP_HOST", raising=False)
    assert run_cli("--db", str(sample_db), "report", "weekly", "--week", "2026-W47", "--send") == 2
    assert "smtp_host" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_send_mails_the_reporters_version_to_the_distribution_list(sample_db, tmp_path, monkeypatch):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Collect(Message):
        def handle_message(self, message):
            received.append(message)

        async def handle_DATA(self, server, session, envelope):
            received.append(envelope.rcpt_tos)
            return await super().handle_DATA(server, session, envelope)

    port = _free_port()
    controller = Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setenv("EST_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("EST_SMTP_PORT", str(port))
        monkeypatch.setenv("EST_SMTP_FROM", "trygghet@trelleborg.example")
        con = db.connect(sample_db)
        add_internal_texts(con)
        expected = data.distribution_list(con)
        assert (
            run_cli(
                "--db",
                str(sample_db),
                "report",
                "weekly",
                "--week",
                "2026-W47",
                "--send",
                "--to",
                "Partner@Polisen.example",
                "--out",
                str(tmp_path / "full.pdf"),
            )
            == 0
        )
    finally:
        controller.stop()
    envelope_rcpts, message = received[0], received[1]
    assert sorted(envelope_rcpts) == sorted(set(expected) | {"partner@polisen.example"})
    assert len(envelope_rcpts) >= 40 and "admin@example.test" in envelope_rcpts
    assert (
        str(make_header(decode_header(message["Subject"])))
        == "Veckorapport vecka 47, 2026 – Trelleborgs kommun"
    )
    assert message["Bcc"] is None  # Bcc never travels with the message
    attachments = [part for part in message.walk() if part.get_content_type() == "application/pdf"]
    assert len(attachments) == 1 and attachments[0].get_filename() == "veckorapport_2026_v47.pdf"
    pdf_path = tmp_path / "mailed.pdf"
    pdf_path.write_bytes(attachments[0].get_payload(decode=True))
    mailed = squash(pdf_text(pdf_path))
    assert squash("version för rapportörer") in mailed and squash("Västervång") in mailed
    con = db.connect(sample_db)
    assert not any(squash(name) in mailed for name in reporter_names(con))
    assert squash(INTERNAL_EVENT) not in mailed and squash(INTERNAL_COMMENT) not in mailed
