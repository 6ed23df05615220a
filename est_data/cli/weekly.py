"""The weekly cycle from the command line (for scheduled jobs and a quick look without the app):

    python -m est_data weekly summary [--week 2026-W47] [--lang sv|en]
        the week's answers, the status per area (agreed, else computed) and the automatic summary;
    python -m est_data weekly missing [--week 2026-W47] [--emails-only]
        the response rate and who has not answered (or only their e-mail addresses, '; '-separated,
        ready to paste into a reminder).

Without --week: the current week if it has answers, else the latest week with answers.
"""

from __future__ import annotations

from est_data import config, display, i18n, queries, rounds
from est_data.analysis import situation, survey_rounds
from est_data.model import IsoWeek


def _week(con, args, code: str) -> IsoWeek:
    from est_data.cli.common import CliError

    if args.week:
        try:  # any week of a survey round means the round (stored under its first week)
            return rounds.round_of(con, IsoWeek.parse(args.week)).start
        except (ValueError, TypeError):
            raise CliError(f"ogiltig vecka: {args.week} (skriv t.ex. 2026-W47) / invalid week") from None
    return queries.reference_week(con, code)[0]


def cmd_summary(con, args) -> int:
    code = config.get_setting(con, "municipality_code")
    week = _week(con, args, code)
    lang = args.lang
    answered, expected = queries.response_rate(con, week, code)
    print(
        f"{i18n.week_label(week.year, week.week, lang)}: "
        + i18n.t("weekly.situation.answers", lang, answered=answered, expected=expected)
    )
    overview = situation.area_overview(con, week, code)
    factors = queries.factors(con)
    labels = dict(zip(factors["code"], factors["label_en" if lang == "en" else "label_sv"], strict=True))
    for row in overview.itertuples():
        status = display.label("status", row.shown_status, lang, empty="–")
        print(f"  {row.area:<22} {status}")
    matrix = situation.week_matrix(con, week, code)
    names = dict(zip(overview["area_id"], overview["area"], strict=True))
    weeks = rounds.round_of(con, week).weeks
    for sentence in situation.summary_sentences(
        matrix, names, labels, lang, situation.StatusRule.from_settings(con), weeks=weeks
    ):
        print(f"- {sentence}")
    return 0


def cmd_missing(con, args) -> int:
    code = config.get_setting(con, "municipality_code")
    week = _week(con, args, code)
    missing = survey_rounds.missing_reporters(con, week, code)
    if args.emails_only:
        print("; ".join(e for e in missing["email"] if isinstance(e, str) and e))
        return 0
    answered, expected = queries.response_rate(con, week, code)
    print(f"{week}: {answered} av {expected} har svarat / answered")
    for row in missing.itertuples():
        print(f"  {row.name:<26} {row.email or '':<40} {row.organisation}")
    return 0


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser("weekly", help="veckans lägesbild och enkätuppföljning")
    sub = parser.add_subparsers(dest="weekly_command", required=True, metavar="COMMAND")
    p = sub.add_parser("summary", help="status per område och veckans sammanfattning")
    p.add_argument("--week", help="ISO-vecka, t.ex. 2026-W47")
    p.add_argument("--lang", choices=["sv", "en"], default="sv")
    p.set_defaults(func=cmd_summary)
    p = sub.add_parser("missing", help="vilka rapportörer som inte har svarat")
    p.add_argument("--week", help="ISO-vecka, t.ex. 2026-W47")
    p.add_argument("--emails-only", action="store_true", help="skriv bara e-postadresserna")
    p.set_defaults(func=cmd_missing)
