"""The register (issue 13, part 1): reporters, factors, areas and places; unique e-mail addresses;
the reporter-list import; reports on an area layer without population."""

from __future__ import annotations

import datetime as dt
import io
import re

import duckdb
import openpyxl
import pytest
from pypdf import PdfReader

from est_data import admin, auth, cli, db, queries, register, weekly
from est_data.auth import UserError
from est_data.i18n import t
from est_data.ingest import areas as area_import
from est_data.ingest import reporters as reporter_import
from est_data.ingest.common import ImportFileError
from est_data.model import IsoWeek
from est_data.report import annual, quarterly, render
from tests.conftest import FIXTURES

JARVA = FIXTURES / "geo" / "jarva_stadsdelar.geojson"
REPORTERS_CSV = FIXTURES / "register" / "rapportorer.csv"


@pytest.fixture
def jarva_con(empty_con, monkeypatch):
    """A new municipality (Stockholm, 0180): four real districts, the default factors, nothing else."""
    monkeypatch.setenv("EST_MUNICIPALITY_CODE", "0180")
    register.ensure_default_factors(empty_con)
    area_import.load(empty_con, str(JARVA), JARVA.name, municipality_code="0180")
    return empty_con


def area_id(con, name: str) -> int:
    return con.execute("select id from area where name = ?", [name]).fetchone()[0]


# ------------------------------------------------------------------------------------------ unique e-mail


def test_two_users_cannot_share_an_email_in_any_case(sample_con):
    """Issue 13: two users silently got the same e-mail, and SSO mapped it to the first row."""
    auth.create_user(sample_con, "polisen.kontakt", None, "läsare", email="kontakt@polisen.example")
    with pytest.raises(UserError) as err:
        auth.create_user(sample_con, "polisen.kontakt2", None, "läsare", email="Kontakt@Polisen.example ")
    assert err.value.key == "register.error.user_email_taken"
    message = t(err.value.key, "sv", **err.value.kwargs)
    assert "Kontakt@Polisen.example används redan av användaren polisen.kontakt" in message
    assert (
        sample_con.execute(
            "select count(*) from app_user where lower(email) = 'kontakt@polisen.example'"
        ).fetchone()[0]
        == 1
    )
    assert auth.user_by_email(sample_con, "KONTAKT@polisen.example").username == "polisen.kontakt"
    # Changing another user's address to it is refused too; keeping one's own address is fine.
    other = sample_con.execute("select id from app_user where username = 'lasare'").fetchone()[0]
    with pytest.raises(UserError):
        admin.set_email(sample_con, other, "KONTAKT@polisen.example", "admin")
    own = sample_con.execute("select id from app_user where username = 'polisen.kontakt'").fetchone()[0]
    admin.set_email(sample_con, own, "Kontakt@polisen.example", "admin")
    with pytest.raises(UserError) as bad:
        auth.create_user(sample_con, "x.y", None, "läsare", email="inte en adress")
    assert bad.value.key == "register.error.email"


def test_the_database_refuses_a_duplicate_email_whatever_writes_it(sample_con):
    sample_con.execute(
        "insert into app_user (username, email, role) values ('a1', 'Dubbel@Example.test', 'läsare')"
    )
    with pytest.raises(duckdb.ConstraintException):
        sample_con.execute(
            "insert into app_user (username, email, role) values ('a2', 'dubbel@example.test', 'läsare')"
        )
    first = sample_con.execute("select email from reporter where id = 1").fetchone()[0]
    with pytest.raises(duckdb.ConstraintException):
        sample_con.execute("insert into reporter (name, email) values ('Kopia', ?)", [first.upper()])


