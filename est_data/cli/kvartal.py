"""`python -m est_data kvartal ranking|feedback --quarter 2026Q3 ...`: the quarterly analysis (issue 18
item 4) without the app: the ranking table as the page and the report show it, and the reporters'
feedback version (no names, no internal text) as PDF or HTML."""

from __future__ import annotations

import argparse

from est_data.cli.report import _check_out, _municipality, _parse_quarter, _write


def cmd_ranking(con, args) -> int:
    from est_data.report import quarter_analysis

    code = _municipality(con, args)
    year, quarter = _parse_quarter(args.quarter)
    table = quarter_analysis.ranking_table(quarter_analysis.ranked(con, code, year, quarter), args.lang)
    print(";".join(table.columns))
    for row in table.rows:
        print(";".join(row))
    return 0


def cmd_feedback(con, args) -> int:
    from est_data.report import quarter_analysis

    out = _check_out(args.out)
    code = _municipality(con, args)
    year, quarter = _parse_quarter(args.quarter)
    _write(quarter_analysis.feedback(con, year, quarter, code, args.lang), out)
    return 0


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("kvartal", help="kvartalsanalysen: rangordning och återkoppling")
    sub = group.add_subparsers(dest="kvartal_command", required=True, metavar="DEL")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--quarter", required=True, help="kvartal, t.ex. 2026Q3")
        p.add_argument("--kommun", help="kommunkod (standard: inställningen municipality_code)")
        p.add_argument("--lang", choices=["sv", "en"], default="sv", help="språk (standard sv)")

    p = sub.add_parser(
        "ranking", help="områdena efter behov och möjlighet att påverka (CSV med ; till stdout)"
    )
    common(p)
    p.set_defaults(func=cmd_ranking)

    p = sub.add_parser("feedback", help="återkopplingen till rapportörerna: utan namn och intern text")
    p.add_argument("--out", required=True, help="fil att skriva: .pdf eller .html")
    common(p)
    p.set_defaults(func=cmd_feedback)
