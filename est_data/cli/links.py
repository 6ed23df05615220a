"""`links create|revoke`: personal survey links for a week and the mail-merge file (est_data.links);
`links send|remind|due|bounce`: the links and reminders by mail (est_data.linkmail), for a cron line."""

from __future__ import annotations

import argparse

from est_data.cli.common import CliError


def cmd_links_create(con, args) -> int:
    from pathlib import Path

    from est_data import config, links
    from est_data.model import IsoWeek

    try:
        week = IsoWeek.parse(args.week)
    except (ValueError, IndexError):
        raise CliError(f"ogiltig vecka: {args.week} (skriv t.ex. 2026-W48) / invalid week") from None
    base_url = args.base_url or config.get_setting(con, "public_url")
    if not base_url:
        raise CliError(
            "ange --base-url eller inställningen public_url / give --base-url or the public_url setting"
        )
    reporter_ids = [int(x) for x in args.reporter] if args.reporter else None
    made = links.create_links(con, week, "cli", reporter_ids=reporter_ids, valid_days=args.days)
    out = Path(args.out)
    out.write_bytes(links.mail_merge_csv(made, base_url))
    print(
        f"{len(made)} länkar för vecka {made[0].week_text if made else week.week} {week.year} skrivna till {out}"
        f" (giltiga {args.days} dagar)."
    )
    return 0


def cmd_links_revoke(con, args) -> int:
    from est_data import links
    from est_data.model import IsoWeek

    try:
        week = IsoWeek.parse(args.week)
    except (ValueError, IndexError):
        raise CliError(f"ogiltig vecka: {args.week} (skriv t.ex. 2026-W48) / invalid week") from None
    n = links.revoke(con, "cli", week=week, reporter_id=args.reporter)
    print(f"{n} länkar spärrade.")
    return 0


def _round(con, text: str):
    from est_data import linkmail
    from est_data.model import IsoWeek

    try:
        week = IsoWeek.parse(text)
    except (ValueError, IndexError):
        raise CliError(f"ogiltig omgång: {text} (skriv t.ex. 2026-W47) / invalid round") from None
    rnd = linkmail.round_for(con, week)
    if rnd.start != week:
        raise CliError(
            f"{text} är vecka två i omgången {rnd.start}; ange {rnd.start} / "
            f"{text} is the second week of the round {rnd.start}; give {rnd.start}"
        )
    return rnd


def _print_plan(frame) -> None:
    from est_data import display

    for row in frame.itertuples(index=False):
        print(f"{row.name}\t{display.text(row.email, '–')}\t{row.kind}\t{row.round}\t{row.action}")
    print(f"{len(frame)} rader (torrkörning: inget skickat, inga länkar gjorda).")


def _send(con, args, kind: str) -> int:
    from est_data import linkmail
    from est_data.model import UserError
    from est_data.smtp import MailNotConfigured

    rnd = _round(con, args.round)
    if args.dry_run:
        _print_plan(linkmail.dry_run(con, rnd, kind))
        return 0
    try:
        result = linkmail.send(con, rnd, kind, "cli", trigger="cli", url=args.base_url)
    except MailNotConfigured:
        raise CliError(
            "utskick kräver inställningarna smtp_host och smtp_from (t.ex. EST_SMTP_HOST, EST_SMTP_FROM) / "
            "sending needs the settings smtp_host and smtp_from"
        ) from None
    except UserError:
        raise CliError(
            "ange --base-url eller inställningen public_url / give --base-url or the public_url setting"
        ) from None
    print(result.summary())
    for name, error in result.failures:
        print(f"  misslyckades / failed: {name}: {error}")
    return 1 if result.aborted else 0


def cmd_links_send(con, args) -> int:
    return _send(con, args, "link")


def cmd_links_remind(con, args) -> int:
    return _send(con, args, "reminder")


def cmd_links_due(con, args) -> int:
    from est_data import linkmail

    if args.dry_run:
        due = linkmail.due(con)
        for rnd, kind in due:
            _print_plan(linkmail.dry_run(con, rnd, kind))
        if not due:
            print("Inget utskick att göra nu. / Nothing due now.")
        return 0
    results = linkmail.run_due(con, trigger="cli", by="cli")
    for result in results:
        print(result.summary())
    if not results:
        print("Inget utskick att göra nu. / Nothing due now.")
    return 1 if any(r.aborted for r in results) else 0


def due_when_locked(args) -> int:
    """`links due` while the app holds the database: the app's own scheduler sends (cron may run both)."""
    print(
        "Appen har databasen öppen; dess schemaläggare skickar. / The app holds the database; its scheduler sends."
    )
    return 0


def cmd_links_bounce(con, args) -> int:
    from est_data import linkmail

    rnd = _round(con, args.round) if args.round else None
    found = linkmail.mails_to(con, args.email, rnd)
    if not found:
        raise CliError(f"inget skickat utskick till {args.email} / no sent mail to {args.email}")
    linkmail.mark_bounced(con, found[0], "cli", args.note)
    print(f"Markerat som studsat: utskick {found[0]} till {args.email}.")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("links", help="personliga enkätlänkar").add_subparsers(
        dest="links_command", required=True
    )
    p = group.add_parser("create", help="skapa länkar för en vecka och skriv en fil för massutskick")
    p.add_argument("--week", required=True, help="vecka, t.ex. 2026-W48")
    p.add_argument("--out", required=True, help="CSV-fil för massutskick (namn, e-post, länk ...)")
    p.add_argument("--base-url", help="appens adress (standard: inställningen public_url)")
    p.add_argument(
        "--days", type=int, default=14, choices=range(1, 61), metavar="1-60", help="giltighet i dagar"
    )
    p.add_argument("--reporter", action="append", help="bara denna rapportör (id; kan upprepas)")
    p.set_defaults(func=cmd_links_create)
    p = group.add_parser("revoke", help="spärra länkarna för en vecka")
    p.add_argument("--week", required=True)
    p.add_argument("--reporter", type=int, help="bara denna rapportör (id)")
    p.set_defaults(func=cmd_links_revoke)
    for name, func, text in (
        ("send", cmd_links_send, "skicka omgångens enkätlänkar med e-post"),
        ("remind", cmd_links_remind, "skicka en påminnelse till dem som inte svarat omgången"),
    ):
        p = group.add_parser(name, help=text)
        p.add_argument("--round", required=True, help="omgången (dess första vecka), t.ex. 2026-W47")
        p.add_argument("--dry-run", action="store_true", help="visa vem som skulle få vad; skicka inget")
        p.add_argument("--base-url", help="appens adress (standard: inställningen public_url)")
        p.set_defaults(func=func)
    p = group.add_parser("due", help="skicka det som står på tur nu enligt schemat (för en cron-rad)")
    p.add_argument("--dry-run", action="store_true", help="visa vem som skulle få vad; skicka inget")
    p.set_defaults(func=cmd_links_due, when_locked=due_when_locked)
    p = group.add_parser("bounce", help="registrera att ett utskick studsade (returnerades)")
    p.add_argument("--email", required=True, help="adressen som studsade")
    p.add_argument("--round", help="omgången (standard: det senaste utskicket till adressen)")
    p.add_argument("--note", help="felmeddelandet i returmejlet")
    p.set_defaults(func=cmd_links_bounce)
