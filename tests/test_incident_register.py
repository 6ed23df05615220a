"""Incident registers of any kind as their own source (issue 15, item 2): a housing company's log in
Windows-1252 with date-only rows, SWEREF 99 TM coordinates and an address column; idempotent re-import;
profiles from the CLI; the map, trends and an action evaluation use it, and felanmälan stays apart."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pyproj import Transformer

from est_data import cli, incidents
from est_data.analysis import evaluation, trends
from est_data.ingest import register
from est_data.ingest.common import ImportFileError
from est_data.model import Filters

SOURCE = "Trelleborgshem"
SKOLAN = (55.388528, 13.129307)  # Västervångsskolan (sample_data/places.csv)
STATIONEN = (55.382057, 13.154338)
START = dt.date(2026, 6, 1)  # the action below starts here; 12 weeks before and after
_TO_3006 = Transformer.from_crs(4326, 3006, always_xy=True)
CATEGORIES = {
    "Brand i soprum": "Anlagda bränder",
    "Klotter i trapphus": "Klotter",
    "Fönster krossat": "Skadegörelse",
}
HEADER = "Ärendenr;Datum;Klockslag;Händelsetyp;Adress;N;E;Beskrivning"


def _sweref(lat: float, lon: float, dx: float = 0.0, dy: float = 0.0) -> tuple[str, str]:
    east, north = _TO_3006.transform(lon, lat)
    return f"{north + dy:.1f}".replace(".", ","), f"{east + dx:.1f}".replace(".", ",")


def _log() -> tuple[str, dict]:
    """The housing company's log and what it holds: 24 fires at the school in the 12 weeks before START and 6
    after (SWEREF 99 TM, every other one with a date only), address-only rows and bad rows."""
    rows = [HEADER]
    expect = {"exact_before": 0, "exact_after": 0, "day_rows": 0, "timed_rows": 0}
    n = 0
    for k in range(30):
        before = k < 24
        day = START - dt.timedelta(days=3 + 3 * k) if before else START + dt.timedelta(days=4 + 12 * (k - 24))
        north, east = _sweref(*SKOLAN, dx=(k % 5) * 10.0, dy=(k % 3) * 10.0)
        timed = k % 2 == 1
        n += 1
        rows.append(
            f"TH-{n:04d};{day.isoformat()};{'21:15' if timed else ''};Brand i soprum;Västervångsgatan 3;"
            f"{north};{east};Brand i kärl, släckt av boende"
        )
        expect["exact_before" if before else "exact_after"] += 1
        expect["timed_rows" if timed else "day_rows"] += 1
    # address only: a named place inside the text, an area, and an address nobody knows
    rows.append("TH-0101;2026-05-04;;Klotter i trapphus;Västervångsskolan, trapphus B;;;Klotter på dörr")
    rows.append("TH-0102;04.05.2026;23.40;Fönster krossat;Stationen;;;Ruta i väntsal")
    rows.append("TH-0103;2026-05-05;;Vattenläcka;Hamnen;;;Läcka i källare")
    rows.append("TH-0104;2026-05-06;;Klotter i trapphus;Okänd gata 1;;;")
    # bad rows
    rows.append("TH-0201;31/02/2026;;Brand i soprum;Västervångsgatan 3;;;")
    rows.append("TH-0202;2026-05-07;;;Stationen;;;utan kategori")
    rows.append("TH-0203;2026-05-07;;Brand i soprum;Sergels torg;6580900;674300;i Stockholm")
    rows.append("TH-0001;2026-05-08;;Brand i soprum;Västervångsgatan 3;;;samma nummer som rad 2")
    rows.append("TH-0204;2026-05-08;25:00;Brand i soprum;Stationen;;;")
    return "\r\n".join(rows) + "\r\n", expect


def _file(tmp_path) -> tuple[bytes, dict]:
    text, expect = _log()
    data = text.encode("cp1252")
    (tmp_path / "trelleborgshem.csv").write_bytes(data)
    return data, expect


def _load(con, data: bytes, **options):
    return register.load(con, data, "trelleborgshem.csv", source=SOURCE, categories=CATEGORIES, **options)


def test_a_housing_company_log_loads_as_its_own_source(sample_con, tmp_path):
    data, expect = _file(tmp_path)
    felanmalan_before = sample_con.execute(
        "select count(*), sum(cost_sek) from incident where source = 'felanmalan'"
    ).fetchone()
    report = _load(sample_con, data)
    assert report.source == SOURCE
    assert report.rows_read == 39
    assert {r.line: r.reason for r in report.rejected} == {
        36: "datumet kan inte tolkas (datum): '31/02/2026'",
        37: "kategori saknas",
        38: "platsen ligger utanför kommunen (Trelleborg): 59.33082, 18.06396",
        39: "samma id som rad 2",
        40: "klockslaget kan inte tolkas: '25:00'",
    }
    assert report.rows_loaded == 34
    rows = (
        sample_con.execute(
            "select external_id, occurred_at, occurred_to, time_precision, category, factor_code, location_precision,"
            "       lat, lon, place_id, area_id, summary"
            " from incident where source = ? order by external_id",
            [SOURCE],
        )
        .df()
        .set_index("external_id")
    )
    assert len(rows) == 34
    # never mixed into felanmälan
    assert (
        sample_con.execute(
            "select count(*), sum(cost_sek) from incident where source = 'felanmalan'"
        ).fetchone()
        == felanmalan_before
    )
    # date only: the whole day, not 00:00 as if exact; with a time: exact
    day = rows.loc["TH-0001"]
    assert day["time_precision"] == "day"
    assert day["occurred_at"] == dt.datetime(2026, 5, 29)
    assert day["occurred_to"] == dt.datetime(2026, 5, 30)
    timed = rows.loc["TH-0002"]
    assert (timed["time_precision"], timed["occurred_at"].to_pydatetime()) == (
        "exact",
        dt.datetime(2026, 5, 26, 21, 15),
    )
    assert timed["occurred_to"] is None or str(timed["occurred_to"]) in ("NaT", "None")
    assert (rows["time_precision"] == "day").sum() == expect["day_rows"] + 3
    # SWEREF 99 TM -> WGS 84 at the school, in Västervång, the category mapped and linked to its factor
    school = rows.loc["TH-0001"]
    assert school["location_precision"] == "exact"
    assert school["lat"] == pytest.approx(SKOLAN[0], abs=1e-5) and school["lon"] == pytest.approx(
        SKOLAN[1], abs=1e-5
    )
    area_of = dict(sample_con.execute("select name, id from area").fetchall())
    place_of = dict(sample_con.execute("select name, id from place").fetchall())
    assert school["area_id"] == area_of["Västervång"] and school["place_id"] == place_of["Västervångsskolan"]
    assert (school["category"], school["factor_code"]) == ("Anlagda bränder", "brand")
    # addresses matched to named places and areas; an unknown one kept without a place on the map
    assert (rows.loc["TH-0101", "location_precision"], rows.loc["TH-0101", "place_id"]) == (
        "place",
        place_of["Västervångsskolan"],
    )
    assert rows.loc["TH-0102", "place_id"] == place_of["Stationen"]
    assert rows.loc["TH-0102", "occurred_at"] == dt.datetime(2026, 5, 4, 23, 40)
    assert (rows.loc["TH-0103", "location_precision"], rows.loc["TH-0103", "area_id"]) == (
        "area",
        area_of["Hamnen"],
    )
    assert (
        rows.loc["TH-0103", "category"] == "Vattenläcka"
    )  # not in the mapping: kept as written, and said so
    assert rows.loc["TH-0104", "location_precision"] == "municipality"
    assert any("Vattenläcka" in m for m in report.messages)
    assert any("bara datum" in m for m in report.messages)


def test_reimport_changes_nothing(sample_con, tmp_path):
    data, _ = _file(tmp_path)
    _load(sample_con, data)
    before = sample_con.execute("select * from incident where source = ? order by id", [SOURCE]).df()
    again = _load(sample_con, data)
    assert (again.rows_loaded, again.rows_updated, again.rows_unchanged) == (0, 0, 34)
    after = sample_con.execute("select * from incident where source = ? order by id", [SOURCE]).df()
    assert after.equals(before)
    preview = register.preview(sample_con, data, "trelleborgshem.csv", source=SOURCE, categories=CATEGORIES)
    assert preview.rows_loaded == 0
    # a corrected row is updated in place, not added
    changed = data.replace(b"TH-0104;2026-05-06", b"TH-0104;2026-05-07")
    third = _load(sample_con, changed)
    assert (third.rows_loaded, third.rows_updated) == (1, 1)
    assert sample_con.execute("select count(*) from incident where source = ?", [SOURCE]).fetchone()[0] == 34


def test_a_file_without_ids_is_idempotent_too(empty_con):
    data = "datum;typ;adress\n2026-01-02;Skadegörelse;Storgatan 1\n2026-01-02;Skadegörelse;Storgatan 1\n".encode()
    first = register.load(empty_con, data, "vakt.csv", source="Securitas")
    assert first.rows_loaded == 2  # two equal rows are two events
    assert register.load(empty_con, data, "vakt.csv", source="Securitas").rows_unchanged == 2


def test_windows_and_excel_midnights(empty_con):
    data = (
        "Id;Från;Till;Kategori\n"
        "1;2026-03-01 22:00;2026-03-02 06:00;Inbrott i förråd\n"
        "2;2026-03-05;2026-03-08;Inbrott i förråd\n"
        "3;2026-03-09;2026-03-09;Inbrott i förråd\n"
    ).encode()
    profile = {"date": "Från", "date_to": "Till"}
    register.load(empty_con, data, "vakt.csv", source="Väktarna", mapping=profile)
    rows = empty_con.execute(
        "select external_id, occurred_at, occurred_to, time_precision from incident order by external_id"
    ).fetchall()
    assert rows == [
        ("1", dt.datetime(2026, 3, 1, 22), dt.datetime(2026, 3, 2, 6), "window"),
        ("2", dt.datetime(2026, 3, 5), dt.datetime(2026, 3, 9), "window"),
        ("3", dt.datetime(2026, 3, 9), dt.datetime(2026, 3, 10), "day"),
    ]
    both = b"Id;Datum;Tid;Kategori\n1;2026-03-01 00:00:00;21:15:00;Brand\n2;2026-03-02 08:00;21:15;Brand\n"
    report = register.load(empty_con, both, "vakt2.csv", source="Väktarbolaget")  # Excel's date cell + a time
    assert report.rows_loaded == 1
    assert [r.reason for r in report.rejected] == [
        "både datum med tid och en tidskolumn: 2026-03-02 08:00 / 21:15"
    ]
    assert empty_con.execute(
        "select occurred_at, time_precision from incident where source = 'Väktarbolaget'"
    ).fetchall() == [(dt.datetime(2026, 3, 1, 21, 15), "exact")]
    excel = b"Id;Datum;Kategori\n1;2026-03-01 00:00:00;Brand\n2;2026-03-02 00:00:00;Brand\n"
    report = register.load(empty_con, excel, "rtj.csv", source="Räddningstjänsten")
    assert any("00:00" in m for m in report.messages)
    assert {
        r[0]
        for r in empty_con.execute(
            "select time_precision from incident where source = 'Räddningstjänsten'"
        ).fetchall()
    } == {"day"}


def test_bad_source_names_and_missing_columns(empty_con):
    data = b"datum;typ\n2026-01-01;Brand\n"
    for name in ("", "felanmalan", "Polisen", "x" * 61):
        with pytest.raises(ImportFileError):
            register.load(empty_con, data, "a.csv", source=name)
    with pytest.raises(ImportFileError, match="kategori"):
        register.load(empty_con, b"datum;adress\n2026-01-01;Storgatan\n", "a.csv", source="Bostadsbolaget")
    assert empty_con.execute("select count(*) from incident").fetchone()[0] == 0


def test_profiles_from_the_cli(sample_db, tmp_path, capsys):
    data, _ = _file(tmp_path)
    path = tmp_path / "logg.csv"
    path.write_bytes(
        data.replace(b"H\xe4ndelsetyp", b"Typ av h\xe4ndelse")
    )  # a column the importer cannot guess
    args = ["--db", str(sample_db), "import", "register", str(path)]
    assert cli.main(args + ["--source", SOURCE]) == 2  # no category column found
    assert "kategori" in capsys.readouterr().err
    strict = ["--source", SOURCE, "--column", "category=Typ av händelse", "--strict"]
    assert cli.main(args + strict) == 2  # five bad rows: nothing loaded
    assert "5 rader har fel" in capsys.readouterr().err
    mapping = ["--column", "category=Typ av händelse"] + [
        x for k, v in CATEGORIES.items() for x in ("--category", f"{k}={v}")
    ]
    assert cli.main(args + ["--source", SOURCE, "--save-profile", "trelleborgshem"] + mapping) == 0
    out = capsys.readouterr()
    assert "inlästa 34" in out.out and "rad 36:" in out.err
    assert cli.main(args + ["--profile", "trelleborgshem"]) == 0
    assert "inlästa 0" in capsys.readouterr().out
    # the same profile as a file, for another database
    profile_file = tmp_path / "trelleborgshem.json"
    assert cli.main(args + ["--profile", "trelleborgshem", "--save-profile", str(profile_file)]) == 0
    saved = json.loads(profile_file.read_text(encoding="utf-8"))
    assert saved == {"source": SOURCE, "columns": {"category": "Typ av händelse"}, "categories": CATEGORIES}
    other = tmp_path / "other.duckdb"
    assert (
        cli.main(["--db", str(other), "import", "register", str(path), "--profile", str(profile_file)]) == 0
    )
    assert "inlästa 34" in capsys.readouterr().out


def test_the_map_trends_and_an_evaluation_use_it(sample_con, tmp_path):
    data, expect = _file(tmp_path)
    _load(sample_con, data)
    code = "1287"
    # the map: a source of its own in the choice of sources and in the totals
    assert SOURCE in incidents.source_options(sample_con, code)
    assert incidents.source_label(SOURCE) == SOURCE and incidents.source_label("felanmalan") == "Felanmälan"
    q = incidents.EventQuery(code, dt.date(2026, 2, 1), dt.date(2026, 9, 30), sources=(SOURCE,))
    totals = incidents.event_totals(sample_con, q).set_index("source")
    assert list(totals.index) == [SOURCE]
    assert int(totals.loc[SOURCE, "n"]) == 34
    assert int(totals.loc[SOURCE, "on_map"]) == 30 + 2  # coordinates, and the two named places
    points = incidents.event_points(sample_con, q, 100, with_text=False)
    assert set(points["source"]) == {SOURCE} and len(points) == 32
    assert (
        points["text"].isna().all()
    )  # a register's notes are free text: only for those who see personal data
    texts = incidents.event_points(sample_con, q, 100, with_text=True)["text"]
    assert texts.str.contains("Brand i kärl, släckt av boende").sum() == 30
    # trends: a measure of its own, counting only the register
    key = trends.REGISTER_PREFIX + SOURCE
    assert key in trends.measure_keys(sample_con, code)
    assert trends.measure_label(key) == f"Händelser: {SOURCE}"
    filters = Filters(municipality_code=code, start=dt.date(2026, 2, 1), end=dt.date(2026, 9, 30))
    weekdays = trends.weekday_counts(sample_con, filters, key)
    assert weekdays["value"].sum() == pytest.approx(34)
    by_day = dict(
        sample_con.execute(
            "select isodow(occurred_at) - 1, count(*) from incident where source = ? group by 1", [SOURCE]
        ).fetchall()
    )
    assert weekdays.set_index("weekday")["value"].to_dict() == pytest.approx(
        {d: by_day.get(d, 0) for d in range(7)}
    )
    # an action at the school, evaluated on the register's events only
    place_id = sample_con.execute("select id from place where name = 'Västervångsskolan'").fetchone()[0]
    action_id = sample_con.execute(
        "insert into action (title, kind, place_id, start_date, status)"
        " values ('Låsta soprum', 'fysisk åtgärd', ?, ?, 'pågår') returning id",
        [place_id, START],
    ).fetchone()[0]
    ev = evaluation.evaluate(sample_con, action_id, evaluation.Settings(weeks=12, sources=(SOURCE,)))
    assert ev is not None and ev.windows is not None
    # the 24 + 6 fires placed by coordinates, and the graffiti placed at the school by its address (before)
    assert ev.counts["target"] == (expect["exact_before"] + 1, expect["exact_after"]) == (25, 6)
    every = evaluation.evaluate(sample_con, action_id, evaluation.Settings(weeks=12))
    assert every.counts["target"][0] > 24  # the other sources' events near the school are counted too


def test_evaluate_on_the_register_from_the_cli(sample_db, tmp_path, capsys):
    from est_data import db

    con = db.connect(sample_db)
    data, _ = _file(tmp_path)
    _load(con, data)
    place_id = con.execute("select id from place where name = 'Västervångsskolan'").fetchone()[0]
    action_id = con.execute(
        "insert into action (title, kind, place_id, start_date, status)"
        " values ('Låsta soprum', 'fysisk åtgärd', ?, ?, 'pågår') returning id",
        [place_id, START],
    ).fetchone()[0]
    db.close_all()
    args = ["--db", str(sample_db), "evaluate", str(action_id), "--weeks", "12", "--format", "json"]
    assert cli.main(args + ["--source", SOURCE]) == 0
    counts = json.loads(capsys.readouterr().out)["counts"]["target"]
    assert (counts["before"], counts["after"]) == (25, 6)
    assert cli.main(args) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["target"]["before"] > 25


def test_fire_service_calls_from_excel(sample_con):
    import io

    import openpyxl

    north, east = (float(v.replace(",", ".")) for v in _sweref(*STATIONEN, dx=30.0))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["Larmnummer", "Larmtid", "Larmtyp", "Adress", "X", "Y"]
    )  # X = northing, as Swedish GIS writes
    sheet.append(["R1", dt.datetime(2026, 3, 1, 21, 15), "Brand i container", "", north, east])
    sheet.append(["R2", dt.datetime(2026, 3, 2, 3, 5), "Brand i container", "Hamnplan", None, None])
    sheet.append(["R3", "2026-03-03", "Brand ute", "Stortorget 1", None, None])
    sheet.append(["R4", dt.datetime(2026, 3, 4, 12, 0), "", "Stortorget", None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    report = register.load(
        sample_con,
        buffer.getvalue(),
        "larm.xlsx",
        source="Räddningstjänsten",
        categories={"Brand i container": "Anlagda bränder", "Brand ute": "Anlagda bränder"},
    )
    assert report.rows_loaded == 3 and [(r.line, r.reason) for r in report.rejected] == [
        (5, "kategori saknas")
    ]
    rows = {
        r[0]: r[1:]
        for r in sample_con.execute(
            "select external_id, occurred_at, time_precision, location_precision, lat, place_id, factor_code"
            " from incident where source = 'Räddningstjänsten'"
        ).fetchall()
    }
    place_of = dict(sample_con.execute("select name, id from place").fetchall())
    assert rows["R1"][:3] == (dt.datetime(2026, 3, 1, 21, 15), "exact", "exact")
    assert rows["R1"][3] == pytest.approx(STATIONEN[0], abs=1e-4) and rows["R1"][4] == place_of["Stationen"]
    assert rows["R2"][2:] == ("place", pytest.approx(55.377998), place_of["Hamnplan"], "brand")
    assert rows["R3"][1:3] == ("day", "place")  # "Stortorget 1" names the place Stortorget
    assert rows["R3"][4] == place_of["Stortorget"]


def test_a_register_of_several_municipalities_loads_only_this_ones_rows(sample_con):
    data = (
        "Larmnummer;Larmtid;Larmtyp;Kommun;Adress\n"
        "R1;2026-03-01 21:15;Brand i container;Trelleborg;Stationen\n"
        "R2;2026-03-01 22:00;Brand i container;Vellinge kommun;Storgatan 1\n"
        "R3;2026-03-02 01:10;Brand ute;Svedala;Torget\n"
        "R4;2026-03-02 02:00;Brand ute;Ankeborg;Torget\n"
        "R5;2026-03-03 04:00;Brand ute;1287;Hamnplan\n"
    ).encode("cp1252")
    report = register.load(sample_con, data, "larm.csv", source="Räddningstjänsten")
    assert report.rows_loaded == 2
    assert [(r.line, r.reason) for r in report.rejected] == [(5, "okänd kommun: Ankeborg")]
    assert any(
        "2 rader gäller andra kommuner" in m and "Svedala (1)" in m and "Vellinge kommun (1)" in m
        for m in report.messages
    )
    ids = [
        r[0]
        for r in sample_con.execute(
            "select external_id from incident where source = 'Räddningstjänsten' order by 1"
        ).fetchall()
    ]
    assert ids == ["R1", "R5"]
    # the same register written in lower case is the same source, not a second one
    again = register.load(sample_con, data, "larm.csv", source="räddningstjänsten")
    assert (again.source, again.rows_unchanged) == ("Räddningstjänsten", 2)
    assert register.sources(sample_con) == ["Räddningstjänsten"]
