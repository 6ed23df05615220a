"""The weekly report (veckorapport), ready on Friday morning, and the data the meeting screen shows.

`collect(con, week, municipality_code, reporters_version)` gathers everything for one ISO week;
`build(...)` turns it into a `Report` (PDF/HTML through est_data.report.render). The reporters'
version leaves out personal data (reporter names and organisations) and free text marked internal
(survey_response.comment_internal, observation.internal).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from est_data import config, display, i18n, queries, rounds
from est_data.analysis import compstat, coverage
from est_data.analysis.situation import StatusRule, week_matrix
from est_data.analysis.situation import summary_sentences as situation_summary
from est_data.geo import areas_gdf
from est_data.model import IsoWeek
from est_data.report import data, figures
from est_data.report.common import verdict_text
from est_data.report.document import Bullets, Figure, Heading, KeyFigures, Paragraph, Report, Table

STATUS_ORDER = {"röd": 0, "gul": 1, "grön": 2}
MAX_OBSERVATIONS = 15
MAX_COMMENTS = 25
MAX_SENTENCES = 12  # of the automatic summary in the report


@dataclass(frozen=True)
class WeeklyData:
    week: IsoWeek
    municipality_code: str
    municipality: str  # "Trelleborgs kommun"
    classification: str
    reporters_version: bool
    answered: int
    reporters: int
    areas: pd.DataFrame  # area_id, area, status, computed, decided, note, answers, previous, factors
    changes: list[str]
    priorities: pd.DataFrame  # this week's decisions
    followup: pd.DataFrame  # last week's priorities with done / followup_note
    events: pd.DataFrame  # source, category, week_count, avg4, week_cost
    observations: pd.DataFrame  # reporters' event reports (names only in the full version)
    comments: pd.DataFrame
    actions: pd.DataFrame
    lang: str = "sv"
    round_weeks: int = 1  # the survey round's length: 2 makes this the report for a two-week round

    @property
    def status_counts(self) -> dict[str, int]:
        return {s: int((self.areas["status"] == s).sum()) for s in ("röd", "gul", "grön")}

    @property
    def changed_areas(self) -> pd.DataFrame:
        """Areas whose status differs from last week's, or with a factor rising to level 2 or more."""
        return self.areas[(self.areas["status"] != self.areas["previous"]) | self.areas["rising"].map(bool)]

    def source_totals(self, source: str) -> tuple[int, float]:
        part = self.events[self.events["source"] == source]
        return int(part["week_count"].sum()), float(part["avg4"].sum())


def _t(key: str, lang: str, **kwargs: object) -> str:
    return i18n.t(key, lang, **kwargs)


def level_name(level: float, lang: str = "sv") -> str:
    return _t(f"reports.level.{int(level)}", lang)


def status_name(status: str | None, lang: str = "sv") -> str:
    return display.label("status", status, lang, empty=_t("reports.no_answers", lang))


def _levels_change(con, week: IsoWeek, municipality_code: str) -> pd.DataFrame:
    """Per area and factor: this round's and the previous round's highest level, and reporters at that
    level (`week` is the round's first week)."""
    now = queries.week_levels(con, week, municipality_code)
    before = queries.week_levels(
        con, rounds.previous(con, rounds.round_of(con, week)).start, municipality_code
    )
    cols = ["area_id", "factor_code", "level", "mean_level", "answers"]
    now = now[cols] if not now.empty else pd.DataFrame(columns=cols)
    before = (
        before[["area_id", "factor_code", "level"]]
        if not before.empty
        else pd.DataFrame(columns=["area_id", "factor_code", "level"])
    )
    merged = now.merge(
        before.rename(columns={"level": "previous_level"}), on=["area_id", "factor_code"], how="left"
    )
    return merged


