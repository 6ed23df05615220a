"""Safety walks and personal data (issue 18 item 3, with issue 16's rules): a walk's participants,
internal notes and photos are personal data. The audit log records that they were set or changed, never
their text; the retention run clears them for walks held before its cutoff; deleting a reporter's
personal data removes their name from the walks; one walk's personal data can be deleted on
Administration; and afterwards none of it can be read from the raw database file.

Before this work the audit log's walk rows held the participants' names and the notes, and retention,
the reporter deletion and erasure left the walks untouched."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from PIL import Image

from est_data import db, privacy, walks
from tests.conftest import app_as

CODE = "1287"
PEOPLE = "Gunvor Ekdahl-Lindqvist, Yusuf Abdirahman"
NOTES = "Internt: fastighetsvärden Sjöberg vill inte nämnas i rapporten"
PHOTO_MARK = b"WALKPHOTOSECRET-0123456789"


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (20, 90, 160)).save(out, format="JPEG", comment=PHOTO_MARK)
    return out.getvalue()


def _raw(path: Path) -> bytes:
    wal = Path(f"{path}.wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _walk(con, when: dt.date, people: str = PEOPLE, notes: str = NOTES) -> int:
    """A held walk in Centrum with a photographed finding and one without a photo."""
    area_id, lat, lon = con.execute(
        "select a.id, p.lat, p.lon from area a join place p on p.area_id = a.id"
        " where a.municipality_code = ? and a.name = 'Centrum' order by p.id limit 1",
        [CODE],
    ).fetchone()
    walk_id = walks.create_walk(
        con,
        "samordnare",
        CODE,
        when,
        area_id=area_id,
        title="Vandring för integritetstest",
        participants_count=9,
        participants=people,
        partners="Polisen",
        status="genomförd",
        notes=notes,
    )
    walks.add_finding(
        con, "samordnare", walk_id, "belysning", photo=_jpeg(), lat=lat, lon=lon, description="Mörk passage"
    )
    walks.add_finding(con, "samordnare", walk_id, "vegetation", description="Höga buskar vid stigen")
    return walk_id


def _audit_dump(con, table: str) -> str:
    return " ".join(
        str(v)
        for v in con.execute(
            "select before_json, after_json from audit_log where table_name = ?", [table]
        ).fetchall()
    )


def test_audit_log_records_that_participants_and_notes_changed_not_their_text(sample_con):
    con = sample_con
    walk_id = _walk(con, dt.date(2026, 5, 12))
    walks.update_walk(con, "samordnare", walk_id, participants="Ny Deltagare Karlsson", notes=None)
    dump = _audit_dump(con, "walk")
    for text in ("Gunvor", "Yusuf", "Sjöberg", "Karlsson", "Internt"):
        assert text not in dump
    created = con.execute(
        "select after_json from audit_log where table_name = 'walk' and operation = 'create'"
        " and record_id = ?",
        [str(walk_id)],
    ).fetchone()[0]
    assert json.loads(created)["participants"] == walks.AUDIT_MARK
    assert json.loads(created)["notes"] == walks.AUDIT_MARK
    assert json.loads(created)["participants_count"] == 9  # the rest is logged as before
    before, after = con.execute(
        "select before_json, after_json from audit_log where table_name = 'walk' and operation = 'update'"
        " and record_id = ?",
        [str(walk_id)],
    ).fetchone()
    # the change is visible (participants changed, notes emptied), the texts are not
    assert json.loads(before) == {"notes": walks.AUDIT_MARK, "participants": walks.AUDIT_MARK}
    assert json.loads(after) == {"notes": None, "participants": walks.AUDIT_MARK}
    # the stored walk holds the new text itself
    assert walks.get_walk(con, walk_id)["participants"] == "Ny Deltagare Karlsson"


def test_migration_020_masks_participants_already_in_the_log(sample_con):
    con = sample_con
    old = json.dumps({"participants": PEOPLE, "notes": NOTES, "title": "Gammal"}, ensure_ascii=False)
    con.execute(
        "insert into audit_log (logged_at, username, operation, table_name, record_id, before_json, after_json)"
        " values (now(), 'samordnare', 'update', 'walk', '999', ?, ?)",
        [old, json.dumps({"notes": None, "participants": "Ny"})],
    )
    sql = next(s for n, _, s in db.schema_files() if n == 20)
    con.execute(sql)
    before, after = con.execute(
        "select before_json, after_json from audit_log where record_id = '999' and table_name = 'walk'"
    ).fetchone()
    assert json.loads(before) == {
        "participants": "[personuppgift]",
        "notes": "[personuppgift]",
        "title": "Gammal",
    }
    assert json.loads(after) == {"notes": None, "participants": "[personuppgift]"}


def test_retention_clears_old_walks_personal_data_and_keeps_the_findings(sample_db):
    con = db.connect(sample_db)
    today = dt.date(2026, 11, 23)
    old = _walk(con, dt.date(2025, 6, 10))  # before the 12-month cutoff 2025-11-23
    new = _walk(con, dt.date(2026, 3, 4), people="Ingrid Wallentin-Öberg", notes="Ny anteckning om Lundell")
    preview = privacy.retention_preview(con, 12, today)
    assert preview.cutoff == dt.datetime(2025, 11, 23)
    walks_before = con.execute(
        "select count(*) from walk where walk_date < ? and (participants is not null or notes is not null)",
        [dt.date(2025, 11, 23)],
    ).fetchone()[0]
    photos_before = con.execute(
        "select count(*) from walk_finding f join walk w on w.id = f.walk_id"
        " where w.walk_date < ? and f.photo is not null",
        [dt.date(2025, 11, 23)],
    ).fetchone()[0]
    assert preview.walks == walks_before >= 1 and preview.photos == photos_before >= 1
    done = privacy.run_retention(con, 12, "admin", today)
    assert (done.walks, done.photos) == (preview.walks, preview.photos)
    gone = walks.get_walk(con, old)
    assert gone["participants"] is None and gone["notes"] is None
    assert gone["participants_count"] == 9 and gone["partners"] == "Polisen"  # not personal: kept
    assert walks.findings(con, old)["description"].tolist() == ["Mörk passage", "Höga buskar vid stigen"]
    assert not walks.findings(con, old)["has_photo"].any()
    kept = walks.get_walk(con, new)
    assert kept["participants"] == "Ingrid Wallentin-Öberg" and kept["notes"] == "Ny anteckning om Lundell"
    assert walks.findings(con, new)["has_photo"].tolist() == [True, False]
    assert privacy.retention_preview(con, 12, today).total == 0
    logged = json.loads(
        con.execute(
            "select after_json from audit_log where operation = 'retention' order by id desc limit 1"
        ).fetchone()[0]
    )
    assert (logged["walks"], logged["photos"]) == (done.walks, done.photos)
    con.execute("checkpoint")
    assert privacy.erase_from_file(con) is True
    raw = _raw(sample_db)
    for text in ("Gunvor Ekdahl-Lindqvist", "fastighetsvärden Sjöberg"):
        assert text.encode("utf-8") not in raw
    assert "Ingrid Wallentin-Öberg".encode() in raw  # the newer walk is kept
    con = db.connect(sample_db)
    assert walks.get_walk(con, new)["participants"] == "Ingrid Wallentin-Öberg"


def test_deleting_a_reporter_removes_their_name_from_the_walks(sample_con):
    con = sample_con
    name, email = con.execute("select name, email from reporter where id = 3").fetchone()
    walk_id = _walk(con, dt.date(2026, 5, 12), people=f"{name}, Polisen", notes=f"Ring {email} inför nästa")
    other = _walk(con, dt.date(2026, 6, 2))
    result = privacy.delete_reporter_personal_data(con, 3, "admin")
    assert result["walks"] == 1
    walk = walks.get_walk(con, walk_id)
    assert walk["participants"] == f"{privacy.REMOVED}, Polisen"
    assert walk["notes"] == f"Ring {privacy.REMOVED} inför nästa"
    assert walks.get_walk(con, other)["participants"] == PEOPLE  # other walks untouched
    dump = " ".join(str(v) for v in con.execute("select * from audit_log").fetchall())
    assert name not in dump and email not in dump


def test_erasing_one_walk_leaves_nothing_in_the_file(sample_db):
    con = db.connect(sample_db)
    walk_id = _walk(con, dt.date(2026, 5, 12))
    other = _walk(con, dt.date(2026, 6, 2), people="Dagny Fjällström", notes="Annan vandring")
    con.execute("checkpoint")
    assert PEOPLE.encode() in _raw(sample_db) and PHOTO_MARK in _raw(sample_db)
    held = walks.walks_with_personal_data(con, CODE)
    assert {walk_id, other} <= set(held["id"])
    assert walks.erase_personal(con, "admin", walk_id) == {"participants": 1, "notes": 1, "photos": 1}
    assert walks.personal_data(con, walk_id) == {"participants": 0, "notes": 0, "photos": 0}
    assert walk_id not in set(walks.walks_with_personal_data(con, CODE)["id"])
    last = con.execute(
        "select operation, table_name, record_id from audit_log order by id desc limit 1"
    ).fetchone()
    assert last == ("delete_personal_data", "walk", str(walk_id))
    assert privacy.erase_from_file(con) is True
    raw = _raw(sample_db)
    assert PEOPLE.encode() not in raw and NOTES.encode() not in raw
    assert raw.count(PHOTO_MARK) == 1  # only the other walk's photo is left
    con = db.connect(sample_db)
    assert walks.get_walk(con, other)["participants"] == "Dagny Fjällström"


def test_admin_page_erases_a_walks_personal_data(sample_db):
    con = db.connect(sample_db)
    walk_id = _walk(con, dt.date(2026, 5, 12))
    at = app_as("admin", "admin").run()
    assert not at.exception
    choose = at.selectbox(key="admin_walk_erase")
    assert (
        "2026-05-12 Centrum · Vandring för integritetstest: deltagare, anteckningar, 1 foton"
        in choose.options
    )
    choose.set_value(walk_id).run()
    at.checkbox(key="admin_walk_erase_confirm").check().run()
    at.button(key="admin_walk_erase_run").click().run()
    assert not at.exception
    con = db.connect(sample_db)
    assert walks.personal_data(con, walk_id) == {"participants": 0, "notes": 0, "photos": 0}
    assert PEOPLE.encode() not in _raw(sample_db)


def test_retention_cli_clears_old_walks(sample_db, capsys):
    from est_data.cli import main

    con = db.connect(sample_db)
    old = _walk(con, dt.date.today() - dt.timedelta(days=500))
    db.close_all()
    assert main(["--db", str(sample_db), "retention", "--months", "12"]) == 0
    assert "deltagare och anteckningar i 1 trygghetsvandringar, 1 foton." in capsys.readouterr().out
    assert main(["--db", str(sample_db), "retention", "--months", "12", "--apply"]) == 0
    assert capsys.readouterr().out.startswith("Raderat:")
    con = db.connect(sample_db)
    assert walks.personal_data(con, old) == {"participants": 0, "notes": 0, "photos": 0}
    assert PEOPLE.encode() not in _raw(sample_db)
