"""Strings for the weekly cycle: the reporter form, the situation picture, the meeting, survey follow-up."""

STRINGS: dict[str, tuple[str, str]] = {
    # navigation
    "weekly.nav.report": ("Rapportera", "Report"),
    "weekly.nav.situation": ("Lägesbild", "Situation picture"),
    "weekly.nav.rounds": ("Enkätuppföljning", "Survey follow-up"),
    # errors from est_data.weekly
    "weekly.error.too_long": (
        "Texten är för lång (högst {n} tecken).",
        "The text is too long (at most {n} characters).",
    ),
    "weekly.error.no_areas": ("Inga områden att svara för.", "No areas to answer for."),
    "weekly.error.unknown_area": ("Okänt område ({area}).", "Unknown area ({area})."),
    "weekly.error.area_twice": (
        "Området {area} finns två gånger i svaret.",
        "The area {area} appears twice.",
    ),
    "weekly.error.unknown_factor": ("Okänd faktor: {factor}.", "Unknown factor: {factor}."),
    "weekly.error.level": (
        "Nivån måste vara 0, 1, 2 eller 3 (fick {level}).",
        "The level must be 0–3 (got {level}).",
    ),
    "weekly.error.future_week": ("Vecka {week} har inte börjat än.", "Week {week} has not started yet."),
    "weekly.error.unknown_reporter": ("Okänd rapportör ({reporter}).", "Unknown reporter ({reporter})."),
    "weekly.error.unknown_place": ("Okänd plats ({place}).", "Unknown place ({place})."),
    "weekly.error.no_description": ("Skriv en kort beskrivning.", "Write a short description."),
    "weekly.error.future_date": ("Datumet ligger i framtiden.", "The date is in the future."),
    "weekly.error.part_of_day": ("Okänd del av dygnet: {part}.", "Unknown part of day: {part}."),
    "weekly.error.point": ("Punkten på kartan är ogiltig.", "The point on the map is not valid."),
    "weekly.error.no_where": (
        "Ange var: område, plats, adress eller en punkt på kartan.",
        "Say where: area, place, address or a point on the map.",
    ),
    "weekly.error.status": ("Okänd status: {status}.", "Unknown status: {status}."),
    "weekly.error.kind": ("Okänd typ: {kind}.", "Unknown kind: {kind}."),
    "weekly.error.horizon": ("Okänd tidshorisont: {horizon}.", "Unknown horizon: {horizon}."),
    "weekly.error.unknown_priority": (
        "Prioriteringen finns inte (id {priority}).",
        "The priority does not exist (id {priority}).",
    ),
    "weekly.error.already_action": (
        "Prioriteringen är redan en insats (id {action}).",
        "The priority is already an action (id {action}).",
    ),
    "weekly.error.no_title": ("Insatsen behöver en rubrik.", "The action needs a title."),
    "weekly.error.end_before_start": (
        "Slutdatumet ligger före startdatumet.",
        "The end date is before the start date.",
    ),
    # the reporter form
    "weekly.form.reporter": ("Rapportör", "Reporter"),
    "weekly.form.reporter_help": (
        "Som samordnare kan du fylla i svaret åt en rapportör, t.ex. efter ett samtal.",
        "As a coordinator you can fill in the answer for a reporter, e.g. after a call.",
    ),
    "weekly.form.no_reporter": (
        "Ditt konto är inte kopplat till någon rapportör. Kontakta samordnaren om du ska rapportera.",
        "Your account is not linked to a reporter. Contact the coordinator if you are to report.",
    ),
    "weekly.form.no_areas": (
        "Rapportören är inte kopplad till något område ännu.",
        "The reporter is not linked to any area yet.",
    ),
    "weekly.form.week": ("Vecka", "Week"),
    "weekly.form.week_option": (
        "Vecka {week}, {year} ({start}–{end})",
        "Week {week}, {year} ({start}–{end})",
    ),
    "weekly.form.week_help": (
        "Svaret gäller läget under veckan. Sena svar kan lämnas för de tre senaste veckorna.",
        "The answer is about the week. Late answers can be given for the last three weeks.",
    ),
    "weekly.form.intro": (
        "Ange läget i dina områden den här veckan: 0 inget, 1 enstaka, 2 påtagligt, 3 allvarligt. "
        "Allt står på 0 från början – har du inget att rapportera räcker det att skicka.",
        "Rate the situation in your areas this week: 0 none, 1 isolated, 2 noticeable, 3 serious. "
        "Everything starts at 0 – if you have nothing to report, just send.",
    ),
    "weekly.form.already_sent": (
        "Du har redan skickat ett svar för veckan ({when}). Skickar du igen ersätts det.",
        "You already sent an answer for this week ({when}). Sending again replaces it.",
    ),
    "weekly.form.comment": ("Kommentar om {area} (valfritt)", "Comment on {area} (optional)"),
    "weekly.form.comment_placeholder": (
        "Vad har du sett? Skriv inte namn på privatpersoner.",
        "What have you seen? Do not write names of private persons.",
    ),
    "weekly.form.internal": (
        "Kommentaren är intern (visas bara för samordnare)",
        "The comment is internal (shown to coordinators only)",
    ),
    "weekly.form.internal_help": (
        "Interna kommentarer kommer inte med i veckorapporten.",
        "Internal comments are left out of the weekly report.",
    ),
    "weekly.form.submit": ("Skicka veckans svar", "Send this week's answer"),
    "weekly.form.thanks": (
        "Tack! Ditt svar för vecka {week} är sparat.",
        "Thank you! Your answer for week {week} is saved.",
    ),
    "weekly.form.sent_heading": ("Det här har du skickat för vecka {week}", "What you sent for week {week}"),
    "weekly.form.nothing": ("inget att rapportera", "nothing to report"),
    "weekly.form.your_comment": ("Din kommentar", "Your comment"),
    # event reports
    "weekly.event.heading": ("Händelser", "Events"),
    "weekly.event.intro": (
        "Rapportera enskilda händelser du sett: vad, var och när.",
        "Report single events you have seen: what, where and when.",
    ),
    "weekly.event.new": ("Rapportera en händelse", "Report an event"),
    "weekly.event.what": ("Vad hände?", "What happened?"),
    "weekly.event.area": ("Område", "Area"),
    "weekly.event.place": ("Plats (valfritt)", "Place (optional)"),
    "weekly.event.place_none": ("Välj en namngiven plats", "Choose a named place"),
    "weekly.event.address": (
        "Adress eller beskrivning av platsen (valfritt)",
        "Address or description of the place (optional)",
    ),
    "weekly.event.use_map": ("Välj en punkt på kartan", "Pick a point on the map"),
    "weekly.event.point": ("punkt på kartan", "point on the map"),
    "weekly.event.point_chosen": ("Vald punkt: {lat}, {lon}", "Chosen point: {lat}, {lon}"),
    "weekly.event.date": ("Datum", "Date"),
    "weekly.event.part": ("Del av dygnet", "Part of the day"),
    "weekly.event.time": ("Klockslag (om du vet)", "Time (if you know)"),
    "weekly.event.description": ("Kort beskrivning", "Short description"),
    "weekly.event.send": ("Skicka händelsen", "Send the event"),
    "weekly.form.inactive_reporter": (
        "Du är inte längre registrerad som aktiv rapportör, så formuläret är stängt. Kontakta "
        "trygghetssamordnaren om det är fel.",
        "You are no longer registered as an active reporter, so the form is closed. Contact the "
        "security coordinator if this is wrong.",
    ),
    "weekly.error.inactive_reporter": (
        "Rapportören är inte längre aktiv; svar från formuläret tas inte emot.",
        "The reporter is no longer active; answers from the form are not accepted.",
    ),
    "weekly.event.already_sent": (
        "Den här händelsen var redan skickad; den sparades inte en gång till.",
        "This event had already been sent; it was not saved again.",
    ),
    "weekly.event.thanks": ("Tack! Händelsen är sparad.", "Thank you! The event is saved."),
    "weekly.event.delete": ("Ta bort", "Delete"),
    # the situation picture
    "weekly.situation.week": ("Vecka", "Week"),
    "weekly.situation.no_answers": ("Det finns inga svar ännu.", "There are no answers yet."),
    "weekly.situation.stat": ("Visa", "Show"),
    "weekly.situation.stat.max": ("Högsta nivå", "Highest level"),
    "weekly.situation.stat.mean": ("Medelnivå", "Mean level"),
    "weekly.situation.compare": ("Jämför med", "Compare with"),
    "weekly.situation.compare.week": ("förra veckan", "last week"),
    "weekly.situation.compare.avg4": ("snittet för fyra veckor", "the 4-week average"),
    "weekly.situation.summary": ("Sammanfattning", "Summary"),
    "weekly.situation.answers": (
        "{answered} av {expected} rapportörer har svarat",
        "{answered} of {expected} reporters answered",
    ),
    "weekly.situation.view": ("Visa", "View"),
    "weekly.situation.tab.matrix": ("Matris", "Matrix"),
    "weekly.situation.tab.map": ("Karta och status", "Map and status"),
    "weekly.situation.tab.notes": ("Kommentarer och händelser", "Comments and events"),
    "weekly.situation.tab.meeting": ("Mötet", "The meeting"),
    "weekly.situation.matrix_caption": (
        "Varje ruta visar veckans {stat} bland rapportörerna (0 inget – 3 allvarligt). ▲/▼ markerar en ökning "
        "eller minskning jämfört med {compare} (en hel nivå för högsta nivå, en halv för medelnivå; små förändringar "
        "på låga nivåer – under 2 för högsta nivå, under 1 för medelnivå – markeras inte). Håll muspekaren över en ruta för detaljer.",
        "Each cell shows the week's {stat} among reporters (0 none – 3 serious). ▲/▼ mark an increase or decrease "
        "compared with {compare} (a full level for the highest level, half a level for the mean; small changes at "
        "low levels – below 2 for the highest level, below 1 for the mean – are not marked). Hover a cell for details.",
    ),
    "weekly.situation.status_rule": (
        "Beräknad status: röd om någon faktor når {red} eller minst {count} faktorer är på 2 eller mer, gul om "
        "någon faktor når {yellow}, annars grön (på veckans högsta nivåer). Den status mötet beslutat visas "
        "före den beräknade.",
        "Computed status: red if any factor reaches {red} or at least {count} factors are at 2 or more, yellow if "
        "any factor reaches {yellow}, else green (on the week's highest levels). The status agreed at the meeting "
        "is shown before the computed one.",
    ),
    "weekly.situation.col.status": ("Status", "Status"),
    "weekly.situation.col.computed": ("Beräknad status", "Computed status"),
    "weekly.situation.col.prev": ("Förra veckan", "Last week"),
    "weekly.situation.col.agreed": ("Beslutad status", "Agreed status"),
    "weekly.situation.col.top": ("Högst nivå", "Highest factor"),
    "weekly.situation.col.reporters": ("Svar", "Answers"),
    "weekly.situation.col.note": ("Anteckning", "Note"),
    "weekly.situation.no_personal": (
        "Kommentarer, beskrivningar och vem som rapporterat visas bara för roller som får se personuppgifter.",
        "Comments, descriptions and who reported are shown only to roles allowed to see personal data.",
    ),
    "weekly.situation.filter_areas": ("Områden", "Areas"),
    "weekly.situation.filter_factors": ("Faktorer", "Factors"),
    "weekly.situation.no_notes": (
        "Inga kommentarer eller händelser för veckan.",
        "No comments or events this week.",
    ),
    "weekly.notes.kommentar": ("kommentar", "comment"),
    "weekly.notes.händelse": ("händelse", "event"),
    "weekly.col.sent": ("Skickat", "Sent"),
    "weekly.col.kind": ("Typ", "Kind"),
    "weekly.col.factor": ("Faktor", "Factor"),
    "weekly.col.place": ("Plats", "Place"),
    "weekly.col.when": ("När", "When"),
    "weekly.col.text": ("Text", "Text"),
    "weekly.col.reporter": ("Rapportör", "Reporter"),
    "weekly.col.organisation": ("Organisation", "Organisation"),
    "weekly.col.internal": ("Intern", "Internal"),
    "weekly.matrix.level": ("Nivå", "Level"),
    "weekly.matrix.no_answers": ("Inga svar", "No answers"),
    "weekly.matrix.hover": (
        "<b>{area}</b> – {factor}<br>Högsta nivå: {max}<br>Medelnivå: {mean} ({answers} svar)"
        "<br>Förra veckan: högst {prev}, medel {prev_mean}<br>Snitt fyra veckor före (högsta): {avg4}",
        "<b>{area}</b> – {factor}<br>Highest level: {max}<br>Mean level: {mean} ({answers} answers)"
        "<br>Last week: highest {prev}, mean {prev_mean}<br>Average of the 4 weeks before (highest): {avg4}",
    ),
    # the meeting
    "weekly.meeting.followup": (
        "Uppföljning av förra veckans prioriteringar",
        "Follow-up of last week's priorities",
    ),
    "weekly.meeting.no_followup": (
        "Inga prioriteringar beslutades förra veckan.",
        "No priorities were set last week.",
    ),
    "weekly.meeting.done": ("Gjordes det?", "Was it done?"),
    "weekly.meeting.done.yes": ("ja", "yes"),
    "weekly.meeting.done.no": ("nej", "no"),
    "weekly.meeting.done.partly": ("vet ej", "don't know"),
    "weekly.meeting.followup_note": ("Kommentar", "Comment"),
    "weekly.meeting.save_followup": ("Spara uppföljningen", "Save the follow-up"),
    "weekly.meeting.saved": ("Sparat.", "Saved."),
    "weekly.meeting.status_heading": ("Beslutad status per område", "Agreed status per area"),
    "weekly.meeting.status_caption": (
        "Ändra status där mötet gör en annan bedömning än den beräknade och skriv varför. – betyder att mötet inte har beslutat något.",
        "Change the status where the meeting judges differently from the computed one, and say why. "
        "– means not decided.",
    ),
    "weekly.meeting.save_status": ("Spara status", "Save statuses"),
    "weekly.meeting.status_saved": ("Status sparad för {n} områden.", "Status saved for {n} areas."),
    "weekly.meeting.priorities": (
        "Prioriteringar för helgen och nästa vecka",
        "Priorities for the weekend and next week",
    ),
    "weekly.meeting.no_priorities": (
        "Inga prioriteringar ännu för veckan.",
        "No priorities for the week yet.",
    ),
    "weekly.meeting.new_priority": ("Ny prioritering", "New priority"),
    "weekly.meeting.kind": ("Typ av insats", "Kind of action"),
    "weekly.meeting.horizon": ("När", "When"),
    "weekly.horizon.helg": ("helgen", "the weekend"),
    "weekly.horizon.vecka": ("nästa vecka", "next week"),
    "weekly.horizon.längre": ("längre insats", "longer action"),
    "weekly.meeting.area": ("Område", "Area"),
    "weekly.meeting.place": ("Plats (valfritt)", "Place (optional)"),
    "weekly.meeting.pick_area": ("Välj område", "Choose an area"),
    "weekly.meeting.pick_place": ("Välj plats", "Choose a place"),
    "weekly.meeting.undecided": ("–", "–"),
    "weekly.meeting.description": ("Vad ska göras?", "What is to be done?"),
    "weekly.meeting.add": ("Lägg till prioritering", "Add priority"),
    "weekly.meeting.added": ("Prioriteringen är sparad.", "The priority is saved."),
    "weekly.meeting.delete": ("Ta bort", "Delete"),
    "weekly.meeting.to_action": ("Gör till insats", "Make it an action"),
    "weekly.meeting.action_title": ("Rubrik", "Title"),
    "weekly.meeting.partners": ("Samverkansparter", "Partners"),
    "weekly.meeting.responsible": ("Ansvarig", "Responsible"),
    "weekly.meeting.start": ("Startdatum", "Start date"),
    "weekly.meeting.end": ("Slutdatum (valfritt)", "End date (optional)"),
    "weekly.meeting.create_action": ("Skapa insatsen", "Create the action"),
    "weekly.meeting.action_created": ("Insatsen är skapad (id {id}).", "The action was created (id {id})."),
    "weekly.meeting.is_action": ("Insats: {title} ({status})", "Action: {title} ({status})"),
    "weekly.meeting.readonly": (
        "Mötesläget är bara för samordnare och administratörer.",
        "The meeting mode is for coordinators and administrators only.",
    ),
    # survey follow-up
    "weekly.rounds.week": ("Enkätomgång (vecka)", "Survey round (week)"),
    "weekly.rounds.rate": ("Svarsfrekvens", "Response rate"),
    "weekly.rounds.answered": ("Har svarat", "Answered"),
    "weekly.rounds.missing": ("Har inte svarat", "Not answered"),
    "weekly.rounds.by_org": ("Per organisation", "By organisation"),
    "weekly.rounds.by_area": ("Per område", "By area"),
    "weekly.rounds.expected": ("Förväntade", "Expected"),
    "weekly.rounds.missing_heading": ("Rapportörer som inte har svarat", "Reporters who have not answered"),
    "weekly.rounds.all_answered": ("Alla har svarat. Bra jobbat!", "Everyone has answered. Well done!"),
    "weekly.rounds.emails": (
        "E-postadresser att kopiera till en påminnelse",
        "E-mail addresses to copy into a reminder",
    ),
    "weekly.rounds.history": ("Svarsfrekvens vecka för vecka", "Response rate week by week"),
    "weekly.rounds.history_hover": (
        "%{customdata[0]}: %{y} % (%{customdata[1]} av %{customdata[2]})",
        "%{customdata[0]}: %{y} % (%{customdata[1]} of %{customdata[2]})",
    ),
    "weekly.rounds.rate_axis": ("Andel som svarat (%)", "Share answered (%)"),
    "weekly.rounds.late_note": (
        "Sena svar räknas till den vecka de gäller. Förväntade: aktiva rapportörer med minst "
        "ett aktivt område.",
        "Late answers count for the week they are about. Expected: active reporters with at "
        "least one active area.",
    ),
    "weekly.col.name": ("Namn", "Name"),
    "weekly.col.email": ("E-post", "E-mail"),
    "weekly.col.areas": ("Områden", "Areas"),
    "weekly.col.area": ("Område", "Area"),
    "weekly.import.heading": ("Importera enkätsvar från en fil", "Import survey answers from a file"),
    "weekly.import.intro": (
        "Standardformat: en rad per vecka, rapportör (e-post), område, faktor och nivå – eller en export från "
        "Microsoft Forms, Netigate eller Esmaker med en kolumn per faktor (välj profil).",
        "Standard format: one row per week, reporter (e-mail), area, factor and level – or an export from Microsoft "
        "Forms, Netigate or Esmaker with one column per factor (choose a profile).",
    ),
    "weekly.import.file": ("Fil (CSV eller Excel)", "File (CSV or Excel)"),
    "weekly.import.profile": ("Kolumnprofil", "Column profile"),
    "weekly.import.profile_auto": ("Känn igen automatiskt", "Recognise automatically"),
    "weekly.import.preview": (
        "{read} rader lästa: {load} läses in, {unchanged} finns redan, {rejected} avvisas.",
        "{read} rows read: {load} will load, {unchanged} already present, {rejected} rejected.",
    ),
    "weekly.import.rejected": ("Avvisade rader", "Rejected rows"),
    "weekly.import.load": ("Läs in de giltiga raderna", "Load the valid rows"),
    "weekly.import.done": (
        "Inläst: {loaded} rader, {rejected} avvisade.",
        "Loaded: {loaded} rows, {rejected} rejected.",
    ),
    # levels and parts of day
    "weekly.level.0": ("inget", "none"),
    "weekly.level.1": ("enstaka", "isolated"),
    "weekly.level.2": ("påtagligt", "noticeable"),
    "weekly.level.3": ("allvarligt", "serious"),
    "weekly.part.morgon": ("morgon (06–10)", "morning (06–10)"),
    "weekly.part.dag": ("dag (10–17)", "day (10–17)"),
    "weekly.part.kväll": ("kväll (17–22)", "evening (17–22)"),
    "weekly.part.natt": ("natt (22–06)", "night (22–06)"),
    # the automatic summary
    "weekly.summary.rose": (
        "{factor} ökade i {area}: {level} enligt {reporters}",
        "{factor} increased in {area}: {level} according to {reporters}",
    ),
    "weekly.summary.fell": (
        "{factor} minskade i {area}: {level} enligt {reporters}",
        "{factor} decreased in {area}: {level} according to {reporters}",
    ),
    "weekly.summary.above_avg": (
        "{factor} i {area} ligger kvar på {level} enligt {reporters}, över snittet för de fyra föregående "
        "veckorna ({avg}).",
        "{factor} in {area} stays {level} according to {reporters}, above the average of the previous four "
        "weeks ({avg}).",
    ),
    "weekly.summary.last_week": (", förra veckan {prev}.", ", last week {prev}."),
    "weekly.summary.high_no_previous": (
        "{factor} i {area}: {level} enligt {reporters} (ingen jämförelse: inga svar förra veckan).",
        "{factor} in {area}: {level} according to {reporters} (no comparison: no answers last week).",
    ),
    "weekly.summary.no_answers_last_week": ("(inga svar förra veckan).", "(no answers last week)."),
    "weekly.summary.n_of_total": ("{n} av {total} rapportörer", "{n} of {total} reporters"),
    "weekly.summary.only_reporter": ("den enda rapportören", "the only reporter"),
    "weekly.summary.status_changed": (
        "Status för {area}: {status} (förra veckan {prev}).",
        "Status of {area}: {status} (last week {prev}).",
    ),
    "weekly.summary.more": (
        "… och {n} förändringar till, se matrisen.",
        "… and {n} more changes, see the matrix.",
    ),
    "weekly.summary.no_change": (
        "Inga tydliga förändringar jämfört med förra veckan.",
        "No clear changes compared with last week.",
    ),
    "weekly.summary.no_answers": ("Inga svar för veckan.", "No answers for the week."),
}