def event_sentences(data_: WeeklyData, lang: str = "sv", con=None) -> list[str]:
    """The week's police events and fault reports against the four weeks before; with con, a source that
    does not cover those days is not compared ("0 events against 29.8" from data not yet imported)."""
    out = []
    for source, key in (("polisen", "reports.summary.police"), ("felanmalan", "reports.summary.faults")):
        count, avg = data_.source_totals(source)
        missing = (
            round_missing(con, data_.week, data_.municipality_code, data_.round_weeks, source, lang)
            if con is not None and (count or avg)
            else None
        )
        if missing:
            name = i18n.t(f"coverage.source.{source}", lang)
            out.append(i18n.t("reports.summary.not_covered", lang, source=name, missing=missing))
        elif count or avg:
            out.append(rounds.text(key, lang, data_.round_weeks, count=count, avg=i18n.number(avg, 1, lang)))
    return out


def round_missing(
    con, week: IsoWeek, municipality_code: str, round_weeks: int, source: str, lang: str
) -> str | None:
    """ "underlag saknas för …" when the source does not cover the round and the four rounds before it
    (a round in progress, police data not yet imported), else None."""
    first = week.shift(-4 * round_weeks).monday()
    last = week.shift(round_weeks - 1).sunday()
    return coverage.missing_text(coverage.coverage(con, municipality_code).get(source), [(first, last)], lang)


def event_change(
    con,
    week: IsoWeek,
    municipality_code: str,
    round_weeks: int,
    source: str,
    count: int,
    avg: float,
    lang: str,
) -> tuple[str, str | None]:
    """The round's count of a source (WeeklyData.source_totals: count, avg) against the average of the
    four rounds before, as Möte's key figure shows it: (text, direction). direction is "up"/"down" only when the Poisson E-test finds a change
    (compstat.judge: this round against the four before, exposures 1 and 4); the text is "underlag
    saknas för …" when the source does not cover the five rounds (a round in progress, police data not
    yet imported): a round without data is not a calm round."""
    missing = round_missing(con, week, municipality_code, round_weeks, source, lang)
    if missing:
        return missing, None
    if count <= 0 and avg <= 0:
        return "–", None
    j = compstat.judge(count, 1.0, 4 * avg, 4.0)
    diff = count - avg
    sign = "+" if diff > 0 else "-" if diff < 0 else "±"  # ASCII minus: Streamlit reads the sign from it
    text = f"{sign}{i18n.number(abs(diff), 1, lang)} · {verdict_text(j.verdict, lang)}"
    direction = {compstat.RISE: "up", compstat.FALL: "down"}.get(j.verdict)
    return text, direction


def summary_sentences(con, data_: WeeklyData, lang: str = "sv") -> list[str]:
    """The automatic summary of what changed: the weekly cycle's sentences (est_data.analysis.situation),
    the meeting's decisions that differ from the computed status, and the week's events."""
    labels = data.factor_labels(con, lang)
    matrix = week_matrix(con, data_.week, data_.municipality_code)
    names = dict(zip(data_.areas["area_id"], data_.areas["area"], strict=True))
    sentences = situation_summary(
        matrix, names, labels, lang, StatusRule.from_settings(con), limit=1000, weeks=data_.round_weeks
    )
    if len(sentences) > MAX_SENTENCES:
        more = len(sentences) - MAX_SENTENCES + 1
        sentences = sentences[: MAX_SENTENCES - 1] + [_t("reports.summary.more", lang, n=more)]
    decided = data_.areas[
        data_.areas["decided"].notna() & (data_.areas["decided"] != data_.areas["computed"])
    ]
    for row in decided.itertuples():
        sentences.append(
            _t(
                "reports.summary.decided",
                lang,
                area=row.area,
                status=status_name(row.decided, lang),
                computed=status_name(row.computed, lang),
            )
        )
    return sentences + event_sentences(data_, lang, con)


