"""The EST quarterly analysis (issue 18 item 4): areas by need and by possibility to influence.

One computation for the quarterly page (Kvartalsanalys) and the quarterly report's section:
`report.period.need_and_influence` gathers the quarter's figures per area and calls `score` here.

- Need, 0–100: the mean of two percentile ranks among the areas, the survey's mean level and the
  events (police events plus fault reports) per 1 000 inhabitants. Rates and counts are never mixed
  in one ranking: when any area lacks its population, the events rank on their count for every area
  (`need_basis` says which), and the rate stays empty where the population is unknown.
- Trend of the survey level: the quarter's mean level against the quarter before, judged against
  how much the area's level usually moves between two such windows (`level_change`).
- Possibility to influence, 0–100: the group's own judgement (låg/medel/hög, est_data.priorities)
  where there is one, else the computed proxy: the mean percentile rank of actions under way, partners
  in them and the reporters' organisations covering the area. `influence_source` says which.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from est_data.analysis import compstat

ACT, PARTNERS, KEEP, WATCH = "act", "partners", "keep", "watch"  # the four quadrants
LEVEL_ALPHA = 0.05
MIN_PLACEBOS = 19  # earlier pairs of windows needed before a level change can reach 5 % (1/(1+19))
TOO_FEW, RISE, FALL, NO_CHANGE = "too_few", "rise", "fall", "none"


def quadrant(need: float, influence: float) -> str:
    """The two-by-two picture: need above 50 is high (areas that cannot be told apart, all at 50, are
    not all called high need); influence from 50 (the group's "medel") counts as possible."""
    if need > 50:
        return ACT if influence >= 50 else PARTNERS
    return KEEP if influence >= 50 else WATCH


def percentile_rank(series: pd.Series) -> pd.Series:
    """0 for the lowest area, 100 for the highest (ties share their mean rank); 50 when all are equal."""
    values = series.astype("float64").fillna(0.0)
    if values.nunique() <= 1:
        return pd.Series(50.0, index=series.index)
    return (values.rank(pct=True, method="average") - 1 / len(values)) / (1 - 1 / len(values)) * 100


def _weeks_of(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The Mondays of the first and the last ISO week whose Thursday falls in [start, end]."""
    first = start + dt.timedelta(days=(3 - start.weekday()) % 7)
    last = end - dt.timedelta(days=(end.weekday() - 3) % 7)
    return first - dt.timedelta(days=3), last - dt.timedelta(days=3)


def level_change(
    con, code: str, before: tuple[dt.date, dt.date], after: tuple[dt.date, dt.date]
) -> pd.DataFrame:
    """Per area: the survey's mean level (all ratings of active factors) in the before and the after
    window, their difference, and whether it is a change beyond the area's usual movement.

    The difference is compared with the area's own differences over every earlier pair of windows of
    the same lengths, one a week, that ends before the after window starts: p = (1 + #{|d_earlier| ≥
    |d|}) / (1 + #earlier), the in-time placebo test the action evaluation uses for survey levels
    (analysis.evaluation.survey_change: ratings within an area and week are not independent, so no
    test that treats them as units). With fewer than MIN_PLACEBOS earlier pairs it cannot reach 5 %:
    the verdict is then TOO_FEW ("för lite underlag").
    Columns: area_id, level_before, level_after, level_delta, level_p, level_placebos, level_verdict.
    """
    columns = [
        "area_id",
        "level_before",
        "level_after",
        "level_delta",
        "level_p",
        "level_placebos",
        "level_verdict",
    ]
    b_first, b_last = _weeks_of(*before)
    a_first, a_last = _weeks_of(*after)
    weekly = con.execute(
        "select r.area_id,"
        "       cast(strptime(r.iso_year || '-' || r.iso_week || '-1', '%G-%V-%u') as date) as monday,"
        "       sum(s.level) as total, count(*) as n"
        " from survey_response r"
        " join survey_rating s on s.response_id = r.id"
        " join factor f on f.code = s.factor_code and f.active"
        " join area a on a.id = r.area_id"
        " where a.municipality_code = ?"
        "   and s.level is not null"
        "   and r.iso_year * 100 + r.iso_week <= ?"
        " group by all",
        [code, int(a_last.isocalendar()[0]) * 100 + int(a_last.isocalendar()[1])],
    ).df()
    if weekly.empty:
        return pd.DataFrame(columns=columns)
    weekly["monday"] = pd.to_datetime(weekly["monday"]).dt.date
    origin = min(weekly["monday"].min(), b_first)
    n_weeks = (a_last - origin).days // 7 + 1

    def index(day: dt.date) -> int:
        return (day - origin).days // 7

    b0, b1, a0, a1 = index(b_first), index(b_last) + 1, index(a_first), index(a_last) + 1
    span_b, gap, span_a = b1 - b0, a0 - b1, a1 - a0
    rows = []
    for area_id, part in weekly.groupby("area_id"):
        idx = np.array([index(d) for d in part["monday"]])
        total = np.bincount(idx, weights=part["total"].to_numpy(float), minlength=n_weeks)[:n_weeks]
        count = np.bincount(idx, weights=part["n"].to_numpy(float), minlength=n_weeks)[:n_weeks]
        cum_t, cum_n = np.concatenate([[0.0], np.cumsum(total)]), np.concatenate([[0.0], np.cumsum(count)])

        def mean(lo: np.ndarray, hi: np.ndarray, cum_t=cum_t, cum_n=cum_n) -> np.ndarray:
            n = cum_n[hi] - cum_n[lo]
            with np.errstate(invalid="ignore", divide="ignore"):
                return np.where(n > 0, (cum_t[hi] - cum_t[lo]) / np.where(n > 0, n, 1), np.nan)

        lb = float(mean(np.array([b0]), np.array([b1]))[0])
        la = float(mean(np.array([a0]), np.array([a1]))[0])
        delta = la - lb if not (np.isnan(lb) or np.isnan(la)) else np.nan
        p, placebos, verdict = np.nan, 0, TOO_FEW
        if not np.isnan(delta):
            starts = np.arange(0, max(a0 - (span_b + gap + span_a) + 1, 0))
            if len(starts):
                earlier = mean(starts + span_b + gap, starts + span_b + gap + span_a) - mean(
                    starts, starts + span_b
                )
                earlier = earlier[~np.isnan(earlier)]
                placebos = int(len(earlier))
                if placebos:
                    p = (1 + int((np.abs(earlier) >= abs(delta) - 1e-12).sum())) / (1 + placebos)
            if placebos >= MIN_PLACEBOS:
                verdict = (RISE if delta > 0 else FALL) if p < LEVEL_ALPHA else NO_CHANGE
        rows.append(
            (
                int(area_id),
                None if np.isnan(lb) else lb,
                None if np.isnan(la) else la,
                None if np.isnan(delta) else delta,
                None if np.isnan(p) else p,
                placebos,
                verdict,
            )
        )
    return pd.DataFrame(rows, columns=columns)


def events_verdict(before: int, before_days: int, after: int, after_days: int) -> str:
    """Events after against before (exposures in days), judged with the Poisson E-test (compstat.judge):
    RISE, FALL, NO_CHANGE, or TOO_FEW when the two counts together are too small to judge."""
    if before_days <= 0 or after_days <= 0:
        return TOO_FEW
    j = compstat.judge(after, after_days, before, before_days)
    if j.too_few:
        return TOO_FEW
    return {compstat.RISE: RISE, compstat.FALL: FALL}.get(j.verdict, NO_CHANGE)


def score(
    figures: pd.DataFrame,
    actions: pd.DataFrame,
    organisations: pd.DataFrame,
    judgements: pd.DataFrame,
    levels: pd.DataFrame,
) -> pd.DataFrame:
    """Need and possibility to influence per area (see the module docstring), highest need first.

    figures: period.area_figures (area_id, area, population, police, faults, mean_level, …);
    actions: period.actions_in_period (area_id, partners); organisations: area_id, organisations;
    judgements: priorities.judgements; levels: level_change.
    """
    figures = figures.copy()
    events = (figures["police"] + figures["faults"]).astype("int64")
    population = figures["population"].astype("Float64")
    known = population.notna() & (population > 0)
    figures["events"] = events
    figures["per_1000"] = (events / population.where(known) * 1000).astype("float64")
    basis = "per_1000" if bool(known.all()) else "events"
    counts: dict[int, int] = {}
    partners: dict[int, set[str]] = {}
    for row in actions.itertuples():
        if pd.isna(row.area_id):
            continue
        area_id = int(row.area_id)
        counts[area_id] = counts.get(area_id, 0) + 1
        names = {p.strip() for p in str(row.partners or "").replace(",", ";").split(";") if p.strip()}
        partners.setdefault(area_id, set()).update(names)
    figures["actions"] = figures["area_id"].map(lambda a: counts.get(int(a), 0)).astype("int64")
    figures["partners"] = figures["area_id"].map(lambda a: len(partners.get(int(a), set()))).astype("int64")
    figures = figures.merge(
        organisations[["area_id", "reporters", "organisations"]], on="area_id", how="left"
    )
    figures[["reporters", "organisations"]] = figures[["reporters", "organisations"]].fillna(0).astype(int)
    figures = figures.merge(levels, on="area_id", how="left")
    figures["level_verdict"] = figures["level_verdict"].fillna(TOO_FEW)
    figures["level_placebos"] = figures["level_placebos"].fillna(0).astype(int)
    figures["need"] = (
        (percentile_rank(figures["mean_level"]) + percentile_rank(figures[basis].fillna(0.0))) / 2
    ).round(0)
    figures["need_basis"] = basis
    figures["influence_computed"] = (
        (
            percentile_rank(figures["actions"])
            + percentile_rank(figures["partners"])
            + percentile_rank(figures["organisations"])
        )
        / 3
    ).round(0)
    judged = judgements.rename(
        columns={
            "level": "judgement",
            "reason": "judgement_reason",
            "decided_by": "judged_by",
            "decided_at": "judged_at",
            "year": "judged_year",
            "quarter": "judged_quarter",
            "score": "judgement_score",
        }
    )
    figures = figures.merge(judged, on="area_id", how="left")
    by_group = figures["judgement_score"].notna()
    figures["influence"] = figures["judgement_score"].where(by_group, figures["influence_computed"])
    figures["influence_source"] = np.where(by_group, "judgement", "computed")
    figures["quadrant"] = [quadrant(n, i) for n, i in zip(figures["need"], figures["influence"], strict=True)]
    return figures.sort_values(["need", "events", "area"], ascending=[False, False, True]).reset_index(
        drop=True
    )
