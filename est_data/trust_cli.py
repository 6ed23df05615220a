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


DEFAULT_WAIT_SECONDS = 120.0


def queue_import(args) -> int:
    """`import ...` while the app holds the database: hand the file to the app's inbox and wait for it."""
    from pathlib import Path

    from est_data import inbox

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"filen finns inte: {path} / no such file: {path}")
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
