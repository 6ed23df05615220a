"""Issue 14, items 2 and 4: zero counts handled by the exact test, and verdict wording that never claims
more than the numbers (each wording rule has a test here). Constructed data: a target and a control area
far apart, weekly counts chosen per test."""

from __future__ import annotations

import datetime as dt

from est_data import db
from est_data.analysis import evaluation
from est_data.analysis import poisson as rates

START = dt.date(2025, 3, 3)  # a Monday


def _square(lon: float, lat: float, size: float = 0.02) -> str:
    return (
        f"POLYGON(({lon} {lat}, {lon + size} {lat}, {lon + size} {lat + size / 2}, {lon} {lat + size / 2}, "
        f"{lon} {lat}))"
    )


def _build(con, target, control, buffer=lambda w: 0, weeks_before: int = 78, weeks_after: int = 12) -> int:
    """Target area 1 (its events at one point), control area 2, and events in the 300 m buffer ring just east of
    the target (no area). target/control/buffer give the events of week i (i < 0 before the start)."""
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
            for area_id, lon, n in (
                (1, 13.11, target(week)),
                (2, 13.31, control(week)),
                (None, 13.1222, buffer(week)),
            ):
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


def _split(total_before: int, total_after: int, weeks: int = 12):
    """A weekly function giving total_before over the 12 weeks before and total_after over the 12 after."""

    def weekly(w: int) -> int:
        if -weeks <= w < 0:
            i, total = w + weeks, total_before
        elif 0 <= w < weeks:
            i, total = w, total_after
        else:
            return round(total_before / weeks)
        return total // weeks + (1 if i < total % weeks else 0)

    return weekly


# ------------------------------------------------------------------------------------------ zero counts


def test_target_from_zero_is_an_increase_whatever_the_control_did(empty_con):
    # Main called this "ingen effekt": with 0 before the control's scale fell back to 1.0, so the control's own
    # rise of 25 cancelled the target's 0 -> 25 (WDD 0).
    _build(empty_con, _split(0, 25), _split(100, 125))
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.verdict == "increase"
    assert ev.change_test.p_value < 1e-5
    assert evaluation.verdict_label(ev, "sv") == "Ökning"


def test_target_from_zero_while_the_control_fell(empty_con):
    _build(empty_con, _split(0, 25), _split(690, 450))
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.counts["target"] == (0, 25) and ev.counts["control"] == (690, 450)
    assert ev.change_test.p_value < 1e-6 and ev.change_test.direction == 1
    assert ev.verdict == "increase"
    assert evaluation.verdict_text(ev, "sv").startswith("Ökning i målområdet: 0 händelser")


def test_buffer_from_zero_to_two_is_not_displacement(empty_con):
    # Main called this "förflyttning" (z 7.16): the buffer's control scale fell back to 1.0.
    _build(empty_con, _split(120, 40), _split(690, 450), buffer=_split(0, 2))
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.counts["buffer"] == (0, 2)
    assert ev.verdict == "worked"
    assert ev.buffer_test.p_value > 0.05
    assert "flyttat" not in evaluation.verdict_text(ev, "sv")
    assert ev.wdd_buffer.displacement_z < 1.96


def test_exact_test_matches_fisher_and_handles_empty_margins():
    from scipy.stats import fisher_exact

    r = rates.compare_change((35, 34), (383, 603))
    assert r.p_value == fisher_exact([[34, 35], [603, 383]]).pvalue
    assert r.direction == -1 and r.expected_after == 35 * 603 / 383
    assert rates.compare_change((0, 0), (10, 12)).p_value == 1.0
    assert rates.compare_change((0, 25), (690, 450)).direction == 1


# ------------------------------------------------------------------------------------------ wording rules


def test_text_says_what_the_control_did(empty_con):
    # The placebo: 35 before, 34 after, while the rest of the municipality rose 383 -> 603.
    _build(empty_con, _split(35, 34), _split(383, 603))
    ev = evaluation.evaluate(empty_con, 1)
    text = evaluation.verdict_text(ev, "sv")
    assert "I resten av kommunen ökade det under samma tid från 383 till 603." in text
    assert "omkring 55 efter" in text  # 35 × 603 / 383
    assert not text.startswith("Minskning")  # the target did not fall; main: "Minskning, säker på 5 %-nivån"
    assert ev.verdict == "no_effect"  # exact test p = 0.056
    assert text.startswith("Ingen säker förändring: 35 händelser")
    assert "kan vara slump (exakt test, p = 0,056)" in text
    assert (
        "In the rest of the municipality it rose over the same time from 383 to 603."
        in evaluation.verdict_text(ev, "en")
    )


