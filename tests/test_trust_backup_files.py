"""Backups (issue 16, item 7): a manifest without `file` is refused with a message, not a KeyError;
backups are written readable by their owner only (directories 0700, files 0600), not 0644."""

from __future__ import annotations

import json
import stat

import pytest

from est_data import backup, cli, db, restore


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_backup_files_are_private(empty_con, tmp_path):
    out = tmp_path / "kopia"
    backup.backup(empty_con, out)
    assert _mode(out) == 0o700
    files = list(out.iterdir())
    assert len(files) > 10 and (out / "manifest.json") in files
    assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_backup_next_to_the_database_is_private(empty_db, empty_con):
    out = backup.backup_next_to_database(empty_con, "manuell")
    assert out is not None and out.parent.name == "backups"
    assert _mode(out.parent) == 0o700 and _mode(out) == 0o700
    assert all(_mode(p) == 0o600 for p in out.iterdir())


def test_an_existing_empty_directory_is_made_private(empty_con, tmp_path):
    out = tmp_path / "tom"
    out.mkdir(mode=0o755)
    out.chmod(0o755)
    backup.backup(empty_con, out)
    assert _mode(out) == 0o700


@pytest.fixture
def made(empty_con, tmp_path):
    out = tmp_path / "kopia"
    backup.backup(empty_con, out)
    return out


def _edit_manifest(out, edit) -> None:
    path = out / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    edit(manifest)
    path.chmod(0o600)
    path.write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize(
    "edit, words",
    [
        (lambda m: m["tables"]["area"].pop("file"), "tables/area"),
        (lambda m: m["tables"]["area"].pop("sha256"), "tables/area"),
        (lambda m: m["tables"]["area"].update(file="../../etc/passwd"), "tables/area/file"),
        (lambda m: m["tables"].update(area="inte ett objekt"), "tables/area"),
        (lambda m: m.pop("schema_version"), "schema_version"),
    ],
)
def test_manifest_missing_fields_gives_a_clear_error(made, tmp_path, edit, words):
    _edit_manifest(made, edit)
    with pytest.raises(backup.BackupError, match="okänt format") as err:
        restore.verify(made)
    assert words in str(err.value)
    con = db.connect(tmp_path / "ny.duckdb")
    with pytest.raises(backup.BackupError):
        restore.restore(con, made)
    assert not backup.has_data(con)


def test_cli_restore_of_a_manifest_without_file_is_one_line(made, tmp_path, capsys):
    _edit_manifest(made, lambda m: m["tables"]["area"].pop("file"))
    code = cli.main(["--db", str(tmp_path / "ny.duckdb"), "restore", str(made)])
    err = capsys.readouterr().err
    assert code != 0 and "okänt format" in err and "KeyError" not in err and "Traceback" not in err
    db.close(tmp_path / "ny.duckdb")