def test_migration_005_takes_duplicate_addresses_off_all_but_one_row(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    for number, _name, sql in db.schema_files():
        if number >= 5:
            break
        con.execute(sql)
    con.execute(
        "insert into app_user (username, email, role, active) values"
        " ('gammal', 'Anna@kommun.se', 'läsare', false), ('ny', 'anna@KOMMUN.se', 'samordnare', true),"
        " ('tom1', '', 'läsare', true), ('tom2', ' ', 'läsare', true), ('egen', 'egen@kommun.se', 'admin', true)"
    )
    con.execute("insert into reporter (name, email) values ('R1', 'r@kommun.se'), ('R2', 'R@kommun.se')")
    con.execute(
        "create table schema_version (version integer primary key, name varchar,"
        " applied_at timestamp default current_timestamp)"
    )
    con.execute("insert into schema_version (version, name) values (4, '004')")
    con.close()
    con = db.connect(path)
    users = dict(con.execute("select username, email from app_user").fetchall())
    assert users == {
        "gammal": None,
        "ny": "anna@KOMMUN.se",
        "tom1": None,
        "tom2": None,
        "egen": "egen@kommun.se",
    }
    assert dict(con.execute("select name, email from reporter").fetchall()) == {
        "R1": "r@kommun.se",
        "R2": None,
    }
    logged = con.execute(
        "select table_name, record_id, before_json from audit_log"
        " where operation = 'clear_duplicate_email' order by table_name"
    ).fetchall()
    assert [(r[0], '"email":"Anna@kommun.se"' in r[2]) for r in logged] == [
        ("app_user", True),
        ("reporter", False),
    ]
    assert '"email":"R@kommun.se"' in logged[1][2]
    db.close(path)


def test_reporter_emails_are_unique_in_any_case(sample_con):
    email = sample_con.execute("select email from reporter where id = 1").fetchone()[0]
    with pytest.raises(UserError) as err:
        register.add_reporter(sample_con, "Ny Person", email.upper())
    assert err.value.key == "register.error.reporter_email_taken"
    with pytest.raises(UserError):
        register.update_reporter(sample_con, 2, "admin", email=f"  {email.title()}  ")


# ------------------------------------------------------------------------------------------ reporters


def test_reporter_added_edited_and_deactivated_keeps_its_answers(jarva_con):
    con = jarva_con
    rinkeby, tensta = area_id(con, "RINKEBY"), area_id(con, "TENSTA")
    rid = register.add_reporter(
        con, " Sara Ny ", "sara@jarva.example", "Tenstaskolan", "skola", [rinkeby], by="samordnare"
    )
    assert register.reporter_record(con, rid) == {
        "id": rid,
        "name": "Sara Ny",
        "email": "sara@jarva.example",
        "organisation": "Tenstaskolan",
        "org_kind": "skola",
        "active": True,
        "area_ids": [rinkeby],
    }
    assert weekly.reporter_areas(con, rid)["name"].tolist() == ["RINKEBY"]
    week = IsoWeek.of(dt.date.today())
    weekly.submit_week(
        con, rid, week, [weekly.AreaAnswer(rinkeby, {"klotter": 2}, "Klotter på skolan", False)], by="sara"
    )
    assert register.update_reporter(con, rid, "samordnare", area_ids=[tensta], organisation="Rinkebyskolan")
    assert register.reporter_record(con, rid)["area_ids"] == [tensta]
    assert register.set_reporter_active(con, rid, False, "samordnare")
    assert rid not in weekly.reporters(con)["id"].tolist()
    assert rid in weekly.reporters(con, active_only=False)["id"].tolist()
    # History kept: the answer still names its reporter and area.
    assert con.execute("select reporter_id, area_id, comment from survey_response").fetchall() == [
        (rid, rinkeby, "Klotter på skolan")
    ]
    assert register.reporters(con).set_index("id").loc[rid, "answers"] == 1
    ops = [
        r[0]
        for r in con.execute(
            "select operation from audit_log where table_name = 'reporter' order by id"
        ).fetchall()
    ]
    assert ops == ["create", "update", "deactivate"]
    assert not register.update_reporter(con, rid, "samordnare", active=False)  # nothing to change
    with pytest.raises(UserError) as err:
        register.add_reporter(con, "   ")
    assert err.value.key == "register.error.name"
    with pytest.raises(UserError) as err:
        register.add_reporter(con, "Utan område", area_ids=[99999])
    assert err.value.key == "register.error.no_area"


# ------------------------------------------------------------------------------------------ factors


def test_factors_edited_added_ordered_and_deactivated_keep_their_ratings(sample_con):
    con = sample_con
    ratings = con.execute("select count(*) from survey_rating where factor_code = 'klotter'").fetchone()[0]
    assert ratings > 0
    register.update_factor(
        con, "klotter", "samordnare", label_sv="Klotter och tags", description="Tags på fasader."
    )
    assert queries.factors(con).set_index("code").loc["klotter", "label_sv"] == "Klotter och tags"
    register.update_factor(con, "klotter", "samordnare", active=False)
    assert "klotter" not in queries.factors(con)["code"].tolist()
    assert (
        con.execute("select count(*) from survey_rating where factor_code = 'klotter'").fetchone()[0]
        == ratings
    )
    code = register.add_factor(con, "Fyrverkerier", "Fireworks", "Smällare och raketer.", by="samordnare")
    assert code == "fyrverkerier"
    assert queries.factors(con)["code"].tolist()[-1] == "fyrverkerier"
    register.move_factor(con, "fyrverkerier", -1, "samordnare")
    assert queries.factors(con)["code"].tolist()[-2:] == ["fyrverkerier", "sociala_medier"]
    with pytest.raises(UserError) as err:
        register.add_factor(con, "Fyrverkerier")
    assert err.value.key == "register.error.factor_exists"
    for c in queries.factors(con)["code"].tolist()[:-1]:
        register.update_factor(con, c, "samordnare", active=False)
    with pytest.raises(UserError) as err:
        register.update_factor(con, "sociala_medier", "samordnare", active=False)
    assert err.value.key == "register.error.last_factor"


def test_init_puts_the_default_checklist_in_an_empty_database(tmp_path, capsys):
    path = tmp_path / "ny.duckdb"
    assert cli.main(["--db", str(path), "init"]) == 0
    assert "standardfaktorer inlagda" in capsys.readouterr().out
    con = db.connect(path)
    assert queries.factors(con)["label_sv"].tolist()[:2] == ["Hot och våld", "Skadegörelse"]
    assert len(queries.factors(con)) == 12
    db.close(path)


# ------------------------------------------------------------------------------------------ areas and places


def test_areas_renamed_with_population_kind_and_deactivated(jarva_con):
    con = jarva_con
    rinkeby = area_id(con, "RINKEBY")
    register.update_area(
        con, rinkeby, "samordnare", name="Rinkeby", kind="bostadsområde", population="16 200"
    )
    assert register.area_record(con, rinkeby) | {"municipality_code": None} == {
        "id": rinkeby,
        "municipality_code": None,
        "name": "Rinkeby",
        "kind": "bostadsområde",
        "population": 16200,
        "active": True,
    }
    with pytest.raises(UserError) as err:
        register.update_area(con, rinkeby, "samordnare", name="tensta")
    assert err.value.key == "register.error.area_exists"
    with pytest.raises(UserError):
        register.update_area(con, rinkeby, "samordnare", population="många")
    register.update_area(con, rinkeby, "samordnare", population="")
    assert register.area_record(con, rinkeby)["population"] is None
    register.update_area(con, area_id(con, "KISTA"), "samordnare", active=False)
    assert "KISTA" not in queries.areas(con, "0180")["name"].tolist()


def test_places_added_by_coordinates_get_the_area_they_lie_in(jarva_con):
    con = jarva_con
    # Rinkeby torg, 59.3884 N 17.9283 E (WGS 84): in the district Rinkeby.
    pid = register.add_place(con, "0180", "Rinkeby torg", "centrum", "59,3884", "17.9283", by="samordnare")
    record = register.place_record(con, pid)
    assert (record["area_id"], record["kind"], round(record["lat"], 4)) == (
        area_id(con, "RINKEBY"),
        "centrum",
        59.3884,
    )
    assert "Rinkeby torg" in weekly.places(con, (area_id(con, "RINKEBY"),))["name"].tolist()
    with pytest.raises(UserError) as err:  # Trelleborg's harbour: in none of these areas
        register.add_place(con, "0180", "Hamnen", "annat", 55.37, 13.15)
    assert err.value.key == "register.error.place_outside"
    with pytest.raises(UserError) as err:
        register.add_place(con, "0180", "Fel", "annat", "norr", "öst")
    assert err.value.key == "register.error.coordinates"
    register.update_place(con, pid, "samordnare", name="Rinkeby centrum", active=False)
    assert weekly.places(con, (area_id(con, "RINKEBY"),)).empty


# ------------------------------------------------------------------------------------------ reporter import


def test_reporter_list_import_reports_unknown_areas_by_line_and_is_idempotent(jarva_con):
    con = jarva_con
    report = reporter_import.load(con, str(REPORTERS_CSV), REPORTERS_CSV.name)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (6, 4, 2)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (5, "okänt område: Hjulsta"),
        (6, "e-postadressen amina.hassan@JARVA.example finns redan på rad 2"),
    ]
    people = register.reporters(con).set_index("email")
    assert people.loc["Cecilia.Ost@jarva.example", "areas"] == "HUSBY, KISTA"  # "husby; KISTA", any case
    assert people.loc["bjorn.ek@jarva.example", "organisation"] == "Svenska Bostäder"  # Windows-1252 read
    assert people.loc["bjorn.ek@jarva.example", "org_kind"] == "bostadsbolag"
    again = reporter_import.load(con, str(REPORTERS_CSV), REPORTERS_CSV.name)
    assert (again.rows_loaded, again.rows_unchanged) == (0, 4)
    assert con.execute("select count(*) from reporter").fetchone()[0] == 4
    batches = con.execute(
        "select source, rows_read, rows_loaded, rows_rejected from import_batch"
        " where source = 'reporters' order by id"
    ).fetchall()
    assert batches == [("reporters", 6, 4, 2), ("reporters", 6, 0, 2)]


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_reporter_list_from_excel_updates_by_email_and_replace_deactivates(jarva_con):
    con = jarva_con
    reporter_import.load(con, str(REPORTERS_CSV), REPORTERS_CSV.name)
    data = xlsx_bytes(
        [
            ["Namn", "E-postadress", "Organisation", "Organisationstyp", "Områden"],
            ["Amina Hassan", "AMINA.HASSAN@jarva.example", "Tensta gymnasium", "skola", "Tensta, Rinkeby"],
            ["Gun Ny", "gun@jarva.example", "", "", ""],
        ]
    )
    preview = reporter_import.preview(con, data, "lista.xlsx", mode="replace")
    assert (preview.rows_loaded, preview.rows_updated, preview.rows_rejected) == (2, 1, 0)
    assert (
        con.execute(
            "select organisation from reporter where email = 'amina.hassan@jarva.example'"
        ).fetchone()[0]
        == "Rinkebyskolan"
    )  # a preview writes nothing
    report = reporter_import.load(con, data, "lista.xlsx", mode="replace")
    assert (report.rows_loaded, report.rows_updated) == (2, 1)
    amina = register.reporters(con).set_index("name").loc["Amina Hassan"]
    assert (amina["organisation"], amina["areas"], amina["email"]) == (
        "Tensta gymnasium",
        "RINKEBY, TENSTA",
        "AMINA.HASSAN@jarva.example",
    )
    active = sorted(register.reporters(con, include_inactive=False)["name"])
    assert active == ["Amina Hassan", "Gun Ny"]  # the others are inactive, not deleted
    assert con.execute("select count(*) from reporter").fetchone()[0] == 5


