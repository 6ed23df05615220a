"""Strings for the Trender and Uppföljning pages, the charts and the Brå import."""

STRINGS: dict[str, tuple[str, str]] = {
    # navigation
    "nav.trends": ("Trender", "Trends"),
    "nav.followup": ("Uppföljning", "Follow-up"),
    # charts
    "charts.weekday": ("Veckodag", "Weekday"),
    "charts.hour": ("Timme", "Hour"),
    "charts.hour_short": ("kl.", "at"),
    "charts.hour_hover": ("kl. %{x}: %{y:,.1f}", "%{x}:00: %{y:,.1f}"),
    "charts.month": ("Månad", "Month"),
    "charts.week": ("Vecka", "Week"),
    "charts.week_tickformat": ("v. %V<br>%G", "W%V<br>%G"),
    "charts.holidays": ("Helgdagar", "Public holidays"),
    "charts.risk_dates": ("Riskdagar", "Risk dates"),
    # measures
    "trends.measure": ("Mått", "Measure"),
    "trends.measure.polisen": ("Polisens händelser", "Police events"),
    "trends.measure.felanmalan": (
        "Felanmälningar (skadegörelse och klotter)",
        "Fault reports (vandalism, graffiti)",
    ),
    "trends.measure.felanmalan_cost": ("Kostnad för felanmälningar", "Cost of fault reports"),
    "trends.measure.rapportor": ("Rapportörernas händelserapporter", "Reporters' event reports"),
    "trends.measure.survey_level": ("Nivå för en faktor i enkäten", "A survey factor's level"),
    "trends.unit.polisen": ("Antal händelser", "Number of events"),
    "trends.unit.felanmalan": ("Antal felanmälningar", "Number of fault reports"),
    "trends.unit.felanmalan_cost": ("Kostnad (kr)", "Cost (SEK)"),
    "trends.unit.rapportor": ("Antal rapporter", "Number of reports"),
    "trends.unit.survey_level": ("Medelnivå (0–3)", "Mean level (0–3)"),
    "trends.factor": ("Faktor", "Factor"),
    "trends.empty": (
        "Det finns inga data ännu. Läs in data under Data eller ladda exempeldata.",
        "There is no data yet. Import data or load the sample.",
    ),
    "trends.period_caption": (
        "Period {start} – {end}{areas}. Polisens sammanfattningar räknas inte; händelser med bara en del av "
        "dygnet eller ett tidsfönster fördelas jämnt över dess timmar.",
        "Period {start} – {end}{areas}. Police summaries are not counted; events with only a part of the day "
        "or a time window are spread evenly over its hours.",
    ),
    "trends.areas_note": (", valda områden: {n}", ", selected areas: {n}"),
    "trends.inexact_times": (
        "{n} av {total} händelser saknar exakt tid (bara datum eller ett tidsfönster). De ritas inte kl. 00: "
        "var och en fördelas jämnt över timmarna den kan ha hänt (hela dygnet eller sitt fönster).",
        "{n} of {total} events have no exact time (a date only or a time window). They are not drawn at "
        "00:00: each is spread evenly over the hours it may have happened (the whole day or its window).",
    ),
    "trends.total": ("Totalt i perioden", "Total in the period"),
    "trends.tab.time": ("Veckodag och timme", "Weekday and hour"),
    "trends.tab.season": ("Månader och veckor", "Months and weeks"),
    "trends.tab.risk": ("Helger och riskdagar", "Holidays and risk dates"),
    "trends.tab.groups": ("Områden och kategorier", "Areas and categories"),
    "trends.weekday_title": ("Per veckodag", "By weekday"),
    "trends.hour_title": ("Per timme på dygnet", "By hour of day"),
    "trends.matrix_title": ("Veckodag × timme", "Weekday × hour"),
    "trends.no_hours": (
        "Enkätens nivåer gäller hela veckor och har ingen veckodag eller timme. Se fliken Månader och veckor.",
        "Survey levels cover whole weeks and have no weekday or hour. See the Months and weeks tab.",
    ),
    "trends.long_span": ("Tidsperiod för säsongsbilden", "Time span for the seasonal view"),
    "trends.long_span.period": ("Sidofältets period", "The sidebar period"),
    "trends.long_span.3y": ("Tre år bakåt", "Three years back"),
    "trends.long_span.all": ("Alla data", "All data"),
    "trends.month_year_title": ("Månad för månad, en linje per år", "Month by month, one line per year"),
    "trends.weekly_title": ("Vecka för vecka", "Week by week"),
    "trends.rolling": ("Glidande medel, 4 veckor", "Rolling mean, 4 weeks"),
    "trends.weekly_caption": (
        "Röda prickade linjer och romber: riskdagar. Grå trianglar: helgdagar (håll muspekaren över för namnet). "
        "Ofullständiga veckor och månader i början och slutet visas inte.",
        "Red dotted lines and diamonds: risk dates. Grey triangles: public holidays (hover for the name). "
        "Incomplete weeks and months at the start and end are not shown.",
    ),
    "trends.daily_title": (
        "Dag för dag i perioden (riskdagar i rött)",
        "Day by day in the period (risk dates in red)",
    ),
    "trends.risk_title": ("Riskdagar jämfört med vanliga helger", "Risk dates against ordinary weekends"),
    "trends.risk_caption": (
        "Varje riskdag jämförs med ett genomsnittligt vanligt helgdygn (fredag–söndag som varken är riskdag eller "
        "helgdag) samma år. Bedömningen bygger på ett Poissontest; små tal kallas aldrig en ökning.",
        "Each risk date is compared with an average ordinary weekend day (Friday–Sunday that is neither a risk "
        "date nor a holiday) of the same year. The verdict uses a Poisson test; small numbers are never called a rise.",
    ),
    "trends.risk_summary_title": ("Sammanfattning per riskdag", "Summary per risk date"),
    "trends.risk_none": (
        "Perioden innehåller ingen hel riskdag.",
        "The period contains no complete risk date.",
    ),
    "trends.risk.valborg": ("Valborg", "Walpurgis Night"),
    "trends.risk.skolavslutning": ("Skolavslutning", "End of school"),
    "trends.risk.midsommar": ("Midsommarafton", "Midsummer Eve"),
    "trends.risk.halloween": ("Halloweenhelgen", "Halloween weekend"),
    "trends.risk.nyar": ("Nyårsafton", "New Year's Eve"),
    "trends.holidays_title": ("Helgdagar och riskdagar i perioden", "Holidays and risk dates in the period"),
    "trends.groups_area_title": ("Per område", "By area"),
    "trends.groups_category_title": ("Per kategori", "By category"),
    "trends.groups_caption": (
        "Varje ruta visar ett område eller en kategori med samma skala, störst först, så att man ser var en "
        "förändring kommer ifrån ({grain}).",
        "Each panel shows one area or category on the same scale, largest first, so you see where a change "
        "comes from ({grain}).",
    ),
    "trends.no_area": ("(utan område)", "(no area)"),
    "trends.unknown_category": ("(okänd)", "(unknown)"),
    "trends.grain.month": ("per månad", "per month"),
    "trends.grain.week": ("per vecka", "per week"),
    "trends.no_data_measure": (
        "Inga händelser för det här måttet i perioden.",
        "No events for this measure in the period.",
    ),
    "trends.col.risk": ("Riskdag", "Risk date"),
    "trends.col.year": ("År", "Year"),
    "trends.col.first_day": ("Från", "From"),
    "trends.col.last_day": ("Till", "To"),
    "trends.col.days": ("Dygn", "Days"),
    "trends.col.value": ("Antal", "Count"),
    "trends.col.per_day": ("Per dygn", "Per day"),
    "trends.col.ordinary_per_day": ("Vanligt helgdygn (fre–sön)", "Ordinary weekend day (Fri–Sun)"),
    "trends.col.ratio": ("Kvot", "Ratio"),
    "trends.col.verdict": ("Bedömning", "Verdict"),
    "trends.col.occasions": ("Tillfällen", "Occasions"),
    "trends.col.date": ("Datum", "Date"),
    "trends.col.name": ("Namn", "Name"),
    "trends.col.kind_day": ("Slag", "Kind"),
    "trends.kind.helgdag": ("helgdag", "holiday"),
    "trends.kind.risk": ("riskdag", "risk date"),
    # follow-up (Uppföljning)
    "followup.month": ("Månad att följa upp", "Month to follow up"),
    "followup.empty": (
        "Det finns ingen brottsstatistik eller felanmälan ännu. Läs in Brås statistik med "
        "`python -m est_data import bra FIL` eller under Data.",
        "There are no crime statistics or fault reports yet. Import Brå's statistics with "
        "`python -m est_data import bra FILE` or on the Data page.",
    ),
    "followup.table_title": ("CompStat för {month}", "CompStat for {month}"),
    "followup.chance": (
        "Tabellen gör {tests} jämförelser. Om ingenting hade förändrats skulle slumpen ensam ge omkring "
        "{chance} flaggor om varje jämförelse bedömdes för sig på 5 %-nivån. Därför är bedömningarna justerade "
        "för att många jämförelser görs samtidigt (Benjamini-Hochberg): en månad utan verklig förändring får "
        "en flagga över huvud taget bara i omkring 5 % av fallen.",
        "The table makes {tests} comparisons. Had nothing changed, chance alone would give about {chance} "
        "flags if each comparison were judged on its own at the 5 % level. The verdicts are therefore "
        "adjusted for making many comparisons at once (Benjamini-Hochberg): a month without any real change "
        "shows a flag at all in only about 5 % of cases.",
    ),
    "followup.table_caption": (
        "Bedömningen bygger på ett Poissontest (E-test) på 5 %-nivån, inte på procentuell förändring. "
        '"Månad" jämför månaden med samma månad de tre föregående åren; "Hittills i år" jämför januari–{month} '
        "med samma period förra året. Med färre än {min_events} händelser sammanlagt görs ingen bedömning. "
        "Kostnader bedöms som ett skalat Poissonförlopp (några få dyra ärenden räknas som få). "
        "Brås siffror gäller hela kommunen; felanmälan följer områdesurvalet.",
        'The verdict uses a Poisson test (E-test) at the 5 % level, not percent change. "Month" compares the '
        'month with the same month of the three previous years; "Year to date" compares January–{month} with the '
        "same period last year. With fewer than {min_events} events in all there is no verdict. Costs are judged "
        "as a scaled Poisson process (a few expensive cases count as few). Brå's figures cover the whole "
        "municipality; fault reports follow the area filter.",
    ),
    "followup.preliminary_note": ("\\* preliminär siffra", "\\* preliminary figure"),
    "followup.row.felanmalan": (
        "Felanmälan: skadegörelse och klotter (antal)",
        "Fault reports: vandalism and graffiti (count)",
    ),
    "followup.row.felanmalan_cost": ("Felanmälan: kostnad (kr)", "Fault reports: cost (SEK)"),
    "followup.col.category": ("Kategori", "Category"),
    "followup.col.this_month": ("Denna månad", "This month"),
    "followup.col.last_year": ("Samma månad i fjol", "Same month last year"),
    "followup.col.change_pct": ("Förändring mot i fjol", "Change from last year"),
    "followup.col.avg_3y": ("Snitt samma månad, 3 år", "Average same month, 3 years"),
    "followup.col.verdict_month": ("Bedömning månad", "Verdict month"),
    "followup.col.ytd": ("Hittills i år", "Year to date"),
    "followup.col.ytd_last": ("Samma period i fjol", "Same period last year"),
    "followup.col.verdict_ytd": ("Bedömning hittills i år", "Verdict year to date"),
    "followup.verdict.ökning": ("ökning", "increase"),
    "followup.verdict.minskning": ("minskning", "decrease"),
    "followup.verdict.ingen säker förändring": ("ingen säker förändring", "no certain change"),
    "followup.verdict.too_few": (
        "ingen säker förändring – för få händelser",
        "no certain change – too few events",
    ),
    "followup.verdict.none": ("–", "–"),
    "followup.chart_title": ("36 månader per kategori", "36 months per category"),
    "followup.chart_caption": (
        "Streckade linjer med nummer: insatser som startade under perioden (se listan). Röda punkter: preliminära siffror.",
        "Dashed numbered lines: actions that started in the period (see the list). Red dots: preliminary figures.",
    ),
    "followup.categories": ("Kategorier", "Categories"),
    "followup.actions_title": (
        "Insatser som startade under de 36 månaderna",
        "Actions started in the 36 months",
    ),
    "followup.no_actions": ("Inga insatser startade under perioden.", "No actions started in the period."),
    "followup.col.id": ("Nr", "No."),
    "followup.col.title": ("Insats", "Action"),
    "followup.col.kind": ("Typ", "Kind"),
    "followup.col.area": ("Område", "Area"),
    "followup.col.start": ("Start", "Start"),
    "followup.summary": (
        "{rise} ökning, {fall} minskning och {same} utan säker förändring jämfört med samma månad tidigare år.",
        "{rise} increase, {fall} decrease and {same} with no certain change against the same month in earlier years.",
    ),
    # Brå import
    "bra.error.columns": (
        "kolumnerna för {what} saknas (hittade: {found})",
        "the columns for {what} are missing (found: {found})",
    ),
    "bra.error.municipality": ("okänd kommun: {value}", "unknown municipality: {value}"),
    "bra.error.year": ("ogiltigt år: {value}", "invalid year: {value}"),
    "bra.error.period": ("ogiltig månad eller kvartal: {value}", "invalid month or quarter: {value}"),
    "bra.error.count": ("ogiltigt antal: {value}", "invalid count: {value}"),
    "bra.error.missing_count": ("uppgift saknas ({value})", "value missing ({value})"),
    "bra.error.crime": ("brottskod eller brottstyp saknas", "crime code or crime label missing"),
    "bra.error.duplicate": (
        "samma kommun, period och brott som rad {line}",
        "same municipality, period and crime as line {line}",
    ),
}
