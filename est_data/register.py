"""The municipality's register: reporters and the areas they cover, factors, areas and named places.

What a coordinator sets up before the first survey week (issue 13, part 1) and keeps up to date.
Nothing here is ever deleted: reporters, factors, areas and places are made inactive, so past
answers keep their reporter, factor and area. Every change is written in one transaction with its
audit-log row. A user's mistake (an e-mail already in use, an empty name, an unknown area ...)
raises `model.UserError` (also `auth.UserError`) with an i18n key, shown as a message in the app and a one-line error on the
command line.

E-mail addresses are unique per user and per reporter, compared without regard to case (a
reporter and the account that reporter logs in with may share one). Single sign-on maps an
address to an account, so two accounts with one address would make the mapping ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pandas as pd

from est_data import audit
from est_data.db import transaction, update_row
from est_data.model import UserError

_EMAIL = re.compile(r"^[^@\s;,<>]+@[^@\s;,<>]+\.[^@\s;,<>]+$")
_FACTOR_CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
MAX_NAME = 200

# Kinds offered in the forms; other words are accepted as typed (a municipality has its own).
ORG_KINDS = (
    "skola",
    "fritid",
    "socialtjänst",
    "fastighet",
    "bostadsbolag",
    "trygghetsvärd",
    "gata/park",
    "polis",
    "räddningstjänst",
    "kollektivtrafik",
    "handel",
    "föreningsliv",
    "annat",
)
AREA_KINDS = ("stadsdel", "ort", "bostadsområde", "centrum", "skola", "industriområde", "annat")
PLACE_KINDS = ("samlingsplats", "skadegörelse", "skola", "park", "centrum", "hållplats", "idrott", "annat")

# The default EST checklist (DESIGN §3), in checklist order: what `init` puts in an empty database.
DEFAULT_FACTORS: tuple[tuple[str, str, str, str], ...] = (
    ("hot_vald", "Hot och våld", "Threats and violence", "Hot, misshandel, rån, bråk."),
    ("skadegorelse", "Skadegörelse", "Vandalism", "Krossade rutor, förstörd utrustning."),
    ("klotter", "Klotter", "Graffiti", "Klotter och tags på fasader, skyltar, busskurer."),
    ("nedskrapning", "Nedskräpning", "Littering", "Skräp, dumpning, nedskräpade platser."),
    ("brand", "Anlagda bränder", "Arson", "Bränder i containrar, papperskorgar, bilar, byggnader."),
    (
        "narkotika",
        "Narkotika och öppen droghandel",
        "Drugs and open dealing",
        "Synlig handel, påverkade personer.",
    ),
    ("alkohol", "Alkohol och berusning", "Alcohol and intoxication", "Berusade personer, langning."),
    (
        "samlingar",
        "Otrygghetsskapande samlingar och tillhåll",
        "Intimidating groups and hangouts",
        "Grupper som skapar otrygghet, tillhåll i trapphus och källare.",
    ),
    ("stold", "Stöld och inbrott", "Theft and burglary", "Inbrott i förråd, bilar, cykelstölder."),
    (
        "trafik",
        "Trafik, buskörning och mopeder",
        "Traffic, reckless driving and mopeds",
        "Buskörning, höga hastigheter, mopeder på gångvägar.",
    ),
    (
        "otrygga_platser",
        "Otrygga platser (belysning, skymd sikt)",
        "Unsafe places (lighting, blocked view)",
        "Trasig belysning, igenvuxna buskage, skymd sikt.",
    ),
    (
        "sociala_medier",
        "Rykten och oro i sociala medier",
        "Rumours and worry on social media",
        "Rykten, hot och oro som sprids i sociala medier.",
    ),
)


# ------------------------------------------------------------------------------------------ shared checks


def _text(value: object) -> str:
    """A stripped text; None and NaN are empty."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _required_name(value: object, key: str = "register.error.name") -> str:
    name = _text(value)
    if not name or len(name) > MAX_NAME:
        raise UserError(key, n=MAX_NAME)
    return name