def collect(
    con,
    week: IsoWeek,
    municipality_code: str | None = None,
    reporters_version: bool = False,
    lang: str = "sv",
) -> WeeklyData:
    """Everything the weekly report and the meeting screen show for one survey round (`week` is any week
    of it; with weekly rounds, the ISO week): "previous" is the previous round, events count over the
    round's days."""
    code = municipality_code or config.get_setting(con, "municipality_code")
    rnd = rounds.round_of(con, week)
    week = rnd.start
    before = rounds.previous(con, rnd).start
    name = data.municipality_title(data.municipality_name(con, code), lang)
    answered, total = queries.response_rate(con, week, code)
    areas = data.area_statuses(con, week, code)
    previous = data.area_statuses(con, before, code)[["area_id", "status"]].rename(
        columns={"status": "previous"}
    )
    areas = areas.merge(previous, on="area_id", how="left")
    areas["previous"] = areas["previous"].astype(object).where(areas["previous"].notna(), None)
    labels = data.factor_labels(con, lang)
    levels = _levels_change(con, week, code)
    high = levels[levels["level"] >= 2].sort_values(["level", "mean_level"], ascending=False)
    factors = (
        high.groupby("area_id")["factor_code"]
        .apply(lambda codes: ", ".join(labels.get(c, c) for c in codes))
        .rename("factors")
    )
    rising = levels[(levels["level"] >= 2) & (levels["level"] > levels["previous_level"].fillna(0))]
    areas = areas.merge(factors, on="area_id", how="left")
    areas["factors"] = areas["factors"].fillna("")
    areas["rising"] = areas["area_id"].isin(rising["area_id"])
    areas = areas.sort_values(
        ["status", "area"], key=lambda s: s.map(STATUS_ORDER).fillna(3) if s.name == "status" else s
    ).reset_index(drop=True)
    observations = data.week_observations(con, week, code, include_internal=not reporters_version)
    comments = data.week_comments(con, week, code, include_internal=not reporters_version)
    if reporters_version:
        observations = observations.drop(columns=["reporter", "organisation"])
        comments = comments.drop(columns=["reporter", "organisation"])
    result = WeeklyData(
        week=week,
        municipality_code=code,
        municipality=name,
        classification=config.get_setting(con, "classification"),
        reporters_version=reporters_version,
        answered=answered,
        reporters=total,
        areas=areas,
        changes=[],
        priorities=data.priorities(con, week, code),
        followup=data.priorities(con, before, code),
        events=data.events_by_category(con, week, code),
        observations=observations,
        comments=comments,
        actions=queries.running_actions(con, rnd.sunday(), code),
        lang=lang,
        round_weeks=rnd.weeks,
    )
    changes = summary_sentences(con, result, lang)
    return WeeklyData(**{**result.__dict__, "changes": changes})


def period_text(week: IsoWeek, lang: str = "sv", weeks: int = 1) -> str:
    """'16–29 mars 2026': the days of the round that starts in `week` and is `weeks` long."""
    start, end = week.monday(), week.shift(weeks - 1).sunday()
    if lang == "en":
        return f"{start.day} {i18n.month_name(start.month, 'en')} – {end.day} {i18n.month_name(end.month, 'en')} {end.year}"
    first = f"{start.day}" if start.month == end.month else f"{start.day} {i18n.month_name(start.month)}"
    if start.year != end.year:
        first += f" {start.year}"
    return f"{first}–{end.day} {i18n.month_name(end.month)} {end.year}"


def status_map_png(
    con, wd: WeeklyData, size: tuple[float, float] = (7.0, 5.2), font_size: float = 6.5
) -> bytes:
    gdf = areas_gdf(queries.areas(con, wd.municipality_code))
    gdf = gdf.merge(wd.areas[["area_id", "status"]], left_on="id", right_on="area_id", how="left")
    labels = {s: status_name(s, wd.lang).capitalize() for s in ("röd", "gul", "grön")}
    labels[None] = _t("reports.no_answers", wd.lang)
    return figures.status_map(gdf, "status", labels, size=size, font_size=font_size)


