"""`python -m est_data bench [--scale demo|small|large|national] [--json FILE]`: speed at scale.

Generates (once, cached under data/bench/) a dataset of the scale with `est_data.bench.data`, then
measures, several runs each (median and spread):
- every registered page's server-side run under AppTest, cold and warm cache, and the bytes it sends;
- each importer's rows per second (police JSON, felanmälan CSV) on a private copy of the dataset;
- the weekly report's generation time;
- the peak memory (RSS) of the benchmark process (and of the generator, which runs in a child).
Parts whose code does not exist yet are reported as "saknas" (missing), never estimated.
Budgets are DESIGN §7's. The table goes to stdout; --json writes every run's figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.util
import multiprocessing
import os
import platform
import resource
import statistics
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from est_data import db
from est_data.bench import data as benchdata

# DESIGN §7 budgets: warm page time per scale (s), police import rows/s, map payload, peak memory.
PAGE_BUDGET_S = {"large": 0.3, "national": 1.5}
POLICE_ROWS_PER_S = 50_000
MAP_PAYLOAD_BYTES = 3_000_000
PEAK_RSS_BYTES = {"national": 2 * 1024**3}
MISSING = "saknas"


@dataclass
class Measure:
    name: str  # e.g. "sida oversikt (varm)", "import polisen"
    unit: str  # s, rader/s, byte
    values: list[float] = field(default_factory=list)
    status: str = "ok"  # ok, saknas, fel
    budget: float | None = None
    budget_kind: str = "max"  # max: value must be <= budget; min: >=
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def spread(self) -> tuple[float, float] | None:
        return (min(self.values), max(self.values)) if self.values else None

    @property
    def within_budget(self) -> bool | None:
        if self.budget is None or self.median is None:
            return None
        return self.median <= self.budget if self.budget_kind == "max" else self.median >= self.budget

    def as_dict(self) -> dict:
        return {
            **asdict(self),
            "median": self.median,
            "spread": self.spread,
            "within_budget": self.within_budget,
        }


def peak_rss_bytes(who: int = resource.RUSAGE_SELF) -> int:
    return resource.getrusage(who).ru_maxrss * 1024  # kilobytes on Linux


# ---------------------------------------------------------------------------------------------- inputs


def police_json(con, out: Path, n: int, id_offset: int) -> int:
    """A police events JSON file in the API's shape (with its quirks: hours not zero-padded, the
    time it happened in `name`, the municipality's centre point as gps), from the dataset's police
    incidents in Trelleborg. Built by DuckDB; returns the number of events written."""
    months = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ]
    con.execute(
        "create or replace temp table police_json_events as"
        " with picked as ("
        "  select row_number() over (order by occurred_at, id) as rn, occurred_at, category, summary"
        "  from incident"
        "  where source = 'polisen' and municipality_code = ?"
        "  order by occurred_at desc"
        "  limit ?"
        " ), final as ("
        "  select ? + rn as id,"
        "         strftime(occurred_at + interval 40 minute, '%Y-%m-%d ')"
        "           || cast(hour(occurred_at + interval 40 minute) as varchar)"
        "           || strftime(occurred_at + interval 40 minute, ':%M:%S') || ' +01:00' as datetime,"
        "         lpad(cast(day(occurred_at) as varchar), 2, '0') || ' ' || list_extract(?, month(occurred_at))"
        "           || ' ' || strftime(occurred_at, '%H:%M') || ', ' || category || ', Trelleborg' as name,"
        "         summary,"
        "         '/aktuellt/handelser/benchmark/' || cast(? + rn as varchar) || '/' as url,"
        "         category as type,"
        "         {'name': 'Trelleborg', 'gps': '55.375,13.157'} as location"
        "  from picked"
        " )"
        " select * from final order by id",
        [benchdata.EST_MUNICIPALITY, n, id_offset, months, id_offset],
    )
    # DuckDB's own JSON writer: no pandas copy of the events in the benchmark process' memory.
    try:
        rows = con.execute("select count(*) from police_json_events").fetchone()[0]
        con.execute(f"copy police_json_events to '{out}' (format json, array true)")
    finally:
        con.execute("drop table if exists police_json_events")
    return int(rows)


def fault_csv(con, out: Path, n: int, id_offset: int) -> int:
    """A felanmälan CSV in the layout the felanmälan importer reads (semicolons, decimal comma, as
    from Swedish Excel), from the dataset's fault reports. Returns the number of rows written."""
    frame = con.execute(
        "with picked as ("
        "  select row_number() over (order by occurred_at, id) as rn, i.*"
        "  from incident i"
        "  where source = 'felanmalan' and municipality_code = ?"
        "  order by occurred_at desc"
        "  limit ?"
        " ), final as ("
        "  select 'B-' || cast(? + rn as varchar) as c_id,"
        "         strftime(occurred_at, '%Y-%m-%d %H:%M') as c_time,"
        "         category as c_category,"
        "         location_name as c_address,"
        "         replace(cast(cost_sek as varchar), '.', ',') as c_cost,"
        "         cast(lat as varchar) as c_lat, cast(lon as varchar) as c_lon,"
        "         summary as c_text"
        "  from picked"
        " )"
        " select * from final order by c_id",
        [benchdata.EST_MUNICIPALITY, n, id_offset],
    ).df()
    frame.columns = _fault_layout()
    frame.to_csv(out, sep=";", index=False, encoding="utf-8")
    return len(frame)