def clean_email(email: object) -> str | None:
    """The address stripped (None when empty); UserError when it is not an address."""
    text = _text(email)
    if not text:
        return None
    if not _EMAIL.match(text) or len(text) > 254:
        raise UserError("register.error.email", email=text)
    return text


def user_with_email(con, email: str, exclude_id: int | None = None) -> str | None:
    """The username of another account with this address (any case), or None."""
    row = con.execute(
        "select username from app_user where lower(email) = lower(?) and id is distinct from ?",
        [email, exclude_id],
    ).fetchone()
    return row[0] if row else None


def reporter_with_email(con, email: str, exclude_id: int | None = None) -> str | None:
    """The name of another reporter with this address (any case), or None."""
    row = con.execute(
        "select name from reporter where lower(email) = lower(?) and id is distinct from ?",
        [email, exclude_id],
    ).fetchone()
    return row[0] if row else None


def check_user_email(con, email: object, exclude_id: int | None = None) -> str | None:
    """A cleaned address no other account has; UserError otherwise."""
    cleaned = clean_email(email)
    if cleaned and (other := user_with_email(con, cleaned, exclude_id)) is not None:
        raise UserError("register.error.user_email_taken", email=cleaned, username=other)
    return cleaned


def check_reporter_email(con, email: object, exclude_id: int | None = None) -> str | None:
    """A cleaned address no other reporter has; UserError otherwise."""
    cleaned = clean_email(email)
    if cleaned and (other := reporter_with_email(con, cleaned, exclude_id)) is not None:
        raise UserError("register.error.reporter_email_taken", email=cleaned, name=other)
    return cleaned


