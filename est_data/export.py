"""Exports of tables to Excel, safe to open: no cell is read by Excel as a formula."""

from __future__ import annotations

import io

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix text that Excel would run as a formula (=HYPERLINK(...), +cmd, @SUM ...) with a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def excel_bytes(df: pd.DataFrame, sheet: str = "Data") -> bytes:
    from est_data.display import blank_missing

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame = safe_frame(blank_missing(df))
        for col in frame.columns:
            if isinstance(frame[col].dtype, pd.DatetimeTZDtype):
                frame[col] = frame[col].dt.tz_localize(None)
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
        # Cells are written as strings, never formulas, by openpyxl when they start with a quote.
    return buffer.getvalue()
