"""Survey links and reminders by mail (issue 18 item 2, est_data.linkmail)."""

STRINGS: dict[str, tuple[str, str]] = {
    # Settings (Administration)
    "linkmail.setting.enabled": (
        "Skicka enkätlänkar och påminnelser med e-post enligt schemat",
        "Send survey links and reminders by e-mail on the schedule",
    ),
    "linkmail.setting.send_day": ("Utskick av länkar: veckodag", "Links sent on: weekday"),
    "linkmail.setting.send_time": ("Utskick av länkar: klockan", "Links sent at: time"),
    "linkmail.setting.remind_day": ("Påminnelse: veckodag (av = ingen)", "Reminder: weekday (off = none)"),
    "linkmail.setting.remind_time": ("Påminnelse: klockan", "Reminder: time"),
    "linkmail.setting.sender": (
        "Avsändare för enkätlänkar (tom = smtp_from)",
        "Sender of survey links (empty = smtp_from)",
    ),
    "linkmail.weekday.off": ("av (ingen påminnelse)", "off (no reminder)"),
    "linkmail.weekday.måndag": ("måndag", "Monday"),
    "linkmail.weekday.tisdag": ("tisdag", "Tuesday"),
    "linkmail.weekday.onsdag": ("onsdag", "Wednesday"),
    "linkmail.weekday.torsdag": ("torsdag", "Thursday"),
    "linkmail.weekday.fredag": ("fredag", "Friday"),
    "linkmail.weekday.lördag": ("lördag", "Saturday"),
    "linkmail.weekday.söndag": ("söndag", "Sunday"),
    # Mistakes
    "linkmail.error.onoff": ("Värdet ska vara 1 (på) eller 0 (av).", "The value must be 1 (on) or 0 (off)."),
    "linkmail.error.weekday": ("Ange en veckodag: {allowed}.", "Give a weekday: {allowed}."),
    "linkmail.error.time": (
        "”{value}” är inget klockslag; skriv t.ex. 08:00.",
        "“{value}” is not a time; write e.g. 08:00.",
    ),
    "linkmail.error.braces": (
        "Mallen har en klammer { eller } utan sin motsvarighet. Skriv {{ eller }} för en klammer i texten.",
        "The template has a brace { or } without its pair. Write {{ or }} for a brace in the text.",
    ),
    "linkmail.error.placeholder": (
        "Okänd platshållare {name}. Tillåtna: {allowed}.",
        "Unknown placeholder {name}. Allowed: {allowed}.",
    ),
    "linkmail.error.empty": ("Ämne och text får inte vara tomma.", "Subject and text must not be empty."),
    "linkmail.error.subject": (
        "Ämnet ska vara en rad på högst {n} tecken.",
        "The subject must be one line of at most {n} characters.",
    ),
    "linkmail.error.body": ("Texten får vara högst {n} tecken.", "The text may be at most {n} characters."),
    "linkmail.error.no_link": (
        "Texten måste innehålla {länk}, annars får rapportören ingen länk.",
        "The text must contain {länk}, or the reporter gets no link.",
    ),
    "linkmail.error.not_interrupted": (
        "Utskicket är inte avbrutet (eller pågår fortfarande).",
        "The mail is not interrupted (or is still being sent).",
    ),
    "linkmail.released_note": (
        "avbrutet; släppt för ett nytt försök av {by}",
        "interrupted; released for another try by {by}",
    ),
    "linkmail.ui.release_choose": (
        "Avbrutna utskick: skicka igen vid nästa körning (kan ha kommit fram)",
        "Interrupted mail: send again at the next run (it may have arrived)",
    ),
    "linkmail.ui.release": ("Skicka igen", "Send again"),
    "linkmail.ui.released": (
        "Utskicket skickas igen vid nästa körning.",
        "The mail is sent again at the next run.",
    ),
    "linkmail.error.no_mail": ("Utskicket finns inte.", "No such mail."),
    "linkmail.problem.smtp": (
        "Ingen SMTP-server: ange smtp_host och smtp_from (t.ex. EST_SMTP_HOST, EST_SMTP_FROM).",
        "No SMTP server: set smtp_host and smtp_from (e.g. EST_SMTP_HOST, EST_SMTP_FROM).",
    ),
    "linkmail.problem.public_url": (
        "Appens publika adress (public_url) saknas; länkarna kan inte göras utan den.",
        "The app's public address (public_url) is missing; links cannot be made without it.",
    ),
    # Default templates (the coordinator edits them; placeholders stay Swedish in both languages)
    "linkmail.default.link.subject": ("Enkäten om trygghetsläget – {omgång}", "The safety survey – {omgång}"),
    "linkmail.default.link.body": (
        "Hej {namn}!\n\n"
        "Här är din personliga länk till enkäten om trygghetsläget för {omgång}:\n"
        "{länk}\n\n"
        "Länken är personlig och gäller till {giltig_till}. Svara gärna så snart du kan: "
        "dina svar ligger till grund för lägesbilden.\n\n"
        "Tack för att du rapporterar!",
        "Hello {namn},\n\n"
        "Here is your personal link to the safety survey for {omgång}:\n"
        "{länk}\n\n"
        "The link is personal and valid until {giltig_till}. Please answer soon: your answers are the "
        "basis of the situation picture.\n\n"
        "Thank you for reporting!",
    ),
    "linkmail.default.reminder.subject": (
        "Påminnelse: enkäten om trygghetsläget – {omgång}",
        "Reminder: the safety survey – {omgång}",
    ),
    "linkmail.default.reminder.body": (
        "Hej {namn}!\n\n"
        "Vi har ännu inte fått ditt svar för {omgång}. Här är en ny personlig länk till enkäten:\n"
        "{länk}\n\n"
        "Länken gäller till {giltig_till}. Har du redan svarat kan du bortse från det här meddelandet.\n\n"
        "Tack!",
        "Hello {namn},\n\n"
        "We have not yet had your answer for {omgång}. Here is a new personal link to the survey:\n"
        "{länk}\n\n"
        "The link is valid until {giltig_till}. If you have already answered, please ignore this message.\n\n"
        "Thank you!",
    ),
    "linkmail.kind.link": ("enkätlänk", "survey link"),
    "linkmail.kind.reminder": ("påminnelse", "reminder"),
    "linkmail.action.send": ("skickas", "will be sent"),
    "linkmail.action.retry": ("skickas igen (misslyckades förra gången)", "sent again (failed last time)"),
    "linkmail.action.no_email": ("saknar e-post", "no e-mail address"),
    "linkmail.action.done": ("redan skickad", "already sent"),
    "linkmail.action.answered": ("har svarat", "has answered"),
    "linkmail.run.summary": (
        "{kind} för {round}: {sent} skickade, {failed} misslyckade, {no_email} saknar e-post.",
        "{kind} for {round}: {sent} sent, {failed} failed, {no_email} without e-mail.",
    ),
    "linkmail.run.error": ("Servern svarade inte: {error}", "The server did not answer: {error}"),
    "linkmail.bounced_note": ("studsade (registrerat i efterhand)", "bounced (registered afterwards)"),
    "linkmail.status.sending": ("avbrutet (okänt om det skickades)", "interrupted (not known whether sent)"),
    "linkmail.status.sent": ("skickat", "sent"),
    "linkmail.status.failed": ("misslyckades", "failed"),
    "linkmail.status.bounced": ("studsade", "bounced"),
    # The "Utskick" section of Enkätlänkar
    "linkmail.ui.heading": ("Utskick med e-post", "Sending by e-mail"),
    "linkmail.ui.intro": (
        "Appen skickar varje aktiv rapportör sin personliga länk för omgången på den valda dagen och tiden, "
        "och en påminnelse till dem som inte svarat. Schemat ställs in här (Ändra schemat); varje utskick "
        "skickas högst en gång, även om appen startas om.",
        "The app sends each active reporter their personal link for the round on the chosen day and time, "
        "and one reminder to those who have not answered. The schedule is set here (Change the schedule); each "
        "message is sent at most once, also if the app restarts.",
    ),
    "linkmail.ui.schedule_on": (
        "Schemat är på. Omgången {round}: länkar {send}, påminnelse {remind}.",
        "The schedule is on. The round {round}: links {send}, reminder {remind}.",
    ),
    "linkmail.ui.schedule_off": (
        "Schemalagda utskick är avstängda (Administration → Inställningar). Du kan skicka härifrån.",
        "Scheduled sending is off (Administration → Settings). You can send from here.",
    ),
    "linkmail.ui.no_reminder": ("ingen", "none"),
    "linkmail.ui.no_run": ("Inga utskick har körts ännu.", "No sending has run yet."),
    "linkmail.ui.last_run": (
        "Senaste körning {at} ({kind}, omgång {week}, av {by}): {sent} skickade, {failed} misslyckade, "
        "{no_email} saknar e-post.",
        "Last run {at} ({kind}, round {week}, by {by}): {sent} sent, {failed} failed, {no_email} without e-mail.",
    ),
    "linkmail.ui.col.round": ("Omgång", "Round"),
    "linkmail.ui.col.kind": ("Utskick", "Kind"),
    "linkmail.ui.col.interrupted": ("avbrutna", "interrupted"),
    "linkmail.ui.col.email": ("E-post", "E-mail"),
    "linkmail.ui.col.attempts": ("Försök", "Attempts"),
    "linkmail.ui.col.error": ("Fel", "Error"),
    "linkmail.ui.col.sent_at": ("Skickat", "Sent"),
    "linkmail.ui.col.action": ("Vad händer", "What happens"),
    "linkmail.ui.round": ("Omgång", "Round"),
    "linkmail.ui.dry_run": ("Torrkörning: vem får vad?", "Dry run: who gets what?"),
    "linkmail.ui.dry_run_caption": (
        "Torrkörning: inget skickat och inga länkar gjorda. {n} skulle få e-post.",
        "Dry run: nothing sent and no links made. {n} would get e-mail.",
    ),
    "linkmail.ui.nobody": ("Ingen skulle få något.", "Nobody would get anything."),
    "linkmail.ui.send.link": ("Skicka länkarna nu", "Send the links now"),
    "linkmail.ui.send.reminder": ("Skicka påminnelsen nu", "Send the reminder now"),
    "linkmail.ui.none_sent": ("Inget skickat för {round} ännu.", "Nothing sent for {round} yet."),
    "linkmail.ui.bounce_choose": ("Markera som studsat (returnerat)", "Mark as bounced (returned)"),
    "linkmail.ui.bounce_note": ("Felmeddelande i returmejlet", "Error in the returned mail"),
    "linkmail.ui.bounce": ("Markera som studsat", "Mark as bounced"),
    "linkmail.ui.bounced": ("Utskicket är markerat som studsat.", "The mail is marked as bounced."),
    "linkmail.ui.templates": ("Mallar för e-posten", "E-mail templates"),
    "linkmail.ui.templates_help": (
        "Platshållare: {namn}, {omgång}, {länk}, {giltig_till}. Texten måste innehålla {länk}.",
        "Placeholders: {namn}, {omgång}, {länk}, {giltig_till}. The text must contain {länk}.",
    ),
    "linkmail.ui.without_email": (
        "Saknar e-post ({n}, får inga utskick; lägg till adressen under Register): {names}",
        "No e-mail address ({n}, get nothing by mail; add the address under Register): {names}",
    ),
    "linkmail.ui.subject": ("Ämne", "Subject"),
    "linkmail.ui.body": ("Text", "Text"),
    "linkmail.ui.reset": ("Återställ standardtexten", "Restore the default text"),
    "linkmail.ui.template_saved": ("Mallen är sparad.", "The template is saved."),
    "linkmail.ui.preview_for": ("Förhandsvisning för", "Preview for"),
    "linkmail.ui.no_reporters": (
        "Inga aktiva rapportörer att förhandsvisa för.",
        "No active reporters to preview for.",
    ),
}
