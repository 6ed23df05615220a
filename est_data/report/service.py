"""Report bytes for the app's download buttons, generated on click in Streamlit's download thread.

Each function opens its own cursor on the database file (a download runs on another thread than
the page), builds the report and renders it. Arguments are plain values so they can be bound
with functools.partial by a page.
"""

from __future__ import annotations

from est_data import db, rounds
from est_data.model import IsoWeek
from est_data.report import annual, quarterly, render, weekly
from est_data.rounds import Round


def weekly_bytes(
    db_key: str, week: str, municipality_code: str, reporters_version: bool, lang: str, fmt: str
) -> bytes:
    report = weekly.build(db.cursor(db_key), IsoWeek.parse(week), municipality_code, reporters_version, lang)
    return render.render(report, fmt)


def quarterly_bytes(
    db_key: str, year: int, quarter: int, municipality_code: str, lang: str, fmt: str
) -> bytes:
    return render.render(quarterly.build(db.cursor(db_key), year, quarter, municipality_code, lang), fmt)


def annual_bytes(db_key: str, year: int, municipality_code: str, lang: str, fmt: str) -> bytes:
    return render.render(annual.build(db.cursor(db_key), year, municipality_code, lang), fmt)


def round_file_stem(rnd: Round, reporters_version: bool) -> str:
    """The report's file name (without extension) for a survey round: weekly rounds keep the weekly
    report's name (veckorapport_2026_v47), two-week rounds are named by the round
    (omgangsrapport_2026_v12-13; across the new year omgangsrapport_2026_v53-2027_v01)."""
    suffix = "_rapportorer" if reporters_version else ""
    first, last = rnd.start, rnd.end
    if rnd.weeks == 1:
        return f"veckorapport_{first.year}_v{first.week:02d}{suffix}"
    if first.year == last.year:
        return f"omgangsrapport_{first.year}_v{first.week:02d}-{last.week:02d}{suffix}"
    return f"omgangsrapport_{first.year}_v{first.week:02d}-{last.year}_v{last.week:02d}{suffix}"


def round_file_name(con, week: IsoWeek, reporters_version: bool, fmt: str) -> str:
    """The file name of the report of the round holding week (any week of it), e.g. for a mail's attachment."""
    return f"{round_file_stem(rounds.round_of(con, week), reporters_version)}.{fmt}"


def weekly_file_stem(week: str, reporters_version: bool) -> str:
    """The file name of a one-week round's report (round_file_stem for rounds of any length)."""
    return round_file_stem(Round(IsoWeek.parse(week)), reporters_version)


def weekly_file_name(week: str, reporters_version: bool, fmt: str) -> str:
    return f"{weekly_file_stem(week, reporters_version)}.{fmt}"


class SendFailed(Exception):
    """Sending the report failed (SMTP not configured, refused, or the network)."""


def send_weekly(
    con, week: IsoWeek, municipality_code: str, lang: str = "sv", extra: tuple[str, ...] = ()
) -> int:
    """Mail the reporters' version (PDF) to the distribution list. Returns the number accepted.

    Raises SendFailed without smtp_host/smtp_from or when the server or network fails.
    """
    import smtplib

    from est_data.report import data, mail

    try:
        mail.smtp_settings(con)
    except mail.MailNotConfigured as err:
        raise SendFailed("smtp_host / smtp_from") from err
    recipients = sorted(set(data.distribution_list(con)) | {a.strip().lower() for a in extra if a.strip()})
    report = weekly.build(con, week, municipality_code, reporters_version=True, lang=lang)
    try:
        return mail.send(
            con, report, render.render(report, "pdf"), round_file_name(con, week, True, "pdf"), recipients
        )
    except (OSError, smtplib.SMTPException) as err:
        raise SendFailed(str(err)) from err


def smtp_configured(con) -> bool:
    from est_data.report import mail

    try:
        mail.smtp_settings(con)
    except mail.MailNotConfigured:
        return False
    return True


def default_quarter(con, municipality_code: str) -> tuple[int, int]:
    """The last complete quarter before the reference date (the latest data)."""
    from est_data import queries

    day = queries.reference_date(con, municipality_code)
    quarter = (day.month - 1) // 3 + 1
    return (day.year, quarter - 1) if quarter > 1 else (day.year - 1, 4)


def report_years(con, municipality_code: str) -> list[int]:
    """Years with events or survey answers, newest first."""
    rows = con.execute(
        "select distinct year(occurred_at) as y from incident"
        " where municipality_code = ? and occurred_at is not null"
        " union"
        " select distinct r.iso_year from survey_response r join area a on a.id = r.area_id"
        " where a.municipality_code = ?"
        " order by 1 desc",
        [municipality_code, municipality_code],
    ).fetchall()
    return [int(r[0]) for r in rows]
