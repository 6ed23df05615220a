"""Read functions the reports need that no other module provides (parameterised SQL only)."""

from __future__ import annotations

import pandas as pd

from est_data import queries, rounds
from est_data.analysis.situation import StatusRule, statuses
from est_data.model import IsoWeek


def municipality_name(con, code: str) -> str:
    row = con.execute("select name from municipality where code = ?", [code]).fetchone()
    return str(row[0]) if row else code


def municipality_title(name: str, lang: str = "sv") -> str:
    """'Trelleborgs kommun', 'Borås kommun', 'Region Gotland' (en: 'Trelleborg Municipality')."""
    if name == "Gotland":
        return "Region Gotland"
    if lang == "en":
        return f"{name} Municipality"
    return f"{name} kommun" if name[-1:].lower() in ("s", "x", "z") else f"{name}s kommun"


def area_statuses(con, week: IsoWeek, municipality_code: str) -> pd.DataFrame:
    """Every active area with its status for the week: agreed at the meeting, else computed.

    Columns: area_id, area, computed (status from the survey rule, None without answers),
    decided (agreed status or None), status (decided, else computed), note, answers.
    """
    areas = queries.areas(con, municipality_code)[["id", "name"]].rename(
        columns={"id": "area_id", "name": "area"}
    )
    levels = queries.week_levels(con, week, municipality_code)
    computed = statuses(levels[["area_id", "factor_code", "level"]], StatusRule.from_settings(con))
    computed = computed.rename(columns={"status": "computed"})
    answers = (
        levels.groupby("area_id")["answers"].max().rename("answers").reset_index()
        if not levels.empty
        else pd.DataFrame(columns=["area_id", "answers"])
    )
    decided = con.execute(
        "select area_id, status as decided, note from weekly_assessment where iso_year = ? and iso_week = ?",
        [week.year, week.week],
    ).df()
    frame = (
        areas.merge(computed, on="area_id", how="left")
        .merge(decided, on="area_id", how="left")
        .merge(answers, on="area_id", how="left")
    )
    for col in ("computed", "decided", "note"):
        frame[col] = frame[col].astype(object).where(frame[col].notna() & (frame[col] != ""), None)
    frame["status"] = [d or c for d, c in zip(frame["decided"], frame["computed"], strict=True)]
    frame["answers"] = frame["answers"].fillna(0).astype(int)
    return frame


def top_factors(con, week: IsoWeek, municipality_code: str, min_level: int = 2) -> pd.DataFrame:
    """Per area, the factors at min_level or more this week (highest first): area_id, factor_code, level."""
    levels = queries.week_levels(con, week, municipality_code)
    if levels.empty:
        return levels
    high = levels[levels["level"] >= min_level]
    return high.sort_values(["area_id", "level", "mean_level"], ascending=[True, False, False])


def priorities(con, week: IsoWeek, municipality_code: str) -> pd.DataFrame:
    """The priorities decided at the meeting of a week (for the weekend and the coming week)."""
    return con.execute(
        "select p.id, a.name as area, pl.name as place, p.kind, p.horizon, p.description, p.done,"
        "       p.followup_note, p.action_id, p.start_date, p.end_date, ac.title as action_title"
        " from weekly_priority p"
        " left join area a on a.id = p.area_id"
        " left join place pl on pl.id = p.place_id"
        " left join action ac on ac.id = p.action_id"
        " where p.iso_year = ? and p.iso_week = ?"
        "   and (p.area_id is null or a.municipality_code = ?)"
        " order by p.horizon nulls last, a.name nulls first, p.id",
        [week.year, week.week, municipality_code],
    ).df()


def events_by_category(con, week: IsoWeek, municipality_code: str) -> pd.DataFrame:
    """Police events and fault reports per category: the count over the round of `week` (Monday of its
    first week to Sunday of its last) and the average per round over the 4 rounds before it, scaled to
    this round's length (after a change from weekly to two-week rounds the four weekly rounds before
    count double, so a fortnight is never compared with a week)."""
    rnd = rounds.round_of(con, week)
    start = rnd.monday()
    before = rounds.recent(con, rnd, 4)
    first = before[0].monday()
    per_round = rnd.weeks / sum(r.weeks for r in before)
    return con.execute(
        "with events as ("
        "  select i.source, coalesce(i.category, '–') as category, cast(i.occurred_at as date) as day,"
        "         coalesce(i.cost_sek, 0) as cost"
        "  from incident i"
        "  where not i.is_summary"
        "    and i.municipality_code = ?"
        "    and cast(i.occurred_at as date) between ? and ?"
        "), final as ("
        "  select source, category,"
        "         count(*) filter (where day >= ?) as week_count,"
        "         count(*) filter (where day < ?) * ? as avg4,"
        "         coalesce(sum(cost) filter (where day >= ?), 0) as week_cost"
        "  from events"
        "  group by source, category"
        ")"
        " select * from final order by source, week_count desc, avg4 desc",
        [municipality_code, first, rnd.sunday(), start, start, per_round, start],
    ).df()


def week_observations(con, week: IsoWeek, municipality_code: str, include_internal: bool) -> pd.DataFrame:
    """Reporters' event reports of the round of `week` (every day of it), most serious first, with the
    reporter (personal data)."""
    rnd = rounds.round_of(con, week)
    return con.execute(
        "select coalesce(o.occurred_date, cast(o.reported_at as date)) as day, o.time_of_day, a.name as area,"
        "       pl.name as place, o.factor_code, o.description, o.severity, o.internal,"
        "       r.name as reporter, r.organisation"
        " from observation o"
        " join area a on a.id = o.area_id"
        " left join place pl on pl.id = o.place_id"
        " left join reporter r on r.id = o.reporter_id"
        " where coalesce(o.occurred_date, cast(o.reported_at as date)) between ? and ?"
        "   and a.municipality_code = ?"
        "   and (? or not o.internal)"
        " order by o.severity desc nulls last, day desc, o.id desc",
        [rnd.monday(), rnd.sunday(), municipality_code, include_internal],
    ).df()


def week_comments(con, week: IsoWeek, municipality_code: str, include_internal: bool) -> pd.DataFrame:
    """The survey's free-text comments of the week, with the reporter (personal data)."""
    return con.execute(
        "select a.name as area, s.comment, s.comment_internal, r.name as reporter, r.organisation"
        " from survey_response s"
        " join area a on a.id = s.area_id"
        " left join reporter r on r.id = s.reporter_id"
        " where s.iso_year = ? and s.iso_week = ?"
        "   and a.municipality_code = ?"
        "   and s.comment is not null and trim(s.comment) <> ''"
        "   and (? or not s.comment_internal)"
        " order by a.name, s.submitted_at",
        [week.year, week.week, municipality_code, include_internal],
    ).df()


def factor_labels(con, lang: str = "sv") -> dict[str, str]:
    frame = queries.factors(con, active_only=False)
    return dict(zip(frame["code"], frame["label_en" if lang == "en" else "label_sv"], strict=True))


def distribution_list(con) -> list[str]:
    """The weekly report's distribution list: active reporters and active users (partners, management)
    with an e-mail address, each address once."""
    rows = con.execute(
        "with addresses as ("
        "  select lower(trim(email)) as email from reporter where active and email like '%_@_%'"
        "  union"
        "  select lower(trim(email)) from app_user where active and email like '%_@_%'"
        ")"
        " select email from addresses order by email"
    ).fetchall()
    return [r[0] for r in rows]
