"""Server-side page timings under AppTest, for `python -m est_data bench` (est_data/bench/runner.py).
The AppTest driver stays in est_data/ui/ because it imports streamlit; its result type is
est_data.bench.pages.PageRun.

Each page of the registry is run as a logged-in user through app.py (the shell, the sidebar
filters and the page, as a browser visit runs them): cold (st.cache_data cleared just before the
run) and warm (the same session run again). The bytes a run sends to the browser are the sum of
the serialised ForwardMsgs of that run: elements, dataframes (Arrow), plotly JSON and component
arguments such as the folium map's HTML (media files such as download data are fetched on demand
and not counted).
"""

from __future__ import annotations

import os
import statistics
import time
import traceback
from pathlib import Path

from est_data import config, db
from est_data.bench.pages import USER_FOR_ROLE, PageRun

APP = config.project_root() / "app.py"
_last_payload: dict[str, object] = {}


def _install_payload_hook() -> None:
    """Record the size of every AppTest run's ForwardMsgs (once per process)."""
    from streamlit.testing.v1 import local_script_runner

    runner = local_script_runner.LocalScriptRunner
    if getattr(runner, "_est_bench_hooked", False):
        return
    original = runner.run

    def run(self, *args, **kwargs):
        try:
            return original(self, *args, **kwargs)
        finally:
            blobs = [m.SerializeToString() for m in self.forward_msgs()]
            _last_payload["bytes"] = sum(len(b) for b in blobs)
            _last_payload["map"] = any(b"leaflet" in b.lower() for b in blobs)

    runner.run = run
    runner._est_bench_hooked = True


def _quiet() -> None:
    """AppTest outside a server warns about the missing runtime on every run; keep the table readable."""
    import logging

    for name in list(logging.Logger.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)


def _app(user_id: int, timeout: float):
    from streamlit.testing.v1 import AppTest

    _quiet()

    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.session_state["user_id"] = user_id
    return at


def _exception_text(at) -> str | None:
    if not at.exception:
        return None
    first = at.exception[0]
    return str(getattr(first, "message", None) or getattr(first, "value", first))[:300]


def measure_pages(
    db_path: Path,
    keys: list[str] | None = None,
    cold_runs: int = 3,
    warm_runs: int = 5,
    timeout: float = 600,
    progress=print,
) -> list[PageRun]:
    """Time every registered page (or the given keys) against the database at db_path."""
    import streamlit as st

    from est_data.ui import pages

    os.environ["EST_DB"] = str(db_path)
    _install_payload_hook()
    con = db.connect(db_path)
    users = dict(con.execute("select username, id from app_user").fetchall())
    results = []
    for spec in pages.PAGES:
        if keys and spec.key not in keys:
            continue
        run = PageRun(spec.key)
        results.append(run)
        if not (config.project_root() / "pages" / f"{spec.key}.py").exists():
            run.status = "saknas"
            continue
        role = "admin" if "admin" in spec.roles else spec.roles[0]
        user_id = users.get(USER_FOR_ROLE[role])
        try:
            for i in range(cold_runs):
                at = _app(user_id, timeout)
                at.run()  # the start page; not timed
                at.switch_page(f"pages/{spec.key}.py")
                _quiet()
                st.cache_data.clear()
                _timed_run(at, run.cold, run.cold_cpu)
                run.error = run.error or _exception_text(at)
                if i == 0:
                    for _ in range(warm_runs):
                        _timed_run(at, run.warm, run.warm_cpu)
                    run.payload_bytes = int(_last_payload.get("bytes", 0))
                    run.has_map = bool(_last_payload.get("map"))
                    run.error = run.error or _exception_text(at)
        except Exception as err:  # a page that crashes the runner is reported, not fatal to the benchmark
            run.error = f"{type(err).__name__}: {err}"[:300]
            traceback.print_exc()
        if run.error:
            run.status = "fel"
        if progress:
            med = f"{statistics.median(run.warm):.3f}" if run.warm else "-"
            progress(f"  sida {spec.key}: varm median {med} s, {run.payload_bytes or 0} byte ({run.status})")
    return results


def _timed_run(at, wall: list[float], cpu: list[float]) -> None:
    """One at.run(), its wall and CPU seconds appended to wall and cpu."""
    start, cpu_start = time.perf_counter(), time.process_time()
    at.run()
    wall.append(time.perf_counter() - start)
    cpu.append(time.process_time() - cpu_start)


def measure_page_with(
    db_path: Path,
    key: str,
    toggles: dict[str, bool],
    cold_runs: int = 3,
    warm_runs: int = 5,
    timeout: float = 600,
) -> PageRun:
    """One page with toggles set by key (e.g. Karta with a layer on), as measure_pages times pages:
    cold = the run that sets them after st.cache_data was cleared, warm = the same session run again
    (wall and CPU seconds)."""
    import streamlit as st

    from est_data.ui import pages

    os.environ["EST_DB"] = str(db_path)
    con = db.connect(db_path)
    users = dict(con.execute("select username, id from app_user").fetchall())
    spec = next(s for s in pages.PAGES if s.key == key)
    role = "admin" if "admin" in spec.roles else spec.roles[0]
    run = PageRun(key)
    for i in range(cold_runs):
        at = _app(users.get(USER_FOR_ROLE[role]), timeout)
        at.run()
        at.switch_page(f"pages/{key}.py")
        at.run()  # the page as it opens; not timed
        for widget, value in toggles.items():
            at.toggle(key=widget).set_value(value)
        _quiet()
        st.cache_data.clear()
        _timed_run(at, run.cold, run.cold_cpu)
        run.error = run.error or _exception_text(at)
        if i == 0:
            for _ in range(warm_runs):
                _timed_run(at, run.warm, run.warm_cpu)
    run.status = "fel" if run.error else "ok"
    return run
