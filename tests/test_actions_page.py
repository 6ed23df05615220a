"""The Insatser page under AppTest: the register, creating and closing an action, the evaluation of one
action and the annual table, and read-only access for readers."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import app_as

from est_data import db
from est_data.ui import pages


def _frame(at, column: str):
    """The first table showing a column of that name (AppTest does not expose st.dataframe keys)."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with the column {column!r}")


def _open_tab(at, label: str):
    at.session_state["actions_tab"] = label
    at.run()
    assert not at.exception, at.exception
    return at


def test_register_lists_the_sample_actions(sample_db):
    at = app_as("samordnare", "insatser")
    assert not at.exception, at.exception
    assert [t.label for t in at.tabs] == [
        "Register",
        "Ny insats",
        "Ändra eller avsluta",
        "Utvärdering",
        "Vad fungerade?",
    ]
    table = _frame(at, "Insats")
    assert len(table) == 14  # the sample's 13 actions and the one its autumn safety walk proposed
    assert "Kamerabevakning vid Västervångsskolan" in set(table["Insats"])
    at.multiselect(key="actions_filter_kind").set_value(["kamera"]).run()
    assert not at.exception
    assert set(_frame(at, "Insats")["Typ"]) == {"kamera"}
    assert len(_frame(at, "Insats")) == 2


def test_create_and_close_an_action(sample_db):
    at = _open_tab(app_as("samordnare", "insatser"), "Ny insats")
    at.text_input(key="actions_new_title").set_value("Trygghetsvandring i Hamnen")
    at.selectbox(key="actions_new_kind").set_value("närvaro")
    at.selectbox(key="actions_new_status").set_value("pågående")
    at.date_input(key="actions_new_start").set_value(dt.date(2026, 9, 7))
    at.text_input(key="actions_new_responsible").set_value("Fältgruppen")
    at.button(key="actions_new_submit").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.success[0].value.startswith("Insatsen är sparad")
    con = db.connect(sample_db)
    row = con.execute(
        "select id, kind, status, created_by from action where title = 'Trygghetsvandring i Hamnen'"
    ).fetchone()
    assert row[1:] == ("närvaro", "pågående", "samordnare")
    new_id = row[0]
    audit = con.execute(
        "select username, operation from audit_log where table_name = 'action' and record_id = ?",
        [str(new_id)],
    ).fetchall()
    assert audit == [("samordnare", "create")]

    at = _open_tab(at, "Ändra eller avsluta")
    at.selectbox(key="actions_edit_choice").set_value(new_id).run()
    at.date_input(key="actions_close_date").set_value(dt.date(2026, 10, 4))
    at.button(key="actions_close_button").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value == "Insatsen är avslutad."
    status, end = con.execute("select status, end_date from action where id = ?", [new_id]).fetchone()
    assert (status, end) == ("avslutad", dt.date(2026, 10, 4))


def test_create_refuses_an_end_before_the_start(sample_db):
    at = _open_tab(app_as("admin", "insatser"), "Ny insats")
    at.text_input(key="actions_new_title").set_value("Fel datum")
    at.date_input(key="actions_new_start").set_value(dt.date(2026, 9, 7))
    at.date_input(key="actions_new_end").set_value(dt.date(2026, 9, 1))
    at.button(key="actions_new_submit").click().run()
    assert not at.exception
    assert at.error[0].value == "Slutdatum kan inte ligga före startdatum."
    con = db.connect(sample_db)
    assert con.execute("select count(*) from action where title = 'Fel datum'").fetchone()[0] == 0


def test_evaluation_of_one_action(sample_db):
    at = _open_tab(app_as("lasare", "insatser"), "Utvärdering")
    at.selectbox(key="actions_eval_choice").set_value(3).run()
    assert not at.exception, at.exception
    assert at.warning[0].value.startswith("**Minskning med förflyttning.**")
    counts = _frame(at, "Område")
    assert list(counts["Område"]) == ["Målområde", "Kontroll", "Buffertzon", "Kontroll för bufferten"]
    assert counts["Efter"].iloc[2] > counts["Före"].iloc[2]
    tests = at.table[0].value
    assert "WDD (utan buffert)" in set(tests.index)
    assert "Poissons E-test (målområdet)" in set(tests.index)
    assert tests.loc["Exakt test: målområdet mot kontrollen", "Värde"].startswith("p = 0,00")
    assert tests.loc["WDQ (Bowers & Johnson 2003)", "Värde"].startswith("-0,")
    at.selectbox(key="actions_eval_choice").set_value(1).run()
    assert at.success[0].value.startswith("**Minskning.** Minskning i målområdet: 127 händelser")
    assert "statistiskt säker på 1 %-nivån" in at.success[0].value
    at.number_input(key="actions_eval_weeks").set_value(8).run()
    assert not at.exception
    assert "8 veckor före" in at.success[0].value


def test_annual_table_and_summary(sample_db):
    at = _open_tab(app_as("samordnare", "insatser"), "Vad fungerade?")
    at.selectbox(key="actions_year").set_value(2025).run()
    assert not at.exception, at.exception
    table = _frame(at, "Bedömning")
    verdicts = dict(zip(table["Insats"], table["Bedömning"], strict=True))
    assert verdicts["Kamerabevakning vid Västervångsskolan"] == "Minskning"
    assert verdicts["Ny belysning i Pilevallsparken"] == "Ingen säker förändring"
    summary = " ".join(m.value for m in at.markdown)
    assert "kamera: 1 av 1 med färre händelser än väntat" in summary
    at.selectbox(key="actions_year").set_value(2026).run()
    table = _frame(at, "Bedömning")
    assert (
        dict(zip(table["Insats"], table["Bedömning"], strict=True))["Förstärkt närvaro vid Stationen"]
        == "Minskning med förflyttning"
    )


def test_readers_cannot_edit(sample_db):
    at = app_as("lasare", "insatser")
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Register", "Utvärdering", "Vad fungerade?"]
    assert at.caption[0].value == "Du kan läsa registret men inte ändra det."


def test_reporters_have_no_access(sample_db):
    assert "insatser" not in [p.key for p in pages.allowed("rapportör")]
    at = app_as("rapportor")
    with pytest.raises(ValueError):
        at.switch_page("pages/insatser.py")
