"""Karta's "Risk nästa vecka" layer on real databases: the sample, a new municipality, too few weeks,
and the page showing its accuracy table beside the layer (issue 19 item 3)."""

from __future__ import annotations

import datetime as dt

from conftest import app_as

from est_data import i18n, incidents, queries, risk, variants
from est_data.analysis import hotspots, riskmap
from est_data.charts import maps


def sample_query(con) -> incidents.EventQuery:
    return incidents.default_query(con, queries.hotspot_municipalities(con)[0])


def test_sample_risk_map_is_scored_on_held_out_weeks(sample_con):
    q = sample_query(sample_con)
    result = risk.risk_map(sample_con, q)
    weeks = result.risk.weeks
    assert len(weeks) == 12 and weeks["back"].tolist() == list(range(11, -1, -1))
    # each scored week's events are exactly the positioned events of those seven days
    start, end = result.week_dates(0)
    assert end == q.end and (end - start).days == 6
    last_week = incidents.EventQuery(q.municipality_code, start, end)
    on_land = hotspots.grid_counts(
        incidents.binned_points(sample_con, last_week), result.cell, incidents.study_region(sample_con, q)
    ).cells["count"]
    assert weeks.iloc[-1]["events"] == on_land.sum() > 0
    totals = result.risk.totals()
    assert totals["pai"] > 3 and totals["naive_pai"] > 3  # the sample's events cluster at places
    assert result.risk.comparison is not None
    assert result.risk.shown == ("model" if result.risk.comparison.verdict == "better" else "naive")
    assert 0.04 < result.risk.area_share < 0.06
    assert result.forecast_dates == (q.end + dt.timedelta(days=1), q.end + dt.timedelta(days=7))


def test_the_scored_weeks_are_not_in_the_fit(sample_con):
    """Moving the end back one week scores the week before with the same fit: the week that drops out
    of the data changes nothing in the other weeks' figures (none of them saw it)."""
    q = sample_query(sample_con)
    now = risk.risk_map(sample_con, q).risk.weeks
    earlier_q = incidents.EventQuery(q.municipality_code, q.start, q.end - dt.timedelta(days=7))
    earlier = risk.risk_map(sample_con, earlier_q).risk.weeks
    # week back=k+1 of now is week back=k of earlier: same events, same hits
    merged = now.assign(back=now["back"] - 1).merge(earlier, on="back", suffixes=("", "_e"))
    assert len(merged) == 11
    for column in ("events", "hits", "naive_hits"):
        assert (merged[column] - merged[f"{column}_e"]).abs().max() < 1e-9, column


def test_too_few_weeks_and_no_data(sample_con):
    first = risk.first_day(sample_con, sample_query(sample_con))
    q = incidents.EventQuery(sample_query(sample_con).municipality_code, first, first + dt.timedelta(days=62))
    result = risk.risk_map(sample_con, q)  # nine weeks of data: five can be scored
    assert 0 < len(result.risk.weeks) < riskmap.Settings().min_scored_weeks
    assert result.risk.shown == "none" and riskmap.flagged_cells(result.risk).empty
    kind, text = risk.verdict_text(result, "sv")
    assert kind == "none" and "kan inte bedömas" in text and "Därför visas ingen riskkarta" in text
    assert risk.flagged_note(result, "sv") is None
    before = incidents.EventQuery(q.municipality_code, first, first - dt.timedelta(days=1))
    nothing = risk.risk_map(sample_con, before)
    assert nothing.risk.weeks.empty and risk.accuracy_table(nothing, "sv").empty
    m = maps.build(incidents.map_data(sample_con, before, ("risk",)), "sv")  # draws without the layer
    assert m is not None


def test_accuracy_table_and_texts_in_both_languages(sample_con):
    result = risk.risk_map(sample_con, sample_query(sample_con))
    table = risk.accuracy_table(result, "sv")
    assert list(table.columns) == [
        "Vecka",
        "Händelser",
        "Träffandel, metoden",
        "PAI, metoden",
        "Träffandel, senaste 4 veckorna",
        "PAI, senaste 4 veckorna",
    ]
    assert len(table) == 13 and table.iloc[-1]["Vecka"] == "Alla 12 veckor"
    assert table.iloc[-1]["Händelser"] == int(result.risk.weeks["events"].sum())
    totals = result.risk.totals()
    assert table.iloc[-1]["PAI, metoden"] == i18n.number(totals["pai"], 1, "sv")
    english = risk.accuracy_table(result, "en")
    assert english.columns[2] == "Hit rate, method" and english.iloc[-1, 0] == "All 12 weeks"
    kind, text = risk.verdict_text(result, "sv")
    assert kind == result.risk.comparison.verdict
    claims_better = "säkert bättre" in text and "inte säkert bättre" not in text
    assert claims_better == (kind == "better") and "konfidensintervall" in text


def risk_table(at):
    tables = [d.value for d in at.dataframe if "PAI, metoden" in d.value.columns]
    return tables[0] if tables else None


def test_karta_shows_risk_layer_with_its_accuracy_table(sample_db):
    at = app_as("samordnare", "karta")
    assert not at.exception
    assert not any("Risk nästa vecka (" in s.value for s in at.subheader)  # off by default
    at.toggle(key="karta_layer_risk").set_value(True).run()
    assert not at.exception
    assert any(s.value.startswith("Risk nästa vecka (") for s in at.subheader)
    table = risk_table(at)
    assert len(table) == 13 and table.iloc[-1]["Vecka"] == "Alla 12 veckor"
    assert table.iloc[-1]["Händelser"] > 0
    shown = [m.value for m in list(at.success) + list(at.warning)]
    assert any("de senaste fyra veckorna" in v for v in shown)
    assert any(e.label == "Så läser du riskkartan" for e in at.expander)
    assert any("Flaggat:" in c.value for c in at.caption)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    if not at.toggle(key="karta_layer_risk").value:  # (keys of some widgets carry the language)
        at.toggle(key="karta_layer_risk").set_value(True).run()
    assert any(s.value.startswith("Risk next week (") for s in at.subheader)
    assert any(e.label == "How to read the risk map" for e in at.expander)


def test_karta_risk_layer_for_a_new_municipality(sample_db, sample_con):
    variants.new_municipality(sample_con)
    at = app_as("samordnare", "karta")
    assert not at.exception
    at.toggle(key="karta_layer_risk").set_value(True).run()
    assert not at.exception
    assert any("kan inte bedömas" in i.value for i in at.info)
    assert risk_table(at) is None


def test_a_week_in_a_gap_of_the_police_fetch_is_not_scored(sample_con):
    q = sample_query(sample_con)
    before = risk.risk_map(sample_con, q).risk.weeks
    result = risk.risk_map(sample_con, q)
    start, end = result.week_dates(3)
    sample_con.execute(
        "delete from incident where source = 'polisen' and cast(occurred_at as date) between ? and ?",
        [start, end],
    )
    after = risk.risk_map(sample_con, q).risk.weeks
    assert 3 in before["back"].tolist() and 3 not in after["back"].tolist()
    assert len(after) == len(before) - 1
