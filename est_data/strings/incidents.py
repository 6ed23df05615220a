"""Strings for incidents: the Karta page, the Data page (imports) and the police client."""

STRINGS: dict[str, tuple[str, str]] = {
    # navigation
    "incidents.nav.map": ("Karta", "Map"),
    "incidents.nav.data": ("Data", "Data"),
    # sources
    "incidents.source.polisen": ("Polisen", "Police"),
    "incidents.source.felanmalan": ("Felanmälan", "Fault reports"),
    "incidents.source.rapportör": ("Rapportörernas händelser", "Reporters' event reports"),
    # Karta: controls
    "incidents.map.sources": ("Källor", "Sources"),
    "incidents.map.categories": ("Kategorier", "Categories"),
    "incidents.map.categories_all": ("Alla kategorier", "All categories"),
    "incidents.map.area_colouring": ("Färga områdena efter", "Colour the areas by"),
    "incidents.map.colour.none": ("Ingen färg", "No colour"),
    "incidents.map.colour.status": ("Veckans status", "This week's status"),
    "incidents.map.colour.rate": ("Händelser per 1 000 invånare", "Events per 1,000 inhabitants"),
    "incidents.map.layers": ("Lager", "Layers"),
    "incidents.map.nothing_loaded": (
        "Inga händelser är inlästa för kommunen ännu, så kartan och tabellerna är tomma. Läs in polisens "
        "händelser, felanmälningar eller ett annat händelseregister under Data; rapportörernas händelser "
        "kommer med när de skickas.",
        "No events have been loaded for the municipality yet, so the map and tables are empty. Load police "
        "events, fault reports or another incident register under Data; reporters' events appear as they are sent.",
    ),
    "incidents.layer.areas": ("Områden", "Areas"),
    "incidents.layer.clusters": ("Händelser (kluster)", "Events (clusters)"),
    "incidents.layer.heat": ("Värmekarta (kärntäthet)", "Heat map (kernel density)"),
    "incidents.layer.places": ("Namngivna platser", "Named places"),
    "incidents.layer.hotspots": ("Statistiska hotspots (Gi*)", "Statistical hotspots (Gi*)"),
    "incidents.map.cell_size": ("Rutstorlek (meter)", "Cell size (metres)"),
    "incidents.map.bandwidth": ("Utjämning för värmekartan (meter)", "Smoothing of the heat map (metres)"),
    "incidents.map.show_cold": ("Visa kalla rutor", "Show cold cells"),
    "incidents.map.no_status": ("inga svar", "no answers"),
    "incidents.map.n_events": ("{n} händelser här", "{n} events here"),
    "incidents.map.place_counts": (
        "{n} händelser under perioden (perioden före: {previous})",
        "{n} events in the period (period before: {previous})",
    ),
    "incidents.map.cell_counts": (
        "{n} händelser i rutan (perioden före: {previous})",
        "{n} events in the cell (period before: {previous})",
    ),
    "incidents.map.totals": (
        "{n} händelser under perioden, varav {on_map} med plats på kartan.",
        "{n} events in the period, {on_map} of them with a place on the map.",
    ),
    "incidents.map.centre_only": (
        "{n} polishändelser har bara kommunens eller länets mittpunkt som plats. De visas inte som punkter "
        "på kartan men räknas i tabellerna per kommun.",
        "{n} police events only give the municipality's or county's centre point as their place. They are "
        "not drawn as points but are counted per municipality.",
    ),
    "incidents.map.computing": ("Räknar fram kartan och heta punkter …", "Computing the map and hotspots …"),
    "incidents.map.binned_note": (
        "Många händelser: punkterna är sammanslagna till rutor om cirka 100 meter (cirkelns storlek visar antalet).",
        "Many events: points are merged into cells of about 100 metres (circle size shows the count).",
    ),
    "incidents.map.cell_enlarged": (
        "Rutorna är förstorade till {cell} m så att beräkningen går snabbt för så stort område.",
        "Cells are enlarged to {cell} m to keep the computation fast for so large an area.",
    ),
    "incidents.map.no_events": (
        "Inga händelser med plats för urvalet.",
        "No events with a place for the selection.",
    ),
    "incidents.map.click_hint": (
        "Välj en rad för att zooma till platsen på kartan.",
        "Select a row to zoom the map to it.",
    ),
    "incidents.legend.rate": ("Händelser per 1 000 invånare", "Events per 1,000 inhabitants"),
    "incidents.legend.count": ("Antal händelser", "Number of events"),
    "incidents.legend.title": ("Så läser du hotspot-rutorna", "How to read the hotspot cells"),
    "incidents.legend.text": (
        "Kartan delas in i lika stora rutor över kommunens land. För varje ruta räknas händelserna i rutan och "
        "dess upp till åtta grannrutor (ett fönster på 3 × 3 rutor) och jämförs med vad samma fönster skulle "
        "få om periodens antal per ruta hade fördelats slumpmässigt över alla rutor (Getis-Ord Gi*, "
        "tvåsidigt test). **Het 95 %** betyder: fönstret har fler händelser än slumpen rimligen ger, och av "
        "alla rutor som märks het 95 % eller mer väntas högst omkring 5 % vara falsklarm (justerat för att "
        "alla rutor prövas samtidigt, Benjamini-Hochberg). 99 % och 90 % på samma sätt med 1 % och 10 %. "
        "**Het ruta, lugnt runt omkring** är en enstaka ruta med många händelser där grannrutorna inte har "
        "fler än slumpen: en plats, inte ett område. **Kall** betyder färre händelser än slumpen ger, ofta "
        "landsbygd eller industriområden; en ruta vars hela fönster saknar händelser märks aldrig kall (där "
        "finns inga uppgifter, inte nödvändigtvis trygghet). En ruta utan färg är inte nödvändigtvis lugn: "
        "där går det bara inte att säga något säkert.",
        "The map is divided into equal cells over the municipality's land. For each cell, the events in it and "
        "its up to eight neighbours (a 3 × 3 window) are counted and compared with what the same window would "
        "get if the period's counts per cell were spread at random over all cells (Getis-Ord Gi*, two-sided "
        "test). **Hot 95 %** means: the window has more events than chance plausibly gives, and of all cells "
        "labelled hot 95 % or more, at most about 5 % are expected to be false alarms (adjusted for testing "
        "every cell at once, Benjamini-Hochberg). 99 % and 90 % likewise with 1 % and 10 %. **Hot cell, quiet "
        "around it** is a single cell with many events whose neighbours have no more than chance: a place, "
        "not an area. **Cold** means fewer events than chance gives, often countryside or industrial land; a "
        "cell whose whole window has no events is never labelled cold (there is no data there, not "
        "necessarily safety). A cell without colour is not necessarily calm: nothing certain can be said "
        "there.",
    ),
    "incidents.hot.level3": ("Het 99 %", "Hot 99 %"),
    "incidents.hot.level2": ("Het 95 %", "Hot 95 %"),
    "incidents.hot.level1": ("Het 90 %", "Hot 90 %"),
    "incidents.hot.level0": ("Ingen säker skillnad", "No certain difference"),
    "incidents.hot.level-1": ("Kall 90 %", "Cold 90 %"),
    "incidents.hot.level-2": ("Kall 95 %", "Cold 95 %"),
    "incidents.hot.level-3": ("Kall 99 %", "Cold 99 %"),
    "incidents.hot.isolated": ("{label}: het ruta, lugnt runt omkring", "{label}: hot cell, quiet around it"),
    "incidents.hot.empty": (
        "Inga händelser i rutan eller grannrutorna",
        "No events in the cell or its neighbours",
    ),
    "incidents.map.window_counts": (
        "{window} händelser i rutan och grannrutorna, {expected} väntat av slumpen",
        "{window} events in the cell and its neighbours, {expected} expected by chance",
    ),
    "incidents.table.places": ("Platser", "Places"),
    "incidents.table.cells": ("Rutor", "Cells"),
    "incidents.table.places_caption": (
        "De {k} mest drabbade platserna står för {share} % av händelserna vid namngivna platser.",
        "The {k} most affected places account for {share} % of the events at named places.",
    ),
    "incidents.change.up": ("{diff} (säker ökning)", "{diff} (certain increase)"),
    "incidents.change.down": ("{diff} (säker minskning)", "{diff} (certain decrease)"),
    "incidents.change.none": ("{diff} (ingen säker förändring)", "{diff} (no certain change)"),
    "incidents.col.area": ("Område", "Area"),
    "incidents.col.status": ("Status", "Status"),
    "incidents.col.count": ("Antal", "Count"),
    "incidents.col.per_1000": ("Per 1 000 invånare", "Per 1,000 inhabitants"),
    "incidents.col.place": ("Plats", "Place"),
    "incidents.col.kind": ("Typ", "Kind"),
    "incidents.col.n": ("Antal", "Count"),
    "incidents.col.previous": ("Före", "Before"),
    "incidents.col.change": ("Förändring", "Change"),
    "incidents.col.share": ("Andel %", "Share %"),
    "incidents.col.cum_share": ("Ackumulerad andel %", "Cumulative share %"),
    "incidents.col.cell": ("Ruta", "Cell"),
    "incidents.col.hotspot": ("Gi*", "Gi*"),
    "incidents.map.no_time": ("(klockslag okänt)", "(time of day unknown)"),
    "incidents.col.window": ("Med grannrutor (väntat)", "With neighbours (expected)"),
    "incidents.col.source": ("Källa", "Source"),
    "incidents.col.on_map": ("Med plats på kartan", "With a place on the map"),
    "incidents.col.centre_only": ("Bara kommun-/länsmitt", "Municipality/county centre only"),
    "incidents.empty": (
        "Databasen är tom. Importera data på sidan Data.",
        "The database is empty. Import data on the Data page.",
    ),
    # Data page
    "incidents.data.intro": (
        "Läs in filer från Polisen, felanmälan, Brå, enkätverktyg och områdeslager. Du ser först vad som "
        "kommer att läsas in och vilka rader som avvisas; inget sparas förrän du klickar på Läs in. "
        "Att läsa in samma fil två gånger ändrar ingenting.",
        "Import files from the police, fault reports, Brå, survey tools and area layers. You first see what "
        "will be imported and which rows are rejected; nothing is saved until you click Import. "
        "Importing the same file twice changes nothing.",
    ),
    "incidents.data.source.polisen": ("Polisens händelser", "Police events"),
    "incidents.data.source.survey": ("Enkätsvar", "Survey answers"),
    "incidents.data.source.bra": ("Brå-statistik", "Brå statistics"),
    "incidents.data.source.felanmalan": ("Felanmälan", "Fault reports"),
    "incidents.data.source.areas": ("Områden", "Areas"),
    "incidents.data.help.polisen": (
        "JSON-fil från Polisens öppna API (/api/events). Tiden tas ur händelsens namn; sammanfattningar räknas "
        "inte som händelser; en händelse som publicerats på nytt uppdateras.",
        "JSON file from the police open API (/api/events). The time is taken from the event's name; summaries "
        "are not counted as events; a re-published event is updated.",
    ),
    "incidents.data.help.felanmalan": (
        "Felanmälan som CSV eller Excel: datum, kategori, adress eller koordinater (WGS 84 eller SWEREF 99 TM) "
        "och kostnad. Platser utanför kommunen avvisas.",
        "Fault reports as CSV or Excel: date, category, address or coordinates (WGS 84 or SWEREF 99 TM) and "
        "cost. Places outside the municipality are rejected.",
    ),
    "incidents.data.help.areas": (
        "Områdeslager som GeoJSON, GeoPackage eller zippad Shapefile i valfritt koordinatsystem. Händelser, "
        "rapporter och platser placeras sedan om i områdena.",
        "Area layer as GeoJSON, GeoPackage or zipped Shapefile in any coordinate system. Events, reports and "
        "places are then reassigned to the areas.",
    ),
    "incidents.data.choose_file": ("Välj fil", "Choose a file"),
    "incidents.data.preview": ("Förhandsgranska", "Preview"),
    "incidents.data.preview_heading": ("Förhandsgranskning", "Preview"),
    "incidents.data.load": ("Läs in", "Import"),
    "incidents.data.loading": ("Läser in …", "Importing …"),
    "incidents.data.done": ("Klart", "Done"),
    "incidents.data.loaded": ("Inläst: {summary}", "Imported: {summary}"),
    "incidents.data.rows_read": ("Lästa rader", "Rows read"),
    "incidents.data.rows_to_load": ("Nya eller ändrade", "New or changed"),
    "incidents.data.rows_loaded": ("Inlästa", "Loaded"),
    "incidents.data.rows_unchanged": ("Oförändrade", "Unchanged"),
    "incidents.data.rows_rejected": ("Avvisade", "Rejected"),
    "incidents.data.rejected_rows": ("Avvisade rader (läses inte in)", "Rejected rows (not imported)"),
    "incidents.data.col.line": ("Rad", "Line"),
    "incidents.data.col.reason": ("Orsak", "Reason"),
    "incidents.data.col.content": ("Innehåll", "Content"),
    "incidents.data.col.source": ("Källa", "Source"),
    "incidents.data.col.file": ("Fil", "File"),
    "incidents.data.col.status": ("Status", "Status"),
    "incidents.data.col.started": ("Startad", "Started"),
    "incidents.data.col.finished": ("Klar", "Finished"),
    "incidents.data.col.message": ("Meddelande", "Message"),
    "incidents.data.batches": ("Senaste inläsningar", "Recent imports"),
    "incidents.data.no_batches": ("Inga inläsningar ännu.", "No imports yet."),
    "incidents.data.name_column": ("Kolumn med områdets namn", "Column with the area's name"),
    "incidents.data.mode": ("Befintliga områden", "Existing areas"),
    "incidents.data.mode.replace": (
        "Ersätt (områden som inte finns i filen blir inaktiva)",
        "Replace (areas not in the file become inactive)",
    ),
    "incidents.data.mode.add": (
        "Lägg till (och uppdatera områden med samma namn)",
        "Add (and update areas of the same name)",
    ),
    "incidents.data.kind": ("Områdestyp", "Kind of area"),
    "incidents.data.municipality": ("Kommunkod", "Municipality code"),
    "incidents.data.mapping": ("Kolumnmappning", "Column mapping"),
    "incidents.data.mapping_help": (
        "Välj vilken kolumn i filen som motsvarar varje uppgift. Datum och kategori krävs; koordinater kan vara "
        "WGS 84 (latitud/longitud) eller SWEREF 99 TM (N/E) och känns igen automatiskt.",
        "Choose which column of the file holds each item. Date and category are required; coordinates may be "
        "WGS 84 (latitude/longitude) or SWEREF 99 TM (N/E) and are recognised automatically.",
    ),
    "incidents.data.profile": ("Sparad profil", "Saved profile"),
    "incidents.data.no_profile": (
        "Ingen profil (känn igen kolumnerna)",
        "No profile (recognise the columns)",
    ),
    "incidents.data.profile_name": ("Spara mappningen som profil", "Save the mapping as a profile"),
    "incidents.data.save_profile": ("Spara profil", "Save profile"),
    "incidents.data.profile_saved": ("Profilen {name} är sparad.", "Profile {name} saved."),
    "incidents.data.field.id": ("Ärendenummer", "Case number"),
    "incidents.data.field.date": ("Datum", "Date"),
    "incidents.data.field.category": ("Kategori", "Category"),
    "incidents.data.field.address": ("Adress eller plats", "Address or place"),
    "incidents.data.field.area": ("Område", "Area"),
    "incidents.data.field.lat": ("Latitud (WGS 84)", "Latitude (WGS 84)"),
    "incidents.data.field.lon": ("Longitud (WGS 84)", "Longitude (WGS 84)"),
    "incidents.data.field.north": ("N (SWEREF 99 TM)", "N (SWEREF 99 TM)"),
    "incidents.data.field.east": ("E (SWEREF 99 TM)", "E (SWEREF 99 TM)"),
    "incidents.data.field.cost": ("Kostnad (kr)", "Cost (SEK)"),
    "incidents.data.field.description": ("Beskrivning", "Description"),
}
