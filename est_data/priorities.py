"""The quarterly analysis's decisions (issue 18 item 4): the group's judgement of the possibility to
influence per area, and the priority areas chosen for the coming quarter.

A judgement belongs to the quarter it was made for; a quarter without its own judgement for an area
uses the area's latest earlier one (the group does not have to repeat itself every quarter). Every
write runs in one transaction with an audit-log row; the reason and intent texts are internal (the
reporters' feedback version never shows them) and are not copied into the audit log.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from est_data import audit
from est_data.db import transaction

LEVELS = ("låg", "medel", "hög")
LEVEL_KEYS = {"låg": "low", "medel": "medium", "hög": "high"}  # i18n: ranking.level.<key>
# The judgement on the 0–100 scale of the computed proxy: "medel" lies on the line between the halves
# of the two-by-two picture and counts as possible to influence (need ≥ 50 and influence ≥ 50: act).
LEVEL_SCORES = {"låg": 20.0, "medel": 50.0, "hög": 80.0}


def next_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def set_judgement(
    con,
    code: str,
    area_id: int,
    year: int,
    quarter: int,
    level: str | None,
    reason: str | None,
    username: str | None,
) -> None:
    """Record (or with level None remove) the group's judgement of an area for a quarter."""
    if level is not None and level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    key = [code, int(area_id), int(year), int(quarter)]
    with transaction(con):
        before = con.execute(
            "select level, decided_by, decided_at from influence_judgement"
            " where municipality_code = ? and area_id = ? and year = ? and quarter = ?",
            key,
        ).fetchone()
        if before is None and level is None:
            return  # nothing to remove
        con.execute(
            "delete from influence_judgement"
            " where municipality_code = ? and area_id = ? and year = ? and quarter = ?",
            key,
        )
        after = None
        if level is not None:
            now = dt.datetime.now().replace(microsecond=0)
            con.execute(
                "insert into influence_judgement"
                " (municipality_code, area_id, year, quarter, level, reason, decided_by, decided_at)"
                " values (?, ?, ?, ?, ?, ?, ?, ?)",
                [*key, level, (reason or "").strip() or None, username, now],
            )
            after = {"area_id": int(area_id), "quarter": f"{year}Q{quarter}", "level": level}
        audit.record(
            con,
            username,
            "update" if before and after else ("insert" if after else "delete"),
            "influence_judgement",
            f"{area_id}/{year}Q{quarter}",
            {"level": before[0], "decided_by": before[1]} if before else None,
            after,
        )


def judgements(con, code: str, year: int, quarter: int) -> pd.DataFrame:
    """The judgement in force per area for the quarter (its own, else the latest earlier one):
    area_id, level, score, reason, decided_by, decided_at, year, quarter (of the judgement)."""
    frame = con.execute(
        "with ranked as ("
        "  select j.*, row_number() over (partition by area_id order by year desc, quarter desc) as n"
        "  from influence_judgement j"
        "  where municipality_code = ?"
        "    and year * 10 + quarter <= ?"
        ")"
        " select area_id, level, reason, decided_by, decided_at, year, quarter"
        " from ranked"
        " where n = 1"
        " order by area_id",
        [code, year * 10 + quarter],
    ).df()
    frame["score"] = frame["level"].map(LEVEL_SCORES).astype("float64")
    return frame


def save_priorities(
    con, code: str, year: int, quarter: int, chosen: dict[int, str], username: str | None
) -> None:
    """Replace the priority areas for the quarter (year, quarter: the quarter they are for) with chosen
    (area id -> what the group intends there)."""
    with transaction(con):
        before = [
            int(r[0])
            for r in con.execute(
                "select area_id from quarter_priority where municipality_code = ? and year = ? and quarter = ?",
                [code, year, quarter],
            ).fetchall()
        ]
        con.execute(
            "delete from quarter_priority where municipality_code = ? and year = ? and quarter = ?",
            [code, year, quarter],
        )
        now = dt.datetime.now().replace(microsecond=0)
        for area_id, intent in chosen.items():
            con.execute(
                "insert into quarter_priority"
                " (municipality_code, year, quarter, area_id, intent, decided_by, decided_at)"
                " values (?, ?, ?, ?, ?, ?, ?)",
                [code, year, quarter, int(area_id), (intent or "").strip() or None, username, now],
            )
        audit.record(
            con,
            username,
            "update",
            "quarter_priority",
            f"{code}/{year}Q{quarter}",
            {"areas": sorted(before)},
            {"areas": sorted(int(a) for a in chosen)},
        )


def priorities(con, code: str, year: int, quarter: int) -> pd.DataFrame:
    """The priority areas for the quarter: area_id, area, intent, decided_by, decided_at."""
    return con.execute(
        "select p.area_id, a.name as area, p.intent, p.decided_by, p.decided_at"
        " from quarter_priority p"
        " join area a on a.id = p.area_id"
        " where p.municipality_code = ?"
        "   and p.year = ?"
        "   and p.quarter = ?"
        " order by a.name",
        [code, year, quarter],
    ).df()