def _fault_layout() -> list[str]:
    """Column names of the felanmälan file, in the order fault_csv writes them."""
    return ["Ärendenummer", "Datum", "Kategori", "Adress", "Kostnad", "Lat", "Lon", "Beskrivning"]


# ---------------------------------------------------------------------------------------------- measuring


def importer_module(source: str):
    from est_data.ingest import IMPORTERS

    path = IMPORTERS.get(source)
    if path is None:
        return None
    return importlib.import_module(path)


def measure_import(work: Path, source: str, rows: int, runs: int, max_seconds: float = 30.0) -> Measure:
    """Rows per second of an importer's `load`, on files made from the dataset (fresh ids every run).

    A probe of 1 000 rows first estimates the speed; a slow importer then reads fewer rows per run,
    so that one run takes at most about max_seconds (the note says so)."""
    budget = POLICE_ROWS_PER_S if source == "polisen" else None
    m = Measure(f"import {source}", "rader/s", budget=budget, budget_kind="min")
    module = importer_module(source)
    if module is None:
        m.status, m.note = MISSING, f"ingen importör för {source} i est_data.ingest.IMPORTERS"
        return m
    con = db.connect(work)
    make, suffix = (police_json, ".json") if source == "polisen" else (fault_csv, ".csv")
    loaded = []

    def one(run: int, n: int) -> float:
        path = work.parent / f"{source}-{run}{suffix}"
        written = make(con, path, n, 900_000_000 + run * 10_000_000)
        data = path.read_bytes()
        start = time.perf_counter()
        report = module.load(con, data, path.name)
        elapsed = time.perf_counter() - start
        loaded.append(report.rows_loaded)
        if report.rows_rejected:
            m.note = f"{report.rows_rejected} av {written} rader avvisade: {report.rejected[0].reason}"[:200]
        return report.rows_read / elapsed if elapsed else 0.0

    try:
        probe = one(99, min(rows, 1_000))
        n = min(rows, max(1_000, int(probe * max_seconds)))
        loaded.clear()
        for run in range(runs):
            m.values.append(one(run, n))
        reduced = f" (minskat från {rows}: importören är långsam)" if n < rows else ""
        m.note = (m.note + f"; {n} rader per körning{reduced}, inlästa {loaded}").strip("; ")
    except Exception as err:
        m.status, m.note = "fel", f"{type(err).__name__}: {err}"[:300]
    return m


def _largest_import(work: Path) -> Measure:
    """Peak memory of importing the largest file the import limits allow (est_data/bench/limits.py)."""
    from est_data.bench import limits as bench_limits

    db.close(work)
    got = bench_limits.measure(work)
    m = Measure(
        "import av största tillåtna fil (topp-RSS)",
        "byte",
        [got["peak_rss_bytes"]] if "peak_rss_bytes" in got else [],
        status="fel" if "error" in got else "ok",
    )
    m.note = f"felanmälan-CSV {got['file_bytes'] / 1e6:.0f} MB, {got['rows']} rader" + (
        f", inlästa {got.get('rows_loaded')} på {got['seconds']:.0f} s"
        if "error" not in got
        else f": {got.get('error')}"
    )
    return m


def measure_weekly_report(work: Path, runs: int) -> Measure:
    m = Measure("veckorapport (PDF)", "s")
    if importlib.util.find_spec("est_data.report.weekly") is None:
        m.status, m.note = MISSING, "est_data/report/weekly.py finns inte"
        return m
    from est_data import cli, queries

    parser = cli.build_parser()
    commands = next(a for a in parser._subparsers._group_actions if isinstance(a, argparse._SubParsersAction))
    if "report" not in commands.choices:
        m.status, m.note = MISSING, "kommandot 'report' finns inte i CLI:t"
        return m
    week = queries.latest_answer_week(db.connect(work), benchdata.EST_MUNICIPALITY)
    try:
        for run in range(runs):
            out = work.parent / f"vecka-{run}.pdf"
            start = time.perf_counter()
            code = cli.main(["--db", str(work), "report", "weekly", "--week", str(week), "--out", str(out)])
            m.values.append(time.perf_counter() - start)
            if code != 0 or not out.exists() or not out.read_bytes().startswith(b"%PDF"):
                m.status, m.note = "fel", f"exit code {code}, ingen PDF"
                break
        m.note = m.note or f"vecka {week}, via CLI (inkl. anslutning)"
    except SystemExit as err:
        m.status, m.note = "fel", f"CLI avslutade med {err.code}"
    except Exception as err:
        m.status, m.note = "fel", f"{type(err).__name__}: {err}"[:300]
    return m


