"""Import of the reporter list (rapportörer): who answers the weekly survey, and for which areas.

A CSV (UTF-8 with or without BOM, Windows-1252; `;`, `,` or tab, as Swedish Excel saves it) or
.xlsx, read by `common.read_table` like the survey import, one row per reporter::

    namn;e-post;organisation;typ av organisation;områden
    Anna Andersson;anna.andersson@kommun.se;Västra skolan;skola;Centrum, Hamnen

- namn and e-post are required; the e-mail address identifies the reporter, so importing the list
  again updates the reporters already there (name, organisation, kind, areas) and adds the new ones:
  importing the same file twice changes nothing;
- organisation and typ av organisation (skola, socialtjänst, fastighet, bostadsbolag, trygghetsvärd …)
  are optional;
- områden: the names of the areas the reporter covers, separated by `,`, `;` or `|` (case and spacing
  do not matter); an empty cell leaves a known reporter's areas as they are.
English headers (name, email, organisation, org_kind / kind of organisation, areas) work as well.

A row with a missing name, a bad or repeated e-mail address or an area the municipality does not
have is rejected with its line number and reason; the others load in one transaction with an
`import_batch` row (with `strict=True`, any rejected row refuses the whole file). With
`mode="replace"` reporters who are not in the file are made inactive (never deleted: their past
answers keep their reporter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from est_data import audit, config, register
from est_data.auth import UserError
from est_data.db import transaction
from est_data.i18n import t
from est_data.ingest.common import (
    ImportFileError,
    ImportReport,
    Rejected,
    read_bytes,
    read_table,
    record_batch,
    sha256,
)

SOURCE = "reporters"
CLI_HELP = "rapportörslista (namn, e-post, organisation, typ av organisation, områden) som CSV eller .xlsx"
MODES = ("add", "replace")

ALIASES: dict[str, list[str]] = {
    "name": ["namn", "name", "rapportör", "rapportor", "reporter", "för- och efternamn", "fullständigt namn"],
    "email": ["e-post", "epost", "e-postadress", "epostadress", "email", "e-mail", "mejl", "mail"],
    "organisation": ["organisation", "organization", "arbetsplats", "verksamhet", "förvaltning", "företag"],
    "org_kind": [
        "typ av organisation",
        "organisationstyp",
        "org_kind",
        "kind of organisation",
        "kind of organization",
        "organisation type",
        "organization type",
        "typ",
        "kind",
        "kategori",
    ],
    "areas": ["områden", "område", "omraden", "omrade", "areas", "area", "bevakningsområden"],
}
_AREA_SEPARATORS = re.compile(r"[;,|\n]")


@dataclass
class Row:
    line: int
    name: str
    email: str
    organisation: str | None
    org_kind: str | None
    area_ids: list[int] | None  # None: the cell was empty
    raw: str


def _columns(headers: list[str]) -> dict[str, str]:
    lowered = {h.casefold().strip(): h for h in headers}
    found = {}
    for field, names in ALIASES.items():
        for name in names:
            if name in lowered:
                found[field] = lowered[name]
                break
    missing = [f for f in ("name", "email") if f not in found]
    if missing:
        raise ImportFileError(
            f"kolumn saknas: {' och '.join({'name': 'namn', 'email': 'e-post'}[f] for f in missing)}"
            f" (kolumner i filen: {', '.join(headers) or 'inga'})"
            f" / missing column: {' and '.join(missing)}"
        )
    return found


def _optional(record: dict, cols: dict[str, str], field: str) -> str | None:
    return (str(record[cols[field]]).strip() or None) if field in cols else None


def _area_lookup(con, code: str) -> tuple[dict[str, int], set[str]]:
    """Folded area name -> id of the municipality's active areas; folded names of its inactive ones."""
    active: dict[str, int] = {}
    inactive: set[str] = set()
    for area_id, name, is_active in con.execute(
        "select id, name, active from area where municipality_code = ? order by id", [code]
    ).fetchall():
        if is_active:
            active[register.fold_name(name)] = int(area_id)
        else:
            inactive.add(register.fold_name(name))
    return active, inactive