def test_never_certain_on_a_handful_of_events(empty_con):
    # 20 -> 4 against a flat control: significant, but on 24 events it is an indication, not "säker".
    _build(empty_con, _split(20, 4), _split(600, 600))
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.verdict == "worked" and ev.change_test.p_value < 0.01
    text = evaluation.verdict_text(ev, "sv")
    assert "säker" not in text
    assert "indikation" in text and "bara 24 händelser" in text


def test_certain_with_enough_events(empty_con):
    _build(empty_con, _split(120, 40), _split(600, 600))
    ev = evaluation.evaluate(empty_con, 1)
    text = evaluation.verdict_text(ev, "sv")
    assert "statistiskt säker på 1 %-nivån" in text
    assert "var det ungefär oförändrat (600 före, 600 efter)" in text


def test_diffusion_only_when_the_buffer_fell_with_certainty(empty_con):
    # Main gave "diffusion of benefits" on a buffer going 54 -> 52 (WDQ > 0, no test of the buffer).
    _build(empty_con, _split(120, 40), _split(240, 240), buffer=_split(54, 52))
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.verdict == "worked" and ev.wdq is not None and ev.wdq > 0
    assert "diffusion" not in ev.caveats


def test_diffusion_when_the_buffer_fell_with_certainty(empty_con):
    _build(empty_con, _split(120, 40), _split(240, 240), buffer=_split(60, 12))
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.verdict == "worked"
    assert "diffusion" in ev.caveats
    assert any("60 före, 12 efter" in c for c in evaluation.caveat_texts(ev, "sv"))


def test_displacement_needs_a_certain_rise_on_enough_buffer_events(empty_con):
    _build(empty_con, _split(120, 40), _split(240, 240), buffer=_split(10, 40))
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.verdict == "displacement"
    text = evaluation.verdict_text(ev, "sv")
    assert "flyttat" in text and "10 händelser före och 40 efter" in text


def test_seasonal_caveat_only_when_the_control_changed_certainly(empty_con):
    _build(empty_con, _split(35, 34), _split(383, 603))
    ev = evaluation.evaluate(empty_con, 1)
    assert "seasonal" in ev.caveats
    assert any("383 före, 603 efter" in c for c in evaluation.caveat_texts(ev, "sv"))


def test_no_seasonal_caveat_on_a_steady_control(empty_con):
    _build(empty_con, _split(35, 34), _split(600, 610))
    ev = evaluation.evaluate(empty_con, 1)
    assert "seasonal" not in ev.caveats


def test_too_few_events_says_no_certain_change(empty_con):
    _build(empty_con, _split(6, 1), _split(600, 600))
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.verdict == "too_few"
    text = evaluation.verdict_text(ev, "sv")
    assert text.startswith("Ingen säker förändring — för få händelser (6 före, 1 efter)")


def test_regression_to_the_mean_named_after_a_peak(empty_con):
    # Two a week for a long time, six a week in the twelve weeks before the start, two after.
    _build(empty_con, lambda w: 6 if -12 <= w < 0 else 2, lambda w: 10)
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.verdict == "worked" and "rtm" in ev.caveats
    assert any("regression mot medelvärdet" in c for c in evaluation.caveat_texts(ev, "sv"))


def test_short_after_caveat_says_how_short(empty_con):
    # Six weeks after so far: 50 a week in the control before and after (600 -> 300 events).
    _build(empty_con, _split(60, 30), lambda w: 50, weeks_after=6)
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.counts["target"] == (60, 18) and ev.counts["control"] == (600, 300)
    assert "short_after" in ev.caveats
    assert any("(6 mot 12 veckor" in c for c in evaluation.caveat_texts(ev, "sv"))
    text = evaluation.verdict_text(ev, "sv")
    # Per week the control stayed the same; following it the target would have had 30 in six weeks.
    assert "var det ungefär oförändrat (50,0 per vecka före, 50,0 per vecka efter)" in text
    assert "omkring 30 efter" in text


