"""The `import` command group: `python -m est_data [--db PATH] import SOURCE FILE [--strict] [options]`.

Every source is one line in `est_data.ingest.CLI_SOURCES` (source name -> importer module). To add a source, add its
line; nothing else here needs to change. The importer module must expose:

- `load(con, data, file_name, **options) -> ImportReport` — `data` is the file's path (str) and
  `file_name` its base name; `options` holds `strict` (bool: refuse the whole file, raising
  `ImportFileError`, if any row is rejected) and the module's own arguments (below), by their argparse
  dest names. Raise `est_data.ingest.common.ImportFileError("svensk text / english text")` for a file
  that cannot be imported at all.
- optionally `add_arguments(parser)` to add its own options (e.g. `--profile`);
- optionally `before_load(con, args)`, run before `load` (e.g. to save a profile first);
- optionally `CLI_HELP`, a one-line Swedish help text.

The command prints each rejected row ("rad N: orsak") on stderr and ends with the report's summary
line (rows read, loaded and rejected). Exit code 0 when the file was imported (even with rejected
rows, which are listed), 2 when it was refused as a whole (one-line message, no traceback).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from est_data.cli.common import CliError
from est_data.ingest import CLI_SOURCES as SOURCES

MAX_LISTED = 100
_COMMON = {"db", "command", "func", "no_db", "import_source", "import_module", "file", "strict", "wait"}


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="läs in en fil (polisen, felanmälan, bra, enkät, områden ...)"
    )
    sources = parser.add_subparsers(dest="import_source", required=True, metavar="SOURCE")
    for source, module_path in SOURCES.items():
        module = importlib.import_module(module_path)
        sub = sources.add_parser(source, help=getattr(module, "CLI_HELP", source))
        sub.add_argument("file", help="filen att läsa in (CSV, .xlsx eller källans eget format)")
        sub.add_argument("--strict", action="store_true", help="vägra hela filen om någon rad har fel")
        sub.add_argument(
            "--wait",
            type=float,
            default=120.0,
            metavar="SEK",
            help="om appen har databasen öppen: vänta så länge på att appen läst in filen",
        )
        if hasattr(module, "add_arguments"):
            module.add_arguments(sub)
        sub.set_defaults(func=run_import, import_module=module_path)


def run_import(con, args) -> int:
    from est_data.ingest.common import ImportFileError

    module = importlib.import_module(args.import_module)
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"filen finns inte: {path} / no such file: {path}")
    options = {k: v for k, v in vars(args).items() if k not in _COMMON}
    try:
        if hasattr(module, "before_load"):
            module.before_load(con, args)
        report = module.load(con, str(path), path.name, strict=args.strict, **options)
    except ImportFileError as err:
        raise CliError(f"{path.name}: {err}") from None
    for rejected in report.rejected[:MAX_LISTED]:
        print(f"rad {rejected.line}: {rejected.reason}", file=sys.stderr)
    if report.rows_rejected > MAX_LISTED:
        print(f"... och {report.rows_rejected - MAX_LISTED} rader till / and more", file=sys.stderr)
    for message in report.messages:  # e.g. Brå's district rows named, a register's rows with a date only
        print(message)
    print(report.summary_line())
    from est_data import derived

    derived.after_import(con, report.rows_loaded)  # hotspots and near-repeat ready for the pages
    return 0


DEFAULT_WAIT_SECONDS = 120.0


def queue_import(args) -> int:
    """`import ...` while the app holds the database: hand the file to the app's inbox and wait for it."""
    from pathlib import Path

    from est_data import db, inbox

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
    print(
        f"Databasen används av appen; {path.name} är lagd i inkorgen och läses in av appen "
        f"(väntar högst {wait:.0f} s) / the app holds the database; the file was queued for it",
        flush=True,
    )
    result = inbox.wait_for(job, wait)
    if result is None:
        print(
            f"Appen har inte läst in filen ännu; den ligger kvar i {job.parent} och läses in när appen kör "
            f"/ not imported yet; it stays queued",
            flush=True,
        )
        return 75  # EX_TEMPFAIL: try again later / check the inbox
    if not result["ok"]:
        raise CliError(result["message"])
    for line in result.get("rejected", []):
        print(line, file=sys.stderr)
    print(result["summary"])
    return 0
