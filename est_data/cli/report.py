"""`python -m est_data report weekly|quarterly|annual ...` (DESIGN §3b)."""

from __future__ import annotations

import argparse
import re
import smtplib
from pathlib import Path

from est_data import config
from est_data.model import IsoWeek
from est_data.report import data, mail, render, service


def _error(sv: str, en: str) -> Exception:
    from est_data.cli.common import CliError

    return CliError(f"{sv} / {en}")


def _municipality(con, args) -> str:
    code = args.kommun or config.get_setting(con, "municipality_code")
    if con.execute("select count(*) from area where municipality_code = ?", [code]).fetchone()[0] == 0:
        raise _error(
            f"kommunen {code} har inga områden i databasen",
            f"municipality {code} has no areas in the database",
        )
    return code


def _check_out(out: str | None, required: bool = True) -> str | None:
    if out is None:
        if required:
            raise _error("ange --out FIL.pdf eller FIL.html", "give --out FILE.pdf or FILE.html")
        return None
    if render.format_of(out) is None:
        raise _error(
            f"okänt filformat för {out}: använd .pdf eller .html",
            f"unknown file format for {out}: use .pdf or .html",
        )
    parent = Path(out).resolve().parent
    if not parent.is_dir():
        raise _error(f"katalogen {parent} finns inte", f"the directory {parent} does not exist")
    return out


def _write(report, out: str) -> None:
    size = render.write(report, out)
    print(f"{report.title} ({report.municipality}) skriven till {out} ({size / 1024:.0f} kB)")


def cmd_weekly(con, args) -> int:
    from est_data.report import weekly

    out = _check_out(args.out, required=not args.send)
    code = _municipality(con, args)
    if args.week:
        try:
            week = IsoWeek.parse(args.week)
        except (ValueError, TypeError):
            raise _error(
                f"ogiltig vecka: {args.week} (skriv t.ex. 2026-W47)",
                f"invalid week: {args.week} (write e.g. 2026-W47)",
            ) from None
    else:
        week = weekly.default_week(con, code)
    if out:
        report = weekly.build(con, week, code, reporters_version=args.reporters, lang=args.lang)
        _write(report, out)
    if args.send:
        _send_weekly(con, args, week, code, out)
    return 0


def _send_weekly(con, args, week: IsoWeek, code: str, out: str | None) -> None:
    """Mail the reporters' version (the list includes reporters, so never personal data or internal text)."""
    from est_data.report import weekly

    try:
        mail.smtp_settings(con)
    except mail.MailNotConfigured:
        raise _error(
            "utskick kräver inställningarna smtp_host och smtp_from (t.ex. EST_SMTP_HOST, EST_SMTP_FROM)",
            "sending needs the settings smtp_host and smtp_from (e.g. EST_SMTP_HOST, EST_SMTP_FROM)",
        ) from None
    recipients = sorted(
        set(data.distribution_list(con)) | {a.strip().lower() for a in args.to or [] if a.strip()}
    )
    if not recipients:
        raise _error(
            "sändlistan är tom (inga aktiva rapportörer eller användare med e-post)",
            "the distribution list is empty (no active reporters or users with e-mail)",
        )
    fmt = render.format_of(out) if out else "pdf"
    report = weekly.build(con, week, code, reporters_version=True, lang=args.lang)
    file_name = service.round_file_name(con, week, False, fmt)  # named by the round when rounds are two weeks
    try:
        accepted = mail.send(con, report, render.render(report, fmt), file_name, recipients)
    except (OSError, smtplib.SMTPException) as err:
        raise _error(f"utskicket misslyckades: {err}", f"sending failed: {err}") from None
    print(
        f"Rapportörsversionen skickad till {accepted} av {len(recipients)} mottagare / "
        f"reporters' version sent to {accepted} of {len(recipients)} recipients"
    )


def _parse_quarter(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{4})\s*-?\s*[QqKk]\s*([1-4])\s*", text)
    if not match:
        raise _error(
            f"ogiltigt kvartal: {text} (skriv t.ex. 2026Q3)", f"invalid quarter: {text} (write e.g. 2026Q3)"
        )
    return int(match.group(1)), int(match.group(2))


def cmd_quarterly(con, args) -> int:
    from est_data.report import quarterly

    out = _check_out(args.out)
    code = _municipality(con, args)
    year, quarter = _parse_quarter(args.quarter)
    _write(quarterly.build(con, year, quarter, code, lang=args.lang), out)
    return 0


def cmd_annual(con, args) -> int:
    from est_data.report import annual

    out = _check_out(args.out)
    code = _municipality(con, args)
    if not 1990 <= args.year <= 2100:
        raise _error(f"ogiltigt år: {args.year}", f"invalid year: {args.year}")
    _write(annual.build(con, args.year, code, lang=args.lang), out)
    return 0


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser(
        "report", help="veckorapport, kvartalsrapport och årsrapport (PDF eller HTML)"
    )
    sub = report.add_subparsers(dest="report_command", required=True, metavar="RAPPORT")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--out", help="fil att skriva: .pdf eller .html")
        p.add_argument("--kommun", help="kommunkod (standard: inställningen municipality_code)")
        p.add_argument("--lang", choices=["sv", "en"], default="sv", help="språk (standard sv)")

    p = sub.add_parser("weekly", help="veckorapporten (återkoppling) för en ISO-vecka eller enkätomgång")
    p.add_argument("--week", help="ISO-vecka, t.ex. 2026-W47 (standard: senaste veckan med svar)")
    p.add_argument(
        "--reporters",
        action="store_true",
        help="version för rapportörer: utan namn och utan interna kommentarer",
    )
    p.add_argument(
        "--send",
        action="store_true",
        help="skicka rapportörsversionen med e-post till sändlistan (kräver smtp_host och smtp_from)",
    )
    p.add_argument("--to", action="append", metavar="ADRESS", help="ytterligare mottagare (kan upprepas)")
    common(p)
    p.set_defaults(func=cmd_weekly)

    p = sub.add_parser("quarterly", help="kvartalsrapporten till ledningen")
    p.add_argument("--quarter", required=True, help="kvartal, t.ex. 2026Q3")
    common(p)
    p.set_defaults(func=cmd_quarterly)

    p = sub.add_parser("annual", help="årsrapporten: lägesbild och åtgärdsplan (lag 2023:196)")
    p.add_argument("--year", required=True, type=int, help="år, t.ex. 2026")
    common(p)
    p.set_defaults(func=cmd_annual)