def test_more_than_expected_while_the_target_did_not_rise(empty_con):
    # The target stayed at 40 while the rest halved: an increase against the control, not in the target.
    _build(empty_con, _split(40, 40), _split(600, 300))
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.verdict == "increase"
    assert evaluation.verdict_label(ev, "sv") == "Fler än väntat"
    assert evaluation.verdict_text(ev, "sv").startswith(
        "Fler händelser än väntat i målområdet: 40 under 12 veckor"
    )


def test_stratified_exact_test_takes_the_category_mix_into_account():
    # A target with a small summer-quiet category and a large summer-heavy one, against a control with the
    # opposite mix: both categories changed exactly like the control's, so there is nothing to claim. The
    # pooled test (main's approach of one total) sees a change.
    strata = [((10, 5), (100, 50)), ((20, 40), (100, 200))]
    assert rates.compare_change_stratified(strata).p_value == 1.0
    assert rates.compare_change_stratified(strata).expected_after == 45
    assert rates.compare_change((30, 45), (200, 250)).direction == 1
    from scipy.stats import fisher_exact

    one = rates.compare_change_stratified([((35, 34), (383, 603))])
    assert one.p_value == fisher_exact([[34, 35], [603, 383]]).pvalue


def test_scaled_wdd_variance_counts_the_estimated_scale():
    # After a seasonal rise (control 200 -> 300) the target's before-count enters the scaled WDD twice:
    # T1 − T0·C1/C0. The delta-method se matches simulation; treating the scale as known understates it.
    import numpy as np
    import pytest

    rng = np.random.default_rng(7)
    t0, t1 = rng.poisson(20, 200_000), rng.poisson(30, 200_000)
    c0, c1 = rng.poisson(200, 200_000), rng.poisson(300, 200_000)
    simulated = (t1 - t0 * c1 / c0).std()
    stated = evaluation.wdd_scaled((20, 30), (200, 300)).se
    assert stated == pytest.approx(simulated, rel=0.03)
    known_scale = evaluation.wdd((20, 30), (200, 300), area_weights=(1, 10, 1, 1)).se
    assert known_scale < 0.85 * simulated
    # Summed over categories: independent strata, variances add.
    both = evaluation.wdd_by_category([((20, 30), (200, 300)), ((10, 5), (100, 50))])
    one, two = evaluation.wdd_scaled((20, 30), (200, 300)), evaluation.wdd_scaled((10, 5), (100, 50))
    assert both.wdd == pytest.approx(one.wdd + two.wdd)
    assert both.se == pytest.approx((one.se**2 + two.se**2) ** 0.5)


def test_buffer_rise_caveat_when_the_target_did_not_change(empty_con):
    _build(empty_con, _split(40, 40), _split(600, 600), buffer=_split(10, 40))
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.verdict == "no_effect"
    assert "buffer_rise" in ev.caveats
    assert any(
        "ökade säkert i buffertzonen runt målområdet (10 före, 40 efter)" in c
        for c in evaluation.caveat_texts(ev, "sv")
    )


def test_no_buffer_caveat_on_a_few_buffer_events(empty_con):
    # 0 -> 8 in the buffer is significant on its own (p < 0.01) but rests on 8 events: no claim.
    _build(empty_con, _split(40, 40), _split(600, 600), buffer=_split(0, 8))
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.buffer_test.p_value < 0.01
    assert "buffer_rise" not in ev.caveats and ev.verdict == "no_effect"


def test_control_from_zero_is_judged_by_the_test(empty_con):
    # No scale can be taken from a control with nothing before; the exact test still compares the changes.
    _build(empty_con, _split(30, 30), _split(0, 50))
    ev = evaluation.evaluate(empty_con, 1)
    assert ev.control_scale is None
    assert ev.change_test.direction == -1 and ev.change_test.p_value < 0.001
    assert ev.verdict == "worked" and evaluation.verdict_label(ev, "sv") == "Färre än väntat"
    text = evaluation.verdict_text(ev, "sv")
    assert (
        "I resten av kommunen ökade det under samma tid från 0,0 per vecka till" in text
    )  # after: 11.6 weeks
    assert "omkring" not in text  # nothing to scale by: no expected count is claimed
    assert evaluation.as_dict(ev)["control_scale"] is None
