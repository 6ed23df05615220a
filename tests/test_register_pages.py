"""The Register page and the user form of Administration, through AppTest (issue 13, part 1)."""

from __future__ import annotations

from est_data import db, register
from tests.conftest import app_as


def by_key(elements, prefix: str):
    return next(e for e in elements if (e.key or "").startswith(prefix))


def test_register_page_adds_and_edits_a_reporter_and_clears_its_form(sample_db):
    at = app_as("samordnare", "register")
    assert not at.exception
    con = db.connect()
    centrum = con.execute("select id from area where name = 'Centrum'").fetchone()[0]
    at.text_input(key="reg_rep_name_0").input("Nina Ny")
    at.text_input(key="reg_rep_email_0").input("nina.ny@trelleborg.example")
    at.text_input(key="reg_rep_org_0").input("Centrumskolan")
    at.multiselect(key="reg_rep_areas_0").select(centrum)
    at.button(key="reg_rep_add_submit").click().run()
    assert not at.exception and not at.error
    row = con.execute(
        "select id, organisation, active from reporter where email = 'nina.ny@trelleborg.example'"
    ).fetchone()
    assert row[1:] == ("Centrumskolan", True)
    assert register.reporter_record(con, row[0])["area_ids"] == [centrum]
    # The form is empty for the next reporter (new widgets, so the browser shows them empty too).
    assert (
        at.text_input(key="reg_rep_name_1").value == "" and at.text_input(key="reg_rep_email_1").value == ""
    )
    # The same address in other case is refused with a Swedish message, and the input is kept.
    at.text_input(key="reg_rep_name_1").input("Nina Två")
    at.text_input(key="reg_rep_email_1").input("NINA.NY@trelleborg.example")
    at.button(key="reg_rep_add_submit").click().run()
    assert not at.exception
    assert any("används redan av rapportören Nina Ny" in e.value for e in at.error)
    assert at.text_input(key="reg_rep_email_1").value == "NINA.NY@trelleborg.example"
    # Deactivate an existing reporter with answers: history kept.
    answers = con.execute("select count(*) from survey_response where reporter_id = 3").fetchone()[0]
    at.selectbox(key="reg_rep_edit_id").select(3).run()
    at.checkbox(key="reg_rep_e_active_3").uncheck()
    at.button(key="reg_rep_edit_submit").click().run()
    assert not at.exception and not at.error
    assert con.execute("select active from reporter where id = 3").fetchone()[0] is False
    assert (
        con.execute("select count(*) from survey_response where reporter_id = 3").fetchone()[0] == answers > 0
    )


def test_register_page_edits_factors_areas_and_places(sample_db):
    at = app_as("admin", "register")
    con = db.connect()
    at.selectbox(key="reg_fac_edit_code").select("klotter").run()
    at.text_input(key="reg_fac_e_label_klotter").input("Klotter och tags")
    at.button(key="reg_fac_edit_submit").click().run()
    assert not at.exception and not at.error
    assert (
        con.execute("select label_sv from factor where code = 'klotter'").fetchone()[0] == "Klotter och tags"
    )
    at.text_input(key="reg_fac_label_0").input("Fyrverkerier")
    at.button(key="reg_fac_add_submit").click().run()
    assert con.execute("select active from factor where code = 'fyrverkerier'").fetchone()[0] is True
    hamnen = con.execute("select id from area where name = 'Hamnen'").fetchone()[0]
    at.selectbox(key="reg_area_edit_id").select(hamnen).run()
    at.text_input(key=f"reg_area_name_{hamnen}").input("Hamnen och Dalabadet")
    at.text_input(key=f"reg_area_pop_{hamnen}").input("2 150")
    at.button(key="reg_area_submit").click().run()
    assert not at.exception and not at.error
    assert con.execute("select name, population from area where id = ?", [hamnen]).fetchone() == (
        "Hamnen och Dalabadet",
        2150,
    )
    # A place by typed coordinates: Stortorget in Trelleborg lies in Centrum.
    at.text_input(key="reg_place_name_0").input("Nya torget")
    at.text_input(key="reg_place_lat_0").input("55,37560")
    at.text_input(key="reg_place_lon_0").input("13,15690")
    at.button(key="reg_place_add_submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    area = con.execute(
        "select a.name from place p join area a on a.id = p.area_id where p.name = 'Nya torget'"
    ).fetchone()
    assert area is not None
    assert at.text_input(key="reg_place_name_1").value == ""


