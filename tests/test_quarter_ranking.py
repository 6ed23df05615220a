"""The quarterly ranking as a page (issue 18 item 4): Kvartalsanalys and the quarterly PDF agree, the
group's judgement overrides the computed influence, the priorities saved for a quarter appear in that
quarter's report, and the reporters' feedback version holds no names and no internal text."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from conftest import app_as
from pypdf import PdfReader

from est_data import db, priorities
from est_data.analysis import ranking
from est_data.report import quarter_analysis, quarterly, render
from est_data.report.document import Table

CODE = "1287"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def area_ids(con) -> dict[str, int]:
    return dict(con.execute("select name, id from area where municipality_code = ?", [CODE]).fetchall())


def ranking_table_of(report) -> Table:
    tables = [b for b in report.blocks if isinstance(b, Table) and "Påverkan enligt" in b.columns]
    assert len(tables) == 1
    return tables[0]


def test_page_table_agrees_with_the_quarterly_pdf(sample_db):
    con = db.connect(sample_db)
    ids = area_ids(con)
    priorities.set_judgement(
        con, CODE, ids["Pilevallen"], 2026, 3, "hög", "Fastighetsägaren vill", "samordnare"
    )
    at = app_as("samordnare")
    at.session_state["kvartal_year"] = 2026
    at.session_state["kvartal_quarter"] = 3
    at.switch_page("pages/kvartal.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    page = next(df.value for df in at.dataframe if "Påverkan enligt" in df.value.columns)
    report = quarterly.build(con, 2026, 3, CODE)
    table = ranking_table_of(report)
    assert list(page.columns) == list(table.columns)
    assert [tuple(r) for r in page.astype(str).itertuples(index=False)] == list(table.rows)
    assert len(table.rows) == 14
    # The group's judgement replaces the computed proxy (hög = 80) and says so, on both.
    row = next(r for r in table.rows if r[1] == "Pilevallen")
    assert row[7] == "80" and row[8] == "gruppen: hög"
    # ... and the PDF the user downloads carries the same rows.
    text = squash(pdf_text(render.render(report, "pdf")))
    for cells in table.rows:
        assert squash("".join(cells[:4])) in text, cells


def test_judgement_saved_on_the_page_is_recorded_with_who_and_audited(sample_db):
    con = db.connect(sample_db)
    ids = area_ids(con)
    at = app_as("samordnare")
    at.session_state["kvartal_year"] = 2026
    at.session_state["kvartal_quarter"] = 3
    at.switch_page("pages/kvartal.py")
    at.run()
    at.selectbox(key="kvartal_judge_area").set_value(ids["Hamnen"])
    at.button(key="kvartal_judge_submit").click().run()  # no level chosen: nothing is saved
    assert any("Välj en bedömning först" in w.value for w in at.warning)
    assert con.execute("select count(*) from influence_judgement").fetchone()[0] == 0
    at.selectbox(key="kvartal_judge_area").set_value(ids["Hamnen"])
    at.radio(key="kvartal_judge_level").set_value("låg")
    at.text_input(key="kvartal_judge_reason").input("Hamnbolaget deltar inte")
    at.button(key="kvartal_judge_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    row = con.execute(
        "select level, reason, decided_by from influence_judgement where area_id = ? and year = 2026 and quarter = 3",
        [ids["Hamnen"]],
    ).fetchone()
    assert row == ("låg", "Hamnbolaget deltar inte", "samordnare")
    audit = con.execute(
        "select username, operation from audit_log where table_name = 'influence_judgement'"
    ).fetchall()
    assert audit == [("samordnare", "insert")]
    # The ranking now uses it (låg = 20), and a later quarter without its own judgement carries it over.
    q3 = quarter_analysis.ranked(con, CODE, 2026, 3).set_index("area")
    assert q3.loc["Hamnen", "influence"] == 20 and q3.loc["Hamnen", "influence_source"] == "judgement"
    q4 = quarter_analysis.ranked(con, CODE, 2026, 4).set_index("area")
    assert q4.loc["Hamnen", "influence"] == 20
    q2 = quarter_analysis.ranked(con, CODE, 2026, 2).set_index("area")
    assert q2.loc["Hamnen", "influence_source"] == "computed"
    # A reader sees the judgement but not its reason (internal text).
    # "ingen bedömning" removes it again (audited), and the computed proxy is back.
    at.selectbox(key="kvartal_judge_area").set_value(ids["Hamnen"])
    at.radio(key="kvartal_judge_level").set_value("-")
    at.button(key="kvartal_judge_submit").click().run()
    assert con.execute("select count(*) from influence_judgement").fetchone()[0] == 0
    assert con.execute(
        "select operation from audit_log where table_name = 'influence_judgement' order by logged_at desc limit 1"
    ).fetchone() == ("delete",)
    priorities.set_judgement(
        con, CODE, ids["Hamnen"], 2026, 3, "låg", "Hamnbolaget deltar inte", "samordnare"
    )
    reader = app_as("lasare", "kvartal")
    assert not reader.exception
    shown = " ".join(str(v) for df in reader.dataframe for v in df.value.astype(str).to_numpy().ravel())
    assert "Hamnbolaget deltar inte" not in shown


def test_priorities_saved_for_a_quarter_appear_in_that_quarters_report(sample_db):
    con = db.connect(sample_db)
    ids = area_ids(con)
    # Chosen when analysing 2026 Q2, for 2026 Q3.
    priorities.save_priorities(
        con,
        CODE,
        2026,
        3,
        {ids["Centrum"]: "Närvaro vid Stationen kvällstid", ids["Smygehamn"]: ""},
        "samordnare",
    )
    on_page = app_as("samordnare")
    on_page.session_state["kvartal_year"] = 2026
    on_page.session_state["kvartal_quarter"] = 2
    on_page.switch_page("pages/kvartal.py")
    on_page.run()
    editor = on_page.session_state["kvartal_prio_editor"]
    assert editor is not None
    assert any("prioriterade för 2026 Q3" in c.value for c in on_page.caption)

    text = pdf_text(render.render(quarterly.build(con, 2026, 3, CODE), "pdf"))
    flat = squash(text)
    assert squash("Prioriteringarna för 2026 Q3: hur gick det?") in flat
    assert squash("2 områden prioriterades för 2026 Q3 efter analysen av 2026 Q2") in flat
    assert squash("Närvaro vid Stationen kvällstid") in flat

    def events(area: str, start: str, end: str) -> int:
        return con.execute(
            "select count(*) from incident where not is_summary and area_id = ?"
            " and source in ('polisen', 'felanmalan') and cast(occurred_at as date) between ? and ?",
            [ids[area], start, end],
        ).fetchone()[0]

    centrum = (events("Centrum", "2026-04-01", "2026-06-30"), events("Centrum", "2026-07-01", "2026-09-30"))
    smygehamn = (
        events("Smygehamn", "2026-04-01", "2026-06-30"),
        events("Smygehamn", "2026-07-01", "2026-09-30"),
    )
    assert squash(f"{centrum[0]} → {centrum[1]}") in flat
    assert squash(f"{smygehamn[0]} → {smygehamn[1]}") in flat
    follow = quarter_analysis.followup(con, CODE, 2026, 3).set_index("area")
    assert (follow.loc["Centrum", "events_before"], follow.loc["Centrum", "events_after"]) == centrum
    # Smygehamn went 4 → 1 ("−75 %"): too few events for a verdict, said as such, never as a decrease.
    assert sum(smygehamn) < 10 and follow.loc["Smygehamn", "events_verdict"] == ranking.TOO_FEW
    assert "för lite underlag" in text
    # The Q3 report of a municipality that saved nothing says so instead of inventing an outcome.
    priorities.save_priorities(con, CODE, 2026, 3, {}, "samordnare")
    assert squash("Inga prioriterade områden sparades för 2026 Q3.") in squash(
        quarterly.build(con, 2026, 3, CODE).text()
    )


def test_feedback_version_has_no_names_and_no_internal_text(sample_db):
    con = db.connect(sample_db)
    ids = area_ids(con)
    priorities.set_judgement(
        con, CODE, ids["Hamnen"], 2026, 3, "hög", "HEMLIG motivering om hamnbolaget", "samordnare"
    )
    priorities.save_priorities(
        con, CODE, 2026, 3, {ids["Centrum"]: "HEMLIG avsikt med polisen"}, "samordnare"
    )
    priorities.save_priorities(con, CODE, 2026, 4, {ids["Hamnen"]: "HEMLIG plan för hösten"}, "samordnare")
    staff = quarterly.build(con, 2026, 3, CODE).text()
    assert "HEMLIG motivering" in staff and "HEMLIG avsikt" in staff  # the internal report has them
    report = quarter_analysis.feedback(con, 2026, 3, CODE)
    texts = [
        report.text(),
        pdf_text(render.render(report, "pdf")),
        render.render(report, "html").decode("utf-8"),
    ]
    reporters = con.execute("select name, email from reporter").fetchall()
    users = [r[0] for r in con.execute("select username from app_user").fetchall()]
    titles = [
        r[0]
        for r in con.execute(
            "select title from action where start_date <= '2026-09-30' and coalesce(end_date, '2100-01-01') >= '2026-07-01'"
        ).fetchall()
    ]
    assert reporters and titles
    for text in texts:
        assert "HEMLIG" not in text
        for name, email in reporters:
            assert name not in text and email not in text
        for title in titles:
            assert title not in text
        for user in users:
            assert re.search(rf"\b{re.escape(user)}\b", text) is None
    # What it does say: the quadrants, the coming priorities and how the last ones went.
    flat = squash(texts[0])
    assert (
        squash("Prioritera insatser:") in flat
        and squash("Under kommande kvartal prioriteras: Hamnen.") in flat
    )
    assert squash("Prioriteringarna för 2026 Q3: hur gick det?") in flat


def test_population_missing_ranks_on_counts_and_says_so(sample_con):
    ids = area_ids(sample_con)
    sample_con.execute("update area set population = null where id = ?", [ids["Centrum"]])
    frame = quarter_analysis.ranked(sample_con, CODE, 2026, 3)
    assert set(frame["need_basis"]) == {"events"}
    centrum = frame.set_index("area").loc["Centrum"]
    assert centrum["events"] > 0 and centrum["per_1000"] != centrum["per_1000"]  # NaN, not a made-up rate
    row = next(r for r in quarter_analysis.ranking_table(frame, "sv").rows if r[1] == "Centrum")
    assert row[6] == "–"
    assert any("Befolkning saknas för 1 av 14 områden" in n for n in quarter_analysis.notes(frame, "sv"))


def test_level_trend_needs_history_and_events_need_counts(sample_con):
    # The sample starts 2023-W48: a quarter in early 2024 has too few earlier quarters to judge against.
    early = quarter_analysis.ranked(sample_con, CODE, 2024, 1)
    assert set(early["level_verdict"]) == {ranking.TOO_FEW}
    later = quarter_analysis.ranked(sample_con, CODE, 2026, 3)
    assert (later["level_placebos"] >= ranking.MIN_PLACEBOS).all()
    assert ranking.events_verdict(5, 91, 2, 92) == ranking.TOO_FEW
    assert ranking.events_verdict(120, 91, 60, 92) == ranking.FALL
    assert ranking.events_verdict(50, 91, 52, 92) == ranking.NO_CHANGE


def test_level_change_flags_a_planted_jump(sample_con):
    ids = area_ids(sample_con)
    # Every rating of Annetorp in 2026 Q3 raised to the top level: far beyond its usual swings.
    sample_con.execute(
        "update survey_rating set level = 3 where response_id in ("
        " select id from survey_response where area_id = ? and iso_year = 2026 and iso_week between 27 and 39)",
        [ids["Annetorp"]],
    )
    change = ranking.level_change(
        sample_con,
        CODE,
        (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    ).set_index("area_id")
    assert change.loc[ids["Annetorp"], "level_after"] == pytest.approx(3.0)
    assert change.loc[ids["Annetorp"], "level_verdict"] == ranking.RISE
    assert change.loc[ids["Centrum"], "level_verdict"] in (ranking.NO_CHANGE, ranking.RISE, ranking.FALL)


def test_empty_and_new_municipality(empty_con):
    assert quarter_analysis.ranked(empty_con, CODE, 2026, 3).empty
    report = quarter_analysis.feedback(empty_con, 2026, 3, CODE)
    assert "Inga områden." in report.text()
    assert len(render.render(report, "pdf")) > 1000


def test_cli_prints_the_same_table_and_writes_the_feedback(sample_db, tmp_path, capsys):
    from est_data import cli

    assert cli.main(["--db", str(sample_db), "kvartal", "ranking", "--quarter", "2026Q3"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    con = db.connect(sample_db)
    table = quarter_analysis.ranking_table(quarter_analysis.ranked(con, CODE, 2026, 3), "sv")
    assert lines == [";".join(table.columns), *(";".join(r) for r in table.rows)]
    out = tmp_path / "aterkoppling.html"
    assert (
        cli.main(["--db", str(sample_db), "kvartal", "feedback", "--quarter", "2026Q3", "--out", str(out)])
        == 0
    )
    assert "Återkoppling 2026 Q3" in out.read_text(encoding="utf-8")
    assert (
        cli.main(["--db", str(sample_db), "kvartal", "feedback", "--quarter", "2026Q9", "--out", str(out)])
        == 2
    )


def test_new_municipality_without_data_is_not_all_high_need(sample_con):
    from est_data import variants

    variants.apply(sample_con, "new")
    frame = quarter_analysis.ranked(sample_con, CODE, 2026, 3)
    assert len(frame) > 0 and (frame["need"] == 50).all()
    assert not frame["quadrant"].isin([ranking.ACT, ranking.PARTNERS]).any()
    assert "Inga enkätsvar och inga händelser under kvartalet" in " ".join(
        quarter_analysis.notes(frame, "sv")
    )
    assert squash("Inget område sticker ut med högt behov.") in squash(
        quarterly.build(sample_con, 2026, 3).text()
    )
