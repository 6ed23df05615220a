"""Issue 14, item 3: `python -m est_data calibrate` puts placebo actions where nothing was done and no test or
verdict claims an effect in more than 7 % of them (nominal 5 %). On main the survey's cluster-robust
difference in differences claimed one in 21-23 %."""

from __future__ import annotations

import datetime as dt
import json

from est_data import cli, sample
from est_data.analysis import calibration, evaluation


def test_calibrate_on_the_sample_claims_at_most_seven_percent(sample_db, capsys):
    assert cli.main(["--db", str(sample_db), "calibrate", "--actions", "300", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["placebos"] == 300
    tests = {t["key"]: t for t in data["tests"]}
    assert set(calibration.EFFECT_CLAIMS) <= set(tests)
    for key in calibration.EFFECT_CLAIMS:
        assert tests[key]["rate"] <= calibration.MAX_RATE, tests[key]
    # Enough placebos are judged for the rates to mean something.
    assert tests["verdict"]["judged"] >= 100
    assert tests["survey"]["judged"] >= 200
    # The survey's test is calibrated where it judges, too (main: 21 %).
    assert tests["survey"]["rate_judged"] <= calibration.MAX_RATE
    assert tests["verdict"]["rate_judged"] <= calibration.MAX_RATE
    assert data["passed"] is True
    assert sum(v["count"] for v in data["verdicts"]) == 300
    caveats = {c["caveat"]: c for c in data["caveats"]}
    for key in ("diffusion", "buffer_rise"):  # claims about the buffer, too
        assert caveats[key]["share"] <= calibration.MAX_RATE


def test_calibrate_text_table(sample_db, capsys):
    assert cli.main(["--db", str(sample_db), "calibrate", "--actions", "20"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Placebo-kalibrering: 20 påhittade insatser")
    assert "Enkäten, skillnad i skillnad" in out and "Av bedömda" in out


def test_placebos_avoid_the_registered_actions(sample_con):
    sites = calibration.placebo_sites(sample_con, 2000)
    assert len(sites) > 500
    weeks = dt.timedelta(weeks=evaluation.DEFAULT_WEEKS)
    # Västervång (area 5) has the camera from 2025-03-03 on: no placebo window reaches past it.
    assert all(s.start + weeks <= sample.CAMERA_START for s in sites if s.area_id == 5)
    # Centrum (1) and Hamnen next to it (2) have the presence at Stationen from 2026-02-02 on.
    assert all(s.start + weeks <= sample.PRESENCE_START for s in sites if s.area_id in (1, 2))
    assert all(s.categories == [] and s.factors for s in sites)


def test_calibrate_never_writes_the_real_database(sample_con, sample_db):
    before = sample_con.execute("select count(*), max(id) from action").fetchone()
    calibration.run(sample_con, sample_db, n=5)
    assert sample_con.execute("select count(*), max(id) from action").fetchone() == before


def test_calibrate_on_an_empty_database(empty_db, capsys):
    assert cli.main(["--db", str(empty_db), "calibrate", "--actions", "10"]) == 0
    assert "Inga placebo-insatser gick att lägga" in capsys.readouterr().out
    assert cli.main(["--db", str(empty_db), "calibrate", "--actions", "10", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)  # strict JSON: no NaN where nothing was judged
    assert data["placebos"] == 0 and all(t["rate"] is None for t in data["tests"])


def test_calibrate_rejects_bad_counts(sample_db, capsys):
    assert cli.main(["--db", str(sample_db), "calibrate", "--actions", "0"]) == 2
    assert "--actions" in capsys.readouterr().err
