"""Trend aggregations against independent pandas computations, on the sample and on the real police file."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest

from est_data import db
from est_data.analysis import trends
from est_data.charts import trends as charts
from est_data.model import Filters
from tests.conftest import FIXTURES

POLICE_FILE = FIXTURES / "polisen" / "events_trelleborg_orebro_malmo.json"
ALL_TIME = (dt.date(2019, 1, 1), dt.date(2027, 12, 31))


def _events(con, source: str) -> pd.DataFrame:
    """The raw rows (this is the independent side: plain SQL rows, pandas does the grouping)."""
    return con.execute(
        "select occurred_at, cost_sek from incident where source = ? and not is_summary and occurred_at is not null",
        [source],
    ).df()


# ------------------------------------------------------------------------------ sample municipality


@pytest.fixture(scope="module")
def sample(sample_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("trends") / "sample.duckdb"
    path.write_bytes(sample_template.read_bytes())
    con = db.connect(path)
    yield con
    db.close(path)


@pytest.mark.parametrize("source", ["polisen", "felanmalan"])
def test_weekday_hour_month_equal_pandas_on_sample(sample, source):
    filters = Filters("1287", *ALL_TIME)
    raw = _events(sample, source)
    assert len(raw) > 1000
    ts = pd.to_datetime(raw["occurred_at"])
    expected_weekday = ts.dt.weekday.value_counts().reindex(range(7), fill_value=0)
    expected_hour = ts.dt.hour.value_counts().reindex(range(24), fill_value=0)
    expected_month = ts.groupby([ts.dt.year, ts.dt.month]).size()

    weekday = trends.weekday_counts(sample, filters, source)
    hour = trends.hour_counts(sample, filters, source)
    matrix = trends.weekday_hour_matrix(sample, filters, source)
    months = trends.month_by_year(sample, filters, source).set_index(["year", "month"])["value"]

    assert weekday["value"].tolist() == expected_weekday.astype(float).tolist()
    assert hour["value"].tolist() == expected_hour.astype(float).tolist()
    cross = pd.crosstab(ts.dt.weekday, ts.dt.hour).reindex(index=range(7), columns=range(24), fill_value=0)
    assert (matrix.to_numpy() == cross.to_numpy()).all()
    assert months[months > 0].astype(int).to_dict() == expected_month.to_dict()


def test_cost_measure_sums_costs(sample):
    filters = Filters("1287", dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    raw = _events(sample, "felanmalan")
    ts = pd.to_datetime(raw["occurred_at"])
    in_year = raw[ts.dt.year == 2025]
    months = trends.month_by_year(sample, filters, "felanmalan_cost")
    assert months["value"].sum() == pytest.approx(in_year["cost_sek"].fillna(0).sum())
    by_month = in_year.groupby(ts[ts.dt.year == 2025].dt.month)["cost_sek"].sum()
    assert months.set_index("month")["value"].to_dict() == pytest.approx(by_month.to_dict())


def test_sample_patterns_are_found(sample):
    """The designed patterns: evenings and Friday–Saturday, Halloween and New Year's Eve."""
    filters = Filters("1287", dt.date(2023, 11, 27), dt.date(2026, 11, 22))
    weekday = trends.weekday_counts(sample, filters, "polisen")["value"].tolist()
    assert max(range(7), key=lambda d: weekday[d]) in (4, 5)  # Friday or Saturday
    hour = trends.hour_counts(sample, filters, "polisen")["value"]
    assert hour[19:24].sum() > hour[7:12].sum() * 2
    risk = trends.risk_weekend_table(sample, filters, "felanmalan")
    summary = trends.risk_summary(risk).set_index("risk")
    assert summary.loc["halloween", "ratio"] > 2
    assert summary.loc["nyar", "ratio"] > 2
    # judged across the table (issue 14): two of the three Halloweens pass the FDR adjustment
    assert (risk.loc[risk["risk"] == "halloween", "verdict"] == "ökning").sum() >= 2


