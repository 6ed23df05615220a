"""`users add USERNAME --role ROLE [--password-stdin]` and `users list`: the app's accounts."""

from __future__ import annotations

import argparse
import getpass
import sys

from est_data import i18n
from est_data.cli.common import CliError


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
        auth.create_user(
            con, args.username, password, args.role, display_name=args.name, email=args.email, by="cli"
        )
    except UserError as err:
        raise CliError(
            f"{i18n.t(err.key, 'sv', **err.kwargs)} / {i18n.t(err.key, 'en', **err.kwargs)}"
        ) from None
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
        print(
            f"{u['username']:<24} {u['role']:<12} {(u['email'] or ''):<32} {'ja' if u['active'] else 'nej'}"
        )
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    from est_data import auth

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
