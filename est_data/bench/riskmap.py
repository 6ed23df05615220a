"""The risk layer's share of `python -m est_data bench` (issue 19 item 5): its compute time on Karta's
first view of every municipality with a map, and the Karta page with the layer switched on (cold:
the first run after new data; warm: the cached runs the page budget is about).

The layer is computed when Karta asks for it and kept in the page's data cache (ui/mapview.py), so
the warm runs do not compute it again; the compute time says what the first run after an import pays.
"""

from __future__ import annotations

import time
from pathlib import Path


def compute_seconds(con, runs: int) -> tuple[list[float], int]:
    """Seconds per run of `risk.risk_map` over Karta's default query of every municipality with a map,
    and how many municipalities that was."""
    from est_data import incidents, queries, risk

    codes = queries.hotspot_municipalities(con)
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        for code in codes:
            risk.risk_map(con, incidents.default_query(con, code))
        values.append(time.perf_counter() - start)
    return values, len(codes)


def measure(con, db_path: Path, runs: int, cold_runs: int, measure_cls, budget: float | None, progress=print):
    """Measures of the risk layer: compute time, and Karta with the layer on (cold and warm)."""
    values, n = compute_seconds(con, max(1, runs))
    out = [measure_cls("riskkarta, beräkning", "s", values, note=f"{n} kommun(er), Karta-vyns fråga")]
    progress(f"  riskkarta, beräkning: median {sorted(values)[len(values) // 2]:.3f} s ({n} kommun(er))")
    from est_data.ui import bench as ui_bench

    cold, warm = ui_bench.measure_page_with(db_path, "karta", {"karta_layer_risk": True}, cold_runs, runs)
    out.append(measure_cls("sida karta med risklager (kall)", "s", cold))
    out.append(measure_cls("sida karta med risklager (varm)", "s", warm, budget=budget))
    if warm:
        progress(f"  sida karta med risklager: varm median {sorted(warm)[len(warm) // 2]:.3f} s")
    return out
