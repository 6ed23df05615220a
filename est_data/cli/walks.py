"""`python -m est_data walks list | due | report WALK_ID --out FILE.pdf`: safety walks from the command
line (a list, the follow-ups overdue or due soon, and the residents' report)."""

from __future__ import annotations

import datetime as dt

from est_data import config, display, i18n, walks
from est_data.cli.common import CliError


def _code(con, args) -> str:
    return args.kommun or config.get_setting(con, "municipality_code")


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(f"ogiltigt datum {text!r} (ÅÅÅÅ-MM-DD) / invalid date {text!r} (YYYY-MM-DD)") from None


def cmd_list(con, args) -> int:
    frame = walks.list_walks(con, _code(con, args))
    if frame.empty:
        print(i18n.t("walks.cli.none", args.lang))
        return 0
    for r in frame.itertuples():
        area = display.text(r.area, i18n.t("walks.report.route_only", args.lang))
        status = i18n.t(f"walks.status.{r.status}", args.lang)
        print(
            f"{r.id}\t{display.text(r.walk_date)}\t{area}\t{status}\t"
            f"{i18n.t('walks.col.findings', args.lang).lower()} {r.findings}\t"
            f"{i18n.t('walks.col.actions', args.lang).lower()} {r.actions}"
        )
    return 0


def cmd_due(con, args) -> int:
    """Follow-ups overdue or due soon; exit code 0 (also when there are some: a list, not a check)."""
    frame = walks.followup_list(con, _code(con, args), _date(args.today))
    frame = frame[frame["state"].isin(("försenad", "förfaller"))]
    if frame.empty:
        print(i18n.t("walks.cli.no_due", args.lang))
        return 0
    for r in frame.itertuples():
        what = display.text(r.place_text, display.text(r.description))
        print(
            f"{r.id}\t{i18n.t('walks.state.' + r.state, args.lang)}\t{display.text(r.due)}\t"
            f"{display.text(r.area)}\t{i18n.t('walks.category.' + r.category, args.lang)}\t{what}\t"
            f"{display.text(r.proposed_measure)}"
        )
    return 0


def cmd_report(con, args) -> int:
    from est_data.report import render
    from est_data.report import walks as walks_report

    if walks.get_walk(con, args.walk_id) is None:
        raise CliError(
            f"{i18n.t('walks.error.not_found', 'sv', id=args.walk_id)} / "
            f"{i18n.t('walks.error.not_found', 'en', id=args.walk_id)}"
        )
    if render.format_of(args.out) is None:
        raise CliError("--out ska sluta på .pdf eller .html / --out must end in .pdf or .html")
    size = render.write(walks_report.residents_report(con, args.walk_id, args.lang), args.out)
    print(f"{args.out} ({size} byte)")
    return 0


def add_commands(subparsers) -> None:
    walk = subparsers.add_parser(
        "walks", help="trygghetsvandringar: lista, uppföljningar, rapport till boende"
    )
    sub = walk.add_subparsers(dest="walks_command", required=True, metavar="COMMAND")
    p = sub.add_parser("list", help="lista vandringarna")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("due", help="fynd vars uppföljning är försenad eller förfaller inom 30 dagar")
    p.add_argument("--today", metavar="ÅÅÅÅ-MM-DD", help="räkna som om det vore detta datum")
    p.set_defaults(func=cmd_due)
    p = sub.add_parser("report", help="vandringens rapport till de boende (utan personuppgifter)")
    p.add_argument("walk_id", type=int, metavar="WALK_ID")
    p.add_argument("--out", required=True, help="FIL.pdf eller FIL.html")
    p.set_defaults(func=cmd_report)
    for parser in sub.choices.values():
        parser.add_argument("--kommun", help="kommunkod (standard: inställningen municipality_code)")
        parser.add_argument("--lang", choices=list(i18n.LANGUAGES), default="sv")
