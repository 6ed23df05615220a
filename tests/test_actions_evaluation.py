"""The before/after evaluation: WDD by hand, the E-test against statsmodels, WDQ, the sample's designed
actions, and the caveats on constructed data."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.rates import etest_poisson_2indep

from est_data import db
from est_data.analysis import evaluation
from est_data.analysis.evaluation import Settings, wdd

ALPHA_SURVEY = 0.05


def test_wdd_paper_example_with_buffer():
    # Wheeler & Ratcliffe (2018), table 1: target 207 -> 110, control 308 -> 318,
    # displacement area 178 -> 157 with its control 150 -> 140.
    r = wdd((207, 110), (308, 318), buffer=(178, 157), buffer_control=(150, 140))
    assert r.wdd == pytest.approx(-118)
    assert r.se == pytest.approx(math.sqrt(1568))
    assert r.z == pytest.approx(-118 / math.sqrt(1568))
    assert round(r.z, 2) == -2.98
    assert r.p_value == pytest.approx(2 * stats.norm.sf(118 / math.sqrt(1568)))
    assert r.local == pytest.approx(-97 - 10)
    assert r.displacement == pytest.approx(-21 + 10)


def test_wdd_without_buffer():
    r = wdd((20, 10), (20, 20))
    assert r.wdd == pytest.approx(-10)
    assert r.se == pytest.approx(math.sqrt(70))
    assert r.z == pytest.approx(-10 / math.sqrt(70))
    assert r.p_value == pytest.approx(0.2320, abs=1e-4)
    assert r.displacement == 0


def test_wdd_buffer_without_own_control_uses_the_target_control():
    # WDD = ΔT − ΔC + ΔD − ΔC = ΔT + ΔD − 2ΔC: the shared control's counts enter the variance 4 times.
    r = wdd((20, 10), (20, 20), buffer=(20, 30))
    assert r.wdd == pytest.approx(-10 + 10)
    assert r.se == pytest.approx(math.sqrt(20 + 10 + 20 + 30 + 4 * (20 + 20)))
    # The worked example (Wheeler & Ratcliffe 2018) with the buffer compared with the target's control.
    shared = wdd((207, 110), (308, 318), buffer=(178, 157))
    assert shared.se == pytest.approx(math.sqrt(317 + 335 + 4 * 626))
    assert shared.se > 56  # main gave sqrt(317 + 335 + 2 * 626) = 43.6


def test_wdd_shared_control_variance_matches_simulation():
    # Poisson counts drawn around the worked example: the WDD's spread is the stated se.
    rng = np.random.default_rng(14)
    lam = {"t": (207, 110), "c": (308, 318), "d": (178, 157)}
    draws = {k: (rng.poisson(v[0], 200_000), rng.poisson(v[1], 200_000)) for k, v in lam.items()}
    values = (
        (draws["t"][1] - draws["t"][0])
        - 2 * (draws["c"][1] - draws["c"][0])
        + (draws["d"][1] - draws["d"][0])
    )
    stated = wdd(lam["t"], lam["c"], buffer=lam["d"]).se
    assert values.std() == pytest.approx(stated, rel=0.01)
    # With scaled controls (area weights), too: the control's two coefficients add before squaring.
    scaled = wdd(lam["t"], lam["c"], buffer=lam["d"], area_weights=(1, 2, 1, 4))
    values = (
        (draws["t"][1] - draws["t"][0])
        - (0.5 + 0.25) * (draws["c"][1] - draws["c"][0])
        + (draws["d"][1] - draws["d"][0])
    )
    assert values.std() == pytest.approx(scaled.se, rel=0.01)


def test_wdd_with_unequal_window_weights():
    # 12 weeks before, 6 after: target 2/week -> 1/week, control 3/week -> 3/week.
    r = wdd((24, 6), (36, 18), weights=(12, 6))
    assert r.wdd == pytest.approx(-1.0)
    variance = 6 / 6**2 + 24 / 12**2 + 18 / 6**2 + 36 / 12**2
    assert r.se == pytest.approx(math.sqrt(variance))
    assert r.z == pytest.approx(-1.0 / math.sqrt(variance))


def test_wdd_with_area_weights_scales_the_control():
    # A control ten times the target's size, scaled down: 200 -> 200 counts as 20 -> 20.
    r = wdd((20, 10), (200, 200), area_weights=(1, 10, 1, 1))
    assert r.wdd == pytest.approx(-10)
    assert r.se == pytest.approx(math.sqrt(20 + 10 + 200 / 100 + 200 / 100))


def test_wdd_zero_counts_is_no_change():
    r = wdd((0, 0), (0, 0))
    assert (r.wdd, r.se, r.z, r.p_value) == (0.0, 0.0, 0.0, 1.0)


def test_etest_matches_statsmodels():
    res = evaluation.etest(30, 12, 12, 12)
    statistic, p_value = etest_poisson_2indep(12, 12, 30, 12)
    assert res.p_value == pytest.approx(p_value)
    assert res.statistic == pytest.approx(statistic)
    assert res.ratio == pytest.approx(0.4)
    unequal = evaluation.etest(24, 6, 12, 6)
    assert unequal.p_value == pytest.approx(etest_poisson_2indep(6, 6, 24, 12)[1])
    assert evaluation.etest(0, 0).p_value == 1.0


def test_wdq_displacement_and_diffusion():
    # Target falls from 100 to 50 against a flat control; the buffer rises: displacement (WDQ < 0).
    displaced = evaluation.wdq((100, 50), (20, 40), (200, 200))
    assert displaced == pytest.approx((40 / 200 - 20 / 200) / (50 / 200 - 100 / 200))
    assert displaced < 0
    diffused = evaluation.wdq((100, 50), (40, 20), (200, 200))
    assert diffused > 0
    assert evaluation.wdq((50, 100), (40, 20), (200, 200)) is None  # no decrease: not defined


@pytest.mark.parametrize(("action_id", "verdict"), [(1, "worked"), (2, "no_effect"), (3, "displacement")])
def test_sample_designed_actions_get_their_verdicts(sample_con, action_id, verdict):
    ev = evaluation.evaluate(sample_con, action_id)
    assert ev.verdict == verdict, (ev.counts, ev.wdd_local, ev.wdd_buffer)
    assert ev.windows.weeks_before == ev.windows.weeks_after == 12
    assert "too_few" not in ev.caveats


def test_sample_camera_details(sample_con):
    ev = evaluation.evaluate(sample_con, 1)
    before, after = ev.counts["target"]
    assert after < before * 0.75
    assert ev.wdd_local.local_z < -2.58
    assert ev.change_test.p_value < 0.01 and ev.change_test.direction == -1
    assert ev.certainty == "1"
    assert ev.etest.p_value < 0.01
    assert ev.survey.did < -0.5 and ev.survey.p_value < ALPHA_SURVEY
    text = evaluation.verdict_text(ev, "sv")
    assert text.startswith("Minskning i målområdet: 127 händelser under 12 veckor före starten och 76 efter.")
    assert "I resten av kommunen ökade det under samma tid från 121 till 158." in text
    assert "statistiskt säker på 1 %-nivån" in text
    assert len(ev.weekly) >= 26 + 12
    assert ev.weekly["trend"].notna().all()


def test_sample_presence_moved_to_the_harbour(sample_con):
    ev = evaluation.evaluate(sample_con, 3)
    b0, b1 = ev.counts["buffer"]
    assert b1 > 2 * b0
    assert ev.wdd_buffer.displacement_z > 1.96
    assert ev.wdq is not None and ev.wdq < 0
    assert ev.survey.did < 0
    assert "flyttat" in evaluation.verdict_text(ev, "sv")


def test_default_control_leaves_out_areas_with_other_actions(sample_con):
    # The lighting (Pilevallen, October 2025, Skadegörelse ...): the camera in Västervång (area 5, lasting since
    # March 2025, Skadegörelse too) would put its own fall into the control. The speed bumps in Skoghem (8) and
    # the moped checks in Anderslöv (10) target traffic offences: those areas stay.
    ev = evaluation.evaluate(sample_con, 2)
    assert ev.control_excluded == [5]
    assert (
        "I resten av kommunen (utom områden med andra insatser under perioden) minskade det under samma tid "
        "från 82 till 55." in evaluation.verdict_text(ev, "sv")
    )
    chosen = evaluation.evaluate(sample_con, 2, Settings(control_area_ids=(5, 7)))
    assert chosen.control_excluded == [] and not chosen.control_default
    assert "I kontrollområdena" in evaluation.verdict_text(chosen, "sv")


def test_sample_lighting_has_enough_events_but_no_change(sample_con):
    ev = evaluation.evaluate(sample_con, 2)
    assert sum(ev.counts["target"]) >= evaluation.MIN_EVENTS
    assert abs(ev.wdd_local.local_z) < 1.96
    assert evaluation.verdict_text(ev, "sv").startswith("Ingen säker förändring")


def test_planned_action_cannot_be_evaluated(sample_con):
    ev = evaluation.evaluate(sample_con, 13)  # planned for 2027
    assert ev.windows is None and ev.verdict == "not_started"
    assert evaluation.evaluate(sample_con, 999) is None


def test_settings_change_windows_and_target(sample_con):
    ev = evaluation.evaluate(
        sample_con, 1, Settings(weeks=8, run_in_weeks=2, target_mode="radius", buffer_m=0)
    )
    assert ev.windows.weeks_before == 8
    assert ev.windows.after_start == dt.date(2025, 3, 17)
    assert ev.target_mode == "radius"
    assert "buffer" not in ev.counts and ev.wdd_buffer is None
    assert "run_in" in ev.caveats
    whole_area = evaluation.evaluate(sample_con, 1, Settings(weeks=8, run_in_weeks=2, buffer_m=0))
    assert ev.counts["target"][0] < whole_area.counts["target"][0]


# ------------------------------------------------------------------------------------------ constructed data

START = dt.date(2025, 3, 3)  # a Monday


def _square(lon: float, lat: float, size: float = 0.02) -> str:
    return (
        f"POLYGON(({lon} {lat}, {lon + size} {lat}, {lon + size} {lat + size / 2}, {lon} {lat + size / 2}, "
        f"{lon} {lat}))"
    )


def _build(con, weekly_target, weekly_control, weeks_before: int = 78, weeks_after: int = 12) -> int:
    """Two areas far apart; weekly_* give the events of week i (i < 0 before the start)."""
    with db.transaction(con):
        con.execute("insert into municipality (code, name) values ('9999', 'Provkommun')")
        con.execute(
            "insert into area (id, municipality_code, name, geometry_wkt) values (1, '9999', 'Mål', ?)",
            [_square(13.10, 55.38)],
        )
        con.execute(
            "insert into area (id, municipality_code, name, geometry_wkt) values (2, '9999', 'Kontroll', ?)",
            [_square(13.30, 55.38)],
        )
        rows = []
        for week in range(-weeks_before, weeks_after):
            monday = START + dt.timedelta(weeks=week)
            for area_id, lon, n in ((1, 13.11, weekly_target(week)), (2, 13.31, weekly_control(week))):
                for k in range(int(n)):
                    when = dt.datetime.combine(monday + dt.timedelta(days=k % 7), dt.time(20, k % 60))
                    rows.append(
                        [
                            "polisen",
                            f"{area_id}-{week}-{k}",
                            when,
                            "Skadegörelse",
                            "9999",
                            area_id,
                            55.385,
                            lon,
                        ]
                    )
        con.executemany(
            "insert into incident (source, external_id, occurred_at, category, municipality_code,"
            " area_id, lat, lon) values (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        con.execute(
            "insert into action (id, title, kind, area_id, start_date, status, target_categories)"
            " values (1, 'Provinsats', 'kamera', 1, ?, 'pågående', ['Skadegörelse'])",
            [START],
        )
    return 1


def test_too_few_events_caveat(empty_con):
    _build(empty_con, lambda w: 1 if w in (-3, -6, -9) else (1 if w == 4 else 0), lambda w: 10)
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.counts["target"] == (3, 1)
    assert ev.verdict == "too_few"
    assert "too_few" in ev.caveats
    assert "för få händelser" in evaluation.verdict_text(ev, "sv")
    assert any("Färre än 20" in c for c in evaluation.caveat_texts(ev, "sv"))


def test_regression_to_the_mean_caveat_after_a_peak(empty_con):
    # Two a week for a long time, a peak of six a week in the twelve weeks before the start, two after.
    _build(empty_con, lambda w: 6 if -12 <= w < 0 else 2, lambda w: 10)
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.counts["target"] == (72, 24)
    assert ev.verdict == "worked"
    assert "rtm" in ev.caveats
    assert ev.rtm_ratio == pytest.approx(3.0, rel=0.05)
    assert any("regression mot medelvärdet" in c for c in evaluation.caveat_texts(ev, "sv"))


def test_no_rtm_caveat_without_a_peak(empty_con):
    _build(empty_con, lambda w: 6 if w < 0 else 2, lambda w: 10)
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.verdict == "worked"
    assert "rtm" not in ev.caveats
    assert "pre_trend" not in ev.caveats


def test_pre_trend_caveat(empty_con):
    # A fall that began long before the start and just went on.
    _build(empty_con, lambda w: max(0, round(12 - 0.25 * (w + 40))) if w >= -40 else 12, lambda w: 20)
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.verdict == "worked"
    assert "pre_trend" in ev.caveats


def test_classify_by_coordinates_area_and_vague_precision():
    import pandas as pd
    import shapely

    x, y = evaluation._TO_METRIC.transform(13.11, 55.385)
    target = shapely.Point(x, y).buffer(200)
    buffer = target.buffer(300)
    far_lon = 13.31
    events = pd.DataFrame(
        {
            "day": pd.to_datetime(["2025-01-01"] * 6),
            "category": ["Skadegörelse"] * 6,
            "area_id": [1, 1, 2, 1, 1, 2],
            "lat": [55.385, 55.385 + 0.0035, 55.385, None, 55.385, 55.385],
            "lon": [13.11, 13.11, far_lon, None, 13.11, far_lon],
            "location_precision": ["exact", "place", "exact", "area", "municipality", "area"],
        }
    )
    # 0 inside the target; 1 about 390 m north: in the buffer ring; 2 far away: control;
    # 3 known only as area 1; 4 a municipality centre point: left out; 5 area-only elsewhere: control.
    by_area = evaluation.classify(events, target, buffer, (), (), target_area_id=1)
    assert by_area["in_target"].tolist() == [True, False, False, True, False, False]
    assert by_area["in_buffer"].tolist() == [False, True, False, False, False, False]
    assert by_area["in_control"].tolist() == [False, False, True, False, False, True]
    radius = evaluation.classify(events, target, buffer, (), (), unknown_area_id=1)
    assert radius["in_target"].tolist() == [True, False, False, False, False, False]
    assert radius["in_control"].tolist() == [False, False, True, False, False, True]
    chosen = evaluation.classify(events, target, buffer, (3,), (2,), target_area_id=1)
    assert not chosen["in_control"].any()
    assert chosen["in_buffer_control"].tolist() == [False, False, True, False, False, True]


def test_etest_switches_to_the_score_test_for_large_counts():
    from statsmodels.stats.rates import test_poisson_2indep

    res = evaluation.etest(2000, 2100, 12, 12)
    assert res.method == "score"
    assert res.p_value == pytest.approx(test_poisson_2indep(2100, 12, 2000, 12, method="score").pvalue)
    assert res.p_value == pytest.approx(etest_poisson_2indep(2100, 12, 2000, 12)[1], abs=1e-3)
    assert evaluation.etest(300, 350, 12, 12).method == "etest"


def test_place_only_action_is_evaluated_around_its_place(sample_con):
    from est_data import actions

    new_id = actions.create_action(
        sample_con,
        "admin",
        title="Närvaro vid Stortorget",
        kind="närvaro",
        place_id=2,
        radius_m=200,
        start_date=dt.date(2026, 3, 2),
        status="pågående",
        target_categories=["Narkotikabrott"],
    )
    ev = evaluation.evaluate(sample_con, new_id)
    assert ev.target_mode == "radius"
    assert ev.area == "Centrum"  # the place's area, for the survey and the tables
    assert sum(ev.counts["target"]) < sum(
        evaluation.evaluate(sample_con, new_id, Settings(target_mode="area")).counts["target"]
    )