def _generate_in_child(scale: str) -> tuple[Path, float, int]:
    """Generate the dataset in a child process (so its memory does not count as the benchmark's)."""
    path = benchdata.dataset_path(scale)
    if path.exists():
        return path, 0.0, 0
    start = time.perf_counter()
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=benchdata.ensure_dataset, args=(scale,))
    child.start()
    child.join()
    if child.exitcode != 0 or not path.exists():
        raise RuntimeError(f"dataset generation failed (exit code {child.exitcode})")
    return path, time.perf_counter() - start, peak_rss_bytes(resource.RUSAGE_CHILDREN)


def run(
    scale: str,
    runs: int = 5,
    cold_runs: int = 3,
    import_runs: int = 3,
    page_keys: list[str] | None = None,
    parts: tuple[str, ...] = ("pages", "imports", "report", "limits"),
    progress=print,
    page_timeout: float = 600,
    police_files: tuple[str, ...] = (),
) -> dict:
    """Run the benchmark; returns everything measured as a JSON-ready dict."""
    load_start = os.getloadavg()
    path, gen_seconds, gen_rss = _generate_in_child(scale)
    progress(
        f"Datamängd {scale}: {path}" + (f" (genererad på {gen_seconds:.1f} s)" if gen_seconds else " (cache)")
    )
    con = db.connect(path)  # migrations of newer code are applied here, not inside a timed run
    counts = {
        t: n
        for t, n in db.table_counts(con).items()
        if t
        in (
            "area",
            "place",
            "reporter",
            "survey_response",
            "survey_rating",
            "observation",
            "incident",
            "crime_stat",
            "action",
        )
    }
    measures: list[Measure] = []
    rss_after: dict[str, int] = {}
    pages_out = []
    if "pages" in parts:
        # What every import does once its rows are in (issue 14): Karta's Gi* hotspots, stored. Timed
        # on its own; the pages' cold runs below are then "the first run after new data".
        from est_data import incidents
        from est_data.bench import emerging as emerging_bench

        for name, seconds, note in emerging_bench.measure(con):  # issue 19: the cube, timed apart
            measures.append(Measure(name, "s", [seconds], note=note))
            progress(f"  {name}: {_fmt(measures[-1])} ({note})")
        start = time.perf_counter()
        incidents.precompute(con)
        measures.append(
            Measure(
                "hotspots efter import",
                "s",
                [time.perf_counter() - start],
                note="görs efter varje import, inte på sidan",
            )
        )
        progress(f"  hotspots efter import: {_fmt(measures[-1])}")
        from est_data.analysis import nearrepeat  # issue 19: the "förhöjd risk" list's Knox tables

        con.execute("delete from near_repeat_result")  # the compute time, not a stored result's lookup
        start = time.perf_counter()
        nearrepeat.precompute(con)
        measures.append(
            Measure(
                "nära upprepning (Knox) efter import",
                "s",
                [time.perf_counter() - start],
                note=f"{nearrepeat.PERMUTATIONS} permutationer; görs efter varje import, inte på sidan",
            )
        )
        progress(f"  nära upprepning efter import: {_fmt(measures[-1])}")
        from est_data.ui import bench as ui_bench

        budget = PAGE_BUDGET_S.get(scale)
        for page in ui_bench.measure_pages(
            path, page_keys, cold_runs, runs, timeout=page_timeout, progress=progress
        ):
            pages_out.append(asdict(page))
            for kind, values in (
                ("kall", page.cold),
                ("kall, CPU", page.cold_cpu),
                ("varm", page.warm),
                ("varm, CPU", page.warm_cpu),
            ):
                measures.append(
                    Measure(
                        f"sida {page.key} ({kind})",
                        "s",
                        values,
                        status=page.status,
                        budget=budget if kind == "varm" else None,
                        note=page.error or "",
                    )
                )
            payload = Measure(
                f"sida {page.key} skickar",
                "byte",
                [page.payload_bytes] if page.payload_bytes is not None else [],
                status=page.status,
                budget=MAP_PAYLOAD_BYTES if page.has_map else None,
                note="karta" if page.has_map else "",
            )
            measures.append(payload)
        from est_data.bench import riskmap as bench_risk  # issue 19: the risk layer's compute and page times

        measures.extend(bench_risk.measure(con, path, runs, cold_runs, Measure, budget, progress))
        rss_after["pages"] = peak_rss_bytes()
    db.close(path)
    with tempfile.TemporaryDirectory(prefix="est-bench-") as tmp:
        work = benchdata.copy_dataset(path, Path(tmp) / "work.duckdb")
        sizes = benchdata.SCALES[scale]
        if "imports" in parts:
            for source, rows in (
                ("polisen", sizes.police_import_rows),
                ("felanmalan", sizes.fault_import_rows),
            ):
                measures.append(measure_import(work, source, rows, import_runs))
                progress(f"  import {source}: {_fmt(measures[-1])}")
            # the real-archive-shaped file (and any --police-file), in-process and as the whole CLI command
            from est_data.bench import police as bench_police

            files = [("arkivformad fil", None)] + [(Path(f).name, Path(f)) for f in police_files]
            measures.extend(bench_police.measure(files, import_runs, Measure, progress))
            rss_after["imports"] = peak_rss_bytes()
        if "report" in parts:
            db.close(work)
            measures.append(measure_weekly_report(work, import_runs))
            progress(f"  veckorapport: {_fmt(measures[-1])}")
            rss_after["report"] = peak_rss_bytes()
        if "limits" in parts:
            measures.append(_largest_import(work))
            progress(f"  största tillåtna fil: {_fmt(measures[-1])}")
        db.close(work)
    peak = Measure(
        "högsta minnesanvändning (RSS)",
        "byte",
        [peak_rss_bytes()],
        budget=PEAK_RSS_BYTES.get(scale),
        note="benchmarkprocessen; generatorn körs i en egen process",
    )
    measures.append(peak)
    return {
        "scale": scale,
        "generator_version": benchdata.GENERATOR_VERSION,
        "dataset": str(path),
        "dataset_bytes": path.stat().st_size,
        "counts": counts,
        "generated_seconds": gen_seconds or None,
        "generator_peak_rss_bytes": gen_rss or None,
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": multiprocessing.cpu_count(),
            "load_average_start": load_start,
            "load_average_end": os.getloadavg(),
        },
        "runs": {"warm": runs, "cold": cold_runs, "import": import_runs},
        "measures": [m.as_dict() for m in measures],
        "pages": pages_out,
        "peak_rss_after": rss_after,
    }


