"""`links create|revoke`: personal survey links for a week and the mail-merge file (est_data.links)."""

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
