"""The monthly follow-up: a CompStat table judged with Poisson tests, and 36-month series.

A change is never judged by raw percent: two counts (each with its exposure, e.g. one month against
three months) are compared with the E-test for two Poisson rates (Krishnamoorthy & Thomson 2004,
`poisson.compare_rates`; the score test above `poisson.ETEST_MAX_EVENTS`, where the E-test's grid
grows too large and the two agree). The verdict is "ökning" or "minskning" only when
the test is significant at 5 % AND there are enough events to speak of a trend (at least
`MIN_EVENTS` in the two counts together); otherwise "ingen säker förändring".

Many tests at once (issue 14): a table judges up to two comparisons per row, 18 or more in all, and
at 5 % each one flag in twenty would come from chance alone. The verdicts of a table are therefore
judged on Benjamini-Hochberg adjusted p-values (q) across every comparison the table makes
(`adjust_table`), and `chance_flags` says how many flags chance alone would give without that.

Costs are sums of many amounts of different size, not counts. They are judged on their "equivalent
count": for a compound Poisson sum S of amounts X, Var(S) = λ·E[X²], so S / k with
k = E[X²] / E[X] behaves like a Poisson count (scaled Poisson). A few large bills therefore count as
few events, and a month made expensive by one fire is not called a trend.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd
from statsmodels.stats.multitest import multipletests

from est_data.analysis import poisson

ALPHA = 0.05
MIN_EVENTS = 10
RISE, FALL, NO_CHANGE = "ökning", "minskning", "ingen säker förändring"
FAULT_COUNT = "felanmalan"
FAULT_COST = "felanmalan_cost"


@dataclass(frozen=True)
class Judgement:
    verdict: str  # RISE, FALL or NO_CHANGE
    p_value: float | None
    ratio: float | None  # rate 1 / rate 2
    too_few: bool  # NO_CHANGE because the numbers are too small to judge


def judge(
    count1: float,
    exposure1: float,
    count2: float,
    exposure2: float,
    alpha: float = ALPHA,
    min_events: int = MIN_EVENTS,
) -> Judgement:
    """Compare count1 over exposure1 (e.g. this month, 1) with count2 over exposure2 (e.g. the same
    month of three earlier years, 3)."""
    if exposure1 <= 0 or exposure2 <= 0:
        raise ValueError("exposures must be positive")
    c1, c2 = round(count1), round(count2)
    rate2 = c2 / exposure2
    ratio = (c1 / exposure1) / rate2 if rate2 > 0 else None
    if c1 + c2 < min_events:
        return Judgement(NO_CHANGE, None, ratio, True)
    p_value = poisson.compare_rates(c1, exposure1, c2, exposure2).p_value
    if math.isnan(p_value) or p_value >= alpha:
        return Judgement(NO_CHANGE, p_value, ratio, False)
    return Judgement(RISE if c1 / exposure1 > rate2 else FALL, p_value, ratio, False)


def judge_cost(
    cost1: float, exposure1: float, cost2: float, exposure2: float, scale: float, alpha: float = ALPHA
) -> Judgement:
    """Judge sums of money by their equivalent counts (cost / scale, scale = E[X²]/E[X])."""
    if not scale or scale <= 0:
        return Judgement(NO_CHANGE, None, None, True)
    result = judge(cost1 / scale, exposure1, cost2 / scale, exposure2, alpha)
    ratio = (cost1 / exposure1) / (cost2 / exposure2) if cost2 > 0 else None
    return Judgement(result.verdict, result.p_value, ratio, result.too_few)


def adjust_table(
    table: pd.DataFrame, tests: list[tuple[str, str, str]], alpha: float = ALPHA
) -> pd.DataFrame:
    """Benjamini-Hochberg across every test of a table. tests: (p column, verdict column, q column).

    Each judged comparison (a p-value, not "too few") gets its adjusted q; a rise or fall whose q is
    not below alpha becomes NO_CHANGE. Comparisons without a p-value keep their verdict and get no q."""
    out = table.copy()
    cells = [
        (i, p_col)
        for p_col, _, _ in tests
        for i in out.index
        if out.at[i, p_col] is not None and not pd.isna(out.at[i, p_col])
    ]
    for _, _, q_col in tests:
        out[q_col] = None
    if not cells:
        return out
    p_values = [float(out.at[i, col]) for i, col in cells]
    q_values = multipletests(p_values, method="fdr_bh")[1]
    q_of = {p_col: q_col for p_col, _, q_col in tests}
    verdict_of = {p_col: v_col for p_col, v_col, _ in tests}
    for (i, p_col), q in zip(cells, q_values, strict=True):
        out.at[i, q_of[p_col]] = float(q)
        if q >= alpha and out.at[i, verdict_of[p_col]] in (RISE, FALL):
            out.at[i, verdict_of[p_col]] = NO_CHANGE
    return out


def tests_made(table: pd.DataFrame, p_columns: tuple[str, ...]) -> int:
    """How many comparisons a table judged (those with a p-value)."""
    return int(sum(table[c].notna().sum() for c in p_columns if c in table)) if not table.empty else 0


def chance_flags(tests: int, alpha: float = ALPHA) -> float:
    """Flags expected from chance alone if nothing had changed and each test were judged at alpha on its
    own (tests × alpha); with the FDR adjustment a table without any real change shows a flag at all
    in at most about alpha of months."""
    return tests * alpha


TABLE_TESTS = [("p_month", "verdict_month", "q_month"), ("p_ytd", "verdict_ytd", "q_ytd")]
TABLE_P_COLUMNS = ("p_month", "p_ytd")


# ------------------------------------------------------------------------------------------- data


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def monthly_counts(
    con, municipality_code: str | None, first: dt.date, last: dt.date, area_ids: tuple[int, ...] = ()
) -> pd.DataFrame:
    """Monthly figures between the months of first and last: columns key, label, month_start, value,
    sum_sq (sum of squared amounts, for costs), preliminary.

    Brå categories come from crime_stat (whole-municipality monthly rows; the area filter does not
    apply to them); fault reports (felanmälan) and their cost from incident, with the area filter.
    """
    areas = list(area_ids) if area_ids else None
    df = con.execute(
        "with stats as ("
        "  select coalesce(nullif(crime_code, ''), crime_label) as key,"
        "         crime_label as label,"
        "         period_start as month_start, count as value, preliminary"
        "  from crime_stat"
        "  where area_id is null"
        "    and (? is null or municipality_code = ?)"
        "    and period_start = date_trunc('month', period_start)"
        "    and period_end = last_day(period_start)"
        "    and period_start between ? and ?"
        "), stat_months as ("
        "  select key, arg_max(label, month_start) as label, month_start, sum(value) as value, cast(null as double) as sum_sq,"
        "         bool_or(preliminary) as preliminary"
        "  from stats"
        "  group by key, month_start"
        "), faults as ("
        "  select cast(date_trunc('month', occurred_at) as date) as month_start,"
        "         count(*) as n, sum(coalesce(cost_sek, 0)) as cost, sum(coalesce(cost_sek, 0) ^ 2) as cost_sq"
        "  from incident"
        "  where source = 'felanmalan'"
        "    and not is_summary"
        "    and occurred_at >= cast(? as timestamp)"
        "    and occurred_at < cast(? as timestamp) + interval 1 month"
        "    and (? is null or municipality_code = ?)"
        "    and (? is null or list_contains(?, area_id))"
        "  group by 1"
        "), final as ("
        "  select key, label, month_start, cast(value as double) as value, sum_sq, preliminary from stat_months"
        "  union all"
        "  select 'felanmalan', 'felanmalan', month_start, cast(n as double), null, false from faults"
        "  union all"
        "  select 'felanmalan_cost', 'felanmalan_cost', month_start, cost, cost_sq, false from faults"
        ")"
        " select * from final order by key, month_start",
        [
            municipality_code,
            municipality_code,
            first,
            last,
            first,
            last,
            municipality_code,
            municipality_code,
            areas,
            areas,
        ],
    ).df()
    if not df.empty:
        df["month_start"] = pd.to_datetime(df["month_start"]).dt.date
    return df


def first_fault_month(con, municipality_code: str | None) -> dt.date | None:
    """The first whole month of fault reports: earlier months have no data (not zero reports).

    When the first report comes after the first week of its month, the register evidently began
    during that month, which would look like a dip: the next month is taken as the first."""
    row = con.execute(
        "select min(occurred_at) from incident where source = 'felanmalan' and (? is null or municipality_code = ?)",
        [municipality_code, municipality_code],
    ).fetchone()
    if not row or not row[0]:
        return None
    first = row[0].date()
    return first.replace(day=1) if first.day <= 7 else _add_months(first.replace(day=1), 1)


def latest_month(con, municipality_code: str | None, today: dt.date | None = None) -> dt.date | None:
    """The default month to follow up: the latest month of Brå statistics, else the last complete
    month with fault reports (a month still under way is never the default)."""
    row = con.execute(
        "select max(period_start) from crime_stat"
        " where (? is null or municipality_code = ?)"
        "   and period_start = date_trunc('month', period_start)"
        "   and period_end = last_day(period_start)",
        [municipality_code, municipality_code],
    ).fetchone()
    if row and row[0]:
        return row[0]
    row = con.execute(
        "select max(occurred_at) from incident where source = 'felanmalan' and (? is null or municipality_code = ?)",
        [municipality_code, municipality_code],
    ).fetchone()
    if not row or not row[0]:
        return None
    last_day = min(row[0].date(), today or dt.date.today())
    return _add_months(last_day.replace(day=1), -1)


def compstat_table(
    con, municipality_code: str | None, year: int, month: int, area_ids: tuple[int, ...] = ()
) -> pd.DataFrame:
    """The CompStat table for a month: one row per Brå category, then fault reports and their cost.

    Columns: key, label, this_month, last_year, avg_3y, years_3y, ytd, ytd_last, change_pct (against
    the same month last year), verdict_month and p_month (this month against the same month of the
    up to three previous years), verdict_ytd and p_ytd (year to date against last year to date),
    too_few_month, too_few_ytd, preliminary (this month's figure is preliminary), q_month and q_ytd
    (p adjusted across the whole table, Benjamini-Hochberg; the verdicts are judged on these).
    """
    this = _month_start(year, month)
    data = monthly_counts(con, municipality_code, _month_start(year - 3, 1), this, area_ids)
    columns = [
        "key",
        "label",
        "this_month",
        "last_year",
        "avg_3y",
        "years_3y",
        "ytd",
        "ytd_last",
        "change_pct",
        "verdict_month",
        "p_month",
        "too_few_month",
        "verdict_ytd",
        "p_ytd",
        "too_few_ytd",
        "preliminary",
        "q_month",
        "q_ytd",
    ]
    if data.empty:
        return pd.DataFrame(columns=columns)
    fault_start = first_fault_month(con, municipality_code)
    rows = []
    keys = list(dict.fromkeys(data["key"]))
    keys = [k for k in keys if k not in (FAULT_COUNT, FAULT_COST)] + [
        k for k in (FAULT_COUNT, FAULT_COST) if k in keys
    ]
    for key in keys:
        part = data[data["key"] == key]
        series = dict(zip(part["month_start"], part["value"], strict=True))
        squares = dict(zip(part["month_start"], part["sum_sq"], strict=True))
        if key in (FAULT_COUNT, FAULT_COST):

            def has(day: dt.date) -> bool:
                return fault_start is not None and day >= fault_start
        else:

            def has(day: dt.date, series=series) -> bool:
                return day in series

        if not has(this):
            continue

        def value(day: dt.date, series=series) -> float:
            return float(series.get(day, 0.0))

        current = value(this)
        last = _month_start(year - 1, month)
        last_year = value(last) if has(last) else None
        earlier = [_month_start(year - k, month) for k in (1, 2, 3) if has(_month_start(year - k, month))]
        avg_3y = sum(value(d) for d in earlier) / len(earlier) if earlier else None
        ytd_months = [_month_start(year, m) for m in range(1, month + 1)]
        ytd_last_months = [_month_start(year - 1, m) for m in range(1, month + 1)]
        ytd = sum(value(d) for d in ytd_months if has(d))
        ytd_last = sum(value(d) for d in ytd_last_months) if all(has(d) for d in ytd_last_months) else None
        j_month = j_ytd = None
        if key == FAULT_COST:
            used = [this, *earlier, *ytd_months, *ytd_last_months]
            total = sum(value(d) for d in set(used) if has(d))
            total_sq = sum(float(squares.get(d) or 0.0) for d in set(used) if has(d))
            scale = total_sq / total if total else 0.0
            if earlier:
                j_month = judge_cost(current, 1, sum(value(d) for d in earlier), len(earlier), scale)
            if ytd_last is not None:
                j_ytd = judge_cost(ytd, 1, ytd_last, 1, scale)
        else:
            if earlier:
                j_month = judge(current, 1, sum(value(d) for d in earlier), len(earlier))
            if ytd_last is not None:
                j_ytd = judge(ytd, 1, ytd_last, 1)
        prelim = bool(part.loc[part["month_start"] == this, "preliminary"].any())
        rows.append(
            {
                "key": key,
                "label": part["label"].iloc[-1],
                "this_month": current,
                "last_year": last_year,
                "avg_3y": avg_3y,
                "years_3y": len(earlier),
                "ytd": ytd,
                "ytd_last": ytd_last,
                "change_pct": 100 * (current - last_year) / last_year if last_year else None,
                "verdict_month": j_month.verdict if j_month else None,
                "p_month": j_month.p_value if j_month else None,
                "too_few_month": j_month.too_few if j_month else None,
                "verdict_ytd": j_ytd.verdict if j_ytd else None,
                "p_ytd": j_ytd.p_value if j_ytd else None,
                "too_few_ytd": j_ytd.too_few if j_ytd else None,
                "preliminary": prelim,
            }
        )
    return adjust_table(pd.DataFrame(rows, columns=columns[:-2]), TABLE_TESTS)[columns]


def series_36(
    con,
    municipality_code: str | None,
    year: int,
    month: int,
    area_ids: tuple[int, ...] = (),
    months: int = 36,
) -> pd.DataFrame:
    """Monthly values of every category for the `months` months ending with the chosen month:
    columns key, label, month_start, value, preliminary (months without data are left out)."""
    last = _month_start(year, month)
    first = _add_months(last, -(months - 1))
    df = monthly_counts(con, municipality_code, first, last, area_ids)
    fault_start = first_fault_month(con, municipality_code)
    if fault_start is not None:  # months with no fault report are zero, not missing
        full = pd.date_range(max(first, fault_start), last, freq="MS").date
        for key in (FAULT_COUNT, FAULT_COST):
            part = df[df["key"] == key].set_index("month_start").reindex(full)
            part = part.assign(key=key, label=key, value=part["value"].fillna(0.0), preliminary=False)
            df = pd.concat(
                [df[df["key"] != key], part.rename_axis("month_start").reset_index()], ignore_index=True
            )
    return df[["key", "label", "month_start", "value", "preliminary"]].reset_index(drop=True)


def actions_started(
    con, municipality_code: str | None, first: dt.date, last: dt.date, area_ids: tuple[int, ...] = ()
) -> pd.DataFrame:
    """Actions that started between first and last (not cancelled): id, title, kind, area, start_date."""
    areas = list(area_ids) if area_ids else None
    df = con.execute(
        "select ac.id, ac.title, ac.kind, a.name as area, ac.start_date, ac.target_categories"
        " from action ac"
        " left join area a on a.id = ac.area_id"
        " where ac.start_date between ? and ?"
        "   and ac.status <> 'avbruten'"
        "   and (? is null or a.municipality_code = ? or ac.area_id is null)"
        "   and (? is null or list_contains(?, ac.area_id))"
        " order by ac.start_date, ac.id",
        [first, last, municipality_code, municipality_code, areas, areas],
    ).df()
    df["start_date"] = pd.to_datetime(df["start_date"]).dt.date
    return df


def window_36(year: int, month: int, months: int = 36) -> tuple[dt.date, dt.date]:
    """First and last day of the months-long window ending with the chosen month."""
    last = _month_start(year, month)
    end = _add_months(last, 1) - dt.timedelta(days=1)
    return _add_months(last, -(months - 1)), end
