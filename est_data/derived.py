"""What is computed from the events once an import has committed its rows: the stored analyses the
pages read instead of computing them (Karta's Gi* hotspots and emerging hot spots, `incidents.
after_import`; the "förhöjd risk" list's Knox tables, `nearrepeat.after_import`). One entry point for
every import path (the Data page, the inbox watcher, the `import` command), so a new stored analysis is
added here once, not beside each caller."""

from __future__ import annotations


def after_import(con, rows_loaded: int, codes: list[str] | None = None) -> None:
    """Run the stored analyses for the municipalities with a map to draw (default:
    `queries.hotspot_municipalities`). esda and scipy are imported only when there is one: a national
    police file of centre points loads neither. Each analysis reports its own failure on stderr, so a
    committed import never looks failed."""
    from est_data import queries

    if rows_loaded <= 0:
        return
    codes = queries.hotspot_municipalities(con) if codes is None else codes
    if not codes:
        return
    from est_data import incidents
    from est_data.analysis import nearrepeat

    incidents.after_import(con, rows_loaded, codes)
    nearrepeat.after_import(con, rows_loaded, codes)
