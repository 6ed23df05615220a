"""Kvartalsanalys: the quarterly ranking of areas, the group's judgement, priorities, feedback (issue 18 item 4)."""

STRINGS: dict[str, tuple[str, str]] = {
    "ranking.nav.title": ("Kvartalsanalys", "Quarterly analysis"),
    "ranking.tab.ranking": ("Rangordning", "Ranking"),
    "ranking.tab.judgement": ("Gruppens bedömning", "The group's judgement"),
    "ranking.tab.priorities": ("Prioriteringar", "Priorities"),
    "ranking.tab.feedback": ("Återkoppling", "Feedback"),
    "ranking.q.act": ("Prioritera insatser", "Prioritise actions"),
    "ranking.q.partners": ("Högt behov – fler parter behövs", "High need – more partners needed"),
    "ranking.q.keep": ("Lägre behov – goda möjligheter", "Lower need – good possibilities"),
    "ranking.q.watch": ("Lägre behov – bevaka", "Lower need – keep watching"),
    "ranking.source.judgement": ("Gruppens bedömning", "The group's judgement"),
    "ranking.source.computed": (
        "Beräknad (insatser, parter, rapportörer)",
        "Computed (actions, partners, reporters)",
    ),
    "ranking.legend.priority": ("Prioriterat kommande kvartal", "Priority for the coming quarter"),
    "ranking.axis.need": (
        "Behov (enkätnivå och händelser, 0–100)",
        "Need (survey level and events, 0–100)",
    ),
    "ranking.axis.influence": ("Möjlighet att påverka (0–100)", "Possibility to influence (0–100)"),
    "ranking.col.need": ("Behov", "Need"),
    "ranking.col.influence": ("Påverkan", "Influence"),
    "ranking.col.trend": ("Förändring", "Change"),
    "ranking.col.events": ("Händelser", "Events"),
    "ranking.col.basis": ("Påverkan enligt", "Influence from"),
    "ranking.col.quadrant": ("Ruta", "Quadrant"),
    "ranking.col.judgement": ("Bedömning", "Judgement"),
    "ranking.col.reason": ("Motivering", "Reason"),
    "ranking.col.decided": ("Beslutad", "Decided"),
    "ranking.col.intent": ("Vad vi tänker göra", "What we intend"),
    "ranking.col.chosen": ("Prioritera", "Prioritise"),
    "ranking.col.events_before_after": ("Händelser före → efter", "Events before → after"),
    "ranking.col.events_verdict": ("Händelser: bedömning", "Events: verdict"),
    "ranking.col.level_before_after": ("Enkätnivå före → efter", "Survey level before → after"),
    "ranking.col.level_verdict": ("Nivå: bedömning", "Level: verdict"),
    "ranking.col.actions_there": ("Insatser i området", "Actions in the area"),
    "ranking.basis.judgement": ("gruppen: {level}", "the group: {level}"),
    "ranking.basis.computed": ("beräknad", "computed"),
    "ranking.level.low": ("låg", "low"),
    "ranking.level.medium": ("medel", "medium"),
    "ranking.level.high": ("hög", "high"),
    "ranking.level.none": ("ingen bedömning (beräknad)", "no judgement (computed)"),
    "ranking.method": (
        "Behov: medelvärdet av två rangordningar bland kommunens områden, enkätens medelnivå och polisens "
        "händelser plus felanmälningar per 1 000 invånare (antal händelser när befolkningen saknas). "
        "Förändring: enkätnivån mot kvartalet före; ↑ eller ↓ bara när ändringen är större än områdets vanliga "
        "svängningar (säker på 5 %-nivån). Möjlighet att påverka: gruppens bedömning (låg 20, medel 50, hög 80) "
        "där den finns, annars beräknad ur pågående insatser, parter i dem och rapportörernas organisationer. "
        "0 = lägst, 100 = högst; behov över 50 räknas som högt, påverkan från 50 (medel) som möjlig.",
        "Need: the mean of two rankings among the municipality's areas, the survey's mean level and police events "
        "plus fault reports per 1,000 inhabitants (the number of events when the population is missing). Change: "
        "the survey level against the quarter before; ↑ or ↓ only when the change is larger than the area's usual "
        "swings (certain at the 5 % level). Possibility to influence: the group's judgement (low 20, medium 50, "
        "high 80) where there is one, else computed from actions under way, their partners and the reporters' "
        "organisations. 0 = lowest, 100 = highest; need above 50 counts as high, influence from 50 (medium) as "
        "possible.",
    ),
    "ranking.note.no_population": (
        "Befolkning saknas för {n} av {total} områden: behovet rangordnas på antalet händelser, inte per invånare.",
        "The population is missing for {n} of {total} areas: need is ranked on the number of events, not per "
        "inhabitant.",
    ),
    "ranking.note.no_data": (
        "Inga enkätsvar och inga händelser under kvartalet: rangordningen efter behov säger ingenting ännu.",
        "No survey answers and no events in the quarter: the ranking by need says nothing yet.",
    ),
    "ranking.note.trend_all_too_few": (
        "För lite underlag för att bedöma enkätnivåns förändring (för kort historik).",
        "Too little data to judge the change of the survey level (too short a history).",
    ),
    "ranking.note.trend_too_few": (
        "För lite underlag för att bedöma enkätnivåns förändring i: {areas}.",
        "Too little data to judge the change of the survey level in: {areas}.",
    ),
    "ranking.note.judged": (
        "Möjligheten att påverka är gruppens egen bedömning för {n} av {total} områden.",
        "The possibility to influence is the group's own judgement for {n} of {total} areas.",
    ),
    "ranking.bullet.act": (
        "Högt behov och goda möjligheter att påverka: {areas}. Här bör insatser prioriteras.",
        "High need and good possibilities to influence: {areas}. Actions should be prioritised here.",
    ),
    "ranking.bullet.partners": (
        "Högt behov men mindre möjlighet att påverka: {areas}. Här behövs fler samverkansparter.",
        "High need but less possibility to influence: {areas}. More partners are needed here.",
    ),
    "ranking.judgements": ("Gruppens bedömningar", "The group's judgements"),
    "ranking.decided_by": ("{who}, {when} (för {quarter})", "{who}, {when} (for {quarter})"),
    "ranking.verdict.events.rise": ("ökning", "increase"),
    "ranking.verdict.events.fall": ("minskning", "decrease"),
    "ranking.verdict.events.none": ("ingen säker förändring", "no certain change"),
    "ranking.verdict.events.too_few": ("för lite underlag", "too little data"),
    "ranking.verdict.level.rise": ("högre nivå", "higher level"),
    "ranking.verdict.level.fall": ("lägre nivå", "lower level"),
    "ranking.verdict.level.none": ("ingen säker förändring", "no certain change"),
    "ranking.verdict.level.too_few": ("för lite underlag", "too little data"),
    "ranking.followup.heading": (
        "Prioriteringarna för {quarter}: hur gick det?",
        "The priorities for {quarter}: how did they go?",
    ),
    "ranking.followup.none": (
        "Inga prioriterade områden sparades för {quarter}.",
        "No priority areas were saved for {quarter}.",
    ),
    "ranking.followup.intro": (
        "{n} områden prioriterades för {quarter} efter analysen av {before}. Före = {before}, efter = {quarter}.",
        "{n} areas were prioritised for {quarter} after the analysis of {before}. Before = {before}, after = "
        "{quarter}.",
    ),
    "ranking.followup.ongoing": (
        "Kvartalet pågår: siffrorna efter gäller till och med {date}.",
        "The quarter is under way: the after figures run up to {date}.",
    ),
    "ranking.followup.method": (
        "Händelser (polisen och felanmälan) jämförs per dag med Poissontestet (E-test); under tio händelser "
        "sammanlagt blir det ”för lite underlag”. Enkätnivån jämförs med områdets vanliga svängningar mellan "
        "två kvartal. Ingen förändring betyder inte att insatsen saknade effekt, och en förändring är inte "
        "säkert insatsens förtjänst.",
        "Events (police and fault reports) are compared per day with the Poisson E-test; under ten events in "
        "all it is “too little data”. The survey level is compared with the area's usual swings between two "
        "quarters. No change does not mean the action had no effect, and a change is not surely the action's "
        "doing.",
    ),
    "ranking.feedback.title": ("Återkoppling {quarter}", "Feedback {quarter}"),
    "ranking.feedback.subtitle": (
        "Kvartalets analys för rapportörerna i EST-nätverket",
        "The quarter's analysis for the reporters of the EST network",
    ),
    "ranking.feedback.thanks": (
        "Tack för era rapporter. Så här använde vi dem i kvartalets analys av var behovet är störst och var vi "
        "kan påverka mest.",
        "Thank you for your reports. This is how we used them in the quarter's analysis of where the need is "
        "greatest and where we can influence most.",
    ),
    "ranking.feedback.events": ("Händelser i områdena", "Events in the areas"),
    "ranking.feedback.areas": ("Områden", "Areas"),
    "ranking.feedback.picture": ("Behov och möjlighet att påverka", "Need and possibility to influence"),
    "ranking.feedback.picture_intro": (
        "Behovet bygger på era bedömningar i enkäten och på polisens händelser och felanmälningar; "
        "möjligheten att påverka på gruppens bedömning och pågående insatser.",
        "Need builds on your ratings in the survey and on police events and fault reports; the possibility to "
        "influence on the group's judgement and actions under way.",
    ),
    "ranking.feedback.quadrant": ("{quadrant}: {areas}", "{quadrant}: {areas}"),
    "ranking.feedback.no_area": ("inget område", "no area"),
    "ranking.feedback.coming": ("Prioriterade områden {quarter}", "Priority areas {quarter}"),
    "ranking.feedback.coming_areas": (
        "Under kommande kvartal prioriteras: {areas}.",
        "In the coming quarter the priorities are: {areas}.",
    ),
    "ranking.feedback.coming_none": (
        "Prioriteringarna för kommande kvartal är inte bestämda ännu.",
        "The priorities for the coming quarter are not decided yet.",
    ),
    "ranking.feedback.footer": (
        "Återkoppling till EST-nätverket: utan namn och utan interna anteckningar.",
        "Feedback to the EST network: without names and without internal notes.",
    ),
    "ranking.page.no_areas": (
        "Kommunen har inga områden ännu: läs in ett områdeslager under Register → Områden.",
        "The municipality has no areas yet: load an area layer under Register → Areas.",
    ),
    "ranking.page.ringed": (
        "Ringade områden är prioriterade för {quarter}.",
        "Ringed areas are priorities for {quarter}.",
    ),
    "ranking.page.judgement_intro": (
        "Gruppens egen bedömning av möjligheten att påverka ersätter det beräknade värdet och gäller tills "
        "gruppen bedömer om.",
        "The group's own judgement of the possibility to influence replaces the computed value and holds until "
        "the group judges again.",
    ),
    "ranking.page.no_judgements": (
        "Gruppen har inte bedömt något område ännu: möjligheten att påverka är beräknad.",
        "The group has not judged any area yet: the possibility to influence is computed.",
    ),
    "ranking.page.judge_heading": ("Bedöm ett område för {quarter}", "Judge an area for {quarter}"),
    "ranking.page.judge_pick": ("Välj en bedömning först.", "Choose a judgement first."),
    "ranking.page.judge_save": ("Spara bedömningen", "Save the judgement"),
    "ranking.page.judge_saved": ("Bedömningen av {area} är sparad.", "The judgement of {area} is saved."),
    "ranking.page.choose_heading": ("Prioriterade områden för {quarter}", "Priority areas for {quarter}"),
    "ranking.page.choose_help": (
        "Kryssa i de områden gruppen prioriterar och skriv kort vad ni tänker göra. Nästa kvartals rapport "
        "och den här sidan visar sedan hur det gick.",
        "Tick the areas the group prioritises and write briefly what you intend. Next quarter's report and this "
        "page then show how it went.",
    ),
    "ranking.page.choose_save": ("Spara prioriteringarna", "Save the priorities"),
    "ranking.page.choose_saved": ("{n} prioriterade områden sparade.", "{n} priority areas saved."),
    "ranking.page.feedback_intro": (
        "Återkopplingen till rapportörerna: bilden, rutorna, kommande prioriteringar och hur förra kvartalets "
        "gick. Den har inga namn och ingen intern text (inga motiveringar, avsikter eller insatsernas titlar).",
        "The feedback to the reporters: the picture, the quadrants, the coming priorities and how last quarter's "
        "went. It has no names and no internal text (no reasons, intents or action titles).",
    ),
}
