"""The meeting screen's content (page Möte): one view per step, built from the weekly data.

Steps, in the order of the Thursday meeting: the week (answers, key figures, status map) -> agree
each area's status (pre-filled from the survey; an area without answers takes none) -> what the
police add (events against the average, the reporters' serious events, the police's own note) ->
last week's priorities followed up -> priorities for the weekend and the coming week, with dates,
turned into actions -> the summary of the decisions. Functions return short plain lines for large
type; free text is escaped for Markdown, so a description cannot turn into a link or formatting.
"""

from __future__ import annotations

import re

import pandas as pd

from est_data import i18n, rounds
from est_data.model import IsoWeek
from est_data.report import data, weekly
from est_data.text import md  # noqa: F401  the one Markdown escaping helper; pages call meeting.md

STEPS = ("week", "status", "police", "followup", "priorities", "decisions")

_FACTOR_SEPARATOR = re.compile(r",\s(?![^()]*\))")  # "A, B (x, y)" -> "A", "B (x, y)"


def short(text: object, length: int = 110) -> str:
    value = "" if text is None or text is pd.NA or (isinstance(text, float) and pd.isna(text)) else str(text)
    return value if len(value) <= length else value[: length - 1].rstrip() + "…"


def step_title(step: str, lang: str = "sv", weeks: int = 1) -> str:
    """The step's heading; with two-week rounds "Förra omgångens prioriteringar" for the follow-up."""
    return rounds.text(f"mote.step.{step}", lang, weeks)


def step_label(step: str, lang: str = "sv", weeks: int = 1) -> str:
    """The step's short name for the step bar: its number and one word ("Omgången" for two-week rounds)."""
    return f"{STEPS.index(step) + 1} {rounds.text(f'mote.short.{step}', lang, weeks)}"


def map_png(con, week: IsoWeek, municipality_code: str, lang: str = "sv") -> bytes:
    """The status map, drawn larger for a projector."""
    wd = weekly.collect(con, week, municipality_code, reporters_version=True, lang=lang)
    return weekly.status_map_png(con, wd, size=(11.0, 4.6), font_size=9)


def _status(value: object) -> str | None:
    """A status as text, None when missing (None, NaN or pd.NA from an area without answers)."""
    return value if isinstance(value, str) and value else None


def area_rows(wd: weekly.WeeklyData) -> list[dict]:
    """Every area for the status step, worst first: the status shown (agreed, else the survey's
    proposal; None without answers), the survey's proposal, the agreed status, answers, last week's
    status and the factors at 'påtagligt' or more."""
    out = []
    for row in wd.areas.itertuples():
        computed, decided = _status(row.computed), _status(row.decided)
        answers = int(row.answers) if not pd.isna(row.answers) else 0
        factors = [f for f in _FACTOR_SEPARATOR.split(weekly.text_of(row.factors)) if f]
        out.append(
            {
                "area_id": int(row.area_id),
                "area": weekly.text_of(row.area),
                "status": decided or computed,
                "computed": computed,
                "decided": decided,
                "answers": answers,
                "previous": _status(row.previous),
                "factors": ", ".join(factors[:2]),
                "note": weekly.text_of(row.note),
                "round_weeks": wd.round_weeks,
            }
        )
    return out


def date_range(start: object, end: object, lang: str = "sv") -> str:
    """'lör 28/11 – sön 29/11', 'från mån 30/11' (blank without a start)."""
    return weekly.date_range(start, end, lang)


def event_lines(wd: weekly.WeeklyData, limit: int = 7) -> list[dict]:
    """The week's events per category against the 4-week average, largest first."""
    frame = wd.events[(wd.events["week_count"] > 0) | (wd.events["avg4"] > 0)].copy()
    frame["total"] = frame["week_count"] + frame["avg4"]
    out = []
    for row in frame.sort_values("total", ascending=False).head(limit).itertuples():
        diff = row.week_count - row.avg4
        arrow = "▲" if diff >= 1 else ("▼" if diff <= -1 else "■")
        out.append(
            {
                "label": f"{row.category} ({i18n.t('reports.source.' + row.source, wd.lang)})",
                "count": int(row.week_count),
                "avg": i18n.number(row.avg4, 1, wd.lang),
                "arrow": arrow,
            }
        )
    return out


def serious_observations(wd: weekly.WeeklyData, factor_labels: dict[str, str], limit: int = 4) -> list[dict]:
    """The reporters' most serious event reports of the week (never with names)."""
    out = []
    for row in wd.observations.head(limit).itertuples():
        day = row.day.strftime("%d/%m") if hasattr(row.day, "strftime") else str(row.day)
        out.append(
            {
                "when": f"{day} {row.time_of_day or ''}".strip(),
                "area": row.area,
                "factor": factor_labels.get(row.factor_code, row.factor_code),
                "text": short(row.description, 90),
            }
        )
    return out


def priority_lines(frame: pd.DataFrame, lang: str = "sv") -> list[dict]:
    """Priorities as short lines: where, kind, when (horizon and dates), what, and the action made of it."""
    out = []
    for row in frame.itertuples():
        where = " – ".join(p for p in (weekly.text_of(row.area), weekly.text_of(row.place)) if p)
        dates = date_range(getattr(row, "start_date", None), getattr(row, "end_date", None), lang)
        when = weekly.label_of("reports.horizon", row.horizon, lang)
        has_action = not pd.isna(row.action_id)
        out.append(
            {
                "id": int(row.id),
                "where": where or i18n.t("reports.whole_municipality", lang),
                "kind": weekly.label_of("reports.kind", row.kind, lang),
                "when": f"{when} {dates}".strip() if when else dates,
                "what": short(row.description, 90),
                "action": weekly.text_of(getattr(row, "action_title", None)) if has_action else "",
                "action_id": int(row.action_id) if has_action else None,
            }
        )
    return out


def decisions(wd: weekly.WeeklyData) -> tuple[list[dict], list[dict]]:
    """(areas whose status was agreed at the meeting, priorities for the weekend and next week)."""
    decided = [
        {"area": r["area"], "status": r["decided"], "computed": r["computed"], "note": short(r["note"], 80)}
        for r in area_rows(wd)
        if r["decided"]
    ]
    return decided, priority_lines(wd.priorities, wd.lang)


def status_tally(wd: weekly.WeeklyData) -> dict[str, int]:
    """How far the status step has come: agreed, proposed but not agreed, and without answers."""
    rows = area_rows(wd)
    return {
        "agreed": sum(1 for r in rows if r["decided"]),
        "proposed": sum(1 for r in rows if not r["decided"] and r["computed"]),
        "no_answers": sum(1 for r in rows if r["answers"] == 0),
        "areas": len(rows),
    }


def factor_labels(con, lang: str = "sv") -> dict[str, str]:
    return data.factor_labels(con, lang)
