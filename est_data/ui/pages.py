"""The page registry: every page, who may open it and where it sits in the navigation.

app.py builds st.navigation from this list, showing each user only the pages their role allows;
each page calls `ui.common.page_setup(<key>)`, which refuses a user whose role is not listed.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL = ("admin", "samordnare", "läsare", "rapportör")
STAFF = ("admin", "samordnare")
READERS = ("admin", "samordnare", "läsare")


@dataclass(frozen=True)
class PageSpec:
    key: str  # file stem in pages/ and URL path
    title_key: str  # i18n key
    icon: str
    roles: tuple[str, ...]
    section: str  # i18n key of the navigation section
    default: bool = False


PAGES: list[PageSpec] = [
    PageSpec("oversikt", "nav.overview", ":material/dashboard:", READERS, "nav.section.weekly", default=True),
    PageSpec("rapportera", "weekly.nav.report", ":material/edit_note:", ALL, "nav.section.weekly"),
    PageSpec("lagesbild", "weekly.nav.situation", ":material/grid_view:", READERS, "nav.section.weekly"),
    PageSpec("enkat", "weekly.nav.rounds", ":material/fact_check:", STAFF, "nav.section.weekly"),
    PageSpec("insatser", "actions.nav.title", ":material/task_alt:", READERS, "nav.section.weekly"),
    PageSpec("admin", "trust.nav.admin", ":material/admin_panel_settings:", ("admin",), "nav.section.admin"),
    PageSpec("enkatlankar", "trust.nav.links", ":material/link:", STAFF, "nav.section.weekly"),
    PageSpec(
        "trygghetsvandringar", "walks.nav.title", ":material/directions_walk:", READERS, "nav.section.weekly"
    ),
    PageSpec("karta", "incidents.nav.map", ":material/map:", READERS, "nav.section.analysis"),
    PageSpec("trender", "nav.trends", ":material/trending_up:", READERS, "nav.section.analysis"),
    PageSpec("uppfoljning", "nav.followup", ":material/query_stats:", READERS, "nav.section.analysis"),
    PageSpec("data", "incidents.nav.data", ":material/upload_file:", STAFF, "nav.section.admin"),
    PageSpec("register", "register.nav.title", ":material/badge:", STAFF, "nav.section.admin"),
    PageSpec("rapporter", "reports.nav.reports", ":material/description:", ALL, "nav.section.weekly"),
    PageSpec("kvartal", "ranking.nav.title", ":material/leaderboard:", READERS, "nav.section.analysis"),
    PageSpec("mote", "reports.nav.meeting", ":material/co_present:", READERS, "nav.section.weekly"),
]


def page(key: str) -> PageSpec:
    return next(p for p in PAGES if p.key == key)


def allowed(role: str | None) -> list[PageSpec]:
    return [p for p in PAGES if role in p.roles]
