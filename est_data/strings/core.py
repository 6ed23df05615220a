"""Strings for the app shell, login and the Översikt page."""

STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("EST-dashboard", "EST dashboard"),
    "app.sample_banner": (
        "Exempeldata: allt här är påhittat (fiktiva händelser, personer och insatser på Trelleborgs karta).",
        "Sample data: everything here is fictional (invented events, people and actions on Trelleborg's map).",
    ),
    "nav.overview": ("Översikt", "Overview"),
    "nav.section.weekly": ("Veckoarbetet", "Weekly work"),
    "nav.section.analysis": ("Analys", "Analysis"),
    "nav.section.admin": ("Administration", "Administration"),
    "lang.label": ("Språk", "Language"),
    "login.title": ("Logga in", "Log in"),
    "login.username": ("Användarnamn", "Username"),
    "login.password": ("Lösenord", "Password"),
    "login.submit": ("Logga in", "Log in"),
    "login.failed": ("Fel användarnamn eller lösenord.", "Wrong username or password."),
    "login.locked": (
        "För många misslyckade försök. Vänta {seconds} sekunder och försök igen.",
        "Too many failed attempts. Wait {seconds} seconds and try again.",
    ),
    "login.logout": ("Logga ut", "Log out"),
    "login.signed_in_as": ("Inloggad som **{name}** ({role})", "Signed in as **{name}** ({role})"),
    "login.timeout": (
        "Du har loggats ut efter en stunds inaktivitet.",
        "You were logged out after inactivity.",
    ),
    "firstrun.title": ("Välkommen till EST-dashboard", "Welcome to EST dashboard"),
    "firstrun.intro": (
        "Det finns inga användare ännu. Skapa det första administratörskontot. Det finns inget förinställt lösenord.",
        "There are no users yet. Create the first administrator account. There is no default password.",
    ),
    "firstrun.display_name": ("Namn", "Name"),
    "firstrun.password2": ("Upprepa lösenordet", "Repeat the password"),
    "firstrun.submit": ("Skapa administratör", "Create administrator"),
    "firstrun.mismatch": ("Lösenorden är inte lika.", "The passwords do not match."),
    "firstrun.created": ("Administratören är skapad. Logga in.", "The administrator was created. Log in."),
    "user.error.short_password": (
        "Lösenordet måste ha minst {n} tecken.",
        "The password must have at least {n} characters.",
    ),
    "user.error.username": (
        "Användarnamnet får bara innehålla bokstäver, siffror, punkt, bindestreck och understreck (2–64 tecken).",
        "The username may only contain letters, digits, dot, hyphen and underscore (2–64 characters).",
    ),
    "user.error.exists": ("Användaren {username} finns redan.", "The user {username} already exists."),
    "user.error.role": (
        "Okänd roll: {role}. Välj bland {roles}.",
        "Unknown role: {role}. Choose from {roles}.",
    ),
    "role.admin": ("administratör", "administrator"),
    "role.samordnare": ("samordnare", "coordinator"),
    "role.läsare": ("läsare", "reader"),
    "role.rapportör": ("rapportör", "reporter"),
    "filters.title": ("Urval", "Filters"),
    "filters.municipality": ("Kommun", "Municipality"),
    "filters.period": ("Period", "Period"),
    "filters.areas": ("Områden", "Areas"),
    "filters.areas_all": ("Alla områden", "All areas"),
    "status.grön": ("grön", "green"),
    "status.gul": ("gul", "yellow"),
    "status.röd": ("röd", "red"),
    "overview.title": ("Översikt", "Overview"),
    "overview.week": ("Vecka {week}, {year} ({start} – {end})", "Week {week}, {year} ({start} – {end})"),
    "overview.latest_week_note": (
        "Den aktuella veckan (v. {current}) har inga svar ännu; här visas den senaste veckan med svar.",
        "The current week (W{current}) has no answers yet; showing the latest week with answers.",
    ),
    "overview.responses": ("Rapportörer som svarat", "Reporters who answered"),
    "overview.responses_help": (
        "Antal aktiva rapportörer som skickat in svar för veckan, av alla aktiva rapportörer.",
        "Active reporters who submitted answers for the week, of all active reporters.",
    ),
    "overview.status_heading": ("Områdenas status enligt enkäten", "Area status from the survey"),
    "overview.status_rule": (
        "Röd: någon faktor på nivå {red} eller minst {count} faktorer på nivå 2 eller mer. Gul: någon faktor på "
        "nivå {yellow}. Annars grön. Nivåerna är veckans högsta bland rapportörerna.",
        "Red: any factor at level {red} or at least {count} factors at level 2 or more. Yellow: any factor at "
        "level {yellow}. Otherwise green. Levels are the week's highest among reporters.",
    ),
    "overview.no_answers": ("inga svar", "no answers"),
    "overview.incidents_heading": ("Händelser senaste 7 dagarna", "Events in the last 7 days"),
    "overview.incidents_caption": (
        "Till och med {end}. Jämfört med snittet för de fyra föregående veckorna.",
        "Up to and including {end}. Compared with the average of the four previous weeks.",
    ),
    "overview.police": ("Polishändelser", "Police events"),
    "overview.fault_reports": ("Felanmälningar", "Fault reports"),
    "overview.fault_cost": ("Kostnad felanmälningar", "Fault report costs"),
    "overview.observations": ("Rapportörernas händelser", "Reporters' event reports"),
    "overview.avg4": ("snitt 4 veckor: {avg}", "4-week average: {avg}"),
    "overview.actions_heading": ("Pågående insatser", "Actions under way"),
    "overview.no_actions": ("Inga pågående insatser.", "No actions under way."),
    "overview.empty": (
        "Databasen är tom. Importera data under Data eller starta med exempeldata (`python -m est_data init --sample`).",
        "The database is empty. Import data under Data, or start with the sample (`python -m est_data init --sample`).",
    ),
    "col.area": ("Område", "Area"),
    "col.status": ("Status", "Status"),
    "col.title": ("Titel", "Title"),
    "col.kind": ("Typ", "Kind"),
    "col.start": ("Start", "Start"),
    "col.end": ("Slut", "End"),
    "col.responsible": ("Ansvarig", "Responsible"),
    "col.partners": ("Samverkansparter", "Partners"),
    "col.count": ("Antal", "Count"),
    "col.reporters": ("Rapportörer", "Reporters"),
    "col.max_level": ("Högsta nivå", "Highest level"),
    "common.download_xlsx": ("Ladda ner (Excel)", "Download (Excel)"),
    "common.no_data": ("Inga data för urvalet.", "No data for the selection."),
    "error.user_message": (
        "Något gick fel, och det är inte ditt fel. Inget av det du redan sparat har gått förlorat. "
        "Försök igen; om felet kommer tillbaka, kontakta den som sköter EST-dashboard och uppge "
        "felnumret **{number}**.",
        "Something went wrong, and it is not your fault. Nothing you had already saved is lost. Try again; "
        "if the error comes back, contact whoever runs EST-dashboard and give the error number **{number}**.",
    ),
    "common.no_area_layer": (
        "Inget områdeslager är inläst, så siffrorna gäller hela kommunen. Med ett områdeslager (under Data → "
        "Områden) delas händelser, trender och uppföljning upp per område, och kartan visar områdena.",
        "No area layer has been loaded, so the figures are for the whole municipality. With an area layer (under "
        "Data → Areas) events, trends and follow-up are split by area, and the map shows the areas.",
    ),
    "common.no_access": (
        "Du har inte behörighet till den här sidan.",
        "You do not have access to this page.",
    ),
    "cli.error.prefix": ("Fel", "Error"),
}
