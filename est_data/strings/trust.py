"""Strings for administration, personal data, single sign-on and personal survey links (issue 8)."""

STRINGS: dict[str, tuple[str, str]] = {
    "trust.nav.admin": ("Administration", "Administration"),
    "trust.tab.users": ("Användare", "Users"),
    "trust.tab.audit": ("Granskningslogg", "Audit log"),
    "trust.tab.settings": ("Inställningar", "Settings"),
    "trust.tab.privacy": ("Personuppgifter", "Personal data"),
    "trust.col.name": ("Namn", "Name"),
    "trust.col.email": ("E-post", "E-mail"),
    "trust.col.role": ("Roll", "Role"),
    "trust.col.active": ("Aktiv", "Active"),
    "trust.col.personal": ("Ser personuppgifter", "Sees personal data"),
    "trust.col.reporter": ("Kopplad rapportör", "Linked reporter"),
    "trust.col.locked_until": ("Spärrad till", "Locked until"),
    "trust.col.last_login": ("Senast inloggad", "Last login"),
    "trust.col.when": ("Tidpunkt", "When"),
    "trust.col.who": ("Användare", "User"),
    "trust.col.operation": ("Åtgärd", "Operation"),
    "trust.col.table": ("Tabell", "Table"),
    "trust.col.record": ("Post", "Record"),
    "trust.col.before": ("Före", "Before"),
    "trust.col.after": ("Efter", "After"),
    "trust.add_user": ("Lägg till användare", "Add a user"),
    "trust.add_user_submit": ("Skapa användaren", "Create the user"),
    "trust.user_added": ("Användaren {username} är skapad.", "The user {username} was created."),
    "trust.email_help": (
        "Används för inloggning med organisationens konto (Microsoft Entra ID m.fl.) om det är påslaget.",
        "Used for sign-in with the organisation's account (Microsoft Entra ID etc.) when that is enabled.",
    ),
    "trust.password_help": (
        "Minst {n} tecken. Lämna tomt om användaren bara ska logga in med organisationens konto.",
        "At least {n} characters. Leave empty if the user only signs in with the organisation's account.",
    ),
    "trust.edit_user": ("Ändra användare", "Edit a user"),
    "trust.choose_user": ("Användare", "User"),
    "trust.grant_personal": ("Får se personuppgifter (läsare)", "May see personal data (reader)"),
    "trust.grant_personal_help": (
        "Ger en läsare rätt att se rapportörernas namn och intern fritext. Administratörer och samordnare har "
        "alltid den rätten; rapportörer aldrig.",
        "Lets a reader see reporters' names and internal free text. Administrators and coordinators always "
        "may; reporters never.",
    ),
    "trust.link_reporter": ("Kopplad rapportör", "Linked reporter"),
    "trust.link_reporter_help": (
        "En användare med rollen rapportör fyller i enkäten för den rapportör kontot är kopplat till.",
        "A user with the reporter role fills in the survey for the reporter the account is linked to.",
    ),
    "trust.no_reporter": ("(ingen)", "(none)"),
    "trust.save": ("Spara", "Save"),
    "trust.saved": ("Ändringarna är sparade.", "The changes were saved."),
    "trust.reset_password_for": ("**Nytt lösenord för {username}**", "**New password for {username}**"),
    "trust.new_password": ("Nytt lösenord", "New password"),
    "trust.reset_password": ("Byt lösenord", "Change password"),
    "trust.password_reset": ("Lösenordet för {username} är bytt.", "The password of {username} was changed."),
    "trust.unlock": ("Häv spärren", "Unlock"),
    "trust.audit_intro": (
        "Varje ändring i appen loggas: vem, när, vad och värdena före och efter. Lösenord loggas aldrig.",
        "Every change in the app is logged: who, when, what, and the values before and after. "
        "Passwords are never logged.",
    ),
    "trust.audit_user": ("Användare", "User"),
    "trust.audit_table": ("Tabell", "Table"),
    "trust.audit_limit": ("Antal rader", "Rows"),
    "trust.all": ("Alla", "All"),
    "trust.choose": ("Välj …", "Choose …"),
    "trust.setting.municipality_code": ("Kommun", "Municipality"),
    "trust.setting.classification": ("Klassningsrad i rapporter", "Classification line in reports"),
    "trust.setting.status_red_any_level": (
        "Statusregel: röd om någon faktor når nivå",
        "Status rule: red if any factor reaches level",
    ),
    "trust.setting.status_red_count_level2": (
        "Statusregel: röd om minst så många faktorer är på nivå 2 eller mer",
        "Status rule: red if at least this many factors are at level 2 or more",
    ),
    "trust.setting.status_yellow_any_level": (
        "Statusregel: gul om någon faktor når nivå",
        "Status rule: yellow if any factor reaches level",
    ),
    "trust.setting.retention_months": (
        "Gallringstid för fritext (månader)",
        "Retention period for free text (months)",
    ),
    "trust.setting.session_timeout_minutes": (
        "Automatisk utloggning efter inaktivitet (minuter)",
        "Automatic logout after inactivity (minutes)",
    ),
    "trust.settings_saved": ("{n} inställningar ändrade.", "{n} settings changed."),
    "trust.retention_heading": ("Gallring av fritext", "Deleting old free text"),
    "trust.retention_intro": (
        "Kommentarer i enkätsvaren, beskrivningar och adresser i händelserapporterna och "
        "trygghetsvandringarnas deltagare, interna anteckningar och foton är personuppgifter. "
        "Gallringen raderar dem när de är äldre än gallringstiden. Nivåerna, platserna och tidpunkterna "
        "och vandringarnas fynd behålls, så trender och jämförelser påverkas inte.",
        "Comments in survey answers, descriptions and addresses in event reports and the safety walks' "
        "participants, internal notes and photos are personal data. The retention run deletes them once "
        "older than the retention period. Levels, places and times and the walks' findings are kept, so "
        "trends and comparisons are unaffected.",
    ),
    "trust.retention_preview": (
        "Fritext från före {cutoff}: {comments} kommentarer och {descriptions} händelsebeskrivningar; "
        "deltagare och anteckningar i {walks} trygghetsvandringar och {photos} foton.",
        "Free text from before {cutoff}: {comments} comments and {descriptions} event descriptions; "
        "participants and notes of {walks} safety walks and {photos} photos.",
    ),
    "trust.retention_confirm": (
        "Jag förstår att fritexten raderas permanent.",
        "I understand that the free text is deleted for good.",
    ),
    "trust.retention_run": ("Radera gammal fritext", "Delete old free text"),
    "trust.retention_done": (
        "Raderat: {comments} kommentarer och {descriptions} händelsebeskrivningar; deltagare och anteckningar "
        "i {walks} trygghetsvandringar och {photos} foton.",
        "Deleted: {comments} comments and {descriptions} event descriptions; participants and notes of "
        "{walks} safety walks and {photos} photos.",
    ),
    "trust.forget_heading": ("Radera en rapportörs personuppgifter", "Delete a reporter's personal data"),
    "trust.forget_intro": (
        "Namn, e-post, kommentarer och händelsebeskrivningar raderas, även namnet bland "
        "trygghetsvandringarnas deltagare. Rapportörens nivåbedömningar finns kvar utan namn, kontot "
        "inaktiveras och rapportörens enkätlänkar spärras.",
        "Name, e-mail, comments and event descriptions are deleted, the name among the safety walks' "
        "participants too. The reporter's ratings remain without a name, the account is deactivated and "
        "the reporter's survey links are revoked.",
    ),
    "trust.forget_reporter": ("Rapportör", "Reporter"),
    "trust.forget_confirm": (
        "Jag förstår att uppgifterna inte går att återställa.",
        "I understand that the data cannot be restored.",
    ),
    "trust.forget_run": ("Radera personuppgifterna", "Delete the personal data"),
    "trust.forget_done": (
        "Klart: {comments} kommentarer och {observations} händelsebeskrivningar raderade, namnet borttaget "
        "ur {walks} trygghetsvandringar, {accounts} konton inaktiverade, {links} länkar spärrade.",
        "Done: {comments} comments and {observations} event descriptions deleted, the name removed from "
        "{walks} safety walks, {accounts} accounts deactivated, {links} links revoked.",
    ),
    "trust.export_heading": ("Export", "Export"),
    "trust.export_intro": (
        "Exporten innehåller inga personuppgifter (namn, e-post, fritext) om du inte uttryckligen väljer det.",
        "The export contains no personal data (names, e-mail, free text) unless you explicitly choose so.",
    ),
    "trust.export_include_personal": ("Ta med personuppgifter", "Include personal data"),
    "trust.export_since": ("Från och med", "From"),
    "trust.export_responses": ("Enkätsvar (CSV)", "Survey answers (CSV)"),
    "trust.export_observations": ("Händelserapporter (CSV)", "Event reports (CSV)"),
    "trust.error.no_user": ("Användaren finns inte.", "The user does not exist."),
    "trust.error.last_admin": (
        "Det måste finnas minst en aktiv administratör.",
        "There must be at least one active administrator.",
    ),
    "trust.error.self_deactivate": (
        "Du kan inte inaktivera ditt eget konto.",
        "You cannot deactivate your own account.",
    ),
    "trust.error.grant_reader_only": (
        "Rätten att se personuppgifter ges bara till läsare; administratörer och samordnare har den redan.",
        "The right to see personal data is granted to readers only; administrators and coordinators have it.",
    ),
    "trust.error.link_reporter_only": (
        "Bara konton med rollen rapportör kan kopplas till en rapportör.",
        "Only accounts with the reporter role can be linked to a reporter.",
    ),
    "trust.error.no_reporter": ("Rapportören finns inte.", "The reporter does not exist."),
    "trust.error.email": (
        "Det ser inte ut som en e-postadress.",
        "That does not look like an e-mail address.",
    ),
    "trust.error.email_taken": (
        "E-postadressen används redan av en annan användare.",
        "The e-mail address is used by another user.",
    ),
    "trust.error.setting_unknown": ("Okänd inställning: {name}.", "Unknown setting: {name}."),
    "trust.error.municipality": ("Okänd kommunkod: {value}.", "Unknown municipality code: {value}."),
    "trust.error.text_length": ("Texten måste ha 1–200 tecken.", "The text must have 1–200 characters."),
    "trust.error.range": (
        "Värdet måste vara ett heltal mellan {low} och {high}.",
        "The value must be a whole number between {low} and {high}.",
    ),
    "trust.link.invalid": (
        "Länken fungerar inte: den är okänd, har gått ut eller har spärrats. Be samordnaren om en ny länk.",
        "The link does not work: it is unknown, has expired or has been revoked. Ask the coordinator for a new one.",
    ),
    "trust.link.no_form": (
        "Rapportformuläret är inte tillgängligt just nu. Kontakta samordnaren.",
        "The reporter form is not available right now. Contact the coordinator.",
    ),
    "trust.oidc.button": ("Logga in med organisationens konto", "Sign in with your organisation account"),
    "trust.oidc.or_local": ("… eller med ett lokalt konto:", "… or with a local account:"),
    "trust.oidc.unknown": (
        "Kontot {email} har ingen behörighet i EST-dashboard. Be administratören lägga upp dig med den "
        "e-postadressen.",
        "The account {email} has no access to the EST dashboard. Ask the administrator to add you with that "
        "e-mail address.",
    ),
    "trust.nav.links": ("Enkätlänkar", "Survey links"),
    "trust.links.intro": (
        "Personliga länkar öppnar rapportformuläret för en rapportör och en vecka utan lösenord. Länken visas "
        "bara när den skapas (i filen för massutskick); appen sparar den inte, bara ett kontrollvärde.",
        "Personal links open the reporter form for one reporter and week without a password. The link is shown "
        "only when it is made (in the mail-merge file); the app does not keep it, only a check value.",
    ),
    "trust.links.week": ("Vecka", "Week"),
    "trust.links.week_option": ("vecka {week}, {year}", "week {week}, {year}"),
    "trust.links.valid_days": ("Giltig i dagar", "Valid for days"),
    "trust.links.base_url": ("Appens adress", "The app's address"),
    "trust.links.base_url_help": (
        "Adressen rapportörerna når appen på. Kan ställas in en gång för alla som inställningen public_url.",
        "The address reporters reach the app at. Can be set once as the public_url setting.",
    ),
    "trust.links.create": (
        "Skapa länkar för alla aktiva rapportörer",
        "Create links for all active reporters",
    ),
    "trust.links.created": (
        "{n} länkar skapade för vecka {week}. Tidigare länkar för veckan är spärrade.",
        "{n} links created for week {week}. Earlier links for the week are revoked.",
    ),
    "trust.links.download": ("Ladda ner fil för massutskick (CSV)", "Download the mail-merge file (CSV)"),
    "trust.links.once": (
        "Spara filen nu: länkarna kan inte visas igen. Skapa nya länkar om filen kommer bort.",
        "Save the file now: the links cannot be shown again. Create new links if the file is lost.",
    ),
    "trust.links.existing": ("Länkar för vecka {week}", "Links for week {week}"),
    "trust.links.none": ("Inga länkar för veckan ännu.", "No links for the week yet."),
    "trust.links.organisation": ("Organisation", "Organisation"),
    "trust.links.state": ("Status", "State"),
    "trust.links.state.giltig": ("giltig", "valid"),
    "trust.links.state.använd": ("använd", "used"),
    "trust.links.state.spärrad": ("spärrad", "revoked"),
    "trust.links.state.utgången": ("utgången", "expired"),
    "trust.links.expires": ("Giltig till", "Valid until"),
    "trust.links.last_used": ("Senast använd", "Last used"),
    "trust.links.uses": ("Användningar", "Uses"),
    "trust.links.revoke_choose": ("Spärra länkar för", "Revoke the links of"),
    "trust.links.revoke": ("Spärra valda länkar", "Revoke the chosen links"),
    "trust.links.revoke_all": ("Spärra alla länkar för vecka {week}", "Revoke all links of week {week}"),
    "trust.links.revoked": ("{n} länkar spärrade.", "{n} links revoked."),
    "trust.setting.public_url": (
        "Appens publika adress (för enkätlänkar)",
        "The app's public address (survey links)",
    ),
    "trust.error.url": (
        "Adressen måste börja med https:// eller http://.",
        "The address must start with https:// or http://.",
    ),
    "trust.backup_heading": ("Säkerhetskopia", "Backup"),
    "trust.backup_intro": (
        "Skriver alla tabeller som Parquet-filer med en kontrollsummefil till mappen backups/ bredvid "
        "databasen. Återställs med python -m est_data restore MAPP till en ny databasfil.",
        "Writes every table as Parquet files with a checksum manifest to the backups/ folder beside the "
        "database. Restore with python -m est_data restore FOLDER into a new database file.",
    ),
    "trust.backup_run": ("Säkerhetskopiera nu", "Back up now"),
    "trust.backup_running": ("Säkerhetskopierar …", "Backing up …"),
    "trust.backup_done": ("Säkerhetskopian är sparad i {folder}.", "The backup was saved in {folder}."),
}
