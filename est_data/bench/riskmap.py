"""The risk layer's share of `python -m est_data bench` (issue 19 item 5): its compute time on Karta's
first view of every municipality with a map, and the Karta page with the layer switched on (cold:
the first run after new data; warm: the cached runs the page budget is about).

The layer is computed when Karta asks for it and kept in the page's data cache (ui/mapview.py), so
the warm runs do not compute it again; the compute time says what the first run after an import pays.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path


def compute_seconds(con, runs: int) -> tuple[list[float], list[float], int]:
    """Wall and CPU seconds per run of `risk.risk_map` over Karta's default query of every municipality
    with a map, and how many municipalities that was."""
    from est_data import incidents, queries, risk

    codes = queries.hotspot_municipalities(con)
    wall, cpu = [], []
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        for code in codes:
            risk.risk_map(con, incidents.default_query(con, code))
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    return wall, cpu, len(codes)


def measure(con, db_path: Path, runs: int, cold_runs: int, measure_cls, budget: float | None, progress=print):
    """Measures of the risk layer: compute time, and Karta with the layer on (cold and warm, wall and CPU)."""
    wall, cpu, n = compute_seconds(con, max(1, runs))
    note = f"{n} kommun(er), Karta-vyns fråga"
    out = [
        measure_cls("riskkarta, beräkning", "s", wall, note=note),
        measure_cls("riskkarta, beräkning (CPU)", "s", cpu, note=note),
    ]
    progress(f"  riskkarta, beräkning: median {statistics.median(wall):.3f} s ({n} kommun(er))")
    from est_data.ui import bench as ui_bench

    page = ui_bench.measure_page_with(db_path, "karta", {"karta_layer_risk": True}, cold_runs, runs)
    for kind, values in (
        ("kall", page.cold),
        ("kall, CPU", page.cold_cpu),
        ("varm", page.warm),
        ("varm, CPU", page.warm_cpu),
    ):
        out.append(
            measure_cls(
                f"sida karta med risklager ({kind})",
                "s",
                values,
                status=page.status,
                budget=budget if kind == "varm" else None,
                note=page.error or "",
            )
        )
    if page.warm:
        progress(f"  sida karta med risklager: varm median {statistics.median(page.warm):.3f} s")
    return out
