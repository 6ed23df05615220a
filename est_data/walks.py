"""Safety walks (trygghetsvandringar): plan a walk, record its findings, turn findings into proposed
measures and actions, and follow them up about six months later.

A walk belongs to a municipality and has a date, an area and/or a route (a GeoJSON line), the number
of participants and who they were (internal), the partner organisations and internal notes. Its
findings are unsafe places (a point, or none for the whole route), each with a category (codes in
CATEGORIES, shown through i18n), an optional EST factor, a description, an optional photo (internal
only), a proposed measure and the organisation that should act; a finding can become an action in
the action register (est_data.actions, shown in Insatser). Every finding of a walk that was held
comes due for follow-up `walk_followup_months` (a setting, default 6) after the walk; the outcome is
recorded with its status, date and who recorded it. Every write is audited.

Participants, internal notes and photos are personal data: the audit log records that they were set or
changed (AUDIT_MARK), never their content; the retention run (privacy.run_retention) clears them for
walks older than the retention period, `erase_personal` clears one walk's at once, and deleting a
reporter's personal data removes their name from the walks' participants and notes.

A user's mistake raises model.UserError with an i18n key (walks.error.*).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pandas as pd

from est_data import actions, audit, config, db, i18n, privacy, register
from est_data.model import ACTION_KINDS, UserError

CATEGORIES = ("belysning", "vegetation", "skymd_sikt", "nedskrapning", "hang", "annat")
WALK_STATUSES = ("planerad", "genomförd")
FOLLOWUP_STATUSES = ("öppen", "åtgärdad", "delvis", "ej_åtgärdad")
FOLLOWUP_STATES = ("försenad", "förfaller", "senare", "klar")  # the follow-up list's columns of urgency
DUE_SOON_DAYS = 30  # a follow-up is "förfaller" this many days before it is due
# The kind of action a finding suggests by its category (the coordinator can choose another).
ACTION_KIND_BY_CATEGORY = {
    "belysning": "belysning",
    "vegetation": "fysisk åtgärd",
    "skymd_sikt": "fysisk åtgärd",
    "nedskrapning": "städning/sanering",
    "hang": "närvaro",
    "annat": "annat",
}
PHOTO_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000  # decompression bombs are refused before they are decoded
MAX_TEXT = 2000
PERSONAL_FIELDS = ("participants", "notes")  # a walk's personal data (with its findings' photos)
AUDIT_MARK = "[personuppgift]"  # what the audit log holds instead of a personal value that was set

_WALK_FIELDS = (
    "walk_date",
    "area_id",
    "route_geojson",
    "title",
    "participants_count",
    "participants",
    "partners",
    "status",
    "notes",
)
_FINDING_FIELDS = (
    "lat",
    "lon",
    "category",
    "factor_code",
    "place_text",
    "description",
    "proposed_measure",
    "responsible",
)


# --- cleaning and validation -------------------------------------------------------------------
def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise UserError("walks.error.too_long", n=MAX_TEXT)
    return text or None


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise UserError("walks.error.date") from None


def _count(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise UserError("walks.error.participants") from None
    if number < 0 or number > 10_000:
        raise UserError("walks.error.participants")
    return number


def route_geojson(value: object) -> str | None:
    """A route as compact GeoJSON (a LineString or MultiLineString in WGS 84), from GeoJSON text or a
    drawn feature; None when empty. Checked with shapely, the same library the area import uses."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    from shapely.errors import ShapelyError
    from shapely.geometry import mapping, shape

    try:
        geometry = json.loads(value) if isinstance(value, str) else value
        if isinstance(geometry, dict) and geometry.get("type") == "Feature":
            geometry = geometry.get("geometry") or {}
        geom = shape(geometry)
    except (ValueError, TypeError, KeyError, AttributeError, ShapelyError):
        raise UserError("walks.error.route") from None
    if geom.geom_type not in ("LineString", "MultiLineString") or geom.is_empty:
        raise UserError("walks.error.route")
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise UserError("walks.error.route")
    return json.dumps(mapping(geom), separators=(",", ":"))


def _check_area(con, municipality_code: str, area_id: int | None) -> int | None:
    if area_id is None:
        return None
    row = con.execute("select municipality_code from area where id = ?", [int(area_id)]).fetchone()
    if row is None or row[0] != municipality_code:
        raise UserError("walks.error.area")
    return int(area_id)


