"""The action register (table `action`): create, edit, close and list actions, every change audited.

Actions come from this register and from the weekly meeting (which writes to the same table).
A user's mistake raises ActionError with an i18n key; pages and the CLI show its text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from est_data import audit, db, display
from est_data.model import ACTION_KINDS, ACTION_STATUSES

EDITABLE = (
    "title",
    "kind",
    "area_id",
    "place_id",
    "geometry_wkt",
    "radius_m",
    "partners",
    "responsible",
    "start_date",
    "end_date",
    "status",
    "description",
    "cost_sek",
    "target_factors",
    "target_categories",
)


class ActionError(ValueError):
    """A mistake in an action's fields; key is an i18n key, kwargs its values."""

    def __init__(self, key: str, **kwargs: object) -> None:
        super().__init__(key)
        self.key = key
        self.kwargs = kwargs


def get_action(con, action_id: int) -> dict[str, Any] | None:
    cur = con.execute("select * from action where id = ?", [action_id])
    row = cur.fetchone()
    if row is None:
        return None
    names = [d[0] for d in cur.description]
    action = dict(zip(names, row, strict=True))
    action["target_factors"] = list(action["target_factors"] or [])
    action["target_categories"] = list(action["target_categories"] or [])
    return action


def list_actions(
    con,
    municipality_code: str | None = None,
    statuses: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
    area_ids: tuple[int, ...] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Actions matching the filters (empty tuple = any); the period keeps actions running at some time in it."""
    return con.execute(
        "with actions as ("
        "  select ac.*, a.name as area, a.municipality_code, p.name as place"
        "  from action ac"
        "  left join place p on p.id = ac.place_id"
        "  left join area a on a.id = coalesce(ac.area_id, p.area_id)"
        "), final as ("
        "  select id, title, kind, status, area, place, start_date, end_date, responsible, partners, cost_sek,"
        "         target_categories, target_factors, description, area_id, place_id, radius_m, created_by,"
        "         updated_at"
        "  from actions"
        "  where (? is null or municipality_code = ? or municipality_code is null)"
        "    and (len(?) = 0 or list_contains(?, status))"
        "    and (len(?) = 0 or list_contains(?, kind))"
        "    and (len(?) = 0 or list_contains(?, area_id))"
        "    and (? is null or end_date is null or end_date >= ?)"
        "    and (? is null or start_date is null or start_date <= ?)"
        ")"
        " select * from final order by start_date desc nulls first, id desc",
        [
            municipality_code,
            municipality_code,
            list(statuses),
            list(statuses),
            list(kinds),
            list(kinds),
            list(area_ids),
            list(area_ids),
            start,
            start,
            end,
            end,
        ],
    ).df()


def places(con, municipality_code: str | None = None) -> pd.DataFrame:
    """Named places (for choosing an action's place), with their area."""
    return con.execute(
        "select p.id, p.name, p.kind, p.area_id, a.name as area"
        " from place p"
        " join area a on a.id = p.area_id"
        " where p.active"
        "   and (? is null or a.municipality_code = ?)"
        " order by a.name, p.name",
        [municipality_code, municipality_code],
    ).df()


def categories(con) -> list[str]:
    """Incident categories present in the data (what an action can target)."""
    rows = con.execute(
        "select distinct category from incident where category is not null and not is_summary order by 1"
    ).fetchall()
    return [r[0] for r in rows]


def latest_started(con, municipality_code: str | None, day: dt.date) -> int | None:
    """The action that started most recently on or before day (the evaluation's default choice)."""
    row = con.execute(
        "select ac.id"
        " from action ac"
        " left join place p on p.id = ac.place_id"
        " left join area a on a.id = coalesce(ac.area_id, p.area_id)"
        " where ac.start_date <= ?"
        "   and ac.status <> 'avbruten'"
        "   and (? is null or a.municipality_code = ?)"
        " order by ac.start_date desc, ac.id desc"
        " limit 1",
        [day, municipality_code, municipality_code],
    ).fetchone()
    return int(row[0]) if row else None


def years(con) -> list[int]:
    rows = con.execute(
        "select distinct year(start_date) as y from action where start_date is not null order by y desc"
    ).fetchall()
    return [int(r[0]) for r in rows]


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ActionError("actions.error.unknown_field", field=", ".join(sorted(unknown)))
    out = dict(fields)
    for key in ("title", "partners", "responsible", "description", "geometry_wkt"):
        if key in out and isinstance(out[key], str):
            out[key] = out[key].strip() or None
    for key in ("target_factors", "target_categories"):
        if key in out:
            out[key] = [str(v) for v in (out[key] or [])]
    return out


def _validate(action: dict[str, Any]) -> None:
    if not action.get("title"):
        raise ActionError("actions.error.title")
    if action.get("kind") not in ACTION_KINDS:
        raise ActionError("actions.error.kind", kinds=", ".join(ACTION_KINDS))
    if action.get("status") not in ACTION_STATUSES:
        raise ActionError("actions.error.status", statuses=", ".join(ACTION_STATUSES))
    start, end = action.get("start_date"), action.get("end_date")
    if start and end and end < start:
        raise ActionError("actions.error.dates")
    if action.get("status") in ("pågående", "avslutad") and not start:
        raise ActionError("actions.error.start_needed")
    cost = action.get("cost_sek")
    if cost is not None and cost < 0:
        raise ActionError("actions.error.cost")
    radius = action.get("radius_m")
    if radius is not None and radius <= 0:
        raise ActionError("actions.error.radius")
    if not action.get("area_id") and not action.get("place_id") and not action.get("geometry_wkt"):
        raise ActionError("actions.error.where")
    if action.get("geometry_wkt"):
        _check_polygon(action["geometry_wkt"])


def _check_polygon(text: str) -> None:
    from shapely import wkt
    from shapely.errors import ShapelyError

    try:
        geom = wkt.loads(text)
    except (ShapelyError, ValueError, TypeError):
        raise ActionError("actions.error.polygon") from None
    if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty or not geom.is_valid:
        raise ActionError("actions.error.polygon")
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ActionError("actions.error.polygon")


def _check_references(con, action: dict[str, Any]) -> None:
    if (
        action.get("area_id") is not None
        and con.execute("select count(*) from area where id = ?", [action["area_id"]]).fetchone()[0] == 0
    ):
        raise ActionError("actions.error.area")
    if (
        action.get("place_id") is not None
        and con.execute("select count(*) from place where id = ?", [action["place_id"]]).fetchone()[0] == 0
    ):
        raise ActionError("actions.error.place")
    if action.get("place_id") is not None and action.get("area_id") is not None:
        place_area = con.execute("select area_id from place where id = ?", [action["place_id"]]).fetchone()[0]
        if place_area != action["area_id"]:
            raise ActionError("actions.error.place_area")


def create_action(con, username: str | None, **fields: Any) -> int:
    """Insert an action (with an audit row) and return its id."""
    action = {"kind": "annat", "status": "planerad", **_clean(fields)}
    _validate(action)
    _check_references(con, action)
    columns = [c for c in EDITABLE if c in action]
    placeholders = ", ".join("?" for _ in columns)
    with db.transaction(con):
        # Column names come from the fixed EDITABLE list, never from the caller's keys.
        new_id = con.execute(
            f"insert into action ({', '.join(columns)}, created_by, created_at)"  # noqa: S608
            f" values ({placeholders}, ?, ?) returning id",
            [action[c] for c in columns] + [username, dt.datetime.now()],
        ).fetchone()[0]
        audit.record(con, username, "create", "action", new_id, None, {c: action[c] for c in columns})
    return int(new_id)


def update_action(con, username: str | None, action_id: int, **changes: Any) -> dict[str, Any]:
    """Change fields of an action (audited with before and after). Returns the updated action."""
    before = get_action(con, action_id)
    if before is None:
        raise ActionError("actions.error.not_found", id=action_id)
    changes = _clean(changes)
    after = {**before, **changes}
    _validate(after)
    _check_references(con, after)
    changed = [c for c in EDITABLE if c in changes and changes[c] != before.get(c)]
    if not changed:
        return before
    assignments = ", ".join(f"{c} = ?" for c in changed)
    with db.transaction(con):
        con.execute(
            f"update action set {assignments}, updated_at = ? where id = ?",  # noqa: S608
            [changes[c] for c in changed] + [dt.datetime.now(), action_id],
        )
        audit.record(
            con,
            username,
            "update",
            "action",
            action_id,
            {c: before.get(c) for c in changed},
            {c: changes[c] for c in changed},
        )
    return get_action(con, action_id) or after


def close_action(
    con, username: str | None, action_id: int, end_date: dt.date | None = None, status: str = "avslutad"
) -> dict[str, Any]:
    """End an action: status 'avslutad' (or 'avbruten') and an end date (default today, or kept if set)."""
    if status not in ("avslutad", "avbruten"):
        raise ActionError("actions.error.close_status")
    current = get_action(con, action_id)
    if current is None:
        raise ActionError("actions.error.not_found", id=action_id)
    end = end_date or current.get("end_date") or dt.date.today()
    start = current.get("start_date")
    if status == "avslutad" and start is None:
        return update_action(con, username, action_id, status=status, start_date=end, end_date=end)
    return update_action(con, username, action_id, status=status, end_date=end)


def display_table(actions: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """The register as shown and exported: the main columns, lists as text, column names in lang."""
    from est_data import i18n

    columns = [
        "id",
        "title",
        "kind",
        "status",
        "area",
        "place",
        "start_date",
        "end_date",
        "responsible",
        "partners",
        "cost_sek",
        "target_categories",
    ]
    names = {
        "id": "id",
        "title": "title",
        "kind": "kind",
        "status": "status",
        "area": "area",
        "place": "place",
        "start_date": "start",
        "end_date": "end",
        "responsible": "responsible",
        "partners": "partners",
        "cost_sek": "cost",
        "target_categories": "categories",
    }
    table = actions[columns].copy()
    table["target_categories"] = table["target_categories"].map(display.joined)
    for col in ("start_date", "end_date"):
        # ISO text, blank when missing (an object column of dates with None shows "None" in tables)
        table[col] = pd.to_datetime(table[col]).map(lambda d: "" if pd.isna(d) else d.date().isoformat())
    for col in ("area", "place", "responsible", "partners"):
        table[col] = table[col].astype(object).where(table[col].notna(), "")
    return table.rename(columns={c: i18n.t(f"actions.col.{names[c]}", lang) for c in columns})


def polygon_wkt_from_geojson(geometry: dict | None) -> str | None:
    """WKT (EPSG:4326, 6 decimals) of a drawn polygon as the map returns it (a GeoJSON geometry or feature)."""
    if not geometry:
        return None
    from shapely import set_precision
    from shapely.errors import ShapelyError
    from shapely.geometry import shape

    if geometry.get("type") == "Feature":
        geometry = geometry.get("geometry") or {}
    try:
        geom = shape(geometry)
    except (ShapelyError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
        return None
    return set_precision(geom, 1e-6).wkt
