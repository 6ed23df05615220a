"""The import inbox: how a command-line import reaches a database the app holds open.

DuckDB lets one process at a time open a database file for writing, and the running app keeps its
connection for its whole life. So a scheduled `python -m est_data import ...` that finds the file
locked does not fail: it copies the file into the database's inbox
(`est.inbox/` beside `est.duckdb`), and the app's inbox watcher (a background thread started with the app)
imports it through the same importer, in one transaction with its `import_batch` row, within a few
seconds. Pages show the new data at their next run, because the cache key (`db.revision`) follows
`import_batch`. The CLI waits for the result (`--wait`, default 120 s) and prints the usual summary
line; a job the app has not taken by then stays in the inbox and is imported when the app runs.

Jobs are written atomically (data file first, then the job file by rename); a finished job moves
to `done/` (or `failed/`) in the inbox with its report as JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import shutil
import threading
import time
import traceback
import uuid
from pathlib import Path
from typing import Any

import jsonschema

POLL_SECONDS = 3.0
JOB_SUFFIX = ".job.json"
_watchers: dict[str, threading.Thread] = {}
_watch_lock = threading.Lock()


# A job file is only trusted as far as this schema: the data file is a bare name inside the inbox
# (no path part, so a job cannot make the app move the database or any other file), and the module
# is one of the importers (a job cannot make the app import an arbitrary module). jsonschema does the
# structural check; the two rules that need Python (the module list, the bare name) follow it.
JOB_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "module", "source", "file_name", "data", "options", "strict", "queued_at"],
    "properties": {
        "id": {"type": "string", "pattern": r"^[A-Za-z0-9_-]{1,80}$"},
        "module": {"type": "string"},
        "source": {"type": "string", "maxLength": 40},
        "file_name": {"type": "string", "maxLength": 255},
        "data": {"type": "string", "pattern": r"^[A-Za-z0-9_-]{1,80}\.data$"},
        "options": {"type": "object"},
        "strict": {"type": "boolean"},
        "queued_at": {"type": "string", "maxLength": 40},
    },
}


class JobError(ValueError):
    """A job file that does not follow JOB_SCHEMA. Message: Swedish / English."""


def importer_modules() -> frozenset[str]:
    """The modules a job may name: the CLI's import sources and the Data page's importers."""
    from est_data.ingest import CLI_SOURCES, IMPORTERS

    return frozenset(IMPORTERS.values()) | frozenset(CLI_SOURCES.values())


def validate_job(job: Any) -> dict[str, Any]:
    """The job if it follows JOB_SCHEMA, the module list and a bare data file name; JobError otherwise."""
    try:
        jsonschema.validate(job, JOB_SCHEMA)
    except jsonschema.ValidationError as err:
        where = "/".join(str(p) for p in err.absolute_path) or "jobbet"
        raise JobError(f"ogiltig jobbfil ({where}) / invalid job file ({where}): {err.message}") from None
    if job["module"] not in importer_modules():
        raise JobError(f"okänd importmodul / unknown import module: {job['module'][:80]}")
    if Path(job["data"]).name != job["data"]:  # the pattern already forbids it; say why it matters
        raise JobError("datafilen får inte ha någon sökväg / the data file must not have a path")
    return job


def inbox_dir(db_file: str | Path) -> Path:
    """`<name>.inbox/` beside the database file `<name>.duckdb` (one inbox per database)."""
    path = Path(db_file).resolve()
    return path.parent / f"{path.stem}.inbox"


def is_locked_error(err: BaseException) -> bool:
    """True for DuckDB's error when another process holds the database file."""
    text = str(err).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


