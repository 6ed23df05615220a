"""Survey rounds: who was expected to answer a week, who did, and the history of response rates.

A round is one or two ISO weeks (est_data.rounds), its answers stored under its first week, so a
function given a round's first week reads the whole round. Expected: active reporters covering at least one active area of the
municipality (table reporter_area, as it is today). Answered: the reporter sent an answer for the
week, whenever it was sent (late answers count for the week they are about).
"""

from __future__ import annotations

import pandas as pd

from est_data import rounds
from est_data.model import IsoWeek


def _rate(frame: pd.DataFrame) -> pd.DataFrame:
    frame["rate"] = (frame["answered"] / frame["expected"].where(frame["expected"] > 0)).astype("float64")
    return frame


def reporter_status(con, week: IsoWeek, municipality_code: str | None = None) -> pd.DataFrame:
    """Every expected reporter and whether they answered the week: id, name, email, organisation,
    areas (names, comma-separated), answered (bool), areas_answered, submitted_at (latest)."""
    return con.execute(
        """
        with covering as (
            select ra.reporter_id, a.id as area_id, a.name as area
            from reporter_area ra
            join reporter rp on rp.id = ra.reporter_id and rp.active
            join area a on a.id = ra.area_id and a.active
            where (? is null or a.municipality_code = ?)
        ),
        answers as (
            select r.reporter_id, count(*) as areas_answered, max(r.submitted_at) as submitted_at
            from survey_response r
            join area a on a.id = r.area_id
            where r.iso_year = ? and r.iso_week = ?
              and (? is null or a.municipality_code = ?)
            group by r.reporter_id
        ),
        final as (
            select rp.id, rp.name, rp.email, coalesce(rp.organisation, '–') as organisation,
                   string_agg(c.area, ', ' order by c.area) as areas,
                   any_value(an.reporter_id) is not null as answered,
                   coalesce(any_value(an.areas_answered), 0) as areas_answered,
                   any_value(an.submitted_at) as submitted_at
            from covering c
            join reporter rp on rp.id = c.reporter_id
            left join answers an on an.reporter_id = c.reporter_id
            group by rp.id, rp.name, rp.email, rp.organisation
        )
        select * from final order by answered, organisation, name
        """,
        [municipality_code, municipality_code, week.year, week.week, municipality_code, municipality_code],
    ).df()


def missing_reporters(con, week: IsoWeek, municipality_code: str | None = None) -> pd.DataFrame:
    """The expected reporters who have not answered the week (name, email, organisation, areas)."""
    frame = reporter_status(con, week, municipality_code)
    return frame[~frame["answered"]][["id", "name", "email", "organisation", "areas"]].reset_index(drop=True)


def by_organisation(con, week: IsoWeek, municipality_code: str | None = None) -> pd.DataFrame:
    """Response rate per organisation: organisation, expected, answered, rate (0..1)."""
    frame = reporter_status(con, week, municipality_code)
    out = frame.groupby("organisation", as_index=False).agg(
        expected=("id", "count"), answered=("answered", "sum")
    )
    out["answered"] = out["answered"].astype("int64")
    return _rate(out).sort_values(["rate", "organisation"]).reset_index(drop=True)


def by_area(con, week: IsoWeek, municipality_code: str | None = None) -> pd.DataFrame:
    """Response rate per area: area_id, area, expected (reporters covering it), answered (of those, how
    many sent an answer for the area), rate."""
    return (
        _rate(
            con.execute(
                """
        with covering as (
            select ra.reporter_id, a.id as area_id, a.name as area
            from reporter_area ra
            join reporter rp on rp.id = ra.reporter_id and rp.active
            join area a on a.id = ra.area_id and a.active
            where (? is null or a.municipality_code = ?)
        ),
        answered as (
            select distinct r.reporter_id, r.area_id
            from survey_response r
            where r.iso_year = ? and r.iso_week = ?
        ),
        final as (
            select c.area_id, c.area, count(*) as expected, count(an.reporter_id) as answered
            from covering c
            left join answered an on an.reporter_id = c.reporter_id and an.area_id = c.area_id
            group by c.area_id, c.area
        )
        select * from final order by area
        """,
                [municipality_code, municipality_code, week.year, week.week],
            ).df()
        )
        .sort_values(["rate", "area"])
        .reset_index(drop=True)
    )


def history(con, last_week: IsoWeek, weeks: int = 52, municipality_code: str | None = None) -> pd.DataFrame:
    """Response rate per round over the `weeks` weeks up to last_week's round, one row per round (a
    two-week round is one point, never a rate plus an empty week): iso_year, iso_week (the round's
    first week), week (label '2026-W47'), monday, expected, answered, rate. Expected uses today's
    reporter list."""
    calendar = rounds.rounds_between(con, last_week.shift(-(weeks - 1)), last_week)
    keys = [r.start.year * 100 + r.start.week for r in calendar]
    counts = con.execute(
        """
        with covering as (
            select distinct ra.reporter_id
            from reporter_area ra
            join reporter rp on rp.id = ra.reporter_id and rp.active
            join area a on a.id = ra.area_id and a.active
            where (? is null or a.municipality_code = ?)
        ),
        calendar as (
            select unnest(?) as week_key
        ),
        answered as (
            select r.iso_year * 100 + r.iso_week as week_key, count(distinct r.reporter_id) as answered
            from survey_response r
            where r.reporter_id in (select reporter_id from covering)
              and list_contains(?, r.iso_year * 100 + r.iso_week)
            group by week_key
        ),
        final as (
            select c.week_key, (select count(*) from covering) as expected, coalesce(an.answered, 0) as answered
            from calendar c
            left join answered an on an.week_key = c.week_key
        )
        select * from final
        """,
        [municipality_code, municipality_code, keys, keys],
    ).df()
    expected = dict(zip(counts["week_key"].astype(int), counts["expected"].astype(int), strict=True))
    answered = dict(zip(counts["week_key"].astype(int), counts["answered"].astype(int), strict=True))
    frame = pd.DataFrame(
        {
            "iso_year": pd.Series([r.start.year for r in calendar], dtype="int64"),
            "iso_week": pd.Series([r.start.week for r in calendar], dtype="int64"),
            "monday": [r.monday() for r in calendar],
            "expected": pd.Series([expected.get(k, 0) for k in keys], dtype="int64"),
            "answered": pd.Series([answered.get(k, 0) for k in keys], dtype="int64"),
            "week": [str(r.start) for r in calendar],
        }
    )
    return _rate(frame)
