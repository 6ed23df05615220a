"""Placebo calibration of the action evaluation: how often does it claim an effect where nothing was done?

Fake actions are put on areas and start dates where no action in the register was at work (nor in
an area within the displacement buffer of one), on a copy of the database, and each is evaluated
with the product's own `evaluation.evaluate`. A test at the nominal 5 % level should then claim an
effect in about 5 % of them; much more means its p-values are too small for this kind of data
(overdispersion, season, too few units), and the verdicts built on it would mislead.

Each placebo counts every event in its area (all categories), so that most placebos have enough
events to be judged and the tests are tried where they have power; its survey factors are those of
a real action in the register, drawn at random (all factors when the register is empty).
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from shapely import wkt
from shapely.ops import transform

from est_data.analysis import evaluation

NOMINAL = 0.05
MAX_RATE = 0.07  # the product's promise: no test or verdict claims an effect in more than 7 % of placebos
DEFAULT_ACTIONS = 300
SEED = 14

# (key, what claims): the effect claims the evaluation can make, each checked against MAX_RATE.
EFFECT_CLAIMS = ("verdict", "exact", "wdd", "wdd_buffer", "buffer", "survey")
# Tests that describe a change but claim no effect of the action (no control): printed, not checked.
CHANGE_ONLY = ("etest",)


@dataclass
class Placebo:
    area_id: int
    start: dt.date
    categories: list[str]
    factors: list[str]


@dataclass
class Calibration:
    placebos: int
    weeks: int
    rows: pd.DataFrame  # one per placebo: area_id, start, verdict, the p-values and the claims
    table: pd.DataFrame  # key, placebos, judged, claims, rate, rate_judged, checked
    verdicts: pd.DataFrame  # verdict, count, share
    caveats: pd.DataFrame  # caveat, count, share (of all placebos)

    @property
    def passed(self) -> bool:
        checked = self.table[self.table["checked"] & (self.table["placebos"] > 0)]
        return bool((checked["rate"] <= MAX_RATE).all())


def _metric(geom_wkt: str):
    return transform(evaluation._TO_METRIC.transform, wkt.loads(geom_wkt))


def _data_range(con, municipality_code: str) -> tuple[dt.date, dt.date] | None:
    row = con.execute(
        "select min(cast(occurred_at as date)), max(cast(occurred_at as date))"
        " from incident"
        " where not is_summary"
        "   and municipality_code = ?",
        [municipality_code],
    ).fetchone()
    if not row or row[0] is None:
        return None
    return row[0], row[1]


def _main_municipality(con) -> str | None:
    row = con.execute(
        "select municipality_code, count(*) as n"
        " from incident"
        " where not is_summary"
        "   and municipality_code is not null"
        " group by municipality_code"
        " order by n desc, municipality_code"
        " limit 1"
    ).fetchone()
    return row[0] if row else None


def placebo_sites(
    con, n: int, weeks: int = evaluation.DEFAULT_WEEKS, seed: int = SEED, municipality_code: str | None = None
) -> list[Placebo]:
    """Up to n (area, Monday) pairs where nothing was done: the before and after windows inside the data and
    clear of every registered action in that area or an area within the buffer distance of it."""
    code = municipality_code or _main_municipality(con)
    if code is None:
        return []
    span = _data_range(con, code)
    if span is None:
        return []
    first, last = span
    areas = con.execute(
        "select id, geometry_wkt from area where municipality_code = ? and active and geometry_wkt is not null"
        " order by id",
        [code],
    ).fetchall()
    if not areas:
        return []
    shapes = {int(a): _metric(g) for a, g in areas}
    actions = con.execute(
        "select coalesce(ac.area_id, p.area_id) as area_id, ac.kind, ac.start_date, ac.end_date,"
        "       ac.target_categories, ac.target_factors"
        " from action ac"
        " left join place p on p.id = ac.place_id"
        " where ac.start_date is not null",
    ).fetchall()
    busy: dict[int, list[tuple[dt.date, dt.date]]] = {a: [] for a in shapes}
    profiles: list[tuple[list[str], list[str]]] = []
    for area_id, kind, start, end, categories, factors in actions:
        profiles.append((list(categories or []), list(factors or [])))
        if area_id is None or int(area_id) not in shapes:
            continue
        until = (
            last + dt.timedelta(days=1)
            if (end is None or kind in evaluation.LASTING_KINDS)
            else end + dt.timedelta(days=1)
        )
        near = shapes[int(area_id)].buffer(evaluation.DEFAULT_BUFFER_M)
        for other, geom in shapes.items():
            if other == int(area_id) or near.intersects(geom):
                busy[other].append((start, until))
    if not profiles:
        factors = (
            [r[0] for r in con.execute("select code from factor order by code").fetchall()]
            if _has_table(con, "factor")
            else []
        )
        profiles = [([], factors)]
    first_monday = first + dt.timedelta(days=(7 - first.weekday()) % 7) + dt.timedelta(weeks=weeks)
    last_start = last + dt.timedelta(days=1) - dt.timedelta(weeks=weeks)
    candidates: list[tuple[int, dt.date]] = []
    monday = first_monday
    while monday <= last_start:
        lo, hi = monday - dt.timedelta(weeks=weeks), monday + dt.timedelta(weeks=weeks)
        for area_id in shapes:
            if not any(s < hi and lo < u for s, u in busy[area_id]):
                candidates.append((area_id, monday))
        monday += dt.timedelta(weeks=1)
    if not candidates:
        return []
    rng = np.random.default_rng(seed)
    picks = rng.choice(len(candidates), size=min(n, len(candidates)), replace=False)
    out = []
    for i in sorted(picks):
        area_id, start = candidates[int(i)]
        _, factors = profiles[int(rng.integers(len(profiles)))]
        out.append(Placebo(area_id, start, [], factors))
    return out


def _has_table(con, name: str) -> bool:
    return bool(
        con.execute("select count(*) from information_schema.tables where table_name = ?", [name]).fetchone()[
            0
        ]
    )


def _claims(ev: evaluation.Evaluation) -> dict[str, object]:
    """The p-values and the effect claims of one evaluated placebo."""
    test, buffer, survey = ev.change_test, ev.buffer_test, ev.survey
    judged = ev.verdict not in ("too_few", "not_started")
    out: dict[str, object] = {
        "verdict": ev.verdict,
        "before": ev.counts["target"][0],
        "after": ev.counts["target"][1],
        "p_exact": test.p_value if test else None,
        "p_wdd": ev.wdd_local.p_value if ev.wdd_local else None,
        "p_wdd_buffer": ev.wdd_buffer.p_value if ev.wdd_buffer else None,
        "p_buffer": buffer.p_value if buffer else None,
        "p_etest": ev.etest.p_value if ev.etest else None,
        "p_survey": survey.p_value if survey else None,
        "caveats": ";".join(ev.caveats),
    }
    # Rates are over the placebos where the test makes a judgement at all: the counts' tests where the target
    # has MIN_EVENTS events (below that the product says "too few" and claims nothing), the buffer's where it
    # has MIN_EVENTS, the survey's where it has a p-value.
    out["claim_verdict"] = ev.verdict in ("worked", "displacement", "increase") if judged else None
    out["claim_exact"] = bool(test.p_value < NOMINAL) if judged and test else None
    out["claim_wdd"] = bool(ev.wdd_local.p_value < NOMINAL) if judged and ev.wdd_local else None
    out["claim_wdd_buffer"] = bool(ev.wdd_buffer.p_value < NOMINAL) if judged and ev.wdd_buffer else None
    out["claim_buffer"] = (
        bool(buffer.p_value < NOMINAL) if buffer and buffer.events >= evaluation.MIN_EVENTS else None
    )
    out["claim_etest"] = bool(ev.etest.p_value < NOMINAL) if judged and ev.etest else None
    out["claim_survey"] = bool(survey.p_value < NOMINAL) if survey and survey.p_value is not None else None
    return out


def run(
    con,
    db_file: str | Path,
    n: int = DEFAULT_ACTIONS,
    weeks: int = evaluation.DEFAULT_WEEKS,
    seed: int = SEED,
) -> Calibration:
    """Evaluate n placebo actions on a copy of the database file db_file (con is a connection to it)."""
    sites = placebo_sites(con, n, weeks, seed)
    with tempfile.TemporaryDirectory(prefix="est-calibrate-") as tmp:
        work = _copy(con, db_file, Path(tmp) / "placebo.duckdb")
        try:
            rows = (
                _evaluate_all(work, sites, weeks, _data_range(con, _main_municipality(con) or ""))
                if sites
                else []
            )
        finally:
            work.close()
    frame = pd.DataFrame(rows)
    return Calibration(
        placebos=len(sites),
        weeks=weeks,
        rows=frame,
        table=_table(frame),
        verdicts=_verdicts(frame),
        caveats=_caveats(frame),
    )


def _copy(con, db_file: str | Path, target: Path):
    """A private copy of the database file to put the placebo actions in (the real one is never written)."""
    import duckdb

    con.execute("checkpoint")
    shutil.copy(db_file, target)
    work = duckdb.connect(str(target))
    work.execute("set timezone = 'Europe/Stockholm'")
    return work


def _evaluate_all(work, sites: list[Placebo], weeks: int, span: tuple[dt.date, dt.date] | None) -> list[dict]:
    """Each placebo alone in the register (inserted, evaluated, deleted): placebos must not see each other as
    other actions at work."""
    action_id = int(work.execute("select coalesce(max(id), 0) from action").fetchone()[0]) + 1
    settings = evaluation.Settings(weeks=weeks, data_end=span[1] if span else None)
    rows = []
    for i, site in enumerate(sites, start=1):
        work.execute(
            "insert into action (id, title, kind, area_id, start_date, status, target_categories, target_factors)"
            " values (?, ?, 'annat', ?, ?, 'avslutad', ?, ?)",
            [action_id, f"Placebo {i}", site.area_id, site.start, site.categories, site.factors],
        )
        try:
            ev = evaluation.evaluate(work, action_id, settings)
        finally:
            work.execute("delete from action where id = ?", [action_id])
        if ev is None or ev.windows is None:
            continue
        rows.append({"area_id": site.area_id, "start": site.start, **_claims(ev)})
    return rows


def _table(frame: pd.DataFrame) -> pd.DataFrame:
    """Per test: the placebos, those it judged, its claims; the claim rate among all placebos (what the product
    says where nothing was done: "too few events" is no claim) and among those it judged."""
    records = []
    total = int(len(frame))
    for key in EFFECT_CLAIMS + CHANGE_ONLY:
        column = f"claim_{key}"
        values = frame[column].dropna() if column in frame else pd.Series(dtype=bool)
        judged = int(len(values))
        claims = int(values.astype(bool).sum())
        records.append(
            {
                "key": key,
                "placebos": total,
                "judged": judged,
                "claims": claims,
                "rate": claims / total if total else math.nan,
                "rate_judged": claims / judged if judged else math.nan,
                "checked": key in EFFECT_CLAIMS,
            }
        )
    return pd.DataFrame(
        records, columns=["key", "placebos", "judged", "claims", "rate", "rate_judged", "checked"]
    )


def _verdicts(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=["verdict", "count", "share"])
    counts = frame["verdict"].value_counts()
    out = pd.DataFrame({"verdict": [v for v in evaluation.VERDICTS if v in counts.index]})
    out["count"] = [int(counts[v]) for v in out["verdict"]]
    out["share"] = out["count"] / len(frame)
    return out


def _caveats(frame: pd.DataFrame) -> pd.DataFrame:
    """How often each caveat was given to a placebo (diffusion and a rise in the buffer are claims too)."""
    if frame.empty:
        return pd.DataFrame(columns=["caveat", "count", "share"])
    given = frame["caveats"].fillna("").str.split(";")
    counts = {c: int(given.map(lambda keys, c=c: c in keys).sum()) for c in evaluation.CAVEATS}
    out = pd.DataFrame({"caveat": list(counts), "count": list(counts.values())})
    out["share"] = out["count"] / len(frame)
    return out
