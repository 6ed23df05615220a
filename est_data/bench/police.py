"""The police import on a real-archive-shaped file: in-process and as the whole CLI command.

The real archive of the police open API (all of Sweden, 2022-10 to 2026-08) has ~85 000 events
from all 290 municipalities. `archive_file` builds a file of that shape from the 4 654 real events
in tests/fixtures (Trelleborg, Örebro, Malmö): copies of every real event, each copy re-identified
with a new id and moved to another municipality (its name in `location.name` and in the last part
of `name`, its county for county-level events, its centre point as `gps`), so the file has real
texts, real quirks (non-padded hours, "HH.MM" times, summaries, 2026 county-level events, events
of 31 December published in January) and the real archive's spread over municipalities.

`measure` times `polisen.load` in-process (rows/s, the DESIGN §7 budget ≥ 50 000) and the whole
`python -m est_data --db DB import polisen FILE` in a new process, start-up included (≥ 25 000).
Both start from a new, migrated database, the state of a first import of the archive.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from est_data import config, db

ARCHIVE_EVENTS = 85_011
IN_PROCESS_BUDGET = 50_000
CLI_BUDGET = 25_000
REAL_EVENTS = Path("tests") / "fixtures" / "polisen" / "events_trelleborg_orebro_malmo.json"


def real_events_path() -> Path:
    return config.project_root() / REAL_EVENTS


def _centres() -> dict[str, str]:
    """Municipality code -> its centre as the API's 'lat,lon' (a point inside its boundary)."""
    from est_data.ingest import reference

    table = reference._boundaries()  # noqa: SLF001 (the shipped boundaries, read once)
    points = table.geometry.representative_point()
    return {code: f"{p.y:.6f},{p.x:.6f}" for code, p in zip(table.index, points, strict=True)}


def archive_events(real: list[dict], total: int = ARCHIVE_EVENTS) -> list[dict]:
    """`total` events: copies of the real ones, re-identified and spread over the 290 municipalities."""
    from est_data.ingest import reference

    table = reference.kommuner()
    names = list(table["municipality_name"])
    counties = dict(zip(table["municipality_name"], table["county_name"], strict=True))
    codes = dict(zip(table["municipality_name"], table["municipality_code"], strict=True))
    centres = _centres()
    max_id = max(int(e["id"]) for e in real)
    out: list[dict] = []
    copy = 0
    while len(out) < total:
        for position, event in enumerate(real):
            if len(out) >= total:
                break
            if not copy:  # the real events as they are
                out.append(event)
                continue
            place = str(event["name"]).rsplit(",", 1)[-1].strip()
            # every copy spreads the events over all 290 municipalities
            target = names[(copy * len(real) + position) % len(names)] if place in counties else place
            location = dict(event.get("location") or {})
            if str(location.get("name", "")).endswith(" län"):
                location["name"] = counties.get(target, location["name"])
            elif target in codes:
                location["name"] = target
                location["gps"] = centres.get(codes[target], location.get("gps"))
            head = str(event["name"])[: len(str(event["name"])) - len(str(event["name"]).rsplit(",", 1)[-1])]
            out.append(
                {
                    **event,
                    "id": int(event["id"]) + copy * (max_id + 1),
                    "name": f"{head} {target}",
                    "url": f"{event.get('url') or ''}kopia-{copy}/",
                    "location": location,
                }
            )
        copy += 1
    return out


def archive_file(out: Path, total: int = ARCHIVE_EVENTS, source: Path | None = None) -> int:
    """Write the real-archive-shaped file; returns the number of events (0 when the real file is missing)."""
    source = source or real_events_path()
    if not source.exists():
        return 0
    real = json.loads(source.read_text(encoding="utf-8"))
    events = archive_events(real, total)
    out.write_text(json.dumps(events, ensure_ascii=False), encoding="utf-8")
    return len(events)


def _fresh_db(path: Path) -> Path:
    con = db.connect(path)  # migrated here, outside the timing
    con.execute("checkpoint")
    db.close(path)
    return path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def in_process(file: Path, work: Path) -> tuple[float, int, float]:
    """(events per second, events read, CPU seconds of all threads) of polisen.load on a new database."""
    from est_data.ingest import polisen

    database = _fresh_db(work / "inprocess.duckdb")
    con = db.connect(database)
    data = file.read_bytes()
    cpu = time.process_time()
    start = time.perf_counter()
    report = polisen.load(con, data, file.name)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    db.close(database)
    database.unlink(missing_ok=True)
    return report.rows_read / elapsed, report.rows_read, cpu


def whole_command(file: Path, work: Path, events: int) -> tuple[float, float]:
    """(events per second, CPU seconds) of `python -m est_data --db DB import polisen FILE` in a new process."""
    database = _fresh_db(work / "cli.duckdb")
    env = {**os.environ, "EST_LOAD_SAMPLE": "0"}
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "est_data", "--db", str(database), "import", "polisen", str(file)],
        cwd=config.project_root(),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    database.unlink(missing_ok=True)
    if done.returncode != 0:
        raise RuntimeError(f"exit code {done.returncode}: {done.stderr.strip()[-300:]}")
    return events / elapsed, cpu


def measure(files: list[tuple[str, Path | None]], runs: int, measure_cls, progress=print) -> list:
    """One in-process and one CLI measure per (label, file); None as file = the archive-shaped one."""
    out = []
    with tempfile.TemporaryDirectory(prefix="est-bench-polisen-") as tmp:
        work = Path(tmp)
        for label, file in files:
            inproc = measure_cls(
                f"import polisen, {label} (i processen)",
                "rader/s",
                budget=IN_PROCESS_BUDGET,
                budget_kind="min",
            )
            cli = measure_cls(
                f"import polisen, {label} (hela CLI-kommandot)",
                "rader/s",
                budget=CLI_BUDGET,
                budget_kind="min",
            )
            if file is None:
                file = work / "polisen-arkiv.json"
                if not archive_file(file):
                    for m in (inproc, cli):
                        m.status, m.note = "saknas", f"{REAL_EVENTS} finns inte"
                    out += [inproc, cli]
                    continue
            try:
                events, cpu_in, cpu_cli = 0, [], []
                for _ in range(runs):
                    rate, events, cpu = in_process(file, work)
                    inproc.values.append(rate)
                    cpu_in.append(cpu)
                for _ in range(runs):
                    rate, cpu = whole_command(file, work, events)
                    cli.values.append(rate)
                    cpu_cli.append(cpu)
                # CPU time does not grow with the machine's load as the wall time does: with the cores
                # free, the wall time is at most about the CPU time
                for m, cpu in ((inproc, cpu_in), (cli, cpu_cli)):
                    per_cpu = f"{events / min(cpu):,.0f}".replace(",", " ")
                    m.note = (
                        f"{events} händelser, {file.name}, ny databas; CPU-tid {min(cpu):.2f} s"
                        f" (= {per_cpu} händelser per CPU-sekund)"
                    )
            except Exception as err:  # a benchmark reports, it does not stop
                for m in (inproc, cli):
                    m.status, m.note = "fel", f"{type(err).__name__}: {err}"[:300]
            out += [inproc, cli]
            progress(
                f"  {inproc.name}: {inproc.median or 0:.0f}; {cli.name}: {cli.median or 0:.0f} händelser/s"
            )
    return out
