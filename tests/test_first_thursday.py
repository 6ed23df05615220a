"""Issue 13's defects on a real Thursday: each test fails on the main before the fix."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import app_as

from est_data import db, display
from est_data.model import IsoWeek

pytestmark = pytest.mark.filterwarnings("ignore")

WEEK = IsoWeek.of(dt.date.today())
AREA = 3  # reporter 1 (the user 'rapportor') covers Västra Innerstaden only
PREFIX = f"1_{WEEK}"


def _comment(path) -> list:
    con = db.connect(path)
    return [
        r[0]
        for r in con.execute(
            "select comment from survey_response where reporter_id = 1 and iso_year = ? and iso_week = ?",
            [WEEK.year, WEEK.week],
        ).fetchall()
    ]


def test_correcting_a_level_does_not_save_nan_as_the_comment(sample_db):
    at = app_as("rapportor", "rapportera")
    at.segmented_control(key=f"lvl_{PREFIX}_{AREA}_klotter").set_value(2)
    at.button(key=f"report_submit_{PREFIX}").click().run()
    assert _comment(sample_db) == [None]
    # the reporter comes back, corrects a level and sends again
    at = app_as("rapportor", "rapportera")
    assert at.text_area(key=f"comment_{PREFIX}_{AREA}").value == ""
    at.segmented_control(key=f"lvl_{PREFIX}_{AREA}_klotter").set_value(1)
    at.button(key=f"report_submit_{PREFIX}").click().run()
    assert not at.exception
    assert _comment(sample_db) == [None]
    assert not any("nan" in t.value for t in at.text)


def test_event_form_is_cleared_and_a_double_click_sends_once(sample_db):
    at = app_as("rapportor", "rapportera")
    at.selectbox(key="event_factor").set_value("klotter")
    at.text_area(key="event_description").input("Nya tags på gympasalen")
    at.text_input(key="event_address").input("Skolgatan 4")
    at.button(key="event_send").click().run()
    assert not at.exception
    assert at.text_area(key="event_description").value == ""
    assert at.text_input(key="event_address").value == ""
    # a second click that was already on its way carries the old text: it must not send it again
    at.text_area(key="event_description").input("Nya tags på gympasalen")
    at.text_input(key="event_address").input("Skolgatan 4")
    at.button(key="event_send").click().run()
    assert not at.exception
    con = db.connect(sample_db)
    n = con.execute(
        "select count(*) from observation where reporter_id = 1 and description = ?",
        ["Nya tags på gympasalen"],
    ).fetchone()[0]
    assert n == 1
    assert any("redan" in i.value for i in at.info)


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, ""])
def test_a_missing_status_is_no_answers_not_a_key(missing):
    from est_data import i18n

    assert display.label("status", missing, "sv", empty="inga svar") == "inga svar"
    assert display.label("status", "röd", "sv") == i18n.t("status.röd")


def test_action_register_with_missing_categories():
    from est_data.actions import display_table

    frame = pd.DataFrame(
        {
            "id": [1, 2],
            "title": ["Närvaro", "Kamera"],
            "kind": ["närvaro", "kamera"],
            "status": ["pågår", "planerad"],
            "area": ["Centrum", None],
            "place": [None, None],
            "start_date": [dt.date(2026, 11, 26), None],
            "end_date": [None, None],
            "responsible": [None, "Polisen"],
            "partners": [pd.NA, None],
            "cost_sek": [None, 1.0],
            "target_categories": [pd.NA, ["skadegörelse", "klotter"]],
        }
    )
    table = display_table(frame)
    text = table.astype(str).to_string()
    assert "skadegörelse, klotter" in text
    for bad in ("nan", "None", "<NA>", "NaT"):
        assert bad not in text


def broken_overview(*args, **kwargs):
    raise ZeroDivisionError("/work/secret/path.py division by zero")


def test_an_error_shows_a_swedish_message_with_a_number_and_logs_the_traceback(
    sample_db, monkeypatch, caplog
):
    from est_data.analysis import overview

    monkeypatch.setattr(overview, "build", broken_overview)
    monkeypatch.delenv("EST_RAISE_ERRORS")
    with caplog.at_level("ERROR", logger="est_data.errors"):
        at = app_as("samordnare")  # Översikt, the default page, run by app.py as in a browser
    assert not at.exception  # no traceback, no "Ask Google" buttons
    messages = [e.value for e in at.error]
    assert len(messages) == 1 and "Något gick fel" in messages[0]
    number = messages[0].split("**")[1]
    assert number.startswith("FEL-") and "secret" not in messages[0]
    logged = [r for r in caplog.records if number in r.getMessage()]
    assert logged and logged[0].exc_info[0] is ZeroDivisionError


def test_errors_outside_a_page_show_no_details():
    import tomllib

    from conftest import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"


def test_trends_work_without_an_area_layer(empty_db):
    from conftest import ADMIN_PASSWORD, FIXTURES

    from est_data import auth
    from est_data.ingest import polisen

    con = db.connect(empty_db)
    police = FIXTURES / "polisen" / "events_trelleborg_orebro_malmo.json"
    polisen.load(con, police.read_bytes(), police.name)
    auth.create_user(con, "samordnare", ADMIN_PASSWORD, "samordnare")
    at = app_as("samordnare", "trender")
    assert not at.exception
    assert not any("inga data" in w.value for w in at.warning)
    total = next(m for m in at.metric if m.label == "Totalt i perioden")
    assert int(str(total.value).replace("\u00a0", "")) > 0
    assert any("Inget områdeslager" in i.value for i in at.info)


def test_a_deactivated_reporter_can_no_longer_answer(sample_db):
    from est_data import register, weekly

    con = db.connect(sample_db)
    register.set_reporter_active(con, 1, False, by="admin")
    at = app_as("rapportor", "rapportera")
    assert not at.exception
    assert any("inte längre registrerad" in i.value for i in at.info)
    assert not at.button  # no form to send
    with pytest.raises(weekly.WeeklyError):
        weekly.submit_week(
            con, 1, WEEK, [weekly.AreaAnswer(area_id=AREA, levels={}, comment=None)], by="rapportor"
        )
    # an import of a former reporter's old answers is still accepted
    weekly.submit_week(
        con,
        1,
        WEEK.shift(-1),
        [weekly.AreaAnswer(area_id=AREA, levels={}, comment=None)],
        by="import",
        source="import",
    )
