"""Session state: the database cursor, the signed-in user, the language, cached queries."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Any

import streamlit as st

from est_data import auth, config, db, i18n
from est_data.model import User


@st.cache_resource(show_spinner=False)
def _startup(db_key: str) -> str:
    """Open and migrate the database once per process, and load the sample into an empty one."""
    from est_data import queries, sample

    con = db.connect(db_key)
    if queries.is_empty(con) and config.get("load_sample") == "1":
        sample.load(con)
    from est_data import inbox

    inbox.start_watcher(db_key)  # imports queued by the CLI while this process holds the database
    return db_key


def con():
    """A cursor for this script run's thread."""
    key = _startup(db.db_path())
    return db.cursor(key)


def lang() -> str:
    return st.session_state.get("lang") or config.get("lang")


def tr(key: str, **kwargs: object) -> str:
    return i18n.t(key, lang(), **kwargs)


def current_user() -> User | None:
    user_id = st.session_state.get("user_id")
    if user_id is None:
        return None
    timeout = dt.timedelta(minutes=config.get_int("session_timeout_minutes"))
    last = st.session_state.get("last_seen")
    now = dt.datetime.now()
    if last is not None and now - last > timeout:
        logout(timed_out=True)
        return None
    st.session_state["last_seen"] = now
    link = st.session_state.get("survey_link")
    if link is not None:  # a personal survey link: a restricted session for one reporter and week
        from est_data import links

        if not links.still_valid(con(), link):
            logout()
            st.session_state["link_error"] = True
            return None
        return link.user()
    return auth.get_user(con(), int(user_id))


def login(user: User) -> None:
    st.session_state["user_id"] = user.id
    st.session_state["last_seen"] = dt.datetime.now()


def logout(timed_out: bool = False) -> None:
    if timed_out:
        st.session_state["signed_out"] = True  # single sign-on does not log straight back in
    for key in ("user_id", "last_seen", "survey_link"):
        st.session_state.pop(key, None)
    if timed_out:
        st.session_state["timed_out"] = True


CACHE_SECONDS = 6 * 3600  # at most; the keys hold the data revision and the date


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=512)
def _cached_call(fn_path: str, revision: tuple, today: dt.date, db_key: str, args: tuple, kwargs: tuple) -> Any:
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
    return _cached_call(f"{fn.__module__}.{fn.__name__}", db.revision(cur), today(), key, args,
                        tuple(sorted(kwargs.items())))
