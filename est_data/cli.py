"""The command line: `python -m est_data [--db PATH] COMMAND ...` (DESIGN §3b).

Exit code 0 on success; on a user's mistake a one-line message (Swedish / English) and exit code 2,
never a traceback. Feature modules add their commands through COMMAND_MODULES: each has
`add_commands(subparsers)` and sets `func(con, args) -> int` on its parsers.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import sys

import duckdb

from est_data import db, i18n

# Modules that add commands of their own (import, fetch, report, evaluate, backup, bench ...).
COMMAND_MODULES: list[str] = [
    "est_data.bench",
    "est_data.trust_cli",
    "est_data.ingest.cli_commands",
    "est_data.weekly_cli",
    "est_data.actions_cli",
    "est_data.calibrate_cli",
    "est_data.report.cli",
    "est_data.ingest.polisen_client",
    "est_data.register_cli",
    "est_data.statistics_cli",
]
# Commands that one module provides entirely: `main` builds only that part of the parser for them, so
# a scheduled nightly import does not first load the PDF, analysis and sample code (about 1.3 s of
# CPU at start-up, more than the import of the whole police archive itself).
SINGLE_MODULE_COMMANDS: dict[str, str] = {"import": "est_data.ingest.cli_commands"}


class CliError(Exception):
    """A message for the user (Swedish / English), printed without a traceback."""


def _say_error(message: str) -> None:
    print(f"{i18n.t('cli.error.prefix')}: {message}", file=sys.stderr)


def cmd_init(con, args) -> int:
    version = db.current_version(con)
    print(f"Databas: {db.db_path(args.db)} (schemaversion {version})")
    if args.sample:
        from est_data.queries import is_empty

        if not is_empty(con):
            raise CliError("databasen innehåller redan data; exempeldata laddas bara i en tom databas "
                           "/ the database already has data; the sample loads only into an empty database")
        from est_data import sample

        counts = sample.load(con)
        print("Exempeldata laddad / sample loaded: " + ", ".join(
            f"{t} {counts[t]}" for t in ("area", "place", "reporter", "survey_response", "survey_rating",
                                         "observation", "incident", "crime_stat", "action")))
        return 0
    from est_data import register

    if added := register.ensure_default_factors(con):  # a real municipality starts with EST's checklist
        print(f"EST:s standardfaktorer inlagda / default factors added: {added}")
    return 0


def cmd_sample(con, args) -> int:
    from est_data import sample

    counts = sample.generate(args.out, seed=args.seed)
    print(f"Exempeldata skriven till {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def _read_password(args) -> str:
    if args.password_stdin or not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise CliError("inget lösenord på standard input / no password on standard input")
        return line.rstrip("\r\n")
    first = getpass.getpass("Lösenord: ")
    if first != getpass.getpass("Upprepa lösenordet: "):
        raise CliError("lösenorden är inte lika / the passwords do not match")
    return first


def cmd_users_add(con, args) -> int:
    from est_data import auth
    from est_data.auth import UserError

    password = _read_password(args)
    try:
        auth.create_user(con, args.username, password, args.role, display_name=args.name, email=args.email,
                         by="cli")
    except UserError as err:
        raise CliError(f"{i18n.t(err.key, 'sv', **err.kwargs)} / {i18n.t(err.key, 'en', **err.kwargs)}") from None
    print(f"Användaren {args.username} ({args.role}) är skapad.")
    return 0


def cmd_users_list(con, args) -> int:
    from est_data import auth

    users = auth.list_users(con)
    if not users:
        print("Inga användare.")
        return 0
    print(f"{'användarnamn':<24} {'roll':<12} {'e-post':<32} aktiv")
    for u in users:
        print(f"{u['username']:<24} {u['role']:<12} {(u['email'] or ''):<32} {'ja' if u['active'] else 'nej'}")
    return 0


def _command_word(argv: list[str] | None) -> str | None:
    """The command of argv (after the global options), without building the whole parser."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--db")
    _, rest = pre.parse_known_args(argv)
    return rest[0] if rest and not rest[0].startswith("-") else None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; for a command of SINGLE_MODULE_COMMANDS only the part that parses it."""
    parser = argparse.ArgumentParser(prog="python -m est_data", description="EST-dashboard från kommandoraden.")
    parser.add_argument("--db", help="databasfil (standard: EST_DB, annars data/est.duckdb)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    if command in SINGLE_MODULE_COMMANDS:
        importlib.import_module(SINGLE_MODULE_COMMANDS[command]).add_commands(sub)
        return parser
    from est_data import auth, sample

    p = sub.add_parser("init", help="skapa eller uppgradera databasen")
    p.add_argument("--sample", action="store_true", help="ladda exempeldata i en tom databas")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("sample", help="skriv exempeldatafilerna på nytt")
    p.add_argument("--out", required=True, help="katalog att skriva till")
    p.add_argument("--seed", type=int, default=sample.SEED)
    p.set_defaults(func=cmd_sample, no_db=True)

    users = sub.add_parser("users", help="användare").add_subparsers(dest="users_command", required=True)
    p = users.add_parser("add", help="lägg till en användare (lösenord från standard input)")
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=list(auth.ROLES))
    p.add_argument("--name", help="visningsnamn")
    p.add_argument("--email")
    p.add_argument("--password-stdin", action="store_true", help="läs lösenordet från standard input")
    p.set_defaults(func=cmd_users_add)
    p = users.add_parser("list", help="lista användare")
    p.set_defaults(func=cmd_users_list)

    for name in COMMAND_MODULES:
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
                from est_data.trust_cli import queue_import  # the app holds the file: use its inbox

                return queue_import(args)
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
