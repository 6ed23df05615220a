"""The SMTP connection the app mails through (settings smtp_host, smtp_port, smtp_from).

Used by the weekly report (est_data.report.mail) and the survey-link mail (est_data.linkmail); it lives
on the top floor of the house so that both can use it.
"""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from contextlib import contextmanager

from est_data import config


class MailNotConfigured(Exception):
    """smtp_host or smtp_from is not set."""


def smtp_settings(con) -> tuple[str, int, str]:
    host = config.get_setting(con, "smtp_host").strip()
    port = int(config.get_setting(con, "smtp_port") or 25)
    sender = config.get_setting(con, "smtp_from").strip()
    if not host or not sender:
        raise MailNotConfigured()
    return host, port, sender


@contextmanager
def open_smtp(host: str, port: int, timeout: float = 30) -> Iterator[smtplib.SMTP]:
    """A connection to the SMTP server, upgraded with STARTTLS when the server offers it."""
    with smtplib.SMTP(host, port, timeout=timeout) as smtp:
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            smtp.starttls()
            smtp.ehlo()
        yield smtp
