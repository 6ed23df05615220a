"""Sending a report by e-mail (SMTP settings smtp_host, smtp_port, smtp_from)."""

from __future__ import annotations

from email.message import EmailMessage

from est_data.report.document import Report
from est_data.smtp import MailNotConfigured, open_smtp, smtp_settings

__all__ = ["MailNotConfigured", "build_message", "send", "smtp_settings"]


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
    with open_smtp(host, port, timeout) as smtp:
        refused = smtp.send_message(message, from_addr=sender, to_addrs=recipients)
    return len(recipients) - len(refused)
