"""The command line: `python -m est_data [--db PATH] COMMAND ...` (DESIGN §3b).

One module per command group in this package (database, users, bench, backup, links, retention,
imports, weekly, actions, calibrate, report, fetch, register, statistics); each has
`add_commands(subparsers)` and sets `func(con, args) -> int` on its parsers. This module only builds
the parser from them and runs the command. Exit code 0 on success; on a user's mistake (`CliError`,
from `est_data.cli.common`) a one-line message (Swedish / English) and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

import duckdb

from est_data import db, i18n
from est_data.cli.common import CliError

__all__ = ["COMMAND_MODULES", "SINGLE_MODULE_COMMANDS", "CliError", "build_parser", "main"]

# The command modules, in the order `--help` lists their commands.
COMMAND_MODULES: list[str] = [
    "est_data.cli.database",
    "est_data.cli.users",
    "est_data.cli.bench",
    "est_data.cli.backup",
    "est_data.cli.links",
    "est_data.cli.retention",
    "est_data.cli.imports",
    "est_data.cli.weekly",
    "est_data.cli.actions",
    "est_data.cli.calibrate",
    "est_data.cli.report",
    "est_data.cli.fetch",
    "est_data.cli.register",
    "est_data.cli.statistics",
    "est_data.cli.kvartal",
    "est_data.cli.rounds",
    "est_data.cli.walks",
]
# Commands that one module provides entirely: `main` builds only that part of the parser for them, so
# a scheduled nightly import does not first load the PDF, analysis and sample code (about 1.3 s of
# CPU at start-up, more than the import of the whole police archive itself).
SINGLE_MODULE_COMMANDS: dict[str, str] = {"import": "est_data.cli.imports"}


def _say_error(message: str) -> None:
    print(f"{i18n.t('cli.error.prefix')}: {message}", file=sys.stderr)


def _command_word(argv: list[str] | None) -> str | None:
    """The command of argv (after the global options), without building the whole parser."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--db")
    _, rest = pre.parse_known_args(argv)
    return rest[0] if rest and not rest[0].startswith("-") else None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; for a command of SINGLE_MODULE_COMMANDS only the part that parses it."""
    parser = argparse.ArgumentParser(
        prog="python -m est_data", description="EST-dashboard från kommandoraden."
    )
    parser.add_argument("--db", help="databasfil (standard: EST_DB, annars data/est.duckdb)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = [SINGLE_MODULE_COMMANDS[command]] if command in SINGLE_MODULE_COMMANDS else COMMAND_MODULES
    for name in modules:
        importlib.import_module(name).add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(_command_word(argv))
    args = parser.parse_args(argv)
    try:
        if getattr(args, "no_db", False):
            return int(args.func(None, args) or 0)
        try:
            con = db.connect(args.db)
        except duckdb.IOException as err:
            from est_data import inbox

            if getattr(args, "import_module", None) and inbox.is_locked_error(err):
                from est_data.cli.imports import queue_import  # the app holds the file: use its inbox

                return queue_import(args)
            if getattr(args, "when_locked", None) and inbox.is_locked_error(err):
                return int(args.when_locked(args) or 0)  # e.g. `links due`: the app's scheduler sends
            raise
        try:
            return int(args.func(con, args) or 0)
        finally:
            db.close_all()
    except CliError as err:
        _say_error(str(err))
        return 2
    except duckdb.IOException as err:
        _say_error(f"databasen kunde inte öppnas / could not open the database: {str(err).splitlines()[0]}")
        return 2
    except (FileNotFoundError, PermissionError, IsADirectoryError) as err:
        _say_error(f"filen kunde inte läsas / could not read the file: {err.filename or err}")
        return 2
    except KeyboardInterrupt:
        _say_error("avbrutet / interrupted")
        return 130
