"""Issue 14 item 6: coverage before judgement.

On main the police archive's start (thin until mid-March 2023) made the quarterly report call 2024 Q1
an "ökning" for Malmö (190 against 23), and police weeks missing from the database counted as zero and
showed a reassuring arrow on Översikt. The real police file is tests/fixtures/polisen (see its README).
"""

from __future__ import annotations

import datetime as dt

import pytest

from est_data import db
from est_data.analysis import coverage, overview
from est_data.report import quarterly, render
from tests.conftest import FIXTURES


@pytest.fixture
def real_police(empty_con):
    from est_data.ingest import polisen

    polisen.load(empty_con, FIXTURES / "polisen" / "events_trelleborg_orebro_malmo.json")
    return empty_con


def test_real_archive_start_is_found(real_police):
    malmo = coverage.coverage(real_police, "1280")["polisen"]
    assert malmo.first == dt.date(2022, 10, 18) and malmo.last == dt.date(2026, 8, 22)
    # a row or two a week until March 2023, ~15 after: those thin weeks are gaps
    assert malmo.gaps[0] == (dt.date(2022, 10, 24), dt.date(2023, 3, 19))
    assert not malmo.covers(dt.date(2023, 1, 1), dt.date(2023, 3, 31))
    assert malmo.covers(dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    trelleborg = coverage.coverage(real_police, "1287")["polisen"]  # ~2 a week: empty weeks are normal
    assert trelleborg.gaps == () and trelleborg.first == dt.date(2023, 2, 17)


def test_quarterly_report_does_not_judge_across_the_archive_start(real_police):
    report = quarterly.build(real_police, 2024, 1, "1280")
    html = render.render(report, "html").decode("utf-8")
    text = str(report)
    assert "190" in text and "23" in text
    assert "underlag saknas för 1 januari–19 mars 2023" in text
    summary = next(b for b in report.blocks if type(b).__name__ == "Bullets")
    police = summary.items[0]
    assert "ökning" not in police and "underlag saknas" in police  # main: "– ökning"
    assert "polisdata t.o.m. 2026-08-22" in text
    assert "underlag saknas för 1 januari–19 mars 2023" in html and "polisdata t.o.m. 2026-08-22" in html


def test_quarterly_report_judges_when_covered(real_police):
    report = quarterly.build(real_police, 2025, 1, "1280")
    police = next(b for b in report.blocks if type(b).__name__ == "Bullets").items[0]
    assert "underlag saknas" not in police


def remove_police_weeks(con, first: dt.date, weeks: int) -> None:
    con.execute(
        "delete from incident where source = 'polisen' and occurred_at >= ? and occurred_at < ?",
        [first, first + dt.timedelta(days=7 * weeks)],
    )


def test_missing_police_weeks_are_gaps_not_zeros(sample_con):
    remove_police_weeks(sample_con, dt.date(2026, 10, 26), 2)
    police = coverage.coverage(sample_con, "1287")["polisen"]
    assert police.gaps == ((dt.date(2026, 10, 26), dt.date(2026, 11, 8)),)
    text = coverage.missing_text(police, [(dt.date(2026, 10, 1), dt.date(2026, 11, 22))])
    assert text == "underlag saknas för v.44 2026–v.45 2026"
    ov = overview.build(sample_con, "1287", today=dt.date(2026, 11, 22))
    assert ov.recent_missing["polisen"] == "underlag saknas för v.44 2026–v.45 2026"
    assert ov.recent_missing["felanmalan"] is None
    assert "polisdata t.o.m. 2026-11-22" in ov.freshness


def test_sample_has_no_gaps(sample_con):
    covs = coverage.coverage(sample_con, "1287")
    assert {s: c.gaps for s, c in covs.items()} == {"polisen": (), "felanmalan": (), "bra": ()}
    assert coverage.freshness_text(covs) == (
        "polisdata t.o.m. 2026-11-22, felanmälan t.o.m. 2026-11-22, Brå-statistik t.o.m. 2026-10-31"
    )
    assert coverage.freshness_text(covs, "en").startswith("police data up to 2026-11-22")


def test_brå_month_missing_is_a_gap(sample_con):
    sample_con.execute("delete from crime_stat where period_start = '2025-03-01'")
    bra = coverage.coverage(sample_con, "1287")["bra"]
    assert bra.gaps == ((dt.date(2025, 3, 1), dt.date(2025, 3, 31)),)
    assert (
        coverage.missing_text(bra, [(dt.date(2025, 1, 1), dt.date(2025, 3, 31))])
        == "underlag saknas för mars 2025"
    )


def test_empty_database_has_no_coverage(empty_con):
    assert coverage.coverage(empty_con, "1287") == {}
    assert coverage.freshness_text({}) == ""
    assert (
        coverage.missing_text(None, [(dt.date(2026, 1, 1), dt.date(2026, 1, 31))])
        == "underlag saknas för januari 2026"
    )


def test_oversikt_shows_no_arrow_across_missing_weeks_and_freshness(sample_db):
    from tests.conftest import app_as

    con = db.connect(sample_db)
    last = con.execute("select max(occurred_at) from incident where source = 'polisen'").fetchone()[0].date()
    monday = last - dt.timedelta(days=last.weekday()) - dt.timedelta(days=14)
    remove_police_weeks(con, monday, 1)
    db.close(sample_db)
    at = app_as("lasare", "oversikt")
    assert not at.exception
    police = next(m for m in at.metric if m.label == "Polishändelser")
    assert not police.delta  # main: a green arrow from a week counted as zero
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Ingen jämförelse: underlag saknas för v.") for c in captions), captions
    assert any("polisdata t.o.m." in c for c in captions)


def test_uppfoljning_shows_freshness(sample_db):
    from tests.conftest import app_as

    at = app_as("lasare", "uppfoljning")
    assert not at.exception
    assert any("Brå-statistik t.o.m. 2026-10-31" in c.value for c in at.caption)


def test_cli_coverage(sample_db, capsys):
    from est_data import cli

    assert cli.main(["--db", str(sample_db), "coverage", "--municipality", "1287"]) == 0
    out = capsys.readouterr().out
    assert "polisen, 2023-11-27, 2026-11-22, 4406, 0, -" in out


def test_weekly_and_annual_reports_show_freshness(sample_con):
    from est_data.model import IsoWeek
    from est_data.report import annual, weekly

    fresh = "Underlag: polisdata t.o.m. 2026-11-22, felanmälan t.o.m. 2026-11-22, Brå-statistik t.o.m. 2026-10-31."
    assert fresh in str(weekly.build(sample_con, IsoWeek(2026, 47), "1287"))
    assert fresh in str(annual.build(sample_con, 2026, "1287"))


def test_pages_of_issue_14_on_a_new_municipality_with_only_areas(empty_db):
    """Areas and an admin, no events, no statistics: the pages show no judgement and no error."""
    from est_data import auth
    from tests.conftest import ADMIN_PASSWORD, app_as

    con = db.connect(empty_db)
    con.execute("insert into municipality (code, name) values ('1287', 'Trelleborg') on conflict do nothing")
    con.execute(
        "insert into area (id, municipality_code, name, kind, geometry_wkt, active) values"
        " (1, '1287', 'Centrum', 'stadsdel',"
        " 'POLYGON ((13.14 55.37, 13.17 55.37, 13.17 55.38, 13.14 55.38, 13.14 55.37))', true)"
    )
    con.execute(
        "insert into setting (name, value) values ('municipality_code', '1287')"
        " on conflict (name) do update set value = excluded.value"
    )
    auth.create_user(con, "admin", ADMIN_PASSWORD, "admin", email="admin@example.test")
    assert overview.build(con, "1287").recent_missing["polisen"].startswith("underlag saknas för ")
    db.close(empty_db)
    for page in ("oversikt", "karta", "trender", "uppfoljning"):
        at = app_as("admin", page)
        assert not at.exception, page


def test_data_page_lists_each_source_coverage(sample_db):
    from tests.conftest import app_as

    con = db.connect(sample_db)
    remove_police_weeks(con, dt.date(2025, 3, 3), 1)
    db.close(sample_db)
    at = app_as("admin", "data")
    assert not at.exception
    frame = next(f.value for f in at.dataframe if "Luckor" in f.value.columns)
    police = frame.set_index(frame.columns[0]).loc["polisen"]
    assert police["Luckor"] == "2025-03-03–2025-03-09" and police["Dagar i luckor"] == 7