def test_register_page_on_an_empty_database_says_what_to_do(empty_db):
    from est_data import auth

    con = db.connect()
    auth.create_user(con, "admin", "provlosenord-123", "admin")
    at = app_as("admin", "register")
    assert not at.exception
    assert any("inga områden" in i.value for i in at.info)
    assert any("inga faktorer" in i.value for i in at.info)
    at.button(key="reg_factor_defaults").click().run()
    assert not at.exception
    assert con.execute("select count(*) from factor where active").fetchone()[0] == 12


def test_register_page_is_for_coordinators_and_admins_only(sample_db):
    from streamlit.testing.v1 import AppTest

    from est_data.ui import pages
    from tests.conftest import ROOT, user_id

    assert [
        r
        for r in ("admin", "samordnare", "läsare", "rapportör")
        if "register" in [p.key for p in pages.allowed(r)]
    ] == ["admin", "samordnare"]
    at = AppTest.from_file(str(ROOT / "pages" / "register.py"), default_timeout=60)
    at.session_state["user_id"] = user_id(db.connect(), "lasare")
    at.run()
    assert [e.value for e in at.error] == ["Du har inte behörighet till den här sidan."]
    assert not at.text_input and not at.dataframe


def test_admin_user_form_is_cleared_after_a_successful_add(sample_db):
    """Issue 13: the form kept the last user's values, and a second click made a user with the same e-mail."""
    at = app_as("admin", "admin")
    at.text_input(key="admin_new_username").input("polisen.kontakt")
    at.text_input(key="admin_new_email").input("kontakt@polisen.example")
    at.text_input(key="admin_new_password").input("ett-langt-losenord")
    at.button(key="admin_add_submit").click().run()
    assert not at.exception and not at.error
    assert [
        at.text_input(key=k).value for k in ("admin_new_username", "admin_new_email", "admin_new_password")
    ] == ["", "", ""]
    at.text_input(key="admin_new_username").input("polisen.kontakt2")
    at.text_input(key="admin_new_email").input("Kontakt@Polisen.example")
    at.button(key="admin_add_submit").click().run()
    assert not at.exception
    assert any("används redan av användaren polisen.kontakt" in e.value for e in at.error)
    con = db.connect()
    assert (
        con.execute(
            "select count(*) from app_user where lower(email) = 'kontakt@polisen.example'"
        ).fetchone()[0]
        == 1
    )


def test_reporter_list_uploaded_on_the_register_page_shows_rejected_rows_then_loads(sample_db):
    data = (
        "namn;e-post;organisation;typ av organisation;områden\r\n"
        "Olle Ny;olle.ny@trelleborg.example;Hamnbolaget;fastighet;Hamnen, centrum\r\n"
        "Pia Ny;pia.ny@trelleborg.example;Skolan;skola;Rinkeby\r\n"
    ).encode("cp1252")
    at = app_as("samordnare", "register")
    at.file_uploader(key="data_reporters_file").upload("rapportorer.csv", data).run()
    assert not at.exception
    at.button(key="data_reporters_preview").click().run()
    assert not at.exception
    shown = "\n".join(f.value.to_string() for f in at.dataframe)
    assert "okänt område: Rinkeby" in shown
    con = db.connect()
    assert (
        con.execute("select count(*) from reporter where email like '%ny@trelleborg.example'").fetchone()[0]
        == 0
    )
    at.button(key="data_reporters_load").click().run()
    assert not at.exception
    assert any("inlästa 1, avvisade 1" in s.value for s in at.success)
    areas = con.execute(
        "select string_agg(a.name, ', ' order by a.name) from reporter r"
        " join reporter_area ra on ra.reporter_id = r.id join area a on a.id = ra.area_id"
        " where r.email = 'olle.ny@trelleborg.example'"
    ).fetchone()[0]
    assert areas == "Centrum, Hamnen"
