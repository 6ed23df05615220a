"""The quarterly analysis as the page (Kvartalsanalys) and the reports show it (issue 18 item 4).

The ranking table is made once here (`ranking_table`) from `period.need_and_influence`, so the page
and the PDF show the same rows. The follow-up of a quarter's priorities (chosen when the quarter
before was analysed) compares the priority quarter with the quarter before it: events with the
Poisson E-test, survey levels against the area's usual movement (analysis.ranking). The reporters'
feedback version (`feedback`) holds no names and no internal text: no judgement reasons, no intents,
no action titles, no police notes, nothing about who decided.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from matplotlib.figure import Figure as MplFigure

from est_data import config, i18n, priorities, queries
from est_data.analysis import ranking, ranking_picture
from est_data.display import text
from est_data.report import data, figures, period
from est_data.report.document import Bullets, Figure, Heading, KeyFigures, Paragraph, Report, Table

QUADRANT_ORDER = (ranking.ACT, ranking.PARTNERS, ranking.KEEP, ranking.WATCH)


def t(key: str, lang: str, **kwargs: object) -> str:
    return i18n.t(key, lang, **kwargs)


def num(value: object, decimals: int, lang: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    return i18n.number(float(value), decimals, lang)


def signed(value: object, decimals: int, lang: str) -> str:
    """+0,08 / −0,06 (a real minus sign); – when missing."""
    if value is None or pd.isna(value):
        return "–"
    rounded = round(float(value), decimals)
    sign = "+" if rounded > 0 else ("−" if rounded < 0 else "")
    return sign + i18n.number(abs(rounded), decimals, lang)


def quarter_dates(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if not 1 <= quarter <= 4:
        raise ValueError("quarter must be 1-4")
    start = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, following - dt.timedelta(days=1)


def quarter_name(year: int, quarter: int) -> str:
    return f"{year} Q{quarter}"


def ranked(con, code: str, year: int, quarter: int) -> pd.DataFrame:
    """The quarter's ranking (period.need_and_influence), the one computation of page and reports."""
    return period.need_and_influence(con, code, *quarter_dates(year, quarter))


def _trend_cell(row, lang: str) -> str:
    cell = signed(row.level_delta, 2, lang)
    if row.level_verdict == ranking.RISE:
        return cell + " ↑"
    if row.level_verdict == ranking.FALL:
        return cell + " ↓"
    return cell


def _basis_cell(row, lang: str) -> str:
    if row.influence_source == "judgement":
        return t(
            "ranking.basis.judgement",
            lang,
            level=t(f"ranking.level.{priorities.LEVEL_KEYS[row.judgement]}", lang),
        )
    return t("ranking.basis.computed", lang)


def ranking_table(frame: pd.DataFrame, lang: str) -> Table:
    """The ranked areas as one table for the PDF and the page (same columns, same cells)."""
    rows = tuple(
        (
            str(i + 1),
            str(row.area),
            num(row.need, 0, lang),
            num(row.mean_level, 2, lang),
            _trend_cell(row, lang),
            num(row.events, 0, lang),
            num(row.per_1000, 1, lang),
            num(row.influence, 0, lang),
            _basis_cell(row, lang),
            t(f"ranking.q.{row.quadrant}", lang),
        )
        for i, row in enumerate(frame.itertuples())
    )
    return Table(
        (
            t("reports.col.rank", lang),
            t("col.area", lang),
            t("ranking.col.need", lang),
            t("reports.col.level_short", lang),
            t("ranking.col.trend", lang),
            t("ranking.col.events", lang),
            t("reports.col.per_1000", lang),
            t("ranking.col.influence", lang),
            t("ranking.col.basis", lang),
            t("ranking.col.quadrant", lang),
        ),
        rows,
        col_widths=(5, 17, 7, 7, 10, 9, 10, 8, 14, 17),
        numeric_cols=(0, 2, 3, 4, 5, 6, 7),
        empty_text=t("reports.no_areas", lang),
    )


def table_frame(table: Table) -> pd.DataFrame:
    """A report table as the page shows it (the same cells)."""
    return pd.DataFrame(list(table.rows), columns=list(table.columns))


