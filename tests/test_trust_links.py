"""Personal survey links end to end: the coordinator's page, the CLI, and the form a link opens."""

from __future__ import annotations

import csv
import datetime as dt
import io

from streamlit.testing.v1 import AppTest

from est_data import cli, db, links
from est_data.model import IsoWeek
from tests.conftest import ROOT, app_as


def test_links_page_creates_lists_and_revokes(sample_db):
    at = app_as("samordnare", "enkatlankar")
    assert not at.exception
    at.text_input(key="links_base_url").input("https://est.trelleborg.example").run()
    at.button(key="links_create").click().run()
    assert not at.exception
    assert any("40 länkar skapade" in s.value for s in at.success)
    con = db.connect()
    week = IsoWeek.of(dt.date.today())
    assert (
        con.execute(
            "select count(*) from survey_link where iso_year = ? and iso_week = ? and revoked_at is null",
            [week.year, week.week],
        ).fetchone()[0]
        == 40
    )
    assert [m.value for m in at.metric][:1] == ["40"]
    at.button(key="links_revoke_all").click().run()
    assert not at.exception
    assert con.execute("select count(*) from survey_link where revoked_at is null").fetchone()[0] == 0


def test_links_page_not_for_readers_or_reporters(sample_db):
    from est_data.ui import pages

    assert "enkatlankar" not in [p.key for p in pages.allowed("läsare")]
    assert "enkatlankar" not in [p.key for p in pages.allowed("rapportör")]


def test_cli_links_create_and_revoke(sample_db, tmp_path, capsys):
    out = tmp_path / "lankar.csv"
    assert (
        cli.main(
            [
                "--db",
                str(sample_db),
                "links",
                "create",
                "--week",
                "2026-W48",
                "--out",
                str(out),
                "--base-url",
                "https://est.example/",
                "--days",
                "7",
                "--reporter",
                "1",
                "--reporter",
                "2",
            ]
        )
        == 0
    )
    assert "2 länkar för vecka 48" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) == 2 and all(r["länk"].startswith("https://est.example/?token=") for r in rows)
    con = db.connect(sample_db)
    token = rows[0]["länk"].split("token=")[1]
    assert links.resolve(con, token).reporter_id in (1, 2)
    db.close_all()
    assert cli.main(["--db", str(sample_db), "links", "revoke", "--week", "2026-W48"]) == 0
    assert "2 länkar spärrade" in capsys.readouterr().out
    assert (
        cli.main(
            [
                "--db",
                str(sample_db),
                "links",
                "create",
                "--week",
                "vecka 48",
                "--out",
                str(out),
                "--base-url",
                "https://x",
            ]
        )
        == 2
    )
    assert "ogiltig vecka" in capsys.readouterr().err


def test_link_opens_the_form_for_its_week_and_submits(sample_db):
    con = db.connect()
    week = IsoWeek.of(dt.date.today())
    made = links.create_links(con, week, "samordnare", reporter_ids=[4])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["token"] = made[0].token
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Rapportera"] or "Rapportera" in at.title[0].value
    week_box = at.selectbox(key="report_week")
    assert week_box.options and len(week_box.options) == 1
    submit = next(b for b in at.button if (b.key or "").startswith("report_submit_"))
    submit.click().run()
    assert not at.exception
    n_areas = con.execute("select count(*) from reporter_area where reporter_id = 4").fetchone()[0]
    assert (
        con.execute(
            "select count(*) from survey_response where reporter_id = 4 and iso_year = ? and iso_week = ?",
            [week.year, week.week],
        ).fetchone()[0]
        == n_areas
        > 0
    )
    assert (
        con.execute(
            "select username from audit_log where operation = 'submit' order by id desc limit 1"
        ).fetchone()[0]
        == "enkätlänk:4"
    )
    # The session never reaches other reporters: there is no reporter selector.
    assert not [s for s in at.selectbox if s.key == "report_reporter"]
