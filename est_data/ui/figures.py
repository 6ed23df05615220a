"""Cached plotly figures for pages: built once per data revision and shared, never copied.

`st.cache_data` would pickle a Figure and rebuild (and re-validate) it on every hit, which costs as
much as building it; `st.cache_resource` hands out the same object. Pages only read the figure
(`st.plotly_chart` serialises it without changing it), so sharing is safe.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Any

import streamlit as st

from est_data import db
from est_data.ui.state import CACHE_SECONDS, con, today


@st.cache_resource(ttl=CACHE_SECONDS, max_entries=256, show_spinner=False)
def _figure(fn_path: str, revision: tuple, today: dt.date, db_key: str, args: tuple) -> Any:
    module_name, _, name = fn_path.rpartition(".")
    fn = getattr(importlib.import_module(module_name), name)
    return fn(db.cursor(db_key), *args)


def cached_figure(fn: Callable, *args: Any) -> Any:
    """fn(cursor, *args) -> Figure, cached like `state.cached`: until the data or the day changes."""
    cur = con()
    return _figure(f"{fn.__module__}.{fn.__name__}", db.revision(cur), today(), db.db_path(), args)


def download_table_lazy(df, file_stem: str, key: str) -> None:
    """Like ui.common.download_table, but the .xlsx is made only when the button is clicked
    (making it costs about 0.1 s, on every run of the page otherwise)."""
    from est_data.ui.common import excel_bytes
    from est_data.ui.state import tr

    st.download_button(
        tr("common.download_xlsx"),
        data=lambda: excel_bytes(df),
        file_name=f"{file_stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )
