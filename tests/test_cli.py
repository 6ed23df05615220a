"""The command line: init, sample, users; clear messages and exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

from est_data import db
from tests.conftest import ROOT


def run(*args: str, stdin: str = "", env_db: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "est_data", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_init_creates_a_migrated_database(tmp_path):
    path = tmp_path / "x.duckdb"
    result = run("--db", str(path), "init")
    assert result.returncode == 0, result.stderr
    assert "schemaversion" in result.stdout
    con = db.connect(path)
    assert db.current_version(con) == db.latest_version()
    assert con.execute("select count(*) from area").fetchone()[0] == 0
    db.close(path)


def test_init_sample_loads_once(tmp_path):
    path = tmp_path / "s.duckdb"
    result = run("--db", str(path), "init", "--sample")
    assert result.returncode == 0, result.stderr
    assert "area 14" in result.stdout and "reporter 40" in result.stdout
    again = run("--db", str(path), "init", "--sample")
    assert again.returncode == 2
    assert "Traceback" not in again.stderr
    assert "redan data" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1


def test_users_add_and_list(tmp_path):
    path = tmp_path / "u.duckdb"
    ok = run(
        "--db",
        str(path),
        "users",
        "add",
        "kim",
        "--role",
        "samordnare",
        "--password-stdin",
        stdin="ett-bra-losenord\n",
    )
    assert ok.returncode == 0, ok.stderr
    listed = run("--db", str(path), "users", "list")
    assert "kim" in listed.stdout and "samordnare" in listed.stdout
    assert "ett-bra-losenord" not in listed.stdout + ok.stdout + ok.stderr
    con = db.connect(path)
    assert con.execute("select password_hash from app_user").fetchone()[0].startswith("$argon2id$")
    db.close(path)


def test_users_add_refuses_mistakes(tmp_path):
    path = str(tmp_path / "u.duckdb")
    short = run("--db", path, "users", "add", "kim", "--role", "admin", stdin="kort\n")
    assert short.returncode == 2 and "minst 10 tecken" in short.stderr and "Traceback" not in short.stderr
    bad_role = run("--db", path, "users", "add", "kim", "--role", "chef", stdin="ett-bra-losenord\n")
    assert bad_role.returncode == 2 and "Traceback" not in bad_role.stderr
    run("--db", path, "users", "add", "kim", "--role", "admin", stdin="ett-bra-losenord\n")
    dup = run("--db", path, "users", "add", "kim", "--role", "admin", stdin="ett-bra-losenord\n")
    assert dup.returncode == 2 and "finns redan" in dup.stderr
    empty = run("--db", path, "users", "add", "lo", "--role", "admin", "--password-stdin", stdin="")
    assert empty.returncode == 2 and "inget lösenord" in empty.stderr


def test_sample_command_writes_the_files(tmp_path):
    result = run("sample", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "incidents.csv").read_bytes() == (
        ROOT / "sample_data" / "incidents.csv"
    ).read_bytes()


def test_unknown_command_is_a_usage_error():
    result = run("nonsense")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_unreadable_database_path_is_a_clear_error(tmp_path):
    bad = tmp_path / "not-a-db.duckdb"
    bad.write_bytes(b"this is not a duckdb file" * 100)
    result = run("--db", str(bad), "users", "list")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "databasen kunde inte öppnas" in result.stderr
