"""The figures of the Översikt page, computed from the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from est_data import queries, rounds
from est_data.analysis import coverage
from est_data.analysis.situation import StatusRule, statuses
from est_data.model import IsoWeek


@dataclass(frozen=True)
class Overview:
    week: IsoWeek
    is_current_week: bool
    answered: int
    reporters: int
    area_status: pd.DataFrame  # area_id, area, status (None = no answers), top_factor, top_level
    status_counts: dict[str, int]
    recent: pd.DataFrame  # source, last7, avg4, cost_last7, cost_avg4
    recent_end: dt.date
    actions: pd.DataFrame
    recent_missing: dict[
        str, str | None
    ]  # per incident source: what of the compared weeks lacks data, or None
    freshness: str  # "polisdata t.o.m. 2026-11-22, felanmälan t.o.m. …"


def area_status(
    con, municipality_code: str, area_ids: tuple[int, ...] = (), today: dt.date | None = None
) -> tuple[IsoWeek, bool, pd.DataFrame]:
    """(reference week, whether it is the current week, the areas' status table) without the rest of
    the overview (Karta colours its areas with this alone)."""
    area_list = list(area_ids) or None
    week, is_current = queries.reference_week(con, municipality_code, today)
    levels = queries.week_levels(con, week, municipality_code, area_list)
    rule = StatusRule.from_settings(con)
    status = statuses(levels[["area_id", "factor_code", "level"]], rule)
    all_areas = queries.areas(con, municipality_code)
    if area_list:
        all_areas = all_areas[all_areas["id"].isin(area_list)]
    top = (
        levels.sort_values(["area_id", "level", "mean_level"], ascending=[True, False, False])
        .drop_duplicates("area_id")[["area_id", "factor_code", "level"]]
        .rename(columns={"factor_code": "top_factor", "level": "top_level"})
    )
    table = (
        all_areas[["id", "name"]]
        .rename(columns={"id": "area_id", "name": "area"})
        .merge(status, on="area_id", how="left")
        .merge(top, on="area_id", how="left")
    )
    table["status"] = table["status"].astype(object).where(table["status"].notna(), None)
    order = {"röd": 0, "gul": 1, "grön": 2}
    table = table.sort_values(
        ["status", "area"], key=lambda s: s.map(order).fillna(3) if s.name == "status" else s
    )
    return week, is_current, table.reset_index(drop=True)


def build(
    con,
    municipality_code: str,
    area_ids: tuple[int, ...] = (),
    today: dt.date | None = None,
    lang: str = "sv",
) -> Overview:
    area_list = list(area_ids) or None
    week, is_current, table = area_status(con, municipality_code, area_ids, today)
    answered, total = queries.response_rate(con, week, municipality_code)
    counts = {s: int((table["status"] == s).sum()) for s in ("grön", "gul", "röd")}
    last_day = rounds.round_of(con, week).sunday()  # the reference round's last day
    end = today if (is_current and today) else (dt.date.today() if is_current else last_day)
    recent = queries.incident_counts_recent(con, end, municipality_code, area_list)
    actions = queries.running_actions(con, end, municipality_code, area_list)
    covs = coverage.coverage(con, municipality_code)
    # the last 7 days and the 4 weeks before them; today itself is still under way, its lack of rows is no gap
    compared = (end - dt.timedelta(days=6 + 28), end - dt.timedelta(days=1) if is_current else end)
    missing = {
        source: coverage.missing_text(covs.get(source), [compared], lang)
        for source in ("polisen", "felanmalan")
    }
    return Overview(
        week,
        is_current,
        answered,
        total,
        table,
        counts,
        recent,
        end,
        actions,
        missing,
        coverage.freshness_text(covs, lang),
    )
