"""Administration and privacy: users, audit log, settings, retention, forgetting a reporter, exports."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pytest

from est_data import admin, auth, config, privacy
from est_data.auth import UserError
from tests.conftest import ADMIN_PASSWORD, app_as, user_id


def test_user_changes_are_audited_and_guarded(sample_con):
    con = sample_con
    reader = user_id(con, "lasare")
    admin.set_personal_access(con, reader, True, "admin")
    assert auth.get_user(con, reader).sees_personal_data
    with pytest.raises(UserError) as err:
        admin.set_personal_access(con, user_id(con, "samordnare"), True, "admin")
    assert err.value.key == "trust.error.grant_reader_only"

    reporter_account = user_id(con, "rapportor")
    admin.link_reporter(con, reporter_account, 5, "admin")
    assert auth.get_user(con, reporter_account).reporter_id == 5
    with pytest.raises(UserError):
        admin.link_reporter(con, reader, 5, "admin")

    boss = user_id(con, "admin")
    with pytest.raises(UserError) as err:
        admin.set_role(con, boss, "läsare", "admin")
    assert err.value.key == "trust.error.last_admin"
    with pytest.raises(UserError) as err:
        admin.set_active(con, boss, False, "admin")
    assert err.value.key == "trust.error.self_deactivate"

    admin.set_active(con, reader, False, "admin")
    assert auth.get_user(con, reader) is None
    log = admin.audit_log(con, username="admin", table="app_user")
    ops = log["operation"].tolist()
    assert ops[:3] == ["deactivate", "link_reporter", "grant_personal"]
    first = json.loads(log.iloc[2]["after_json"])
    assert first == {"username": "lasare", "can_see_personal": True}


def test_password_reset_unlocks_and_never_logs_the_password(sample_con):
    con = sample_con
    reader = user_id(con, "lasare")
    for _ in range(auth.FREE_ATTEMPTS):
        assert auth.authenticate(con, "lasare", "fel-losenord-1") is None
    with pytest.raises(auth.LockedOut):
        auth.authenticate(con, "lasare", "fel-losenord-1")
    with pytest.raises(UserError):
        admin.reset_password(con, reader, "kort", "admin")
    admin.reset_password(con, reader, "ett-helt-nytt-losenord", "admin")
    assert auth.authenticate(con, "lasare", "ett-helt-nytt-losenord").username == "lasare"
    dump = " ".join(str(v) for v in con.execute("select * from audit_log").fetchall())
    assert "ett-helt-nytt-losenord" not in dump
    assert "argon2" not in dump
    assert "nytt lösenord satt" in dump


def test_settings_validated_and_audited(sample_con):
    con = sample_con
    with pytest.raises(UserError) as err:
        admin.save_settings(con, {"status_red_any_level": "7"}, "admin")
    assert err.value.key == "trust.error.range"
    with pytest.raises(UserError):
        admin.save_settings(con, {"municipality_code": "9999"}, "admin")
    changed = admin.save_settings(
        con, {"retention_months": "12", "classification": "Internt", "status_red_any_level": "3"}, "admin"
    )
    assert sorted(changed) == ["classification", "retention_months"]  # 3 is the default: not a change
    assert config.get_setting(con, "retention_months") == "12"
    assert privacy.retention_months(con) == 12
    log = admin.audit_log(con, table="setting")
    assert set(log["record_id"]) == {"classification", "retention_months"}


def test_retention_deletes_old_free_text_and_keeps_ratings(sample_con):
    con = sample_con
    today = dt.date(2026, 11, 23)
    ratings_before = con.execute("select count(*), sum(level) from survey_rating").fetchone()
    preview = privacy.retention_preview(con, 12, today)
    assert preview.cutoff == dt.datetime(2025, 11, 23)
    assert preview.comments > 0
    done = privacy.run_retention(con, 12, "admin", today)
    assert done.comments == preview.comments
    assert (
        con.execute(
            "select count(*) from survey_response where submitted_at < ? and comment is not null",
            [preview.cutoff],
        ).fetchone()[0]
        == 0
    )
    assert (
        con.execute(
            "select count(*) from survey_response where submitted_at >= ? and comment is not null",
            [preview.cutoff],
        ).fetchone()[0]
        > 0
    )
    assert con.execute("select count(*), sum(level) from survey_rating").fetchone() == ratings_before
    assert privacy.retention_preview(con, 12, today).total == 0
    assert admin.audit_log(con, limit=1).iloc[0]["operation"] == "retention"


def test_forget_one_reporter(sample_con):
    con = sample_con
    name, email = con.execute("select name, email from reporter where id = 1").fetchone()
    ratings = con.execute(
        "select count(*) from survey_rating s join survey_response r on r.id = s.response_id"
        " where r.reporter_id = 1"
    ).fetchone()[0]
    result = privacy.delete_reporter_personal_data(con, 1, "admin")
    assert result["accounts"] == 1  # the rapportör account is linked to reporter 1
    assert con.execute("select name, email, active from reporter where id = 1").fetchone() == (
        "Rapportör 1 (borttagen)",
        None,
        False,
    )
    assert (
        con.execute(
            "select count(*) from survey_response where reporter_id = 1 and comment is not null"
        ).fetchone()[0]
        == 0
    )
    assert (
        con.execute(
            "select count(*) from observation where reporter_id = 1 and description is not null"
        ).fetchone()[0]
        == 0
    )
    assert (
        con.execute(
            "select count(*) from survey_rating s join survey_response r on r.id = s.response_id"
            " where r.reporter_id = 1"
        ).fetchone()[0]
        == ratings
        > 0
    )
    assert auth.authenticate(con, "rapportor", ADMIN_PASSWORD) is None
    dump = " ".join(str(v) for v in con.execute("select * from audit_log").fetchall())
    assert name not in dump and email not in dump
    # Other reporters are untouched.
    assert (
        con.execute(
            "select count(*) from survey_response where reporter_id = 2 and comment is not null"
        ).fetchone()[0]
        > 0
    )


def test_exports_leave_out_personal_data_by_default(sample_con):
    con = sample_con
    since = dt.date(2026, 9, 1)
    plain = privacy.responses_export(con, since=since)
    full = privacy.responses_export(con, include_personal=True, since=since)
    assert len(plain) == len(full) > 1000
    assert "rapportör" not in plain.columns and "kommentar" not in plain.columns
    assert {"rapportör", "kommentar", "nivå", "område"} <= set(full.columns)
    names = set(con.execute("select name from reporter").df()["name"])
    csv_text = privacy.csv_bytes(plain).decode("utf-8-sig")
    assert not any(n in csv_text for n in names)
    obs = privacy.observations_export(con, since=since)
    assert "beskrivning" not in obs.columns and "rapportör" not in obs.columns and len(obs) > 0
    assert "beskrivning" in privacy.observations_export(con, include_personal=True, since=since).columns


def test_csv_export_neutralises_formulas():
    df = pd.DataFrame(
        {
            "kommentar": ['=HYPERLINK("http://evil.example","klicka")', "+cmd", "vanlig text"],
            "nivå": [1, 2, 3],
        }
    )
    text = privacy.csv_bytes(df).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), sep=";")
    assert back["kommentar"].tolist()[:2] == ['\'=HYPERLINK("http://evil.example","klicka")', "'+cmd"]
    assert back["nivå"].tolist() == [1, 2, 3]


# --- The page ---------------------------------------------------------------------------------


def test_admin_page_only_for_admins(sample_db):
    from streamlit.testing.v1 import AppTest

    from est_data import db
    from est_data.ui import pages
    from tests.conftest import ROOT

    assert [p.key for p in pages.allowed("samordnare")].count("admin") == 0
    # Even run directly, the page refuses a coordinator before showing anything.
    at = AppTest.from_file(str(ROOT / "pages" / "admin.py"), default_timeout=60)
    at.session_state["user_id"] = user_id(db.connect(), "samordnare")
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Du har inte behörighet till den här sidan."]
    assert len(at.dataframe) == 0
    at = app_as("admin", "admin")
    assert not at.exception
    assert [t.value for t in at.title] == ["Administration"]
    assert len(at.dataframe) >= 2  # users and audit log


def test_admin_page_adds_user_and_changes_settings(sample_db):
    at = app_as("admin", "admin")
    at.text_input(key="admin_new_username").input("polisen.kontakt")
    at.text_input(key="admin_new_email").input("kontakt@polisen.example")
    at.selectbox(key="admin_new_role").select("läsare")
    at.text_input(key="admin_new_password").input("ett-langt-losenord")
    at.button(key="admin_add_submit").click().run()
    assert not at.exception
    from est_data import db

    con = db.connect()
    assert con.execute("select role, email from app_user where username = 'polisen.kontakt'").fetchone() == (
        "läsare",
        "kontakt@polisen.example",
    )
    at.number_input(key="admin_setting_retention_months").set_value(18)
    at.button(key="admin_settings_submit").click().run()
    assert not at.exception
    assert config.get_setting(con, "retention_months") == "18"
    # A short password is a message, not a traceback.
    at.text_input(key="admin_new_username").input("kortis")
    at.text_input(key="admin_new_password").input("kort")
    at.button(key="admin_add_submit").click().run()
    assert not at.exception
    assert any("minst 10 tecken" in e.value for e in at.error)


def test_admin_page_retention_and_forget(sample_db):
    at = app_as("admin", "admin")
    at.number_input(key="admin_retention_months").set_value(12).run()
    at.checkbox(key="admin_retention_confirm").check().run()
    at.button(key="admin_retention_run").click().run()
    assert not at.exception
    from est_data import db

    con = db.connect()
    assert admin.audit_log(con, limit=1).iloc[0]["operation"] == "retention"
    at.selectbox(key="admin_forget_reporter").select(3).run()
    at.checkbox(key="admin_forget_confirm").check().run()
    at.button(key="admin_forget_run").click().run()
    assert not at.exception
    con = db.connect()  # the deletion rewrote the database file (db.rewrite): connect again
    assert con.execute("select name from reporter where id = 3").fetchone()[0] == "Rapportör 3 (borttagen)"


def test_admin_page_backup_button(sample_db):
    from est_data import restore

    at = app_as("admin", "admin")
    at.button(key="admin_backup_run").click().run()
    assert not at.exception
    folders = list((sample_db.parent / "backups").iterdir())
    assert len(folders) == 1 and folders[0].name.startswith("manuell-")
    assert restore.verify(folders[0])["tables"]["app_user"]["rows"] == 4
    assert any(str(folders[0]) in s.value for s in at.success)
