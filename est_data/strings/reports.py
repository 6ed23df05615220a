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
    "reports.summary.not_covered": (
        "Ingen jämförelse för {source}: {missing}.",
        "No comparison for {source}: {missing}.",
    ),
    "reports.summary.faults": (
        "Kommunen fick {count} felanmälningar om skadegörelse och klotter, mot i snitt {avg} per vecka.",
        "The municipality received {count} fault reports on vandalism and graffiti, against an average of {avg} a week.",
    ),
    "reports.summary.more": (
        "… och ytterligare {n} förändringar i enskilda faktorer.",
        "… and {n} further changes in single factors.",
    ),
    "reports.summary.decided": (
        "Vid mötet sattes {area} till {status} (enligt enkäten {computed}).",
        "At the meeting {area} was set to {status} (the survey gives {computed}).",
    ),
    # Weekly report
    "reports.weekly.title": ("Veckorapport vecka {week}, {year}", "Weekly report, week {week} {year}"),
    "reports.weekly.subtitle": (
        "Lägesbild och återkoppling för {period}",
        "Situation picture and feedback for {period}",
    ),
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
    "reports.weekly.map_alt": (
        "Karta över områdena färgade efter status",
        "Map of the areas coloured by status",
    ),
    "reports.weekly.priorities": (
        "Prioriteringar inför helgen och kommande vecka",
        "Priorities for the weekend and the coming week",
    ),
    "reports.weekly.no_priorities": (
        "Inga prioriteringar är registrerade för veckan.",
        "No priorities have been recorded for the week.",
    ),
    "reports.weekly.followup": (
        "Uppföljning av förra veckans prioriteringar",
        "Follow-up of last week's priorities",
    ),
    "reports.weekly.no_followup": (
        "Förra veckan registrerades inga prioriteringar.",
        "No priorities were recorded last week.",
    ),
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
        "Kostnaden för veckans felanmälningar: {cost} kr.",
        "The cost of the week's fault reports: SEK {cost}.",
    ),
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
        "Statusregel: röd om någon faktor når nivå {red} eller minst {count} faktorer är på nivå 2 eller mer, "
        "gul om någon faktor når nivå {yellow}, annars grön. Tack till alla rapportörer – era svar är grunden "
        "för lägesbilden.",
        "Status rule: red if any factor reaches level {red} or at least {count} factors are at level 2 or more, "
        "yellow if any factor reaches level {yellow}, otherwise green. Thank you to all reporters – your answers "
        "are the basis of the picture.",
    ),
    "reports.horizon.helg": ("helgen", "the weekend"),
    "reports.horizon.vecka": ("kommande vecka", "the coming week"),
    "reports.horizon.längre": ("längre sikt", "longer term"),
}

