"""Session state: the database cursor, the signed-in user, the language, cached queries."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from collections.abc import Callable
from typing import Any

import streamlit as st

from est_data import auth, config, db, i18n, sessions
from est_data.model import User
from est_data.text import md


@st.cache_resource(show_spinner=False)
def _startup(db_key: str) -> str:
    """Open and migrate the database once per process, and load the sample into an empty one."""
    from est_data import queries, sample

    con = db.connect(db_key)
    if queries.is_empty(con) and config.get("load_sample") == "1":
        sample.load(con)
    from est_data import inbox

    inbox.start_watcher(db_key)  # imports queued by the CLI while this process holds the database
    from est_data import linkmail

    linkmail.start_scheduler(db_key)  # survey links and reminders by mail when they are due (issue 18)
    return db_key


def con():
    """A cursor for this script run's thread."""
    key = _startup(db.db_path())
    return db.cursor(key)


def lang() -> str:
    return st.session_state.get("lang") or config.get("lang")


def tr(key: str, **kwargs: object) -> str:
    return i18n.t(key, lang(), **kwargs)


def tr_user(key: str, **values: object) -> str:
    """tr() for text shown as Markdown whose values come from users or files (names, titles, messages):
    every value is escaped (est_data.text.md), so it shows as typed and cannot add links or images."""
    return tr(key, **{k: md(v) for k, v in values.items()})


def current_user() -> User | None:
    """The signed-in user of this browser tab, or None.

    A tab without a user resumes the browser's server-side session from its cookie (a refresh or a
    bookmark within the timeout keeps the user signed in). The idle timeout is the stored setting
    `session_timeout_minutes` (Administration), checked here and on the server session.
    """
    if st.session_state.get("user_id") is None:
        _resume_from_cookie()
    user_id = st.session_state.get("user_id")
    if user_id is None:
        return None
    cur = con()
    now = dt.datetime.now()
    token = st.session_state.get("session_token")
    if token is not None:  # the server session decides: idle across all tabs of the browser, or ended
        if sessions.resume(cur, token, now) is None:
            logout(timed_out=sessions.end_reason(cur, token) == "timeout")
            st.session_state["signed_out"] = True  # single sign-on does not log straight back in
            return None
    else:  # a tab without a server session (tests, older sessions): its own idle time
        last = st.session_state.get("last_seen")
        if last is not None and now - last > sessions.timeout(cur):
            logout(timed_out=True)
            return None
    st.session_state["last_seen"] = now
    link = st.session_state.get("survey_link")
    if link is not None:  # a personal survey link: a restricted session for one reporter and week
        from est_data import links

        if not links.still_valid(cur, link):
            logout()
            st.session_state["link_error"] = True
            return None
        return link.user()
    user = auth.get_user(cur, int(user_id))
    if user is None:  # deactivated meanwhile
        logout()
    return user


def cookie_token() -> str | None:
    """The session token in the cookie of this tab's first request, if any."""
    return _cookie_token()


def _cookie_token() -> str | None:
    try:
        value = st.context.cookies.get(sessions.COOKIE_NAME)
    except Exception:  # no browser request behind this run (bare mode): no cookie
        return None
    return value if isinstance(value, str) and value else None  # AppTest gives a stand-in object


def _resume_from_cookie() -> None:
    token = _cookie_token()
    if token is None or token == st.session_state.get("ended_token"):
        return
    user_id = sessions.resume(con(), token)
    if user_id is None:
        if sessions.end_reason(con(), token) == "timeout":  # F5 after the idle time: say why (once)
            st.session_state["timed_out"] = True
        st.session_state["ended_token"] = token
        return
    if user_id == 0:  # a personal survey link's session: the reporter's form again
        from est_data import links

        link = links.session_by_id(con(), sessions.link_of(con(), token))
        if link is None:
            sessions.end(con(), token, "link")
            st.session_state["ended_token"] = token
            return
        st.session_state["survey_link"] = link
    st.session_state["user_id"] = user_id
    st.session_state["session_token"] = token
    st.session_state["last_seen"] = dt.datetime.now()


def login(user: User) -> None:
    """Sign a user in: this tab at once, and the browser through a new server session and its cookie."""
    st.session_state["user_id"] = user.id
    st.session_state["last_seen"] = dt.datetime.now()
    st.session_state["session_token"] = sessions.create(con(), user.id)


def logout(timed_out: bool = False) -> None:
    if timed_out:
        st.session_state["signed_out"] = True  # single sign-on does not log straight back in
    token = st.session_state.pop("session_token", None)
    if token is not None:
        sessions.end(con(), token, "timeout" if timed_out else "logout")
        st.session_state["ended_token"] = token  # the stale cookie of this tab's first request is not resumed
    for key in ("user_id", "last_seen", "survey_link"):
        st.session_state.pop(key, None)
    if timed_out:
        st.session_state["timed_out"] = True


def sync_cookie() -> None:
    """Give the browser the session cookie after a login, or clear it after a logout.

    Streamlit cannot set a cookie in its HTTP responses, so a small script does it (SameSite=Strict,
    Secure over https). The cookie holds only the random token; the server keeps its hash, so ending
    the server session makes a copied cookie worthless. Nothing is sent when the cookie is already right.
    """
    token = st.session_state.get("session_token")
    if "cookie_written" not in st.session_state:  # what the browser holds, as far as this tab knows
        st.session_state["cookie_written"] = _cookie_token()
    if token == st.session_state["cookie_written"]:
        return
    st.session_state["cookie_written"] = token
    max_age = 7 * 24 * 3600 if token else 0  # the server's idle timeout decides; the cookie only carries
    cookie = f"{sessions.COOKIE_NAME}={token or ''}; Path=/; Max-Age={max_age}; SameSite=Strict"
    st.html(
        f"<script>document.cookie = {json.dumps(cookie)} + "
        f"(location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )


CACHE_SECONDS = 6 * 3600  # at most; the keys hold the data revision and the date


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=512)
def _cached_call(
    fn_path: str, revision: tuple, today: dt.date, db_key: str, args: tuple, kwargs: tuple
) -> Any:
    module_name, _, name = fn_path.rpartition(".")
    fn = getattr(importlib.import_module(module_name), name)
    return fn(db.cursor(db_key), *args, **dict(kwargs))


def today() -> dt.date:
    """Part of every cache key: results such as "this week" change at midnight without new data."""
    return dt.date.today()


def cached(fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """Call fn(cursor, *args, **kwargs), cached until the data changes (db.revision), the day changes
    (some results depend on today's week) or 6 hours pass.

    fn must be a module-level function of est_data taking the cursor first; args must be hashable
    (Filters, dates, tuples ...).
    """
    cur = con()
    key = db.db_path()
    return _cached_call(
        f"{fn.__module__}.{fn.__name__}", db.revision(cur), today(), key, args, tuple(sorted(kwargs.items()))
    )
