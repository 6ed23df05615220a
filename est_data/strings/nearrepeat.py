"""Near-repeat (issue 19 item 2): the Knox table on Trender and the "förhöjd risk" list on Lägesbild and Möte."""

STRINGS: dict[str, tuple[str, str]] = {
    "nearrepeat.risk.title": ("Förhöjd risk de närmaste dagarna", "Raised risk in the coming days"),
    "nearrepeat.risk.line": (
        "**{day}** {category} i {where}: {zones}",
        "**{day}** {category} in {where}: {zones}",
    ),
    "nearrepeat.risk.series": (" · i serie med {n} andra", " · in a series with {n} others"),
    "nearrepeat.risk.zone": ("inom {metres} m, {days} dagar till", "within {metres} m, {days} more days"),
    "nearrepeat.risk.zone_one": ("inom {metres} m, 1 dag till", "within {metres} m, 1 more day"),
    "nearrepeat.risk.zone_same": (
        "på samma plats, {days} dagar till",
        "at the same place, {days} more days",
    ),
    "nearrepeat.risk.zone_same_one": ("på samma plats, 1 dag till", "at the same place, 1 more day"),
    "nearrepeat.risk.area_line": (
        "**{area}**: {category} × {n} senaste {recent} dagarna – {zones}",
        "**{area}**: {category} × {n} in the last {recent} days – {zones}",
    ),
    "nearrepeat.risk.more": ("… och {n} till", "… and {n} more"),
    "nearrepeat.risk.none": (
        "{category}: ingen nära upprepning det senaste året. Händelserna följer inte på varandra nära i tid "
        "och rum oftare än slumpen ger, så listan pekar inte ut några platser.",
        "{category}: no near-repeat over the last year. The events do not follow each other close in time and "
        "space more often than chance gives, so the list points at no places.",
    ),
    "nearrepeat.risk.too_few": (
        "{category}: för få händelser med plats det senaste året ({n}; minst {min} behövs) för att mäta "
        "nära upprepning.",
        "{category}: too few events with a position over the last year ({n}; at least {min} are needed) to "
        "measure near-repeat.",
    ),
    "nearrepeat.risk.no_positions": (
        "{category}: inga händelser med plats det senaste året, så nära upprepning kan inte mätas (polisens "
        "öppna händelser har bara kommunens mittpunkt).",
        "{category}: no events with a position over the last year, so near-repeat cannot be measured (the "
        "police's open events only give the municipality's centre).",
    ),
    "nearrepeat.risk.no_recent": (
        "{category}: nära upprepning finns (inom {metres} m, upp till {days} dagar), men inga händelser "
        "de senaste {recent} dagarna.",
        "{category}: there is near-repeat (within {metres} m, up to {days} days), but no events in the last "
        "{recent} days.",
    ),
    "nearrepeat.risk.how_title": ("Så läser du listan", "How to read the list"),
    "nearrepeat.risk.how": (
        "Listan visar händelser de senaste {recent} dagarna (fram till {until}) vars omgivning har förhöjd "
        "risk enligt nära-upprepningstestet (Knox-testet) på årets händelser av samma slag. Testet jämför hur "
        "många par av händelser som ligger nära varandra i både avstånd och tid med hur många det blir när "
        "datumen blandas slumpvis ({permutations} gånger). Bara avstånd och tider där det är signifikant fler "
        "par, efter korrektion för att tabellen har många rutor, räknas. ”Inom 100 m, 5 dagar till” betyder: "
        "efter tidigare händelser har nya ofta kommit inom 100 m, och det fönstret är öppet fem dagar till. "
        "Händelser i serie (andra händelser nära i tid och rum) står först. Tabellen finns under Trender → "
        "Nära upprepning. Listan säger var risken är förhöjd, inte att något kommer att hända.",
        "The list shows events of the last {recent} days (up to {until}) whose surroundings are at raised "
        "risk by the near-repeat test (the Knox test) on the year's events of the same kind. The test compares "
        "how many pairs of events lie close to each other in both distance and time with how many there are "
        "when the dates are shuffled at random ({permutations} times). Only distances and times with "
        "significantly more pairs, corrected for the table's many cells, count. “Within 100 m, 5 more days” "
        "means: after earlier events new ones often came within 100 m, and that window is open five more "
        "days. Events in a series (other events close in time and space) come first. The table is under "
        "Trends → Near-repeat. The list says where risk is raised, not that something will happen.",
    ),
    "nearrepeat.tab": ("Nära upprepning", "Near-repeat"),
    "nearrepeat.category": ("Kategori", "Category"),
    "nearrepeat.no_categories": (
        "Inga händelser med plats under perioden: nära upprepning kräver händelser med exakt plats "
        "(polisens händelser har bara kommunens mittpunkt).",
        "No events with a position in the period: near-repeat needs events with an exact position (the "
        "police's events only give the municipality's centre).",
    ),
    "nearrepeat.caption": (
        "{n} händelser med plats, {start} – {end}; förväntat antal par och p-värden från {permutations} "
        "slumpvisa omblandningar av datumen.",
        "{n} events with a position, {start} – {end}; expected pairs and p-values from {permutations} random "
        "shuffles of the dates.",
    ),
    "nearrepeat.too_few": (
        "För få händelser med plats ({n}; minst {min} behövs) för att mäta nära upprepning.",
        "Too few events with a position ({n}; at least {min} are needed) to measure near-repeat.",
    ),
    "nearrepeat.found": (
        "Nära upprepning: efter en händelse kommer fler nära i tid och rum oftare än slumpen ger "
        "(rutorna med ”ja” nedan).",
        "Near-repeat: after an event more follow close in time and space more often than chance gives "
        "(the cells with “yes” below).",
    ),
    "nearrepeat.not_found": (
        "Ingen nära upprepning: ingen ruta har signifikant fler par än slumpen ger.",
        "No near-repeat: no cell has significantly more pairs than chance gives.",
    ),
    "nearrepeat.col.distance": ("Avstånd", "Distance"),
    "nearrepeat.col.days": ("Tid mellan", "Time between"),
    "nearrepeat.col.observed": ("Par", "Pairs"),
    "nearrepeat.col.expected": ("Förväntat", "Expected"),
    "nearrepeat.col.ratio": ("Knox-kvot", "Knox ratio"),
    "nearrepeat.col.p": ("p", "p"),
    "nearrepeat.col.q": ("q (korr.)", "q (corr.)"),
    "nearrepeat.col.verdict": ("Nära upprepning", "Near-repeat"),
    "nearrepeat.same_place": ("samma plats", "same place"),
    "nearrepeat.days_unit": ("dagar", "days"),
    "nearrepeat.yes": ("ja", "yes"),
    "nearrepeat.no": ("nej", "no"),
    "nearrepeat.how_title": ("Så läser du tabellen", "How to read the table"),
    "nearrepeat.how": (
        "Varje par av händelser räknas i en ruta efter avståndet mellan dem och antalet dagar mellan dem. "
        "**Par** är hur många par som finns, **Förväntat** hur många det blir i snitt när datumen blandas "
        "slumpvis mellan platserna ({permutations} gånger; platserna och årstiderna blir kvar, bara kopplingen "
        "mellan plats och tid bryts). **Knox-kvot** = par ÷ förväntat: 2,0 betyder dubbelt så många par som "
        "slumpen ger. **p** är andelen omblandningar med minst lika många par; **q** är p korrigerat för att "
        "tabellen har många rutor (Benjamini–Hochberg). En ruta räknas som nära upprepning när q ≤ 0,05 och "
        "kvoten är över 1. Samma metod som Ratcliffes Near Repeat Calculator; avstånd i hela meter och dagar "
        "i hela dagar, gränserna ingår.",
        "Every pair of events is counted in a cell by the distance between them and the days between them. "
        "**Pairs** is how many pairs there are, **Expected** how many there are on average when the dates are "
        "shuffled at random among the places ({permutations} times; the places and seasons stay, only the "
        "link between place and time is broken). **Knox ratio** = pairs ÷ expected: 2.0 means twice as many "
        "pairs as chance gives. **p** is the share of shuffles with at least as many pairs; **q** is p "
        "corrected for the table's many cells (Benjamini–Hochberg). A cell counts as near-repeat when q ≤ 0.05 "
        "and the ratio is above 1. The same method as Ratcliffe's Near Repeat Calculator; distances in whole "
        "metres and days in whole days, limits included.",
    ),
}
