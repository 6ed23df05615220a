"""What a page timing is (the AppTest driver that fills it is est_data/ui/bench.py: it imports streamlit)."""

from __future__ import annotations

from dataclasses import dataclass, field

USER_FOR_ROLE = {"admin": "admin", "samordnare": "samordnare", "läsare": "lasare", "rapportör": "rapportor"}


@dataclass
class PageRun:
    key: str
    status: str = "ok"  # ok, saknas (no page file), fel (exception)
    cold: list[float] = field(default_factory=list)
    warm: list[float] = field(default_factory=list)
    warm_cpu: list[float] = field(default_factory=list)  # CPU seconds of the process (all threads)
    cold_cpu: list[float] = field(
        default_factory=list
    )  # the same for cold runs (a loaded machine's wall time lies)
    payload_bytes: int | None = None
    has_map: bool = False
    error: str | None = None
