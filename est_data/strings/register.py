"""Strings for the Register page: reporters, factors, areas and places (issue 13, part 1)."""

STRINGS: dict[str, tuple[str, str]] = {
    "register.nav.title": ("Register", "Register"),
    # The reporter-list import's tab and help on the Data page (est_data.ui.imports looks these keys up).
    "incidents.data.source.reporters": ("Rapportörer", "Reporters"),
    "incidents.data.help.reporters": (
        "Rapportörslista som CSV eller Excel: namn, e-post, organisation, typ av organisation och områden "
        "(områdenas namn, åtskilda med komma). E-postadressen känner igen en rapportör som redan finns.",
        "Reporter list as CSV or Excel: name, e-mail, organisation, kind of organisation and areas (the areas' "
        "names, separated by commas). The e-mail address recognises a reporter already there.",
    ),
    "register.tab.reporters": ("Rapportörer", "Reporters"),
    "register.tab.factors": ("Faktorer", "Factors"),
    "register.tab.areas": ("Områden", "Areas"),
    "register.tab.places": ("Platser", "Places"),
    "register.yes": ("ja", "yes"),
    "register.no": ("nej", "no"),
    "register.inactive": ("inaktiv", "inactive"),
    "register.save": ("Spara", "Save"),
    "register.saved": ("Ändringen är sparad.", "The change is saved."),
    "register.unchanged": ("Inget ändrades.", "Nothing changed."),
    "register.choose_or_type": ("Välj eller skriv", "Choose or type"),
    "register.choose_areas": ("Välj områden", "Choose areas"),
    "register.no_areas": (
        "Kommunen har inga områden ännu. Läs in ert områdeslager under **Data → Områden** (eller med "
        "`python -m est_data import areas FIL`) innan ni lägger till rapportörer.",
        "The municipality has no areas yet. Import your area layer under **Data → Areas** (or with "
        "`python -m est_data import areas FILE`) before adding reporters.",
    ),
    "register.no_reporters": ("Inga rapportörer ännu.", "No reporters yet."),
    "register.col.name": ("Namn", "Name"),
    "register.col.email": ("E-post", "E-mail"),
    "register.col.organisation": ("Organisation", "Organisation"),
    "register.col.org_kind": ("Typ av organisation", "Kind of organisation"),
    "register.col.areas": ("Områden", "Areas"),
    "register.col.area": ("Område", "Area"),
    "register.col.active": ("Aktiv", "Active"),
    "register.col.answers": ("Svar hittills", "Answers so far"),
    "register.col.order": ("Ordning", "Order"),
    "register.col.code": ("Kod", "Code"),
    "register.col.label_sv": ("Benämning (svenska)", "Label (Swedish)"),
    "register.col.label_en": ("Benämning (engelska)", "Label (English)"),
    "register.col.description": ("Beskrivning", "Description"),
    "register.col.ratings": ("Bedömningar", "Ratings"),
    "register.col.kind": ("Typ", "Kind"),
    "register.col.population": ("Invånare", "Inhabitants"),
    "register.col.reporters": ("Rapportörer", "Reporters"),
    "register.col.places": ("Platser", "Places"),
    "register.col.lat": ("Latitud", "Latitude"),
    "register.col.lon": ("Longitud", "Longitude"),
    "register.reporter.add": ("Lägg till rapportör", "Add a reporter"),
    "register.reporter.add_submit": ("Lägg till", "Add"),
    "register.reporter.added": ("Rapportören {name} är tillagd.", "The reporter {name} was added."),
    "register.reporter.edit": ("Ändra rapportör", "Edit a reporter"),
    "register.reporter.choose": ("Rapportör", "Reporter"),
    "register.reporter.active_help": (
        "En inaktiv rapportör får inga nya enkätlänkar (de gamla slutar gälla) och kan inte väljas i formuläret; "
        "tidigare svar finns kvar under sitt namn.",
        "An inactive reporter gets no new survey links (old ones stop working) and cannot be chosen in the form; "
        "earlier answers stay under their name.",
    ),
    "register.reporter.import": (
        "Importera en rapportörslista (CSV eller Excel)",
        "Import a reporter list (CSV or Excel)",
    ),
    "register.reporter.import_help": (
        "En rad per rapportör med kolumnerna namn, e-post, organisation, typ av organisation och områden "
        "(områdenas namn, åtskilda med komma). E-postadressen känner igen en rapportör som redan finns: "
        "en ny import av listan uppdaterar dem och lägger till de nya.",
        "One row per reporter with the columns name, e-mail, organisation, kind of organisation and areas "
        "(the areas' names, separated by commas). The e-mail address recognises a reporter already there: "
        "importing the list again updates them and adds the new ones.",
    ),
    "register.factor.intro": (
        "Faktorerna är frågorna i veckoenkäten. Koden ändras aldrig, så tidigare svar behåller sin faktor; "
        "en inaktiv faktor visas inte längre i formuläret.",
        "The factors are the questions of the weekly survey. The code never changes, so earlier answers keep "
        "their factor; an inactive factor is no longer shown in the form.",
    ),
    "register.factor.none": ("Det finns inga faktorer ännu.", "There are no factors yet."),
    "register.factor.defaults": (
        "Lägg in EST:s standardlista (12 faktorer)",
        "Add EST's default list (12 factors)",
    ),
    "register.factor.defaults_added": ("{n} faktorer är inlagda.", "{n} factors were added."),
    "register.factor.add": ("Lägg till faktor", "Add a factor"),
    "register.factor.add_submit": ("Lägg till", "Add"),
    "register.factor.added": (
        "Faktorn {label} är tillagd sist i listan.",
        "The factor {label} was added last.",
    ),
    "register.factor.edit": ("Ändra faktor", "Edit a factor"),
    "register.factor.choose": ("Faktor", "Factor"),
    "register.factor.active_help": (
        "En inaktiv faktor frågas inte längre; tidigare bedömningar finns kvar.",
        "An inactive factor is no longer asked; earlier ratings are kept.",
    ),
    "register.factor.up": ("Flytta upp", "Move up"),
    "register.factor.down": ("Flytta ned", "Move down"),
    "register.area.intro": (
        "Områdena kommer från områdeslagret (Data → Områden). Här ändras namn, typ och invånarantal; ett "
        "inaktivt område visas inte längre men dess svar och händelser finns kvar.",
        "The areas come from the area layer (Data → Areas). Here you change name, kind and population; an "
        "inactive area is no longer shown but its answers and events are kept.",
    ),
    "register.area.choose": ("Område", "Area"),
    "register.area.population_help": (
        "Används för händelser per 1 000 invånare i rapporterna. Tomt = okänt.",
        "Used for events per 1,000 inhabitants in the reports. Empty = unknown.",
    ),
    "register.area.active_help": (
        "Ett inaktivt område får inga nya svar; historiken finns kvar.",
        "An inactive area gets no new answers; its history is kept.",
    ),
    "register.place.intro": (
        "Namngivna platser (torg, skolor, hållplatser …) som rapportörer och insatser kan peka ut.",
        "Named places (squares, schools, stops …) that reporters and actions can point at.",
    ),
    "register.place.add": ("Lägg till plats", "Add a place"),
    "register.place.add_submit": ("Lägg till", "Add"),
    "register.place.added": ("Platsen {name} är tillagd.", "The place {name} was added."),
    "register.place.use_map": ("Välj punkten på kartan", "Pick the point on the map"),
    "register.place.area_by_point": ("Området där punkten ligger", "The area the point lies in"),
    "register.place.edit": ("Ändra plats", "Edit a place"),
    "register.place.choose": ("Plats", "Place"),
    "register.error.name": ("Namnet måste ha 1–{n} tecken.", "The name must have 1–{n} characters."),
    "register.error.label": ("Benämningen måste ha 1–{n} tecken.", "The label must have 1–{n} characters."),
    "register.error.email": (
        "{email} ser inte ut som en e-postadress.",
        "{email} does not look like an e-mail address.",
    ),
    "register.error.user_email_taken": (
        "E-postadressen {email} används redan av användaren {username}. Varje e-postadress kan bara höra till "
        "en användare (inloggningen med organisationens konto känner igen användaren på den).",
        "The e-mail address {email} is already used by the user {username}. Each address can belong to one "
        "user only (sign-in with the organisation's account recognises the user by it).",
    ),
    "register.error.reporter_email_taken": (
        "E-postadressen {email} används redan av rapportören {name}.",
        "The e-mail address {email} is already used by the reporter {name}.",
    ),
    "register.error.no_area": ("Området finns inte ({ids}).", "The area does not exist ({ids})."),
    "register.error.area_exists": (
        "Det finns redan ett område som heter {name}.",
        "There is already an area called {name}.",
    ),
    "register.error.population": (
        "Invånarantalet ska vara ett heltal (0 eller mer), eller tomt.",
        "The population must be a whole number (0 or more), or empty.",
    ),
    "register.error.no_factor": ("Faktorn {code} finns inte.", "The factor {code} does not exist."),
    "register.error.factor_code": (
        "Koden {code} går inte: använd a–z, 0–9 och _ (2–40 tecken, börjar med en bokstav).",
        "The code {code} cannot be used: use a–z, 0–9 and _ (2–40 characters, starting with a letter).",
    ),
    "register.error.factor_exists": (
        "Det finns redan en faktor med koden {code}.",
        "There is already a factor with the code {code}.",
    ),
    "register.error.sort_order": ("Ordningen ska vara ett heltal.", "The order must be a whole number."),
    "register.error.last_factor": (
        "Minst en faktor måste vara aktiv, annars har enkäten inga frågor.",
        "At least one factor must be active, or the survey has no questions.",
    ),
    "register.error.no_place": ("Platsen finns inte.", "The place does not exist."),
    "register.error.coordinates": (
        "Ange latitud och longitud i WGS 84 (decimalgrader, t.ex. 55.3751 och 13.1569) inom Sverige.",
        "Give latitude and longitude in WGS 84 (decimal degrees, e.g. 55.3751 and 13.1569) within Sweden.",
    ),
    "register.error.place_outside": (
        "Punkten ligger inte i något av kommunens aktiva områden: välj området själv eller en annan punkt.",
        "The point lies in none of the municipality's active areas: choose the area yourself or another point.",
    ),
}