STRINGS.update(
    {
        # Quarterly and annual: shared
        "reports.verdict.rise": ("ökning", "increase"),
        "reports.verdict.fall": ("minskning", "decrease"),
        "reports.verdict.none": ("ingen säker förändring", "no certain change"),
        "reports.verdict.too_few": ("(för få för att bedöma)", "(too few to judge)"),
        "reports.no_events": ("Inga händelser under perioden.", "No events in the period."),
        "reports.no_areas": ("Inga områden.", "No areas."),
        "reports.col.period": ("Perioden", "Period"),
        "reports.col.last_year": ("Året före", "Year before"),
        "reports.col.verdict": ("Bedömning", "Assessment"),
        "reports.col.police": ("Polis", "Police"),
        "reports.col.faults": ("Felanm.", "Fault rep."),
        "reports.col.events_last_year": ("Året före (summa)", "Year before (total)"),
        "reports.col.per_1000": ("Per 1 000 inv.", "Per 1,000 inh."),
        "reports.col.mean_level": ("Enkätnivå", "Survey level"),
        "reports.col.level_short": ("Nivå", "Level"),
        "reports.col.status_weeks": ("Veckor röd/gul/grön", "Weeks red/yellow/green"),
        "reports.col.rank": ("Nr", "No."),
        "reports.col.need": ("Behov", "Need"),
        "reports.col.influence": ("Påverkan", "Influence"),
        "reports.col.actions": ("Insatser", "Actions"),
        "reports.col.partners": ("Parter", "Partners"),
        "reports.col.orgs": ("Rapp.-org.", "Rep. orgs"),
        "reports.col.before_after": ("Före → efter", "Before → after"),
        "reports.col.verdict_text": ("Vad utvärderingen säger", "What the evaluation says"),
        "reports.col.crime": ("Brottskategori", "Crime category"),
        "reports.col.total": ("Summa", "Total"),
        "reports.chart.events_per_month": ("Händelser per månad", "Events per month"),
        "reports.chart.trend_caption": (
            "Polisens händelser och felanmälningar per månad och kategori, de {months} senaste månaderna "
            "(de största kategorierna).",
            "Police events and fault reports per month and category, the last {months} months (largest categories).",
        ),
        "reports.kf.last_year": ("året före: {n}", "year before: {n}"),
        "reports.kf.fault_cost": ("Kostnad felanmälningar", "Fault report costs"),
        "reports.kf.weeks": ("snitt per vecka, {n} veckor", "weekly average, {n} weeks"),
        "reports.status.red_weeks": (
            "Flest veckor med röd status (av {weeks}): {areas}.",
            "Most weeks with red status (of {weeks}): {areas}.",
        ),
        "reports.status.no_red": (
            "Inget område hade röd status under perioden.",
            "No area had red status in the period.",
        ),
        "reports.need.x": (
            "Behov (enkätnivå och händelser per invånare, 0–100)",
            "Need (survey level and events per inhabitant, 0–100)",
        ),
        "reports.need.y": (
            "Möjlighet att påverka (insatser, parter, rapportörer, 0–100)",
            "Possibility to influence (actions, partners, reporters, 0–100)",
        ),
        "reports.need.q_act": ("högt behov, goda möjligheter", "high need, good possibilities"),
        "reports.need.q_partners": ("högt behov, behöver fler parter", "high need, needs more partners"),
        "reports.need.q_keep": ("lägre behov, goda möjligheter", "lower need, good possibilities"),
        "reports.need.q_watch": ("lägre behov – bevaka", "lower need – keep watching"),
        "reports.need.act": (
            "Högt behov och goda möjligheter att påverka: {areas}. Här bör insatser prioriteras.",
            "High need and good possibilities to influence: {areas}. Actions should be prioritised here.",
        ),
        "reports.need.partners": (
            "Högt behov men färre insatser och parter: {areas}. Här behövs fler samverkansparter.",
            "High need but fewer actions and partners: {areas}. More partners are needed here.",
        ),
        "reports.need.none_high": (
            "Inget område sticker ut med högt behov.",
            "No area stands out with high need.",
        ),
        "reports.need.method": (
            "Behov: medelvärdet av två rangordningar bland områdena, enkätens medelnivå och polisens händelser "
            "plus felanmälningar per 1 000 invånare. Möjlighet att påverka: rangordningen efter pågående insatser, "
            "samverkansparter i dem och rapportörernas organisationer i området. 0 = lägst, 100 = högst bland "
            "kommunens områden.",
            "Need: the mean of two rankings among the areas, the survey's mean level and police events plus fault "
            "reports per 1,000 inhabitants. Possibility to influence: the ranking by actions under way, the partners "
            "in them and the reporters' organisations in the area. 0 = lowest, 100 = highest among the areas.",
        ),
        "reports.need.caption": (
            "Områdena efter behov och möjlighet att påverka.",
            "The areas by need and possibility to influence.",
        ),
        "reports.actions.intro": (
            "{n} insatser pågick under perioden, varav {started} startade under perioden.",
            "{n} actions were under way in the period, {started} of them started in the period.",
        ),
        "reports.actions.none": ("Inga insatser under perioden.", "No actions in the period."),
        "reports.actions.evaluation": (
            "Utvärdering av insatser som startat sedan {since}",
            "Evaluation of actions started since {since}",
        ),
        "reports.actions.evaluation_intro": (
            "Före/efter-jämförelse av händelserna i insatsens område mot ett kontrollområde (WDD, Poissons E-test) "
            "med samma metod som på sidan Insatser.",
            "Before/after comparison of the events in the action's area against a control area (WDD, Poisson E-test) "
            "with the same method as on the Actions page.",
        ),
        "reports.actions.no_evaluations": ("Inga insatser att utvärdera.", "No actions to evaluate."),
        "reports.bra.none": ("Ingen statistik från Brå för perioden.", "No Brå statistics for the period."),
        "reports.bra.preliminary": (
            "Brås siffror för de senaste månaderna är preliminära och kan ändras.",
            "Brå's figures for the latest months are preliminary and may change.",
        ),
        # Quarterly
        "reports.q.title": (
            "Kvartalsrapport {year}, kvartal {quarter}",
            "Quarterly report {year}, Q{quarter}",
        ),
        "reports.q.subtitle": (
            "Trygghetsläget {period} – underlag för ledningens uppföljning",
            "Safety {period} – for management's follow-up",
        ),
        "reports.q.summary": ("Sammanfattning", "Summary"),
        "reports.q.summary.police": (
            "Polisen rapporterade {n} händelser (samma kvartal året före: {ly}) – {verdict}.",
            "The police reported {n} events (same quarter the year before: {ly}) – {verdict}.",
        ),
        "reports.q.summary.faults": (
            "Felanmälningar om skadegörelse och klotter: {n} ({ly} året före) – {verdict}. Kostnad {cost} kr.",
            "Fault reports on vandalism and graffiti: {n} ({ly} the year before) – {verdict}. Cost SEK {cost}.",
        ),
        "reports.q.summary.need": (
            "Störst behov av insatser: {areas}.",
            "Greatest need of actions: {areas}.",
        ),
        "reports.q.trends": ("Utveckling per kategori", "Trends by category"),
        "reports.q.categories_intro": (
            "Antal under kvartalet jämfört med samma kvartal året före. Bedömningen bygger på Poissons E-test "
            "(5 %-nivån), inte på procentuell förändring.",
            "Counts in the quarter compared with the same quarter the year before. The assessment uses the Poisson "
            "E-test (5 % level), not percent change.",
        ),
        "reports.q.areas": ("Utveckling per område", "Trends by area"),
        "reports.q.areas_intro": (
            "Polisens händelser och felanmälningar, händelser per 1 000 invånare, enkätens medelnivå (0–3) och antal "
            "veckor med röd, gul och grön status.",
            "Police events and fault reports, events per 1,000 inhabitants, the survey's mean level (0–3) and weeks "
            "with red, yellow and green status.",
        ),
        "reports.q.need": (
            "Områden efter behov och möjlighet att påverka",
            "Areas by need and possibility to influence",
        ),
        "reports.q.actions": ("Insatser och deras resultat", "Actions and their results"),
        "reports.q.bra": ("Polisanmälda brott månad för månad (Brå)", "Reported crimes month by month (Brå)"),
        "reports.q.bra_intro": (
            "Anmälda brott i kommunen enligt Brås statistik, jämfört med samma månader året före.",
            "Reported crimes in the municipality according to Brå, compared with the same months the year before.",
        ),
        "reports.q.footer": (
            "Källor: rapportörernas veckoenkät, Polisens händelser, kommunens felanmälningar och Brås statistik över "
            "anmälda brott. Händelser utan känd plats räknas för kommunen men inte för något område.",
            "Sources: the reporters' weekly survey, police events, the municipality's fault reports and Brå's "
            "statistics of reported crimes. Events without a known place count for the municipality, not for an area.",
        ),
    }
)

