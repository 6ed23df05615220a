"""The action register: create, edit and close actions, each with an audit row; listing with filters."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from est_data import actions, db
from est_data.actions import ActionError


def _audit(con, action_id: int) -> list[tuple]:
    return con.execute(
        "select username, operation, before_json, after_json from audit_log"
        " where table_name = 'action' and record_id = ? order by id",
        [str(action_id)],
    ).fetchall()


def test_create_edit_close_with_audit(sample_con):
    revision = db.revision(sample_con)
    new_id = actions.create_action(
        sample_con,
        "samordnare",
        title="  Extra belysning vid Gångtunneln ",
        kind="belysning",
        area_id=6,
        place_id=18,
        radius_m=150,
        start_date=dt.date(2026, 11, 2),
        status="pågående",
        cost_sek=30000,
        target_factors=["otrygga_platser"],
        target_categories=["Skadegörelse"],
    )
    assert db.revision(sample_con) != revision  # page caches see the change
    created = actions.get_action(sample_con, new_id)
    assert created["title"] == "Extra belysning vid Gångtunneln"
    assert created["created_by"] == "samordnare"
    assert created["target_categories"] == ["Skadegörelse"]
    assert new_id > 13  # after the sample's ids

    actions.update_action(sample_con, "admin", new_id, cost_sek=42000, responsible="Gatukontoret")
    updated = actions.get_action(sample_con, new_id)
    assert updated["cost_sek"] == 42000 and updated["responsible"] == "Gatukontoret"
    assert updated["updated_at"] is not None

    actions.close_action(sample_con, "admin", new_id, dt.date(2026, 11, 20))
    closed = actions.get_action(sample_con, new_id)
    assert (closed["status"], closed["end_date"]) == ("avslutad", dt.date(2026, 11, 20))

    log = _audit(sample_con, new_id)
    assert [(u, op) for u, op, _, _ in log] == [
        ("samordnare", "create"),
        ("admin", "update"),
        ("admin", "update"),
    ]
    before, after = json.loads(log[1][2]), json.loads(log[1][3])
    assert before == {"cost_sek": 30000.0, "responsible": None}
    assert after == {"cost_sek": 42000, "responsible": "Gatukontoret"}
    assert json.loads(log[2][3]) == {"status": "avslutad", "end_date": "2026-11-20"}


def test_unchanged_edit_writes_nothing(sample_con):
    actions.update_action(sample_con, "admin", 1, title="Kamerabevakning vid Västervångsskolan")
    assert _audit(sample_con, 1) == []


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"title": " "}, "actions.error.title"),
        ({"kind": "drönare"}, "actions.error.kind"),
        ({"status": "klar"}, "actions.error.status"),
        ({"start_date": dt.date(2026, 5, 1), "end_date": dt.date(2026, 4, 1)}, "actions.error.dates"),
        ({"cost_sek": -5}, "actions.error.cost"),
        ({"area_id": None, "place_id": None}, "actions.error.where"),
        ({"area_id": 999}, "actions.error.area"),
        ({"geometry_wkt": "POLYGON((0 0, 1 1))"}, "actions.error.polygon"),
        ({"geometry_wkt": "POINT(13.1 55.4)"}, "actions.error.polygon"),
        ({"status": "pågående", "start_date": None}, "actions.error.start_needed"),
        ({"owner": "x"}, "actions.error.unknown_field"),
    ],
)
def test_mistakes_are_refused_and_nothing_is_written(sample_con, fields, key):
    base = {"title": "Prov", "kind": "annat", "area_id": 1, "start_date": dt.date(2026, 5, 1)}
    count = sample_con.execute("select count(*) from action").fetchone()[0]
    with pytest.raises(ActionError) as err:
        actions.create_action(sample_con, "admin", **{**base, **fields})
    assert err.value.key == key
    assert sample_con.execute("select count(*) from action").fetchone()[0] == count


def test_own_polygon_is_accepted(sample_con):
    polygon = "POLYGON((13.15 55.38, 13.16 55.38, 13.16 55.385, 13.15 55.385, 13.15 55.38))"
    new_id = actions.create_action(
        sample_con,
        "admin",
        title="Egen yta",
        geometry_wkt=polygon,
        start_date=dt.date(2026, 3, 2),
        status="pågående",
    )
    assert actions.get_action(sample_con, new_id)["geometry_wkt"] == polygon


def test_close_unknown_action(sample_con):
    with pytest.raises(ActionError) as err:
        actions.close_action(sample_con, "admin", 999)
    assert err.value.key == "actions.error.not_found"


def test_list_filters(sample_con):
    everything = actions.list_actions(sample_con, "1287")
    assert len(everything) == 14  # with the action the sample's autumn safety walk proposed
    cameras = actions.list_actions(sample_con, "1287", kinds=("kamera",))
    assert set(cameras["title"]) == {
        "Kamerabevakning vid Västervångsskolan",
        "Kamera vid Busstationen Anderslöv",
    }
    running = actions.list_actions(sample_con, "1287", statuses=("pågående",))
    assert set(running["status"]) == {"pågående"} and len(running) == 4
    in_centrum = actions.list_actions(sample_con, "1287", area_ids=(1,))
    assert set(in_centrum["area"]) == {"Centrum"}
    in_2024 = actions.list_actions(sample_con, "1287", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    assert set(in_2024["title"]) == {"Klotterplank och snabb sanering i Centrum", "Fartgupp på Skoghemsvägen"}
    shown = actions.display_table(cameras, "sv")
    assert "Händelsekategorier" in shown.columns
    assert shown["Händelsekategorier"].iloc[-1] == "Skadegörelse, Klotter, Krossad ruta, Brand"


def test_action_written_by_the_weekly_meeting_shows_up(sample_con):
    # The weekly meeting writes to the same table (possibly with fewer fields): it must list and evaluate.
    with db.transaction(sample_con):
        sample_con.execute(
            "insert into action (title, kind, area_id, start_date, status)"
            " values ('Närvaro i helgen', 'närvaro', 2, date '2026-11-13', 'pågående')"
        )
    listed = actions.list_actions(sample_con, "1287", statuses=("pågående",))
    assert "Närvaro i helgen" in set(listed["title"])
    new_id = int(listed.loc[listed["title"] == "Närvaro i helgen", "id"].iloc[0])
    assert actions.latest_started(sample_con, "1287", dt.date(2026, 11, 22)) == new_id


def test_annual_table_summary(sample_con):
    from est_data.analysis import evaluation

    table = evaluation.annual_table(sample_con, 2025, "1287")
    assert list(table["id"]) == [1, 6, 2, 7, 8]
    assert dict(zip(table["id"], table["verdict"], strict=True))[1] == "worked"
    summary = evaluation.summary_by_kind(table, "sv")
    sentences = dict(zip(summary["kind"], summary["summary"], strict=True))
    assert sentences["kamera"] == "kamera: 1 av 1 med färre händelser än väntat (1 gick att bedöma)"
    assert sentences["belysning"] == "belysning: 0 av 1 med färre händelser än väntat (1 gick att bedöma)"
    from est_data.export import excel_bytes

    data = excel_bytes(evaluation.annual_display(table, "sv"))
    assert data[:2] == b"PK"


def test_drawn_polygon_to_wkt():
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[13.15, 55.38], [13.1612345678, 55.38], [13.16, 55.385], [13.15, 55.38]]],
        },
    }
    text = actions.polygon_wkt_from_geojson(feature)
    assert text.startswith("POLYGON ((")
    assert "13.161235 55.38" in text and "13.1612345678" not in text
    assert actions.polygon_wkt_from_geojson({"type": "Point", "coordinates": [13.1, 55.4]}) is None
    assert actions.polygon_wkt_from_geojson(None) is None
    assert actions.polygon_wkt_from_geojson({"type": "Polygon", "coordinates": "nonsense"}) is None
