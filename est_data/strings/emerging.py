"""Strings of the emerging hot spots on Karta (issue 19: est_data/emerging_map.py, ui/emerging.py)."""

_CATEGORIES = {
    "new": (("Ny", "New"), ("het i sista steget, aldrig förut", "hot in the last step, never before")),
    "consecutive": (
        ("Sammanhängande", "Consecutive"),
        (
            "het i de senaste stegen i följd (minst två), aldrig förut",
            "hot in the latest steps in a row (at least two), never before",
        ),
    ),
    "intensifying": (
        ("Tilltagande", "Intensifying"),
        ("het nästan hela tiden och allt starkare", "hot nearly all the time and growing stronger"),
    ),
    "persistent": (
        ("Ihållande", "Persistent"),
        ("het nästan hela tiden, utan säker trend", "hot nearly all the time, no certain trend"),
    ),
    "diminishing": (
        ("Avtagande", "Diminishing"),
        ("het nästan hela tiden men allt svagare", "hot nearly all the time but growing weaker"),
    ),
    "sporadic": (
        ("Sporadisk", "Sporadic"),
        ("het då och då, också nu", "hot on and off, and now again"),
    ),
    "oscillating": (
        ("Växlande", "Oscillating"),
        ("het nu men kall tidigare", "hot now but cold earlier"),
    ),
    "historical": (
        ("Historisk", "Historical"),
        ("het nästan hela tiden men inte nu", "hot nearly all the time but not now"),
    ),
}


def _category_strings() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for name, ((sv, en), _) in _CATEGORIES.items():
        out[f"emerging.category.{name}_hot"] = (f"{sv} hot spot", f"{en} hot spot")
        out[f"emerging.category.{name}_cold"] = (f"{sv} kall fläck", f"{en} cold spot")
    out["emerging.category.none"] = ("Inget mönster", "No pattern")
    return out


STRINGS: dict[str, tuple[str, str]] = {
    **_category_strings(),
    "incidents.layer.emerging": ("Framväxande hot spots", "Emerging hot spots"),
    "emerging.tab": ("Framväxande hot spots", "Emerging hot spots"),
    "emerging.step.month.plural": ("månader", "months"),
    "emerging.step.week.plural": ("veckor", "weeks"),
    "emerging.step.month.one": ("månad", "month"),
    "emerging.step.week.one": ("vecka", "week"),
    "emerging.hot_steps": (
        "het {hot}, kall {cold} av {n} {unit}",
        "hot {hot}, cold {cold} of {n} {unit}",
    ),
    "emerging.hot_steps_only": ("het {hot} av {n} {unit}", "hot {hot} of {n} {unit}"),
    "emerging.trend.1": ("ökar", "increasing"),
    "emerging.trend.-1": ("minskar", "decreasing"),
    "emerging.trend.0": ("ingen säker trend", "no certain trend"),
    "emerging.last_vs_mean": ("{last} (snitt {mean})", "{last} (mean {mean})"),
    "emerging.col.area": ("Område", "Area"),
    "emerging.col.cell": ("Ruta", "Cell"),
    "emerging.col.category": ("Mönster", "Pattern"),
    "emerging.col.hot_steps": ("Signifikant", "Significant"),
    "emerging.col.trend": ("Trend (Gi* z)", "Trend (Gi* z)"),
    "emerging.col.p": ("p (trend)", "p (trend)"),
    "emerging.col.counts": ("Trend (antal)", "Trend (counts)"),
    "emerging.col.last": ("Händelser senaste steget", "Events in the last step"),
    "emerging.outside": ("utanför områdena", "outside the areas"),
    "emerging.summary": (
        "{n} {unit} från {first} till {last}, rutor om {cell} m. {flagged} rutor har ett mönster.",
        "{n} {unit} from {first} to {last}, cells of {cell} m. {flagged} cells have a pattern.",
    ),
    "emerging.no_data": (
        "Inga händelser med plats i vald period: inga framväxande hot spots att beräkna.",
        "No events with a position in the chosen period: no emerging hot spots to compute.",
    ),
    "emerging.too_short": (
        "För kort tidsserie: perioden ger {n} {unit} med data, minst {min} behövs för trendtestet. "
        "Välj en längre period i sidopanelen.",
        "Too short a time series: the period gives {n} {unit} with data; at least {min} are needed for the "
        "trend test. Choose a longer period in the sidebar.",
    ),
    "emerging.no_pattern": (
        "Ingen ruta har något mönster: ingen plats är säkert het eller kall i tillräckligt många steg.",
        "No cell has a pattern: no place is certainly hot or cold in enough steps.",
    ),
    "emerging.not_computed": (
        "Slå på lagret Framväxande hot spots ovan för att beräkna mönstren för det här urvalet "
        "(det kan ta en stund med mycket data).",
        "Turn on the Emerging hot spots layer above to compute the patterns for this selection "
        "(it may take a while with much data).",
    ),
    "emerging.layer_off": (
        "Slå på lagret Framväxande hot spots ovan för att se rutorna på kartan.",
        "Turn on the Emerging hot spots layer above to see the cells on the map.",
    ),
    "emerging.how_title": ("Så läser du", "How to read this"),
    "emerging.how": (
        "Perioden delas i {unit} (det sista steget slutar periodens sista dag). För varje steg avgörs, som på "
        "hotspotlagret, vilka rutor som är signifikant heta eller kalla (Getis-Ord Gi*, slumptest, "
        "FDR-korrigerat, minst 90 %). Sedan prövas om rutans Gi*-värde stiger eller sjunker över tiden "
        '(Mann-Kendalls trendtest, p < 0,05). Mönstren är ArcGIS Pros "Emerging Hot Spot Analysis":\n\n'
        "{categories}\n\n"
        'Minst {min} steg behövs; annars står det "för kort tidsserie". Ett mönster säger var något '
        "har förändrats, inte varför: läs händelserna i rutan innan ni beslutar om insatser.",
        "The period is split into {unit} (the last step ends on the period's last day). For each step, as on "
        "the hotspot layer, the significantly hot or cold cells are found (Getis-Ord Gi*, randomisation "
        "test, FDR-corrected, at least 90 %). Then a trend test asks whether the cell's Gi* value rises or "
        "falls over time (Mann-Kendall, p < 0.05). The patterns are ArcGIS Pro's \"Emerging Hot Spot "
        'Analysis":\n\n{categories}\n\n'
        'At least {min} steps are needed; otherwise it says "too short a time series". A pattern says where '
        "something has changed, not why: read the cell's events before deciding on actions.",
    ),
    **{
        f"emerging.how.{name}": (f"{sv}: {how_sv}", f"{en}: {how_en}")
        for name, ((sv, en), (how_sv, how_en)) in _CATEGORIES.items()
    },
    "emerging.how.cold": (
        "Kalla fläckar (blå) är samma mönster för platser med färre händelser än slumpen ger.",
        "Cold spots (blue) are the same patterns for places with fewer events than chance gives.",
    ),
    "emerging.map.tooltip": (
        "{category}<br>{hot_steps}<br>Trend (Gi* z): {trend}, p = {p}<br>Händelser senaste steget: {last}",
        "{category}<br>{hot_steps}<br>Trend (Gi* z): {trend}, p = {p}<br>Events in the last step: {last}",
    ),
}