def _clean_walk(con, municipality_code: str, values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "walk_date":
            out[key] = _date(value)
        elif key == "area_id":
            out[key] = _check_area(con, municipality_code, value)
        elif key == "route_geojson":
            out[key] = route_geojson(value)
        elif key == "participants_count":
            out[key] = _count(value)
        elif key == "status":
            if value not in WALK_STATUSES:
                raise UserError("walks.error.status")
            out[key] = value
        else:
            out[key] = _text(value)
    return out


def _check_held(walk: dict[str, Any]) -> None:
    """A walk that was held (genomförd) cannot lie in the future."""
    if walk.get("status") == "genomförd" and walk.get("walk_date") and walk["walk_date"] > dt.date.today():
        raise UserError("walks.error.held_future")


def _audited(values: dict[str, Any]) -> dict[str, Any]:
    """A walk's values as the audit log keeps them: participants and notes only as AUDIT_MARK (that
    they were set or changed), never their text."""
    return {k: (AUDIT_MARK if k in PERSONAL_FIELDS and v is not None else v) for k, v in values.items()}


def _check_fields(fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise UserError("walks.error.unknown_field", field=", ".join(sorted(unknown)))


def _save_changes(
    con, by: str | None, table: str, row_id: int, before: dict, changed: dict[str, Any]
) -> None:
    """Write a walk's or a finding's changed columns (table: 'walk' or 'walk_finding') with their audit
    row, personal text masked (_audited)."""
    with db.transaction(con):
        db.update_row(con, table, "id", row_id, {**changed, "updated_at": dt.datetime.now()})
        audit.record(
            con, by, "update", table, row_id, _audited({k: before.get(k) for k in changed}), _audited(changed)
        )


# --- walks -------------------------------------------------------------------------------------
def followup_months(con) -> int:
    """Months from the walk to the follow-up of its findings (setting walk_followup_months, default 6)."""
    try:
        months = int(config.get_setting(con, "walk_followup_months"))
    except ValueError:
        return 6
    return months if 1 <= months <= 36 else 6


def set_followup_months(con, by: str | None, months: object) -> None:
    """Save walk_followup_months (1-36), audited."""
    try:
        value = int(str(months).strip())
    except ValueError:
        raise UserError("walks.error.months") from None
    if not 1 <= value <= 36:
        raise UserError("walks.error.months")
    before = followup_months(con)
    if value == before:
        return
    with db.transaction(con):
        config.set_setting(con, "walk_followup_months", str(value))
        audit.record(
            con, by, "update", "setting", "walk_followup_months", {"value": before}, {"value": value}
        )


def due_date(walk_date: dt.date, months: int) -> dt.date:
    """walk_date plus months, on the last day of the month when that day does not exist (31 Aug + 6 = 28 Feb)."""
    # pandas' DateOffset does the calendar arithmetic (month ends included), so it is not hand-written here.
    return (pd.Timestamp(walk_date) + pd.DateOffset(months=months)).date()


def get_walk(con, walk_id: int) -> dict[str, Any] | None:
    cur = con.execute(
        "select w.*, a.name as area from walk w left join area a on a.id = w.area_id where w.id = ?",
        [walk_id],
    )
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def _walk_row(con, walk_id: int) -> dict[str, Any]:
    walk = get_walk(con, walk_id)
    if walk is None:
        raise UserError("walks.error.not_found", id=walk_id)
    return walk


def create_walk(con, by: str | None, municipality_code: str, walk_date: object, **fields: Any) -> int:
    """Plan (or record) a walk; it needs a date and an area or a route. Returns its id."""
    _check_fields(fields, _WALK_FIELDS)
    values = {"status": "planerad", **_clean_walk(con, municipality_code, {"walk_date": walk_date, **fields})}
    if values.get("area_id") is None and values.get("route_geojson") is None:
        raise UserError("walks.error.where")
    _check_held(values)
    columns = list(values)
    with db.transaction(con):
        # Column names come from the fixed _WALK_FIELDS list (checked above), never from free input.
        new_id = con.execute(
            f"insert into walk (municipality_code, {', '.join(columns)}, created_at, created_by)"  # noqa: S608
            f" values (?, {', '.join('?' for _ in columns)}, ?, ?) returning id",
            [municipality_code, *values.values(), dt.datetime.now(), by],
        ).fetchone()[0]
        audit.record(
            con,
            by,
            "create",
            "walk",
            new_id,
            None,
            _audited({"municipality_code": municipality_code, **values}),
        )
    return int(new_id)


def update_walk(con, by: str | None, walk_id: int, **changes: Any) -> bool:
    """Change a walk (e.g. mark it held: status 'genomförd'). Returns whether anything changed."""
    _check_fields(changes, _WALK_FIELDS)
    before = _walk_row(con, walk_id)
    values = _clean_walk(con, before["municipality_code"], changes)
    after = {**before, **values}
    if after.get("area_id") is None and after.get("route_geojson") is None:
        raise UserError("walks.error.where")
    _check_held(after)
    changed = {k: v for k, v in values.items() if v != before.get(k)}
    if not changed:
        return False
    _save_changes(con, by, "walk", walk_id, before, changed)
    return True


def personal_data(con, walk_id: int) -> dict[str, int]:
    """What personal data a walk holds: whether it has participants and notes, and its photos' count."""
    row = con.execute(
        "select (participants is not null)::int, (notes is not null)::int,"
        "       (select count(*) from walk_finding f where f.walk_id = w.id and f.photo is not null)"
        " from walk w where w.id = ?",
        [walk_id],
    ).fetchone()
    if row is None:
        raise UserError("walks.error.not_found", id=walk_id)
    return {"participants": int(row[0]), "notes": int(row[1]), "photos": int(row[2])}


def erase_personal(con, by: str | None, walk_id: int) -> dict[str, int]:
    """Delete a walk's personal data now: its participants, internal notes and its findings' photos
    (the count of participants, the partners and the findings stay). Their texts are scrubbed from the
    audit log too; run privacy.erase_from_file afterwards, outside this transaction, so that nothing
    is left in the database file. Returns what was deleted."""
    held = personal_data(con, walk_id)
    with db.transaction(con):
        texts = [
            t
            for row in con.execute("select participants, notes from walk where id = ?", [walk_id]).fetchall()
            for t in row
            if t
        ]
        con.execute(
            "update walk set participants = null, notes = null, updated_at = ? where id = ?",
            [dt.datetime.now(), walk_id],
        )
        con.execute(
            "update walk_finding set photo = null, photo_type = null, updated_at = ?"
            " where walk_id = ? and photo is not null",
            [dt.datetime.now(), walk_id],
        )
        privacy.scrub_audit(con, texts)
        audit.record(con, by, "delete_personal_data", "walk", walk_id, after=held)
    return held


def walks_with_personal_data(con, municipality_code: str) -> pd.DataFrame:
    """The walks that hold participants, notes or photos (for the erasure on Administration)."""
    return con.execute(
        "with photos as ("
        "  select walk_id, count(*) as photos from walk_finding where photo is not null group by walk_id"
        ")"
        " select w.id, w.walk_date, w.title, a.name as area, w.participants is not null as has_participants,"
        "        w.notes is not null as has_notes, coalesce(p.photos, 0) as photos"
        " from walk w"
        " left join area a on a.id = w.area_id"
        " left join photos p on p.walk_id = w.id"
        " where w.municipality_code = ?"
        "   and (w.participants is not null or w.notes is not null or p.photos is not null)"
        " order by w.walk_date desc, w.id desc",
        [municipality_code],
    ).df()


def list_walks(
    con, municipality_code: str, start: dt.date | None = None, end: dt.date | None = None
) -> pd.DataFrame:
    """The municipality's walks (newest first) with their area and counts of findings and actions."""
    return con.execute(
        "with counts as ("
        "  select walk_id, count(*) as findings, count(action_id) as actions,"
        "         count(proposed_measure) as measures"
        "  from walk_finding"
        "  group by walk_id"
        "), final as ("
        "  select w.id, w.walk_date, w.title, a.name as area, w.area_id, w.status, w.participants_count,"
        "         w.partners, coalesce(c.findings, 0) as findings, coalesce(c.measures, 0) as measures,"
        "         coalesce(c.actions, 0) as actions, w.route_geojson is not null as has_route"
        "  from walk w"
        "  left join area a on a.id = w.area_id"
        "  left join counts c on c.walk_id = w.id"
        "  where w.municipality_code = ?"
        "    and (? is null or w.walk_date >= ?)"
        "    and (? is null or w.walk_date <= ?)"
        ")"
        " select * from final order by walk_date desc, id desc",
        [municipality_code, start, start, end, end],
    ).df()


# --- findings ----------------------------------------------------------------------------------
def check_photo(data: bytes | None) -> tuple[bytes, str] | None:
    """The photo and its MIME type if it is a JPEG or PNG within the limits; UserError otherwise."""
    if not data:
        return None
    if len(data) > MAX_PHOTO_BYTES:
        raise UserError("walks.error.photo_size", mb=MAX_PHOTO_BYTES // (1024 * 1024))
    from PIL import Image, UnidentifiedImageError  # Pillow (matplotlib's dependency) reads the header

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UserError("walks.error.photo_type") from None
    if kind not in PHOTO_TYPES:
        raise UserError("walks.error.photo_type")
    if width * height > MAX_PHOTO_PIXELS:
        raise UserError("walks.error.photo_size", mb=MAX_PHOTO_BYTES // (1024 * 1024))
    return data, PHOTO_TYPES[kind]


def _position(lat: object, lon: object) -> tuple[float | None, float | None]:
    blank = [v is None or (isinstance(v, str) and not v.strip()) for v in (lat, lon)]
    if all(blank):
        return None, None  # a finding for the whole route or area
    if any(blank):
        raise UserError("walks.error.position")
    try:
        return register._coordinates(lat, lon)  # the Register page's reading of typed coordinates
    except UserError:
        raise UserError("walks.error.position") from None


def _clean_finding(con, values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "lat" in values or "lon" in values:
        out["lat"], out["lon"] = _position(values.get("lat"), values.get("lon"))
    for key, value in values.items():
        if key in ("lat", "lon"):
            continue
        if key == "category":
            if value not in CATEGORIES:
                raise UserError("walks.error.category")
            out[key] = value
        elif key == "factor_code":
            code = _text(value)
            if code is not None and (
                con.execute("select count(*) from factor where code = ?", [code]).fetchone()[0] == 0
            ):
                raise UserError("walks.error.factor")
            out[key] = code
        else:
            out[key] = _text(value)
    return out


def add_finding(
    con, by: str | None, walk_id: int, category: str, photo: bytes | None = None, **fields: Any
) -> int:
    """Record a finding of a walk (position optional: none means the whole route). Returns its id."""
    _check_fields(fields, _FINDING_FIELDS)
    _walk_row(con, walk_id)
    values = _clean_finding(con, {"category": category, **fields})
    if not values.get("description") and not values.get("place_text"):
        raise UserError("walks.error.what")
    checked = check_photo(photo)
    row = {**values, "photo": checked[0] if checked else None, "photo_type": checked[1] if checked else None}
    with db.transaction(con):
        # Column names come from the fixed _FINDING_FIELDS list (checked above) and the photo's two.
        new_id = con.execute(
            f"insert into walk_finding (walk_id, {', '.join(row)}, created_at, created_by)"  # noqa: S608
            f" values (?, {', '.join('?' for _ in row)}, ?, ?) returning id",
            [walk_id, *row.values(), dt.datetime.now(), by],
        ).fetchone()[0]
        logged = {**values, "walk_id": walk_id, "photo_bytes": len(checked[0]) if checked else 0}
        audit.record(con, by, "create", "walk_finding", new_id, None, logged)
    return int(new_id)


def get_finding(con, finding_id: int) -> dict[str, Any] | None:
    cur = con.execute(
        "select f.* exclude (photo), f.photo is not null as has_photo, w.walk_date, w.area_id,"
        "       w.municipality_code, w.status as walk_status"
        " from walk_finding f join walk w on w.id = f.walk_id where f.id = ?",
        [finding_id],
    )
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def _finding_row(con, finding_id: int) -> dict[str, Any]:
    finding = get_finding(con, finding_id)
    if finding is None:
        raise UserError("walks.error.finding_not_found", id=finding_id)
    return finding


def update_finding(con, by: str | None, finding_id: int, **changes: Any) -> bool:
    """Change a finding's fields (its proposed measure, responsible organisation …). Returns whether it changed."""
    _check_fields(changes, _FINDING_FIELDS)
    before = _finding_row(con, finding_id)
    values = _clean_finding(con, changes)
    after = {**before, **values}
    if not after.get("description") and not after.get("place_text"):
        raise UserError("walks.error.what")
    changed = {k: v for k, v in values.items() if v != before.get(k)}
    if not changed:
        return False
    _save_changes(con, by, "walk_finding", finding_id, before, changed)
    return True


def findings(con, walk_id: int) -> pd.DataFrame:
    """A walk's findings (without the photo itself), in the order recorded."""
    return con.execute(
        "select f.id, f.category, f.factor_code, f.place_text, f.description, f.lat, f.lon,"
        "       f.proposed_measure, f.responsible, f.action_id, ac.status as action_status,"
        "       f.followup_status, f.followup_outcome, f.followup_done, f.photo is not null as has_photo"
        " from walk_finding f"
        " left join action ac on ac.id = f.action_id"
        " where f.walk_id = ?"
        " order by f.id",
        [walk_id],
    ).df()


def finding_photo(con, finding_id: int) -> tuple[bytes, str] | None:
    row = con.execute("select photo, photo_type from walk_finding where id = ?", [finding_id]).fetchone()
    if row is None or row[0] is None:
        return None
    return bytes(row[0]), str(row[1])


def finding_to_action(
    con,
    by: str | None,
    finding_id: int,
    title: str | None = None,
    kind: str | None = None,
    start_date: dt.date | None = None,
    responsible: str | None = None,
) -> int:
    """Turn a finding's proposed measure into an action in the action register (Insatser) and link
    them. The action is at the finding's area (the walk's area, else the area its point lies in).
    Returns the action id."""
    finding = _finding_row(con, finding_id)
    if finding["action_id"] is not None:
        raise UserError("walks.error.already_action", action=finding["action_id"])
    if not finding.get("proposed_measure"):
        raise UserError("walks.error.no_measure")
    kind = kind or ACTION_KIND_BY_CATEGORY.get(finding["category"], "annat")
    if kind not in ACTION_KINDS:
        raise UserError("walks.error.kind", kinds=", ".join(ACTION_KINDS))
    area_id = finding["area_id"]
    if area_id is None and finding["lat"] is not None:
        area_id = register.area_at(con, finding["municipality_code"], finding["lat"], finding["lon"])
    if area_id is None:
        raise UserError("walks.error.action_area")
    description = " — ".join(str(v) for v in (finding.get("place_text"), finding.get("description")) if v)
    try:
        # The action register's own validation and audit; the link is a second, small transaction
        # (DuckDB has no nested transactions and actions.create_action opens its own).
        action_id = actions.create_action(
            con,
            by,
            title=_text(title) or finding["proposed_measure"][:120],
            kind=kind,
            area_id=int(area_id),
            responsible=_text(responsible) or finding.get("responsible"),
            start_date=start_date,
            status="planerad",
            description=i18n.t(
                "walks.action_description", "sv", text=description, date=finding["walk_date"], id=finding_id
            ),
            target_factors=[finding["factor_code"]] if finding.get("factor_code") else [],
        )
    except actions.ActionError as err:
        raise UserError(err.key, **err.kwargs) from None
    with db.transaction(con):
        con.execute(
            "update walk_finding set action_id = ?, updated_at = ? where id = ?",
            [action_id, dt.datetime.now(), finding_id],
        )
        audit.record(
            con, by, "update", "walk_finding", finding_id, {"action_id": None}, {"action_id": action_id}
        )
    return action_id


def record_followup(
    con,
    by: str | None,
    finding_id: int,
    status: str,
    outcome: str | None,
    done_date: dt.date | None = None,
) -> bool:
    """Record a finding's follow-up: status (åtgärdad, delvis, ej_åtgärdad; öppen reopens it), the
    outcome in words and the date. Returns whether anything changed."""
    if status not in FOLLOWUP_STATUSES:
        raise UserError("walks.error.followup_status")
    before = _finding_row(con, finding_id)
    outcome = _text(outcome)
    if status != "öppen" and not outcome:
        raise UserError("walks.error.outcome")
    done = None if status == "öppen" else _date(done_date or dt.date.today())
    if done is not None and done < before["walk_date"]:
        raise UserError("walks.error.done_before_walk")
    values = {
        "followup_status": status,
        "followup_outcome": outcome,
        "followup_done": done,
        "followup_by": None if status == "öppen" else by,
    }
    changed = {k: v for k, v in values.items() if v != before.get(k)}
    if not changed:
        return False
    _save_changes(con, by, "walk_finding", finding_id, before, changed)
    return True


# --- follow-up, map and reports ----------------------------------------------------------------
def _all_findings(con, municipality_code: str) -> pd.DataFrame:
    return con.execute(
        "select f.id, f.walk_id, w.walk_date, w.title as walk_title, w.status as walk_status, a.name as area,"
        "       w.area_id, f.category, f.factor_code, f.place_text, f.description, f.lat, f.lon,"
        "       f.proposed_measure, f.responsible, f.action_id, ac.status as action_status,"
        "       f.followup_status, f.followup_outcome, f.followup_done, f.followup_by"
        " from walk_finding f"
        " join walk w on w.id = f.walk_id"
        " left join area a on a.id = w.area_id"
        " left join action ac on ac.id = f.action_id"
        " where w.municipality_code = ?"
        " order by w.walk_date, f.id",
        [municipality_code],
    ).df()


def followup_list(con, municipality_code: str, today: dt.date | None = None) -> pd.DataFrame:
    """Findings of held walks with their follow-up date and state: försenad (past due, not followed up),
    förfaller (due within DUE_SOON_DAYS), senare (later) or klar (outcome recorded); most urgent first."""
    today = today or dt.date.today()
    frame = _all_findings(con, municipality_code)
    frame = frame[frame["walk_status"] == "genomförd"].copy()
    months = followup_months(con)
    frame["due"] = [due_date(d, months) for d in pd.to_datetime(frame["walk_date"]).dt.date]

    def state(row) -> str:
        if row.followup_status != "öppen":
            return "klar"
        if row.due < today:
            return "försenad"
        if (row.due - today).days <= DUE_SOON_DAYS:
            return "förfaller"
        return "senare"

    frame["state"] = [state(r) for r in frame.itertuples()] if not frame.empty else []
    order = {s: i for i, s in enumerate(FOLLOWUP_STATES)}
    frame["order"] = frame["state"].map(order)
    return frame.sort_values(["order", "due", "id"]).drop(columns="order").reset_index(drop=True)


def map_findings(
    con,
    municipality_code: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    area_ids: tuple[int, ...] = (),
) -> pd.DataFrame:
    """Positioned findings of walks in the period (area filter on the walk's area), for Karta: no
    participants, notes or photos."""
    frame = _all_findings(con, municipality_code)
    dates = pd.to_datetime(frame["walk_date"])
    keep = frame["lat"].notna() & frame["lon"].notna()
    if start is not None:
        keep &= dates >= pd.Timestamp(start)
    if end is not None:
        keep &= dates <= pd.Timestamp(end)
    if area_ids:
        keep &= frame["area_id"].isin(area_ids)
    columns = ["id", "walk_date", "area", "category", "place_text", "description", "proposed_measure",
               "action_id", "followup_status", "lat", "lon"]  # fmt: skip
    return frame.loc[keep, columns].reset_index(drop=True)


def period_summary(
    con, municipality_code: str, start: dt.date, end: dt.date, today: dt.date | None = None
) -> dict:
    """What the quarterly and annual reports say about walks: walks held in the period, their findings
    by category, measures proposed and turned into actions, and follow-ups due and done in the period."""
    frame = _all_findings(con, municipality_code)
    walks = list_walks(con, municipality_code, start, end)
    held = walks[walks["status"] == "genomförd"]
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    dates = pd.to_datetime(frame["walk_date"])
    in_period = frame[(dates >= first) & (dates <= last) & (frame["walk_status"] == "genomförd")]
    follow = followup_list(con, municipality_code, today or min(end, dt.date.today()))
    due_in = follow[[start <= d <= end for d in follow["due"]]] if not follow.empty else follow
    done_dates = pd.to_datetime(frame["followup_done"])
    done_in = frame[done_dates.notna() & (done_dates >= first) & (done_dates <= last)]
    return {
        "walks": held,
        "planned": walks[walks["status"] == "planerad"],
        "findings": len(in_period),
        "by_category": in_period["category"].value_counts().reindex(list(CATEGORIES), fill_value=0),
        "measures": int(in_period["proposed_measure"].notna().sum()),
        "actions": int(in_period["action_id"].notna().sum()),
        "due": len(due_in),
        "due_open": int((due_in["state"] != "klar").sum()) if not due_in.empty else 0,
        "done": len(done_in),
        "done_outcomes": done_in["followup_status"].value_counts().to_dict(),
        "overdue": int((follow["state"] == "försenad").sum()) if not follow.empty else 0,
    }