def queue(
    db_file: str | Path,
    module: str,
    source: str,
    file: str | Path,
    options: dict[str, Any],
    strict: bool = False,
) -> Path:
    """Put a file and its import options in the inbox. Returns the job file."""
    box = inbox_dir(db_file)
    box.mkdir(parents=True, exist_ok=True)
    job_id = dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:8]
    src = Path(file)
    data_path = box / f"{job_id}.data"
    shutil.copyfile(src, data_path)
    job = {
        "id": job_id,
        "module": module,
        "source": source,
        "file_name": src.name,
        "data": data_path.name,
        "options": options,
        "strict": bool(strict),
        "queued_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    tmp = box / f"{job_id}.tmp"
    tmp.write_text(json.dumps(job, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(tmp, box / f"{job_id}{JOB_SUFFIX}")
    return box / f"{job_id}{JOB_SUFFIX}"


def pending(db_file: str | Path) -> list[Path]:
    box = inbox_dir(db_file)
    return sorted(box.glob(f"*{JOB_SUFFIX}")) if box.is_dir() else []


def result_path(job_file: Path) -> tuple[Path, Path]:
    name = job_file.name.replace(JOB_SUFFIX, ".result.json")
    return job_file.parent / "done" / name, job_file.parent / "failed" / name


def wait_for(job_file: Path, seconds: float, poll: float = 0.5) -> dict | None:
    """The job's result once the app has processed it, or None after `seconds`."""
    done, failed = result_path(job_file)
    deadline = time.monotonic() + seconds
    while True:
        for path in (done, failed):
            if path.is_file():
                return json.loads(path.read_text(encoding="utf-8"))
        if time.monotonic() >= deadline:
            return None
        time.sleep(poll)


def process_job(con, job_file: Path) -> dict:
    """Import one job through its importer (same path as the CLI) and file its result.

    A job file that does not follow JOB_SCHEMA is filed under `failed/` with the reason; its data
    file is touched only when its name is a bare name inside the inbox.
    """
    from est_data.ingest.common import ImportFileError

    box = job_file.parent
    stem = job_file.name.replace(JOB_SUFFIX, "")
    result: dict[str, Any] = {"id": stem}
    data_path: Path | None = None
    try:
        try:
            raw = json.loads(job_file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise JobError(
                f"jobbfilen är inte giltig JSON / the job file is not valid JSON ({err})"
            ) from None
        job = validate_job(raw)
    except JobError as err:
        result.update(ok=False, message=str(err))
        job = None
    if job is not None:
        data_path = box / job["data"]
        result.update(
            id=job["id"], source=job["source"], file_name=job["file_name"], queued_at=job["queued_at"]
        )
        try:
            from est_data import db

            module = importlib.import_module(job["module"])
            with db.shared():  # the import's temp tables live on this cursor: no file rewrite meanwhile
                if hasattr(module, "before_load"):
                    module.before_load(
                        con, argparse.Namespace(**job["options"], strict=job["strict"], file=str(data_path))
                    )
                report = _load_with_retry(module, con, str(data_path), job)
            from est_data import derived

            derived.after_import(con, report.rows_loaded)  # hotspots and near-repeat ready for the pages
            result.update(
                ok=True,
                summary=report.summary_line(),
                rows_read=report.rows_read,
                rows_loaded=report.rows_loaded,
                rows_rejected=report.rows_rejected,
                batch_id=report.batch_id,
                rejected=[f"rad {r.line}: {r.reason}" for r in report.rejected[:100]],
            )
        except ImportFileError as err:
            result.update(ok=False, message=f"{job['file_name']}: {err}")
        except Exception as err:  # an importer bug must not stop the watcher; keep the details for the admin
            result.update(
                ok=False,
                message=f"{job['file_name']}: oväntat fel / unexpected error: {err}",
                traceback=traceback.format_exc(),
            )
    result["finished_at"] = dt.datetime.now().isoformat(timespec="seconds")
    target = box / ("done" if result["ok"] else "failed")
    target.mkdir(exist_ok=True)
    (target / f"{stem}.result.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    if data_path is not None and data_path.parent == box and data_path.is_file():
        os.replace(data_path, target / data_path.name)
    job_file.unlink(missing_ok=True)
    return result


def _load_with_retry(module, con, path: str, job: dict, attempts: int = 4):
    """The importer's load; retried when a concurrent write in the app conflicts with its transaction."""
    import duckdb

    for attempt in range(attempts):
        try:
            return module.load(con, path, job["file_name"], strict=job["strict"], **job["options"])
        except duckdb.TransactionException:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5 * (attempt + 1))
    return None


def process_pending(con, db_file: str | Path) -> list[dict]:
    return [process_job(con, job) for job in pending(db_file)]


def _watch(db_file: str, stop: threading.Event) -> None:
    from est_data import db

    while not stop.is_set():
        try:
            if pending(db_file):
                process_pending(db.cursor(db_file), db_file)
        except Exception:  # keep watching; a failing job is filed by process_job
            traceback.print_exc()
        stop.wait(POLL_SECONDS)


def start_watcher(db_file: str) -> threading.Event | None:
    """Start the app's inbox watcher for this database (once per process). Returns its stop event."""
    if db_file == ":memory:":
        return None
    with _watch_lock:
        thread = _watchers.get(db_file)
        if thread is not None and thread.is_alive():
            return getattr(thread, "stop_event", None)
        stop = threading.Event()
        thread = threading.Thread(target=_watch, args=(db_file, stop), name="est-inbox", daemon=True)
        thread.stop_event = stop  # type: ignore[attr-defined]
        _watchers[db_file] = thread
        thread.start()
        return stop
