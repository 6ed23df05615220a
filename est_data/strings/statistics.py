"""Strings of issue 14's statistics: source coverage and freshness (analysis/coverage.py)."""

STRINGS: dict[str, tuple[str, str]] = {
    "coverage.missing": ("underlag saknas för {spans}", "no data for {spans}"),
    "coverage.until": ("{source} t.o.m. {day}", "{source} up to {day}"),
    "coverage.source.polisen": ("polisdata", "police data"),
    "coverage.source.felanmalan": ("felanmälan", "fault reports"),
    "coverage.source.bra": ("Brå-statistik", "Brå statistics"),
    "coverage.source.rapportor": ("rapportörernas händelser", "reporters' events"),
    "coverage.freshness": ("Underlag: {sources}.", "Data: {sources}."),
    "coverage.not_judged": (
        "Ingen jämförelse: {missing}.",
        "No comparison: {missing}.",
    ),
    "cli.coverage.header": ("källa, första dag, sista dag, rader, dagar i luckor, luckor",
                            "source, first day, last day, rows, days in gaps, gaps"),
}
