"""Issue 13 part 4: the Thursday meeting in Möte, on a half-answered Thursday (the current ISO week with
answers for about half the areas), and the defects found there: the traceback in step 3 for an area
without answers, the register crash after a priority became an action, the weekend priority that
started on the next Monday, and a status edit lost when the view changed."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import app_as
from thursday import half_answer_current_week

from est_data import actions, db
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
    week, answered = half_answer_current_week(con)
    return con, week, answered


# ------------------------------------------------------------------------------------------ dates

@pytest.mark.parametrize(("day", "start", "end"), [
    (dt.date(2026, 11, 26), dt.date(2026, 11, 28), dt.date(2026, 11, 29)),  # Thursday: the coming weekend
    (dt.date(2026, 11, 23), dt.date(2026, 11, 28), dt.date(2026, 11, 29)),  # Monday: that week's weekend
    (dt.date(2026, 11, 28), dt.date(2026, 11, 28), dt.date(2026, 11, 29)),  # Saturday: this weekend
    (dt.date(2026, 11, 29), dt.date(2026, 11, 29), dt.date(2026, 11, 29)),  # Sunday: what is left of it
])
def test_helgen_is_the_coming_saturday_and_sunday(day, start, end):
    assert weekly_cycle.horizon_dates("helg", day) == (start, end)


def test_next_week_and_longer_start_on_the_coming_monday():
    thursday = dt.date(2026, 11, 26)
    assert weekly_cycle.horizon_dates("vecka", thursday) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    assert weekly_cycle.horizon_dates("längre", thursday) == (dt.date(2026, 11, 30), None)


def test_a_weekend_priority_becomes_an_action_for_that_weekend(sample_con):
    """Defect: an action made from a "helgen" priority started on the Monday after the weekend."""
    week = IsoWeek(2026, 47)  # its Thursday is 19 November; the weekend is 21–22 November
    pid = weekly_cycle.add_priority(sample_con, week, "närvaro", "Närvaro vid Stortorget", "test", horizon="helg",
                                    area_id=1)
    action_id = weekly_cycle.priority_to_action(sample_con, pid, "Närvaro vid Stortorget", "test")
    got = sample_con.execute("select start_date, end_date from action where id = ?", [action_id]).fetchone()
    assert got == (dt.date(2026, 11, 21), dt.date(2026, 11, 22))


def test_a_priority_keeps_the_dates_the_meeting_gave_it(sample_con):
    week = IsoWeek(2026, 47)
    pid = weekly_cycle.add_priority(sample_con, week, "trafikkontroll", "Mopedkontroll", "test", horizon="vecka",
                                    area_id=2, start_date=dt.date(2026, 11, 24), end_date=dt.date(2026, 11, 27))
    row = weekly_cycle.priorities(sample_con, week).set_index("id").loc[pid]
    assert (row["start_date"].date(), row["end_date"].date()) == (dt.date(2026, 11, 24), dt.date(2026, 11, 27))
    action_id = weekly_cycle.priority_to_action(sample_con, pid, "Mopedkontroll", "test")
    got = sample_con.execute("select start_date, end_date from action where id = ?", [action_id]).fetchone()
    assert got == (dt.date(2026, 11, 24), dt.date(2026, 11, 27))
    with pytest.raises(weekly_cycle.WeeklyError):
        weekly_cycle.add_priority(sample_con, week, "närvaro", "Baklänges", "test", start_date=dt.date(2026, 11, 27),
                                  end_date=dt.date(2026, 11, 24))


# ------------------------------------------------------------------------------------------ defects

def test_register_shows_an_action_made_from_a_priority(sample_db):
    """Defect: Insatser -> Register crashed (TypeError: can only join an iterable) once the meeting had
    made an action from a priority, whose target_categories is missing."""
    con = db.connect(sample_db)
    pid = weekly_cycle.add_priority(con, IsoWeek(2026, 47), "närvaro", "Närvaro i Centrum", "test", horizon="helg",
                                    area_id=1)
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
