"""Settings, declared once as a table of (name, default, help).

Each setting can be given as the environment variable EST_<NAME> (upper case). Settings that the
coordinator changes in the app are stored in the database table `setting` and read with
`get_setting(con, name)`, which falls back to the environment and then to the default here.
The README's settings table is checked against this list by a test.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "data/est.duckdb", "Databasfilen (DuckDB)."),
    Setting("lang", "sv", "Språk i gränssnittet: sv eller en."),
    Setting("municipality_code", "1287", "Kommunkod (4 siffror) för den kommun appen används i."),
    Setting("classification", "Endast för deltagare i EST", "Klassningsrad i rapporter."),
    Setting("sample_dir", "", "Katalog med exempeldata (tom = sample_data/ i projektet)."),
    Setting("load_sample", "1", "Ladda exempeldata vid första start om databasen är tom (1/0)."),
    Setting("session_timeout_minutes", "60", "Minuter utan aktivitet innan man loggas ut."),
    Setting("status_red_any_level", "3", "Statusregel: röd om någon faktor når denna nivå."),
    Setting(
        "status_red_count_level2", "3", "Statusregel: röd om minst så många faktorer är på nivå 2 eller mer."
    ),
    Setting("status_yellow_any_level", "2", "Statusregel: gul om någon faktor når denna nivå."),
    Setting("retention_months", "24", "Fritext äldre än så många månader kan rensas (betygen behålls)."),
    Setting(
        "public_url", "", "Appens publika adress, för personliga enkätlänkar (tom = adressen i webbläsaren)."
    ),
    Setting(
        "sso_tenant",
        "",
        "Katalog-id (tenant id) i Entra ID vars konton får logga in, när appregistreringen "
        "gäller flera organisationer (common/organizations).",
    ),
    Setting("smtp_host", "", "SMTP-server för utskick av veckorapporten (tom = inget utskick)."),
    Setting("smtp_port", "25", "SMTP-port."),
    Setting("smtp_from", "", "Avsändaradress för utskick."),
    Setting("linkmail_enabled", "0", "Skicka enkätlänkar och påminnelser med e-post enligt schemat (1/0)."),
    Setting("linkmail_send_day", "tisdag", "Veckodag då omgångens enkätlänkar skickas."),
    Setting("linkmail_send_time", "08:00", "Klockslag (HH:MM, svensk tid) då enkätlänkarna skickas."),
    Setting(
        "linkmail_remind_day", "torsdag", "Veckodag för påminnelsen till dem som inte svarat (av = ingen)."
    ),
    Setting("linkmail_remind_time", "09:00", "Klockslag (HH:MM, svensk tid) för påminnelsen."),
    Setting("linkmail_from", "", "Avsändaradress för enkätlänkar (tom = smtp_from)."),
    Setting(
        "polisen_user_agent",
        "EST-dashboard/0.1 (kommunal trygghetssamordning)",
        "User-Agent för Polisens öppna API.",
    ),
    Setting(
        "map_tiles_url",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "Bakgrundskartans adress: XYZ eller WMTS (Web Mercator) med {z}, {x}, {y}; none = ingen bakgrundskarta.",
    ),
    Setting(
        "walk_followup_months",
        "6",
        "Månader från en trygghetsvandring till uppföljningen av dess fynd.",
    ),
    Setting(
        "map_tiles_attribution",
        "",
        "Bakgrundskartans upphovsangivelse (HTML); tom = OpenStreetMaps för standardkartan.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def env_name(name: str) -> str:
    return "EST_" + name.upper()


def get(name: str) -> str:
    """A setting from the environment, else its declared default."""
    setting = _BY_NAME[name]
    return os.environ.get(env_name(name), str(setting.default))


def get_int(name: str) -> int:
    return int(get(name))


def get_setting(con, name: str) -> str:
    """A setting from the database table `setting`, else the environment, else the default."""
    row = con.execute("select value from setting where name = ?", [name]).fetchone()
    if row is not None and row[0] is not None:
        return str(row[0])
    return get(name)


def set_setting(con, name: str, value: str) -> None:
    if name not in _BY_NAME:
        raise KeyError(name)
    con.execute(
        "insert into setting (name, value) values (?, ?) on conflict (name) do update set value = excluded.value",
        [name, value],
    )


def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


def sample_dir() -> Path:
    chosen = get("sample_dir")
    return Path(chosen) if chosen else project_root() / "sample_data"
