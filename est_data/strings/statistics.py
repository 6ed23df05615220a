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
    "coverage.title": ("Täckning per källa", "Coverage per source"),
    "coverage.none": ("Inga källor med data ännu.", "No sources with data yet."),
    "coverage.caption": (
        "Första och sista dag med rader, och veckor utan (eller nästan utan) rader där en vanlig vecka har "
        "många. Jämförelser över perioder som en källa inte täcker bedöms inte.",
        "First and last day with rows, and weeks without (or almost without) rows where a usual week has "
        "many. Comparisons over periods a source does not cover are not judged.",
    ),
    "coverage.col.first": ("Första dag", "First day"),
    "coverage.col.last": ("Sista dag", "Last day"),
    "coverage.col.rows": ("Rader", "Rows"),
    "coverage.col.gap_days": ("Dagar i luckor", "Days in gaps"),
    "coverage.col.gaps": ("Luckor", "Gaps"),
    "cli.coverage.header": (
        "källa, första dag, sista dag, rader, dagar i luckor, luckor",
        "source, first day, last day, rows, days in gaps, gaps",
    ),
}