STRINGS.update(
    {
        # Annual
        "reports.a.title": (
            "Årsrapport {year}: lägesbild och underlag för åtgärdsplan",
            "Annual report {year}: situation picture and basis for the action plan",
        ),
        "reports.a.subtitle": (
            "Enligt lagen (2023:196) om kommuners ansvar för brottsförebyggande arbete.",
            "Under the Act (2023:196) on municipalities' responsibility for crime prevention.",
        ),
        "reports.a.until": ("Uppgifter till och med {end}.", "Data up to and including {end}."),
        "reports.a.intro": (
            "Kommunen ska enligt lag ta fram en lägesbild över brottsligheten, besluta om en åtgärdsplan utifrån den "
            "och följa upp åtgärderna. Rapporten bygger på EST-arbetet: rapportörernas veckoenkät ({weeks} veckor, "
            "i snitt {rate} % svar), Polisens händelser, kommunens felanmälningar, Brås statistik och kommunens insatser.",
            "By law the municipality makes a situation picture of crime, decides an action plan based on it and "
            "follows the actions up. This report builds on the EST work: the reporters' weekly survey ({weeks} weeks, "
            "on average {rate} % answered), police events, the municipality's fault reports, Brå's statistics and the "
            "municipality's actions.",
        ),
        "reports.kf.actions": ("Insatser under året", "Actions during the year"),
        "reports.kf.actions_started": ("varav {n} startade", "{n} of them started"),
        "reports.a.mapping": ("1. Kartläggning", "1. Mapping"),
        "reports.a.crimes": ("Anmälda brott (Brå)", "Reported crimes (Brå)"),
        "reports.a.whole_year": ("helår", "full year"),
        "reports.a.crimes_axis": ("Anmälda brott, {span}", "Reported crimes, {span}"),
        "reports.a.crimes_caption": (
            "Anmälda brott per år, samma månader ({span}) varje år.",
            "Reported crimes per year, the same months ({span}) each year.",
        ),
        "reports.col.avg3": ("Snitt 3 år före", "3-year average"),
        "reports.a.events": ("Polisens händelser och felanmälningar", "Police events and fault reports"),
        "reports.a.events_intro": (
            "Antal under året jämfört med samma period året före (Poissons E-test, 5 %-nivån).",
            "Counts in the year compared with the same period the year before (Poisson E-test, 5 % level).",
        ),
        "reports.a.areas": ("Per område", "By area"),
        "reports.a.survey": ("Rapportörernas bild", "The reporters' picture"),
        "reports.a.survey_intro": (
            "Enkätens medelnivå per faktor (0 inget – 3 allvarligt) över alla svar under året, jämfört med året före.",
            "The survey's mean level per factor (0 none – 3 serious) over all answers in the year, against the year before.",
        ),
        "reports.a.no_survey": ("Inga enkätsvar under året.", "No survey answers in the year."),
        "reports.col.this_year": ("I år", "This year"),
        "reports.col.year_before": ("Året före", "Year before"),
        "reports.col.change": ("Förändring", "Change"),
        "reports.col.place": ("Plats", "Place"),
        "reports.col.events": ("Händelser", "Events"),
        "reports.col.share": ("Andel", "Share"),
        "reports.a.analysis": ("2. Analys", "2. Analysis"),
        "reports.a.when": ("När händer det?", "When does it happen?"),
        "reports.a.pattern_days": (
            "De två dagar med flest polishändelser är {first} och {second}, med {share} % av veckans händelser.",
            "The two days with most police events are {first} and {second}, with {share} % of the week's events.",
        ),
        "reports.a.pattern_hours": (
            "{share} % av polishändelserna inträffar kvällar och nätter mellan kl. 19 och 01.",
            "{share} % of the police events happen in the evenings and nights between 19 and 01.",
        ),
        "reports.a.places": ("Var händer det? Återkommande platser", "Where does it happen? Repeat places"),
        "reports.a.places_intro": (
            "De {n} platser med flest händelser (av {places} namngivna platser med händelser) står för {share} % av "
            "händelserna vid namngivna platser.",
            "The {n} places with most events (of {places} named places with events) account for {share} % of the events "
            "at named places.",
        ),
        "reports.a.need": ("Behov och möjlighet att påverka", "Need and possibility to influence"),
        "reports.a.problems": ("3. Prioriterade problem", "3. Priority problems"),
        "reports.a.problems_intro": (
            "Problem som rapportörerna bedömt som påtagliga eller allvarliga flest veckor, kategorier som ökat säkert "
            "och områden som oftast haft röd status.",
            "Problems the reporters rated marked or serious most weeks, categories with a certain increase and areas "
            "most often red.",
        ),
        "reports.a.problem": (
            "{factor} i {area}: påtagligt eller allvarligt {high} av {weeks} veckor (medelnivå {level}).",
            "{factor} in {area}: marked or serious {high} of {weeks} weeks (mean level {level}).",
        ),
        "reports.a.rising": (
            "{category} ({source}) ökade säkert: {n} mot {before} året före.",
            "{category} ({source}) increased with certainty: {n} against {before} the year before.",
        ),
        "reports.a.no_problems": (
            "Inga framträdande problem under året.",
            "No prominent problems during the year.",
        ),
        "reports.a.actions": ("4. Åtgärder", "4. Actions"),
        "reports.a.followup": (
            "5. Uppföljning och nästa års åtgärdsplan",
            "5. Follow-up and next year's action plan",
        ),
        "reports.a.followup_intro": (
            "Utvärderingarna ovan visar vilka insatser som följdes av färre händelser än väntat, och hur säkert "
            "det är. Inför nästa års åtgärdsplan föreslås att samverkansgruppen:",
            "The evaluations above show which actions were followed by fewer events than expected, and how certain "
            "that is. For next year's action plan the partnership is invited to:",
        ),
        "reports.a.next.1": (
            "behåller och sprider insatstyper som följts av färre händelser än väntat utan förflyttning,",
            "keep and spread the kinds of action followed by fewer events than expected without displacement,",
        ),
        "reports.a.next.2": (
            "riktar nya insatser mot de prioriterade problemen och områdena med högt behov,",
            "aim new actions at the priority problems and the areas of high need,",
        ),
        "reports.a.next.3": (
            "söker fler samverkansparter där behovet är högt men möjligheten att påverka låg,",
            "seek more partners where the need is high but the possibility to influence is low,",
        ),
        "reports.a.next.4": (
            "följer upp varje ny insats med före/efter-jämförelse mot kontrollområde.",
            "follow up every new action with a before/after comparison against a control area.",
        ),
    }
)

