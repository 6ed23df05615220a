"""CLI commands for backups, restores, privacy and survey links (registered in cli.COMMAND_MODULES)."""

from __future__ import annotations

import argparse
import sys

from est_data import backup, db
from est_data.cli import CliError


def cmd_backup(con, args) -> int:
    try:
        manifest = backup.backup(con, args.out)
    except backup.BackupError as err:
        raise CliError(str(err)) from None
    rows = sum(t["rows"] for t in manifest["tables"].values())
    print(f"Säkerhetskopia skriven till {args.out}: {len(manifest['tables'])} tabeller, {rows} rader"
          f" (schemaversion {manifest['schema_version']}).")
    return 0


def cmd_restore(con, args) -> int:
    try:
        counts = backup.restore(con, args.dir)
    except backup.BackupError as err:
        raise CliError(str(err)) from None
    print(f"Återställd från {args.dir} till {db.db_path(args.db)}: {len(counts)} tabeller, "
          f"{sum(counts.values())} rader; kontrollsummorna stämmer.")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="säkerhetskopiera hela databasen (Parquet + manifest)")
    p.add_argument("--out", required=True, help="en ny, tom katalog")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="återställ en säkerhetskopia till en tom databas")
    p.add_argument("dir", help="katalogen med säkerhetskopian")
    p.set_defaults(func=cmd_restore)
    add_more_commands(sub)


DEFAULT_WAIT_SECONDS = 120.0


def queue_import(args) -> int:
    """`import ...` while the app holds the database: hand the file to the app's inbox and wait for it."""
    from pathlib import Path

    from est_data import inbox

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"filen finns inte: {path} / no such file: {path}")
    from est_data.ingest import limits
    from est_data.ingest.common import ImportFileError

    try:
        limits.check_size(path.stat().st_size)  # a file the app would refuse is not copied into the inbox
    except ImportFileError as err:
        raise CliError(f"{path.name}: {err}") from None
    skip = {"db", "command", "func", "no_db", "import_source", "import_module", "file", "strict", "wait"}
    options = {k: v for k, v in vars(args).items() if k not in skip}
    db_file = db.db_path(args.db)
    job = inbox.queue(db_file, args.import_module, args.import_source, path, options, strict=args.strict)
    wait = float(getattr(args, "wait", None) or DEFAULT_WAIT_SECONDS)
    print(f"Databasen används av appen; {path.name} är lagd i inkorgen och läses in av appen "
          f"(väntar högst {wait:.0f} s) / the app holds the database; the file was queued for it", flush=True)
    result = inbox.wait_for(job, wait)
    if result is None:
        print(f"Appen har inte läst in filen ännu; den ligger kvar i {job.parent} och läses in när appen kör "
              f"/ not imported yet; it stays queued", flush=True)
        return 75  # EX_TEMPFAIL: try again later / check the inbox
    if not result["ok"]:
        raise CliError(result["message"])
    for line in result.get("rejected", []):
        print(line, file=sys.stderr)
    print(result["summary"])
    return 0


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
        raise CliError("ange --base-url eller inställningen public_url / give --base-url or the public_url setting")
    reporter_ids = [int(x) for x in args.reporter] if args.reporter else None
    made = links.create_links(con, week, "cli", reporter_ids=reporter_ids, valid_days=args.days)
    out = Path(args.out)
    out.write_bytes(links.mail_merge_csv(made, base_url))
    print(f"{len(made)} länkar för vecka {week.week} {week.year} skrivna till {out} (giltiga {args.days} dagar).")
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


def cmd_retention(con, args) -> int:
    from est_data import privacy

    months = args.months or privacy.retention_months(con)
    if months < 1:
        raise CliError("månader måste vara minst 1 / months must be at least 1")
    counts = privacy.run_retention(con, months, "cli") if args.apply else privacy.retention_preview(con, months)
    if args.apply:
        privacy.erase_from_file(con)  # rewrites the file: the deleted text is not left in it (closes con)
    verb = "Raderat" if args.apply else "Skulle radera (kör med --apply)"
    print(f"{verb}: fritext från före {counts.cutoff.date()}: {counts.comments} kommentarer, "
          f"{counts.descriptions} händelsebeskrivningar.")
    return 0


def add_more_commands(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("links", help="personliga enkätlänkar").add_subparsers(dest="links_command", required=True)
    p = group.add_parser("create", help="skapa länkar för en vecka och skriv en fil för massutskick")
    p.add_argument("--week", required=True, help="vecka, t.ex. 2026-W48")
    p.add_argument("--out", required=True, help="CSV-fil för massutskick (namn, e-post, länk ...)")
    p.add_argument("--base-url", help="appens adress (standard: inställningen public_url)")
    p.add_argument("--days", type=int, default=14, choices=range(1, 61), metavar="1-60", help="giltighet i dagar")
    p.add_argument("--reporter", action="append", help="bara denna rapportör (id; kan upprepas)")
    p.set_defaults(func=cmd_links_create)
    p = group.add_parser("revoke", help="spärra länkarna för en vecka")
    p.add_argument("--week", required=True)
    p.add_argument("--reporter", type=int, help="bara denna rapportör (id)")
    p.set_defaults(func=cmd_links_revoke)

    p = sub.add_parser("retention", help="radera fritext äldre än gallringstiden (betygen behålls)")
    p.add_argument("--months", type=int, help="gallringstid i månader (standard: inställningen retention_months)")
    p.add_argument("--apply", action="store_true", help="radera på riktigt (annars visas bara vad som raderas)")
    p.set_defaults(func=cmd_retention)
