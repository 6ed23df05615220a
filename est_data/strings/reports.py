"""Strings for the reports (weekly, quarterly, annual), the Rapporter page and the Möte page."""

STRINGS: dict[str, tuple[str, str]] = {
    # Shared by every report
    "report.generated": ("Skapad {when} av EST-dashboard", "Generated {when} by EST dashboard"),
    "report.page": ("Sida {page} av {pages}", "Page {page} of {pages}"),
    "reports.no_answers": ("inga svar", "no answers"),
    "reports.yes": ("ja", "yes"),
    "reports.no": ("nej", "no"),
    "reports.whole_municipality": ("hela kommunen", "whole municipality"),
    "reports.level.0": ("inget", "none"),
    "reports.level.1": ("enstaka", "occasional"),
    "reports.level.2": ("påtagligt", "marked"),
    "reports.level.3": ("allvarligt", "serious"),
    "reports.source.polisen": ("polisen", "police"),
    "reports.source.felanmalan": ("felanmälan", "fault reports"),
    "reports.source.rapportör": ("rapportörer", "reporters"),
    "reports.basis.decided": ("beslutad", "agreed"),
    "reports.basis.computed": ("beräknad", "computed"),
    "reports.followup.open": ("ej uppföljd", "not followed up"),
    "reports.chart.this_week": ("Veckan", "This week"),
    "reports.chart.avg4": ("Snitt fyra veckor före", "Average of the four weeks before"),
    # Column names
    "reports.col.basis": ("Grund", "Basis"),
    "reports.col.factors": ("Faktorer på nivå påtagligt eller allvarligt", "Factors at marked or serious"),
    "reports.col.note": ("Anteckning", "Note"),
    "reports.col.where": ("Var", "Where"),
    "reports.col.kind": ("Typ", "Kind"),
    "reports.col.when": ("När", "When"),
    "reports.col.description": ("Beskrivning", "Description"),
    "reports.col.priority": ("Prioritering", "Priority"),
    "reports.col.done": ("Genomförd", "Done"),
    "reports.col.comment": ("Kommentar", "Comment"),
    "reports.col.factor": ("Faktor", "Factor"),
    "reports.col.reporter": ("Rapportör", "Reporter"),
    "reports.col.source": ("Källa", "Source"),
    "reports.col.category": ("Kategori", "Category"),
    "reports.col.this_week": ("Veckan", "This week"),
    "reports.col.avg4": ("Snitt 4 v.", "4-wk avg"),
    # Key figures
    "reports.kf.response_rate": ("Svarsfrekvens", "Response rate"),
    "reports.kf.answered": ("{n} av {of} rapportörer har svarat", "{n} of {of} reporters answered"),
    "reports.kf.status": ("Röd / gul / grön", "Red / yellow / green"),
    "reports.kf.status_note": ("antal områden per status", "areas per status"),
    "reports.kf.police": ("Polishändelser", "Police events"),
    "reports.kf.faults": ("Felanmälningar", "Fault reports"),
    "reports.kf.avg4": ("snitt föregående 4 veckor: {avg}", "previous 4 weeks' average: {avg}"),
    # Sentences added to the weekly cycle's automatic summary
    "reports.summary.police": (
        "Polisen rapporterade {count} händelser under veckan, mot i snitt {avg} per vecka de fyra veckorna innan.",
        "The police reported {count} events this week, against an average of {avg} a week in the four weeks before.",
    ),
    "reports.summary.faults": (
        "Kommunen fick {count} felanmälningar om skadegörelse och klotter, mot i snitt {avg} per vecka.",
        "The municipality received {count} fault reports on vandalism and graffiti, against an average of {avg} a week.",
    ),
    "reports.summary.decided": (
        "Vid mötet sattes {area} till {status} (enligt enkäten {computed}).",
        "At the meeting {area} was set to {status} (the survey gives {computed}).",
    ),
    # Weekly report
    "reports.weekly.title": ("Veckorapport vecka {week}, {year}", "Weekly report, week {week} {year}"),
    "reports.weekly.subtitle": ("Lägesbild och återkoppling för {period}", "Situation picture and feedback for {period}"),
    "reports.weekly.reporters_version": ("version för rapportörer", "version for reporters"),
    "reports.weekly.summary": ("Det här har förändrats", "What has changed"),
    "reports.weekly.situation": ("Lägesbild per område", "Situation picture by area"),
    "reports.weekly.situation_intro": (
        "Status enligt beslut vid veckans lägesbildsmöte (beslutad); där inget beslut finns visas status "
        "beräknad från rapportörernas svar (beräknad).",
        "Status as agreed at the week's meeting (agreed); where nothing was agreed, the status computed "
        "from the reporters' answers (computed).",
    ),
    "reports.weekly.map_caption": ("Områdenas status vecka {week}.", "Area status in week {week}."),
    "reports.weekly.map_alt": ("Karta över områdena färgade efter status", "Map of the areas coloured by status"),
    "reports.weekly.priorities": (
        "Prioriteringar inför helgen och kommande vecka", "Priorities for the weekend and the coming week"),
    "reports.weekly.no_priorities": (
        "Inga prioriteringar är registrerade för veckan.", "No priorities have been recorded for the week."),
    "reports.weekly.followup": ("Uppföljning av förra veckans prioriteringar", "Follow-up of last week's priorities"),
    "reports.weekly.no_followup": (
        "Förra veckan registrerades inga prioriteringar.", "No priorities were recorded last week."),
    "reports.weekly.events": ("Händelser under veckan", "Events during the week"),
    "reports.weekly.events_intro": (
        "Polisen: {police} händelser (snitt föregående fyra veckor {police_avg}). "
        "Felanmälningar om skadegörelse och klotter: {faults} (snitt {faults_avg}).",
        "Police: {police} events (previous four weeks' average {police_avg}). "
        "Fault reports on vandalism and graffiti: {faults} (average {faults_avg}).",
    ),
    "reports.weekly.events_caption": (
        "Veckans händelser per kategori jämfört med snittet för de fyra veckorna före.",
        "The week's events per category compared with the average of the four weeks before.",
    ),
    "reports.weekly.fault_cost": (
        "Kostnaden för veckans felanmälningar: {cost} kr.", "The cost of the week's fault reports: SEK {cost}."),
    "reports.weekly.observations": ("Rapportörernas händelser", "Reporters' event reports"),
    "reports.weekly.observations_intro": (
        "{n} händelser rapporterades under veckan; de {shown} allvarligaste visas.",
        "{n} events were reported during the week; the {shown} most serious are shown.",
    ),
    "reports.weekly.no_observations": ("Inga händelser rapporterades.", "No events were reported."),
    "reports.weekly.comments": ("Kommentarer från rapportörerna", "Comments from the reporters"),
    "reports.weekly.no_comments": ("Inga kommentarer den här veckan.", "No comments this week."),
    "reports.weekly.actions": ("Pågående insatser", "Actions under way"),
    "reports.weekly.no_actions": ("Inga pågående insatser.", "No actions under way."),
    "reports.weekly.footer": (
        "Statusregel: röd om någon faktor är allvarlig eller minst tre är påtagliga, gul om någon faktor är "
        "påtaglig, annars grön. Tack till alla rapportörer – era svar är grunden för lägesbilden.",
        "Status rule: red if any factor is serious or at least three are marked, yellow if any factor is "
        "marked, otherwise green. Thank you to all reporters – your answers are the basis of the picture.",
    ),
    "reports.horizon.helg": ("helgen", "the weekend"),
    "reports.horizon.vecka": ("kommande vecka", "the coming week"),
    "reports.horizon.längre": ("längre sikt", "longer term"),
}
