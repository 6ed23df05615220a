"""User-facing text in Swedish (default) and English.

Strings live in catalogues under est_data/strings/, one module per part of the product, each with
`STRINGS = {key: (swedish, english)}`. Keys are unique across catalogues (a test checks).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

LANGUAGES = ("sv", "en")

MONTHS_SV = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
MONTHS_SV_SHORT = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
MONTHS_EN_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WEEKDAYS_SV = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
WEEKDAYS_SV_SHORT = ["mån", "tis", "ons", "tor", "fre", "lör", "sön"]
WEEKDAYS_EN_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    from est_data import strings

    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(strings.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"est_data.strings.{info.name}")
        merged.update(module.STRINGS)
    return merged


def duplicate_keys() -> list[str]:
    from est_data import strings

    seen: dict[str, str] = {}
    dupes = []
    for info in pkgutil.iter_modules(strings.__path__):
        module = importlib.import_module(f"est_data.strings.{info.name}")
        for key in module.STRINGS:
            if key in seen:
                dupes.append(f"{key} ({seen[key]}, {info.name})")
            seen[key] = info.name
    return dupes


def has(key: str) -> bool:
    """Whether a catalogue has key (for labels that fall back to the raw value, e.g. a free action kind)."""
    return key in catalogue()


# Keys asked for that no catalogue has (a test asserts that no page, report or export asks for one).
MISSING: set[str] = set()


def t(key: str, lang: str = "sv", **kwargs: object) -> str:
    """The text for key in lang, formatted with kwargs. Unknown keys show as the key itself."""
    pair = catalogue().get(key)
    if pair is None:
        MISSING.add(key)
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**kwargs) if kwargs else text


def month_name(month: int, lang: str = "sv", short: bool = False) -> str:
    if lang == "en":
        return MONTHS_EN_SHORT[month - 1]
    return (MONTHS_SV_SHORT if short else MONTHS_SV)[month - 1]


def weekday_name(weekday: int, lang: str = "sv") -> str:
    """Short weekday name, Monday = 0."""
    return (WEEKDAYS_EN_SHORT if lang == "en" else WEEKDAYS_SV_SHORT)[weekday]


def week_label(iso_year: int, iso_week: int, lang: str = "sv") -> str:
    return f"{'v.' if lang == 'sv' else 'W'}{iso_week} {iso_year}"


def number(value: float, decimals: int = 0, lang: str = "sv") -> str:
    """A number written the Swedish way (space as thousands separator, decimal comma)."""
    text = f"{value:,.{decimals}f}"
    if lang == "sv":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text
