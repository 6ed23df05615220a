"""Brå's yearly file per municipality as Brå publishes it (issue 15, item 1), in both layouts, built here
from the municipality list; and the comparison with municipalities of similar size on Uppföljning."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from est_data import cli
from est_data.analysis import similar_size
from est_data.ingest import bra, reference

DISTRICTS = ("Rinkeby-Kista", "Spånga–Tensta", "Hässelby-Vällingby", "Södermalm")


def _swedish(number: int) -> str:
    """2537 -> '2 537', as Brå writes thousands."""
    return f"{number:,}".replace(",", " ")


def _expected() -> dict[str, tuple[int, int]]:
    """Every municipality's (count, rate per 100 000) in the files below; counts up to ~90 000."""
    codes = reference.kommuner()["municipality_code"]
    return {code: (300 + 311 * i, 4000 + 37 * i) for i, code in enumerate(codes)}


def _file_2024() -> bytes:
    """The layout of 2022 onwards: UTF-8 with BOM, ';', CRLF, a header, '2 537', Hela landet, Stockholm's
    districts after the municipalities, names with an en dash (Malung–Sälen)."""
    expected = _expected()
    lines = ["Kommun;Antal;Per 100 000 inv."]
    for code, name in zip(
        reference.kommuner()["municipality_code"], reference.kommuner()["municipality_name"], strict=True
    ):
        count, rate = expected[code]
        lines.append(f"{name.replace('-', '–')};{_swedish(count)};{_swedish(rate)}")
    lines.append("Hela landet;1 498 733;14 270")
    lines += [f"{d};{_swedish(5000 + i)};{_swedish(9000 + i)}" for i, d in enumerate(DISTRICTS)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def _official(name: str) -> str:
    """The 2021 file's names: 'Ale kommun', the genitive 'Arjeplogs kommun', 'Falu kommun'."""
    if name == "Falun":
        return "Falu kommun"
    if name[-1] in "aeiouyåäös":
        return f"{name} kommun"
    return f"{name}s kommun"


def _file_2021() -> bytes:
    """The 2021 layout: no header, names such as 'Ale kommun' and 'Arjeplogs kommun'."""
    expected = _expected()
    lines = []
    for code, name in zip(
        reference.kommuner()["municipality_code"], reference.kommuner()["municipality_name"], strict=True
    ):
        count, rate = expected[code]
        lines.append(f"{_official(name)};{_swedish(count)};{_swedish(rate)}")
    lines.append("Hela landet;1 440 000;13 800")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def _yearly_rows(con, year: int) -> dict[str, tuple[int, float | None]]:
    rows = con.execute(
        "select municipality_code, count, rate_per_100k from crime_stat"
        " where period_start = ? and period_end = ? and crime_label = ? and area_id is null",
        [dt.date(year, 1, 1), dt.date(year, 12, 31), bra.TOTAL_LABEL],
    ).fetchall()
    return {code: (count, rate) for code, count, rate in rows}


def test_layouts_as_built_match_the_issue():
    text = _file_2024().decode("utf-8")
    assert text.startswith("\ufeffKommun;Antal;Per 100 000 inv.\r\n")
    assert "Malung–Sälen;" in text and "Rinkeby-Kista;" in text and "Hela landet;" in text
    assert any(";2 537;" in line or " " in line.split(";")[1] for line in text.splitlines()[1:])
    old = _file_2021().decode("utf-8")
    assert old.splitlines()[0].lstrip("\ufeff").startswith("Upplands Väsby kommun;")
    assert "\nAle kommun;" in old and "\nArjeplogs kommun;" in old


def test_yearly_file_with_header_every_municipality(empty_con):
    report = bra.load(empty_con, _file_2024(), "Anmälda brott kommunerna 2024.csv")
    expected = _expected()
    assert report.rows_read == 290 + 1 + len(DISTRICTS)
    assert report.rejected == []
    assert report.rows_loaded == 291  # 290 municipalities and the national figure
    rows = _yearly_rows(empty_con, 2024)
    assert set(rows) == set(expected) | {bra.NATIONAL_CODE}
    for code, (count, rate) in expected.items():
        assert rows[code] == (count, float(rate)), code
    assert rows[bra.NATIONAL_CODE] == (1_498_733, 14_270.0)
    assert rows["2023"] == (expected["2023"][0], float(expected["2023"][1]))  # Malung–Sälen with an en dash
    # no other year, no district loaded anywhere, the districts named in the report
    assert empty_con.execute("select count(*) from crime_stat").fetchone()[0] == 291
    districts = next(m for m in report.messages if "Stockholm" in m)
    for name in DISTRICTS:
        assert name in districts
    # the national figure is not a municipality
    assert (
        empty_con.execute("select count(*) from municipality where code = ?", [bra.NATIONAL_CODE]).fetchone()[
            0
        ]
        == 0
    )


def test_yearly_file_without_header_2021(empty_con):
    report = bra.load(empty_con, _file_2021(), "Anmälda brott kommunerna 2021.csv")
    assert report.rejected == []
    assert report.rows_read == 291  # the first line is data, not a header
    rows = _yearly_rows(empty_con, 2021)
    for code, (count, rate) in _expected().items():
        assert rows[code] == (count, float(rate)), code
    assert rows["1440"][0] == _expected()["1440"][0]  # "Ale kommun"
    assert rows["2506"][0] == _expected()["2506"][0]  # "Arjeplogs kommun"
    assert rows[bra.NATIONAL_CODE] == (1_440_000, 13_800.0)
    assert _yearly_rows(empty_con, 2024) == {}


def test_reimport_changes_nothing_and_a_new_figure_replaces(empty_con):
    bra.load(empty_con, _file_2024(), "Anmälda brott kommunerna 2024.csv")
    again = bra.load(empty_con, _file_2024(), "Anmälda brott kommunerna 2024.csv")
    assert (again.rows_loaded, again.rows_unchanged) == (0, 291)
    revised = _file_2024().replace(
        f"Trelleborg;{_swedish(_expected()['1287'][0])};".encode(), b"Trelleborg;4 321;"
    )
    report = bra.load(empty_con, revised, "Anmälda brott kommunerna 2024.csv")
    assert (report.rows_loaded, report.rows_updated) == (1, 1)
    assert _yearly_rows(empty_con, 2024)["1287"][0] == 4321
    assert empty_con.execute("select count(*) from crime_stat").fetchone()[0] == 291


def test_year_from_option_when_the_name_has_none(empty_con):
    with pytest.raises(bra.ImportFileError, match="--year"):
        bra.load(empty_con, _file_2024(), "brott_per_kommun.csv")
    report = bra.load(empty_con, _file_2024(), "brott_per_kommun.csv", year=2023)
    assert report.rows_loaded == 291
    assert _yearly_rows(empty_con, 2023)["1287"][0] == _expected()["1287"][0]
    assert bra.file_year("Anmälda brott kommunerna 2024.csv") == 2024
    assert bra.file_year("export.csv") is None


def test_unknown_names_are_rejected_with_line_and_reason(empty_con):
    data = "Kommun;Antal;Per 100 000 inv.\r\nTrelleborg;2 537;5 801\r\nAnkeborg;12;40\r\nYstad;..;\r\n"
    report = bra.load(empty_con, data.encode("utf-8"), "Anmälda brott kommunerna 2024.csv")
    assert report.rows_loaded == 1
    assert {r.line: r.reason for r in report.rejected} == {
        3: "okänd kommun: Ankeborg",
        4: "uppgift saknas (..)",
    }


def test_cli_with_year(empty_db, tmp_path, capsys):
    path = tmp_path / "kommuner.csv"
    path.write_bytes(_file_2021())
    assert cli.main(["--db", str(empty_db), "import", "bra", str(path), "--year", "2021"]) == 0
    out = capsys.readouterr().out
    assert "inlästa 291" in out and "avvisade 0" in out
    path = tmp_path / "Anmälda brott kommunerna 2024.csv"
    path.write_bytes(_file_2024())
    assert cli.main(["--db", str(empty_db), "import", "bra", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any("Rinkeby-Kista, Spånga–Tensta, Hässelby-Vällingby, Södermalm" in line for line in lines)
    assert lines[-1].startswith(f"{path.name}: lästa 295, inlästa 291")


def test_similar_size_comparison(empty_con):
    bra.load(empty_con, _file_2024(), "Anmälda brott kommunerna 2024.csv")
    assert similar_size.years(empty_con, "1287") == [2024]
    result = similar_size.similar_size(empty_con, "1287")
    assert result is not None and result.year == 2024
    table = result.table
    assert len(table) == similar_size.GROUP_SIZE + 1
    expected = _expected()
    population = {code: count * 100_000 / rate for code, (count, rate) in expected.items()}
    own = population["1287"]
    nearest = sorted((c for c in population if c != "1287"), key=lambda c: abs(math.log(population[c] / own)))
    assert set(table["municipality_code"]) == {"1287", *nearest[: similar_size.GROUP_SIZE]}
    row = table.loc[table["is_self"]].iloc[0]
    assert row["name"] == "Trelleborg"
    assert row["population"] == pytest.approx(own)
    assert row["rate"] == expected["1287"][1]
    assert result.national_rate == 14_270.0
    assert result.rank == int((table["rate"] < expected["1287"][1]).sum()) + 1
    assert "Trelleborg 2024" in similar_size.summary(result)
    assert similar_size.similar_size(empty_con, "1280", 2019) is not None  # a year without data: the newest
    empty = similar_size.similar_size(empty_con, "9999")
    assert empty is None


def test_uppfoljning_shows_the_comparison(sample_db):
    from est_data import db
    from tests.conftest import app_as

    at = app_as("lasare", "uppfoljning")
    assert not at.exception
    assert any(
        "Brås årsfil per kommun" in i.value for i in at.info
    )  # no yearly file yet: says how to get one
    bra.load(db.connect(sample_db), _file_2024(), "Anmälda brott kommunerna 2024.csv")
    at.run()
    assert not at.exception
    assert at.selectbox(key="followup_similar_year").value == 2024
    frame = next(d.value for d in at.dataframe if "Per 100 000 inv." in d.value.columns)
    assert len(frame) == similar_size.GROUP_SIZE + 1
    assert "Trelleborg ◀" in set(frame["Kommun"])
    assert any("plats" in m.value and "hela landet 14\u00a0270" in m.value for m in at.markdown)


def test_data_page_asks_for_the_year_only_when_the_name_has_none(sample_db):
    from est_data import db
    from tests.conftest import app_as

    at = app_as("samordnare", "data")
    at.file_uploader(key="data_bra_file").set_value(
        ("Anmälda brott kommunerna 2024.csv", _file_2024(), "text/csv")
    )
    at.run()
    assert not at.exception
    assert not [n for n in at.number_input if n.key == "data_bra_year"]
    at.file_uploader(key="data_bra_file").set_value(("kommuner.csv", _file_2021(), "text/csv")).run()
    at.button(key="data_bra_preview").click().run()
    assert any("--year" in e.value for e in at.error)
    at.number_input(key="data_bra_year").set_value(2021).run()
    at.button(key="data_bra_preview").click().run()
    assert not at.exception and not at.error
    at.button(key="data_bra_load").click().run()
    assert any("inlästa 291" in s.value for s in at.success)
    assert _yearly_rows(db.connect(sample_db), 2021)["1287"][0] == _expected()["1287"][0]


def test_uppfoljning_with_only_the_yearly_file(sample_db):
    from est_data import db
    from tests.conftest import app_as

    con = db.connect(sample_db)
    con.execute("delete from crime_stat")
    con.execute("delete from incident where source = 'felanmalan'")  # no monthly follow-up at all
    bra.load(con, _file_2024(), "Anmälda brott kommunerna 2024.csv")
    at = app_as("lasare", "uppfoljning")
    assert not at.exception
    assert at.warning  # no monthly figures to follow up
    frame = next(d.value for d in at.dataframe if "Per 100 000 inv." in d.value.columns)
    assert "Trelleborg ◀" in set(frame["Kommun"])
