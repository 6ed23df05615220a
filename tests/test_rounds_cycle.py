"""The weekly cycle with one-week and with two-week survey rounds (issue 18 item 1, "Done when").

On a copy of the sample (weekly answers up to 2026-W47), rounds are set to 1 or 2 weeks from the
first week after the sample's answers. Two rounds are then run the way a municipality runs them:
reporters answer in the round's LAST week (its second week when rounds are two weeks), an event is
reported, links are made, the meeting's priorities are followed up the next round, and Lägesbild,
the response follow-up and the round's report compare with the previous round and the last four
rounds. Finally the rounds change back to weekly from a later week, and history is left as it was.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from conftest import app_as

from est_data import db, links, queries, rounds, weekly
from est_data.analysis import situation, survey_rounds
from est_data.model import IsoWeek, UserError
from est_data.report import data as report_data
from est_data.report import quarterly, render
from est_data.report import weekly as report_weekly

pytestmark = pytest.mark.filterwarnings("ignore")

CODE = "1287"
SAMPLE_LAST = IsoWeek(2026, 47)
FIRST = SAMPLE_LAST.shift(1)  # 2026-W48: the first week without answers in the sample


def _answer_round(con, rnd: rounds.Round, level: int) -> dict[int, int]:
    """Every active reporter answers in the round's last week: 'klotter' at `level` in each of their
    areas. Returns {area_id: reporters who answered for it}."""
    day = rnd.end.monday() + dt.timedelta(days=2)  # Wednesday of the round's last week
    per_area: dict[int, int] = {}
    for rid in weekly.reporters(con)["id"].astype(int):
        areas = weekly.reporter_areas(con, rid)["id"].astype(int).tolist()
        if not areas:
            continue
        answers = [weekly.AreaAnswer(a, {"klotter": level}) for a in areas]
        weekly.submit_week(con, rid, rnd.end, answers, by="test", today=day)
        for a in areas:
            per_area[a] = per_area.get(a, 0) + 1
    return per_area


def _stored_weeks(con, first: IsoWeek) -> list[str]:
    rows = con.execute(
        "select distinct iso_year, iso_week from survey_response where iso_year * 100 + iso_week >= ?"
        " order by 1, 2",
        [first.year * 100 + first.week],
    ).fetchall()
    return [str(IsoWeek(int(y), int(w))) for y, w in rows]


@pytest.mark.parametrize("weeks", [1, 2])
def test_the_cycle_runs_per_round(sample_con, weeks):
    con = sample_con
    rounds.set_length(con, weeks, FIRST, by="samordnare")
    one = rounds.round_of(con, FIRST)
    assert one == rounds.Round(FIRST, weeks)
    two = rounds.following(con, one)
    assert two.start == FIRST.shift(weeks) and two.weeks == weeks
    assert rounds.previous(con, two) == one

    # --- reporters answer in each round's last week; the answers are stored under its first week
    answered_one = _answer_round(con, one, level=3)
    _answer_round(con, two, level=1)
    assert _stored_weeks(con, FIRST) == [str(one.start), str(two.start)]
    expected = queries.response_rate(con, two.start, CODE)[1]
    assert queries.response_rate(con, two.start, CODE) == (expected, expected)

    # an event on the last day of round two, reported that day, belongs to round two (all its days)
    area = int(weekly.reporter_areas(con, 1)["id"].iloc[0])
    event_day = two.sunday()
    weekly.add_event(
        con,
        1,
        weekly.EventReport("klotter", event_day, "Nya tags vid stationen", area_id=area),
        by="rapportor",
        today=event_day,
    )
    assert "Nya tags vid stationen" in set(weekly.reporter_events(con, 1, two.start)["description"])
    notes = situation.week_notes(con, two.start, CODE, personal=True)
    assert "Nya tags vid stationen" in set(notes["text"])
    observed = report_data.week_observations(con, two.start, CODE, include_internal=True)
    assert "Nya tags vid stationen" in set(observed["description"])

    # --- personal links for a round (made from any of its weeks) open that round's form
    made = links.create_links(con, two.end, "samordnare", now=dt.datetime.combine(two.monday(), dt.time(8)))
    assert made and {m.week for m in made} == {two.start}
    assert made[0].week_text == two.weeks_text()
    session = links.resolve(con, made[0].token, now=dt.datetime.combine(two.monday(), dt.time(9)))
    assert session is not None and session.week == two.start
    assert links.mail_merge_frame(made, "https://est.example")["vecka"].iloc[0] == two.weeks_text()

    # --- Lägesbild compares round two with round one and with the average of the last four rounds
    matrix = situation.week_matrix(con, two.start, CODE)
    klotter = matrix[matrix["factor_code"] == "klotter"].set_index("area_id")
    assert set(klotter.index) == set(answered_one)
    assert (klotter["max_level"] == 1).all() and (klotter["prev_max"] == 3).all()
    last_four = rounds.recent(con, two, 4)
    assert [r.start for r in last_four] == [SAMPLE_LAST.shift(-2), SAMPLE_LAST.shift(-1), SAMPLE_LAST, FIRST]
    some_area = int(klotter.index[0])
    maxima = []
    for r in last_four:
        levels = queries.week_levels(con, r.start, CODE)
        hit = levels[(levels["area_id"] == some_area) & (levels["factor_code"] == "klotter")]
        if not hit.empty:
            maxima.append(float(hit["level"].iloc[0]))
    assert klotter.loc[some_area, "weeks4"] == len(maxima)
    assert klotter.loc[some_area, "avg4_max"] == pytest.approx(sum(maxima) / len(maxima))
    names = dict(zip(queries.areas(con, CODE)["id"], queries.areas(con, CODE)["name"], strict=True))
    text = " ".join(situation.summary_sentences(matrix, names, {"klotter": "Klotter"}, "sv", weeks=weeks))
    assert ("förra omgången" in text) == (weeks == 2) and ("förra veckan" in text) == (weeks == 1)

    # --- response follow-up: one point per round, no empty week in between
    history = survey_rounds.history(con, two.start, 6 + 2 * weeks, CODE)
    assert history["week"].tolist()[-2:] == [str(one.start), str(two.start)]
    assert history["answered"].iloc[-1] == expected and history["answered"].iloc[-2] == expected
    assert (history["answered"] > 0).all()  # the sample's weeks, then the rounds: no false gaps

    # --- the meeting: round one's priority is followed up at round two's meeting
    pid = weekly.add_priority(
        con, one.start, "närvaro", "Närvaro vid stationen", by="samordnare", area_id=area
    )
    meeting_day = weekly.meeting_day(one.start, today=one.sunday() + dt.timedelta(days=30), weeks=one.weeks)
    assert meeting_day == one.end.monday() + dt.timedelta(days=weekly.MEETING_WEEKDAY)
    wd = report_weekly.collect(con, two.end, CODE)  # any week of the round means the round
    assert wd.week == two.start and wd.round_weeks == weeks
    assert pid in set(wd.followup["id"])
    assert wd.answered == expected
    # police events counted over the round's days; the average over the four rounds before
    con.execute(
        "insert into incident (source, external_id, occurred_at, category, municipality_code)"
        " values ('polisen', 'r18-1', ?, 'Skadegörelse', ?), ('polisen', 'r18-2', ?, 'Skadegörelse', ?)",
        [
            dt.datetime.combine(two.sunday(), dt.time(22)),
            CODE,
            dt.datetime.combine(two.monday(), dt.time(1)),
            CODE,
        ],
    )
    events = report_data.events_by_category(con, two.start, CODE)
    row = events[(events["source"] == "polisen") & (events["category"] == "Skadegörelse")]
    assert int(row["week_count"].iloc[0]) == 2
    # the four rounds before (with two-week rounds: one, then three weekly ones) scaled to a round's length
    before = rounds.recent(con, two, 4)
    assert sum(r.weeks for r in before) == (4 if weeks == 1 else 5)
    earlier = con.execute(
        "select count(*) from incident where source = 'polisen' and category = 'Skadegörelse'"
        " and municipality_code = ? and not is_summary and cast(occurred_at as date) between ? and ?",
        [CODE, before[0].monday(), before[-1].sunday()],
    ).fetchone()[0]
    assert earlier > 0
    expected_avg = earlier * weeks / sum(r.weeks for r in before)
    assert float(row["avg4"].iloc[0]) == pytest.approx(expected_avg)

    # --- the round's report covers every day of the round
    report = report_weekly.build(con, two.start, CODE)
    html = render.render(report, "html").decode("utf-8")
    period = report_weekly.period_text(two.start, "sv", weeks)
    assert two.monday().day == int(re.match(r"\d+", period).group())
    assert period.endswith(
        f"{two.sunday().day} {('december', 'januari')[two.sunday().month == 1]} {two.sunday().year}"
    )
    assert period in html
    title = "Rapport för omgången vecka " if weeks == 2 else "Veckorapport vecka "
    assert f"{title}{two.weeks_text()}, {two.start.year}" in html
    assert render.render(report, "pdf").startswith(b"%PDF")

    # the quarter's report counts rounds, and says so when they are two weeks
    quarter = render.render(quarterly.build(con, 2026, 4, CODE), "html").decode("utf-8")
    assert ("snitt per omgång" in quarter) == (weeks == 2) and ("snitt per vecka" in quarter) == (weeks == 1)

    # --- back to weekly from a later week: refused where answers exist, history untouched
    with pytest.raises(UserError) as err:
        rounds.set_length(con, 1, two.start, by="samordnare")
    assert err.value.key == "rounds.error.history"
    later = two.end.shift(1)
    rounds.set_length(con, 1, later, by="samordnare")
    assert rounds.round_of(con, two.end) == two
    assert rounds.round_of(con, later) == rounds.Round(later, 1)
    assert rounds.previous(con, rounds.Round(later, 1)) == two
    assert _stored_weeks(con, FIRST) == [str(one.start), str(two.start)]
    pd.testing.assert_frame_equal(situation.week_matrix(con, two.start, CODE), matrix)  # not exact: sums


def test_pages_show_two_week_rounds(sample_db):
    """The pages with two-week rounds, today in the round's second week (when the calendar allows)."""
    con = db.connect(sample_db)
    today = dt.date.today()
    first = max(FIRST, IsoWeek.of(today).shift(-1), key=IsoWeek.monday)
    rounds.set_length(con, 2, first, by="admin")
    current = rounds.round_of(con, today)
    label = current.label("sv")  # 'vecka 48–49'
    prefix = f"1_{current.start}"

    at = app_as("rapportor", "rapportera")
    assert not at.exception, [e.value for e in at.exception]
    box = at.selectbox(key="report_week")
    assert box.value == current.start and label in box.options[0]
    assert at.selectbox(key="report_week").label == "Omgång"
    at.segmented_control(key=f"lvl_{prefix}_3_klotter").set_value(2)
    at.button(key=f"report_submit_{prefix}").click().run()
    assert not at.exception
    assert any(f"vecka {current.weeks_text()} är sparat" in s.value for s in at.success)
    stored = con.execute(
        "select iso_year, iso_week from survey_response where reporter_id = 1 order by iso_year desc, iso_week desc"
    ).fetchone()
    assert IsoWeek(*stored) == current.start

    at = app_as("samordnare", "enkatlankar")
    assert not at.exception
    links_box = at.selectbox(key="links_week")
    assert links_box.value == current.start
    assert links_box.options[-1].endswith("(nästa omgång)")

    at = app_as("samordnare", "lagesbild")
    assert not at.exception
    assert at.selectbox(key="lb_week").value == current.start
    assert at.segmented_control(key="lb_compare").options == ["förra omgången", "snittet för fyra omgångar"]

    at = app_as("samordnare", "mote")
    assert not at.exception
    assert any(m.value.startswith("## Omgången") and label in m.value for m in at.markdown)

    at = app_as("samordnare", "enkat")
    assert not at.exception
    assert at.selectbox(key="enkat_week").value == current.start
    assert any(s.value == "Svarsfrekvens omgång för omgång" for s in at.subheader)

    at = app_as("admin", "admin")
    assert not at.exception
    assert any("två veckor" in m.value for m in at.markdown)
    # back to weekly from the current round's first week: refused, the round has answers
    at.segmented_control(key="admin_rounds_weeks").set_value(1)
    at.date_input(key="admin_rounds_from").set_value(current.monday())
    at.button(key="admin_rounds_save").click().run()
    assert any("Det finns redan svar" in e.value for e in at.error)
    assert rounds.schedule(con) == [(first, 2)]
    # from the next round on: saved, and the rounds before keep their length
    later = rounds.following(con, current).start
    at.segmented_control(key="admin_rounds_weeks").set_value(1)
    at.date_input(key="admin_rounds_from").set_value(later.monday())
    at.button(key="admin_rounds_save").click().run()
    assert not at.exception
    assert rounds.schedule(con) == [(first, 2), (later, 1)]
    assert rounds.round_of(con, today) == current


def test_an_import_lands_in_the_round_of_its_week(sample_con):
    """A survey-tool export dated in a two-week round's second week is that round's answer."""
    from est_data.ingest import survey

    rounds.set_length(sample_con, 2, FIRST, by="samordnare")  # W48–W49
    rows = [
        "vecka;e-post;område;faktor;nivå",
        "2026-W49;jonas.svensson@trelleborg.example;Västra Innerstaden;Klotter;2",
        "2026-W48;elin.oberg@trelleborg.example;Östra Innerstaden;Klotter;1",
    ]
    report = survey.load(sample_con, ("\r\n".join(rows) + "\r\n").encode(), "svar.csv")
    assert report.rows_loaded == 2 and not report.rejected
    assert _stored_weeks(sample_con, FIRST) == ["2026-W48"]
    levels = queries.week_levels(sample_con, FIRST, CODE)
    assert int(levels[levels["factor_code"] == "klotter"]["answers"].sum()) == 2
