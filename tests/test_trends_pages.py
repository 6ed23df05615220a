"""AppTest of the Trender and Uppföljning pages."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import app_as


def _plotly_keys(at) -> int:
    return len(at.get("plotly_chart"))


def _table_with(at, column: str):
    """The first st.dataframe showing a column of that name (AppTest does not expose dataframe keys)."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with column {column!r}")


def test_trender_every_measure(sample_db):
    at = app_as("lasare", "trender")
    assert not at.exception
    assert at.selectbox(key="trends_measure").value == "polisen"
    assert _plotly_keys(at) >= 6  # weekday, hour, matrix, month/year, weekly, daily (+ small multiples)
    assert _table_with(at, "Kvot").shape[0] >= 1
    for key in ("felanmalan", "felanmalan_cost", "rapportor", "survey_level"):
        at.selectbox(key="trends_measure").set_value(key).run()
        assert not at.exception, key
    # the survey level has weeks, not hours: an explanation instead of the weekday/hour charts
    assert any("hela veckor" in i.value for i in at.info)
    assert at.selectbox(key="trends_factor").value is not None


def test_trender_spans_and_english(sample_db):
    at = app_as("samordnare", "trender")
    at.segmented_control(key="trends_span").set_value("all").run()
    assert not at.exception
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert any(t.value == "Trends" for t in at.title)


def test_uppfoljning_table_and_chart(sample_db):
    at = app_as("lasare", "uppfoljning")
    assert not at.exception
    month = at.selectbox(key="followup_month")
    assert month.value.isoformat() == "2026-10-01"  # the latest month of the sample's Brå statistics
    table = _table_with(at, "Bedömning månad")
    assert "Skadegörelsebrott *" in set(table.iloc[:, 0])
    verdicts = set(table["Bedömning månad"])
    assert verdicts <= {
        "ökning",
        "minskning",
        "ingen säker förändring",
        "ingen säker förändring – för få händelser",
        "–",
    }
    assert len(at.get("plotly_chart")) == 1
    assert _table_with(at, "Insats").shape[0] >= 5
    month.set_value(dt.date(2025, 3, 1)).run()
    assert not at.exception
    assert "mars 2025" in at.subheader[0].value


def test_reporter_cannot_open(sample_db):
    from est_data.ui import pages

    assert {"trender", "uppfoljning"} <= {p.key for p in pages.allowed("läsare")}
    assert not {"trender", "uppfoljning"} & {p.key for p in pages.allowed("rapportör")}
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app_as("rapportor", "trender")


@pytest.mark.parametrize("page", ["trender", "uppfoljning"])
def test_pages_on_empty_database(empty_db, page):
    from est_data import auth, db

    con = db.connect(empty_db)
    auth.create_user(con, "admin", "provlosenord-123", "admin")
    at = app_as("admin", page)
    assert not at.exception
    assert at.warning  # "no data yet", not an empty chart
