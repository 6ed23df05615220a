"""Möte: the Thursday meeting, step by step (issue 13 part 4)."""

STRINGS: dict[str, tuple[str, str]] = {
    "mote.step.week": ("Veckan", "The week"),
    "mote.step.status": ("Status per område", "Status per area"),
    "mote.step.police": ("Polisen och händelserna", "The police and the events"),
    "mote.step.followup": ("Förra veckans prioriteringar", "Last week's priorities"),
    "mote.step.priorities": ("Prioriteringar och insatser", "Priorities and actions"),
    "mote.step.decisions": ("Beslut", "Decisions"),
    "mote.short.week": ("Veckan", "Week"),
    "mote.short.status": ("Status", "Status"),
    "mote.short.police": ("Polisen", "Police"),
    "mote.short.followup": ("Uppföljning", "Follow-up"),
    "mote.short.priorities": ("Prioritera", "Priorities"),
    "mote.short.decisions": ("Beslut", "Decisions"),
    "mote.answered": (
        "{answered} av {reporters} rapportörer har svarat",
        "{answered} of {reporters} reporters have answered",
    ),
    "mote.no_answers_yet": ("Inga svar ännu för veckan.", "No answers for the week yet."),
    "mote.answers": ("{n} svar", "{n} answers"),
    "mote.events_help": (
        "Jämfört med snittet för de fyra omgångarna före ({avg}); pilen visas bara när skillnaden är större "
        "än slumpen ger (Poissontest). Saknas data för någon av dagarna jämförs inget.",
        "Compared with the average of the four rounds before ({avg}); the arrow shows only when the "
        "difference is larger than chance gives (Poisson test). If data are missing for any of the days, "
        "nothing is compared.",
    ),
    "mote.status_label": ("Status för {area}", "Status of {area}"),
    "mote.status_caption": (
        "Förslaget kommer från enkäten; ändra där mötet bedömer annorlunda. Varje ändring sparas direkt. "
        "Ett område utan svar får ingen status förrän mötet sätter en.",
        "The proposal comes from the survey; change it where the meeting judges differently. Every change is "
        "saved at once. An area without answers gets no status until the meeting sets one.",
    ),
    "mote.status_tally": (
        "{agreed} beslutade ✓ · {proposed} förslag kvar · {no_answers} utan svar",
        "{agreed} agreed ✓ · {proposed} proposals left · {no_answers} without answers",
    ),
    "mote.agree_all": ("Fastställ förslagen ({n})", "Agree the proposals ({n})"),
    "mote.agree_all_help": (
        "Sparar enkätens förslag som beslutad status för de områden mötet inte har ändrat.",
        "Saves the survey's proposal as the agreed status of the areas the meeting has not changed.",
    ),
    "mote.status_saved": ("Status sparad för {area}.", "Status saved for {area}."),
    "mote.note": ("Anteckning", "Note"),
    "mote.police_note": ("Polisen tillför", "What the police add"),
    "mote.police_note_help": (
        "Polisens bild av veckan: händelser, underrättelser, var de ser risk. Sparas när du lämnar fältet.",
        "The police's picture of the week: events, intelligence, where they see risk. Saved "
        "when you leave the field.",
    ),
    "mote.police_saved": ("Polisens anteckning är sparad.", "The police's note is saved."),
    "mote.no_police_note": ("Polisen har inte lagt till något.", "The police added nothing."),
    "mote.no_events": (
        "Inga händelser från polisen eller felanmälan veckan eller veckorna före.",
        "No events from the police or fault reports this week or the weeks before.",
    ),
    "mote.done": ("Gjordes det: {what}", "Was it done: {what}"),
    "mote.done.yes": ("ja", "yes"),
    "mote.done.no": ("nej", "no"),
    "mote.done.unknown": ("vet ej", "don't know"),
    "mote.followup_note": ("Kommentar till {what}", "Comment on {what}"),
    "mote.dates": ("Andra datum (valfritt)", "Other dates (optional)"),
    "mote.dates_help": (
        "Tomt: datumen som När anger (helgen = kommande lördag–söndag).",
        "Empty: the dates When gives (the weekend = the coming Saturday–Sunday).",
    ),
    "mote.date.from": ("från {start}", "from {start}"),
    "mote.action": ("Insats: {title}", "Action: {title}"),
    "mote.is_action": ("insats", "action"),
    "mote.summary.status": ("Status", "Status"),
    "mote.summary.no_status": (
        "Ingen status är beslutad ännu (steg 2).",
        "No status has been agreed yet (step 2).",
    ),
    "mote.summary.no_priorities": ("Inga prioriteringar ännu (steg 5).", "No priorities yet (step 5)."),
    "mote.summary.actions": (
        "{n} av {total} prioriteringar är insatser",
        "{n} of {total} priorities are actions",
    ),
    "mote.summary.open": ("Kvar att besluta: {areas}", "Still to decide: {areas}"),
    "mote.readonly": (
        "Besluten fattas av samordnaren; här visas vad som är beslutat.",
        "The coordinator records the decisions; this shows what has been decided.",
    ),
    "mote.lagesbild_link": (
        "Mötet förs på sidan Möte, steg för steg",
        "The meeting is run step by step on the Möte page",
    ),
}