def fold_name(name: str) -> str:
    """Area names compared as people type them: case, accents' composition and spacing ignored."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


# ------------------------------------------------------------------------------------------ reporters


def _check_fields(changes: dict[str, Any], allowed: tuple[str, ...] | set[str], what: str) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"unknown {what} fields: {sorted(unknown)}")


_REPORTER_FIELDS = ("name", "email", "organisation", "org_kind", "active")


def reporters(con, include_inactive: bool = True) -> pd.DataFrame:
    """Every reporter with the areas they cover: id, name, email, organisation, org_kind, active,
    areas (names, comma separated), area_ids (list), answers (survey answers given so far)."""
    return con.execute(
        "with covered as ("
        "  select ra.reporter_id, string_agg(a.name, ', ' order by a.name) as areas,"
        "         list(a.id order by a.name) as area_ids"
        "  from reporter_area ra"
        "  join area a on a.id = ra.area_id"
        "  group by ra.reporter_id"
        "), answered as ("
        "  select reporter_id, count(*) as answers"
        "  from survey_response"
        "  group by reporter_id"
        ")"
        " select r.id, r.name, r.email, r.organisation, r.org_kind, r.active,"
        "        coalesce(c.areas, '') as areas, coalesce(c.area_ids, []) as area_ids,"
        "        coalesce(n.answers, 0) as answers"
        " from reporter r"
        " left join covered c on c.reporter_id = r.id"
        " left join answered n on n.reporter_id = r.id"
        " where r.active or ?"
        " order by r.active desc, r.name",
        [include_inactive],
    ).df()


def reporter_record(con, reporter_id: int) -> dict[str, Any]:
    row = con.execute(
        "select id, name, email, organisation, org_kind, active from reporter where id = ?", [reporter_id]
    ).fetchone()
    if row is None:
        raise UserError("trust.error.no_reporter")
    record = dict(zip(("id", *_REPORTER_FIELDS), row, strict=True))
    record["area_ids"] = [
        r[0]
        for r in con.execute(
            "select area_id from reporter_area where reporter_id = ? order by area_id", [reporter_id]
        ).fetchall()
    ]
    return record


def _check_areas(con, area_ids: list[int] | None) -> list[int]:
    ids = sorted({int(a) for a in area_ids or []})
    if ids:
        found = {
            r[0] for r in con.execute("select id from area where list_contains(?, id)", [ids]).fetchall()
        }
        if missing := [i for i in ids if i not in found]:
            raise UserError("register.error.no_area", ids=", ".join(map(str, missing)))
    return ids


def _set_reporter_areas(con, reporter_id: int, area_ids: list[int]) -> None:
    con.execute(
        "delete from reporter_area where reporter_id = ? and not list_contains(?, area_id)",
        [reporter_id, area_ids],
    )
    if area_ids:
        con.executemany(
            "insert into reporter_area (reporter_id, area_id) values (?, ?) on conflict do nothing",
            [[reporter_id, a] for a in area_ids],
        )


def add_reporter(
    con,
    name: str,
    email: str | None = None,
    organisation: str | None = None,
    org_kind: str | None = None,
    area_ids: list[int] | None = None,
    by: str | None = None,
) -> int:
    """A new active reporter covering `area_ids`. Returns its id."""
    name = _required_name(name)
    email = check_reporter_email(con, email)
    ids = _check_areas(con, area_ids)
    with transaction(con):
        new_id = int(
            con.execute(
                "insert into reporter (name, email, organisation, org_kind, active) values (?, ?, ?, ?, true)"
                " returning id",
                [name, email, _text(organisation) or None, _text(org_kind) or None],
            ).fetchone()[0]
        )
        _set_reporter_areas(con, new_id, ids)
        audit.record(con, by, "create", "reporter", new_id, after=reporter_record(con, new_id))
    return new_id


def update_reporter(con, reporter_id: int, by: str | None = None, **changes: Any) -> bool:
    """Change a reporter: name, email, organisation, org_kind, active and/or area_ids. Past answers stay
    theirs (an inactive reporter gets no new survey links, its old ones stop working, and the form's
    reporter picker leaves it out). Returns whether anything changed."""
    _check_fields(changes, {*_REPORTER_FIELDS, "area_ids"}, "reporter")
    before = reporter_record(con, reporter_id)
    values: dict[str, Any] = {}
    if "name" in changes:
        values["name"] = _required_name(changes["name"])
    if "email" in changes:
        values["email"] = check_reporter_email(con, changes["email"], reporter_id)
    for field in ("organisation", "org_kind"):
        if field in changes:
            values[field] = _text(changes[field]) or None
    if "active" in changes:
        values["active"] = bool(changes["active"])
    values = {k: v for k, v in values.items() if v != before[k]}
    area_ids = _check_areas(con, changes["area_ids"]) if "area_ids" in changes else before["area_ids"]
    if not values and area_ids == before["area_ids"]:
        return False
    with transaction(con):
        if values:
            update_row(con, "reporter", "id", reporter_id, values)
        _set_reporter_areas(con, reporter_id, area_ids)
        operation = "update"
        if set(values) == {"active"} and area_ids == before["area_ids"]:
            operation = "activate" if values["active"] else "deactivate"
        audit.record(
            con,
            by,
            operation,
            "reporter",
            reporter_id,
            before=before,
            after=reporter_record(con, reporter_id),
        )
    return True


def set_reporter_active(con, reporter_id: int, active: bool, by: str | None = None) -> bool:
    return update_reporter(con, reporter_id, by, active=active)


# ------------------------------------------------------------------------------------------ factors

_FACTOR_FIELDS = ("label_sv", "label_en", "description", "sort_order", "active")


def factors(con) -> pd.DataFrame:
    """Every factor, active ones first in checklist order, with how many ratings use it."""
    return con.execute(
        "select f.code, f.label_sv, f.label_en, f.description, f.sort_order, f.active,"
        "       coalesce(n.ratings, 0) as ratings"
        " from factor f"
        " left join (select factor_code, count(*) as ratings from survey_rating group by factor_code) n"
        "   on n.factor_code = f.code"
        " order by f.active desc, f.sort_order, f.code"
    ).df()


def factor_record(con, code: str) -> dict[str, Any]:
    row = con.execute(
        "select code, label_sv, label_en, description, sort_order, active from factor where code = ?", [code]
    ).fetchone()
    if row is None:
        raise UserError("register.error.no_factor", code=code)
    return dict(zip(("code", *_FACTOR_FIELDS), row, strict=True))


def suggest_factor_code(label: str) -> str:
    """'Otrygga platser (belysning)' -> 'otrygga_platser_belysning' (ASCII, for a new factor's code)."""
    plain = unicodedata.normalize("NFKD", label.casefold()).encode("ascii", "ignore").decode()
    code = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:40]
    return code if code[:1].isalpha() else f"f_{code}"[:40]


