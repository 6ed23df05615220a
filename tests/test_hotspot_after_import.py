"""After an import, hotspots are computed only where there is a map to draw (not 290 empty ones)."""

from __future__ import annotations

from conftest import FIXTURES

from est_data import db, queries
from est_data.ingest import polisen


def test_police_centre_points_alone_give_no_map_to_compute(empty_db):
    con = db.connect(empty_db)
    police = FIXTURES / "polisen" / "events_trelleborg_orebro_malmo.json"
    report = polisen.load(con, police.read_bytes(), police.name)
    assert report.rows_loaded > 4000
    assert queries.hotspot_municipalities(con) == []


def test_the_sample_municipality_has_its_map_computed(sample_con):
    assert queries.hotspot_municipalities(sample_con) == ["1287"]
