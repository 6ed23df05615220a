"""Survey rounds: the period one survey answer covers, one or two ISO weeks (issue 18 item 1).

Sydöstra Skåne collects every other week, most municipalities every week. The length is a schedule,
`survey_round_schedule`: "from week W on, a round is N weeks", so changing it from a given week on
never rewrites the rounds before it. Without a row every round is one week, which is what the app did
before rounds existed, so existing databases keep their meaning.

A round is identified by its first ISO week: a round's answers, personal links, assessments, priorities
and meeting note are stored under that week (the existing `iso_year`/`iso_week` columns), so a weekly
round is exactly the old week. Two-week rounds are counted from the schedule row's week: from 2026-W10
on, the rounds are W10–W11, W12–W13, ...; a round never runs into the next schedule row (a change from
W13 on makes W12 a one-week round).

Comparisons ("förra omgången", the average of the last four rounds) step through rounds with
`previous` and `recent`, never with `IsoWeek.shift(-1)`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from est_data import audit, db, i18n
from est_data.model import IsoWeek, UserError

__all__ = [
    "Round",
    "following",
    "length_at",
    "longest",
    "previous",
    "recent",
    "round_in_schedule",
    "round_of",
    "rounds_between",
    "schedule",
    "set_length",
    "text",
]

_WEEKS = (1, 2)


@dataclass(frozen=True)
class Round:
    start: IsoWeek
    weeks: int = 1

    @property
    def end(self) -> IsoWeek:
        return self.start.shift(self.weeks - 1)

    def monday(self) -> dt.date:
        return self.start.monday()

    def sunday(self) -> dt.date:
        return self.end.sunday()

    def contains(self, day_or_week: dt.date | IsoWeek) -> bool:
        day = day_or_week.monday() if isinstance(day_or_week, IsoWeek) else day_or_week
        return self.monday() <= day <= self.sunday()

    def week_list(self) -> list[IsoWeek]:
        return [self.start.shift(i) for i in range(self.weeks)]

    def label(self, lang: str = "sv", with_year: bool = False) -> str:
        """'vecka 47' or 'vecka 47–48' ('week 47–48'); with_year adds the year(s)."""
        if self.weeks == 1:
            text = i18n.t("rounds.label.one", lang, week=self.start.week)
            return f"{text} {self.start.year}" if with_year else text
        if self.start.year != self.end.year:
            return i18n.t(
                "rounds.label.two_years",
                lang,
                first=self.start.week,
                first_year=self.start.year,
                last=self.end.week,
                last_year=self.end.year,
            )
        text = i18n.t("rounds.label.two", lang, first=self.start.week, last=self.end.week)
        return f"{text} {self.start.year}" if with_year else text

    def weeks_text(self) -> str:
        """The week number(s) for texts that already say 'vecka {week}': '47' or '47–48'."""
        return str(self.start.week) if self.weeks == 1 else f"{self.start.week}–{self.end.week}"

    def week_keys(self) -> list[int]:
        """The round's weeks as sortable keys (2026-W47 -> 202647), as SQL compares stored weeks."""
        return [w.year * 100 + w.week for w in self.week_list()]

    def option(self, lang: str = "sv") -> str:
        """For pickers: 'vecka 12–13 2026 (16/03–29/03)'."""
        dates = f"{self.monday().strftime('%d/%m')}–{self.sunday().strftime('%d/%m')}"
        return f"{self.label(lang, with_year=True)} ({dates})"

    def __str__(self) -> str:
        """The round's key for the CLI and file names: its first week ('2026-W47')."""
        return str(self.start)


def schedule(con) -> list[tuple[IsoWeek, int]]:
    """The schedule rows, oldest first: (from week, weeks per round)."""
    rows = con.execute(
        "select from_year, from_week, weeks from survey_round_schedule order by from_year, from_week"
    ).fetchall()
    return [(IsoWeek(int(y), int(w)), int(n)) for y, w, n in rows]


def _weeks_between(first: IsoWeek, second: IsoWeek) -> int:
    return (second.monday() - first.monday()).days // 7


def _round_in(rows: list[tuple[IsoWeek, int]], week: IsoWeek) -> Round:
    """The round holding week under the schedule rows (oldest first)."""
    governing: tuple[IsoWeek, int] | None = None
    next_from: IsoWeek | None = None
    for start, weeks in rows:
        if start.monday() <= week.monday():
            governing = (start, weeks)
        else:
            next_from = start
            break
    if governing is None or governing[1] == 1:
        return Round(week, 1)
    anchor, length = governing
    offset = _weeks_between(anchor, week) // length * length
    first = anchor.shift(offset)
    weeks = length
    if next_from is not None:
        weeks = min(weeks, _weeks_between(first, next_from))
    return Round(first, weeks)


def round_in_schedule(rows: list[tuple[IsoWeek, int]], week: IsoWeek) -> Round:
    """The round holding week under schedule rows read once (`schedule(con)`), for loops over many
    weeks (an import of survey answers) that should not ask the database each time."""
    return _round_in(rows, week)


def round_of(con, day_or_week: dt.date | IsoWeek) -> Round:
    """The round a day or a week belongs to."""
    week = day_or_week if isinstance(day_or_week, IsoWeek) else IsoWeek.of(day_or_week)
    return _round_in(schedule(con), week)


def length_at(con, week: IsoWeek) -> int:
    """The scheduled round length (1 or 2) in force in week."""
    length = 1
    for start, weeks in schedule(con):
        if start.monday() <= week.monday():
            length = weeks
    return length


def previous(con, rnd: Round, n: int = 1) -> Round:
    """The round n rounds before rnd."""
    rows = schedule(con)
    for _ in range(n):
        rnd = _round_in(rows, rnd.start.shift(-1))
    return rnd


def following(con, rnd: Round) -> Round:
    """The round after rnd."""
    return _round_in(schedule(con), rnd.end.shift(1))


def recent(con, rnd: Round, n: int) -> list[Round]:
    """The n rounds before rnd (not rnd itself), oldest first: "the last four rounds"."""
    rows = schedule(con)
    out: list[Round] = []
    for _ in range(n):
        rnd = _round_in(rows, rnd.start.shift(-1))
        out.append(rnd)
    return out[::-1]


def rounds_between(con, first: dt.date | IsoWeek, last: dt.date | IsoWeek) -> list[Round]:
    """Every round that overlaps first..last (days or weeks), oldest first."""
    rows = schedule(con)
    first_week = first if isinstance(first, IsoWeek) else IsoWeek.of(first)
    last_week = last if isinstance(last, IsoWeek) else IsoWeek.of(last)
    out: list[Round] = []
    rnd = _round_in(rows, first_week)
    while rnd.start.monday() <= last_week.monday():
        out.append(rnd)
        rnd = _round_in(rows, rnd.end.shift(1))
    return out


def longest(con, first: dt.date | IsoWeek, last: dt.date | IsoWeek) -> int:
    """The longest round overlapping first..last: 2 when a period's survey counts are counts of two-week
    rounds (the quarterly and annual reports then say "omgångar" instead of "veckor")."""
    return max((r.weeks for r in rounds_between(con, first, last)), default=1)


def set_length(con, weeks: int, from_week: IsoWeek, by: str | None) -> None:
    """From from_week on, rounds are `weeks` long. Refused when answers exist from that week on: the
    rounds they were given for would change meaning (history is never rewritten)."""
    if weeks not in _WEEKS:
        raise UserError("rounds.error.weeks")
    row = con.execute(
        "select iso_year, iso_week from survey_response"
        " where iso_year * 100 + iso_week >= ? order by iso_year desc, iso_week desc limit 1",
        [from_week.year * 100 + from_week.week],
    ).fetchone()
    if row is not None:
        raise UserError(
            "rounds.error.history", week=str(from_week), latest=str(IsoWeek(int(row[0]), int(row[1])))
        )
    with db.transaction(con) as tx:
        before = tx.execute(
            "select weeks from survey_round_schedule where from_year = ? and from_week = ?",
            [from_week.year, from_week.week],
        ).fetchone()
        tx.execute(
            "insert or replace into survey_round_schedule (from_year, from_week, weeks, set_at, set_by)"
            " values (?, ?, ?, ?, ?)",
            [from_week.year, from_week.week, weeks, dt.datetime.now(), by],
        )
        audit.record(
            tx,
            by,
            "update" if before else "insert",
            "survey_round_schedule",
            str(from_week),
            before={"weeks": int(before[0])} if before else None,
            after={"weeks": weeks},
        )


def text(key: str, lang: str = "sv", weeks: int = 1, /, **kwargs: object) -> str:
    """The text for key, said of a round: with two-week rounds the variant `rounds.v.<key>` when the
    catalogue has one ("förra omgången" for "förra veckan"), else key itself. Weekly rounds keep the
    week's own wording, so the weekly sample reads as before. The parameters are positional-only: texts
    have a {weeks} or {week} of their own."""
    if weeks > 1 and i18n.has(f"rounds.v.{key}"):
        return i18n.t(f"rounds.v.{key}", lang, **kwargs)
    return i18n.t(key, lang, **kwargs)
