"""Survey rounds of one or two weeks (issue 18 item 1)."""

STRINGS: dict[str, tuple[str, str]] = {
    "rounds.label.one": ("vecka {week}", "week {week}"),
    "rounds.label.two": ("vecka {first}–{last}", "weeks {first}–{last}"),
    "rounds.label.two_years": (
        "vecka {first} {first_year}–vecka {last} {last_year}",
        "week {first} {first_year}–week {last} {last_year}",
    ),
    "rounds.error.weeks": ("En omgång är en eller två veckor.", "A round is one or two weeks."),
    "rounds.error.history": (
        "Det finns redan svar från {latest}; omgångarna från {week} kan inte ändras utan att historiken "
        "skrivs om. Välj en vecka efter {latest}.",
        "There are answers from {latest}; the rounds from {week} cannot change without rewriting history. "
        "Choose a week after {latest}.",
    ),
    # The schedule (Admin and CLI)
    "rounds.admin.heading": ("Enkätomgångar", "Survey rounds"),
    "rounds.admin.intro": (
        "En omgång är den period ett enkätsvar gäller: en vecka eller två (varannan vecka). Ändringen gäller "
        "från en vald vecka; omgångar före den behåller sin längd.",
        "A round is the period one survey answer covers: one week or two (every other week). A change applies "
        "from a chosen week on; the rounds before it keep their length.",
    ),
    "rounds.admin.now": ("Just nu: {label} ({weeks}).", "Now: {label} ({weeks})."),
    "rounds.admin.weeks.1": ("en vecka", "one week"),
    "rounds.admin.weeks.2": ("två veckor", "two weeks"),
    "rounds.admin.none": (
        "Inga ändringar gjorda: varje omgång är en vecka.",
        "No changes made: every round is one week.",
    ),
    "rounds.admin.col.from": ("Från vecka", "From week"),
    "rounds.admin.col.weeks": ("Längd", "Length"),
    "rounds.admin.length": ("Omgångens längd", "Length of a round"),
    "rounds.admin.from": ("Från vecka (måndag)", "From week (Monday)"),
    "rounds.admin.save": ("Ändra omgångarna", "Change the rounds"),
    "rounds.admin.saved": (
        "Från {week} är en omgång {weeks}.",
        "From {week} on a round is {weeks}.",
    ),
    "rounds.cli.row": ("från {week}: {weeks}", "from {week}: {weeks}"),
    "rounds.cli.current": (
        "aktuell omgång: {label} ({first}–{last})",
        "current round: {label} ({first}–{last})",
    ),
    "rounds.cli.bad_week": ("Veckan anges som 2026-W10.", "Give the week as 2026-W10."),
    "rounds.round": ("Omgång", "Round"),
    # Round variants of texts said of a week: used instead of the key after "rounds.v." when rounds are
    # two weeks long (est_data.rounds.text); weekly rounds keep the week's wording.
    "rounds.v.weekly.summary.last_week": (", förra omgången {prev}.", ", last round {prev}."),
    "rounds.v.weekly.summary.high_no_previous": (
        "{factor} i {area}: {level} enligt {reporters} (ingen jämförelse: inga svar förra omgången).",
        "{factor} in {area}: {level} according to {reporters} (no comparison: no answers last round).",
    ),
    "rounds.v.weekly.summary.no_answers_last_week": (
        "(inga svar förra omgången).",
        "(no answers last round).",
    ),
    "rounds.v.weekly.summary.status_changed": (
        "Status för {area}: {status} (förra omgången {prev}).",
        "Status of {area}: {status} (last round {prev}).",
    ),
    "rounds.v.weekly.summary.above_avg": (
        "{factor} i {area} ligger kvar på {level} enligt {reporters}, över snittet för de fyra föregående "
        "omgångarna ({avg}).",
        "{factor} in {area} stays {level} according to {reporters}, above the average of the previous four "
        "rounds ({avg}).",
    ),
    "rounds.v.weekly.summary.no_change": (
        "Inga tydliga förändringar jämfört med förra omgången.",
        "No clear changes compared with last round.",
    ),
    "rounds.v.weekly.summary.no_answers": ("Inga svar för omgången.", "No answers for the round."),
    "rounds.v.weekly.situation.compare.week": ("förra omgången", "last round"),
    "rounds.v.weekly.situation.compare.avg4": ("snittet för fyra omgångar", "the 4-round average"),
    "rounds.v.weekly.situation.col.prev": ("Förra omgången", "Last round"),
    "rounds.v.weekly.situation.week": ("Omgång", "Round"),
    "rounds.v.weekly.situation.no_notes": (
        "Inga kommentarer eller händelser för omgången.",
        "No comments or events this round.",
    ),
    "rounds.v.weekly.meeting.followup": (
        "Uppföljning av förra omgångens prioriteringar",
        "Follow-up of last round's priorities",
    ),
    "rounds.v.weekly.meeting.no_followup": (
        "Inga prioriteringar beslutades förra omgången.",
        "No priorities were set last round.",
    ),
    "rounds.v.weekly.form.week": ("Omgång", "Round"),
    "rounds.v.weekly.form.week_help": (
        "Svaret gäller läget under omgångens två veckor. Sena svar kan lämnas för de tre senaste omgångarna.",
        "The answer is about the round's two weeks. Late answers can be given for the last three rounds.",
    ),
    "rounds.v.weekly.form.intro": (
        "Ange läget i dina områden under omgången (två veckor): 0 inget, 1 enstaka, 2 påtagligt, 3 allvarligt. "
        "Allt står på 0 från början – har du inget att rapportera räcker det att skicka.",
        "Rate the situation in your areas during the round (two weeks): 0 none, 1 isolated, 2 noticeable, "
        "3 serious. Everything starts at 0 – if you have nothing to report, just send.",
    ),
    "rounds.v.weekly.form.already_sent": (
        "Du har redan skickat ett svar för omgången ({when}). Skickar du igen ersätts det.",
        "You already sent an answer for this round ({when}). Sending again replaces it.",
    ),
    "rounds.v.weekly.form.submit": ("Skicka omgångens svar", "Send this round's answer"),
    "rounds.v.mote.step.followup": ("Förra omgångens prioriteringar", "Last round's priorities"),
    "rounds.v.mote.no_answers_yet": ("Inga svar ännu för omgången.", "No answers for the round yet."),
    "rounds.v.reports.meeting.week": ("Omgång", "Round"),
    "rounds.v.reports.meeting.was": ("förra omgången {status}", "last round {status}"),
    "rounds.v.reports.meeting.events_heading": (
        "Polis och felanmälan – omgången mot snittet",
        "Police and fault reports vs average",
    ),
    "rounds.v.reports.meeting.no_followup": (
        "Inga prioriteringar beslutades förra omgången.",
        "No priorities were decided last round.",
    ),
    "rounds.v.reports.weekly.title": (
        "Rapport för omgången vecka {week}, {year}",
        "Round report, weeks {week} {year}",
    ),
    "rounds.v.reports.weekly.followup": (
        "Uppföljning av förra omgångens prioriteringar",
        "Follow-up of last round's priorities",
    ),
    "rounds.v.reports.weekly.no_followup": (
        "Förra omgången registrerades inga prioriteringar.",
        "No priorities were recorded last round.",
    ),
    "rounds.v.reports.weekly.no_priorities": (
        "Inga prioriteringar är registrerade för omgången.",
        "No priorities have been recorded for the round.",
    ),
    "rounds.v.reports.weekly.events": ("Händelser under omgången", "Events during the round"),
    "rounds.v.reports.weekly.events_intro": (
        "Polisen: {police} händelser (snitt föregående fyra omgångar {police_avg}). "
        "Felanmälningar om skadegörelse och klotter: {faults} (snitt {faults_avg}).",
        "Police: {police} events (previous four rounds' average {police_avg}). "
        "Fault reports on vandalism and graffiti: {faults} (average {faults_avg}).",
    ),
    "rounds.v.reports.weekly.events_caption": (
        "Omgångens händelser per kategori jämfört med snittet för de fyra omgångarna före.",
        "The round's events per category compared with the average of the four rounds before.",
    ),
    "rounds.v.reports.weekly.fault_cost": (
        "Kostnaden för omgångens felanmälningar: {cost} kr.",
        "The cost of the round's fault reports: SEK {cost}.",
    ),
    "rounds.v.reports.weekly.observations_intro": (
        "{n} händelser rapporterades under omgången; de {shown} allvarligaste visas.",
        "{n} events were reported during the round; the {shown} most serious are shown.",
    ),
    "rounds.v.reports.weekly.no_comments": ("Inga kommentarer den här omgången.", "No comments this round."),
    "rounds.v.reports.weekly.map_caption": ("Områdenas status vecka {week}.", "Area status in weeks {week}."),
    "rounds.v.reports.weekly.situation_intro": (
        "Status enligt beslut vid omgångens lägesbildsmöte (beslutad); där inget beslut finns visas status "
        "beräknad från rapportörernas svar (beräknad).",
        "Status as agreed at the round's meeting (agreed); where nothing was agreed, the status computed "
        "from the reporters' answers (computed).",
    ),
    "rounds.v.reports.summary.police": (
        "Polisen rapporterade {count} händelser under omgången, mot i snitt {avg} per omgång de fyra omgångarna innan.",
        "The police reported {count} events during the round, against an average of {avg} per round in the four rounds before.",
    ),
    "rounds.v.reports.summary.faults": (
        "Kommunen fick {count} felanmälningar om skadegörelse och klotter, mot i snitt {avg} per omgång.",
        "The municipality received {count} fault reports on vandalism and graffiti, against an average of {avg} a round.",
    ),
    "rounds.v.trust.links.week": ("Omgång", "Round"),
    "rounds.v.trust.links.next_week": (
        "vecka {week}, {year} (nästa omgång)",
        "weeks {week}, {year} (next round)",
    ),
    "rounds.v.trust.links.week_option": ("vecka {week}, {year}", "weeks {week}, {year}"),
    "rounds.v.trust.links.created": (
        "{n} länkar skapade för vecka {week}. Tidigare länkar för omgången är spärrade.",
        "{n} links created for weeks {week}. Earlier links for the round are revoked.",
    ),
    "rounds.v.trust.links.none": ("Inga länkar för omgången ännu.", "No links for the round yet."),
    "rounds.v.weekly.rounds.week": ("Enkätomgång (två veckor)", "Survey round (two weeks)"),
    "rounds.v.weekly.rounds.history": ("Svarsfrekvens omgång för omgång", "Response rate round by round"),
    "rounds.v.weekly.rounds.late_note": (
        "Sena svar räknas till den omgång de gäller. Förväntade: aktiva rapportörer med minst "
        "ett aktivt område.",
        "Late answers count for the round they are about. Expected: active reporters with at "
        "least one active area.",
    ),
    "rounds.v.weekly.matrix.hover": (
        "<b>{area}</b> – {factor}<br>Högsta nivå: {max}<br>Medelnivå: {mean} ({answers} svar)"
        "<br>Förra omgången: högst {prev}, medel {prev_mean}<br>Snitt fyra omgångar före (högsta): {avg4}",
        "<b>{area}</b> – {factor}<br>Highest level: {max}<br>Mean level: {mean} ({answers} answers)"
        "<br>Last round: highest {prev}, mean {prev_mean}<br>Average of the 4 rounds before (highest): {avg4}",
    ),
    "rounds.v.weekly.situation.matrix_caption": (
        "Varje ruta visar omgångens {stat} bland rapportörerna (0 inget – 3 allvarligt). ▲/▼ markerar en ökning "
        "eller minskning jämfört med {compare} (en hel nivå för högsta nivå, en halv för medelnivå; små förändringar "
        "på låga nivåer – under 2 för högsta nivå, under 1 för medelnivå – markeras inte). Håll muspekaren över en ruta för detaljer.",
        "Each cell shows the round's {stat} among reporters (0 none – 3 serious). ▲/▼ mark an increase or decrease "
        "compared with {compare} (a full level for the highest level, half a level for the mean; small changes at "
        "low levels – below 2 for the highest level, below 1 for the mean – are not marked). Hover a cell for details.",
    ),
    "rounds.v.reports.kf.weeks": ("snitt per omgång, {n} omgångar", "average per round, {n} rounds"),
    "rounds.v.reports.kf.avg4": ("snitt föregående 4 omgångar: {avg}", "previous 4 rounds' average: {avg}"),
    "rounds.v.reports.chart.avg4": ("Snitt fyra omgångar före", "Average of the four rounds before"),
    "rounds.v.reports.status.red_weeks": (
        "Flest omgångar med röd status (av {weeks}): {areas}.",
        "Most rounds with red status (of {weeks}): {areas}.",
    ),
    "rounds.v.reports.a.problem": (
        "{factor} i {area}: påtagligt eller allvarligt {high} av {weeks} omgångar (medelnivå {level}).",
        "{factor} in {area}: marked or serious {high} of {weeks} rounds (mean level {level}).",
    ),
    "rounds.v.reports.chart.this_week": ("Omgången", "This round"),
    "rounds.v.mote.step.week": ("Omgången", "The round"),
    "rounds.v.mote.short.week": ("Omgången", "Round"),
}