def events_chart_png(wd: WeeklyData, top: int = 12) -> bytes | None:
    frame = wd.events[(wd.events["week_count"] > 0) | (wd.events["avg4"] > 0)].copy()
    if frame.empty:
        return None
    frame["total"] = frame["week_count"] + frame["avg4"]
    frame = frame.sort_values("total", ascending=False).head(top)
    names = {
        "polisen": _t("reports.source.polisen", wd.lang),
        "felanmalan": _t("reports.source.felanmalan", wd.lang),
    }
    labels = [f"{row.category} ({names.get(row.source, row.source)})" for row in frame.itertuples()]
    return figures.compare_bars(
        labels,
        frame["week_count"].tolist(),
        frame["avg4"].tolist(),
        rounds.text("reports.chart.this_week", wd.lang, wd.round_weeks),
        rounds.text("reports.chart.avg4", wd.lang, wd.round_weeks),
    )


def _yes_no(value: object, lang: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return _t("reports.followup.open", lang)
    return _t("reports.yes", lang) if bool(value) else _t("reports.no", lang)


def text_of(value: object) -> str:
    return display.text(value)


def label_of(prefix: str, value: object, lang: str) -> str:
    text = text_of(value)
    key = f"{prefix}.{text}"
    return i18n.t(key, lang) if text and i18n.has(key) else text


def date_range(start: object, end: object, lang: str = "sv") -> str:
    """A priority's dates: 'lör 28/11 – sön 29/11', 'från mån 30/11' (blank without a start)."""

    def day(value: object) -> str | None:
        if (
            value is None
            or value is pd.NA
            or value is pd.NaT
            or (not isinstance(value, dt.date) and pd.isna(value))
        ):
            return None
        d = value.date() if isinstance(value, dt.datetime) else value
        names = i18n.WEEKDAYS_EN_SHORT if lang == "en" else i18n.WEEKDAYS_SV_SHORT
        return f"{names[d.weekday()]} {d.day}/{d.month}"

    first, last = day(start), day(end)
    if first is None:
        return ""
    if last is None:
        return _t("mote.date.from", lang, start=first)
    return first if first == last else f"{first} – {last}"


def priority_rows(frame: pd.DataFrame, lang: str) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in frame.itertuples():
        where = " – ".join(p for p in (text_of(row.area), text_of(row.place)) if p) or _t(
            "reports.whole_municipality", lang
        )
        when = " ".join(
            p
            for p in (
                label_of("reports.horizon", row.horizon, lang),
                date_range(getattr(row, "start_date", None), getattr(row, "end_date", None), lang),
            )
            if p
        )
        rows.append((where, label_of("reports.kind", row.kind, lang), when, text_of(row.description)))
    return tuple(rows)


def followup_rows(frame: pd.DataFrame, lang: str) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in frame.itertuples():
        where = " – ".join(p for p in (text_of(row.area), text_of(row.place)) if p) or _t(
            "reports.whole_municipality", lang
        )
        what = " – ".join(
            p for p in (label_of("reports.kind", row.kind, lang), text_of(row.description)) if p
        )
        rows.append((where, what, _yes_no(row.done, lang), text_of(row.followup_note)))
    return tuple(rows)


def observation_rows(
    wd: WeeklyData, factor_labels: dict[str, str], limit: int = MAX_OBSERVATIONS
) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in wd.observations.head(limit).itertuples():
        day = row.day.strftime("%Y-%m-%d") if hasattr(row.day, "strftime") else text_of(row.day)
        when = " ".join(p for p in (day, text_of(row.time_of_day)) if p)
        where = " – ".join(p for p in (text_of(row.area), text_of(row.place)) if p)
        values = [
            when,
            where,
            factor_labels.get(row.factor_code, text_of(row.factor_code)),
            text_of(row.description),
        ]
        if not wd.reporters_version:
            values.append(" – ".join(p for p in (text_of(row.reporter), text_of(row.organisation)) if p))
        rows.append(tuple(values))
    return tuple(rows)


def build(
    con,
    week: IsoWeek,
    municipality_code: str | None = None,
    reporters_version: bool = False,
    lang: str = "sv",
) -> Report:
    """The weekly report for one ISO week as a document (render it with est_data.report.render)."""
    wd = collect(con, week, municipality_code, reporters_version, lang)
    return build_from(con, wd)


def build_from(con, wd: WeeklyData) -> Report:
    lang = wd.lang
    week = wd.week
    rnd = rounds.Round(week, wd.round_weeks)

    def say(key: str, lang: str, **kwargs: object) -> str:  # a round's wording when rounds are two weeks
        return rounds.text(key, lang, wd.round_weeks, **kwargs)

    labels = data.factor_labels(con, lang)
    title = say("reports.weekly.title", lang, week=rnd.weeks_text(), year=week.year)
    subtitle = say("reports.weekly.subtitle", lang, period=period_text(week, lang, wd.round_weeks))
    if wd.reporters_version:
        subtitle += " · " + say("reports.weekly.reporters_version", lang)
    report = Report("weekly", title, subtitle, wd.municipality, wd.classification, lang)

    rate = f"{100 * wd.answered / wd.reporters:.0f} %" if wd.reporters else "–"
    counts = wd.status_counts
    police, police_avg = wd.source_totals("polisen")
    faults, faults_avg = wd.source_totals("felanmalan")
    report.add(
        KeyFigures(
            (
                (
                    say("reports.kf.response_rate", lang),
                    rate,
                    say("reports.kf.answered", lang, n=wd.answered, of=wd.reporters),
                ),
                (
                    say("reports.kf.status", lang),
                    f"{counts['röd']} / {counts['gul']} / {counts['grön']}",
                    say("reports.kf.status_note", lang),
                ),
                (
                    say("reports.kf.police", lang),
                    str(police),
                    say("reports.kf.avg4", lang, avg=i18n.number(police_avg, 1, lang)),
                ),
                (
                    say("reports.kf.faults", lang),
                    str(faults),
                    say("reports.kf.avg4", lang, avg=i18n.number(faults_avg, 1, lang)),
                ),
            )
        )
    )

    fresh = coverage.freshness_text(coverage.coverage(con, wd.municipality_code), lang)
    if fresh:  # issue 14: how far each source reaches, so a quiet week is not read as a calm one
        report.add(Paragraph(say("coverage.freshness", lang, sources=fresh), "muted"))
    report.add(Heading(say("reports.weekly.summary", lang)), Bullets(tuple(wd.changes)))

    report.add(
        Heading(say("reports.weekly.situation", lang)),
        Paragraph(say("reports.weekly.situation_intro", lang), "muted"),
        Figure(
            status_map_png(con, wd),
            say("reports.weekly.map_caption", lang, week=rnd.weeks_text()),
            0.9,
            alt=say("reports.weekly.map_alt", lang),
        ),
    )
    rows, row_status = [], []
    for row in wd.areas.itertuples():
        basis = (
            say("reports.basis.decided", lang)
            if row.decided
            else (say("reports.basis.computed", lang) if row.computed else "")
        )
        rows.append((row.area, status_name(row.status, lang), basis, row.factors, text_of(row.note)))
        row_status.append(row.status)
    report.add(
        Table(
            (
                say("col.area", lang),
                say("col.status", lang),
                say("reports.col.basis", lang),
                say("reports.col.factors", lang),
                say("reports.col.note", lang),
            ),
            tuple(rows),
            col_widths=(22, 11, 16, 33, 25),
            status_col=1,
            row_status=tuple(row_status),
        )
    )

    report.add(
        Heading(say("reports.weekly.priorities", lang)),
        Table(
            (
                say("reports.col.where", lang),
                say("reports.col.kind", lang),
                say("reports.col.when", lang),
                say("reports.col.description", lang),
            ),
            priority_rows(wd.priorities, lang),
            col_widths=(25, 18, 15, 42),
            empty_text=say("reports.weekly.no_priorities", lang),
        ),
    )
    report.add(
        Heading(say("reports.weekly.followup", lang)),
        Table(
            (
                say("reports.col.where", lang),
                say("reports.col.priority", lang),
                say("reports.col.done", lang),
                say("reports.col.comment", lang),
            ),
            followup_rows(wd.followup, lang),
            col_widths=(22, 38, 12, 28),
            empty_text=say("reports.weekly.no_followup", lang),
        ),
    )

    report.add(
        Heading(say("reports.weekly.events", lang)),
        Paragraph(
            say(
                "reports.weekly.events_intro",
                lang,
                police=police,
                police_avg=i18n.number(police_avg, 1, lang),
                faults=faults,
                faults_avg=i18n.number(faults_avg, 1, lang),
            ),
            "normal",
        ),
    )
    chart = events_chart_png(wd)
    if chart:
        report.add(Figure(chart, say("reports.weekly.events_caption", lang), 0.9))
    cost = float(wd.events.loc[wd.events["source"] == "felanmalan", "week_cost"].sum())
    if cost:
        report.add(
            Paragraph(say("reports.weekly.fault_cost", lang, cost=i18n.number(cost, 0, lang)), "normal")
        )

    obs_cols = [
        say("reports.col.when", lang),
        say("reports.col.where", lang),
        say("reports.col.factor", lang),
        say("reports.col.description", lang),
    ]
    widths = [16, 22, 18, 44]
    if not wd.reporters_version:
        obs_cols.append(say("reports.col.reporter", lang))
        widths = [14, 19, 15, 34, 18]
    report.add(
        Heading(say("reports.weekly.observations", lang)),
        Paragraph(
            say(
                "reports.weekly.observations_intro",
                lang,
                n=len(wd.observations),
                shown=min(len(wd.observations), MAX_OBSERVATIONS),
            ),
            "muted",
        ),
        Table(
            tuple(obs_cols),
            observation_rows(wd, labels),
            col_widths=tuple(widths),
            empty_text=say("reports.weekly.no_observations", lang),
        ),
    )
    comment_rows = []
    for row in wd.comments.head(MAX_COMMENTS).itertuples():
        values = [row.area, text_of(row.comment)]
        if not wd.reporters_version:
            values.append(" – ".join(p for p in (text_of(row.reporter), text_of(row.organisation)) if p))
        comment_rows.append(tuple(values))
    comment_cols = [say("col.area", lang), say("reports.col.comment", lang)]
    if not wd.reporters_version:
        comment_cols.append(say("reports.col.reporter", lang))
    report.add(
        Heading(say("reports.weekly.comments", lang)),
        Table(
            tuple(comment_cols),
            tuple(comment_rows),
            col_widths=(20, 80) if wd.reporters_version else (18, 56, 26),
            empty_text=say("reports.weekly.no_comments", lang),
        ),
    )

    action_rows = tuple(
        (text_of(r.title), text_of(r.kind), text_of(r.area), text_of(r.start_date)[:10])
        for r in wd.actions.itertuples()
    )
    report.add(
        Heading(say("reports.weekly.actions", lang)),
        Table(
            (say("col.title", lang), say("col.kind", lang), say("col.area", lang), say("col.start", lang)),
            action_rows,
            col_widths=(45, 18, 22, 15),
            empty_text=say("reports.weekly.no_actions", lang),
        ),
    )
    rule = StatusRule.from_settings(con)  # the rule as set under Administration, not the default
    report.footer_note = say(
        "reports.weekly.footer",
        lang,
        red=rule.red_any_level,
        count=rule.red_count_level2,
        yellow=rule.yellow_any_level,
    )
    return report


def default_week(con, municipality_code: str | None = None, today: dt.date | None = None) -> IsoWeek:
    """The week a report is about by default: the current one if it has answers, else the latest."""
    code = municipality_code or config.get_setting(con, "municipality_code")
    return queries.reference_week(con, code, today)[0]
