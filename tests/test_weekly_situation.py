"""The situation picture: status rule, the area × factor matrix, the automatic summary, notes."""

from __future__ import annotations

import pandas as pd
import pytest

from est_data.analysis import situation
from est_data.analysis.situation import StatusRule
from est_data.model import IsoWeek

WEEK = IsoWeek(2026, 47)


# ------------------------------------------------------------------------------------------ the status rule


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ([0, 0, 1, 1], "grön"),
        ([], "grön"),
        ([1, 2, 0], "gul"),
        ([2, 2, 1], "gul"),
        ([2, 2, 2], "röd"),
        ([0, 3], "röd"),
        ([1.5, 0.4], "grön"),  # a mean level below 2 is not "påtagligt"
    ],
)
def test_default_status_rule(levels, expected):
    assert StatusRule().status(levels) == expected


def test_status_rule_is_configurable(sample_con):
    from est_data import config

    config.set_setting(sample_con, "status_red_count_level2", "2")
    config.set_setting(sample_con, "status_yellow_any_level", "1")
    rule = StatusRule.from_settings(sample_con)
    assert rule == StatusRule(red_any_level=3, red_count_level2=2, yellow_any_level=1)
    assert rule.status([2, 2]) == "röd"
    assert rule.status([1, 0]) == "gul"


def test_statuses_per_area_on_constructed_levels():
    levels = pd.DataFrame(
        {
            "area_id": [1, 1, 2, 2, 2, 3, 4],
            "factor_code": ["a", "b", "a", "b", "c", "a", "a"],
            "level": [3, 0, 2, 2, 2, 2, 0],
        }
    )
    out = dict(situation.statuses(levels).itertuples(index=False))
    assert out == {1: "röd", 2: "röd", 3: "gul", 4: "grön"}


# ------------------------------------------------------------------------------------------ the matrix


def _independent_matrix(con, week: IsoWeek) -> pd.DataFrame:
    """The same figures computed in pandas from the raw tables, without the module's SQL."""
    resp = con.execute("select id, iso_year, iso_week, area_id from survey_response").df()
    rate = con.execute("select response_id, factor_code, level from survey_rating").df()
    active = set(con.execute("select code from factor where active").df()["code"])
    df = rate.merge(resp, left_on="response_id", right_on="id")
    df = df[df["factor_code"].isin(active)]
    keys = {(w.year, w.week): i for i, w in enumerate(week.shift(-k) for k in range(5))}
    df["k"] = [keys.get((y, w)) for y, w in zip(df["iso_year"], df["iso_week"], strict=True)]
    df = df[df["k"].notna()]
    per = df.groupby(["k", "area_id", "factor_code"])["level"].agg(["max", "mean", "count"]).reset_index()
    now = per[per["k"] == 0].set_index(["area_id", "factor_code"])
    prev = per[per["k"] == 1].set_index(["area_id", "factor_code"])
    earlier = per[per["k"] >= 1].groupby(["area_id", "factor_code"])[["max", "mean"]].mean()
    out = now[["max", "mean", "count"]].rename(
        columns={"max": "max_level", "mean": "mean_level", "count": "answers"}
    )
    out["prev_max"] = prev["max"].reindex(out.index)
    out["avg4_max"] = earlier["max"].reindex(out.index)
    out["avg4_mean"] = earlier["mean"].reindex(out.index)
    return out.sort_index()


def test_matrix_equals_an_independent_computation(sample_con):
    got = situation.week_matrix(sample_con, WEEK, "1287").set_index(["area_id", "factor_code"]).sort_index()
    expected = _independent_matrix(sample_con, WEEK)
    assert len(got) == len(expected) == 14 * 12
    assert list(got.index) == list(expected.index)
    assert (got["max_level"].to_numpy() == expected["max_level"].to_numpy()).all()
    assert (got["answers"].to_numpy() == expected["answers"].to_numpy()).all()
    for col in ("mean_level", "prev_max", "avg4_max", "avg4_mean"):
        pd.testing.assert_series_equal(
            got[col].astype(float), expected[col].astype(float), check_names=False, atol=1e-9
        )
    # the counts per level add up to the answers, and the changes are what they say
    assert (got[["n0", "n1", "n2", "n3"]].sum(axis=1) == got["answers"]).all()
    assert ((got["change_max"] - (got["max_level"] - got["prev_max"])).abs().fillna(0) < 1e-9).all()


