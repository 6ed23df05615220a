"""The emerging hot spot cube's compute time (issue 19 item 5), for `bench` and for a real police file.

Timed apart from the stored read: building the cube from the database (one query, the grid, the binning)
and the analysis (Gi* with its permutation inference on every time step, Mann-Kendall per cell) are what
an import pays once (`incidents.precompute`); Karta then reads the stored result by its input's digest.
"""

from __future__ import annotations

import time

from est_data import emerging_map, incidents, queries
from est_data.analysis import emerging


def measure(con, municipality_codes: list[str] | None = None) -> list[tuple[str, float, str]]:
    """(name, seconds, note) for the cube of Karta's first view in each municipality with a map:
    building it, analysing it (nothing stored) and reading a stored result."""
    out: list[tuple[str, float, str]] = []
    codes = queries.hotspot_municipalities(con) if municipality_codes is None else municipality_codes
    for code in codes:
        q = incidents.default_query(con, code)
        step = emerging.choose_step(q.start, q.end)
        start = time.perf_counter()
        points = emerging_map.day_points(con, q, incidents.POINT_PRECISIONS)
        cube = emerging.build_cube(
            points,
            emerging.step_bounds(q.start, q.end, step),
            incidents.DEFAULT_CELL,
            incidents.study_region(con, q),
        )
        built = time.perf_counter() - start
        start = time.perf_counter()
        result = emerging.analyse(cube, step)
        analysed = time.perf_counter() - start
        incidents.emerging_cells(con, q)  # computes and stores (or finds it stored)
        start = time.perf_counter()
        incidents.emerging_cells(con, q)
        read = time.perf_counter() - start
        shape = f"{cube.counts.shape[0]} rutor × {cube.counts.shape[1]} steg ({step}), {len(points)} platser×dagar"
        flagged = int((result.cells["category"] != "none").sum()) if result.status == "ok" else 0
        out += [
            (f"framväxande hot spots {code}: kuben byggs", built, shape),
            (
                f"framväxande hot spots {code}: analys",
                analysed,
                f"{result.status}, {flagged} rutor med mönster",
            ),
            (f"framväxande hot spots {code}: lagrat resultat läses", read, "det Karta gör efter en import"),
        ]
    return out
