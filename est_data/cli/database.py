"""`init [--sample]` (create or upgrade the database) and `sample --out DIR` (write the sample files)."""

from __future__ import annotations

import argparse

from est_data import db
from est_data.cli.common import CliError


def cmd_init(con, args) -> int:
    version = db.current_version(con)
    print(f"Databas: {db.db_path(args.db)} (schemaversion {version})")
    if args.sample:
        from est_data.queries import is_empty

        if not is_empty(con):
            raise CliError(
                "databasen innehåller redan data; exempeldata laddas bara i en tom databas "
                "/ the database already has data; the sample loads only into an empty database"
            )
        from est_data import sample

        counts = sample.load(con)
        print(
            "Exempeldata laddad / sample loaded: "
            + ", ".join(
                f"{t} {counts[t]}"
                for t in (
                    "area",
                    "place",
                    "reporter",
                    "survey_response",
                    "survey_rating",
                    "observation",
                    "incident",
                    "crime_stat",
                    "action",
                )
            )
        )
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


def add_commands(sub: argparse._SubParsersAction) -> None:
    from est_data import sample

    p = sub.add_parser("init", help="skapa eller uppgradera databasen")
    p.add_argument("--sample", action="store_true", help="ladda exempeldata i en tom databas")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("sample", help="skriv exempeldatafilerna på nytt")
    p.add_argument("--out", required=True, help="katalog att skriva till")
    p.add_argument("--seed", type=int, default=sample.SEED)
    p.set_defaults(func=cmd_sample, no_db=True)
