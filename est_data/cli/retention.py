"""`retention [--months N] [--apply]`: erase free text, and safety walks' participants, notes and photos,
older than the retention time (est_data.privacy)."""

from __future__ import annotations

import argparse

from est_data.cli.common import CliError


def cmd_retention(con, args) -> int:
    from est_data import privacy

    months = args.months or privacy.retention_months(con)
    if months < 1:
        raise CliError("månader måste vara minst 1 / months must be at least 1")
    counts = (
        privacy.run_retention(con, months, "cli") if args.apply else privacy.retention_preview(con, months)
    )
    if args.apply:
        privacy.erase_from_file(con)  # rewrites the file: the deleted text is not left in it (closes con)
    verb = "Raderat" if args.apply else "Skulle radera (kör med --apply)"
    print(
        f"{verb}: fritext från före {counts.cutoff.date()}: {counts.comments} kommentarer, "
        f"{counts.descriptions} händelsebeskrivningar; deltagare och anteckningar i {counts.walks} "
        f"trygghetsvandringar, {counts.photos} foton."
    )
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("retention", help="radera fritext äldre än gallringstiden (betygen behålls)")
    p.add_argument(
        "--months", type=int, help="gallringstid i månader (standard: inställningen retention_months)"
    )
    p.add_argument(
        "--apply", action="store_true", help="radera på riktigt (annars visas bara vad som raderas)"
    )
    p.set_defaults(func=cmd_retention)
