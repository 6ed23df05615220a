"""Cached page data is recomputed when the data changes or the day changes, and not otherwise."""

import datetime as dt
import warnings

import streamlit as st

from est_data import audit
from est_data.ui import state

CALLS: list[int] = []


def counted(con, value: int) -> int:
    """A stand-in for a query: counts how often it really runs."""
    CALLS.append(value)
    return value * 2


def test_cached_results_follow_data_and_day(empty_db, monkeypatch):
    warnings.simplefilter("ignore")
    st.cache_data.clear()
    CALLS.clear()
    monkeypatch.setattr(state, "today", lambda: dt.date(2026, 11, 23))
    assert state.cached(counted, 21) == 42
    assert state.cached(counted, 21) == 42
    assert CALLS == [21]  # the second call was served from the cache
    audit.record(state.con(), "admin", "update", "setting", "x")
    assert state.cached(counted, 21) == 42
    assert CALLS == [21, 21]  # new data: computed again
    monkeypatch.setattr(state, "today", lambda: dt.date(2026, 11, 24))
    assert state.cached(counted, 21) == 42
    assert CALLS == [21, 21, 21]  # a new day: "this week" may have changed
