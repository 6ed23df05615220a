"""Safety walks in the reports: the section of the quarterly and annual reports (walks held, findings
by category, measures proposed and turned into actions, follow-ups due and done), and a walk's own
short report for the residents.

The residents' report carries no personal data: no participant names, e-mails, internal notes or
photos; only the date, the area, what was found (category, place, description, proposed measure) and
what happens next.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from est_data import display, walks
from est_data.report import common
from est_data.report.common import num, t
from est_data.report.document import Block, Bullets, Heading, KeyFigures, Paragraph, Report, Table


def _category(code: object, lang: str) -> str:
    return t(f"walks.category.{code}", lang)


def _walk_place(walk: dict | pd.Series, lang: str) -> str:
    area = walk.get("area") if isinstance(walk, dict) else walk["area"]
    return display.text(area, t("walks.report.route_only", lang))


def section(
    con, code: str, start: dt.date, end: dt.date, lang: str, today: dt.date | None = None
) -> list[Block]:
    """The reports' section on safety walks in [start, end]."""
    s = walks.period_summary(con, code, start, end, today)
    held = s["walks"]
    if held.empty and s["planned"].empty and s["due"] == 0 and s["done"] == 0:
        return [Paragraph(t("walks.report.none", lang), "muted")]
    blocks: list[Block] = [
        KeyFigures(
            (
                (t("walks.report.kf.walks", lang), num(len(held), 0, lang), ""),
                (t("walks.report.kf.findings", lang), num(s["findings"], 0, lang), ""),
                (
                    t("walks.report.kf.measures", lang),
                    num(s["measures"], 0, lang),
                    t("walks.report.kf.actions", lang, n=s["actions"]),
                ),
                (
                    t("walks.report.kf.followups", lang),
                    num(s["done"], 0, lang),
                    t("walks.report.kf.due", lang, n=s["due"]),
                ),
            )
        )
    ]
    if not held.empty:
        blocks.append(
            Table(
                (
                    t("walks.col.date", lang),
                    t("walks.col.area", lang),
                    t("walks.col.participants_count", lang),
                    t("walks.col.findings", lang),
                    t("walks.col.actions", lang),
                ),
                tuple(
                    (
                        display.text(r.walk_date)[:10],
                        display.text(r.area, t("walks.report.route_only", lang)),
                        display.text(r.participants_count),
                        str(int(r.findings)),
                        str(int(r.actions)),
                    )
                    for r in held.sort_values("walk_date").itertuples()
                ),
                col_widths=(1.2, 2.5, 1.2, 1, 1),
                numeric_cols=(2, 3, 4),
            )
        )
    by_category = s["by_category"][s["by_category"] > 0]
    if not by_category.empty:
        blocks.append(Heading(t("walks.report.by_category", lang), 3))
        blocks.append(
            Table(
                (t("walks.col.category", lang), t("walks.col.count", lang)),
                tuple((_category(code_, lang), str(int(n))) for code_, n in by_category.items()),
                col_widths=(3, 1),
                numeric_cols=(1,),
            )
        )
    bullets = [t("walks.report.measures", lang, n=s["measures"], actions=s["actions"])]
    if s["due"]:
        bullets.append(t("walks.report.due", lang, n=s["due"], open=s["due_open"]))
    if s["done"]:
        outcomes = ", ".join(
            f"{_status(k, lang)} {v}" for k, v in sorted(s["done_outcomes"].items(), key=lambda kv: -kv[1])
        )
        bullets.append(t("walks.report.done", lang, n=s["done"], outcomes=outcomes))
    if s["overdue"]:
        bullets.append(t("walks.report.overdue", lang, n=s["overdue"]))
    if not s["planned"].empty:
        dates = ", ".join(display.text(d)[:10] for d in sorted(s["planned"]["walk_date"]))
        bullets.append(t("walks.report.planned", lang, dates=dates))
    blocks.append(Bullets(tuple(bullets)))
    return blocks


def _status(code: str, lang: str) -> str:
    return t(f"walks.followup.{code}", lang)


def residents_report(con, walk_id: int, lang: str = "sv") -> Report:
    """The walk's short report for the residents (PDF or HTML through report.render): date, area, what
    was found and proposed, what happens next. No personal data (see the module's note)."""
    walk = walks.get_walk(con, walk_id)
    if walk is None:
        raise walks.UserError("walks.error.not_found", id=walk_id)
    found = walks.findings(con, walk_id)
    date = walk["walk_date"]
    report = Report(
        "walk",
        t("walks.residents.title", lang, place=_walk_place(walk, lang)),
        t("walks.residents.subtitle", lang, date=display.text(date)),
        common.municipality(con, walk["municipality_code"], lang),
        t("walks.residents.classification", lang),
        lang,
    )
    intro = t("walks.residents.intro", lang, date=display.text(date), place=_walk_place(walk, lang))
    if walk.get("participants_count"):
        intro += " " + t("walks.residents.count", lang, n=int(walk["participants_count"]))
    if walk.get("partners"):
        intro += " " + t("walks.residents.partners", lang, partners=walk["partners"])
    report.add(Paragraph(intro, "lead"))
    report.add(Heading(t("walks.residents.found", lang)))
    if found.empty:
        report.add(Paragraph(t("walks.residents.nothing", lang)))
    else:
        report.add(
            Table(
                (
                    t("walks.col.category", lang),
                    t("walks.col.place", lang),
                    t("walks.col.description", lang),
                    t("walks.col.measure", lang),
                ),
                tuple(
                    (
                        _category(r.category, lang),
                        display.text(r.place_text, t("walks.residents.whole_route", lang)),
                        display.text(r.description),
                        display.text(r.proposed_measure),
                    )
                    for r in found.itertuples()
                ),
                col_widths=(1.2, 2, 2.5, 2.5),
            )
        )
    report.add(Heading(t("walks.residents.next", lang)))
    next_steps = []
    for r in found.itertuples():
        if display.missing(r.proposed_measure):
            continue
        who = display.text(r.responsible, t("walks.residents.the_group", lang))
        key = (
            "walks.residents.next_action"
            if not display.missing(r.action_id)
            else "walks.residents.next_measure"
        )
        next_steps.append(t(key, lang, measure=r.proposed_measure, who=who))
    next_steps.append(t("walks.residents.next_meeting", lang))
    due = walks.due_date(date, walks.followup_months(con))
    next_steps.append(t("walks.residents.next_followup", lang, date=display.text(due)))
    report.add(Bullets(tuple(next_steps)))
    report.footer_note = t("walks.residents.footer", lang)
    return report


def residents_pdf(con, walk_id: int, lang: str = "sv") -> bytes:
    """The residents' report as PDF bytes (for the page's download button and the CLI)."""
    from est_data.report import render

    return render.render(residents_report(con, walk_id, lang), "pdf")
