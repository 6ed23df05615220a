"""The register from the command line (issue 13): reporters, factors, areas and places.

    python -m est_data reporters import FILE [--lage add|replace] [--strict]
    python -m est_data reporters add NAME [--email E] [--organisation O] [--typ T] [--areas "A, B"]
    python -m est_data reporters list [--all]
    python -m est_data reporters edit ID|E-POST [--name ..] [--email ..] [--organisation ..] [--typ ..]
                                      [--areas ..] [--inactive | --active]
    python -m est_data factors list | add LABEL [--en ..] [--description ..] [--code ..]
                                    | edit CODE [--label ..] [--en ..] [--description ..] [--order N]
                                                [--inactive | --active]
    python -m est_data areas list | edit ID|NAME [--name ..] [--typ ..] [--population N] [--inactive | --active]
    python -m est_data places list | add NAME --lat LAT --lon LON [--typ ..] [--area ID|NAME]

A user's mistake ends with a one-line Swedish / English message and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from est_data import config, i18n, register
from est_data.auth import UserError
from est_data.ingest import reporters as reporter_import

BY = "cli"


def _error(err: UserError) -> Exception:
    from est_data.cli.common import CliError

    return CliError(f"{i18n.t(err.key, 'sv', **err.kwargs)} / {i18n.t(err.key, 'en', **err.kwargs)}")


def _fail(sv: str, en: str) -> Exception:
    from est_data.cli.common import CliError

    return CliError(f"{sv} / {en}")


def _code(con) -> str:
    return config.get_setting(con, "municipality_code")


def _area_ids(con, text: str | None) -> list[int] | None:
    """'Centrum, Hamnen' -> area ids of the municipality (any case); None when not given."""
    if text is None:
        return None
    lookup = {
        register.fold_name(n): int(i)
        for i, n in con.execute(
            "select id, name from area where municipality_code = ? and active", [_code(con)]
        ).fetchall()
    }
    names = [n.strip() for n in reporter_import._AREA_SEPARATORS.split(text) if n.strip()]
    unknown = [n for n in names if register.fold_name(n) not in lookup]
    if unknown:
        raise _fail(f"okänt område: {', '.join(unknown)}", f"unknown area: {', '.join(unknown)}")
    return sorted({lookup[register.fold_name(n)] for n in names})


def _active(args) -> dict:
    if args.inactive:
        return {"active": False}
    if args.active:
        return {"active": True}
    return {}


def _changes(args, mapping: dict[str, str]) -> dict:
    return {field: getattr(args, dest) for dest, field in mapping.items() if getattr(args, dest) is not None}


def _table(rows: list[tuple], headers: tuple[str, ...]) -> None:
    """A plain text table: columns as wide as their longest cell."""
    cells = [
        headers,
        *[
            tuple("" if v is None or (not isinstance(v, list | tuple) and pd.isna(v)) else str(v) for v in r)
            for r in rows
        ],
    ]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


# ------------------------------------------------------------------------------------------ reporters


def _reporter_id(con, ref: str) -> int:
    if ref.isdigit():
        return int(ref)
    row = con.execute("select id from reporter where lower(email) = lower(?)", [ref.strip()]).fetchone()
    if row is None:
        raise _fail(f"ingen rapportör med id eller e-post {ref}", f"no reporter with id or e-mail {ref}")
    return int(row[0])


def cmd_reporters_import(con, args) -> int:
    from est_data.cli.imports import MAX_LISTED
    from est_data.ingest.common import ImportFileError

    path = Path(args.file)
    if not path.is_file():
        raise _fail(f"filen finns inte: {path}", f"no such file: {path}")
    try:
        report = reporter_import.load(
            con,
            str(path),
            path.name,
            strict=args.strict,
            mode=args.mode,
            municipality_code=args.municipality_code,
            by=BY,
        )
    except ImportFileError as err:
        from est_data.cli.common import CliError

        raise CliError(f"{path.name}: {err}") from None
    for rejected in report.rejected[:MAX_LISTED]:
        print(f"rad {rejected.line}: {rejected.reason}", file=sys.stderr)
    for message in report.messages:
        print(message)
    print(
        f"{report.summary_line()}; nya {report.rows_loaded - report.rows_updated}, ändrade {report.rows_updated},"
        f" oförändrade {report.rows_unchanged}"
    )
    return 0


def cmd_reporters_add(con, args) -> int:
    try:
        new_id = register.add_reporter(
            con, args.name, args.email, args.organisation, args.kind, _area_ids(con, args.areas) or [], by=BY
        )
    except UserError as err:
        raise _error(err) from None
    print(f"Rapportören {args.name} är tillagd (id {new_id}).")
    return 0


def cmd_reporters_list(con, args) -> int:
    frame = register.reporters(con, include_inactive=args.all)
    if frame.empty:
        print("Inga rapportörer.")
        return 0
    _table(
        [
            (r.id, r.name, r.email, r.organisation, r.org_kind, r.areas, "ja" if r.active else "nej")
            for r in frame.itertuples()
        ],
        ("id", "namn", "e-post", "organisation", "typ", "områden", "aktiv"),
    )
    return 0


def cmd_reporters_edit(con, args) -> int:
    reporter_id = _reporter_id(con, args.reporter)
    changes = {
        **_changes(
            args, {"name": "name", "email": "email", "organisation": "organisation", "kind": "org_kind"}
        ),
        **_active(args),
    }
    if args.areas is not None:
        changes["area_ids"] = _area_ids(con, args.areas)
    try:
        changed = register.update_reporter(con, reporter_id, BY, **changes)
    except UserError as err:
        raise _error(err) from None
    print("Rapportören är ändrad." if changed else "Inget att ändra.")
    return 0


# ------------------------------------------------------------------------------------------ factors


def cmd_factors_list(con, args) -> int:
    frame = register.factors(con)
    _table(
        [
            (r.sort_order, r.code, r.label_sv, r.label_en, "ja" if r.active else "nej", r.ratings)
            for r in frame.itertuples()
        ],
        ("ordning", "kod", "svenska", "engelska", "aktiv", "bedömningar"),
    )
    return 0


def cmd_factors_add(con, args) -> int:
    try:
        code = register.add_factor(con, args.label, args.en, args.description, args.code, by=BY)
    except UserError as err:
        raise _error(err) from None
    print(f"Faktorn {args.label} är tillagd (kod {code}).")
    return 0


def cmd_factors_edit(con, args) -> int:
    changes = {
        **_changes(
            args, {"label": "label_sv", "en": "label_en", "description": "description", "order": "sort_order"}
        ),
        **_active(args),
    }
    try:
        changed = register.update_factor(con, args.code, BY, **changes)
    except UserError as err:
        raise _error(err) from None
    print("Faktorn är ändrad." if changed else "Inget att ändra.")
    return 0


# ------------------------------------------------------------------------------------------ areas, places


def _area_id(con, ref: str) -> int:
    if ref.isdigit():
        return int(ref)
    row = con.execute(
        "select id from area where municipality_code = ? and lower(name) = lower(?)",
        [_code(con), ref.strip()],
    ).fetchone()
    if row is None:
        raise _fail(f"inget område med id eller namn {ref}", f"no area with id or name {ref}")
    return int(row[0])


def cmd_areas_list(con, args) -> int:
    frame = register.areas(con, _code(con))
    _table(
        [
            (
                r.id,
                r.name,
                r.kind,
                "" if pd.isna(r.population) else int(r.population),
                "ja" if r.active else "nej",
                r.reporters,
                r.places,
            )
            for r in frame.itertuples()
        ],
        ("id", "namn", "typ", "invånare", "aktiv", "rapportörer", "platser"),
    )
    return 0


def cmd_areas_edit(con, args) -> int:
    changes = {
        **_changes(args, {"name": "name", "kind": "kind", "population": "population"}),
        **_active(args),
    }
    try:
        changed = register.update_area(con, _area_id(con, args.area), BY, **changes)
    except UserError as err:
        raise _error(err) from None
    print("Området är ändrat." if changed else "Inget att ändra.")
    return 0


def cmd_places_list(con, args) -> int:
    frame = register.places(con, _code(con))
    _table(
        [
            (r.id, r.name, r.kind, r.area, f"{r.lat:.5f}", f"{r.lon:.5f}", "ja" if r.active else "nej")
            for r in frame.itertuples()
        ],
        ("id", "namn", "typ", "område", "lat", "lon", "aktiv"),
    )
    return 0


def cmd_places_add(con, args) -> int:
    area_id = _area_id(con, args.area) if args.area else None
    try:
        new_id = register.add_place(con, _code(con), args.name, args.kind, args.lat, args.lon, area_id, by=BY)
    except UserError as err:
        raise _error(err) from None
    area = register.area_record(con, register.place_record(con, new_id)["area_id"])["name"]
    print(f"Platsen {args.name} är tillagd (id {new_id}, område {area}).")
    return 0


# ------------------------------------------------------------------------------------------ parsers


def _active_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--inactive", action="store_true", help="gör inaktiv (historiken finns kvar)")
    group.add_argument("--active", action="store_true", help="gör aktiv igen")


def add_commands(subparsers) -> None:
    rep = subparsers.add_parser("reporters", help="rapportörer: importera, lägg till, ändra, lista")
    sub = rep.add_subparsers(dest="reporters_command", required=True, metavar="COMMAND")
    p = sub.add_parser("import", help="läs in en rapportörslista (CSV eller .xlsx)")
    p.add_argument("file", help="namn, e-post, organisation, typ av organisation, områden")
    p.add_argument("--strict", action="store_true", help="vägra hela filen om någon rad har fel")
    p.add_argument(
        "--wait",
        type=float,
        default=120.0,
        metavar="SEK",
        help="om appen har databasen öppen: vänta så länge på att appen läst in filen",
    )
    reporter_import.add_arguments(p)
    # While the app holds the database, cli.main hands the file to the app's inbox like `import`.
    p.set_defaults(
        func=cmd_reporters_import, import_module=reporter_import.__name__, import_source="reporters"
    )
    p = sub.add_parser("add", help="lägg till en rapportör")
    p.add_argument("name", help="namn")
    p.add_argument("--email", help="e-postadress (unik)")
    p.add_argument("--organisation")
    p.add_argument("--typ", dest="kind", help="typ av organisation (skola, socialtjänst, fastighet …)")
    p.add_argument("--areas", help='områden, t.ex. "Centrum, Hamnen"')
    p.set_defaults(func=cmd_reporters_add)
    p = sub.add_parser("list", help="lista rapportörer")
    p.add_argument("--all", action="store_true", help="även inaktiva")
    p.set_defaults(func=cmd_reporters_list)
    p = sub.add_parser("edit", help="ändra eller inaktivera en rapportör")
    p.add_argument("reporter", metavar="ID|E-POST")
    p.add_argument("--name")
    p.add_argument("--email")
    p.add_argument("--organisation")
    p.add_argument("--typ", dest="kind")
    p.add_argument("--areas", help='områden (ersätter de nuvarande), t.ex. "Centrum, Hamnen"')
    _active_flags(p)
    p.set_defaults(func=cmd_reporters_edit)

    fac = subparsers.add_parser("factors", help="faktorer i enkäten: lista, lägg till, ändra")
    sub = fac.add_subparsers(dest="factors_command", required=True, metavar="COMMAND")
    sub.add_parser("list", help="lista faktorer").set_defaults(func=cmd_factors_list)
    p = sub.add_parser("add", help="lägg till en faktor (sist i listan)")
    p.add_argument("label", help="svensk benämning")
    p.add_argument("--en", help="engelsk benämning")
    p.add_argument("--description", help="beskrivning (hjälptext i formuläret)")
    p.add_argument("--code", help="kod (a–z, 0–9, _); standard: av benämningen")
    p.set_defaults(func=cmd_factors_add)
    p = sub.add_parser("edit", help="ändra eller inaktivera en faktor (koden ändras aldrig)")
    p.add_argument("code")
    p.add_argument("--label", help="svensk benämning")
    p.add_argument("--en", help="engelsk benämning")
    p.add_argument("--description")
    p.add_argument("--order", type=int, help="plats i listan (sorteringsordning)")
    _active_flags(p)
    p.set_defaults(func=cmd_factors_edit)

    are = subparsers.add_parser("areas", help="områden: lista, ändra namn, typ, invånare, aktiv")
    sub = are.add_subparsers(dest="areas_command", required=True, metavar="COMMAND")
    sub.add_parser("list", help="lista kommunens områden").set_defaults(func=cmd_areas_list)
    p = sub.add_parser("edit", help="ändra ett område")
    p.add_argument("area", metavar="ID|NAMN")
    p.add_argument("--name", help="nytt namn")
    p.add_argument("--typ", dest="kind", help="stadsdel, ort, bostadsområde …")
    p.add_argument("--population", help="antal invånare (tomt = okänt)")
    _active_flags(p)
    p.set_defaults(func=cmd_areas_edit)

    pla = subparsers.add_parser("places", help="namngivna platser: lista, lägg till")
    sub = pla.add_subparsers(dest="places_command", required=True, metavar="COMMAND")
    sub.add_parser("list", help="lista platser").set_defaults(func=cmd_places_list)
    p = sub.add_parser("add", help="lägg till en plats med koordinater (WGS 84)")
    p.add_argument("name")
    p.add_argument("--lat", required=True, help="latitud, t.ex. 55.3751")
    p.add_argument("--lon", required=True, help="longitud, t.ex. 13.1569")
    p.add_argument("--typ", dest="kind", default="annat", help="samlingsplats, skola, park, hållplats …")
    p.add_argument("--area", help="område (id eller namn); standard: området punkten ligger i")
    p.set_defaults(func=cmd_places_add)
