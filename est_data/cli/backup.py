"""`backup --out DIR` and `restore DIR`: the whole database as Parquet + manifest (est_data.backup)."""

from __future__ import annotations

import argparse

from est_data import backup, db, restore
from est_data.cli.common import CliError


def cmd_backup(con, args) -> int:
    try:
        manifest = backup.backup(con, args.out)
    except backup.BackupError as err:
        raise CliError(str(err)) from None
    rows = sum(t["rows"] for t in manifest["tables"].values())
    print(
        f"Säkerhetskopia skriven till {args.out}: {len(manifest['tables'])} tabeller, {rows} rader"
        f" (schemaversion {manifest['schema_version']})."
    )
    return 0


def cmd_restore(con, args) -> int:
    try:
        counts = restore.restore(con, args.dir)
    except backup.BackupError as err:
        raise CliError(str(err)) from None
    print(
        f"Återställd från {args.dir} till {db.db_path(args.db)}: {len(counts)} tabeller, "
        f"{sum(counts.values())} rader; kontrollsummorna stämmer."
    )
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="säkerhetskopiera hela databasen (Parquet + manifest)")
    p.add_argument("--out", required=True, help="en ny, tom katalog")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="återställ en säkerhetskopia till en tom databas")
    p.add_argument("dir", help="katalogen med säkerhetskopian")
    p.set_defaults(func=cmd_restore)
