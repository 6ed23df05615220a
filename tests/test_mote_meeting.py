"""Issue 13 part 4: the Thursday meeting in Möte, on a half-answered Thursday (the current ISO week with
answers for about half the areas), and the defects found there: the traceback in step 3 for an area
without answers, the register crash after a priority became an action, the weekend priority that
started on the next Monday, and a status edit lost when the view changed."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import app_as

from est_data import actions, db, variants
from est_data import weekly as weekly_cycle
from est_data.model import IsoWeek
from est_data.report import meeting, weekly

BAD = ("nan", "NaN", "None", "NaT", "<NA>", "status.nan", "Traceback")


def all_text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.header]
    parts += [s.value for s in at.subheader] + [m.label for m in at.metric] + [m.value for m in at.metric]
    parts += [w.label for w in at.segmented_control] + [w.label for w in at.text_area]
    return "\n".join(str(p) for p in parts)


def no_bad_words(text: str) -> None:
    import re

    for word in BAD:
        assert not re.search(rf"(?<![\w.]){re.escape(word)}(?![\w])", text), (word, text[:2000])


@pytest.fixture
def thursday(sample_db):
    con = db.connect(sample_db)
    week = variants.half_thursday(con)  # the lead's generator: every other area (by name) answered this week
    answered = {
        r[0]
        for r in con.execute(
            "select distinct area_id from survey_response where iso_year = ? and iso_week = ?",
            [week.year, week.week],
        ).fetchall()
    }
    assert 0 < len(answered) < con.execute("select count(*) from area where active").fetchone()[0]
    return con, week, answered


# ------------------------------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (dt.date(2026, 11, 26), dt.date(2026, 11, 28), dt.date(2026, 11, 29)),  # Thursday: the coming weekend
        (dt.date(2026, 11, 23), dt.date(2026, 11, 28), dt.date(2026, 11, 29)),  # Monday: that week's weekend
        (dt.date(2026, 11, 28), dt.date(2026, 11, 28), dt.date(2026, 11, 29)),  # Saturday: this weekend
        (dt.date(2026, 11, 29), dt.date(2026, 11, 29), dt.date(2026, 11, 29)),  # Sunday: what is left of it
    ],
)
def test_helgen_is_the_coming_saturday_and_sunday(day, start, end):
    assert weekly_cycle.horizon_dates("helg", day) == (start, end)


def test_next_week_and_longer_start_on_the_coming_monday():
    thursday = dt.date(2026, 11, 26)
    assert weekly_cycle.horizon_dates("vecka", thursday) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    assert weekly_cycle.horizon_dates("längre", thursday) == (dt.date(2026, 11, 30), None)


def test_a_weekend_priority_becomes_an_action_for_that_weekend(sample_con):
    """Defect: an action made from a "helgen" priority started on the Monday after the weekend."""
    week = IsoWeek(2026, 47)  # its Thursday is 19 November; the weekend is 21–22 November
    pid = weekly_cycle.add_priority(
        sample_con, week, "närvaro", "Närvaro vid Stortorget", "test", horizon="helg", area_id=1
    )
    action_id = weekly_cycle.priority_to_action(sample_con, pid, "Närvaro vid Stortorget", "test")
    got = sample_con.execute("select start_date, end_date from action where id = ?", [action_id]).fetchone()
    assert got == (dt.date(2026, 11, 21), dt.date(2026, 11, 22))


def test_a_priority_keeps_the_dates_the_meeting_gave_it(sample_con):
    week = IsoWeek(2026, 47)
    pid = weekly_cycle.add_priority(
        sample_con,
        week,
        "trafikkontroll",
        "Mopedkontroll",
        "test",
        horizon="vecka",
        area_id=2,
        start_date=dt.date(2026, 11, 24),
        end_date=dt.date(2026, 11, 27),
    )
    row = weekly_cycle.priorities(sample_con, week).set_index("id").loc[pid]
    assert (row["start_date"].date(), row["end_date"].date()) == (
        dt.date(2026, 11, 24),
        dt.date(2026, 11, 27),
    )
    action_id = weekly_cycle.priority_to_action(sample_con, pid, "Mopedkontroll", "test")
    got = sample_con.execute("select start_date, end_date from action where id = ?", [action_id]).fetchone()
    assert got == (dt.date(2026, 11, 24), dt.date(2026, 11, 27))
    with pytest.raises(weekly_cycle.WeeklyError):
        weekly_cycle.add_priority(
            sample_con,
            week,
            "närvaro",
            "Baklänges",
            "test",
            start_date=dt.date(2026, 11, 27),
            end_date=dt.date(2026, 11, 24),
        )


# ------------------------------------------------------------------------------------------ defects


def test_register_shows_an_action_made_from_a_priority(sample_db):
    """Defect: Insatser -> Register crashed (TypeError: can only join an iterable) once the meeting had
    made an action from a priority, whose target_categories is missing."""
    con = db.connect(sample_db)
    pid = weekly_cycle.add_priority(
        con, IsoWeek(2026, 47), "närvaro", "Närvaro i Centrum", "test", horizon="helg", area_id=1
    )
    weekly_cycle.priority_to_action(con, pid, "Närvaro i Centrum från mötet", "test")
    listed = actions.list_actions(con, "1287")
    table = actions.display_table(listed)
    row = table[table["Insats"] == "Närvaro i Centrum från mötet"]
    assert len(row) == 1 and row.iloc[0]["Händelsekategorier"] == ""
    at = app_as("samordnare", "insatser")
    assert not at.exception, at.exception
    shown = next(f.value for f in at.dataframe if "Insats" in f.value.columns)
    assert "Närvaro i Centrum från mötet" in set(shown["Insats"])


def test_an_area_without_answers_shows_inga_svar_in_the_changes(thursday):
    """Defect: with one area unanswered this week, a NaN status reached status_badge (traceback)."""
    con, week, answered = thursday
    wd = weekly.collect(con, week, "1287")
    rows = meeting.area_rows(wd)
    unanswered = [r for r in rows if r["area_id"] not in answered]
    assert unanswered and all(r["status"] is None and r["answers"] == 0 for r in unanswered)
    assert all(r["status"] in ("grön", "gul", "röd") for r in rows if r["area_id"] in answered)
    from est_data.ui.common import status_badge

    assert status_badge(float("nan")) == "inga svar"


# ------------------------------------------------------------------------------------------ the meeting walk


@pytest.mark.parametrize("role", ["samordnare", "lasare"])
def test_every_step_opens_on_a_half_answered_thursday(thursday, role):
    """Defect: step 3 showed a Python traceback as soon as one area had no answers this week."""
    at = app_as(role, "mote")
    assert not at.exception, at.exception
    for _ in range(5):
        _next(at)
    assert at.button(key="mote_next").disabled


def _area_id(con, name: str) -> int:
    return con.execute("select id from area where name = ?", [name]).fetchone()[0]


def _next(at):
    at.button(key="mote_next").click().run()
    assert not at.exception, at.exception
    no_bad_words(all_text(at))
    return at


def test_the_meeting_on_a_half_answered_thursday(thursday):
    """The whole meeting in Möte, in its order, on the current week with half the areas answered. On
    today's main, step 3 showed a traceback (NaN status of an area without answers)."""
    con, week, answered = thursday
    centrum = _area_id(con, "Centrum")
    quiet, quiet_name = con.execute(
        "select id, name from area where active and not list_contains(?, id) order by name limit 1",
        [sorted(answered)],
    ).fetchone()
    assert centrum in answered
    last = weekly_cycle.add_priority(
        con,
        week.shift(-1),
        "trafikkontroll",
        "Mopedkontroll på Hamngatan",
        "test",
        horizon="vecka",
        area_id=centrum,
    )
    at = app_as("samordnare", "mote")
    assert not at.exception, at.exception
    assert at.session_state["mote_step"] == "week"
    assert at.selectbox(key="mote_week").value == week
    reporters = weekly.collect(con, week, "1287").reporters
    answered_reporters = con.execute(
        "select count(distinct reporter_id) from survey_response where iso_year = ? and iso_week = ?",
        [week.year, week.week],
    ).fetchone()[0]
    assert at.metric[0].value == f"{answered_reporters} / {reporters}" and 0 < answered_reporters < reporters
    no_bad_words(all_text(at))

    # 2: status, pre-filled from the survey; the unanswered area shows "inga svar" and takes none
    _next(at)
    assert at.session_state["mote_step"] == "status"
    wd = weekly.collect(con, week, "1287")
    computed = {r["area_id"]: r["computed"] for r in meeting.area_rows(wd)}
    key = f"mote_status_{week.year}_{week.week}_"
    assert at.segmented_control(key=key + str(quiet)).value is None
    assert at.segmented_control(key=key + str(centrum)).value == computed[centrum] is not None
    assert any(m.value.startswith(f"**{quiet_name}** · *inga svar*") for m in at.markdown)
    at.segmented_control(key=key + str(quiet)).set_value("gul").run()  # saved at once
    assert not at.exception, at.exception
    assert weekly_cycle.assessments(con, week).set_index("area_id").loc[quiet, "status"] == "gul"
    at.button(key="mote_agree_all").click().run()
    agreed = weekly_cycle.assessments(con, week).set_index("area_id")["status"].to_dict()
    assert agreed == {**{a: computed[a] for a in answered}, quiet: "gul"}

    # 3: what the police add, kept as the week's note
    _next(at)
    assert at.session_state["mote_step"] == "police"
    at.text_area(key=f"mote_police_{week.year}_{week.week}").input("Ökad langning vid Hamnen kvällstid").run()
    assert weekly_cycle.police_note(con, week, "1287") == "Ökad langning vid Hamnen kvällstid"

    # 4: last week's priority followed up
    _next(at)
    assert at.session_state["mote_step"] == "followup"
    at.segmented_control(key=f"mote_done_{last}").set_value("nej").run()
    at.text_input(key=f"mote_done_note_{last}").input("Polisen fick förhinder").run()
    assert con.execute("select done, followup_note from weekly_priority where id = ?", [last]).fetchone() == (
        False,
        "Polisen fick förhinder",
    )

    # 5: a weekend priority, its dates the coming Saturday-Sunday, turned into an action for those dates
    _next(at)
    assert at.session_state["mote_step"] == "priorities"
    at.selectbox(key="mote_prio_kind").set_value("närvaro")
    at.selectbox(key="mote_prio_horizon").set_value("helg")
    at.selectbox(key="mote_prio_area").set_value(centrum)
    at.text_input(key="mote_prio_description").input("Trygghetsvandring vid Stortorget")
    at.button(key="mote_prio_add").click().run()
    assert not at.exception, at.exception
    saturday, sunday = weekly_cycle.horizon_dates("helg", weekly_cycle.meeting_day(week))
    assert saturday.weekday() == 5 and sunday.weekday() == 6 and saturday >= dt.date.today()
    row = con.execute(
        "select id, start_date, end_date from weekly_priority where iso_year = ? and iso_week = ?"
        " and description = 'Trygghetsvandring vid Stortorget'",
        [week.year, week.week],
    ).fetchone()
    assert row[1:] == (saturday, sunday)
    pid = row[0]
    at.text_input(key=f"mote_action_resp_{pid}").input("Kommunpolisen")
    at.button(key=f"mote_action_submit_{pid}").click().run()
    assert not at.exception, at.exception
    action = con.execute(
        "select a.title, a.start_date, a.end_date, a.responsible from weekly_priority p"
        " join action a on a.id = p.action_id where p.id = ?",
        [pid],
    ).fetchone()
    assert action == ("Trygghetsvandring vid Stortorget", saturday, sunday, "Kommunpolisen")

    # 6: the summary of the decisions
    _next(at)
    assert at.session_state["mote_step"] == "decisions"
    text = all_text(at)
    gul = [line for line in text.splitlines() if line.startswith("- :orange-background[gul] ")]
    assert len(gul) == 1 and quiet_name in gul[0]
    assert "Trygghetsvandring vid Stortorget" in text and "Ökad langning vid Hamnen kvällstid" in text
    assert meeting.date_range(saturday, sunday) in text and "1 av 1 prioriteringar är insatser" in text

    # back to step 2: nothing was lost
    at.segmented_control(key="mote_step").set_value("status").run()
    assert at.segmented_control(key=key + str(quiet)).value == "gul"

    # and the register shows the new action (it crashed on main)
    at.switch_page("pages/insatser.py").run()
    assert not at.exception, at.exception
    shown = next(f.value for f in at.dataframe if "Insats" in f.value.columns)
    assert "Trygghetsvandring vid Stortorget" in set(shown["Insats"])