def test_reporter_list_without_required_columns_or_with_strict_errors_is_refused(jarva_con):
    with pytest.raises(ImportFileError, match="kolumn saknas: e-post"):
        reporter_import.load(jarva_con, b"namn;organisation\nAnna;Skolan\n", "fel.csv")
    with pytest.raises(ImportFileError, match="--strict"):
        reporter_import.load(jarva_con, str(REPORTERS_CSV), REPORTERS_CSV.name, strict=True)
    assert jarva_con.execute("select count(*) from reporter").fetchone()[0] == 0
    data = "\ufeffname,email,areas\nAnna,anna@x.example,Kista\n".encode()  # UTF-8 with BOM, English headers
    assert reporter_import.load(jarva_con, data, "en.csv").rows_loaded == 1


# ------------------------------------------------------------------------------------------ CLI


def test_reporters_cli_import_add_list_and_one_line_errors(jarva_con, empty_db, capsys):
    db.close(empty_db)
    base = ["--db", str(empty_db)]
    assert cli.main([*base, "reporters", "import", str(REPORTERS_CSV)]) == 0
    out = capsys.readouterr()
    assert "rad 5: okänt område: Hjulsta" in out.err
    assert "lästa 6, inlästa 4, avvisade 2" in out.out
    assert (
        cli.main(
            [
                *base,
                "reporters",
                "add",
                "Gustav Berg",
                "--email",
                "gustav@jarva.example",
                "--organisation",
                "Husby träff",
                "--typ",
                "fritid",
                "--areas",
                "husby, Kista",
            ]
        )
        == 0
    )
    assert cli.main([*base, "reporters", "list"]) == 0
    listing = capsys.readouterr().out
    assert re.search(
        r"Gustav Berg\s+gustav@jarva.example\s+Husby träff\s+fritid\s+HUSBY, KISTA\s+ja", listing
    )
    assert "nan" not in listing and "None" not in listing
    for args, expected in (
        (["reporters", "add", "Kopia", "--email", "GUSTAV@jarva.example"], "används redan"),
        (["reporters", "add", "Ingen", "--areas", "Hjulsta"], "okänt område: Hjulsta"),
        (["reporters", "import", "finns-inte.csv"], "filen finns inte"),
        (["reporters", "edit", "okand@x.example", "--inactive"], "ingen rapportör"),
        (["areas", "edit", "Hjulsta", "--population", "10"], "inget område"),
    ):
        assert cli.main([*base, *args]) == 2, args
        err = capsys.readouterr().err
        assert expected in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert cli.main([*base, "reporters", "edit", "gustav@jarva.example", "--inactive"]) == 0
    assert cli.main([*base, "areas", "edit", "RINKEBY", "--name", "Rinkeby", "--population", "16200"]) == 0
    assert cli.main([*base, "places", "add", "Rinkeby torg", "--lat", "59.3884", "--lon", "17.9283"]) == 0
    assert "område Rinkeby" in capsys.readouterr().out
    assert cli.main([*base, "factors", "add", "Fyrverkerier", "--en", "Fireworks"]) == 0
    assert cli.main([*base, "factors", "edit", "sociala_medier", "--inactive"]) == 0
    con = db.connect(empty_db)
    assert (
        con.execute("select active from reporter where email = 'gustav@jarva.example'").fetchone()[0] is False
    )
    assert queries.factors(con)["code"].tolist()[-1] == "fyrverkerier"


