"""Strings of Karta's "Risk nästa vecka" layer and its accuracy table (est_data/ui/riskmap.py)."""

STRINGS: dict[str, tuple[str, str]] = {
    "incidents.layer.risk": ("Risk nästa vecka", "Risk next week"),
    "risk.title": ("Risk nästa vecka ({period})", "Risk next week ({period})"),
    "risk.day": ("{day} {month}", "{day} {month}"),
    "risk.verdict.none": (
        "Träffsäkerheten kan inte bedömas än: {n} veckor kunde prövas, minst {min} behövs (veckor med "
        "händelser med exakt plats och minst fyra veckors data före). Därför visas ingen riskkarta: en "
        "förutsägelse som inte kan visa hur ofta den haft rätt ska inte styra var ni är.",
        "Its accuracy cannot be judged yet: {n} weeks could be tested, at least {min} are needed (weeks with "
        "events with an exact position and at least four weeks of data before them). So no risk map is "
        "shown: a forecast that cannot show how often it was right should not decide where you are.",
    ),
    "risk.verdict.better": (
        "Metoden har träffat säkert bättre än att bara titta på de senaste fyra veckorna: i snitt "
        "{diff} procentenheter fler av veckans händelser i de flaggade rutorna ({conf} % konfidensintervall "
        "{low} till {high}), bättre {better} av {n} veckor. Kartan visar metodens rutor.",
        "The method was certainly better than just looking at the last four weeks: on average {diff} "
        "percentage points more of the week's events in the flagged cells ({conf} % confidence interval "
        "{low} to {high}), better in {better} of {n} weeks. The map shows the method's cells.",
    ),
    "risk.verdict.no_difference": (
        "Metoden var inte säkert bättre än att bara titta på de senaste fyra veckorna (skillnad i snitt "
        "{diff} procentenheter, {conf} % konfidensintervall {low} till {high}; bättre {better} och sämre "
        "{worse} av {n} veckor). Kartan visar därför de senaste fyra veckornas rutor, det enklare svaret.",
        "The method was not certainly better than just looking at the last four weeks (difference on "
        "average {diff} percentage points, {conf} % confidence interval {low} to {high}; better in {better} "
        "and worse in {worse} of {n} weeks). So the map shows the last four weeks' cells, the simpler answer.",
    ),
    "risk.verdict.worse": (
        "Metoden träffade säkert sämre än att bara titta på de senaste fyra veckorna (skillnad i snitt "
        "{diff} procentenheter, {conf} % konfidensintervall {low} till {high}; sämre {worse} av {n} veckor). "
        "Kartan visar därför de senaste fyra veckornas rutor.",
        "The method was certainly worse than just looking at the last four weeks (difference on average "
        "{diff} percentage points, {conf} % confidence interval {low} to {high}; worse in {worse} of {n} "
        "weeks). So the map shows the last four weeks' cells.",
    ),
    "risk.sign_test": (
        "Teckentest över veckorna: p = {p}.",
        "Sign test over the weeks: p = {p}.",
    ),
    "risk.flagged": (
        "Flaggat: {share} % av ytan ({k} av {n} rutor à {cell} m). {drawn} rutor ritas på kartan.",
        "Flagged: {share} % of the area ({k} of {n} cells of {cell} m). {drawn} cells are drawn on the map.",
    ),
    "risk.no_region": (
        "Inga områden med gränser och ingen kommungräns: rutnätet täcker bara händelsernas utbredning, så "
        "andelen yta gäller den.",
        "No areas with boundaries and no municipal boundary: the grid covers only where events were, so the "
        "share of area refers to that.",
    ),
    "risk.table.caption": (
        "Träffsäkerhet på veckor som metoden inte såg: för varje vecka skattades kartan bara med veckorna före.",
        "Accuracy on weeks the method did not see: for each week the map was fitted on the weeks before only.",
    ),
    "risk.col.week": ("Vecka", "Week"),
    "risk.col.events": ("Händelser", "Events"),
    "risk.col.hit_rate": ("Träffandel, metoden", "Hit rate, method"),
    "risk.col.pai": ("PAI, metoden", "PAI, method"),
    "risk.col.naive_hit_rate": ("Träffandel, senaste 4 veckorna", "Hit rate, last 4 weeks"),
    "risk.col.naive_pai": ("PAI, senaste 4 veckorna", "PAI, last 4 weeks"),
    "risk.all_weeks": ("Alla {n} veckor", "All {n} weeks"),
    "risk.howto.title": ("Så läser du riskkartan", "How to read the risk map"),
    "risk.howto.text": (
        "Kartan flaggar de rutor där händelser med exakt plats är mest sannolika de kommande sju dagarna. "
        "**Metoden:** varje händelse det senaste halvåret räknas, nyare mer (vikten halveras var åttonde "
        "vecka), och sprids ut omkring 100 meter runt platsen. **Jämförelsen:** de rutor som hade flest "
        "händelser de senaste fyra veckorna.\n\n"
        "**Träffsäkerheten** i tabellen är prövad på de senaste veckorna i efterhand, och för varje vecka "
        "fick metoden bara se veckorna före (den vecka som prövas är aldrig med). **Träffandel** = andel av "
        "veckans händelser som låg i de flaggade rutorna. **PAI** (Predictive Accuracy Index, Chainey m.fl. "
        "2008) = träffandel ÷ andel av ytan som flaggats: 1 är vad slumpvis valda rutor ger, 10 betyder tio "
        "gånger fler händelser per km² än slumpen.\n\n"
        "Bara om metoden har varit **säkert bättre** än de senaste fyra veckorna visas dess rutor; annars "
        "visas de senaste fyra veckornas rutor och sidan säger det. Streckade rutor delar plats vid "
        "gränsen med lika många andra. Kartan säger var händelser är troliga, inte varför, och inget om "
        "händelser utan exakt plats (polisens öppna händelser har bara kommunens mittpunkt).",
        "The map flags the cells where events with an exact position are most likely in the coming seven "
        "days. **The method:** every event of the last half year counts, newer ones more (the weight halves "
        "every eight weeks), spread about 100 metres around its place. **The comparison:** the cells with "
        "most events in the last four weeks.\n\n"
        "The **accuracy** in the table is tested on the latest weeks afterwards, and for each week the method "
        "saw only the weeks before it (the tested week is never included). **Hit rate** = share of the week's "
        "events that fell in the flagged cells. **PAI** (Predictive Accuracy Index, Chainey et al. 2008) = "
        "hit rate ÷ share of the area flagged: 1 is what randomly chosen cells give, 10 means ten times as "
        "many events per km² as chance.\n\n"
        "Only if the method was **certainly better** than the last four weeks are its cells shown; otherwise "
        "the last four weeks' cells are shown and the page says so. Dashed cells share the last place with "
        "as many others. The map says where events are likely, not why, and nothing about events without an "
        "exact position (the police's open events carry only the municipality's centre).",
    ),
    "risk.map.tooltip": (
        "Flaggad för nästa vecka, plats {rank} av {k}",
        "Flagged for next week, rank {rank} of {k}",
    ),
    "risk.map.tooltip_partial": (
        "Delar sista platsen med lika höga rutor",
        "Shares the last place with equally high cells",
    ),
    "risk.map.recent": (
        "Händelser de senaste fyra veckorna: {n}",
        "Events in the last four weeks: {n}",
    ),
    "risk.map.shown.model": ("Visar: metodens rutor", "Showing: the method's cells"),
    "risk.map.shown.naive": ("Visar: de senaste fyra veckornas rutor", "Showing: the last four weeks' cells"),
}
