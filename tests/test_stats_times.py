"""Issue 14 item 7: events without an exact time are never drawn at 00:00.

A source with dates only (868 of 868 real arson records in a municipality's register) made a false
midnight peak in the hour and weekday × hour charts on main. Schema 007's `incident.time_precision`
('exact', 'day', 'window') and `occurred_to` (filled by the importers) drive aoristic weighting.
"""

from __future__ import annotations

import datetime as dt

import pytest

from est_data import db
from est_data.analysis import trends
from est_data.model import Filters

FILTERS = Filters("1287", dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.fixture
def con(empty_con):
    empty_con.execute(
        "insert into municipality (code, name) values ('1287', 'Trelleborg') on conflict do nothing"
    )
    return empty_con


def add(
    con,
    n: int,
    day: dt.date,
    precision: str,
    start: dt.time = dt.time(0),
    end: dt.datetime | None = None,
    prefix: str = "x",
) -> None:
    with db.transaction(con):
        for i in range(n):
            con.execute(
                "insert into incident (source, external_id, occurred_at, occurred_to, time_precision, category,"
                " municipality_code) values ('felanmalan', ?, ?, ?, ?, 'Skadegörelse', '1287')",
                [f"{prefix}{i}", dt.datetime.combine(day, start), end, precision],
            )


def test_day_only_events_make_no_midnight_peak(con):
    add(con, 240, dt.date(2026, 3, 4), "day")  # a Wednesday
    hours = trends.hour_counts(con, FILTERS, "felanmalan")
    assert hours["value"].tolist() == pytest.approx([10.0] * 24)  # main: 240 at 00 and 0 elsewhere
    weekdays = trends.weekday_counts(con, FILTERS, "felanmalan")
    assert weekdays["value"].tolist() == pytest.approx([0, 0, 240, 0, 0, 0, 0])  # the day itself is known
    matrix = trends.weekday_hour_matrix(con, FILTERS, "felanmalan")
    assert matrix.loc[2].tolist() == pytest.approx([10.0] * 24)
    assert trends.time_counts(con, FILTERS, "felanmalan") == {"exact": 0, "inexact": 240}


def test_window_events_are_spread_over_their_window(con):
    # found at 06:00, happened some time after 22:00 the evening before: 8 hours, 22-05
    add(con, 80, dt.date(2026, 3, 6), "window", dt.time(22), dt.datetime(2026, 3, 7, 6, 0))
    add(con, 5, dt.date(2026, 3, 6), "exact", dt.time(14, 30), prefix="e")
    hours = trends.hour_counts(con, FILTERS, "felanmalan").set_index("hour")["value"]
    assert hours[[22, 23, 0, 1, 2, 3, 4, 5]].tolist() == pytest.approx([10.0] * 8)
    assert hours[14] == pytest.approx(5.0)
    assert hours.sum() == pytest.approx(85.0)  # every event counted once
    weekdays = trends.weekday_counts(con, FILTERS, "felanmalan").set_index("weekday")["value"]
    assert weekdays[4] == pytest.approx(5 + 20) and weekdays[5] == pytest.approx(60)  # Fri 22-24, Sat 00-06
    assert trends.time_counts(con, FILTERS, "felanmalan") == {"exact": 5, "inexact": 80}


def test_window_of_weeks_spreads_over_a_whole_week(con):
    add(con, 7, dt.date(2026, 5, 4), "window", dt.time(8), dt.datetime(2026, 6, 1, 8, 0))
    matrix = trends.weekday_hour_matrix(con, FILTERS, "felanmalan")
    assert matrix.to_numpy().sum() == pytest.approx(7.0)
    assert matrix.to_numpy().max() == pytest.approx(7.0 / 168)


def test_exact_times_unchanged_on_the_sample(sample_con):
    filters = Filters("1287", dt.date(2023, 11, 27), dt.date(2026, 11, 22))
    hours = trends.hour_counts(sample_con, filters, "polisen")
    raw = (
        sample_con.execute(
            "select hour(occurred_at) as h, count(*) as n from incident where source = 'polisen' and not is_summary"
            " and municipality_code = '1287' group by 1"
        )
        .df()
        .set_index("h")["n"]
    )
    assert hours.set_index("hour")["value"].to_dict() == pytest.approx(
        raw.reindex(range(24), fill_value=0).to_dict()
    )
    assert trends.time_counts(sample_con, filters, "polisen")["inexact"] == 0


def test_trender_page_says_how_many_had_no_exact_time(sample_db):
    from tests.conftest import app_as

    con = db.connect(sample_db)
    con.execute(
        "update incident set time_precision = 'day' where source = 'polisen' and id in"
        " (select id from incident where source = 'polisen' order by occurred_at desc limit 40)"
    )
    db.close(sample_db)
    at = app_as("lasare", "trender")
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(c.startswith("40 av ") and "saknar exakt tid" in c for c in captions), captions


def test_map_popup_shows_no_midnight_for_a_day_only_event(sample_con):
    from est_data import incidents
    from est_data.charts import maps

    sample_con.execute(
        "insert into incident (source, external_id, occurred_at, time_precision, category, municipality_code, lat, lon,"
        " location_precision) values ('felanmalan', 'dag-1', '2026-11-20 00:00', 'day', 'Brand', '1287',"
        " 55.3760, 13.1560, 'exact'), ('felanmalan', 'exakt-1', '2026-11-20 00:00', 'exact', 'Brand', '1287',"
        " 55.3770, 13.1570, 'exact')"
    )
    q = incidents.EventQuery("1287", dt.date(2026, 11, 20), dt.date(2026, 11, 20), sources=("felanmalan",))
    points = incidents.event_points(sample_con, q, 100, with_text=False).set_index("lat")
    day_only = maps.event_popup(points.loc[55.3760], "sv")
    assert "2026-11-20 (klockslag okänt)" in day_only and "00:00" not in day_only
    assert "2026-11-20 00:00" in maps.event_popup(points.loc[55.3770], "sv")  # a real midnight stays
    assert len(points) == len(incidents.event_points(sample_con, q, 100, with_text=True))