def test_matrix_respects_area_filter(sample_con):
    got = situation.week_matrix(sample_con, WEEK, "1287", (1, 5))
    assert set(got["area_id"]) == {1, 5}
    assert len(got) == 24


def test_area_statuses_this_and_last_week(sample_con):
    matrix = situation.week_matrix(sample_con, WEEK, "1287")
    status = situation.area_statuses(matrix).set_index("area_id")
    rule = StatusRule()
    for area_id, group in matrix.groupby("area_id"):
        assert status.loc[area_id, "status"] == rule.status(group["max_level"].tolist())
        assert status.loc[area_id, "prev_status"] == rule.status(group["prev_max"].dropna().tolist())


# ------------------------------------------------------------------------------------------ the summary


def _row(area_id, code, levels_now, prev_max, avg4_max=None):
    counts = [levels_now.count(i) for i in range(4)]
    mx = max(levels_now)
    return {
        "area_id": area_id,
        "factor_code": code,
        "max_level": mx,
        "mean_level": sum(levels_now) / len(levels_now),
        "answers": len(levels_now),
        "n0": counts[0],
        "n1": counts[1],
        "n2": counts[2],
        "n3": counts[3],
        "prev_max": prev_max,
        "prev_mean": None,
        "avg4_max": avg4_max,
        "avg4_mean": None,
        "weeks4": 4,
        "change_max": None if prev_max is None else mx - prev_max,
        "change4_max": None if avg4_max is None else mx - avg4_max,
    }


def _frame(rows):
    df = pd.DataFrame(rows)
    for col in ("prev_max", "avg4_max", "prev_mean", "avg4_mean", "change_max", "change4_max"):
        df[col] = df[col].astype(float)
    return df


AREAS = {1: "Centrum", 2: "Västervång"}
FACTORS = {"skadegorelse": "Skadegörelse", "klotter": "Klotter", "trafik": "Trafik"}


def test_summary_sentence_for_an_increase():
    matrix = _frame([_row(1, "skadegorelse", [2, 2, 2, 2, 0], 1), _row(1, "klotter", [0, 0, 1, 0, 0], 1)])
    sentences = situation.summary_sentences(matrix, AREAS, FACTORS)
    assert sentences == [
        "Status för Centrum: gul (förra veckan grön).",
        "Skadegörelse ökade i Centrum: påtagligt enligt 4 av 5 rapportörer, förra veckan enstaka.",
    ]


def test_summary_decrease_persistent_and_english():
    matrix = _frame(
        [
            _row(2, "klotter", [1, 0], 2),  # fell from påtagligt
            _row(2, "trafik", [3], 3, avg4_max=1.5),  # same as last week, far above the 4-week average
            _row(1, "trafik", [0, 0, 0], 0),  # nothing
        ]
    )
    sv = situation.summary_sentences(matrix, AREAS, FACTORS)
    assert (
        "Trafik i Västervång ligger kvar på allvarligt enligt den enda rapportören, över snittet för de fyra "
        "föregående veckorna (1,5)." in sv
    )
    assert "Klotter minskade i Västervång: enstaka enligt 1 av 2 rapportörer, förra veckan påtagligt." in sv
    assert (
        sv.index("Klotter minskade i Västervång: enstaka enligt 1 av 2 rapportörer, förra veckan påtagligt.")
        > 0
    )  # decreases come after the rest
    en = situation.summary_sentences(matrix, AREAS, FACTORS, lang="en")
    assert (
        "Klotter decreased in Västervång: isolated according to 1 of 2 reporters, last week noticeable." in en
    )


def test_summary_without_changes_and_without_answers():
    matrix = _frame([_row(1, "klotter", [1, 1], 1)])
    assert situation.summary_sentences(matrix, AREAS, FACTORS) == [
        "Inga tydliga förändringar jämfört med förra veckan."
    ]
    assert situation.summary_sentences(matrix.iloc[0:0], AREAS, FACTORS) == ["Inga svar för veckan."]


