"""Strings of issue 15 items 1 and 2: Brå's yearly municipality files and the incident-register importer."""

STRINGS: dict[str, tuple[str, str]] = {
    # Brå's yearly file per municipality
    "bra.error.rate": (
        "ogiltigt antal per 100 000 invånare: {value}",
        "invalid rate per 100,000 inhabitants: {value}",
    ),
    "bra.error.no_year": (
        "året framgår inte av filnamnet; ange det (--year ÅÅÅÅ, eller År på sidan Data)",
        "the year is not in the file name; give it (--year YYYY, or Year on the Data page)",
    ),
    "bra.yearly": (
        "Brås årsfil per kommun för {year}: {n} kommuner (samtliga anmälda brott)",
        "Brå's yearly file per municipality for {year}: {n} municipalities (all reported crimes)",
    ),
    "bra.districts": (
        "{n} stadsdelar i Stockholm lästes inte in (de är inte kommuner): {names}",
        "{n} Stockholm districts were not loaded (they are not municipalities): {names}",
    ),
    "bra.national": (
        "raden Hela landet sparades som riket, inte som en kommun",
        "the row Hela landet was kept as the national figure, not as a municipality",
    ),
    # Uppföljning: the municipality against others of similar size
    "similar.title": (
        "Jämfört med kommuner av liknande storlek (Brå, samtliga anmälda brott)",
        "Compared with municipalities of similar size (Brå, all reported crimes)",
    ),
    "similar.year": ("År", "Year"),
    "similar.col.rank": ("Plats", "Rank"),
    "similar.col.municipality": ("Kommun", "Municipality"),
    "similar.col.population": ("Folkmängd (ca)", "Population (approx.)"),
    "similar.col.count": ("Anmälda brott", "Reported crimes"),
    "similar.col.rate": ("Per 100 000 inv.", "Per 100,000 inhabitants"),
    "similar.summary": (
        "{name} {year}: {rate} anmälda brott per 100 000 invånare, plats {rank} av {n} bland kommuner "
        "av liknande storlek (1 = lägst; gruppens median {median}){national}.",
        "{name} {year}: {rate} reported crimes per 100,000 inhabitants, rank {rank} of {n} among "
        "municipalities of similar size (1 = lowest; the group's median {median}){national}.",
    ),
    "similar.national": ("; hela landet {rate}", "; Sweden as a whole {rate}"),
    "similar.caption": (
        "Folkmängden är den Brå räknade med: antal × 100 000 / antal per 100 000 inv. i Brås årsfil. "
        "Gruppen är de kommuner som ligger närmast i folkmängd.",
        "The population is the one Brå used: count × 100,000 / rate in Brå's yearly file. The group "
        "is the municipalities nearest in population.",
    ),
    "similar.none": (
        'Importera Brås årsfil per kommun ("Anmälda brott kommunerna ÅÅÅÅ.csv") under Data för att '
        "jämföra med kommuner av liknande storlek.",
        'Import Brå\'s yearly file per municipality ("Anmälda brott kommunerna YYYY.csv") under Data to '
        "compare with municipalities of similar size.",
    ),
    # incident registers (est_data/ingest/register.py)
    "incident_register.error.no_source": (
        "registret behöver ett namn som källa (t.ex. Trelleborgshem)",
        "the register needs a source name (e.g. Trelleborgshem)",
    ),
    "incident_register.error.source_name": (
        "ogiltigt namn på källan: {name} (tomt, för långt eller en inbyggd källa)",
        "invalid source name: {name} (empty, too long or a built-in source)",
    ),
    "incident_register.error.no_date": ("datum saknas", "date missing"),
    "incident_register.error.date": (
        "datumet kan inte tolkas ({what}): {value!r}",
        "cannot read the date ({what}): {value!r}",
    ),
    "incident_register.error.time": (
        "klockslaget kan inte tolkas: {value!r}",
        "cannot read the time: {value!r}",
    ),
    "incident_register.error.two_times": (
        "både datum med tid och en tidskolumn: {value}",
        "both a date with a time and a time column: {value}",
    ),
    "incident_register.error.window": (
        "tidsfönstret slutar före det börjar: {start} – {end}",
        "the time window ends before it begins: {start} – {end}",
    ),
    "incident_register.error.no_category": ("kategori saknas", "category missing"),
    "incident_register.error.cost": (
        "kostnaden är inte ett rimligt tal: {value!r}",
        "the cost is not a valid number: {value!r}",
    ),
    "incident_register.error.coordinates": (
        "koordinaterna kan inte tolkas: {value}",
        "cannot read the coordinates: {value}",
    ),
    "incident_register.error.crs": (
        "koordinaterna känns inte igen som WGS 84 eller SWEREF 99 TM: {value}",
        "the coordinates are neither WGS 84 nor SWEREF 99 TM: {value}",
    ),
    "incident_register.error.outside": (
        "platsen ligger utanför kommunen ({name}): {lat}, {lon}",
        "the place is outside the municipality ({name}): {lat}, {lon}",
    ),
    "incident_register.error.duplicate": ("samma id som rad {line}", "the same id as line {line}"),
    "incident_register.msg.day": (
        "{n} rader har bara datum (ingen tid): de sparas som hela dagen, inte som kl. 00:00",
        "{n} rows have a date only (no time): stored as the whole day, not as 00:00",
    ),
    "incident_register.msg.window": (
        "{n} rader har ett tidsfönster (från–till)",
        "{n} rows have a time window (from–to)",
    ),
    "incident_register.msg.midnight": (
        "datumkolumnen har bara tiden 00:00: den läses som datum utan tid",
        "the date column only has the time 00:00: read as dates without a time",
    ),
    "incident_register.msg.no_place": (
        "{n} rader utan plats på kartan (varken koordinater, känd plats eller område)",
        "{n} rows without a place on the map (no coordinates, known place or area)",
    ),
    "incident_register.msg.unmapped": (
        "{n} kategorier saknas i kategorimappningen och sparas som de står: {words}",
        "{n} categories are not in the category mapping and are kept as written: {words}",
    ),
    "incidents.data.source.register": ("Händelseregister", "Incident registers"),
    "incidents.data.help.register": (
        "Ett register med händelser från t.ex. ett bostadsbolag, räddningstjänsten eller väktare, som en egen källa. "
        "CSV eller .xlsx; datum med eller utan klockslag, eller från–till; koordinater i WGS 84 eller SWEREF 99 TM, "
        "eller en adress eller plats som matchas mot kommunens platser och områden.",
        "A register of incidents from e.g. a housing company, the fire service or security guards, as a source of "
        "its own. CSV or .xlsx; dates with or without a time, or from–to; coordinates in WGS 84 or SWEREF 99 TM, or "
        "an address or place matched against the municipality's places and areas.",
    ),
    "incident_register.ui.source": ("Registrets namn (källa)", "Register name (source)"),
    "incident_register.ui.source_help": (
        "Visas som egen källa i filter, karta, trender och utvärderingar.",
        "Shown as a source of its own in filters, the map, trends and evaluations.",
    ),
    "incident_register.ui.categories": ("Kategorimappning", "Category mapping"),
    "incident_register.ui.categories_help": (
        "Registrets ord till projektets kategori (tomt = som det står). En kategori som är "
        "en EST-faktors namn kopplas till faktorn.",
        "The register's words to the project's category (empty = as written). A category "
        "that is an EST factor's name is linked to the factor.",
    ),
    "incident_register.ui.col.word": ("Registrets ord", "The register's word"),
    "incident_register.ui.col.category": ("Kategori", "Category"),
    "incidents.data.field.time": ("Klockslag", "Time"),
    "incidents.data.field.date_to": ("Till datum", "To date"),
    "incidents.data.field.time_to": ("Till klockslag", "To time"),
    "trends.measure.register": ("Händelser: {name}", "Incidents: {name}"),
    "trends.unit.register": ("Antal händelser ({name})", "Number of incidents ({name})"),
    "actions.eval.sources": ("Källor", "Sources"),
    "actions.placeholder.all_sources": (
        "alla källor (polisen, felanmälan, registren)",
        "every source (police, fault reports, registers)",
    ),
    "bra.ui.year": ("År (för Brås årsfil per kommun)", "Year (for Brå's yearly file per municipality)"),
    "bra.ui.year_help": (
        'Behövs bara när filnamnet inte innehåller året, t.ex. "Anmälda brott kommunerna 2024.csv".',
        'Only needed when the file name has no year, e.g. "Anmälda brott kommunerna 2024.csv".',
    ),
    "incidents.data.help.bra": (
        'Brås årsfil per kommun som Brå publicerar den ("Anmälda brott kommunerna ÅÅÅÅ.csv", med eller utan '
        "rubrikrad), eller en export ur Brås statistikdatabas (månad eller kvartal per brottskategori, lång eller "
        "bred, CSV eller .xlsx).",
        'Brå\'s yearly file per municipality as Brå publishes it ("Anmälda brott kommunerna YYYY.csv", with or '
        "without a header), or an export from Brå's statistics database (month or quarter per crime category, "
        "long or wide, CSV or .xlsx).",
    ),
    "incident_register.msg.elsewhere": (
        "{n} rader gäller andra kommuner och lästes inte in: {names}",
        "{n} rows concern other municipalities and were not loaded: {names}",
    ),
    "incidents.data.field.municipality": ("Kommun", "Municipality"),
}
