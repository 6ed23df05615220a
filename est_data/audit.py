"""The audit log: who changed what, when, with before and after for edits and deletes."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def record(
    con,
    username: str | None,
    operation: str,
    table: str,
    record_id: Any,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    """Write one audit row. Call inside the transaction of the change it describes."""
    con.execute(
        "insert into audit_log (logged_at, username, operation, table_name, record_id, before_json, after_json)"
        " values (?, ?, ?, ?, ?, ?, ?)",
        [
            dt.datetime.now(),
            username,
            operation,
            table,
            None if record_id is None else str(record_id),
            _json(before),
            _json(after),
        ],
    )
