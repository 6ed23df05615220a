"""The weekly situation picture: area status from survey levels.

The status rule (DESIGN / issue: the weekly cycle), configurable in settings:
red if any factor reaches `status_red_any_level` (3) or at least `status_red_count_level2` (3)
factors are at level 2 or more; yellow if any factor reaches `status_yellow_any_level` (2);
otherwise green. It is applied to each factor's level for the week (by default the highest level
any reporter gave for that area and factor).

`week_matrix` gives the area × factor levels of a week with the change against last week and
against the previous 4-week average; `area_statuses` the computed status per area this week and
last; `summary_sentences` the short automatic text of what changed (Swedish by default).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from est_data import config, display, i18n, rounds
from est_data.model import IsoWeek


@dataclass(frozen=True)
class StatusRule:
    red_any_level: int = 3
    red_count_level2: int = 3
    yellow_any_level: int = 2

    @classmethod
    def from_settings(cls, con=None) -> StatusRule:
        def value(name: str) -> int:
            return int(config.get_setting(con, name) if con is not None else config.get(name))

        return cls(
            value("status_red_any_level"), value("status_red_count_level2"), value("status_yellow_any_level")
        )

    def status(self, levels: Iterable[float]) -> str:
        values = [v for v in levels if v is not None and not pd.isna(v)]
        if any(v >= self.red_any_level for v in values):
            return "röd"
        if sum(1 for v in values if v >= 2) >= self.red_count_level2:
            return "röd"
        if any(v >= self.yellow_any_level for v in values):
            return "gul"
        return "grön"


def statuses(levels: pd.DataFrame, rule: StatusRule | None = None) -> pd.DataFrame:
    """Status per area from a long frame with columns area_id, factor_code, level."""
    rule = rule or StatusRule()
    if levels.empty:
        return pd.DataFrame(columns=["area_id", "status"])
    out = (
        levels.groupby("area_id")["level"]
        .apply(lambda s: rule.status(s.tolist()))
        .rename("status")
        .reset_index()
    )
    return out


# ------------------------------------------------------------------------------------------ the weekly matrix

MATRIX_COLUMNS = [
    "area_id",
    "factor_code",
    "max_level",
    "mean_level",
    "answers",
    "n0",
    "n1",
    "n2",
    "n3",
    "prev_max",
    "prev_mean",
    "avg4_max",
    "avg4_mean",
    "weeks4",
]


def week_key(week: IsoWeek) -> int:
    """A week as one sortable integer (2026-W47 -> 202647), as the SQL below compares weeks."""
    return week.year * 100 + week.week


def week_matrix(
    con, week: IsoWeek, municipality_code: str | None = None, area_ids: tuple[int, ...] = ()
) -> pd.DataFrame:
    """Area × factor levels for a week, in long form, with last week and the previous 4-week average.

    One row per area and active factor that has answers in `week`:
    max_level / mean_level (the highest and the mean level across the reporters who answered),
    answers (reporters who rated it), n0..n3 (how many gave each level), prev_max / prev_mean (the same
    for the week before; missing if nobody answered then), avg4_max / avg4_mean (the average of the
    weekly max / mean over the four weeks before `week`, over the weeks that had answers; weeks4 says
    how many did), and the changes change_max, change_mean, change4_max, change4_mean.
    """
    # A round's answers are stored under its first week: "last week" is the previous round and the
    # 4-week average the last four rounds (est_data.rounds), the same weeks as before with weekly rounds.
    rnd = rounds.round_of(con, week)
    keys = [week_key(r.start) for r in [rnd, *reversed(rounds.recent(con, rnd, 4))]]
    area_list = list(area_ids) or None
    frame = con.execute(
        """
        with ratings as (
            select r.iso_year * 100 + r.iso_week as week_key, r.area_id, s.factor_code, s.level
            from survey_response r
            join survey_rating s on s.response_id = r.id
            join area a on a.id = r.area_id
            join factor f on f.code = s.factor_code and f.active
            where list_contains(?, r.iso_year * 100 + r.iso_week)
              and (? is null or a.municipality_code = ?)
              and (? is null or list_contains(?, r.area_id))
        ),
        per_week as (
            select week_key, area_id, factor_code,
                   max(level) as max_level,
                   avg(level) as mean_level,
                   count(*) as answers,
                   count(*) filter (where level = 0) as n0,
                   count(*) filter (where level = 1) as n1,
                   count(*) filter (where level = 2) as n2,
                   count(*) filter (where level = 3) as n3
            from ratings
            group by week_key, area_id, factor_code
        ),
        this_week as (
            select * from per_week where week_key = ?
        ),
        last_week as (
            select area_id, factor_code, max_level as prev_max, mean_level as prev_mean
            from per_week
            where week_key = ?
        ),
        earlier as (
            select area_id, factor_code,
                   avg(max_level) as avg4_max,
                   avg(mean_level) as avg4_mean,
                   count(*) as weeks4
            from per_week
            where week_key <> ?
            group by area_id, factor_code
        ),
        final as (
            select t.area_id, t.factor_code, t.max_level, t.mean_level, t.answers, t.n0, t.n1, t.n2, t.n3,
                   l.prev_max, l.prev_mean, e.avg4_max, e.avg4_mean, coalesce(e.weeks4, 0) as weeks4
            from this_week t
            left join last_week l on l.area_id = t.area_id and l.factor_code = t.factor_code
            left join earlier e on e.area_id = t.area_id and e.factor_code = t.factor_code
        )
        select * from final order by area_id, factor_code
        """,
        [keys, municipality_code, municipality_code, area_list, area_list, keys[0], keys[1], keys[0]],
    ).df()
    frame = frame[MATRIX_COLUMNS].copy()
    for col in ("max_level", "answers", "n0", "n1", "n2", "n3", "weeks4"):
        frame[col] = frame[col].astype("int64")
    for col in ("mean_level", "prev_max", "prev_mean", "avg4_max", "avg4_mean"):
        frame[col] = frame[col].astype("float64")
    frame["change_max"] = frame["max_level"] - frame["prev_max"]
    frame["change_mean"] = frame["mean_level"] - frame["prev_mean"]
    frame["change4_max"] = frame["max_level"] - frame["avg4_max"]
    frame["change4_mean"] = frame["mean_level"] - frame["avg4_mean"]
    return frame


def area_statuses(matrix: pd.DataFrame, rule: StatusRule | None = None) -> pd.DataFrame:
    """Computed status per area this week and last week (by the rule, on the weekly max levels).

    Columns: area_id, status, prev_status (None when the area had no answers last week),
    top_factor and top_level (the factor with the highest level, ties by the higher mean).
    """
    rule = rule or StatusRule()
    if matrix.empty:
        return pd.DataFrame(columns=["area_id", "status", "prev_status", "top_factor", "top_level"])
    now = statuses(
        matrix[["area_id", "factor_code", "max_level"]].rename(columns={"max_level": "level"}), rule
    )
    prev_levels = matrix[matrix["prev_max"].notna()][["area_id", "factor_code", "prev_max"]]
    prev = statuses(prev_levels.rename(columns={"prev_max": "level"}), rule).rename(
        columns={"status": "prev_status"}
    )
    top = (
        matrix.sort_values(["area_id", "max_level", "mean_level"], ascending=[True, False, False])
        .drop_duplicates("area_id")[["area_id", "factor_code", "max_level"]]
        .rename(columns={"factor_code": "top_factor", "max_level": "top_level"})
    )
    out = now.merge(prev, on="area_id", how="left").merge(top, on="area_id", how="left")
    out["prev_status"] = out["prev_status"].astype(object).where(out["prev_status"].notna(), None)
    return out.reset_index(drop=True)


# ------------------------------------------------------------------------------------------ the summary text


def _level_name(level: float, lang: str) -> str:
    return i18n.t(f"weekly.level.{int(round(level))}", lang)


def _reporters_phrase(count: int, total: int, lang: str) -> str:
    if total == 1:
        return i18n.t("weekly.summary.only_reporter", lang)
    return i18n.t("weekly.summary.n_of_total", lang, n=count, total=total)


def summary_sentences(
    matrix: pd.DataFrame,
    area_names: dict[int, str],
    factor_labels: dict[str, str],
    lang: str = "sv",
    rule: StatusRule | None = None,
    limit: int = 8,
    weeks: int = 1,
) -> list[str]:
    """What changed this week, in short sentences (Swedish by default), most important first.

    - areas whose computed status changed ("Status för Centrum: röd (förra veckan gul).");
    - factors whose highest level rose to 2 (påtagligt) or more ("Skadegörelse ökade i Centrum:
      påtagligt enligt 4 av 5 rapportörer, förra veckan enstaka."), worst first;
    - factors at 2 or more that stayed as last week but lie a full level above the previous
      4-week average;
    - factors that fell from 2 or more ("Klotter minskade i Västervång: ...").
    At most `limit` sentences about factors; a closing sentence says how many more there were.
    With two-week rounds (weeks=2) the comparisons say "förra omgången" (est_data.rounds.text).
    """
    rule = rule or StatusRule()

    def say(key: str, lang: str, **kwargs: object) -> str:
        return rounds.text(key, lang, weeks, **kwargs)

    if matrix.empty:
        return [say("weekly.summary.no_answers", lang)]
    sentences: list[str] = []
    order = {"röd": 0, "gul": 1, "grön": 2}
    status = area_statuses(matrix, rule)
    changed = status[
        status["prev_status"].notna() & status["status"].notna() & (status["status"] != status["prev_status"])
    ]
    changed = changed.assign(_o=changed["status"].map(order)).sort_values(["_o", "area_id"])
    for row in changed.itertuples():
        sentences.append(
            say(
                "weekly.summary.status_changed",
                lang,
                area=area_names.get(row.area_id, row.area_id),
                status=display.label("status", row.status, lang, empty="–"),
                prev=display.label("status", row.prev_status, lang, empty="–"),
            )
        )

    def describe(row, key: str) -> str:
        level = int(row.max_level)
        count = int(getattr(row, f"n{level}"))
        text = say(
            key,
            lang,
            factor=factor_labels.get(row.factor_code, row.factor_code),
            area=area_names.get(row.area_id, row.area_id),
            level=_level_name(level, lang),
            reporters=_reporters_phrase(count, int(row.answers), lang),
            avg=i18n.number(row.avg4_max, 1, lang) if not pd.isna(row.avg4_max) else "",
        )
        if key in ("weekly.summary.above_avg", "weekly.summary.high_no_previous"):
            return text
        if pd.isna(row.prev_max):
            return text + " " + say("weekly.summary.no_answers_last_week", lang)
        return text + say("weekly.summary.last_week", lang, prev=_level_name(row.prev_max, lang))

    high = 2
    levels = matrix["max_level"].clip(0, 3).astype(int)
    at_top = pd.Series([matrix[f"n{lv}"].iloc[i] for i, lv in enumerate(levels)], index=matrix.index)
    matrix = matrix.assign(_share=at_top / matrix["answers"].where(matrix["answers"] > 0))
    # A level with no answers the week before to compare with is reported as a level, never as "ökade".
    rose = matrix[(matrix["max_level"] >= high) & matrix["prev_max"].notna() & (matrix["change_max"] > 0)]
    rose = rose.sort_values(["max_level", "_share", "change_max"], ascending=[False, False, False])
    high_new = matrix[(matrix["max_level"] >= high) & matrix["prev_max"].isna()]
    high_new = high_new.sort_values(["max_level", "_share"], ascending=[False, False])
    steady_high = matrix[
        (matrix["max_level"] >= high) & (matrix["change_max"] == 0) & (matrix["change4_max"] >= 1)
    ].sort_values(["max_level", "change4_max"], ascending=[False, False])
    fell = matrix[(matrix["prev_max"] >= high) & (matrix["change_max"] < 0)]
    fell = fell.sort_values(["change_max", "prev_max"], ascending=[True, False])
    factor_sentences = (
        [describe(r, "weekly.summary.rose") for r in rose.itertuples()]
        + [describe(r, "weekly.summary.high_no_previous") for r in high_new.itertuples()]
        + [describe(r, "weekly.summary.above_avg") for r in steady_high.itertuples()]
        + [describe(r, "weekly.summary.fell") for r in fell.itertuples()]
    )
    sentences.extend(factor_sentences[:limit])
    if len(factor_sentences) > limit:
        sentences.append(say("weekly.summary.more", lang, n=len(factor_sentences) - limit))
    if not sentences:
        sentences.append(say("weekly.summary.no_change", lang))
    return sentences


# ------------------------------------------------------------------------------------------ comments and events


def week_notes(
    con,
    week: IsoWeek,
    municipality_code: str | None = None,
    area_ids: tuple[int, ...] = (),
    personal: bool = False,
) -> pd.DataFrame:
    """The week's comments (survey_response.comment) and event reports (observation), newest first.

    Columns: kind ('kommentar' | 'händelse'), sent_at (when it was sent), occurred (date of the event),
    time_of_day, area_id, area, factor_code, place, text, reporter, organisation, internal.
    Free text and who reported are personal data: with personal=False comments are left out and
    event reports keep only what, where and when (text, reporter and organisation are empty).
    Events belong to the week they happened in, so a round's notes hold the events of all its weeks.
    """
    area_list = list(area_ids) or None
    keys = rounds.round_of(con, week).week_keys()
    frame = con.execute(
        """
        with comments as (
            select 'kommentar' as kind, r.submitted_at as sent_at, cast(null as date) as occurred,
                   cast(null as varchar) as time_of_day, r.area_id, cast(null as varchar) as factor_code,
                   cast(null as varchar) as place, r.comment as text, r.reporter_id, r.comment_internal as internal
            from survey_response r
            where r.iso_year = ? and r.iso_week = ?
              and r.comment is not null and r.comment <> ''
              and ?
        ),
        events as (
            select 'händelse' as kind, o.reported_at as sent_at, o.occurred_date as occurred, o.time_of_day,
                   o.area_id, o.factor_code, coalesce(p.name, o.address) as place, o.description as text,
                   o.reporter_id, o.internal
            from observation o
            left join place p on p.id = o.place_id
            where list_contains(?, o.iso_year * 100 + o.iso_week)
        ),
        notes as (
            select * from comments
            union all
            select * from events
        ),
        final as (
            select n.kind, n.sent_at, n.occurred, n.time_of_day, n.area_id, a.name as area, n.factor_code, n.place,
                   n.text, rp.name as reporter, rp.organisation, n.internal
            from notes n
            left join area a on a.id = n.area_id
            left join reporter rp on rp.id = n.reporter_id
            where (? is null or a.municipality_code = ?)
              and (? is null or list_contains(?, n.area_id))
        )
        select * from final order by sent_at desc, kind
        """,
        [
            week.year,
            week.week,
            personal,
            keys,
            municipality_code,
            municipality_code,
            area_list,
            area_list,
        ],
    ).df()
    if not personal:
        for col in ("text", "reporter", "organisation"):
            frame[col] = None
    return frame


# ------------------------------------------------------------------------------------------ weeks and areas


def answer_weeks(con, municipality_code: str | None = None, limit: int = 104) -> list[IsoWeek]:
    """The rounds that have answers, as their first weeks (answers are stored there), newest first
    (at most `limit`)."""
    rows = con.execute(
        "select distinct r.iso_year, r.iso_week"
        " from survey_response r"
        " join area a on a.id = r.area_id"
        " where (? is null or a.municipality_code = ?)"
        " order by r.iso_year desc, r.iso_week desc"
        " limit ?",
        [municipality_code, municipality_code, limit],
    ).fetchall()
    return [IsoWeek(int(y), int(w)) for y, w in rows]


def area_overview(
    con, week: IsoWeek, municipality_code: str | None = None, area_ids: tuple[int, ...] = ()
) -> pd.DataFrame:
    """One row per active area (in the filter): area_id, area, reporters (who answered for it), status
    (computed by the rule), prev_status, top_factor, top_level, agreed_status, note (the meeting's
    decision, if any) and shown_status (agreed if decided, else computed)."""
    matrix = week_matrix(con, week, municipality_code, area_ids)
    status = area_statuses(matrix, StatusRule.from_settings(con))
    area_list = list(area_ids) or None
    areas = con.execute(
        "select a.id as area_id, a.name as area"
        " from area a"
        " where a.active"
        "   and (? is null or a.municipality_code = ?)"
        "   and (? is null or list_contains(?, a.id))"
        " order by a.name",
        [municipality_code, municipality_code, area_list, area_list],
    ).df()
    reporters = con.execute(
        "select area_id, count(*) as reporters"
        " from survey_response"
        " where iso_year = ? and iso_week = ?"
        " group by area_id",
        [week.year, week.week],
    ).df()
    decided = con.execute(
        "select area_id, status as agreed_status, note"
        " from weekly_assessment"
        " where iso_year = ? and iso_week = ?",
        [week.year, week.week],
    ).df()
    out = (
        areas.merge(reporters, on="area_id", how="left")
        .merge(status, on="area_id", how="left")
        .merge(decided, on="area_id", how="left")
    )
    out["reporters"] = out["reporters"].fillna(0).astype("int64")
    for col in ("status", "prev_status", "agreed_status", "note", "top_factor"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    out["shown_status"] = [a or s for a, s in zip(out["agreed_status"], out["status"], strict=True)]
    return out