STRINGS.update(
    {
        # Pages
        "reports.nav.reports": ("Rapporter", "Reports"),
        "reports.nav.meeting": ("Möte", "Meeting"),
        "reports.page.weekly": ("Veckorapport", "Weekly report"),
        "reports.page.quarterly": ("Kvartalsrapport", "Quarterly report"),
        "reports.page.annual": ("Årsrapport", "Annual report"),
        "reports.page.week": ("Vecka", "Week"),
        "reports.page.year": ("År", "Year"),
        "reports.page.quarter": ("Kvartal", "Quarter"),
        "reports.page.reporters_version": (
            "Version för rapportörer (utan namn och interna kommentarer)",
            "Version for reporters (no names and no internal comments)",
        ),
        "reports.page.reporters_only": (
            "Du får veckorapportens version för rapportörer: utan namn och utan kommentarer som markerats som interna.",
            "You get the weekly report's version for reporters: without names and without comments marked internal.",
        ),
        "reports.page.download_pdf": ("Ladda ner PDF", "Download PDF"),
        "reports.page.download_html": ("Ladda ner HTML", "Download HTML"),
        "reports.page.weekly_intro": (
            "Återkopplingen till alla som deltar i EST: lägesbild, förändringar, prioriteringar och uppföljning. "
            "Skapas när du klickar; PDF-filen går att skicka vidare som den är, HTML-filen går att skriva ut.",
            "The feedback to everyone taking part in EST: situation picture, changes, priorities and follow-up. "
            "Made when you click; the PDF can be sent on as it is, the HTML file can be printed.",
        ),
        "reports.page.quarterly_intro": (
            "Underlag till ledningen: utveckling per kategori och område, områden efter behov och möjlighet att "
            "påverka, insatser med utvärdering och Brås statistik månad för månad. Tar några sekunder att skapa.",
            "For management: trends by category and area, areas by need and possibility to influence, actions with "
            "their evaluation and Brå's monthly statistics. Takes a few seconds to make.",
        ),
        "reports.page.annual_intro": (
            "Lägesbild och underlag för åtgärdsplan enligt lagen (2023:196): kartläggning, analys, prioriterade "
            "problem, åtgärder och uppföljning. Tar några sekunder att skapa.",
            "Situation picture and basis for the action plan under Act 2023:196: mapping, analysis, priority "
            "problems, actions and follow-up. Takes a few seconds to make.",
        ),
        "reports.page.preview": ("Förhandsvisning", "Preview"),
        "reports.page.cli": ("Från kommandoraden: `{command}`", "From the command line: `{command}`"),
        "reports.page.no_weeks": ("Det finns inga enkätsvar ännu.", "There are no survey answers yet."),
        "reports.page.send": (
            "Skicka rapportörsversionen till sändlistan",
            "Send the reporters' version to the list",
        ),
        "reports.page.sent": ("Skickad till {n} mottagare.", "Sent to {n} recipients."),
        "reports.page.send_failed": ("Utskicket misslyckades: {error}", "Sending failed: {error}"),
        "reports.page.send_help": (
            "Skickas som PDF till aktiva rapportörer och användare med e-postadress (dold kopia).",
            "Sent as PDF to active reporters and users with an e-mail address (blind copy).",
        ),
        # Meeting
        "reports.meeting.avg": ("snitt {avg}", "avg. {avg}"),
        "reports.meeting.previous": ("Föregående", "Previous"),
        "reports.meeting.next": ("Nästa", "Next"),
        "reports.meeting.steps": ("Steg", "Step"),
        "reports.meeting.keys": (
            "Piltangenterna ← → bläddrar, P växlar presentationsläge.",
            "The arrow keys ← → turn the pages, P toggles presentation mode.",
        ),
        "reports.meeting.week": ("Vecka", "Week"),
        "reports.meeting.fullscreen": (
            "Presentationsläge: dölj sidomenyn (tangent P)",
            "Presentation mode: hide the sidebar (key P)",
        ),
        "reports.meeting.was": ("förra veckan {status}", "last week {status}"),
        "reports.meeting.events_heading": (
            "Polis och felanmälan – veckan mot snittet",
            "Police and fault reports vs average",
        ),
        "reports.meeting.observations_heading": (
            "Rapportörernas allvarligaste händelser",
            "The reporters' most serious events",
        ),
        "reports.meeting.no_observations": (
            "Inga allvarliga händelser rapporterade.",
            "No serious events reported.",
        ),
        "reports.meeting.no_followup": (
            "Inga prioriteringar beslutades förra veckan.",
            "No priorities were decided last week.",
        ),
        "reports.meeting.decided_status": ("Beslutad status", "Agreed status"),
        "reports.meeting.priorities": ("Prioriteringar", "Priorities"),
    }
)
