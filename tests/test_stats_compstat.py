"""Issue 14 item 5: CompStat and period comparisons with a multiple-testing answer.

Main judged each of a table's ~18 comparisons on its own at 5 %: with nothing changing at all, more
than half of the monthly tables showed a flag. Now the verdicts are judged on Benjamini-Hochberg q
across the table and the table says how many flags chance alone would give.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from est_data import db
from est_data.analysis import compstat, trends
from est_data.model import Filters

FLAGS = (compstat.RISE, compstat.FALL)


def flagged(table: pd.DataFrame) -> bool:
    return bool(table["verdict_month"].isin(FLAGS).any() or table["verdict_ytd"].isin(FLAGS).any())


@pytest.fixture
def steady(empty_con):
    """Nine Brå categories whose monthly counts are Poisson(40) in every month of 2019-2025: no change."""
    con = empty_con
    con.execute("insert into municipality (code, name) values ('1287', 'Trelleborg') on conflict do nothing")
    rng = np.random.default_rng(14)
    rows = []
    for code in range(1, 10):
        for month in pd.date_range("2019-01-01", "2025-12-01", freq="MS").date:
            end = (pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date()
            rows.append(("1287", month, end, str(code), f"Kategori {code}", int(rng.poisson(40))))
    with db.transaction(con):
        con.executemany(
            "insert into crime_stat (municipality_code, period_start, period_end, crime_code,"
            " crime_label, count) values (?, ?, ?, ?, ?, ?)",
            rows,
        )
    return con


def test_steady_counts_rarely_flag_a_month(steady):
    months = pd.date_range("2022-01-01", "2025-12-01", freq="MS").date
    tables = [compstat.compstat_table(steady, "1287", d.year, d.month) for d in months]
    raw = sum(bool(((t["p_month"] < 0.05) | (t["p_ytd"] < 0.05)).any()) for t in tables)
    assert raw >= 15  # judged one by one (main), chance flags well over a third of the 48 months
    assert sum(flagged(t) for t in tables) <= 5  # nominal: about 5 % of 48 months


def test_table_verdicts_follow_the_adjusted_p(sample_con):
    table = compstat.compstat_table(sample_con, "1287", 2026, 10)
    tests = compstat.tests_made(table, compstat.TABLE_P_COLUMNS)
    assert tests >= 15
    p = pd.concat([table["p_month"], table["p_ytd"]]).dropna().astype(float).to_numpy()
    q = pd.concat([table["q_month"], table["q_ytd"]]).dropna().astype(float).to_numpy()
    from statsmodels.stats.multitest import multipletests

    assert np.allclose(np.sort(q), np.sort(multipletests(p, method="fdr_bh")[1]))
    for v_col, q_col in (("verdict_month", "q_month"), ("verdict_ytd", "q_ytd")):
        flags = table[table[v_col].isin(FLAGS)]
        assert (flags[q_col].astype(float) < 0.05).all()
    assert compstat.chance_flags(tests) == pytest.approx(tests * 0.05)


def test_sample_months_with_flags(sample_con):
    """Main flagged 22 of the sample's 34 months; a real change (the sample's designed ones) still shows."""
    months = pd.date_range("2024-01-01", "2026-10-01", freq="MS").date
    with_flags = sum(flagged(compstat.compstat_table(sample_con, "1287", d.year, d.month)) for d in months)
    assert 1 <= with_flags <= 12


def test_risk_table_is_adjusted_across_its_rows(sample_con):
    filters = Filters("1287", dt.date(2023, 11, 27), dt.date(2026, 11, 22))
    risk = trends.risk_weekend_table(sample_con, filters, "felanmalan")
    assert risk["q_value"].notna().sum() == risk["p_value"].notna().sum() >= 8
    flags = risk[risk["verdict"].isin(FLAGS)]
    assert (flags["q_value"].astype(float) < 0.05).all()
    # the designed Halloween rise still shows in 2024 and 2026; 2025 (12 against 4 a day, p 0.02) no
    # longer passes once the table's 15 comparisons are taken into account (q 0.06)
    halloween = risk[risk["risk"] == "halloween"].set_index("year")
    assert halloween.loc[[2024, 2026], "verdict"].eq(compstat.RISE).all()
    assert halloween.loc[2025, "p_value"] < 0.05 and halloween.loc[2025, "verdict"] == compstat.NO_CHANGE


def test_uppfoljning_says_how_many_flags_chance_gives(sample_db):
    from tests.conftest import app_as

    at = app_as("lasare", "uppfoljning")
    assert not at.exception
    assert any("slumpen ensam ge omkring" in c.value and "Benjamini-Hochberg" in c.value for c in at.caption)


def test_report_tables_judge_across_their_rows():
    """The reports' tables of period comparisons (categories, Brå) are adjusted like CompStat's."""
    from est_data.report import common

    rows = [(50.0, 50.0, None)] * 18 + [
        (45.0, 27.0, None),
        (100.0, 30.0, None),
        (5.0, 0.0, "underlag saknas för mars 2025"),
    ]
    assert compstat.judge(45, 1, 27, 1).verdict == compstat.RISE  # alone: p about 0.03
    texts, tests = common.judged_table(rows, "sv")
    assert tests == 20
    assert texts[18] == "ingen säker förändring"  # one of twenty at p 0.03 is what chance gives
    assert texts[19] == "ökning"
    assert texts[20] == "underlag saknas för mars 2025"
    note = common.chance_note(tests, "sv")
    assert "20 jämförelser" in note.text and "omkring 1,0 flaggor" in note.text