def test_a_reader_sees_the_decisions_but_cannot_change_them(thursday):
    con, week, answered = thursday
    at = app_as("lasare", "mote")
    at.segmented_control(key="mote_step").set_value("status").run()
    assert not at.exception, at.exception
    controls = [w for w in at.segmented_control if w.key.startswith("mote_status_")]
    assert len(controls) == 14 and all(w.disabled for w in controls)
    assert not [b for b in at.button if b.key == "mote_agree_all"]
    at.segmented_control(key="mote_step").set_value("priorities").run()
    assert not at.exception and not [b for b in at.button if b.key == "mote_prio_add"]


def test_lagesbild_keeps_a_status_edit_when_the_view_changes(sample_db):
    """Defect: an agreed status edited in Lägesbild's meeting view was silently lost on a view switch."""
    con = db.connect(sample_db)
    at = app_as("samordnare", "lagesbild")
    week = at.selectbox(key="lb_week").value
    at.segmented_control(key="lb_view").set_value("meeting").run()
    assert not at.exception, at.exception
    key = f"lb_status_{week.year}_{week.week}_2"
    new = "röd" if at.segmented_control(key=key).value != "röd" else "grön"
    at.segmented_control(key=key).set_value(new).run()
    at.segmented_control(key="lb_view").set_value("matrix").run()
    assert not at.exception
    assert weekly_cycle.assessments(con, week).set_index("area_id").loc[2, "status"] == new
    at.segmented_control(key="lb_view").set_value("meeting").run()
    assert at.segmented_control(key=key).value == new


