"""Survey import: the standard long format in every encoding and separator, wide exports through
profiles, broken files (clear error, database unchanged), idempotency, the CLI."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from est_data import db
from est_data.cli import main
from est_data.ingest import survey
from est_data.ingest.common import ImportFileError

JONAS = "jonas.svensson@trelleborg.example"  # reporter 1, covers Västra Innerstaden only
ELIN = "elin.oberg@trelleborg.example"  # reporter 2, Östra Innerstaden

LONG_ROWS = [
    ["vecka", "e-post", "område", "faktor", "nivå", "kommentar"],
    ["2026-W48", JONAS, "Västra Innerstaden", "Skadegörelse", "3", "Krossade rutor på skolan"],
    ["2026-W48", JONAS, "Västra Innerstaden", "klotter", "påtagligt", "Krossade rutor på skolan"],
    ["2026-W48", ELIN.upper(), "östra innerstaden", "Trafik, buskörning och mopeder", "2 – påtagligt", ""],
    ["2026-W48", "okand@example.se", "Centrum", "Klotter", "1", ""],
    ["2026-W48", JONAS, "Västra Innerstaden", "Nedskräpning", "7", ""],
    ["2026-W48", ELIN, "Månbasen", "Klotter", "1", ""],
    ["2026-W48", ELIN, "Östra Innerstaden", "Kvantfysik", "1", ""],
]


def _csv(rows, sep=";", encoding="utf-8", bom=False) -> bytes:
    text = "\r\n".join(sep.join(f'"{c}"' if sep in c else c for c in row) for row in rows) + "\r\n"
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def _xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _ratings(con, week=48):
    return con.execute(
        "select rp.email, a.name, s.factor_code, s.level, r.comment, r.source"
        " from survey_response r join survey_rating s on s.response_id = r.id"
        " join reporter rp on rp.id = r.reporter_id join area a on a.id = r.area_id"
        " where r.iso_year = 2026 and r.iso_week = ? order by 1, 3",
        [week],
    ).fetchall()


EXPECTED = [
    (ELIN, "Östra Innerstaden", "trafik", 2, None, "import"),
    (JONAS, "Västra Innerstaden", "klotter", 2, "Krossade rutor på skolan", "import"),
    (JONAS, "Västra Innerstaden", "skadegorelse", 3, "Krossade rutor på skolan", "import"),
]


@pytest.mark.parametrize("variant", ["utf8", "utf8-bom", "cp1252", "comma", "tab", "xlsx"])
def test_long_format_in_every_encoding_and_separator(sample_con, variant):
    data = {
        "utf8": lambda: _csv(LONG_ROWS),
        "utf8-bom": lambda: _csv(LONG_ROWS, bom=True),
        "cp1252": lambda: _csv(LONG_ROWS, encoding="cp1252"),
        "comma": lambda: _csv(LONG_ROWS, sep=","),
        "tab": lambda: _csv(LONG_ROWS, sep="\t"),
        "xlsx": lambda: _xlsx(LONG_ROWS),
    }[variant]()
    report = survey.load(sample_con, data, f"svar.{variant}")
    assert report.rows_read == 7
    assert report.rows_loaded == 3
    assert [(r.line, r.reason.split(" /")[0]) for r in report.rejected] == [
        (5, "okänd rapportör 'okand@example.se'"),
        (6, "nivå 7 utanför 0–3"),
        (7, "okänt område 'Månbasen'"),
        (8, "okänd faktor 'Kvantfysik'"),
    ]
    assert _ratings(sample_con) == EXPECTED
    batch = sample_con.execute(
        "select source, rows_read, rows_loaded, rows_rejected from import_batch order by id desc limit 1"
    ).fetchone()
    assert batch == ("survey", 7, 3, 4)


def test_reimport_changes_nothing(sample_con):
    data = _csv(LONG_ROWS)
    survey.load(sample_con, data, "svar.csv")
    before = _ratings(sample_con)
    stamps = sample_con.execute(
        "select id, submitted_at, import_batch_id from survey_response"
        " where iso_year = 2026 and iso_week = 48 order by id"
    ).fetchall()
    again = survey.load(sample_con, data, "svar.csv")
    assert again.rows_loaded == 0 and again.rows_unchanged == 3
    assert _ratings(sample_con) == before
    assert (
        sample_con.execute(
            "select id, submitted_at, import_batch_id from survey_response"
            " where iso_year = 2026 and iso_week = 48 order by id"
        ).fetchall()
        == stamps
    )
    # a changed level is an update of the same answer, not a second one
    changed = [row[:] for row in LONG_ROWS]
    changed[1][4] = "1"
    report = survey.load(sample_con, _csv(changed), "svar2.csv")
    assert report.rows_loaded == 2  # the two rows of Jonas's answer
    assert (
        sample_con.execute(
            "select count(*) from survey_response where iso_year = 2026 and iso_week = 48"
        ).fetchone()[0]
        == 2
    )
    assert ("skadegorelse", 1) in [(r[2], r[3]) for r in _ratings(sample_con)]


def test_week_from_year_column_and_from_the_answer_date(sample_con):
    rows = [
        ["år", "vecka", "e-post", "faktor", "nivå", "inskickad"],
        ["2026", "47", JONAS, "klotter", "3", "2026-11-24 08:00"],  # late answer: counts for week 47
        ["", "", ELIN, "klotter", "2", "2026-11-25 09:15"],
    ]  # no week: the week of the answer date
    report = survey.load(sample_con, _csv(rows), "svar.csv")
    assert report.rows_loaded == 2 and not report.rejected
    got = sample_con.execute(
        "select reporter_id, iso_week, area_id from survey_response where source = 'import'"
        " and import_batch_id = ? order by 1",
        [report.batch_id],
    ).fetchall()
    assert got == [(1, 47, 3), (2, 48, 4)]  # area from the reporter's single area


FORMS_HEADER = [
    "ID",
    "Starttid",
    "Slutförandetid",
    "E-post",
    "Namn",
    "Vilken vecka gäller svaret?",
    "Vilket område gäller svaret?",
    "Hur är läget? [Hot och våld]",
    "Hur är läget? [Skadegörelse]",
    "Hur är läget? [Klotter]",
    "Hur är läget? [Trafik, buskörning och mopeder]",
    "Övriga kommentarer",
]


def test_wide_forms_export_with_the_builtin_profile(sample_con):
    rows = [
        FORMS_HEADER,
        [
            "1",
            "2026-11-24 08:01",
            "2026-11-24 08:05",
            JONAS,
            "Jonas",
            "v. 48",
            "Västra Innerstaden",
            "Inget",
            "Påtagligt",
            "Enstaka",
            "Allvarligt",
            "Mopeder på skolgården",
        ],
        [
            "2",
            "2026-11-24 09:01",
            "2026-11-24 09:04",
            ELIN,
            "Elin",
            "48",
            "Östra Innerstaden",
            "Inget",
            "Inget",
            "",
            "Enstaka",
            "",
        ],
        [
            "3",
            "2026-11-24 10:01",
            "2026-11-24 10:04",
            ELIN,
            "Elin",
            "48",
            "Östra Innerstaden",
            "Inget",
            "Mycket",
            "",
            "Enstaka",
            "",
        ],
    ]
    report = survey.load(sample_con, _xlsx(rows), "forms.xlsx", profile="forms")
    assert report.rows_read == 3 and report.rows_loaded == 2
    assert [(r.line, r.reason.split(":")[0]) for r in report.rejected] == [
        (4, "Hur är läget? [Skadegörelse]")
    ]
    got = {(r[0], r[2]): r[3] for r in _ratings(sample_con)}
    assert got == {
        (JONAS, "hot_vald"): 0,
        (JONAS, "skadegorelse"): 2,
        (JONAS, "klotter"): 1,
        (JONAS, "trafik"): 3,
        (ELIN, "hot_vald"): 0,
        (ELIN, "skadegorelse"): 0,
        (ELIN, "trafik"): 1,
    }
    submitted = sample_con.execute(
        "select submitted_at from survey_response where reporter_id = 1 and iso_year = 2026 and iso_week = 48"
    ).fetchone()[0]
    assert str(submitted) == "2026-11-24 08:05:00"


def test_wide_export_with_a_saved_profile_via_the_cli(sample_db, tmp_path, capsys):
    rows = [
        ["Respondent", "Mejladress", "Enhet", "Veckonr", "F1", "F2", "Fritext"],
        ["a", JONAS, "Västra Innerstaden", "2026-48", "2", "0", "Bränder i containrar"],
        ["b", "nobody@x.se", "Västra Innerstaden", "2026-48", "1", "1", ""],
    ]
    data_file = tmp_path / "netigate.csv"
    data_file.write_bytes(_csv(rows, encoding="cp1252"))
    profile_file = tmp_path / "profil.json"
    profile_file.write_text(
        json.dumps(
            {
                "email": ["Mejladress"],
                "area": ["Enhet"],
                "week": ["Veckonr"],
                "comment": ["Fritext"],
                "factors": {"F1": "brand", "F2": "Klotter"},
            }
        ),
        encoding="utf-8",
    )
    rc = main(
        [
            "--db",
            str(sample_db),
            "import",
            "survey",
            str(data_file),
            "--profile",
            "min-export",
            "--save-profile",
            str(profile_file),
        ]
    )
    out, err = capsys.readouterr()
    assert rc == 0
    assert "lästa 2, inlästa 1, avvisade 1" in out
    assert "rad 3: okänd rapportör 'nobody@x.se'" in err
    con = db.connect(sample_db)
    assert survey.get_profile(con, "min-export")["factors"] == {"F1": "brand", "F2": "Klotter"}
    assert {(r[2], r[3]) for r in _ratings(con)} == {("brand", 2), ("klotter", 0)}
    db.close(sample_db)
    # the saved profile is used again by name; the same file changes nothing the second time
    rc = main(["--db", str(sample_db), "import", "survey", str(data_file), "--profile", "min-export"])
    out, _ = capsys.readouterr()
    assert rc == 0 and "inlästa 0" in out


BROKEN = {
    "empty": b"",
    "only-whitespace": b"  \r\n \r\n",
    "binary": bytes(range(256)) * 20,
    "header-only": "vecka;e-post;område;faktor;nivå\r\n".encode(),
    "no-usable-columns": "namn;ålder\r\nAnna;34\r\n".encode(),
    "no-email-column": "vecka;område;faktor;nivå\r\n2026-W48;Centrum;Klotter;1\r\n".encode(),
    "broken-xlsx": b"PK\x03\x04" + b"[Content_Types].xml" + b"\x00garbage" * 50,
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_files_are_refused_whole_and_leave_the_database_unchanged(sample_con, name):
    before = db.table_counts(sample_con)
    with pytest.raises(ImportFileError) as err:
        survey.load(sample_con, BROKEN[name], f"{name}.csv")
    assert " / " in str(err.value)  # Swedish / English message
    assert db.table_counts(sample_con) == before


def test_unknown_profile_and_missing_profile_columns(sample_con):
    before = db.table_counts(sample_con)
    with pytest.raises(ImportFileError, match="okänd profil"):
        survey.load(sample_con, _csv(LONG_ROWS), "x.csv", profile="finns-inte")
    with pytest.raises(ImportFileError, match="e-post"):
        survey.load(sample_con, _csv([["Vecka", "Klotter"], ["48", "1"]]), "x.csv", profile="forms")
    with pytest.raises(ImportFileError):
        survey.save_profile(sample_con, "dålig", {"factors": "auto"})
    assert db.table_counts(sample_con) == before


def test_strict_refuses_the_whole_file(sample_con):
    before = db.table_counts(sample_con)
    with pytest.raises(ImportFileError, match="4 rader har fel"):
        survey.load(sample_con, _csv(LONG_ROWS), "svar.csv", strict=True)
    assert db.table_counts(sample_con) == before


def test_preview_writes_nothing(sample_con):
    before = db.table_counts(sample_con)
    report = survey.preview(sample_con, _csv(LONG_ROWS), "svar.csv")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (7, 3, 4)
    assert db.table_counts(sample_con) == before


def test_cli_strict_and_missing_file(sample_db, tmp_path, capsys):
    path = tmp_path / "svar.csv"
    path.write_bytes(_csv(LONG_ROWS))
    assert main(["--db", str(sample_db), "import", "survey", str(path), "--strict"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "inget lästes in" in err and "Traceback" not in err
    assert main(["--db", str(sample_db), "import", "survey", str(tmp_path / "saknas.csv")]) == 2
    assert main(["--db", str(sample_db), "import", "survey", str(path)]) == 0
    assert "lästa 7, inlästa 3, avvisade 4" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "level"),
    [("0", 0), ("3", 3), ("2,0", 2), ("2 – påtagligt", 2), ("Allvarligt", 3), ("enstaka (1)", 1), ("", None)],
)
def test_parse_level(text, level):
    assert survey.parse_level(text) == level


@pytest.mark.parametrize("text", ["4", "-1", "mycket", "två"])
def test_parse_level_refuses(text):
    with pytest.raises(ValueError):
        survey.parse_level(text)


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("2026-W48", "", (2026, 48)),
        ("2026W48", "", (2026, 48)),
        ("2026-48", "", (2026, 48)),
        ("v. 48", "2026", (2026, 48)),
        ("v48 2026", "", (2026, 48)),
        ("48", "2026", (2026, 48)),
    ],
)
def test_parse_week(text, year, expected):
    week = survey.parse_week(text, year)
    assert (week.year, week.week) == expected


def test_parse_week_without_year_uses_the_answer_date():
    import datetime as dt

    assert str(survey.parse_week("52", "", dt.datetime(2027, 1, 2))) == "2026-W52"
    assert str(survey.parse_week("1", "", dt.datetime(2027, 1, 6))) == "2027-W01"
    with pytest.raises(ValueError):
        survey.parse_week("54", "2026")


def test_fuzzed_files_either_load_or_are_refused_whole(sample_con):
    """Random tables made of plausible and implausible cells: the importer never crashes with anything
    but ImportFileError, and a refused file writes nothing."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    cell = st.one_of(
        st.sampled_from(
            [
                "2026-W48",
                "48",
                JONAS,
                ELIN,
                "Centrum",
                "Västra Innerstaden",
                "Klotter",
                "klotter",
                "påtagligt",
                "3",
                "9",
                "",
                "x;y",
                '"',
                "2026-11-24 08:00",
            ]
        ),
        st.text(max_size=12),
    )
    header = st.lists(
        st.sampled_from(
            [
                "vecka",
                "e-post",
                "område",
                "faktor",
                "nivå",
                "kommentar",
                "inskickad",
                "Klotter",
                "Skadegörelse",
                "år",
                "okänd",
            ]
        ),
        min_size=1,
        max_size=7,
        unique=True,
    )

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        header=header,
        rows=st.lists(st.lists(cell, min_size=1, max_size=7), max_size=6),
        sep=st.sampled_from([";", ",", "\t"]),
    )
    def check(header, rows, sep):
        data = _csv([header, *[r[: len(header)] + [""] * (len(header) - len(r)) for r in rows]], sep=sep)
        before = db.table_counts(sample_con)
        try:
            report = survey.load(sample_con, data, "fuzz.csv")
        except ImportFileError:
            assert db.table_counts(sample_con) == before
            return
        assert report.rows_loaded + report.rows_unchanged + report.rows_rejected <= report.rows_read
        assert all(r.line >= 2 for r in report.rejected)

    check()
