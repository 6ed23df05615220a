"""Strings of the maps themselves: the basemap and its notice (est_data/mapassets.py)."""

STRINGS: dict[str, tuple[str, str]] = {
    "maps.basemap": ("Bakgrundskarta", "Basemap"),
    "maps.tiles_failed": (
        "Bakgrundskartan kunde inte hämtas (nätverket når inte kartservern); områden och händelser visas ändå.",
        "The basemap could not be loaded (the network cannot reach the tile server); areas and events are shown anyway.",
    ),
    "maps.no_basemap": (
        "Ingen bakgrundskarta är inställd (map_tiles_url); områden och händelser visas på enfärgad botten.",
        "No basemap is set (map_tiles_url); areas and events are shown on a plain background.",
    ),
    "maps.not_drawn": (
        "{missing} av periodens {n} händelser saknar exakt plats och ritas inte på kartan ({detail}). "
        "De räknas ändå i antal, trender och CompStat.",
        "{missing} of the period's {n} events have no exact position and are not drawn on the map ({detail}). "
        "They still count in totals, trends and CompStat.",
    ),
    "maps.not_drawn.centre": (
        "{n} har bara kommunens eller länets mittpunkt",
        "{n} only give the municipality's or county's centre",
    ),
    "maps.not_drawn.other": ("utan angiven plats", "without a stated place"),
    "maps.not_drawn.area": ("{n} är bara kända till ett område", "{n} are only known to an area"),
}
