"""Typed records shared by queries, analysis, reports and the UI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ROLES = ("admin", "samordnare", "läsare", "rapportör")
STATUSES = ("grön", "gul", "röd")
LEVELS = {0: "inget", 1: "enstaka", 2: "påtagligt", 3: "allvarligt"}
ACTION_KINDS = (
    "närvaro",
    "kamera",
    "belysning",
    "trafikkontroll",
    "fysisk åtgärd",
    "städning/sanering",
    "dialog",
    "annat",
)
ACTION_STATUSES = ("planerad", "pågående", "avslutad", "avbruten")
LOCATION_PRECISIONS = ("exact", "place", "area", "municipality", "county")


class UserError(ValueError):
    """A user's mistake (bad username, short password, taken e-mail ...) as an i18n key and its values:
    shown as a message, never a traceback. Raised by est_data.auth and est_data.register."""

    def __init__(self, key: str, **kwargs: object) -> None:
        super().__init__(key)
        self.key = key
        self.kwargs = kwargs


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    display_name: str | None = None
    email: str | None = None
    reporter_id: int | None = None
    can_see_personal: bool = False

    @property
    def sees_personal_data(self) -> bool:
        """Reporter names and internal free text: admins and coordinators, readers only if granted."""
        return self.role in ("admin", "samordnare") or (self.role == "läsare" and self.can_see_personal)


@dataclass(frozen=True)
class Filters:
    """The shared sidebar selection every page reads. Empty area_ids means all areas."""

    municipality_code: str
    start: dt.date
    end: dt.date
    area_ids: tuple[int, ...] = field(default_factory=tuple)

    def area_list(self) -> list[int] | None:
        return list(self.area_ids) if self.area_ids else None


@dataclass(frozen=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def of(cls, day: dt.date) -> IsoWeek:
        y, w, _ = day.isocalendar()
        return cls(y, w)

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """'2026-W47' (also '2026W47', '2026-47')."""
        cleaned = text.strip().upper().replace("W", "-").replace("--", "-")
        year_s, week_s = [p for p in cleaned.split("-") if p]
        week = cls(int(year_s), int(week_s))
        week.monday()  # validates
        return week

    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 1)

    def sunday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 7)

    def shift(self, weeks: int) -> IsoWeek:
        return IsoWeek.of(self.monday() + dt.timedelta(weeks=weeks))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"