# ---------------------------------------------------------------------------------------------- output


def _number(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.3f}"
    if unit == "byte":
        return f"{value / 1e6:.2f} MB" if value >= 1e5 else f"{value / 1e3:.1f} kB"
    return f"{value:,.0f}".replace(",", " ")


def _fmt(m: Measure) -> str:
    if m.status == MISSING:
        return MISSING
    if m.median is None:
        return f"{m.status}: {m.note}"
    lo, hi = m.spread
    return f"{_number(m.median, m.unit)} ({_number(lo, m.unit)}–{_number(hi, m.unit)})"


def table(result: dict) -> str:
    """The result as a plain-text table (also valid Markdown)."""
    machine = result["machine"]
    lines = [
        f"EST-dashboard benchmark, skala {result['scale']} ({result['when']}): "
        + ", ".join(f"{k} {v:,}".replace(",", " ") for k, v in result["counts"].items()),
        f"Maskin: {machine['cpus']} kärnor, belastning (load average, 1 min) {machine['load_average_start'][0]:.1f}"
        f" före och {machine['load_average_end'][0]:.1f} efter; 'CPU' är processens CPU-tid (alla trådar).",
        "",
        "| mätning | enhet | median | spridning (min–max) | n | budget | inom budget | not |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for d in result["measures"]:
        m = Measure(
            **{k: d[k] for k in ("name", "unit", "values", "status", "budget", "budget_kind", "note")}
        )
        if m.status == MISSING or m.median is None:
            med, spread = m.status, ""
        else:
            med = _number(m.median, m.unit)
            spread = f"{_number(m.spread[0], m.unit)}–{_number(m.spread[1], m.unit)}"
        budget = (
            "" if m.budget is None else ("≤ " if m.budget_kind == "max" else "≥ ") + _number(m.budget, m.unit)
        )
        ok = {None: "", True: "ja", False: "NEJ"}[m.within_budget]
        lines.append(
            f"| {m.name} | {m.unit} | {med} | {spread} | {len(m.values)} | {budget} | {ok} | "
            f"{m.note.replace('|', '/')} |"
        )
    return "\n".join(lines)
