"""Strings for the action register (Insatser), the evaluation of actions and the annual view."""

STRINGS: dict[str, tuple[str, str]] = {
    "actions.nav.title": ("Insatser", "Actions"),
    # tabs and headings
    "actions.tab.list": ("Register", "Register"),
    "actions.tab.new": ("Ny insats", "New action"),
    "actions.tab.edit": ("Ändra eller avsluta", "Edit or close"),
    "actions.tab.evaluate": ("Utvärdering", "Evaluation"),
    "actions.tab.year": ("Vad fungerade?", "What worked?"),
    "actions.empty": (
        "Databasen är tom. Importera områden och händelser först.",
        "The database is empty. Import areas and events first.",
    ),
    "actions.none": ("Inga insatser matchar urvalet.", "No actions match the selection."),
    "actions.read_only": (
        "Du kan läsa registret men inte ändra det.",
        "You can read the register but not change it.",
    ),
    # filters
    "actions.filter.status": ("Status", "Status"),
    "actions.filter.kind": ("Typ av insats", "Kind of action"),
    "actions.filter.area": ("Område", "Area"),
    "actions.filter.period": ("Pågår någon gång under", "Running at some time in"),
    "actions.filter.use_period": ("Sidopanelens period", "The sidebar's period"),
    "actions.filter.use_period_help": (
        "Visa bara insatser som pågick någon gång under {start} – {end}.",
        "Show only actions running at some time in {start} – {end}.",
    ),
    "actions.count": ("{n} insatser", "{n} actions"),
    # columns
    "actions.col.id": ("Nr", "No."),
    "actions.col.title": ("Insats", "Action"),
    "actions.col.kind": ("Typ", "Kind"),
    "actions.col.status": ("Status", "Status"),
    "actions.col.area": ("Område", "Area"),
    "actions.col.place": ("Plats", "Place"),
    "actions.col.start": ("Start", "Start"),
    "actions.col.end": ("Slut", "End"),
    "actions.col.responsible": ("Ansvarig", "Responsible"),
    "actions.col.partners": ("Samverkansparter", "Partners"),
    "actions.col.cost": ("Kostnad (kr)", "Cost (SEK)"),
    "actions.col.categories": ("Händelsekategorier", "Event categories"),
    "actions.col.factors": ("EST-faktorer", "EST factors"),
    "actions.col.before": ("Före", "Before"),
    "actions.col.after": ("Efter", "After"),
    "actions.col.wdd_z": ("WDD z", "WDD z"),
    "actions.col.wdd_buffer_z": ("WDD z med buffert", "WDD z with buffer"),
    "actions.col.etest_p": ("E-test p", "E-test p"),
    "actions.col.wdq": ("WDQ", "WDQ"),
    "actions.col.survey_change": ("Enkät, skillnad i skillnad", "Survey, difference in differences"),
    "actions.col.verdict": ("Bedömning", "Verdict"),
    "actions.col.caveats": ("Förbehåll", "Caveats"),
    "actions.col.summary": ("Sammanfattning", "Summary"),
    "actions.col.actions": ("Insatser", "Actions"),
    "actions.col.worked": ("Färre än väntat", "Fewer than expected"),
    # form
    "actions.form.title": ("Rubrik", "Title"),
    "actions.form.kind": ("Typ av insats", "Kind of action"),
    "actions.form.status": ("Status", "Status"),
    "actions.form.area": ("Område", "Area"),
    "actions.form.place": ("Plats (valfri)", "Place (optional)"),
    "actions.form.no_place": ("– ingen plats –", "– no place –"),
    "actions.form.radius": ("Radie runt platsen (m)", "Radius around the place (m)"),
    "actions.form.polygon": (
        "Egen avgränsning (WKT-polygon i WGS 84, valfri)",
        "Own boundary (WKT polygon in WGS 84, optional)",
    ),
    "actions.form.polygon_help": (
        "Fylls i när du ritar på kartan ovan. Lämna tomt för att använda området eller radien runt platsen.",
        "Filled in when you draw on the map above. Leave empty to use the area or the radius around the place.",
    ),
    "actions.form.draw": ("Rita en egen avgränsning på kartan", "Draw an own boundary on the map"),
    "actions.form.draw_help": (
        "Välj polygon- eller rektangelverktyget till vänster på kartan och rita området insatsen gäller. "
        "Avgränsningen hamnar i fältet längst ner i formuläret.",
        "Choose the polygon or rectangle tool on the left of the map and draw the area the action covers. "
        "The boundary goes into the field at the bottom of the form.",
    ),
    "actions.form.partners": ("Samverkansparter", "Partners"),
    "actions.form.responsible": ("Ansvarig", "Responsible"),
    "actions.form.start": ("Startdatum", "Start date"),
    "actions.form.has_end": ("Har slutdatum", "Has an end date"),
    "actions.form.end": ("Slutdatum", "End date"),
    "actions.form.cost": ("Kostnad (kr)", "Cost (SEK)"),
    "actions.form.description": ("Beskrivning", "Description"),
    "actions.form.factors": ("EST-faktorer som insatsen riktar sig mot", "EST factors the action targets"),
    "actions.form.categories": (
        "Händelsekategorier som insatsen ska minska",
        "Event categories the action should reduce",
    ),
    "actions.form.create": ("Spara insatsen", "Save the action"),
    "actions.form.save": ("Spara ändringarna", "Save the changes"),
    "actions.form.choose": ("Välj insats", "Choose an action"),
    "actions.form.created": ("Insatsen är sparad (nr {id}).", "The action was saved (no. {id})."),
    "actions.form.saved": ("Ändringarna är sparade.", "The changes were saved."),
    "actions.form.close_heading": ("Avsluta insatsen", "Close the action"),
    "actions.form.close_as": ("Avsluta som", "Close as"),
    "actions.form.close_date": ("Slutdatum", "End date"),
    "actions.form.close": ("Avsluta", "Close"),
    "actions.form.closed": ("Insatsen är avslutad.", "The action was closed."),
    # errors
    "actions.error.title": ("Insatsen måste ha en rubrik.", "The action needs a title."),
    "actions.error.kind": (
        "Okänd typ av insats. Välj bland: {kinds}.",
        "Unknown kind of action. Choose from: {kinds}.",
    ),
    "actions.error.status": (
        "Okänd status. Välj bland: {statuses}.",
        "Unknown status. Choose from: {statuses}.",
    ),
    "actions.error.dates": (
        "Slutdatum kan inte ligga före startdatum.",
        "The end date cannot be before the start date.",
    ),
    "actions.error.start_needed": (
        "En pågående eller avslutad insats behöver ett startdatum.",
        "An action under way or closed needs a start date.",
    ),
    "actions.error.cost": ("Kostnaden kan inte vara negativ.", "The cost cannot be negative."),
    "actions.error.radius": ("Radien måste vara större än noll.", "The radius must be larger than zero."),
    "actions.error.where": (
        "Ange område, plats eller en egen avgränsning.",
        "Give an area, a place or an own boundary.",
    ),
    "actions.error.area": ("Området finns inte.", "The area does not exist."),
    "actions.error.place": ("Platsen finns inte.", "The place does not exist."),
    "actions.error.place_area": (
        "Platsen ligger inte i det valda området.",
        "The place is not in the chosen area.",
    ),
    "actions.placeholder.any": ("Alla", "All"),
    "actions.placeholder.choose": ("Välj", "Choose"),
    "actions.placeholder.rest": ("Resten av kommunen", "The rest of the municipality"),
    "actions.placeholder.same": ("Samma som målområdets", "Same as the target's"),
    "actions.placeholder.own": ("Insatsens egna", "The action's own"),
    "actions.error.not_found": ("Insats nr {id} finns inte.", "Action no. {id} does not exist."),
    "actions.error.close_status": (
        "En insats avslutas som avslutad eller avbruten.",
        "An action is closed as finished or cancelled.",
    ),
    "actions.error.unknown_field": ("Okänt fält: {field}.", "Unknown field: {field}."),
    "actions.error.polygon": (
        "Avgränsningen är inte en giltig polygon.",
        "The boundary is not a valid polygon.",
    ),
    # evaluation settings
    "actions.eval.choose": ("Insats att utvärdera", "Action to evaluate"),
    "actions.eval.settings": ("Inställningar", "Settings"),
    "actions.eval.weeks": ("Veckor före och efter", "Weeks before and after"),
    "actions.eval.weeks_help": (
        "Lika långa perioder före och efter starten. Standard: 12 veckor, eller insatsens längd för tillfälliga "
        "insatser (närvaro, kontroller) som har ett slutdatum.",
        "Equal periods before and after the start. Default: 12 weeks, or the action's duration for temporary "
        "actions (presence, controls) that have an end date.",
    ),
    "actions.eval.run_in": ("Inkörningsperiod (veckor)", "Run-in period (weeks)"),
    "actions.eval.run_in_help": (
        "Veckor efter starten som inte räknas, medan insatsen kommer igång.",
        "Weeks after the start that are not counted while the action gets going.",
    ),
    "actions.eval.target_mode": ("Målområde", "Target"),
    "actions.eval.mode.area": ("Insatsens område", "The action's area"),
    "actions.eval.mode.radius": ("Radie runt platsen", "Radius around the place"),
    "actions.eval.mode.polygon": ("Egen avgränsning", "Own boundary"),
    "actions.eval.radius": ("Radie (m)", "Radius (m)"),
    "actions.eval.buffer": ("Buffertzon för förflyttning (m)", "Displacement buffer (m)"),
    "actions.eval.buffer_help": (
        "En ring runt målområdet där en förflyttning skulle synas. 0 = ingen buffert.",
        "A ring around the target where displacement would show. 0 = no buffer.",
    ),
    "actions.eval.control": ("Kontrollområden", "Control areas"),
    "actions.eval.control_help": (
        "Tomt = resten av kommunen (utanför målområde och buffert).",
        "Empty = the rest of the municipality (outside target and buffer).",
    ),
    "actions.eval.buffer_control": ("Kontrollområden för bufferten", "Control areas for the buffer"),
    "actions.eval.buffer_control_help": (
        "Tomt = samma kontroll som målområdet.",
        "Empty = the same control as the target.",
    ),
    "actions.eval.categories": ("Händelsekategorier", "Event categories"),
    "actions.eval.categories_help": (
        "Tomt = insatsens egna kategorier.",
        "Empty = the action's own categories.",
    ),
    "actions.eval.windows": (
        "Före: {b0} – {b1}. Efter: {a0} – {a1}.",
        "Before: {b0} – {b1}. After: {a0} – {a1}.",
    ),
    "actions.eval.not_possible": (
        "Insatsen kan inte utvärderas ännu: den har inte startat, saknar startdatum eller plats, eller så finns "
        "inga händelser efter starten.",
        "The action cannot be evaluated yet: it has not started, lacks a start date or a place, or there are no "
        "events after the start.",
    ),
    "actions.eval.counts": ("Antal händelser", "Number of events"),
    "actions.eval.counts_caption": ("Kategorier: {categories}.", "Categories: {categories}."),
    "actions.eval.all_categories": ("alla", "all"),
    "actions.eval.row.target": ("Målområde", "Target"),
    "actions.eval.row.control": ("Kontroll", "Control"),
    "actions.eval.row.buffer": ("Buffertzon", "Buffer"),
    "actions.eval.row.buffer_control": ("Kontroll för bufferten", "Control for the buffer"),
    "actions.eval.col.area": ("Område", "Area"),
    "actions.eval.col.change": ("Förändring", "Change"),
    "actions.eval.tests": ("Statistiska test", "Statistical tests"),
    "actions.eval.test": ("Test", "Test"),
    "actions.eval.value": ("Värde", "Value"),
    "actions.eval.meaning": ("Vad det betyder", "What it means"),
    "actions.eval.exact": ("Exakt test: målområdet mot kontrollen", "Exact test: target against control"),
    "actions.eval.exact_buffer": (
        "Exakt test: bufferten mot kontrollen",
        "Exact test: buffer against control",
    ),
    "actions.eval.exact_value": ("p {p}, kvot {ratio}", "p {p}, ratio {ratio}"),
    "actions.eval.exact_meaning": (
        "Bedömningens test: ändrades målområdet annorlunda än kontrollen? Fishers exakta test på antalen före och "
        "efter; kvoten är (efter/före i målområdet) / (efter/före i kontrollen). Klarar även noll händelser.",
        "The verdict's test: did the target change differently from the control? Fisher's exact test on the "
        "counts before and after; the ratio is (after/before in the target) / (after/before in the control). "
        "Also handles zero events.",
    ),
    "actions.eval.exact_buffer_meaning": (
        "Samma test för buffertzonen: över 1 och säkert = förflyttning, under 1 och säkert = nyttan spreds. "
        "Används bara när bufferten har minst 20 händelser.",
        "The same test for the buffer: above 1 and certain = displacement, below 1 and certain = the benefit "
        "spread. Used only when the buffer has at least 20 events.",
    ),
    "actions.eval.wdd_local": ("WDD (utan buffert)", "WDD (without buffer)"),
    "actions.eval.wdd_buffer": ("WDD (med buffert)", "WDD (with buffer)"),
    "actions.eval.wdd_value": ("{wdd} (medelfel {se}), z = {z}, p {p}", "{wdd} (s.e. {se}), z = {z}, p {p}"),
    "actions.eval.wdd_meaning": (
        "Förändringen i målområdet minus den väntade enligt kontrollen (Wheeler & Ratcliffe 2018). "
        "Negativt = färre händelser än väntat.",
        "The change in the target minus the one expected from the control (Wheeler & Ratcliffe 2018). "
        "Negative = fewer events than expected.",
    ),
    "actions.eval.wdd_buffer_meaning": (
        "Som ovan, plus buffertzonens förändring mot sin kontroll: den sammanlagda effekten när en eventuell "
        "förflyttning räknas med.",
        "As above, plus the buffer's change against its control: the total effect counting any displacement.",
    ),
    "actions.eval.etest": ("Poissons E-test (målområdet)", "Poisson E-test (target)"),
    "actions.eval.etest_value": ("p {p}, kvot efter/före {ratio}", "p {p}, ratio after/before {ratio}"),
    "actions.eval.etest_meaning": (
        "Målområdets egen förändring, utan kontroll. Säger inte om förändringen beror på insatsen.",
        "The target's own change, without control. Does not say whether the action caused it.",
    ),
    "actions.eval.wdq": ("WDQ (Bowers & Johnson 2003)", "WDQ (Bowers & Johnson 2003)"),
    "actions.eval.wdq_meaning": (
        "Över 0: spridning av nyttan till bufferten. Under 0: förflyttning. Under −1: förflyttningen är större "
        "än vinsten.",
        "Above 0: diffusion of benefit to the buffer. Below 0: displacement. Below −1: the displacement is larger "
        "than the gain.",
    ),
    "actions.eval.wdq_none": (
        "kan inte beräknas (ingen minskning i målområdet)",
        "cannot be computed (no decrease in the target)",
    ),
    "actions.eval.survey": ("Enkätens nivåer", "Survey levels"),
    "actions.eval.survey_caption": (
        "Medelnivå (0–3) för faktorerna {factors} i rapportörernas svar. Skillnad i skillnad: {did} "
        "(p {p}, {n} bedömningar). p-värdet jämför skillnaden med samma skillnad under {placebos} tidigare "
        "perioder av samma längd före starten (placebo i tid).",
        "Mean level (0–3) of the factors {factors} in the reporters' answers. Difference in differences: {did} "
        "(p {p}, {n} ratings). The p-value compares the difference with the same difference over {placebos} "
        "earlier periods of the same length before the start (placebo in time).",
    ),
    "actions.eval.survey_short_history": (
        "Med bara {placebos} tidigare perioder kan p-värdet inte bli lägre än 5 %: historiken är för kort för en "
        "säker bedömning.",
        "With only {placebos} earlier periods the p-value cannot go below 5 %: the history is too short for a "
        "certain judgement.",
    ),
    "actions.eval.survey_none": (
        "Inga enkätsvar att jämföra (eller inga faktorer angivna för insatsen).",
        "No survey answers to compare (or no factors given for the action).",
    ),
    "actions.eval.survey_target": ("Målområdet", "Target area"),
    "actions.eval.survey_control": ("Kontrollområden", "Control areas"),
    "actions.eval.chart": ("Händelser per vecka", "Events per week"),
    "actions.eval.chart_caption": (
        "Streckad linje: trenden före starten, förlängd. Kontrollen är skalad till målområdets nivå före starten.",
        "Dashed line: the trend before the start, carried forward. The control is scaled to the target's level "
        "before the start.",
    ),
    "actions.eval.download": ("Ladda ner antalen", "Download the counts"),
    "actions.eval.verdict": ("Bedömning", "Verdict"),
    "actions.eval.caveats": ("Att tänka på", "Keep in mind"),
    # chart
    "actions.chart.target": ("Målområdet", "Target"),
    "actions.chart.control": ("Kontroll (skalad)", "Control (scaled)"),
    "actions.chart.trend": ("Trend före, förlängd", "Before-trend, carried forward"),
    "actions.chart.start": ("Start", "Start"),
    "actions.chart.run_in": ("Inkörning", "Run-in"),
    "actions.chart.week": ("Vecka", "Week"),
    "actions.chart.count": ("Antal händelser", "Number of events"),
    "actions.map.before": ("Händelser före", "Events before"),
    "actions.map.after": ("Händelser efter", "Events after"),
    "actions.eval.map": ("Vad som räknas", "What is counted"),
    "actions.eval.map_caption": (
        "Målområdet (rött), buffertzonen (orange) och deras händelser före (grått) och efter (blått) starten. "
        "Kontrollen är resten av kommunen eller de valda områdena.",
        "The target (red), the buffer (orange) and their events before (grey) and after (blue) the start. "
        "The control is the rest of the municipality or the chosen areas.",
    ),
    # verdicts
    "actions.verdict.worked": ("Minskning", "Decrease"),
    "actions.verdict.worked_relative": ("Färre än väntat", "Fewer than expected"),
    "actions.verdict.displacement": ("Minskning med förflyttning", "Decrease with displacement"),
    "actions.verdict.displacement_relative": (
        "Färre än väntat, med förflyttning",
        "Fewer than expected, with displacement",
    ),
    "actions.verdict.no_effect": ("Ingen säker förändring", "No certain change"),
    "actions.verdict.increase": ("Ökning", "Increase"),
    "actions.verdict.increase_relative": ("Fler än väntat", "More than expected"),
    "actions.verdict.too_few": ("För få händelser", "Too few events"),
    "actions.verdict.not_started": ("Kan inte utvärderas ännu", "Cannot be evaluated yet"),
    # The verdict in words: what happened in the target, what happened in the control, what the target
    # would have had following the control, and how certain the difference is.
    "actions.verdict_text.worked": (
        "Minskning i målområdet: {before} händelser under {weeks} veckor före starten och {after} efter.",
        "Decrease in the target: {before} events in the {weeks} weeks before the start and {after} after.",
    ),
    "actions.verdict_text.worked_relative": (
        "Ingen minskning i målområdet ({before} händelser under {weeks} veckor före starten och {after} efter), "
        "men färre än väntat.",
        "No decrease in the target ({before} events in the {weeks} weeks before the start and {after} after), "
        "but fewer than expected.",
    ),
    "actions.verdict_text.displacement": (
        "Minskning i målområdet ({before} händelser före, {after} efter), men händelserna ökade samtidigt i "
        "omgivningen: problemet verkar ha flyttat.",
        "Decrease in the target ({before} events before, {after} after), but events rose at the same time in "
        "the surroundings: the problem seems to have moved.",
    ),
    "actions.verdict_text.displacement_relative": (
        "Färre händelser än väntat i målområdet ({before} före, {after} efter), men händelserna ökade samtidigt "
        "i omgivningen: problemet verkar ha flyttat.",
        "Fewer events than expected in the target ({before} before, {after} after), but events rose at the same "
        "time in the surroundings: the problem seems to have moved.",
    ),
    "actions.verdict_text.no_effect": (
        "Ingen säker förändring: {before} händelser i målområdet under {weeks} veckor före starten och {after} "
        "efter.",
        "No certain change: {before} events in the target in the {weeks} weeks before the start and {after} after.",
    ),
    "actions.verdict_text.increase": (
        "Ökning i målområdet: {before} händelser under {weeks} veckor före starten och {after} efter.",
        "Increase in the target: {before} events in the {weeks} weeks before the start and {after} after.",
    ),
    "actions.verdict_text.increase_relative": (
        "Fler händelser än väntat i målområdet: {before} under {weeks} veckor före starten och {after} efter.",
        "More events than expected in the target: {before} in the {weeks} weeks before the start and {after} after.",
    ),
    "actions.verdict_text.too_few": (
        "Ingen säker förändring — för få händelser ({before} före, {after} efter) för att kunna säga något.",
        "No certain change — too few events ({before} before, {after} after) to say anything.",
    ),
    "actions.verdict_text.not_started": (
        "Insatsen kan inte utvärderas ännu.",
        "The action cannot be evaluated yet.",
    ),
    "actions.verdict_text.where.default": ("I resten av kommunen", "In the rest of the municipality"),
    "actions.verdict_text.where.default_clean": (
        "I resten av kommunen (utom områden med andra insatser under perioden)",
        "In the rest of the municipality (except areas with other actions in the period)",
    ),
    "actions.verdict_text.where.chosen": ("I kontrollområdena", "In the control areas"),
    "actions.verdict_text.control.up": (
        "{where} ökade det under samma tid från {c0} till {c1}.",
        "{where} it rose over the same time from {c0} to {c1}.",
    ),
    "actions.verdict_text.control.down": (
        "{where} minskade det under samma tid från {c0} till {c1}.",
        "{where} it fell over the same time from {c0} to {c1}.",
    ),
    "actions.verdict_text.control.flat": (
        "{where} var det ungefär oförändrat ({c0} före, {c1} efter).",
        "{where} it stayed about the same ({c0} before, {c1} after).",
    ),
    "actions.verdict_text.per_week": ("{value} per vecka", "{value} a week"),
    "actions.verdict_text.expected": (
        "Hade målområdet följt den utvecklingen hade det blivit omkring {expected} efter.",
        "Had the target followed that development, it would have had about {expected} after.",
    ),
    "actions.verdict_text.certain": (
        "Skillnaden mot kontrollen är statistiskt säker på {level} %-nivån (exakt test, p {p}).",
        "The difference from the control is statistically certain at the {level} % level (exact test, p {p}).",
    ),
    "actions.verdict_text.indication": (
        "Skillnaden mot kontrollen är statistiskt signifikant (exakt test, p {p}) men vilar på bara {n} "
        "händelser: se den som en indikation som behöver bekräftas.",
        "The difference from the control is statistically significant (exact test, p {p}) but rests on only "
        "{n} events: take it as an indication that needs confirming.",
    ),
    "actions.verdict_text.uncertain": (
        "Skillnaden mot kontrollen kan vara slump (exakt test, p {p}).",
        "The difference from the control may be chance (exact test, p {p}).",
    ),
    "actions.verdict_text.buffer": (
        "I buffertzonen ({metres} m runt målområdet): {before} händelser före och {after} efter (mot "
        "kontrollen: p {p}).",
        "In the buffer ({metres} m around the target): {before} events before and {after} after (against the "
        "control: p {p}).",
    ),
    # caveats
    "actions.caveat.too_few": (
        "Färre än {min} händelser i målområdet före och efter tillsammans: slumpen kan förklara skillnaden.",
        "Fewer than {min} events in the target before and after together: chance can explain the difference.",
    ),
    "actions.caveat.pre_trend": (
        "Utvecklingen i målområdet hade redan börjat gå åt samma håll före starten (jämfört med kontrollen). "
        "En del av förändringen kan ha kommit ändå.",
        "The target was already moving in the same direction before the start (compared with the control). "
        "Part of the change might have come anyway.",
    ),
    "actions.caveat.rtm": (
        "Insatsen startade efter en topp: perioden före låg {ratio} gånger över den vanliga nivån. En del av "
        "minskningen kan vara återgång mot det normala (regression mot medelvärdet).",
        "The action started after a peak: the period before was {ratio} times the usual level. Part of the "
        "decrease may be a return to normal (regression to the mean).",
    ),
    "actions.caveat.short_after": (
        "Perioden efter är kortare än perioden före ({after_weeks} mot {weeks} veckor; data saknas ännu); "
        "jämförelsen görs per vecka.",
        "The period after is shorter than the period before ({after_weeks} against {weeks} weeks; data is "
        "missing so far); compared per week.",
    ),
    "actions.caveat.run_in": (
        "Veckorna direkt efter starten är inte med (inkörningsperiod).",
        "The weeks right after the start are left out (run-in period).",
    ),
    "actions.caveat.diffusion": (
        "Händelserna minskade också i buffertzonen runt målområdet ({b0} före, {b1} efter), säkert jämfört med "
        "kontrollen: nyttan verkar ha spridit sig (ingen förflyttning).",
        "Events also fell in the buffer around the target ({b0} before, {b1} after), with certainty against "
        "the control: the benefit seems to have spread (no displacement).",
    ),
    "actions.caveat.buffer_rise": (
        "Händelserna ökade säkert i buffertzonen runt målområdet ({b0} före, {b1} efter); titta närmare på om "
        "problemet har flyttat.",
        "Events rose with certainty in the buffer around the target ({b0} before, {b1} after); look closer at "
        "whether the problem moved.",
    ),
    "actions.caveat.seasonal": (
        "Kontrollen ändrades själv tydligt ({c0} före, {c1} efter): säsong eller något som gällde hela "
        "kommunen. Bedömningen jämför målområdet med den utvecklingen, inte bara med perioden före.",
        "The control itself changed clearly ({c0} before, {c1} after): the season or something that affected "
        "the whole municipality. The verdict compares the target with that development, not only with the "
        "period before.",
    ),
    "actions.caveat_short.too_few": ("för få händelser", "too few events"),
    "actions.caveat_short.pre_trend": ("trend före starten", "trend before the start"),
    "actions.caveat_short.rtm": ("efter en topp", "after a peak"),
    "actions.caveat_short.short_after": ("kort period efter", "short period after"),
    "actions.caveat_short.run_in": ("inkörningsperiod", "run-in period"),
    "actions.caveat_short.diffusion": ("nyttan spreds", "benefit spread"),
    "actions.caveat_short.buffer_rise": ("ökning i bufferten", "rise in the buffer"),
    "actions.caveat_short.seasonal": ("kontrollen ändrades (säsong)", "the control changed (season)"),
    # the year
    "actions.year.choose": ("År", "Year"),
    "actions.year.caption": (
        "Alla insatser som startade under året, utvärderade med standardinställningarna: 12 veckor före och efter "
        "(tillfälliga insatser: sin egen längd), insatsens område, 300 m buffertzon och resten av kommunen som "
        "kontroll. Klicka på en kolumnrubrik för att sortera.",
        "All actions started in the year, evaluated with the default settings: 12 weeks before and after "
        "(temporary actions: their own duration), the action's area, a 300 m buffer and the rest of the "
        "municipality as control. Click a column heading to sort.",
    ),
    "actions.year.by_kind": ("Per typ av insats", "By kind of action"),
    "actions.year.none": ("Inga insatser startade under året.", "No actions started in the year."),
    "actions.summary.kind": (
        "{kind}: {worked} av {total} med färre händelser än väntat ({evaluable} gick att bedöma)",
        "{kind}: {worked} of {total} with fewer events than expected ({evaluable} could be judged)",
    ),
    # CLI: calibrate
    "actions.calibrate.none": (
        "Inga placebo-insatser gick att lägga: databasen saknar områden, händelser eller perioder utan insatser.",
        "No placebo actions could be placed: the database lacks areas, events or periods without actions.",
    ),
    "actions.calibrate.heading": (
        "Placebo-kalibrering: {n} påhittade insatser på områden och datum där inget gjordes ({weeks} veckor före "
        "och efter, alla händelsekategorier), utvärderade med produktens egen kod på en kopia av databasen. "
        "Ett test på 5 %-nivån bör hävda en effekt i omkring 5 % av dem.",
        "Placebo calibration: {n} made-up actions on areas and dates where nothing was done ({weeks} weeks before "
        "and after, all event categories), evaluated with the product's own code on a copy of the database. "
        "A test at the 5 % level should claim an effect in about 5 % of them.",
    ),
    "actions.calibrate.col.test": ("Test", "Test"),
    "actions.calibrate.col.judged": ("Bedömda", "Judged"),
    "actions.calibrate.col.claims": ("Effekt", "Effect"),
    "actions.calibrate.col.rate": ("Av alla", "Of all"),
    "actions.calibrate.col.rate_judged": ("Av bedömda", "Of judged"),
    "actions.calibrate.test.verdict": (
        "Bedömningen (minskning/ökning/förflyttning)",
        "The verdict (decrease/increase/displacement)",
    ),
    "actions.calibrate.test.exact": (
        "Exakt test, målområdet mot kontrollen",
        "Exact test, target against control",
    ),
    "actions.calibrate.test.wdd": ("WDD utan buffert", "WDD without buffer"),
    "actions.calibrate.test.wdd_buffer": ("WDD med buffert", "WDD with buffer"),
    "actions.calibrate.test.buffer": (
        "Exakt test, bufferten mot kontrollen",
        "Exact test, buffer against control",
    ),
    "actions.calibrate.test.survey": ("Enkäten, skillnad i skillnad", "Survey, difference in differences"),
    "actions.calibrate.test.etest": (
        "E-test, målområdets egen förändring (ingen effekt)",
        "E-test, the target's own change (no effect)",
    ),
    "actions.calibrate.verdicts": ("Bedömningar:", "Verdicts:"),
    "actions.calibrate.caveats": ("Förbehåll:", "Caveats:"),
    "actions.calibrate.passed": (
        "Alla effektpåståenden ligger på högst {max} % av placebo-insatserna.",
        "Every effect claim is at most {max} % of the placebo actions.",
    ),
    "actions.calibrate.failed": (
        "Minst ett effektpåstående ligger över {max} % av placebo-insatserna: dess p-värden är för små för "
        "dessa data.",
        "At least one effect claim is above {max} % of the placebo actions: its p-values are too small for "
        "this data.",
    ),
    # CLI
    "actions.cli.not_found": ("insats nr {id} finns inte", "action no. {id} does not exist"),
}
