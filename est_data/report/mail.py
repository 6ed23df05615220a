"""Sending a report by e-mail (SMTP settings smtp_host, smtp_port, smtp_from)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from est_data import config
from est_data.report.document import Report


class MailNotConfigured(Exception):
    """smtp_host or smtp_from is not set."""


def smtp_settings(con) -> tuple[str, int, str]:
    host = config.get_setting(con, "smtp_host").strip()
    port = int(config.get_setting(con, "smtp_port") or 25)
    sender = config.get_setting(con, "smtp_from").strip()
    if not host or not sender:
        raise MailNotConfigured()
    return host, port, sender


def build_message(
    report: Report, attachment: bytes, file_name: str, sender: str, recipients: list[str]
) -> EmailMessage:
    """One message to the sender with every recipient in Bcc (they do not see each other's addresses)."""
    message = EmailMessage()
    message["Subject"] = f"{report.title} – {report.municipality}"
    message["From"] = sender
    message["To"] = sender
    message["Bcc"] = ", ".join(recipients)
    body = "\n\n".join(
        p
        for p in (
            report.title,
            report.subtitle,
            f"{report.municipality} · {report.classification}",
            "Rapporten finns som bilaga." if report.lang == "sv" else "The report is attached.",
        )
        if p
    )
    message.set_content(body)
    if file_name.lower().endswith(".pdf"):
        message.add_attachment(attachment, maintype="application", subtype="pdf", filename=file_name)
    else:
        message.add_attachment(attachment, maintype="text", subtype="html", filename=file_name)
    return message


def send(
    con, report: Report, attachment: bytes, file_name: str, recipients: list[str], timeout: float = 30
) -> int:
    """Send the report to recipients through the configured SMTP server. Returns the number accepted."""
    host, port, sender = smtp_settings(con)
    message = build_message(report, attachment, file_name, sender, recipients)
    with smtplib.SMTP(host, port, timeout=timeout) as smtp:
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            smtp.starttls()
            smtp.ehlo()
        refused = smtp.send_message(message, from_addr=sender, to_addrs=recipients)
    return len(recipients) - len(refused)
