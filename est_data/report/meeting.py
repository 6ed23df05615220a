"""The meeting screen's content (page Möte): one view per step, built from the weekly data.

Steps: summary -> status map -> areas with changes -> events of note -> last week's priorities
followed up -> decisions. Functions return short plain lines for large type; free text is
escaped for Markdown, so a description cannot turn into a link or formatting.
"""

from __future__ import annotations

import pandas as pd

from est_data import i18n
from est_data.model import IsoWeek
from est_data.report import data, weekly
from est_data.text import md  # noqa: F401  the one Markdown escaping helper; pages call meeting.md

STEPS = ("summary", "map", "changes", "events", "followup", "decisions")


def short(text: object, length: int = 110) -> str:
    value = "" if text is None or text is pd.NA or (isinstance(text, float) and pd.isna(text)) else str(text)
    return value if len(value) <= length else value[: length - 1].rstrip() + "…"


def step_title(step: str, lang: str = "sv") -> str:
    return i18n.t(f"reports.meeting.step.{step}", lang)


def step_label(step: str, lang: str = "sv") -> str:
    """The step's short name for the step bar: its number and one word."""
    return f"{STEPS.index(step) + 1} {i18n.t(f'reports.meeting.short.{step}', lang)}"


def map_png(con, week: IsoWeek, municipality_code: str, lang: str = "sv") -> bytes:
    """The status map, drawn larger for a projector."""
    wd = weekly.collect(con, week, municipality_code, reporters_version=True, lang=lang)
    return weekly.status_map_png(con, wd, size=(11.0, 4.6), font_size=9)


def changed_areas(wd: weekly.WeeklyData, limit: int = 10) -> list[dict]:
    """Areas whose status changed or with a factor rising to 'påtagligt' or more, worst first."""
    out = []
    for row in wd.changed_areas.head(limit).itertuples():
        factors = [f for f in str(row.factors).split(", ") if f][:2]
        out.append({"area": row.area, "status": row.status, "previous": row.previous,
                    "factors": ", ".join(factors), "changed": row.status != row.previous})
    return out


def event_lines(wd: weekly.WeeklyData, limit: int = 7) -> list[dict]:
    """The week's events per category against the 4-week average, largest first."""
    frame = wd.events[(wd.events["week_count"] > 0) | (wd.events["avg4"] > 0)].copy()
    frame["total"] = frame["week_count"] + frame["avg4"]
    out = []
    for row in frame.sort_values("total", ascending=False).head(limit).itertuples():
        diff = row.week_count - row.avg4
        arrow = "▲" if diff >= 1 else ("▼" if diff <= -1 else "■")
        out.append({"label": f"{row.category} ({i18n.t('reports.source.' + row.source, wd.lang)})",
                    "count": int(row.week_count), "avg": i18n.number(row.avg4, 1, wd.lang), "arrow": arrow})
    return out


def serious_observations(wd: weekly.WeeklyData, factor_labels: dict[str, str], limit: int = 4) -> list[dict]:
    """The reporters' most serious event reports of the week (never with names)."""
    out = []
    for row in wd.observations.head(limit).itertuples():
        day = row.day.strftime("%d/%m") if hasattr(row.day, "strftime") else str(row.day)
        out.append({"when": f"{day} {row.time_of_day or ''}".strip(), "area": row.area,
                    "factor": factor_labels.get(row.factor_code, row.factor_code),
                    "text": short(row.description, 90)})
    return out


def done_text(value: object, lang: str) -> tuple[str, str]:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "⏳", i18n.t("reports.meeting.done.open", lang)
    return ("✅", i18n.t("reports.meeting.done.yes", lang)) if bool(value) else (
        "❌", i18n.t("reports.meeting.done.no", lang))


def followup_lines(wd: weekly.WeeklyData) -> list[dict]:
    out = []
    for row in wd.followup.itertuples():
        icon, text = done_text(row.done, wd.lang)
        where = " – ".join(p for p in (weekly.text_of(row.area), weekly.text_of(row.place)) if p)
        out.append({"icon": icon, "done": text, "where": where or i18n.t("reports.whole_municipality", wd.lang),
                    "what": short(row.description, 80), "kind": weekly.label_of("reports.kind", row.kind, wd.lang),
                    "note": short(row.followup_note, 80)})
    return out


def decisions(wd: weekly.WeeklyData) -> tuple[list[dict], list[dict]]:
    """(areas whose status was agreed at the meeting, priorities for the weekend and next week)."""
    decided = [{"area": r.area, "status": r.decided, "computed": r.computed, "note": short(r.note, 80)}
               for r in wd.areas.itertuples() if r.decided]
    priorities = []
    for row in wd.priorities.itertuples():
        where = " – ".join(p for p in (weekly.text_of(row.area), weekly.text_of(row.place)) if p)
        priorities.append({"where": where or i18n.t("reports.whole_municipality", wd.lang),
                           "kind": weekly.label_of("reports.kind", row.kind, wd.lang),
                           "when": weekly.label_of("reports.horizon", row.horizon, wd.lang),
                           "what": short(row.description, 90)})
    return decided, priorities


def factor_labels(con, lang: str = "sv") -> dict[str, str]:
    return data.factor_labels(con, lang)