def test_mote_in_english_on_a_half_answered_thursday(thursday, monkeypatch):
    monkeypatch.setenv("EST_LANG", "en")
    at = app_as("admin", "mote")
    assert not at.exception, at.exception
    titles = []
    for _ in range(5):
        titles.append(next(m.value for m in at.markdown if m.value.startswith("## ")))
        _next(at)
    titles.append(next(m.value for m in at.markdown if m.value.startswith("## ")))
    assert [t.split(" · ")[0] for t in titles] == [
        "## The week",
        "## Status per area",
        "## The police and the events",
        "## Last week's priorities",
        "## Priorities and actions",
        "## Decisions",
    ]
    assert "mote." not in all_text(at) and "reports." not in all_text(at)


def test_the_weekly_report_gives_a_priority_its_dates(sample_con):
    week = IsoWeek(2026, 47)
    weekly_cycle.add_priority(
        sample_con, week, "närvaro", "Närvaro vid Stortorget", "test", horizon="helg", area_id=1
    )
    wd = weekly.collect(sample_con, week, "1287")
    rows = [r for r in weekly.priority_rows(wd.priorities, "sv") if r[3] == "Närvaro vid Stortorget"]
    assert rows == [("Centrum", "närvaro", "helgen lör 21/11 – sön 22/11", "Närvaro vid Stortorget")]