# ------------------------------------------------------------------------------------------ reports


def test_quarterly_and_annual_reports_work_with_an_area_layer_without_population(jarva_con, tmp_path):
    """Issue 13: `report quarterly` ended in a traceback (report/common.py:115) when no area had a population."""
    con = jarva_con
    assert con.execute("select count(*) from area where population is null").fetchone()[0] == 4
    for document in (quarterly.build(con, 2026, 3, "0180"), annual.build(con, 2026, "0180")):
        assert render.render(document, "pdf")[:4] == b"%PDF"
    out = tmp_path / "q.pdf"
    assert cli.main(["report", "quarterly", "--quarter", "2026Q3", "--out", str(out)]) == 0
    text = "\n".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "RINKEBY" in text and "TENSTA" in text
    html = tmp_path / "a.html"
    assert cli.main(["report", "annual", "--year", "2026", "--out", str(html)]) == 0
    assert "KISTA" in html.read_text(encoding="utf-8")


def test_register_strings_exist_in_both_languages_and_every_used_key_exists():
    from est_data import i18n
    from est_data.strings.register import STRINGS
    from tests.conftest import ROOT

    for key, (sv, en) in STRINGS.items():
        assert key.startswith(("register.", "incidents.data.source.", "incidents.data.help.")), key
        assert sv.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", sv)) == set(re.findall(r"{(\w+)}", en)), key
    used = set()
    for name in (
        "pages/register.py",
        "est_data/register.py",
        "est_data/ui/pages.py",
        "est_data/cli/register.py",
    ):
        used |= set(re.findall(r'"(register\.[a-z_.]+[a-z_])"', (ROOT / name).read_text(encoding="utf-8")))
    assert len(used) > 60
    assert sorted(k for k in used if k not in i18n.catalogue()) == []
    assert not i18n.duplicate_keys()


def test_an_area_layer_with_a_population_column_gives_the_areas_their_population(empty_con, tmp_path):
    import geopandas as gpd

    layer = gpd.read_file(JARVA)
    layer["Befolkning"] = ["12 100", "", "16200", "inte känd"]  # Husby, Kista, Rinkeby, Tensta (file order)
    order = layer["name"].tolist()
    path = tmp_path / "med_befolkning.geojson"
    layer.to_file(path, driver="GeoJSON")
    area_import.load(empty_con, str(path), path.name, municipality_code="0180")
    got = dict(empty_con.execute("select name, population from area").fetchall())
    expected = dict(zip(order, [12100, None, 16200, None], strict=True))
    assert got == expected
    # A later layer without the column keeps what is known (and what was set by hand).
    register.update_area(empty_con, area_id(empty_con, order[1]), "samordnare", population=3000)
    area_import.load(empty_con, str(JARVA), JARVA.name, municipality_code="0180")
    assert dict(empty_con.execute("select name, population from area").fetchall()) == {
        **expected,
        order[1]: 3000,
    }
