"""Strings for safety walks (Trygghetsvandringar): the page, the Karta layer, the reports' section and
the residents' report."""

STRINGS: dict[str, tuple[str, str]] = {
    "walks.nav.title": ("Trygghetsvandringar", "Safety walks"),
    "walks.intro": (
        "Planera trygghetsvandringar med boende, polisen och kommunen, för in vad ni hittar på kartan, "
        "gör fynden till förslag och insatser och följ upp dem efter omkring {months} månader.",
        "Plan safety walks with residents, the police and the municipality, record what you find on the "
        "map, turn findings into proposals and actions, and follow them up after about {months} months.",
    ),
    "walks.read_only": (
        "Du kan se vandringarna men inte ändra dem.",
        "You can see the walks but not change them.",
    ),
    "walks.tab.walks": ("Vandringar", "Walks"),
    "walks.tab.findings": ("Fynd", "Findings"),
    "walks.tab.followup": ("Uppföljning", "Follow-up"),
    "walks.none": ("Inga trygghetsvandringar ännu.", "No safety walks yet."),
    "walks.layer": ("Trygghetsvandringar", "Safety walks"),
    "walks.layer_caption": (
        "{n} fynd från trygghetsvandringar under perioden.",
        "{n} findings from safety walks in the period.",
    ),
    # categories (stored as codes)
    "walks.category.belysning": ("Belysning", "Lighting"),
    "walks.category.vegetation": ("Buskage/växtlighet", "Bushes/vegetation"),
    "walks.category.skymd_sikt": ("Skymd sikt", "Blocked view"),
    "walks.category.nedskrapning": ("Nedskräpning", "Litter"),
    "walks.category.hang": ("Samlingsplats/häng", "Gathering place/hangout"),
    "walks.category.annat": ("Annat", "Other"),
    # statuses
    "walks.status.planerad": ("Planerad", "Planned"),
    "walks.status.genomförd": ("Genomförd", "Held"),
    "walks.followup.öppen": ("Ej uppföljd", "Not followed up"),
    "walks.followup.åtgärdad": ("Åtgärdad", "Resolved"),
    "walks.followup.delvis": ("Delvis åtgärdad", "Partly resolved"),
    "walks.followup.ej_åtgärdad": ("Ej åtgärdad", "Not resolved"),
    "walks.state.försenad": ("Försenad", "Overdue"),
    "walks.state.förfaller": ("Förfaller", "Due soon"),
    "walks.state.senare": ("Senare", "Later"),
    "walks.state.klar": ("Klar", "Done"),
    # columns and fields
    "walks.col.date": ("Datum", "Date"),
    "walks.col.title": ("Namn", "Name"),
    "walks.col.area": ("Område", "Area"),
    "walks.col.status": ("Status", "Status"),
    "walks.col.participants_count": ("Deltagare (antal)", "Participants (number)"),
    "walks.col.participants": ("Deltagare (vilka)", "Participants (who)"),
    "walks.col.partners": ("Samverkansparter", "Partners"),
    "walks.col.notes": ("Interna anteckningar", "Internal notes"),
    "walks.col.route": ("Sträcka (GeoJSON-linje)", "Route (GeoJSON line)"),
    "walks.col.findings": ("Fynd", "Findings"),
    "walks.col.measures": ("Förslag", "Proposals"),
    "walks.col.actions": ("Insatser", "Actions"),
    "walks.col.category": ("Kategori", "Category"),
    "walks.col.count": ("Antal", "Number"),
    "walks.col.factor": ("EST-faktor", "EST factor"),
    "walks.col.place": ("Plats", "Place"),
    "walks.col.description": ("Vad", "What"),
    "walks.col.measure": ("Föreslagen åtgärd", "Proposed measure"),
    "walks.col.responsible": ("Ansvarig organisation", "Responsible organisation"),
    "walks.col.action": ("Insats", "Action"),
    "walks.col.photo": ("Foto", "Photo"),
    "walks.col.lat": ("Latitud", "Latitude"),
    "walks.col.lon": ("Longitud", "Longitude"),
    "walks.col.due": ("Uppföljning senast", "Follow-up due"),
    "walks.col.state": ("Läge", "State"),
    "walks.col.followup": ("Utfall", "Outcome"),
    "walks.col.done": ("Uppföljd", "Followed up"),
    "walks.col.walk": ("Vandring", "Walk"),
    # plan a walk
    "walks.plan.title": ("Planera en vandring", "Plan a walk"),
    "walks.plan.submit": ("Spara vandringen", "Save the walk"),
    "walks.plan.saved": ("Vandringen {date} är sparad.", "The walk on {date} is saved."),
    "walks.plan.no_area": ("Hela kommunen / bara sträckan", "Whole municipality / the route only"),
    "walks.plan.route_help": (
        "Rita sträckan på kartan nedan, eller klistra in en GeoJSON-linje. Valfritt om ett område är valt.",
        "Draw the route on the map below, or paste a GeoJSON line. Optional when an area is chosen.",
    ),
    "walks.plan.draw": ("Rita sträckan på kartan", "Draw the route on the map"),
    "walks.plan.participants_help": (
        "Internt: kommer aldrig med i rapporten till de boende.",
        "Internal: never in the residents' report.",
    ),
    "walks.walk.choose": ("Vandring", "Walk"),
    "walks.walk.edit": ("Ändra vandringen", "Edit the walk"),
    "walks.walk.mark_held": ("Markera som genomförd", "Mark as held"),
    "walks.walk.updated": ("Vandringen är ändrad.", "The walk is changed."),
    "walks.walk.unchanged": ("Inget ändrades.", "Nothing changed."),
    "walks.walk.planned_note": (
        "Vandringen är planerad. Markera den som genomförd när den är gjord, så kommer fynden på uppföljningslistan.",
        "The walk is planned. Mark it as held when it is done, so that its findings come on the follow-up list.",
    ),
    # findings
    "walks.finding.add": ("Nytt fynd", "New finding"),
    "walks.finding.map_hint": (
        "Klicka på kartan där fyndet är, eller skriv in koordinaterna. Lämna dem tomma för ett fynd som gäller hela sträckan.",
        "Click the map where the finding is, or type its coordinates. Leave them empty for a finding on the whole route.",
    ),
    "walks.finding.photo": (
        "Foto (valfritt, JPEG eller PNG, högst {mb} MB)",
        "Photo (optional, JPEG or PNG, at most {mb} MB)",
    ),
    "walks.finding.photo_help": (
        "Foton stannar internt och kommer aldrig med i rapporten till de boende.",
        "Photos stay internal and are never in the residents' report.",
    ),
    "walks.finding.no_factor": ("Ingen faktor", "No factor"),
    "walks.finding.submit": ("Spara fyndet", "Save the finding"),
    "walks.finding.saved": ("Fyndet är sparat.", "The finding is saved."),
    "walks.finding.none": ("Inga fynd ännu för den här vandringen.", "No findings for this walk yet."),
    "walks.finding.choose": ("Fynd", "Finding"),
    "walks.finding.measure_title": (
        "Ändra fyndet, förslag och insats",
        "Edit the finding, proposal and action",
    ),
    "walks.finding.save_measure": ("Spara ändringarna", "Save the changes"),
    "walks.finding.position_help": (
        "Lämna båda tomma om fyndet gäller hela sträckan.",
        "Leave both empty when the finding is about the whole route.",
    ),
    "walks.finding.to_action": ("Gör till insats", "Turn into an action"),
    "walks.finding.action_title": ("Insatsens namn", "The action's title"),
    "walks.finding.action_kind": ("Typ av insats", "Kind of action"),
    "walks.finding.action_start": ("Start", "Start"),
    "walks.finding.action_created": (
        "Insats {id} är skapad och syns under Insatser.",
        "Action {id} is created and shows in Actions.",
    ),
    "walks.finding.has_action": (
        "Fyndet är redan insats {id} ({status}).",
        "The finding is already action {id} ({status}).",
    ),
    "walks.finding.show_photo": ("Visa foto", "Show photo"),
    "walks.residents.download": ("Rapport till de boende (PDF)", "Report for the residents (PDF)"),
    "walks.residents.download_help": (
        "Datum, område, vad ni hittade och vad som händer nu. Inga namn, anteckningar eller foton.",
        "Date, area, what you found and what happens next. No names, notes or photos.",
    ),
    # follow-up
    "walks.followup.intro": (
        "Fynd från genomförda vandringar följs upp {months} månader efter vandringen. "
        "Förfaller = inom {days} dagar, försenad = datumet har passerat.",
        "Findings of held walks are followed up {months} months after the walk. "
        "Due soon = within {days} days, overdue = the date has passed.",
    ),
    "walks.followup.none": (
        "Inga fynd att följa upp ännu (bara genomförda vandringar kommer med).",
        "No findings to follow up yet (only walks that were held count).",
    ),
    "walks.followup.counts": (
        "{overdue} försenade, {soon} förfaller, {later} senare, {done} klara.",
        "{overdue} overdue, {soon} due soon, {later} later, {done} done.",
    ),
    "walks.followup.record": ("Registrera utfallet", "Record the outcome"),
    "walks.followup.status": ("Status", "Status"),
    "walks.followup.outcome": ("Vad blev det?", "What came of it?"),
    "walks.followup.date": ("Datum", "Date"),
    "walks.followup.submit": ("Spara uppföljningen", "Save the follow-up"),
    "walks.followup.saved": ("Uppföljningen är sparad.", "The follow-up is saved."),
    "walks.followup.months": ("Månader till uppföljning", "Months to follow-up"),
    "walks.followup.months_submit": ("Spara", "Save"),
    # map tooltips
    "walks.map.walk_of": ("Trygghetsvandring {date}", "Safety walk {date}"),
    "walks.map.measure": ("Förslag: {text}", "Proposal: {text}"),
    "walks.map.action": ("Insats {id}", "Action {id}"),
    "walks.map.route": ("Sträcka", "Route"),
    # errors
    "walks.error.date": ("Datumet ska skrivas ÅÅÅÅ-MM-DD.", "The date must be written YYYY-MM-DD."),
    "walks.error.area": ("Området finns inte i kommunen.", "The area is not in the municipality."),
    "walks.error.where": (
        "Välj ett område eller rita en sträcka för vandringen.",
        "Choose an area or draw a route for the walk.",
    ),
    "walks.error.route": (
        "Sträckan måste vara en GeoJSON-linje (LineString) med koordinater i WGS 84.",
        "The route must be a GeoJSON line (LineString) with WGS 84 coordinates.",
    ),
    "walks.error.participants": (
        "Antalet deltagare ska vara ett heltal (0 eller mer).",
        "The number of participants must be a whole number (0 or more).",
    ),
    "walks.error.held_future": (
        "En genomförd vandring kan inte ha ett datum i framtiden.",
        "A walk that was held cannot have a date in the future.",
    ),
    "walks.error.status": ("Okänd status för vandringen.", "Unknown status for the walk."),
    "walks.error.too_long": (
        "Texten är för lång (högst {n} tecken).",
        "The text is too long (at most {n} characters).",
    ),
    "walks.error.unknown_field": ("Okänt fält: {field}.", "Unknown field: {field}."),
    "walks.error.not_found": ("Vandring {id} finns inte.", "Walk {id} does not exist."),
    "walks.error.finding_not_found": ("Fynd {id} finns inte.", "Finding {id} does not exist."),
    "walks.error.category": ("Välj en kategori för fyndet.", "Choose a category for the finding."),
    "walks.error.factor": ("Faktorn finns inte.", "The factor does not exist."),
    "walks.error.position": (
        "Positionen ska vara latitud och longitud i Sverige (t.ex. 55,3751 och 13,1569), eller båda tomma.",
        "The position must be a latitude and longitude in Sweden (e.g. 55.3751 and 13.1569), or both empty.",
    ),
    "walks.error.what": (
        "Skriv var fyndet är eller vad ni såg.",
        "Write where the finding is or what you saw.",
    ),
    "walks.error.photo_size": (
        "Fotot är för stort (högst {mb} MB).",
        "The photo is too large (at most {mb} MB).",
    ),
    "walks.error.photo_type": (
        "Fotot måste vara en JPEG- eller PNG-bild.",
        "The photo must be a JPEG or PNG image.",
    ),
    "walks.error.already_action": (
        "Fyndet är redan insats {action}.",
        "The finding is already action {action}.",
    ),
    "walks.error.no_measure": (
        "Skriv ett förslag till åtgärd innan fyndet görs till insats.",
        "Write a proposed measure before turning the finding into an action.",
    ),
    "walks.error.kind": (
        "Typen av insats ska vara en av: {kinds}.",
        "The kind of action must be one of: {kinds}.",
    ),
    "walks.error.action_area": (
        "Insatsen behöver ett område: välj ett område för vandringen eller ge fyndet en position i ett område.",
        "The action needs an area: choose an area for the walk or give the finding a position in an area.",
    ),
    "walks.error.followup_status": ("Okänd status för uppföljningen.", "Unknown follow-up status."),
    "walks.error.outcome": ("Skriv vad som blev av förslaget.", "Write what came of the proposal."),
    "walks.error.done_before_walk": (
        "Uppföljningen kan inte vara före vandringen.",
        "The follow-up cannot be before the walk.",
    ),
    "walks.error.months": ("Ange 1–36 månader.", "Give 1–36 months."),
    # reports
    "walks.report.heading": ("Trygghetsvandringar", "Safety walks"),
    "walks.report.none": (
        "Inga trygghetsvandringar under perioden.",
        "No safety walks in the period.",
    ),
    "walks.report.kf.walks": ("Vandringar", "Walks"),
    "walks.report.kf.findings": ("Fynd", "Findings"),
    "walks.report.kf.measures": ("Förslag till åtgärd", "Proposed measures"),
    "walks.report.kf.actions": ("varav {n} insatser", "{n} became actions"),
    "walks.report.kf.followups": ("Uppföljda", "Followed up"),
    "walks.report.kf.due": ("{n} förföll under perioden", "{n} came due in the period"),
    "walks.report.by_category": ("Fynd per kategori", "Findings by category"),
    "walks.report.measures": (
        "{n} förslag till åtgärd, varav {actions} blev insatser i insatsregistret.",
        "{n} proposed measures, of which {actions} became actions in the action register.",
    ),
    "walks.report.due": (
        "{n} uppföljningar förföll under perioden; {open} av dem är ännu inte gjorda.",
        "{n} follow-ups came due in the period; {open} of them are not done yet.",
    ),
    "walks.report.done": ("{n} fynd följdes upp: {outcomes}.", "{n} findings were followed up: {outcomes}."),
    "walks.report.overdue": (
        "{n} uppföljningar är försenade.",
        "{n} follow-ups are overdue.",
    ),
    "walks.report.planned": ("Planerade vandringar: {dates}.", "Planned walks: {dates}."),
    "walks.report.route_only": ("(sträcka)", "(route)"),
    # residents' report
    "walks.residents.title": ("Trygghetsvandring – {place}", "Safety walk – {place}"),
    "walks.residents.subtitle": (
        "Vad vi såg och vad som händer nu · {date}",
        "What we saw and what happens next · {date}",
    ),
    "walks.residents.classification": ("Till boende och deltagare", "For residents and participants"),
    "walks.residents.intro": (
        "Den {date} gick boende tillsammans med kommunen och polisen en trygghetsvandring i {place} för att "
        "hitta platser som känns otrygga och föreslå vad som kan göras.",
        "On {date} residents walked {place} together with the municipality and the police to find places "
        "that feel unsafe and propose what can be done.",
    ),
    "walks.residents.count": ("Vi var {n} deltagare.", "We were {n} participants."),
    "walks.residents.partners": ("Med var: {partners}.", "Taking part: {partners}."),
    "walks.residents.found": ("Vad vi såg", "What we saw"),
    "walks.residents.nothing": ("Inga otrygga platser noterades.", "No unsafe places were noted."),
    "walks.residents.whole_route": ("Hela sträckan", "The whole route"),
    "walks.residents.next": ("Vad händer nu", "What happens next"),
    "walks.residents.the_group": ("trygghetsgruppen", "the safety group"),
    "walks.residents.next_action": (
        "{measure} – beslutad insats, ansvarig: {who}.",
        "{measure} – decided action, responsible: {who}.",
    ),
    "walks.residents.next_measure": ("{measure} – förslag till {who}.", "{measure} – proposed to {who}."),
    "walks.residents.next_meeting": (
        "Förslagen tas upp på nästa trygghetsmöte, inom en månad.",
        "The proposals are taken up at the next safety meeting, within a month.",
    ),
    "walks.residents.next_followup": (
        "Vi följer upp vad som har gjorts omkring {date}.",
        "We follow up what has been done around {date}.",
    ),
    "walks.residents.footer": (
        "Frågor eller fler otrygga platser? Kontakta kommunens trygghetssamordnare.",
        "Questions or more unsafe places? Contact the municipality's safety coordinator.",
    ),
    "walks.action_description": (
        "{text} (från trygghetsvandringen {date}, fynd {id})",
        "{text} (from the safety walk on {date}, finding {id})",
    ),
    # CLI
    "walks.cli.none": ("Inga vandringar.", "No walks."),
    "walks.cli.no_due": (
        "Inga uppföljningar försenade eller förfaller.",
        "No follow-ups overdue or due soon.",
    ),
    "walks.erase.heading": (
        "Radera personuppgifter från en trygghetsvandring",
        "Delete a safety walk's personal data",
    ),
    "walks.erase.intro": (
        "Deltagarna, de interna anteckningarna och fyndens foton raderas nu (gallringen gör det annars när "
        "vandringen är äldre än gallringstiden). Datum, område, antal deltagare, partner och fynden finns kvar; "
        "granskningsloggen visar att uppgifterna raderades, inte vad de var.",
        "The participants, the internal notes and the findings' photos are deleted now (the retention run "
        "otherwise does so when the walk is older than the retention period). Date, area, number of "
        "participants, partners and the findings remain; the audit log shows that the data was deleted, "
        "not what it was.",
    ),
    "walks.erase.none": (
        "Ingen trygghetsvandring har deltagare, anteckningar eller foton sparade.",
        "No safety walk holds participants, notes or photos.",
    ),
    "walks.erase.choose": ("Trygghetsvandring", "Safety walk"),
    "walks.erase.what": (
        "{date} {place}: {what}",
        "{date} {place}: {what}",
    ),
    "walks.erase.participants": ("deltagare", "participants"),
    "walks.erase.notes": ("anteckningar", "notes"),
    "walks.erase.photos": ("{n} foton", "{n} photos"),
    "walks.erase.confirm": (
        "Jag förstår att uppgifterna inte går att återställa.",
        "I understand that the data cannot be restored.",
    ),
    "walks.erase.run": ("Radera vandringens personuppgifter", "Delete the walk's personal data"),
    "walks.erase.done": (
        "Klart: vandringens deltagare, anteckningar och {photos} foton raderade.",
        "Done: the walk's participants, notes and {photos} photos deleted.",
    ),
}
