"""`bench [--scale demo|small|large|national] [--json FILE] ...`: measure pages, imports and reports."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from est_data.bench import data as benchdata
from est_data.bench import runner as bench
from est_data.cli.common import CliError


def cmd_bench(con, args) -> int:
    if args.runs < 1 or args.cold_runs < 1:
        raise CliError("antalet körningar måste vara minst 1 / the number of runs must be at least 1")
    parts = tuple(p for p in ("pages", "imports", "report", "limits") if p not in (args.skip or []))
    result = bench.run(
        args.scale,
        runs=args.runs,
        cold_runs=args.cold_runs,
        import_runs=args.import_runs,
        page_keys=args.page or None,
        parts=parts,
        page_timeout=args.page_timeout,
        police_files=tuple(args.police_file or ()),
    )
    print(bench.table(result))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(
            json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
        print(f"JSON: {args.json}")
    sys.stdout.flush()
    return 0


def add_commands(subparsers) -> None:
    p = subparsers.add_parser("bench", help="mät sidor, importer och rapporter på en genererad datamängd")
    p.add_argument(
        "--scale",
        choices=list(benchdata.SCALES),
        default="demo",
        help="demo (exempeldata), small, large (500 000 händelser), national (5 miljoner)",
    )
    p.add_argument("--json", help="skriv alla mätvärden som JSON till denna fil")
    p.add_argument("--runs", type=int, default=5, help="varma körningar per sida (standard 5)")
    p.add_argument("--cold-runs", type=int, default=3, help="kalla körningar per sida (standard 3)")
    p.add_argument("--import-runs", type=int, default=3, help="körningar per import och rapport (standard 3)")
    p.add_argument("--page", action="append", help="mät bara denna sida (kan upprepas)")
    p.add_argument(
        "--page-timeout",
        type=float,
        default=600,
        help="längsta tid för en sidkörning i sekunder; längre räknas som fel (standard 600)",
    )
    p.add_argument(
        "--skip",
        action="append",
        choices=["pages", "imports", "report", "limits"],
        help="hoppa över en del (limits: import av den största fil gränserna tillåter)",
    )
    p.add_argument(
        "--police-file",
        action="append",
        metavar="FIL",
        help="mät också polisimporten på denna fil (t.ex. en riktig arkivfil; kan upprepas)",
    )
    p.set_defaults(func=cmd_bench, no_db=True)