def parse(
    con, data: bytes | str, file_name: str | None, municipality_code: str | None = None
) -> tuple[list[Row], ImportReport, str]:
    raw, name = read_bytes(data, file_name)
    table = read_table(raw)
    headers = [c for c in table.columns if c != "_line"]
    cols = _columns(headers)
    code = str(municipality_code or config.get_setting(con, "municipality_code"))
    active, inactive = _area_lookup(con, code)
    report = ImportReport(SOURCE, name, rows_read=len(table))
    if not active:
        report.messages.append(
            "kommunen har inga områden ännu: importera områdeslagret först"
            " / the municipality has no areas yet: import the area layer first"
        )
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for record in table.to_dict("records"):
        line = int(record["_line"])
        raw_text = ";".join(str(record[h]) for h in headers)
        person = str(record[cols["name"]]).strip()
        if not person:
            report.rejected.append(Rejected(line, "namn saknas", raw_text))
            continue
        try:
            email = register.clean_email(record[cols["email"]])
        except UserError as err:
            report.rejected.append(Rejected(line, t(err.key, "sv", **err.kwargs), raw_text))
            continue
        if email is None:
            report.rejected.append(Rejected(line, "e-postadress saknas", raw_text))
            continue
        if (first := seen.get(email.casefold())) is not None:
            report.rejected.append(
                Rejected(line, f"e-postadressen {email} finns redan på rad {first}", raw_text)
            )
            continue
        cell = str(record[cols["areas"]]) if "areas" in cols else ""
        names = [n.strip() for n in _AREA_SEPARATORS.split(cell) if n.strip()]
        unknown = [
            n for n in names if register.fold_name(n) not in active and register.fold_name(n) not in inactive
        ]
        gone = [n for n in names if register.fold_name(n) in inactive and register.fold_name(n) not in active]
        if unknown or gone:
            reasons = []
            if unknown:
                reasons.append("okänt område: " + ", ".join(unknown))
            if gone:
                reasons.append("inaktivt område: " + ", ".join(gone))
            report.rejected.append(Rejected(line, "; ".join(reasons), raw_text))
            continue
        seen[email.casefold()] = line
        rows.append(
            Row(
                line,
                person[: register.MAX_NAME],
                email,
                _optional(record, cols, "organisation"),
                _optional(record, cols, "org_kind"),
                sorted({active[register.fold_name(n)] for n in names}) if names else None,
                raw_text,
            )
        )
    return rows, report, sha256(raw)


def _existing(con) -> dict[str, dict]:
    """Folded e-mail -> the reporter's record (with area_ids)."""
    out = {}
    for (reporter_id,) in con.execute("select id from reporter where email is not null").fetchall():
        record = register.reporter_record(con, int(reporter_id))
        out[record["email"].casefold()] = record
    return out


def _plan(
    con, rows: list[Row], report: ImportReport, mode: str
) -> tuple[list[Row], list[tuple[dict, dict]], list]:
    """(new rows, [(before, changes)] for known reporters, records to deactivate); counts in the report."""
    existing = _existing(con)
    new: list[Row] = []
    updates: list[tuple[dict, dict]] = []
    for row in rows:
        before = existing.get(row.email.casefold())
        if before is None:
            new.append(row)
            continue
        wanted = {
            "name": row.name,
            "email": row.email,
            "organisation": row.organisation,
            "org_kind": row.org_kind,
            "active": True,
        }
        changes = {k: v for k, v in wanted.items() if before[k] != v}
        if row.area_ids is not None and row.area_ids != before["area_ids"]:
            changes["area_ids"] = row.area_ids
        if changes:
            updates.append((before, changes))
        else:
            report.rows_unchanged += 1
    listed = {r.email.casefold() for r in rows}
    retire = [r for e, r in existing.items() if mode == "replace" and r["active"] and e not in listed]
    report.rows_updated = len(updates)
    report.rows_loaded = len(new) + len(updates)
    if retire:
        report.messages.append(f"rapportörer som blir inaktiva: {len(retire)}")
    return new, updates, retire