def test_a_half_written_priority_survives_a_step_change_and_is_stored_once(thursday):
    con, week, answered = thursday
    centrum = _area_id(con, "Centrum")
    at = app_as("samordnare", "mote")
    at.segmented_control(key="mote_step").set_value("priorities").run()
    at.selectbox(key="mote_prio_kind").set_value("belysning").run()
    at.selectbox(key="mote_prio_area").set_value(centrum).run()
    at.text_input(key="mote_prio_description").input("Byt lampor i gångtunneln").run()
    at.segmented_control(key="mote_step").set_value("week").run()  # a look back at the map ...
    at.segmented_control(key="mote_step").set_value("priorities").run()  # ... and the draft is still there
    assert not at.exception, at.exception
    assert at.selectbox(key="mote_prio_kind").value == "belysning"
    assert at.selectbox(key="mote_prio_area").value == centrum
    assert at.text_input(key="mote_prio_description").value == "Byt lampor i gångtunneln"
    at.selectbox(key="mote_prio_horizon").set_value("vecka").run()
    at.button(key="mote_prio_add").click().run()
    assert not at.exception, at.exception
    assert at.text_input(key="mote_prio_description").value == ""  # cleared after the save
    first = weekly_cycle.priorities(con, week)
    assert first["description"].tolist() == ["Byt lampor i gångtunneln"]
    # the same priority sent again (a double click) is stored once
    again = weekly_cycle.add_priority(
        con, week, "belysning", "Byt lampor i gångtunneln", "samordnare", horizon="vecka", area_id=centrum
    )
    assert again == int(first["id"].iloc[0]) and len(weekly_cycle.priorities(con, week)) == 1
    monday = weekly_cycle.horizon_dates("vecka", weekly_cycle.meeting_day(week))[0]
    assert first["start_date"].iloc[0].date() == monday and monday.weekday() == 0


def test_the_meeting_for_a_new_municipality_with_its_first_answers(sample_db):
    """Only areas, reporters and this week's first answers: no history, no incidents, no actions."""
    con = db.connect(sample_db)
    for table in (
        "survey_rating",
        "survey_response",
        "observation",
        "weekly_priority",
        "weekly_assessment",
        "action",
        "incident",
        "crime_stat",
    ):
        con.execute(f"delete from {table}")  # noqa: S608  (fixed table names)
    con.execute("update setting set value = '0' where name = 'is_sample'")
    week = IsoWeek.of(dt.date.today())
    reporter, area = con.execute(
        "select reporter_id, area_id from reporter_area order by 1, 2 limit 1"
    ).fetchone()
    weekly_cycle.submit_week(con, reporter, week, [weekly_cycle.AreaAnswer(area, {"klotter": 2})], "test")
    at = app_as("samordnare", "mote")
    assert not at.exception, at.exception
    assert at.metric[0].value.startswith("1 / ")
    for _ in range(5):
        _next(at)
    text = all_text(at)
    assert "Ingen status är beslutad ännu" in text and "Inga prioriteringar ännu" in text
