"""The link-mail schedule on Enkätlänkar (est_data.linkmail_schedule): when the next mail goes, or why not."""

STRINGS: dict[str, tuple[str, str]] = {
    "linkmail.next.heading": ("Schemat", "The schedule"),
    "linkmail.next.link": (
        "**Nästa utskick av länkar:** omgång {round}, {at}.",
        "**Next links:** round {round}, {at}.",
    ),
    "linkmail.next.reminder": (
        "**Nästa påminnelse** (till dem som inte svarat): omgång {round}, {at}.",
        "**Next reminder** (to those who have not answered): round {round}, {at}.",
    ),
    "linkmail.next.overdue": (
        "{at} – tiden har passerat och utskicket går vid schemats nästa kontroll (varje minut medan appen körs)",
        "{at} – the time has passed and it goes at the schedule's next check (every minute while the app runs)",
    ),
    "linkmail.next.link_none": ("**Inga länkar skickas:** {reasons}.", "**No links are sent:** {reasons}."),
    "linkmail.next.reminder_none": (
        "**Inga påminnelser skickas:** {reasons}.",
        "**No reminders are sent:** {reasons}.",
    ),
    "linkmail.next.reason.off": ("schemat är avstängt", "the schedule is off"),
    "linkmail.next.reason.reminder_off": ("påminnelsen är satt till av", "the reminder is set to off"),
    "linkmail.next.reason.smtp": (
        "inga SMTP-inställningar (smtp_host och smtp_from)",
        "no SMTP settings (smtp_host and smtp_from)",
    ),
    "linkmail.next.reason.public_url": (
        "appens publika adress (public_url) saknas",
        "the app's public address (public_url) is missing",
    ),
    "linkmail.next.reason.no_email": (
        "ingen aktiv rapportör har en e-postadress",
        "no active reporter has an e-mail address",
    ),
    "linkmail.next.would": (
        "Annars skulle nästa gå: omgång {round}, {at}.",
        "Otherwise the next would go: round {round}, {at}.",
    ),
    "linkmail.schedule.edit": ("Ändra schemat", "Change the schedule"),
    "linkmail.schedule.edit_help": (
        "Samma inställningar som under Administration → Inställningar; varje ändring sparas i "
        "granskningsloggen. Tider är svensk tid.",
        "The same settings as under Administration → Settings; every change is kept in the audit log. "
        "Times are Swedish time.",
    ),
    "linkmail.schedule.save": ("Spara schemat", "Save the schedule"),
    "linkmail.schedule.saved": ("Schemat sparat ({n} ändringar).", "Schedule saved ({n} changes)."),
}