def add_factor(
    con,
    label_sv: str,
    label_en: str | None = None,
    description: str | None = None,
    code: str | None = None,
    sort_order: int | None = None,
    by: str | None = None,
) -> str:
    """A new active factor, last in the checklist unless `sort_order` says otherwise. Returns its code."""
    label_sv = _required_name(label_sv, "register.error.label")
    code = _text(code) or suggest_factor_code(label_sv)
    if not _FACTOR_CODE.match(code):
        raise UserError("register.error.factor_code", code=code)
    if con.execute("select 1 from factor where code = ?", [code]).fetchone():
        raise UserError("register.error.factor_exists", code=code)
    if sort_order is None:
        sort_order = int(con.execute("select coalesce(max(sort_order), 0) + 1 from factor").fetchone()[0])
    with transaction(con):
        con.execute(
            "insert into factor (code, label_sv, label_en, description, sort_order, active)"
            " values (?, ?, ?, ?, ?, true)",
            [code, label_sv, _text(label_en) or label_sv, _text(description) or None, int(sort_order)],
        )
        audit.record(con, by, "create", "factor", code, after=factor_record(con, code))
    return code


def update_factor(con, code: str, by: str | None = None, **changes: Any) -> bool:
    """Change a factor's labels, description, place in the checklist or active flag. Its code never
    changes, so past ratings keep their factor. Returns whether anything changed."""
    _check_fields(changes, _FACTOR_FIELDS, "factor")
    before = factor_record(con, code)
    values: dict[str, Any] = {}
    if "label_sv" in changes:
        values["label_sv"] = _required_name(changes["label_sv"], "register.error.label")
    if "label_en" in changes:
        values["label_en"] = _text(changes["label_en"]) or values.get("label_sv", before["label_sv"])
    if "description" in changes:
        values["description"] = _text(changes["description"]) or None
    if "sort_order" in changes:
        try:
            values["sort_order"] = int(changes["sort_order"])
        except (TypeError, ValueError):
            raise UserError("register.error.sort_order") from None
    if "active" in changes:
        values["active"] = bool(changes["active"])
        if (
            not values["active"]
            and before["active"]
            and con.execute("select count(*) from factor where active").fetchone()[0] <= 1
        ):
            raise UserError("register.error.last_factor")
    values = {k: v for k, v in values.items() if v != before[k]}
    if not values:
        return False
    with transaction(con):
        update_row(con, "factor", "code", code, values)
        audit.record(con, by, "update", "factor", code, before=before, after=factor_record(con, code))
    return True


def move_factor(con, code: str, step: int, by: str | None = None) -> bool:
    """Move a factor up (step -1) or down (+1) among the active factors; the order is renumbered 1..n."""
    order = [
        r[0] for r in con.execute("select code from factor where active order by sort_order, code").fetchall()
    ]
    if code not in order:
        raise UserError("register.error.no_factor", code=code)
    i = order.index(code)
    j = min(max(i + step, 0), len(order) - 1)
    if i == j:
        return False
    order.insert(j, order.pop(i))
    with transaction(con):
        for n, c in enumerate(order, start=1):
            con.execute("update factor set sort_order = ? where code = ?", [n, c])
        audit.record(
            con, by, "reorder", "factor", code, before={"position": i + 1}, after={"position": j + 1}
        )
    return True


