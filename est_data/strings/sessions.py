"""Texts of sign-in, sessions, single sign-on and the reporter form's week checks (issues 13 and 16)."""

STRINGS: dict[str, tuple[str, str]] = {
    "trust.oidc.no_tenant": (
        "Inloggning med organisationens konto är inte färdigställd: appen är registrerad för flera "
        "organisationer men inställningen sso_tenant (er katalogs id) saknas. Kontakta administratören.",
        "Sign-in with the organisation account is not set up: the app is registered for several "
        "organisations but the setting sso_tenant (your directory's id) is missing. Contact the administrator.",
    ),
    "trust.oidc.wrong_issuer": (
        "Kontot kommer från en annan organisation än den appen är inställd för och får inte logga in.",
        "The account belongs to another organisation than the one the app is set up for and cannot sign in.",
    ),
    "trust.link.ignored_signed_in": (
        "Du är redan inloggad som {name}, så enkätlänken användes inte. Öppna länken i ett privat fönster "
        "eller logga ut först.",
        "You are already signed in as {name}, so the survey link was not used. Open the link in a private "
        "window or log out first.",
    ),
    "weekly.form.future_week": (
        "Vecka {week} har inte börjat ännu. Formuläret öppnar måndag {start}.",
        "Week {week} has not started yet. The form opens on Monday {start}.",
    ),
    "weekly.error.busy": (
        "Svaret kunde inte sparas just nu eftersom det sparades samtidigt från en annan flik. Ingenting har "
        "gått förlorat: tryck Skicka igen.",
        "The answer could not be saved just now because it was being saved from another tab at the same time. "
        "Nothing was lost: press Send again.",
    ),
    "trust.links.next_week": ("vecka {week}, {year} (nästa vecka)", "week {week}, {year} (next week)"),
}
