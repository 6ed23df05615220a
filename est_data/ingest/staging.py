"""Registering a DataFrame on a DuckDB cursor for set-based staging in importers.

DuckDB 2.0 refuses `register` while an earlier `execute` on the same cursor has an unfinished
result (a `fetchone()` that did not read to the end counts); `execute` itself closes such a result,
so a trivial fully-fetched query settles the cursor first.
"""

from __future__ import annotations

import pandas as pd


def register(con, name: str, frame: pd.DataFrame) -> None:
    con.execute("select 1").fetchall()
    con.register(name, frame)