def ensure_default_factors(con) -> int:
    """Put the default EST checklist into a database without factors. Returns how many were added."""
    if con.execute("select count(*) from factor").fetchone()[0]:
        return 0
    with transaction(con):
        con.executemany(
            "insert into factor (code, label_sv, label_en, description, sort_order) values (?, ?, ?, ?, ?)",
            [[c, sv, en, d, i] for i, (c, sv, en, d) in enumerate(DEFAULT_FACTORS, start=1)],
        )
        audit.record(con, "init", "create", "factor", None, after={"default_factors": len(DEFAULT_FACTORS)})
    return len(DEFAULT_FACTORS)


# ------------------------------------------------------------------------------------------ areas

_AREA_FIELDS = ("name", "kind", "population", "active")


def areas(con, municipality_code: str) -> pd.DataFrame:
    """The municipality's areas (active first): id, name, kind, population, active, reporters, places."""
    return con.execute(
        "select a.id, a.name, a.kind, a.population, a.active,"
        "       (select count(*) from reporter_area ra join reporter r on r.id = ra.reporter_id and r.active"
        "        where ra.area_id = a.id) as reporters,"
        "       (select count(*) from place p where p.area_id = a.id and p.active) as places,"
        "       a.geometry_wkt is not null as has_boundary"
        " from area a"
        " where a.municipality_code = ?"
        " order by a.active desc, a.name",
        [municipality_code],
    ).df()


def area_record(con, area_id: int) -> dict[str, Any]:
    row = con.execute(
        "select id, municipality_code, name, kind, population, active from area where id = ?", [area_id]
    ).fetchone()
    if row is None:
        raise UserError("register.error.no_area", ids=str(area_id))
    return dict(zip(("id", "municipality_code", *_AREA_FIELDS), row, strict=True))


def _population(value: object) -> int | None:
    if value is None or _text(value) == "":
        return None
    try:
        number = float(str(value).replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        raise UserError("register.error.population") from None
    if number != number or number < 0 or number != int(number) or number > 10_000_000:
        raise UserError("register.error.population")
    return int(number)


def update_area(con, area_id: int, by: str | None = None, **changes: Any) -> bool:
    """Rename an area, change its kind or population, or (de)activate it. Answers, events and actions
    point at the area's id, so they follow a rename. Returns whether anything changed."""
    _check_fields(changes, _AREA_FIELDS, "area")
    before = area_record(con, area_id)
    values: dict[str, Any] = {}
    if "name" in changes:
        values["name"] = _required_name(changes["name"])
        if (
            values["name"] != before["name"]
            and con.execute(
                "select 1 from area where municipality_code = ? and lower(name) = lower(?) and id <> ?",
                [before["municipality_code"], values["name"], area_id],
            ).fetchone()
        ):
            raise UserError("register.error.area_exists", name=values["name"])
    if "kind" in changes:
        values["kind"] = _text(changes["kind"]) or "stadsdel"
    if "population" in changes:
        values["population"] = _population(changes["population"])
    if "active" in changes:
        values["active"] = bool(changes["active"])
    values = {k: v for k, v in values.items() if v != before[k]}
    if not values:
        return False
    with transaction(con):
        update_row(con, "area", "id", area_id, values)
        audit.record(con, by, "update", "area", area_id, before=before, after=area_record(con, area_id))
    return True


# ------------------------------------------------------------------------------------------ places

_PLACE_FIELDS = ("name", "kind", "area_id", "lat", "lon", "active")


def places(con, municipality_code: str) -> pd.DataFrame:
    """Named places of the municipality's areas (and places in no area): id, name, kind, area_id, area,
    lat, lon, active."""
    return con.execute(
        "select p.id, p.name, p.kind, p.area_id, a.name as area, p.lat, p.lon, p.active"
        " from place p"
        " left join area a on a.id = p.area_id"
        " where a.municipality_code = ? or p.area_id is null"
        " order by p.active desc, a.name, p.name",
        [municipality_code],
    ).df()


def place_record(con, place_id: int) -> dict[str, Any]:
    row = con.execute(
        "select id, name, kind, area_id, lat, lon, active from place where id = ?", [place_id]
    ).fetchone()
    if row is None:
        raise UserError("register.error.no_place")
    return dict(zip(("id", *_PLACE_FIELDS), row, strict=True))


def _coordinates(lat: object, lon: object) -> tuple[float, float]:
    """WGS 84 latitude and longitude (decimal comma accepted); Sweden and its neighbours only."""
    try:
        y = float(str(lat).strip().replace(",", "."))
        x = float(str(lon).strip().replace(",", "."))
    except ValueError:
        raise UserError("register.error.coordinates") from None
    if not (54.0 <= y <= 70.0 and 10.0 <= x <= 25.0):
        raise UserError("register.error.coordinates")
    return y, x


def area_at(con, municipality_code: str, lat: float, lon: float) -> int | None:
    """The active area of the municipality whose boundary holds the point, or None."""
    from shapely import Point, wkt  # shapely: the same point-in-polygon the area import uses

    point = Point(lon, lat)
    for area_id, geometry in con.execute(
        "select id, geometry_wkt from area where municipality_code = ? and active and geometry_wkt is not null"
        " order by id",
        [municipality_code],
    ).fetchall():
        if wkt.loads(geometry).covers(point):
            return int(area_id)
    return None


def add_place(
    con,
    municipality_code: str,
    name: str,
    kind: str,
    lat: object,
    lon: object,
    area_id: int | None = None,
    by: str | None = None,
) -> int:
    """A named place at a point (a map click or typed coordinates). Without `area_id` the place gets
    the area its point lies in. Returns its id."""
    name = _required_name(name)
    y, x = _coordinates(lat, lon)
    if area_id is None:
        area_id = area_at(con, municipality_code, y, x)
        if area_id is None:
            raise UserError("register.error.place_outside")
    else:
        area_record(con, int(area_id))
    with transaction(con):
        new_id = int(
            con.execute(
                "insert into place (area_id, name, kind, lat, lon, active) values (?, ?, ?, ?, ?, true) returning id",
                [int(area_id), name, _text(kind) or "annat", y, x],
            ).fetchone()[0]
        )
        audit.record(con, by, "create", "place", new_id, after=place_record(con, new_id))
    return new_id


def update_place(con, place_id: int, by: str | None = None, **changes: Any) -> bool:
    """Rename a place, change its kind, area, position or active flag. Returns whether anything changed."""
    _check_fields(changes, _PLACE_FIELDS, "place")
    before = place_record(con, place_id)
    values: dict[str, Any] = {}
    if "name" in changes:
        values["name"] = _required_name(changes["name"])
    if "kind" in changes:
        values["kind"] = _text(changes["kind"]) or "annat"
    if "lat" in changes or "lon" in changes:
        values["lat"], values["lon"] = _coordinates(
            changes.get("lat", before["lat"]), changes.get("lon", before["lon"])
        )
    if "area_id" in changes:
        values["area_id"] = area_record(con, int(changes["area_id"]))["id"]
    if "active" in changes:
        values["active"] = bool(changes["active"])
    values = {k: v for k, v in values.items() if v != before[k]}
    if not values:
        return False
    with transaction(con):
        update_row(con, "place", "id", place_id, values)
        audit.record(con, by, "update", "place", place_id, before=before, after=place_record(con, place_id))
    return True