def test_summary_limit_and_no_answers_last_week():
    rows = [_row(1, f"f{i}", [2], None) for i in range(5)]
    matrix = _frame(rows)
    sentences = situation.summary_sentences(
        matrix, AREAS, {f"f{i}": f"Faktor {i}" for i in range(5)}, limit=2
    )
    assert len(sentences) == 3
    # no answers the week before: the level is reported, never called an increase ("ökade")
    assert sentences[0] == (
        "Faktor 0 i Centrum: påtagligt enligt den enda rapportören (ingen jämförelse: inga svar "
        "förra veckan)."
    )
    assert sentences[-1] == "… och 3 förändringar till, se matrisen."


def test_summary_on_the_sample_week_mentions_real_changes(sample_con):
    matrix = situation.week_matrix(sample_con, WEEK, "1287")
    areas = dict(sample_con.execute("select id, name from area").fetchall())
    factors = dict(sample_con.execute("select code, label_sv from factor").fetchall())
    sentences = situation.summary_sentences(matrix, areas, factors, limit=1000)
    rose = matrix[(matrix["max_level"] >= 2) & (matrix["change_max"] > 0)]
    fell = matrix[(matrix["prev_max"] >= 2) & (matrix["change_max"] < 0)]
    assert len(rose) > 0 and len(fell) > 0
    for row in rose.itertuples():
        assert any(
            s.startswith(f"{factors[row.factor_code]} ökade i {areas[row.area_id]}:") for s in sentences
        )
    for row in fell.itertuples():
        assert any(
            s.startswith(f"{factors[row.factor_code]} minskade i {areas[row.area_id]}:") for s in sentences
        )


# ------------------------------------------------------------------------------------------ notes


def test_week_notes_hide_personal_data(sample_con):
    personal = situation.week_notes(sample_con, WEEK, "1287", (), True)
    hidden = situation.week_notes(sample_con, WEEK, "1287", (), False)
    comments = sample_con.execute(
        "select count(*) from survey_response where iso_year = 2026 and iso_week = 47"
        " and comment is not null and comment <> ''"
    ).fetchone()[0]
    events = sample_con.execute(
        "select count(*) from observation where iso_year = 2026 and iso_week = 47"
    ).fetchone()[0]
    assert (personal["kind"] == "kommentar").sum() == comments > 0
    assert (personal["kind"] == "händelse").sum() == events > 0
    assert personal["reporter"].notna().all()
    assert personal["sent_at"].is_monotonic_decreasing
    assert (hidden["kind"] == "kommentar").sum() == 0
    assert len(hidden) == events
    assert hidden["text"].isna().all() and hidden["reporter"].isna().all()


# ------------------------------------------------------------------------------------------ the matrix figure


def test_matrix_figure_prints_numbers_and_marks_only_relevant_changes():
    from est_data.charts.weekly import matrix_figure

    rows = [
        _row(1, "skadegorelse", [2, 2, 0], 1, avg4_max=2.0),  # 1 -> 2: marked vs last week, not vs avg4
        _row(1, "klotter", [1, 0], 0, avg4_max=0.0),  # 0 -> 1: low-level flip, not marked
        _row(2, "skadegorelse", [0], 3, avg4_max=3.0),
    ]  # 3 -> 0: marked
    matrix = _frame(rows)
    matrix["mean_level"] = matrix["mean_level"].astype(float)
    matrix["change_mean"] = matrix["change4_mean"] = float("nan")
    fig = matrix_figure(matrix, AREAS, {"skadegorelse": "Skadegörelse", "klotter": "Klotter"}, "max", "week")
    heat = fig.data[0]
    assert list(heat.y) == ["Centrum", "Västervång"]
    assert list(heat.x) == ["Skadegörelse", "Klotter"]
    assert [list(r) for r in heat.text] == [["2 ▲", "1"], ["0 ▼", ""]]
    assert heat.z[1][1] is None  # no answers: an empty cell
    fig4 = matrix_figure(matrix, AREAS, {"skadegorelse": "Skadegörelse", "klotter": "Klotter"}, "max", "avg4")
    assert [list(r) for r in fig4.data[0].text] == [["2", "1"], ["0 ▼", ""]]
