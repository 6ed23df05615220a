"""`fetch polisen --kommun NAME [--datum 2026-11]`: the municipality's latest events from the police's open API."""

from __future__ import annotations

from est_data.cli.common import CliError
from est_data.ingest import polisen_client


def cmd_fetch_polisen(con, args) -> int:
    try:
        report = polisen_client.fetch(con, args.kommun, args.datum)
    except polisen_client.PolisenApiError as err:
        raise CliError(str(err)) from None
    if not report.rows_read:
        print(f"Inga händelser för {args.kommun} / no events")
    print(report.summary_line())
    return 0


def add_commands(subparsers) -> None:
    fetch_parser = subparsers.add_parser("fetch", help="hämta data från öppna API:er")
    sources = fetch_parser.add_subparsers(dest="fetch_source", required=True, metavar="SOURCE")
    p = sources.add_parser("polisen", help="hämta kommunens senaste händelser från Polisens öppna API")
    p.add_argument("--kommun", required=True, help="kommunens namn, t.ex. Trelleborg")
    p.add_argument("--datum", help="DateTime-filter: år, år-månad eller datum (2026, 2026-11, 2026-11-23)")
    p.set_defaults(func=cmd_fetch_polisen)