def notes(frame: pd.DataFrame, lang: str) -> list[str]:
    """What the reader must know to read the ranking honestly: missing population, too little data."""
    out = []
    if not frame.empty and frame["need_basis"].iloc[0] == "events":
        missing = int(frame["per_1000"].isna().sum())
        out.append(t("ranking.note.no_population", lang, n=missing, total=len(frame)))
    if frame["mean_level"].isna().all() and int(frame["events"].sum()) == 0:
        out.append(t("ranking.note.no_data", lang))
    few = frame[frame["level_verdict"] == ranking.TOO_FEW]["area"].astype(str).tolist()
    if few and len(few) == len(frame):
        out.append(t("ranking.note.trend_all_too_few", lang))
    elif few:
        out.append(t("ranking.note.trend_too_few", lang, areas=", ".join(few)))
    judged = int((frame["influence_source"] == "judgement").sum())
    if judged:
        out.append(t("ranking.note.judged", lang, n=judged, total=len(frame)))
    return out


def coming_quarter(end: dt.date) -> tuple[int, int]:
    """The quarter after the one holding end: the quarter whose priorities the analysis up to end chose."""
    return priorities.next_quarter(end.year, (end.month - 1) // 3 + 1)


def priority_ids(con, code: str, year: int, quarter: int) -> tuple[int, ...]:
    """The areas prioritised for (year, quarter), as the page rings them."""
    return tuple(int(a) for a in priorities.priorities(con, code, year, quarter)["area_id"])


def picture_figure(frame: pd.DataFrame, lang: str, chosen: tuple[int, ...] = ()) -> MplFigure:
    """The two-by-two as the page draws it (ranking_picture: the same points, judged or computed, the
    chosen areas ringed, the same quadrant names), as a matplotlib figure for the PDF."""
    return figures.need_influence_figure(
        ranking_picture.points(frame, chosen),
        t("ranking.axis.need", lang),
        t("ranking.axis.influence", lang),
        tuple(t(f"ranking.q.{q}", lang) for q in QUADRANT_ORDER),
        (
            t("ranking.source.judgement", lang),
            t("ranking.source.computed", lang),
            t("ranking.legend.priority", lang),
        ),
    )


def picture(
    frame: pd.DataFrame, lang: str, chosen: tuple[int, ...] = (), coming: tuple[int, int] | None = None
) -> Figure:
    """The picture as a report block; its caption says which quarter the ringed areas are for."""
    caption = t("reports.need.caption", lang)
    if coming is not None and set(chosen) & set(frame["area_id"].astype(int)):
        caption += " " + t("ranking.page.ringed", lang, quarter=quarter_name(*coming))
    return Figure(figures.png_of(picture_figure(frame, lang, chosen)), caption, 0.9)


def quadrant_bullets(frame: pd.DataFrame, lang: str) -> list[str]:
    out = []
    for key in (ranking.ACT, ranking.PARTNERS):
        areas = frame[frame["quadrant"] == key]["area"].astype(str).tolist()
        if areas:
            out.append(t(f"ranking.bullet.{key}", lang, areas=", ".join(areas)))
    return out


def need_blocks(con, code: str, start: dt.date, end: dt.date, lang: str) -> list:
    """The reports' section: method, the areas to act on, the picture, the table, the group's judgements."""
    frame = period.need_and_influence(con, code, start, end)
    if frame.empty:
        return [Paragraph(t("reports.no_areas", lang), "muted")]
    bullets = quadrant_bullets(frame, lang)
    blocks: list = [
        Paragraph(t("ranking.method", lang), "muted"),
        Bullets(tuple(bullets)) if bullets else Paragraph(t("reports.need.none_high", lang)),
        picture(frame, lang, priority_ids(con, code, *coming_quarter(end)), coming_quarter(end)),
        ranking_table(frame, lang),
    ]
    blocks += [Paragraph(note, "muted") for note in notes(frame, lang)]
    judged = frame[frame["influence_source"] == "judgement"].sort_values("area")
    if not judged.empty:
        blocks.append(Heading(t("ranking.judgements", lang), 3))
        blocks.append(
            Table(
                (
                    t("col.area", lang),
                    t("ranking.col.judgement", lang),
                    t("ranking.col.reason", lang),
                    t("ranking.col.decided", lang),
                ),
                tuple(
                    (
                        str(r.area),
                        t(f"ranking.level.{priorities.LEVEL_KEYS[r.judgement]}", lang),
                        text(r.judgement_reason),
                        t(
                            "ranking.decided_by",
                            lang,
                            who=text(r.judged_by, "–"),
                            when=text(r.judged_at)[:10],
                            quarter=quarter_name(int(r.judged_year), int(r.judged_quarter)),
                        ),
                    )
                    for r in judged.itertuples()
                ),
                col_widths=(18, 12, 45, 25),
            )
        )
    return blocks


def _window_end(con, code: str, end: dt.date) -> dt.date:
    return min(end, queries.reference_date(con, code))


def followup(con, code: str, year: int, quarter: int) -> pd.DataFrame:
    """How the priorities for (year, quarter) went: per priority area the events and the survey level in
    the quarter (up to the latest data) against the quarter before, judged, and the actions there.
    Columns: area_id, area, intent, events_before, events_after, events_verdict, level_before,
    level_after, level_verdict, actions, action_titles, action_kinds."""
    chosen = priorities.priorities(con, code, year, quarter)
    columns = [
        "area_id",
        "area",
        "intent",
        "events_before",
        "events_after",
        "events_verdict",
        "level_before",
        "level_after",
        "level_verdict",
        "actions",
        "action_titles",
        "action_kinds",
    ]
    if chosen.empty:
        return pd.DataFrame(columns=columns)
    b_start, b_end = quarter_dates(*priorities.previous_quarter(year, quarter))
    a_start, a_end = quarter_dates(year, quarter)
    a_end = _window_end(con, code, a_end)
    if a_end < a_start:  # the quarter has not begun: nothing to follow up yet
        a_end = a_start - dt.timedelta(days=1)
    before = period.area_figures(con, code, b_start, b_end)
    after = period.area_figures(con, code, a_start, a_end) if a_end >= a_start else before.iloc[0:0]
    levels = ranking.level_change(con, code, (b_start, b_end), (a_start, a_end)) if a_end >= a_start else None
    actions = period.actions_in_period(con, code, a_start, a_end) if a_end >= a_start else None
    before_days, after_days = (b_end - b_start).days + 1, max((a_end - a_start).days + 1, 0)
    rows = []
    for p in chosen.itertuples():
        b = before[before["area_id"] == p.area_id]
        a = after[after["area_id"] == p.area_id]
        eb = int((b["police"] + b["faults"]).sum())
        ea = int((a["police"] + a["faults"]).sum())
        lv = levels[levels["area_id"] == p.area_id] if levels is not None else pd.DataFrame()
        here = actions[actions["area_id"] == p.area_id] if actions is not None else pd.DataFrame()
        rows.append(
            (
                int(p.area_id),
                str(p.area),
                p.intent,
                eb,
                ea if after_days else None,
                ranking.events_verdict(eb, before_days, ea, after_days),
                None if lv.empty else lv["level_before"].iloc[0],
                None if lv.empty else lv["level_after"].iloc[0],
                ranking.TOO_FEW if lv.empty else lv["level_verdict"].iloc[0],
                len(here),
                "; ".join(here["title"].astype(str)) if len(here) else "",
                ", ".join(sorted(set(here["kind"].dropna().astype(str)))) if len(here) else "",
            )
        )
    return pd.DataFrame(rows, columns=columns)


def _verdict(kind: str, verdict: str, lang: str) -> str:
    return t(f"ranking.verdict.{kind}.{verdict}", lang)


def followup_blocks(con, code: str, year: int, quarter: int, lang: str, internal: bool = True) -> list:
    """The follow-up of the priorities for (year, quarter) as report blocks; internal=False leaves out the
    intents and action titles (the reporters' feedback version)."""
    prev = priorities.previous_quarter(year, quarter)
    frame = followup(con, code, year, quarter)
    if frame.empty:
        return [Paragraph(t("ranking.followup.none", lang, quarter=quarter_name(year, quarter)), "muted")]
    start, end = quarter_dates(year, quarter)
    upto = _window_end(con, code, end)
    blocks: list = [
        Paragraph(
            t(
                "ranking.followup.intro",
                lang,
                quarter=quarter_name(year, quarter),
                before=quarter_name(*prev),
                n=len(frame),
            )
        )
    ]
    if upto < end:
        blocks.append(Paragraph(t("ranking.followup.ongoing", lang, date=upto.isoformat()), "muted"))
    columns = [t("col.area", lang)]
    if internal:
        columns.append(t("ranking.col.intent", lang))
    columns += [
        t("ranking.col.events_before_after", lang),
        t("ranking.col.events_verdict", lang),
        t("ranking.col.level_before_after", lang),
        t("ranking.col.level_verdict", lang),
        t("ranking.col.actions_there", lang),
    ]
    rows = []
    for r in frame.itertuples():
        actions = str(r.actions)
        detail = r.action_titles if internal else r.action_kinds
        if r.actions and detail:
            actions += f" ({detail})"
        cells = [str(r.area)]
        if internal:
            cells.append(text(r.intent))
        cells += [
            f"{r.events_before} → {text(r.events_after, '–')}",
            _verdict("events", r.events_verdict, lang),
            f"{num(r.level_before, 2, lang)} → {num(r.level_after, 2, lang)}",
            _verdict("level", r.level_verdict, lang),
            actions,
        ]
        rows.append(tuple(cells))
    widths = (14, 20, 12, 14, 12, 13, 15) if internal else (17, 14, 18, 14, 17, 20)
    blocks.append(Table(tuple(columns), tuple(rows), col_widths=widths))
    blocks.append(Paragraph(t("ranking.followup.method", lang), "muted"))
    return blocks


def feedback(con, year: int, quarter: int, municipality_code: str | None = None, lang: str = "sv") -> Report:
    """The reporters' feedback (återkoppling) on the quarter: the picture, the quadrants, the priorities
    for the coming quarter and how the last ones went. No names and no internal text."""
    code = municipality_code or config.get_setting(con, "municipality_code")
    start, end = quarter_dates(year, quarter)
    report = Report(
        "quarterly_feedback",
        t("ranking.feedback.title", lang, quarter=quarter_name(year, quarter)),
        t("ranking.feedback.subtitle", lang),
        data.municipality_title(data.municipality_name(con, code), lang),
        config.get_setting(con, "classification"),
        lang,
    )
    frame = period.need_and_influence(con, code, start, end)
    coming = priorities.next_quarter(year, quarter)
    rate, weeks = period.response_rate(con, code, start, end)
    events = int(frame["events"].sum()) if not frame.empty else 0
    report.add(
        Paragraph(t("ranking.feedback.thanks", lang), "lead"),
        KeyFigures(
            (
                (
                    t("reports.kf.response_rate", lang),
                    f"{100 * rate:.0f} %",
                    t("reports.kf.weeks", lang, n=weeks),
                ),
                (t("ranking.feedback.events", lang), num(events, 0, lang), ""),
                (t("ranking.feedback.areas", lang), str(len(frame)), ""),
            )
        ),
        Heading(t("ranking.feedback.picture", lang)),
    )
    if frame.empty:
        report.add(Paragraph(t("reports.no_areas", lang), "muted"))
    else:
        report.add(
            Paragraph(t("ranking.feedback.picture_intro", lang), "muted"),
            picture(frame, lang, priority_ids(con, code, *coming), coming),
        )
        report.add(
            Bullets(
                tuple(
                    t(
                        "ranking.feedback.quadrant",
                        lang,
                        quadrant=t(f"ranking.q.{key}", lang),
                        areas=", ".join(frame[frame["quadrant"] == key]["area"].astype(str))
                        or t("ranking.feedback.no_area", lang),
                    )
                    for key in QUADRANT_ORDER
                )
            )
        )
    chosen = priorities.priorities(con, code, *coming)
    report.add(Heading(t("ranking.feedback.coming", lang, quarter=quarter_name(*coming))))
    report.add(
        Paragraph(t("ranking.feedback.coming_areas", lang, areas=", ".join(chosen["area"].astype(str))))
        if not chosen.empty
        else Paragraph(t("ranking.feedback.coming_none", lang), "muted")
    )
    report.add(Heading(t("ranking.followup.heading", lang, quarter=quarter_name(year, quarter))))
    report.add(*followup_blocks(con, code, year, quarter, lang, internal=False))
    report.footer_note = t("ranking.feedback.footer", lang)
    return report


def feedback_bytes(
    db_key: str, year: int, quarter: int, municipality_code: str, lang: str, fmt: str
) -> bytes:
    """The feedback version as PDF or HTML bytes (for the page's download buttons)."""
    from est_data import db
    from est_data.report import render

    return render.render(feedback(db.cursor(db_key), year, quarter, municipality_code, lang), fmt)
