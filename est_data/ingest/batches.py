"""The import log: recent import batches for the Data page and the CLI."""

from __future__ import annotations

import pandas as pd


def recent_batches(con, limit: int = 20) -> pd.DataFrame:
    return con.execute(
        "select id, source, file_name, rows_read, rows_loaded, rows_rejected, status, started_at, finished_at,"
        "       message"
        " from import_batch"
        " order by id desc"
        " limit ?",
        [limit],
    ).df()
