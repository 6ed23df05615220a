"""A half-answered Thursday: the sample with answers in the current ISO week for about half the areas.

Stand-in until the lead's generator (est_data/variants.py) is on main: every reporter in the first half
(by id) answers the current week for those of their areas that are in every other area (by id), with the
levels they gave in the sample's latest week. The other areas have no answers this week.
"""

from __future__ import annotations

import datetime as dt

from est_data import weekly
from est_data.model import IsoWeek


def half_answer_current_week(con, today: dt.date | None = None) -> tuple[IsoWeek, set[int]]:
    """Insert current-week answers for about half the areas; returns (the week, ids of the answered areas)."""
    today = today or dt.date.today()
    week = IsoWeek.of(today)
    latest = con.execute("select max(iso_year * 100 + iso_week) from survey_response").fetchone()[0]
    source = IsoWeek(latest // 100, latest % 100)
    areas = [r[0] for r in con.execute("select id from area where active order by id").fetchall()]
    half = set(areas[::2])
    reporters = [r[0] for r in con.execute("select id from reporter where active order by id").fetchall()]
    answered: set[int] = set()
    for reporter_id in reporters[: len(reporters) // 2]:
        covered = [r[0] for r in con.execute("select area_id from reporter_area where reporter_id = ?",
                                             [reporter_id]).fetchall()]
        answers = []
        for area_id in sorted(set(covered) & half):
            levels = dict(con.execute(
                "select s.factor_code, s.level from survey_response r"
                " join survey_rating s on s.response_id = r.id"
                " where r.reporter_id = ? and r.area_id = ? and r.iso_year = ? and r.iso_week = ?",
                [reporter_id, area_id, source.year, source.week]).fetchall())
            answers.append(weekly.AreaAnswer(area_id, levels))
        if answers:
            weekly.submit_week(con, reporter_id, week, answers, "test", today=today)
            answered |= {a.area_id for a in answers}
    return week, answered
