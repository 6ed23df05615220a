"""`hotspots` and `coverage`: the statistics of issue 14 from the command line:

- `hotspots [--municipality CODE]`: compute and store Karta's Gi* hotspots now (imports do it too);
- `coverage [--municipality CODE]`: each source's first and last date and the weeks without rows.
"""

from __future__ import annotations

import argparse
import time


def cmd_hotspots(con, args) -> int:
    from est_data import incidents

    start = time.perf_counter()
    codes = incidents.precompute(con, [args.municipality] if args.municipality else None)
    print(
        f"Hotspots beräknade för {len(codes)} kommun(er) på {time.perf_counter() - start:.1f} s"
        f" / hotspots computed for {len(codes)} municipalities: {', '.join(codes) or '-'}"
    )
    return 0


def cmd_coverage(con, args) -> int:
    from est_data import config, i18n
    from est_data.analysis import coverage

    code = args.municipality or config.get_setting(con, "municipality_code")
    frame = coverage.table(con, code)
    print(f"{i18n.t('cli.coverage.header', 'sv')} / {i18n.t('cli.coverage.header', 'en')}")
    for row in frame.itertuples():
        print(f"{row.source}, {row.first}, {row.last}, {row.rows}, {row.gap_days}, {row.gaps or '-'}")
    if frame.empty:
        print("inga källor / no sources")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("hotspots", help="beräkna kartans Gi*-hotspots nu (görs även efter varje import)")
    p.add_argument("--municipality", help="kommunkod, t.ex. 1287 (standard: alla kommuner med händelser)")
    p.set_defaults(func=cmd_hotspots)

    p = sub.add_parser("coverage", help="varje källas första och sista dag och veckor utan rader")
    p.add_argument("--municipality", help="kommunkod (standard: inställningen municipality_code)")
    p.set_defaults(func=cmd_coverage)
