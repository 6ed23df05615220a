"""Benchmark line: the peak memory of importing the largest file the import limits allow.

The largest allowed file is a felanmälan CSV with `limits.max_rows` rows padded to just under
`limits.max_bytes` (the text table every importer reads through `common.read_table`). It is made
from the dataset's fault reports (cycled, with fresh ids) and imported in a child process, so the
line is the peak RSS of that import alone, not of the benchmark process.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from pathlib import Path

from est_data import db
from est_data.bench import data as benchdata

_LARGEST = (
    "with picked as ("
    "  select row_number() over (order by id) - 1 as rn, i.*"
    "  from incident i"
    "  where source = 'felanmalan' and municipality_code = ?"
    " ), n as (select count(*) as c from picked"
    " ), final as ("
    "  select 'L-' || cast(r.range as varchar) as \"Ärendenummer\","
    "         strftime(p.occurred_at, '%Y-%m-%d %H:%M') as \"Datum\","
    '         p.category as "Kategori", p.location_name as "Adress",'
    "         replace(cast(p.cost_sek as varchar), '.', ',') as \"Kostnad\","
    '         cast(p.lat as varchar) as "Lat", cast(p.lon as varchar) as "Lon",'
    "         rpad(coalesce(p.summary, ''), ?, '.') as \"Beskrivning\""
    "  from range(?) r"
    "  cross join n"
    "  join picked p on p.rn = r.range % n.c"
    " )"
    " select * from final"
)


def largest_allowed_csv(con, out: Path, rows: int, max_bytes: int) -> int:
    """Write the felanmälan CSV of `rows` rows, padded to about 97 % of max_bytes. Returns its size."""

    def write(pad: int) -> int:
        # The path is made by the benchmark, not by a user; COPY takes no parameter for it.
        con.execute(
            f"copy ({_LARGEST}) to '{out}' (header, delimiter ';')",  # noqa: S608
            [benchdata.EST_MUNICIPALITY, pad, rows],
        )
        return out.stat().st_size

    size = write(0)
    pad = max(0, int((0.97 * max_bytes - size) / rows))
    return write(pad) if pad else size


def _child(work: str, csv_path: str, queue) -> None:
    from est_data.ingest import felanmalan

    con = db.connect(work)
    start = time.perf_counter()
    try:
        report = felanmalan.load(con, csv_path, Path(csv_path).name)
        result = {
            "rows_read": report.rows_read,
            "rows_loaded": report.rows_loaded,
            "rows_rejected": report.rows_rejected,
        }
    except Exception as err:  # reported in the benchmark's table, not raised
        result = {"error": f"{type(err).__name__}: {err}"[:300]}
    result["seconds"] = time.perf_counter() - start
    result["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    db.close(work)
    queue.put(result)


def measure(work: Path, timeout: float = 1800) -> dict:
    """Import the largest allowed file into `work` (closed by the caller) in a child; what it cost."""
    from est_data.ingest import limits

    csv_path = work.parent / "storsta-tillatna.csv"
    con = db.connect(work)
    size = largest_allowed_csv(con, csv_path, limits.LIMITS.max_rows, limits.LIMITS.max_bytes)
    db.close(work)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_child, args=(str(work), str(csv_path), queue))
    child.start()
    try:
        result = queue.get(timeout=timeout)
    except Exception:  # the child died (out of memory) or took too long
        result = {"error": f"importen avslutades inte (exit {child.exitcode})"}
    child.join(10)
    csv_path.unlink(missing_ok=True)
    return {"file_bytes": size, "rows": limits.LIMITS.max_rows, **result}
