"""Errors as a user sees them: a short Swedish message and an error number, never a traceback.

The traceback goes to the server log under the same number, so whoever runs the server can find it
(`grep FEL-… the log`). `.streamlit/config.toml` sets `client.showErrorDetails = "none"` for the
few errors raised outside a page's script (widget callbacks), so those show no details either.

Tests set EST_RAISE_ERRORS=1: the error is still logged and shown, then raised again so that
AppTest's `at.exception` sees it (a test that hid errors could not fail).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from est_data.ui.state import tr

log = logging.getLogger("est_data.errors")


def error_number() -> str:
    """A number a user can read out on the phone: FEL-<date>-<6 hex digits>."""
    return f"FEL-{dt.date.today():%Y%m%d}-{secrets.token_hex(3).upper()}"


def report(err: BaseException) -> str:
    """Log err with its traceback under a new error number, show the user a Swedish message; the number."""
    number = error_number()
    log.error("%s: %s", number, err, exc_info=err)
    try:
        st.error(tr("error.user_message", number=number), icon=":material/error:")
    except Exception:  # noqa: BLE001 - showing the message must never raise a second error
        log.exception("%s: the error message could not be shown", number)
    return number


@contextmanager
def shown_to_user() -> Iterator[None]:
    """Run a page: any error becomes a message with an error number (st.stop/st.rerun pass through)."""
    try:
        yield
    except Exception as err:  # noqa: BLE001 - the last line of defence for everything a page does
        report(err)
        if os.environ.get("EST_RAISE_ERRORS") == "1":
            raise


def run(page: Callable[[], object]) -> None:
    with shown_to_user():
        page()