def _options(options: dict) -> tuple[str, str | None]:
    mode = str(options.get("mode") or "add")
    if mode not in MODES:
        raise ImportFileError(f"okänt läge {mode!r}: add eller replace / unknown mode")
    return mode, options.get("municipality_code")


def preview(con, data: bytes | str, file_name: str | None = None, **options: object) -> ImportReport:
    """Validate only: what an import would add, change and reject (nothing is written)."""
    mode, code = _options(options)
    rows, report, _ = parse(con, data, file_name, code)
    _plan(con, rows, report, mode)
    return report


def load(con, data: bytes | str, file_name: str | None = None, **options: object) -> ImportReport:
    """Add new reporters and update known ones (by e-mail) in one transaction with an import_batch row."""
    mode, code = _options(options)
    rows, report, digest = parse(con, data, file_name, code)
    if options.get("strict") and report.rejected:
        raise ImportFileError(
            f"{report.rows_rejected} rader har fel; inget lästes in (--strict)"
            f" / {report.rows_rejected} rows have errors; nothing loaded"
        )
    if not rows and report.rejected:
        raise ImportFileError(
            f"ingen rad kunde läsas in; första felet: rad {report.rejected[0].line}:"
            f" {report.rejected[0].reason} / no row could be loaded"
        )
    by = str(options.get("by") or "import")
    new, updates, retire = _plan(con, rows, report, mode)
    with transaction(con):
        batch_id = record_batch(con, report, digest)
        for row in new:
            reporter_id = int(
                con.execute(
                    "insert into reporter (name, email, organisation, org_kind, active) values (?, ?, ?, ?, true)"
                    " returning id",
                    [row.name, row.email, row.organisation, row.org_kind],
                ).fetchone()[0]
            )
            if row.area_ids:
                con.executemany(
                    "insert into reporter_area (reporter_id, area_id) values (?, ?)",
                    [[reporter_id, a] for a in row.area_ids],
                )
            audit.record(
                con,
                by,
                "import",
                "reporter",
                reporter_id,
                after={
                    "name": row.name,
                    "email": row.email,
                    "organisation": row.organisation,
                    "org_kind": row.org_kind,
                    "area_ids": row.area_ids or [],
                    "import_batch_id": batch_id,
                },
            )
        for before, changes in updates:
            _apply(con, before, changes, by, batch_id)
        for record in retire:
            _apply(con, record, {"active": False}, by, batch_id)
    return report


def _apply(con, before: dict, changes: dict, by: str, batch_id: int) -> None:
    """Change a known reporter inside the import's transaction (its checks were made by parse)."""
    for column in ("name", "email", "organisation", "org_kind", "active"):
        if column in changes:
            # Column names are the fixed tuple above, never user input.
            con.execute(
                f"update reporter set {column} = ? where id = ?",  # noqa: S608
                [changes[column], before["id"]],
            )
    if "area_ids" in changes:
        con.execute("delete from reporter_area where reporter_id = ?", [before["id"]])
        if changes["area_ids"]:
            con.executemany(
                "insert into reporter_area (reporter_id, area_id) values (?, ?)",
                [[before["id"], a] for a in changes["area_ids"]],
            )
    audit.record(
        con,
        by,
        "import",
        "reporter",
        before["id"],
        before={k: before[k] for k in changes},
        after={**changes, "import_batch_id": batch_id},
    )


def add_arguments(parser) -> None:
    parser.add_argument(
        "--lage",
        dest="mode",
        choices=MODES,
        default="add",
        help="add: lägg till och uppdatera (standard); replace: rapportörer som inte finns i filen "
        "blir inaktiva",
    )
    parser.add_argument(
        "--kommun", dest="municipality_code", help="kommunkod (4 siffror); standard: inställningen"
    )
