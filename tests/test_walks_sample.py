"""The sample's safety walks (issue 18 item 3): a new user opening the sample sees two held walks in the
last year, in Hamnen (spring) and Skoghem (autumn), with findings at places inside those areas, proposed
measures, one finding turned into a planned action, and follow-ups of which some are done and one is
overdue. The walk's action starts after the data's end, so no planted action's evaluation changes."""

from __future__ import annotations

import datetime as dt

from shapely import wkt
from shapely.geometry import Point

from est_data import actions, walks

CODE = "1287"
TODAY = dt.date(2026, 11, 23)  # the Monday after the sample's last week


def test_the_sample_has_two_held_walks_with_findings_inside_their_areas(sample_con):
    con = sample_con
    listed = walks.list_walks(con, CODE)
    assert listed[["walk_date", "area", "status", "findings", "measures", "actions"]].astype(
        str
    ).values.tolist() == [
        ["2026-10-14", "Skoghem", "genomförd", "5", "4", "1"],
        ["2026-04-22", "Hamnen", "genomförd", "4", "4", "0"],
    ]
    for walk_id, area_id in zip(listed["id"], listed["area_id"], strict=True):
        shape = wkt.loads(
            con.execute("select geometry_wkt from area where id = ?", [int(area_id)]).fetchone()[0]
        )
        found = walks.findings(con, int(walk_id))
        assert 3 <= len(found) <= 6
        assert all(
            shape.contains(Point(lon, lat)) for lat, lon in zip(found["lat"], found["lon"], strict=True)
        )
    categories = set()
    for walk_id in listed["id"]:
        categories |= set(walks.findings(con, int(walk_id))["category"])
    assert categories == {"belysning", "vegetation", "skymd_sikt", "nedskrapning", "hang"}
    # the autumn walk has its route
    assert walks.get_walk(con, int(listed["id"].iloc[0]))["route_geojson"].startswith('{"type": "LineString"')


def test_the_sample_walks_action_and_follow_ups(sample_con):
    con = sample_con
    linked = con.execute("select id, action_id from walk_finding where action_id is not null").fetchall()
    assert len(linked) == 1
    action = actions.get_action(con, linked[0][1])
    assert action["title"] == "Röjning av buskaget längs gångvägen i Skoghem"
    assert action["status"] == "planerad" and action["start_date"] == dt.date(2026, 12, 7)
    follow = walks.followup_list(con, CODE, TODAY)
    assert follow["state"].value_counts().to_dict() == {"senare": 5, "klar": 3, "försenad": 1}
    overdue = follow[follow["state"] == "försenad"].iloc[0]
    assert overdue["place_text"] == "Containrarna vid färjeterminalens gångväg"
    assert overdue["due"] == dt.date(2026, 10, 22)
    done = follow[follow["state"] == "klar"]
    assert sorted(done["followup_status"]) == ["delvis", "åtgärdad", "åtgärdad"]
    assert done["followup_outcome"].notna().all()
    # new walks and findings get fresh ids after the sample's
    new = walks.create_walk(
        con, "samordnare", CODE, dt.date(2026, 11, 2), area_id=int(follow["area_id"].iloc[0])
    )
    assert new == 3


def test_the_quarterly_report_has_the_autumn_walk(sample_con):
    summary = walks.period_summary(sample_con, CODE, dt.date(2026, 10, 1), dt.date(2026, 12, 31), TODAY)
    assert len(summary["walks"]) == 1 and summary["findings"] == 5 and summary["actions"] == 1
    assert summary["done"] == 3 and summary["overdue"] == 1


def test_a_new_user_opening_the_sample_sees_its_walks(sample_db):
    from tests.conftest import app_as

    at = app_as("samordnare", "trygghetsvandringar")
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "Fynd" in d.value.columns)
    assert table["Område"].tolist() == ["Skoghem", "Hamnen"]
    assert table["Fynd"].tolist() == [5, 4]
    at.session_state["walks_tab"] = "Uppföljning"
    at.run()
    assert not at.exception, at.exception
    follow = next(d.value for d in at.dataframe if "Läge" in d.value.columns)
    assert (follow["Läge"] == "Försenad").sum() == 1  # the containers at the ferry terminal
    karta = app_as("lasare", "karta")
    assert not karta.exception, karta.exception
    toggle = karta.toggle(key="karta_layer_walks")
    assert toggle.value is True and toggle.help == "9 fynd från trygghetsvandringar under perioden."