def test_weekly_series_iso_weeks_and_rolling(sample):
    filters = Filters("1287", dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    weekly = trends.weekly_series(sample, filters, "polisen")
    # partial weeks at the ends are left out: 2025-01-01 is a Wednesday, so the first week is W02
    assert (weekly["iso_year"].iloc[0], weekly["iso_week"].iloc[0]) == (2025, 2)
    assert all(d.weekday() == 0 for d in weekly["week_start"])
    raw = _events(sample, "polisen")
    ts = pd.to_datetime(raw["occurred_at"])
    iso = ts.dt.isocalendar()
    week = weekly.iloc[10]
    expected = int(((iso["year"] == week["iso_year"]) & (iso["week"] == week["iso_week"])).sum())
    assert week["value"] == expected
    assert weekly["rolling"].iloc[10] == pytest.approx(weekly["value"].iloc[7:11].mean())


def test_groups_add_up_to_the_total(sample):
    filters = Filters("1287", dt.date(2025, 6, 2), dt.date(2025, 8, 31))  # Monday to Sunday: whole weeks
    assert trends.grain_for(filters) == "week"
    total = trends.weekday_counts(sample, filters, "polisen")["value"].sum()
    for group in ("area", "category"):
        frame = trends.by_group(sample, filters, "polisen", group)
        assert frame["value"].sum() == pytest.approx(total)
        assert frame["group"].nunique() > 3
        assert frame["period"].min() == dt.date(2025, 6, 2) and frame["period"].nunique() == 13
    # a period starting mid-week leaves the incomplete first week out (it would look like a dip)
    partial = trends.by_group(
        sample, Filters("1287", dt.date(2025, 6, 4), dt.date(2025, 8, 31)), "polisen", "area"
    )
    assert partial["period"].min() == dt.date(2025, 6, 9)


def test_area_filter(sample):
    centrum = sample.execute("select id from area where name = 'Centrum'").fetchone()[0]
    filters = Filters("1287", dt.date(2024, 1, 1), dt.date(2024, 12, 31), (centrum,))
    expected = sample.execute(
        "select count(*) from incident where source = 'polisen' and not is_summary and area_id = ?"
        " and occurred_at >= '2024-01-01' and occurred_at < '2025-01-01'",
        [centrum],
    ).fetchone()[0]
    assert trends.hour_counts(sample, filters, "polisen")["value"].sum() == expected


def test_survey_level_measure(sample):
    filters = Filters("1287", dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    weekly = trends.weekly_series(sample, filters, "survey_level", factor="klotter")
    expected = sample.execute(
        "select avg(s.level) from survey_response r join survey_rating s on s.response_id = r.id"
        " where r.iso_year = 2025 and r.iso_week = 20 and s.factor_code = 'klotter'"
    ).fetchone()[0]
    assert weekly.set_index("iso_week").loc[20, "value"] == pytest.approx(expected)
    assert trends.weekday_hour_matrix(sample, filters, "survey_level").to_numpy().sum() == 0
    assert trends.risk_weekend_table(sample, filters, "survey_level").empty


# ----------------------------------------------------------------------------- spreading time windows


def test_spreading_conserves_the_total_on_sample(sample):
    filters = Filters("1287", dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    expected = sample.execute(
        "select count(*) from observation"
        " where coalesce(cast(occurred_at as date), occurred_date, cast(reported_at as date))"
        " between '2024-01-01' and '2025-12-31'"
    ).fetchone()[0]
    windows = sample.execute("select count(*) from observation where occurred_at is null").fetchone()[0]
    assert windows > 100  # the sample has many events known only by part of day
    assert trends.hour_counts(sample, filters, "rapportor")["value"].sum() == pytest.approx(expected)
    assert trends.weekday_hour_matrix(sample, filters, "rapportor").to_numpy().sum() == pytest.approx(
        expected
    )
    assert trends.weekday_counts(sample, filters, "rapportor")["value"].sum() == pytest.approx(expected)
    assert trends.daily_series(sample, filters, "rapportor")["value"].sum() == pytest.approx(expected)


def test_spreading_of_constructed_windows(empty_con):
    con = empty_con
    con.execute("insert into municipality values ('1287', 'Trelleborg', '12', 'Skåne län')")
    con.execute("insert into area (id, municipality_code, name) values (1, '1287', 'A')")
    friday = dt.date(2026, 3, 6)
    rows = [
        # natt 22–06 on a Friday: 2 of 8 hours on Friday, 6 on Saturday
        (1, dt.datetime(2026, 3, 9, 8), None, friday, "natt", 22, 6),
        # hours given without a named part of day: 10–13 → three hours
        (2, dt.datetime(2026, 3, 9, 8), None, friday, None, 10, 13),
        # only a part of day, no hours: kväll 17–22
        (3, dt.datetime(2026, 3, 9, 8), None, friday, "kväll", None, None),
        # an exact time
        (4, dt.datetime(2026, 3, 9, 8), dt.datetime(2026, 3, 6, 14, 30), friday, None, None, None),
        # nothing but the date: the whole day
        (5, dt.datetime(2026, 3, 9, 8), None, friday, None, None, None),
    ]
    for r in rows:
        con.execute(
            "insert into observation (id, reported_at, occurred_at, occurred_date, time_of_day, hour_from,"
            " hour_to, area_id) values (?, ?, ?, ?, ?, ?, ?, 1)",
            list(r),
        )
    filters = Filters("1287", dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    matrix = trends.weekday_hour_matrix(con, filters, "rapportor")
    assert matrix.to_numpy().sum() == pytest.approx(5.0)
    assert matrix.loc[4, 22] == pytest.approx(1 / 8 + 1 / 24)
    assert matrix.loc[5, 3] == pytest.approx(1 / 8)
    assert matrix.loc[5].sum() == pytest.approx(6 / 8)
    assert matrix.loc[4, 11] == pytest.approx(1 / 3 + 1 / 24)
    assert matrix.loc[4, 13] == pytest.approx(1 / 24)  # hour_to is exclusive
    assert matrix.loc[4, 18] == pytest.approx(1 / 5 + 1 / 24)
    assert matrix.loc[4, 14] == pytest.approx(1 + 1 / 24)
    # the day series counts each event once, on the day it began
    daily = trends.daily_series(con, filters, "rapportor").set_index("day")["value"]
    assert daily[friday] == pytest.approx(5.0)
    assert daily.sum() == pytest.approx(5.0)


# -------------------------------------------------------------------------------- real police file

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ]
    )
}


def _occurred(event: dict) -> dt.datetime | None:
    """Tiny loader: the time it happened is 'DD månad HH:MM' at the start of name (DESIGN, shared README)."""
    match = re.match(r"^(\d{1,2}) (\w+) (\d{1,2})[:.](\d{2})", event["name"])
    if not match:
        return None
    published = dt.datetime.strptime(event["datetime"].split(" ")[0], "%Y-%m-%d")
    month = _MONTHS[match.group(2)]
    year = published.year - 1 if month == 12 and published.month == 1 else published.year
    return dt.datetime(year, month, int(match.group(1)), int(match.group(3)), int(match.group(4)))


def _code(event: dict) -> str | None:
    place = event["name"].rsplit(",", 1)[-1].strip()
    return {"Trelleborg": "1287", "Örebro": "1880", "Malmö": "1280"}.get(place)


def test_aggregations_equal_pandas_on_real_police_file(empty_con):
    events = json.loads(POLICE_FILE.read_text(encoding="utf-8"))
    rows = []
    for e in events:
        when = _occurred(e)
        if when is None:
            continue
        rows.append(
            {
                "external_id": str(e["id"]),
                "occurred_at": when,
                "category": e["type"],
                "is_summary": e["type"].startswith("Sammanfattning"),
                "municipality_code": _code(e),
            }
        )
    frame = pd.DataFrame(rows).drop_duplicates("external_id", keep="last")
    con = empty_con
    con.register("police_rows", frame)
    con.execute(
        "insert into incident (source, external_id, occurred_at, category, municipality_code, is_summary)"
        " select 'polisen', external_id, occurred_at, category, municipality_code, is_summary from police_rows"
    )
    con.unregister("police_rows")
    kept = frame[~frame["is_summary"] & (frame["municipality_code"] == "1280")]
    assert len(kept) > 2000
    assert frame["is_summary"].sum() > 0
    ts = pd.to_datetime(kept["occurred_at"])
    filters = Filters("1280", *ALL_TIME)
    weekday = trends.weekday_counts(con, filters, "polisen")["value"]
    hour = trends.hour_counts(con, filters, "polisen")["value"]
    months = trends.month_by_year(con, filters, "polisen")
    assert (
        weekday.tolist()
        == ts.dt.weekday.value_counts().reindex(range(7), fill_value=0).astype(float).tolist()
    )
    assert hour.tolist() == ts.dt.hour.value_counts().reindex(range(24), fill_value=0).astype(float).tolist()
    expected_month = ts.groupby([ts.dt.year, ts.dt.month]).size()
    got = months.set_index(["year", "month"])["value"]
    assert got[got > 0].astype(int).to_dict() == expected_month.to_dict()
    # summaries are never counted
    assert weekday.sum() == len(kept)


# ---------------------------------------------------------------------------------- holidays, charts


def test_risk_periods_and_holidays():
    periods = trends.risk_periods(2025)
    assert periods["halloween"] == [dt.date(2025, 10, 31), dt.date(2025, 11, 1), dt.date(2025, 11, 2)]
    assert periods["midsommar"][0] == dt.date(2025, 6, 20)
    assert periods["skolavslutning"][0].weekday() == 4 and 9 <= periods["skolavslutning"][0].day <= 15
    assert periods["nyar"] == [dt.date(2025, 12, 31), dt.date(2026, 1, 1)]
    assert periods["valborg"][0] == dt.date(2025, 4, 30)
    table = trends.holiday_table(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    names = set(table.loc[table["kind"] == "helgdag", "name"])
    assert {"Midsommarafton", "Nyårsafton", "Julafton", "Nationaldagen", "Långfredagen"} <= names
    assert set(table.loc[table["kind"] == "risk", "risk"]) == set(trends.RISK_NAMES)
    assert not any("14.00" in n for n in names)


def test_charts_are_swedish(sample):
    filters = Filters("1287", dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    fig = charts.weekday_bars(trends.weekday_counts(sample, filters, "polisen"), "Antal")
    assert list(fig.data[0].x) == ["mån", "tis", "ons", "tor", "fre", "lör", "sön"]
    fig = charts.month_by_year_lines(trends.month_by_year(sample, filters, "polisen"), "Antal")
    assert list(fig.layout.xaxis.categoryarray)[:3] == ["jan", "feb", "mar"]
    weekly = trends.weekly_series(sample, filters, "polisen")
    fig = charts.weekly_lines(weekly, "Antal", "Glidande", trends.holiday_table(filters.start, filters.end))
    assert fig.data[0].customdata[0] == "v.2 2025"
    assert "Midsommarafton" in {a.text for a in fig.layout.annotations}
    assert fig.layout.font.size >= 16
