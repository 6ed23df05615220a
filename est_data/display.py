"""Missing values, handled once.

DuckDB gives NULL; pandas turns it into None, NaN, NaT or pd.NA depending on the column and on what
was merged or reindexed on the way. None of these may reach a user: a page, PDF, HTML report or
Excel file never shows `nan`, `None`, `NaT` or `<NA>`, and a label lookup never asks for
`status.nan`. Every place that turns a value into text or a label asks here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import pandas as pd


def missing(value: object) -> bool:
    """True for None, NaN, NaT, pd.NA and empty or blank text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return not value.strip()
    try:
        result = pd.isna(value)
    except (TypeError, ValueError):
        return False
    return bool(result) if isinstance(result, bool) else False


def present(value: object) -> object | None:
    """The value, or None when it is missing (for code that tests `if value:`)."""
    return None if missing(value) else value


def text(value: object, empty: str = "") -> str:
    """The value as text for a user; `empty` when missing. Dates as ISO, whole floats without .0."""
    if missing(value):
        return empty
    if isinstance(value, pd.Timestamp | dt.datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.strftime("%Y-%m-%d")
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def items(value: object) -> list[str]:
    """A list column (target categories, factors) as a list of text; [] when missing."""
    if isinstance(value, str):
        return [] if missing(value) else [value]
    if isinstance(value, Iterable) and not isinstance(value, bytes | dict):
        return [str(v) for v in value if not missing(v)]
    return [] if missing(value) else [str(value)]


def joined(value: object, sep: str = ", ") -> str:
    return sep.join(items(value))


def label(prefix: str, value: object, lang: str = "sv", empty: str = "") -> str:
    """The catalogue label `prefix.value`, or `empty` when the value is missing (never `prefix.nan`)."""
    from est_data import i18n

    if missing(value):
        return empty
    return i18n.t(f"{prefix}.{value}", lang)


def blank_missing(df: pd.DataFrame) -> pd.DataFrame:
    """A copy for showing or exporting: missing cells are empty text, every other cell unchanged.

    Columns without missing values keep their type (numbers stay numbers for sorting); a column
    with missing values becomes text-and-numbers with "" where a value is missing.
    """
    out = df.copy()
    for col in out.columns:
        series = out[col]
        if isinstance(series, pd.DataFrame):  # duplicated column names
            continue
        mask = series.map(missing) if series.dtype == object else series.isna()
        if not mask.any():
            continue
        if pd.api.types.is_datetime64_any_dtype(series):
            out[col] = series.map(lambda v: text(v))
        else:
            out[col] = series.astype(object).where(~mask, "")
    if out.index.hasnans:
        out.index = [text(i) for i in out.index]
    return out
