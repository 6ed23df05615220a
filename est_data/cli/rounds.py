"""`rounds show|set`: the survey rounds' schedule, one or two weeks per round (est_data.rounds).

python -m est_data rounds show [--lang sv|en]
    the schedule (from which week on a round is how long) and the current round;
python -m est_data rounds set --weeks 2 --from 2026-W10
    from that week on a round is 2 weeks; refused (exit 2) when there are answers from that week
    on, since the rounds they were given for would change (history is never rewritten).
"""

from __future__ import annotations

import argparse
import datetime as dt

from est_data.cli.common import CliError


def _parse_week(text: str):
    from est_data import i18n
    from est_data.model import IsoWeek

    try:
        return IsoWeek.parse(text)
    except (ValueError, IndexError, TypeError):
        raise CliError(f"{i18n.t('rounds.cli.bad_week')} / {i18n.t('rounds.cli.bad_week', 'en')}") from None


def cmd_show(con, args) -> int:
    from est_data import i18n, rounds

    lang = args.lang
    rows = rounds.schedule(con)
    if not rows:
        print(i18n.t("rounds.admin.none", lang))
    for week, weeks in rows:
        print(i18n.t("rounds.cli.row", lang, week=week, weeks=i18n.t(f"rounds.admin.weeks.{weeks}", lang)))
    now = rounds.round_of(con, dt.date.today())
    print(
        i18n.t(
            "rounds.cli.current",
            lang,
            label=now.label(lang, with_year=True),
            first=now.monday().isoformat(),
            last=now.sunday().isoformat(),
        )
    )
    return 0


def cmd_set(con, args) -> int:
    from est_data import i18n, rounds
    from est_data.model import UserError

    week = _parse_week(args.from_week)
    try:
        rounds.set_length(con, args.weeks, week, by="cli")
    except UserError as err:
        raise CliError(i18n.t(err.key, **err.kwargs)) from None
    print(i18n.t("rounds.admin.saved", week=str(week), weeks=i18n.t(f"rounds.admin.weeks.{args.weeks}")))
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("rounds", help="enkätomgångar: en eller två veckor").add_subparsers(
        dest="rounds_command", required=True
    )
    p = group.add_parser("show", help="visa omgångarnas schema och den aktuella omgången")
    p.add_argument("--lang", choices=["sv", "en"], default="sv")
    p.set_defaults(func=cmd_show)
    p = group.add_parser("set", help="ändra omgångarnas längd från en vecka")
    p.add_argument("--weeks", type=int, choices=[1, 2], required=True, help="veckor per omgång")
    p.add_argument("--from", dest="from_week", required=True, help="från vecka, t.ex. 2026-W10")
    p.set_defaults(func=cmd_set)
