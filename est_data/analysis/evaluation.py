"""Before/after evaluation of an action: did it work, or did the problem move?

The tests are the ones crime analysts use for place-based interventions:

- the verdict's test: did the target change differently from the control? Fisher's exact test on
  the 2×2 table of counts (target, control × before, after), stratified by event category (the
  exact conditional test of a common odds ratio, `poisson.compare_change_stratified`). It needs no
  scaling of the control and handles zero counts itself (a target going 0→25 while the rest fell is
  an increase; a buffer going 0→2 is nothing), and each category is compared with the same category;
- the Weighted Displacement Difference (Wheeler & Ratcliffe 2018, Crime Science 7:17):
  WDD = ΔT − ΔC (+ ΔD − ΔCd with a displacement buffer D and its control Cd), each Δ = after − before.
  `wdd` is the paper's test (variance the sum of the counts; a control shared by target and buffer
  counts four times). The evaluation reports `wdd_by_category`: per category, the control scaled to
  the target's (the buffer's) before-level, with the delta-method variance of that scaled difference;
- the Poisson E-test of the target's own change (`poisson.compare_rates`): a change, not
  an effect (no control);
- the Weighted Displacement Quotient (Bowers & Johnson 2003), shown beside the buffer's exact test
  that decides displacement or diffusion of benefit;
- a difference in differences of the survey's mean levels of the targeted factors, with a
  placebo-in-time p-value (`survey_change`);
- an interrupted time series of weekly counts with the before-trend carried forward.

Every caveat comes from its own test (see `judge`), and `python -m est_data calibrate`
(calibration.py) shows how often each test claims an effect on placebo actions.
Areas are worked on in EPSG:3006 (metres).
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from scipy import stats
from shapely import wkt
from shapely.ops import transform

from est_data import i18n
from est_data.analysis import poisson

_TO_METRIC = Transformer.from_crs(4326, 3006, always_xy=True)
_TO_WGS84 = Transformer.from_crs(3006, 4326, always_xy=True)

DEFAULT_WEEKS = 12
DEFAULT_BUFFER_M = 300.0
DEFAULT_RADIUS_M = 250.0
MIN_EVENTS = 20  # fewer target events than this before and after together: too few to say
ALPHA = 0.05
TREND_WEEKS_MIN = 26
LONG_RUN_WEEKS = 52
MAX_MAP_POINTS = 1500
# Kinds whose effect is meant to last after the work ends: their window is not cut to the duration.
LASTING_KINDS = ("kamera", "belysning", "fysisk åtgärd")
VERDICTS = ("worked", "displacement", "no_effect", "increase", "too_few", "not_started")
CAVEATS = ("too_few", "pre_trend", "rtm", "short_after", "run_in", "diffusion", "buffer_rise", "seasonal")


# ------------------------------------------------------------------------------------------------ tests


@dataclass(frozen=True)
class WddResult:
    """The Weighted Displacement Difference: negative means fewer events in the target than expected."""

    wdd: float
    se: float
    z: float
    p_value: float  # two-sided
    local: float  # the target's part: ΔT − ΔC
    local_se: float
    displacement: float  # the buffer's part: ΔD − ΔCd (0 without a buffer)
    displacement_se: float

    @property
    def displacement_z(self) -> float:
        return self.displacement / self.displacement_se if self.displacement_se > 0 else 0.0

    @property
    def local_z(self) -> float:
        return self.local / self.local_se if self.local_se > 0 else 0.0


def _coefficients(time_w: tuple[float, float], area_w: float) -> tuple[float, float]:
    """The weights of an area's (before, after) counts in its Δ = after/wa − before/wb. An infinite area
    weight (a control scaled to a target with no events) gives the area no weight at all."""
    if math.isinf(area_w):
        return 0.0, 0.0
    return -1.0 / (time_w[0] * area_w), 1.0 / (time_w[1] * area_w)


def _linear(terms: list[tuple[tuple[float, float], tuple[float, float]]]) -> tuple[float, float]:
    """(value, Poisson variance) of Σ coefficient × count over independent (pair, coefficients) terms."""
    value = sum(c[0] * float(p[0]) + c[1] * float(p[1]) for p, c in terms)
    variance = sum(c[0] ** 2 * float(p[0]) + c[1] ** 2 * float(p[1]) for p, c in terms)
    return value, variance


def _z_p(estimate: float, variance: float) -> tuple[float, float, float]:
    se = math.sqrt(variance)
    if se == 0:
        return 0.0, 0.0, 1.0
    z = estimate / se
    return se, z, float(2 * stats.norm.sf(abs(z)))


def wdd(
    target: tuple[float, float],
    control: tuple[float, float],
    buffer: tuple[float, float] | None = None,
    buffer_control: tuple[float, float] | None = None,
    weights: tuple[float, float] = (1.0, 1.0),
    area_weights: tuple[float, float, float, float] = (1.0, 1.0, 1.0, 1.0),
) -> WddResult:
    """The Weighted Displacement Difference test of Wheeler & Ratcliffe (2018).

    Each area is a (before, after) pair of counts. `weights` are the lengths of the before and after
    windows (counts are compared per unit of time when they differ); `area_weights` divide the
    counts of (target, control, buffer, buffer control), e.g. to scale a large control down to the
    target's level (math.inf: the area gets no weight). Var(WDD) is the Poisson variance of the linear
    combination: each count times its squared coefficient. Without buffer_control the buffer is compared
    with the target's control, so the same control counts enter WDD twice: ΔT − ΔC + ΔD − ΔC, and with
    equal weights the control's counts enter the variance four times, not twice (Var(2X) = 4 Var(X)).
    """

    def minus(coef: tuple[float, float]) -> tuple[float, float]:
        return -coef[0], -coef[1]

    t_coef = _coefficients(weights, area_weights[0])
    c_coef = minus(_coefficients(weights, area_weights[1]))
    local, local_var = _linear([(target, t_coef), (control, c_coef)])
    disp, disp_var = 0.0, 0.0
    terms = [(target, t_coef), (control, c_coef)]
    if buffer is not None:
        d_coef = _coefficients(weights, area_weights[2])
        cd_coef = minus(_coefficients(weights, area_weights[3]))
        if buffer_control is None:  # the shared control: one count, its two coefficients added
            disp, disp_var = _linear([(buffer, d_coef), (control, cd_coef)])
            shared = (c_coef[0] + cd_coef[0], c_coef[1] + cd_coef[1])
            terms = [(target, t_coef), (control, shared), (buffer, d_coef)]
        else:
            disp, disp_var = _linear([(buffer, d_coef), (buffer_control, cd_coef)])
            terms = terms + [(buffer, d_coef), (buffer_control, cd_coef)]
    total, total_var = _linear(terms)
    se, z, p = _z_p(total, total_var)
    return WddResult(
        wdd=total,
        se=se,
        z=z,
        p_value=p,
        local=local,
        local_se=math.sqrt(local_var),
        displacement=disp,
        displacement_se=math.sqrt(disp_var),
    )


def _scaled_part(
    area: tuple[int, int], control: tuple[int, int], weights: tuple[float, float]
) -> tuple[float, dict[str, tuple[float, float]]]:
    """ΔA − (A0/C0)·ΔC per week, i.e. (A1 − A0·C1/C0) / wa, and its gradient with respect to the four counts.
    A control with no events before cannot scale anything: the part is then ΔA alone."""
    (a0, a1), (c0, c1) = (float(area[0]), float(area[1])), (float(control[0]), float(control[1]))
    wb, wa = weights
    if c0 <= 0:
        return a1 / wa - a0 / wb, {"area": (-1 / wb, 1 / wa), "control": (0.0, 0.0)}
    value = (a1 - a0 * c1 / c0) / wa
    return value, {"area": (-c1 / (c0 * wa), 1 / wa), "control": (a0 * c1 / (c0 * c0 * wa), -a0 / (c0 * wa))}


def wdd_scaled(
    target: tuple[int, int],
    control: tuple[int, int],
    buffer: tuple[int, int] | None = None,
    buffer_control: tuple[int, int] | None = None,
    weights: tuple[float, float] = (1.0, 1.0),
) -> WddResult:
    """The WDD as the evaluation uses it: the control scaled to the target's before-level (and the buffer's
    control to the buffer's), per week. The scale is itself estimated from the target's before-count, so
    that count enters twice; the variance is the delta method's, Σ (∂WDD/∂n)² · n over the Poisson
    counts n, with a shared control (buffer_control None) getting both its gradients added. With a
    control that rose by r the target's before-count weighs r² (the sum-of-counts formula of `wdd`
    treats the scale as known and understates the variance after a seasonal rise)."""
    local, g_local = _scaled_part(target, control, weights)
    grads: list[tuple[tuple[int, int], tuple[float, float]]] = [(target, g_local["area"])]
    control_grad = list(g_local["control"])
    local_var = sum(g * g * n for g, n in zip(g_local["area"], target, strict=True)) + sum(
        g * g * n for g, n in zip(g_local["control"], control, strict=True)
    )
    disp, disp_var = 0.0, 0.0
    if buffer is not None:
        cd = control if buffer_control is None else buffer_control
        disp, g_disp = _scaled_part(buffer, cd, weights)
        disp_var = sum(g * g * n for g, n in zip(g_disp["area"], buffer, strict=True)) + sum(
            g * g * n for g, n in zip(g_disp["control"], cd, strict=True)
        )
        grads.append((buffer, g_disp["area"]))
        if buffer_control is None:
            control_grad = [control_grad[0] + g_disp["control"][0], control_grad[1] + g_disp["control"][1]]
        else:
            grads.append((buffer_control, g_disp["control"]))
    grads.append((control, (control_grad[0], control_grad[1])))
    total_var = sum(g * g * float(n) for pair, grad in grads for g, n in zip(grad, pair, strict=True))
    total = local + disp
    se, z, p = _z_p(total, total_var)
    return WddResult(
        wdd=total,
        se=se,
        z=z,
        p_value=p,
        local=local,
        local_se=math.sqrt(local_var),
        displacement=disp,
        displacement_se=math.sqrt(disp_var),
    )


def wdd_by_category(
    strata: list[tuple[tuple[int, int], ...]], weights: tuple[float, float] = (1.0, 1.0), shared: bool = True
) -> WddResult:
    """`wdd_scaled` summed over event categories, each category's control scaled to the target's (and the
    buffer's) before-level in that category: Σ_k WDD_k, Var = Σ_k Var(WDD_k) (independent Poisson counts).
    Why per category: a control with another mix of seasonal categories would otherwise put the season into
    the WDD. Each stratum is (target, control) or (target, control, buffer, buffer control); shared: the
    buffer is compared with the target's control."""
    total = local = disp = 0.0
    total_var = local_var = disp_var = 0.0
    for stratum in strata:
        if len(stratum) > 2:
            r = wdd_scaled(stratum[0], stratum[1], stratum[2], None if shared else stratum[3], weights)
        else:
            r = wdd_scaled(stratum[0], stratum[1], weights=weights)
        total, total_var = total + r.wdd, total_var + r.se**2
        local, local_var = local + r.local, local_var + r.local_se**2
        disp, disp_var = disp + r.displacement, disp_var + r.displacement_se**2
    se, z, p = _z_p(total, total_var)
    return WddResult(
        wdd=total,
        se=se,
        z=z,
        p_value=p,
        local=local,
        local_se=math.sqrt(local_var),
        displacement=disp,
        displacement_se=math.sqrt(disp_var),
    )


@dataclass(frozen=True)
class ETestResult:
    statistic: float
    p_value: float
    ratio: float | None  # after-rate / before-rate
    method: str = "etest"  # 'etest', or 'score' for large counts


def etest(before: int, after: int, before_weeks: float = 1.0, after_weeks: float = 1.0) -> ETestResult:
    """The Poisson E-test (Krishnamoorthy & Thomson) of the target's own change: `poisson.compare_rates`
    (the score test above poisson.ETEST_MAX_EVENTS events)."""
    if before + after == 0:
        return ETestResult(0.0, 1.0, None)
    ratio = (after / after_weeks) / (before / before_weeks) if before else None
    res = poisson.compare_rates(int(after), after_weeks, int(before), before_weeks)
    return ETestResult(res.statistic, res.p_value, ratio, res.method)


def wdq(
    target: tuple[float, float],
    buffer: tuple[float, float],
    control: tuple[float, float],
    buffer_control: tuple[float, float] | None = None,
) -> float | None:
    """The Weighted Displacement Quotient (Bowers & Johnson 2003).

    (Da/Ca − Db/Cb) / (Ra/Ca − Rb/Cb), R target, D buffer, C control, b before, a after. Only
    meaningful when the target fell relative to its control (the denominator is negative):
    above 0 diffusion of benefit, below 0 displacement, below −1 displacement larger than the gain.
    None when it cannot be computed.
    """
    cd = buffer_control if buffer_control is not None else control
    if min(control) <= 0 or min(cd) <= 0:
        return None
    success = target[1] / control[1] - target[0] / control[0]
    if success >= 0:
        return None
    return (buffer[1] / cd[1] - buffer[0] / cd[0]) / success


# ------------------------------------------------------------------------------------------------ settings


@dataclass(frozen=True)
class Settings:
    """What the user may change; None means the default for the action."""

    weeks: int | None = None
    run_in_weeks: int = 0
    target_mode: str | None = None  # 'area', 'radius' or 'polygon'
    radius_m: float | None = None
    buffer_m: float = DEFAULT_BUFFER_M
    control_area_ids: tuple[int, ...] = ()  # empty: the rest of the municipality
    buffer_control_area_ids: tuple[int, ...] = ()  # empty: the same control as the target
    categories: tuple[str, ...] = ()  # empty: the action's target categories (all when it has none)
    sources: tuple[str, ...] = ()  # incident sources (polisen, felanmalan, a register's name); empty: all
    data_end: dt.date | None = None  # last day with data; default: the last event in the municipality


@dataclass
class Windows:
    before_start: dt.date
    before_end: dt.date  # exclusive
    after_start: dt.date
    after_end: dt.date  # exclusive
    weeks_before: float
    weeks_after: float
    run_in_weeks: int

    def as_dict(self) -> dict:
        return {
            "before": [self.before_start.isoformat(), (self.before_end - dt.timedelta(days=1)).isoformat()],
            "after": [self.after_start.isoformat(), (self.after_end - dt.timedelta(days=1)).isoformat()],
            "weeks_before": self.weeks_before,
            "weeks_after": self.weeks_after,
            "run_in_weeks": self.run_in_weeks,
        }


@dataclass
class SurveyChange:
    target_before: float | None
    target_after: float | None
    control_before: float | None
    control_after: float | None
    did: float | None
    p_value: float | None  # placebo in time (see survey_change); None without earlier windows
    answers: int
    placebos: int = 0  # earlier pairs of windows the DiD was compared with


@dataclass
class Evaluation:
    action_id: int
    title: str
    kind: str
    area: str | None
    categories: list[str]
    factors: list[str]
    start: dt.date | None
    settings: Settings
    target_mode: str
    windows: Windows | None
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # target/control/buffer/buffer_control
    control_scale: float | None = None
    buffer_control_scale: float | None = None
    wdd_local: WddResult | None = None
    wdd_buffer: WddResult | None = None
    etest: ETestResult | None = None
    wdq: float | None = None
    change_test: poisson.ChangeTest | None = (
        None  # the target's change against the control's: the verdict's test
    )
    buffer_test: poisson.ChangeTest | None = None  # the buffer's change against its control
    control_etest: ETestResult | None = None  # the control's own change (season, the whole municipality)
    control_default: bool = True  # the control is the rest of the municipality
    control_excluded: list[int] = field(default_factory=list)  # areas left out of it (other actions at work)
    survey: SurveyChange | None = None
    weekly: pd.DataFrame | None = None  # week, target, control, control_scaled, period, trend
    verdict: str = "not_started"
    caveats: list[str] = field(default_factory=list)
    trend_p: float | None = None
    rtm_ratio: float | None = None
    target_wkt: str | None = None  # EPSG:4326, for the map
    buffer_wkt: str | None = None  # the ring only
    points: pd.DataFrame | None = (
        None  # lat, lon, zone (target/buffer), period (before/after) of mapped events
    )

    @property
    def certainty(self) -> str | None:
        """'1' or '5' (per cent) when the target's change against the control is significant, else None."""
        if self.change_test is None:
            return None
        p = self.change_test.p_value
        return "1" if p < 0.01 else ("5" if p < ALPHA else None)


# ------------------------------------------------------------------------------------------------ data


def load_action(con, action_id: int) -> dict | None:
    row = con.execute(
        "select ac.id, ac.title, ac.kind, ac.area_id, ac.place_id, ac.geometry_wkt, ac.radius_m, ac.start_date,"
        "       ac.end_date, ac.status, ac.target_factors, ac.target_categories, a.name as area,"
        "       a.municipality_code, a.geometry_wkt as area_wkt, p.lat, p.lon, p.area_id as place_area_id,"
        "       pa.municipality_code as place_municipality"
        " from action ac"
        " left join place p on p.id = ac.place_id"
        " left join area a on a.id = coalesce(ac.area_id, p.area_id)"
        " left join area pa on pa.id = p.area_id"
        " where ac.id = ?",
        [action_id],
    ).fetchone()
    if row is None:
        return None
    cols = [
        "id",
        "title",
        "kind",
        "area_id",
        "place_id",
        "geometry_wkt",
        "radius_m",
        "start_date",
        "end_date",
        "status",
        "target_factors",
        "target_categories",
        "area",
        "municipality_code",
        "area_wkt",
        "lat",
        "lon",
        "place_area_id",
        "place_municipality",
    ]
    action = dict(zip(cols, row, strict=True))
    action["municipality_code"] = action["municipality_code"] or action["place_municipality"]
    action["target_factors"] = list(action["target_factors"] or [])
    action["target_categories"] = list(action["target_categories"] or [])
    return action


def _data_end(con, municipality_code: str | None) -> dt.date | None:
    row = con.execute(
        "select max(cast(occurred_at as date))"
        " from incident"
        " where not is_summary"
        "   and (? is null or municipality_code = ?)",
        [municipality_code, municipality_code],
    ).fetchone()
    return row[0] if row and row[0] else None


def default_target_mode(action: dict) -> str:
    if action.get("geometry_wkt"):
        return "polygon"
    if action.get("area_id") and action.get("area_wkt"):
        return "area"
    if action.get("lat") is not None:
        return "radius"
    return "area"  # only the area of its place is known


def default_weeks(action: dict) -> int:
    """12 weeks, or the duration of a temporary action (presence, controls ...) that has ended."""
    start, end = action.get("start_date"), action.get("end_date")
    if start and end and action.get("kind") not in LASTING_KINDS:
        return max(1, min(DEFAULT_WEEKS, math.ceil(((end - start).days + 1) / 7)))
    return DEFAULT_WEEKS


def windows_for(start: dt.date, weeks: int, run_in_weeks: int, data_end: dt.date) -> Windows | None:
    """Equal windows before and after the start (after a run-in), the after window cut at the data's end."""
    before_start = start - dt.timedelta(weeks=weeks)
    after_start = start + dt.timedelta(weeks=run_in_weeks)
    after_end = min(after_start + dt.timedelta(weeks=weeks), data_end + dt.timedelta(days=1))
    if after_end <= after_start:
        return None
    return Windows(
        before_start,
        start,
        after_start,
        after_end,
        float(weeks),
        round((after_end - after_start).days / 7, 2),
        run_in_weeks,
    )


def _metric(geom_wkt: str):
    return transform(_TO_METRIC.transform, wkt.loads(geom_wkt))


def target_geometry(action: dict, mode: str, radius_m: float | None):
    """The target in EPSG:3006, or None when the action has nothing to put on the map for that mode."""
    if mode == "polygon" and action.get("geometry_wkt"):
        return _metric(action["geometry_wkt"])
    if mode == "area" and action.get("area_wkt"):
        return _metric(action["area_wkt"])
    if mode == "radius" and action.get("lat") is not None:
        x, y = _TO_METRIC.transform(action["lon"], action["lat"])
        return shapely.Point(x, y).buffer(
            radius_m or action.get("radius_m") or DEFAULT_RADIUS_M, quad_segs=32
        )
    return None


def _events(
    con,
    municipality_code: str,
    start: dt.date,
    end: dt.date,
    categories: list[str],
    bbox: tuple[float, float, float, float],
    sources: list[str] | None = None,
) -> pd.DataFrame:
    """The events of the period, one row each near the target (inside bbox, EPSG:4326 lon/lat bounds) and
    counted per day, area and category elsewhere (column n), so that only aggregates of the rest reach pandas.

    kind: 'xy' placed by coordinates near the target, 'outside' placed by coordinates elsewhere,
    'area' known only by area. Events known only by municipality or county are left out (their
    coordinates are a centre point)."""
    min_lon, min_lat, max_lon, max_lat = bbox
    events = con.execute(
        "with events as ("
        "  select cast(occurred_at as date) as day, category, area_id, lat, lon,"
        "         case when location_precision in ('municipality', 'county') then 'vague'"
        "              when lat is null or lon is null or location_precision = 'area' then 'area'"
        "              when lon between ? and ? and lat between ? and ? then 'xy'"
        "              else 'outside' end as kind"
        "  from incident"
        "  where not is_summary"
        "    and municipality_code = ?"
        "    and occurred_at >= ?"
        "    and occurred_at < ?"
        "    and (len(?) = 0 or list_contains(?, category))"
        "    and (len(?) = 0 or list_contains(?, source))"
        "), final as ("
        "  select day, kind, area_id, lat, lon, category, 1 as n"
        "  from events"
        "  where kind = 'xy'"
        "  union all"
        "  select day, kind, area_id, null, null, category, count(*)"
        "  from events"
        "  where kind in ('outside', 'area')"
        "  group by day, kind, area_id, category"
        ")"
        " select * from final",
        [
            min_lon,
            max_lon,
            min_lat,
            max_lat,
            municipality_code,
            start,
            end,
            categories,
            categories,
            list(sources or []),
            list(sources or []),
        ],
    ).df()
    events["day"] = pd.to_datetime(events["day"]).astype("datetime64[us]")
    events["n"] = events["n"].astype("int64")
    return events


def _bbox_4326(geom, margin_m: float = 50.0) -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = geom.buffer(margin_m).bounds
    xs, ys = _TO_WGS84.transform([minx, maxx, minx, maxx], [miny, miny, maxy, maxy])
    return min(xs), min(ys), max(xs), max(ys)


def classify(
    events: pd.DataFrame,
    target,
    buffer,
    control_area_ids: tuple[int, ...],
    buffer_control_area_ids: tuple[int, ...],
    target_area_id: int | None = None,
    unknown_area_id: int | None = None,
) -> pd.DataFrame:
    """Add the columns in_target, in_buffer, in_control, in_buffer_control to events.

    Events placed exactly or at a named place are placed by their coordinates. Events known only by
    their area (no coordinates, or precision 'area') count for the target when the target is that area
    (target_area_id), never for the buffer, and for the control when their area is elsewhere; those in
    unknown_area_id (the area around a radius target) cannot be placed and are left out. Events
    known only by municipality or county are left out: their coordinates are just a centre point.
    Rows may carry a kind (see _events) and a count n; without them each row is one event.
    """
    out = events.copy()
    if "n" not in out.columns:
        out["n"] = 1
    if "kind" not in out.columns:
        precision = out["location_precision"].astype(object).fillna("")
        no_xy = out["lat"].isna() | out["lon"].isna()
        out["kind"] = np.where(
            precision.isin(["municipality", "county"]),
            "vague",
            np.where(no_xy | (precision == "area"), "area", "xy"),
        )
    kind = out["kind"].astype(object).to_numpy()
    by_xy, by_area, far = kind == "xy", kind == "area", kind == "outside"
    x, y = _TO_METRIC.transform(
        out["lon"].fillna(0).to_numpy(dtype=float), out["lat"].fillna(0).to_numpy(dtype=float)
    )
    area = out["area_id"]
    in_target_area = (
        (area == target_area_id).fillna(False).to_numpy(dtype=bool)
        if target_area_id is not None
        else np.zeros(len(out), dtype=bool)
    )
    in_target = (by_xy & shapely.contains_xy(target, x, y)) | (by_area & in_target_area)
    in_buffer = (
        by_xy & shapely.contains_xy(buffer, x, y) if buffer is not None else np.zeros(len(out), dtype=bool)
    )
    in_buffer = in_buffer & ~in_target
    elsewhere = by_area & area.notna().to_numpy() & ~in_target_area
    if unknown_area_id is not None:
        # A radius or an own boundary: an event known only as "in the action's area" may be inside or not.
        elsewhere = elsewhere & (area != unknown_area_id).fillna(True).to_numpy(dtype=bool)
    outside = (by_xy & ~in_target & ~in_buffer) | far | elsewhere
    out["in_target"], out["in_buffer"] = in_target, in_buffer
    out["in_control"] = outside & area.isin(control_area_ids).to_numpy() if control_area_ids else outside
    if buffer_control_area_ids:
        out["in_buffer_control"] = outside & area.isin(buffer_control_area_ids).to_numpy()
    else:
        out["in_buffer_control"] = out["in_control"]
    return out


def _ts(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(day)


def _pair(events: pd.DataFrame, column: str, w: Windows) -> tuple[int, int]:
    mask = events[column]
    day = events["day"]
    n = events["n"]
    before = int(n[mask & (day >= _ts(w.before_start)) & (day < _ts(w.before_end))].sum())
    after = int(n[mask & (day >= _ts(w.after_start)) & (day < _ts(w.after_end))].sum())
    return before, after


def _category_pairs(
    events: pd.DataFrame, columns: list[str], w: Windows
) -> list[tuple[tuple[int, int], ...]]:
    """Per event category: the (before, after) pair of each column (target, control, buffer, buffer control)."""
    if events.empty or "category" not in events.columns:
        return [tuple(_pair(events, c, w) for c in columns)]
    day = events["day"].to_numpy()
    before = (day >= np.datetime64(w.before_start)) & (day < np.datetime64(w.before_end))
    after = (day >= np.datetime64(w.after_start)) & (day < np.datetime64(w.after_end))
    _, codes = np.unique(
        events["category"].astype(object).fillna("").astype(str).to_numpy(), return_inverse=True
    )
    k = int(codes.max()) + 1
    n = events["n"].to_numpy(dtype=float)
    sums = []
    for column in columns:
        mask = events[column].to_numpy(dtype=bool)
        sums.append(
            (
                np.bincount(codes[mask & before], weights=n[mask & before], minlength=k),
                np.bincount(codes[mask & after], weights=n[mask & after], minlength=k),
            )
        )
    return [tuple((int(b[i]), int(a[i])) for b, a in sums) for i in range(k)]


SURVEY_MIN_PLACEBOS = 19  # fewer earlier windows than this: the p-value can never go below 5 %


def survey_change(
    con, area_id: int | None, control_area_ids: list[int], factors: list[str], w: Windows
) -> SurveyChange | None:
    """Mean survey level of the factors in the target area and the control areas, before and after, and
    the difference in differences (DiD), with a placebo-in-time p-value.

    Why not a regression p-value: the reporters of one area share the area's season and its own course,
    and there are only 2–12 of them, so cluster-robust OLS (and any test that treats the reporters or the
    ratings as the independent units) calls ordinary non-parallel courses of two areas an effect: on
    placebo actions in the sample it claimed one in about 21 % at the nominal 5 %. Instead the DiD is
    compared with the DiDs of the same two groups over every earlier pair of windows of the same
    lengths that ends before the action started (one a week): p = (1 + #{|DiD_earlier| ≥ |DiD|}) /
    (1 + #earlier), the in-time placebo test of the synthetic-control literature (Abadie, Diamond &
    Hainmueller 2015, Am. J. Political Science 59:495). It is exact when the action's windows are
    exchangeable with the earlier ones, makes no assumption about how ratings within an area or week
    are correlated, and needs history: with fewer than SURVEY_MIN_PLACEBOS earlier windows it cannot
    reach 5 %, and `placebos` says how many there were. `python -m est_data calibrate` shows its
    false-claim rate.
    """
    if area_id is None or not factors or not control_area_ids:
        return None
    weekly = con.execute(
        "with answers as ("
        "  select r.area_id, s.level,"
        "         cast(strptime(r.iso_year || '-' || r.iso_week || '-1', '%G-%V-%u') as date) as monday"
        "  from survey_response r"
        "  join survey_rating s on s.response_id = r.id"
        "  where list_contains(?, s.factor_code)"
        "    and s.level is not null"
        "    and (r.area_id = ? or list_contains(?, r.area_id))"
        ")"
        " select case when area_id = ? then 1 else 0 end as treated, monday,"
        "        sum(level) as total, count(*) as n"
        " from answers"
        " where monday < ?"
        " group by treated, monday",
        [factors, area_id, control_area_ids, area_id, w.after_end],
    ).df()
    if weekly.empty:
        return None
    first = min(
        weekly["monday"].min().date() if hasattr(weekly["monday"].min(), "date") else weekly["monday"].min(),
        w.before_start,
    )
    first = first - dt.timedelta(days=first.weekday())
    n_weeks = (w.after_end - first).days // 7 + 1
    index = ((pd.to_datetime(weekly["monday"]) - pd.Timestamp(first)).dt.days // 7).to_numpy()
    grids = {}
    for treated in (0, 1):
        rows = (weekly["treated"] == treated).to_numpy()
        grids[treated] = (
            np.bincount(index[rows], weights=weekly["total"].to_numpy(dtype=float)[rows], minlength=n_weeks)[
                :n_weeks
            ],
            np.bincount(index[rows], weights=weekly["n"].to_numpy(dtype=float)[rows], minlength=n_weeks)[
                :n_weeks
            ],
        )
    cums = {
        k: (np.concatenate([[0.0], np.cumsum(v[0])]), np.concatenate([[0.0], np.cumsum(v[1])]))
        for k, v in grids.items()
    }

    def mean(treated: int, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        total, count = cums[treated]
        n = count[hi] - count[lo]
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(n > 0, (total[hi] - total[lo]) / np.where(n > 0, n, 1), np.nan)

    def week(day: dt.date) -> int:
        return (day - first).days // 7

    b0, b1, a0 = week(w.before_start), week(w.before_end), week(w.after_start)
    a1 = min(math.ceil((w.after_end - first).days / 7), n_weeks)
    cells = [
        mean(t, np.array([lo]), np.array([hi]))[0]
        for t, lo, hi in ((1, b0, b1), (1, a0, a1), (0, b0, b1), (0, a0, a1))
    ]
    tb, ta, cb, ca = (None if math.isnan(c) else float(c) for c in cells)
    answers = int(sum(grids[t][1][lo:hi].sum() for t in (0, 1) for lo, hi in ((b0, b1), (a0, a1))))
    if answers == 0:
        return None
    did = (ta - tb) - (ca - cb) if None not in (tb, ta, cb, ca) else None
    p_value, placebos = None, 0
    if did is not None:
        # Earlier pairs of windows, same lengths and gap, ending before the action's start.
        span_b, gap, span_a = b1 - b0, a0 - b1, a1 - a0
        starts = np.arange(0, b1 - (span_b + gap + span_a) + 1)
        if len(starts):
            lo_b, hi_b = starts, starts + span_b
            lo_a, hi_a = hi_b + gap, hi_b + gap + span_a
            earlier = (mean(1, lo_a, hi_a) - mean(1, lo_b, hi_b)) - (
                mean(0, lo_a, hi_a) - mean(0, lo_b, hi_b)
            )
            earlier = earlier[~np.isnan(earlier)]
            placebos = int(len(earlier))
            if placebos:
                extreme = int((np.abs(earlier) >= abs(did) - 1e-12).sum())
                p_value = (1 + extreme) / (1 + placebos)
    return SurveyChange(tb, ta, cb, ca, did, p_value, answers, placebos)


def weekly_series(events: pd.DataFrame, start: dt.date, w: Windows, pre_weeks: int) -> pd.DataFrame:
    """Weekly counts in target and control from pre_weeks before the start to the end of the after window,
    with the linear before-trend of the target carried forward."""
    first = start - dt.timedelta(weeks=pre_weeks)
    n_weeks = math.ceil((w.after_end - first).days / 7)
    weeks = [first + dt.timedelta(weeks=i) for i in range(n_weeks)]
    frame = events[(events["day"] >= _ts(first)) & (events["day"] < _ts(w.after_end))]
    index = ((pd.to_datetime(frame["day"]) - pd.Timestamp(first)).dt.days // 7).to_numpy()
    weights = frame["n"].to_numpy(dtype=float)
    in_t, in_c = frame["in_target"].to_numpy(dtype=bool), frame["in_control"].to_numpy(dtype=bool)
    target = np.bincount(index[in_t], weights=weights[in_t], minlength=n_weeks)[:n_weeks].astype(int)
    control = np.bincount(index[in_c], weights=weights[in_c], minlength=n_weeks)[:n_weeks].astype(int)
    out = pd.DataFrame({"week": weeks, "target": target, "control": control})
    out["period"] = np.where(
        out["week"] < start, "before", np.where(out["week"] < w.after_start, "run_in", "after")
    )
    pre = out[out["period"] == "before"]
    scale = pre["target"].sum() / pre["control"].sum() if pre["control"].sum() else 0.0
    out["control_scaled"] = out["control"] * scale
    out["trend"] = np.nan
    if len(pre) >= 4:
        import statsmodels.api as sm

        t = np.arange(len(out), dtype=float)
        fit = sm.OLS(pre["target"].to_numpy(dtype=float), sm.add_constant(t[: len(pre)])).fit()
        out["trend"] = np.clip(fit.params[0] + fit.params[1] * t, 0, None)
    return out


def relative_trend_p(weekly: pd.DataFrame) -> tuple[float, float] | None:
    """(slope, p) of the target's weekly counts against the control's before the start (Poisson GLM with
    the control as offset): a trend of the target's own that began before the action."""
    import statsmodels.api as sm

    pre = weekly[weekly["period"] == "before"]
    if len(pre) < 8 or pre["target"].sum() < 10:
        return None
    t = np.arange(len(pre), dtype=float)
    offset = np.log(np.maximum(pre["control"].to_numpy(dtype=float), 0.5))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a flat series is "perfectly predicted"; its slope is just 0
            fit = sm.GLM(
                pre["target"].to_numpy(dtype=float),
                sm.add_constant(t),
                family=sm.families.Poisson(),
                offset=offset,
            ).fit()
    except (ValueError, np.linalg.LinAlgError):
        return None
    return float(fit.params[1]), float(fit.pvalues[1])


def regression_to_mean(events: pd.DataFrame, w: Windows) -> float | None:
    """The before window's target count divided by what the year before it predicts (seasonally adjusted
    by the control); None when the history is too short."""
    long_start = w.before_start - dt.timedelta(weeks=LONG_RUN_WEEKS)
    day = events["day"]
    long_mask = (day >= _ts(long_start)) & (day < _ts(w.before_start))
    if not long_mask.any():
        return None
    history_weeks = (w.before_start - max(long_start, day.min().date())).days / 7
    if history_weeks < 2 * w.weeks_before:
        return None
    n = events["n"]
    t_long = int(n[events["in_target"] & long_mask].sum())
    c_long = int(n[events["in_control"] & long_mask].sum())
    before_mask = (day >= _ts(w.before_start)) & (day < _ts(w.before_end))
    t_before = int(n[events["in_target"] & before_mask].sum())
    c_before = int(n[events["in_control"] & before_mask].sum())
    if t_long == 0 or c_long == 0 or c_before == 0:
        return None
    expected = (
        t_long / history_weeks * w.weeks_before * ((c_before / w.weeks_before) / (c_long / history_weeks))
    )
    if expected <= 0:
        return None
    ratio = t_before / expected
    # A peak: at least a third above the expected level, and unlikely by chance alone.
    significant = stats.poisson.sf(t_before - 1, expected) < ALPHA
    return ratio if significant else min(ratio, 1.0)


# ------------------------------------------------------------------------------------------------ evaluate


def evaluate(con, action_id: int, settings: Settings | None = None) -> Evaluation | None:
    """Evaluate one action with the given settings (defaults: see Settings). None if it does not exist."""
    settings = settings or Settings()
    action = load_action(con, action_id)
    if action is None:
        return None
    mode = settings.target_mode or default_target_mode(action)
    categories = list(settings.categories) or action["target_categories"]
    ev = Evaluation(
        action_id=action_id,
        title=action["title"],
        kind=action["kind"],
        area=action["area"],
        categories=categories,
        factors=action["target_factors"],
        start=action["start_date"],
        settings=settings,
        target_mode=mode,
        windows=None,
    )
    municipality = action["municipality_code"]
    start = action["start_date"]
    data_end = settings.data_end or _data_end(con, municipality)
    if start is None or municipality is None or data_end is None:
        return ev
    weeks = settings.weeks or default_weeks(action)
    w = windows_for(start, weeks, settings.run_in_weeks, data_end)
    target = target_geometry(action, mode, settings.radius_m)
    if w is None or target is None:
        return ev
    ev.windows = w
    ev.control_default = not settings.control_area_ids
    # The default control is the rest of the municipality without the areas where another registered action on
    # the same categories was at work in the windows: its effect (a camera's lasting fall) would otherwise show
    # as an effect here.
    own_area = action["area_id"] or action["place_area_id"]
    ev.control_excluded = (
        []
        if settings.control_area_ids
        else _busy_areas(con, action_id, municipality, own_area, w, categories)
    )
    control_ids = settings.control_area_ids or (
        tuple(_other_areas(con, municipality, own_area, ev.control_excluded)) if ev.control_excluded else ()
    )
    buffer = target.buffer(settings.buffer_m, quad_segs=32) if settings.buffer_m > 0 else None
    pre_weeks = max(2 * weeks, TREND_WEEKS_MIN)
    query_start = min(
        w.before_start - dt.timedelta(weeks=LONG_RUN_WEEKS), start - dt.timedelta(weeks=pre_weeks)
    )
    raw = _events(
        con,
        municipality,
        query_start,
        w.after_end,
        categories,
        _bbox_4326(buffer or target),
        list(settings.sources),
    )
    events = classify(
        raw,
        target,
        buffer,
        control_ids,
        settings.buffer_control_area_ids,
        target_area_id=(action["area_id"] or action["place_area_id"]) if mode == "area" else None,
        unknown_area_id=None if mode == "area" else (action["area_id"] or action["place_area_id"]),
    )
    ev.target_wkt = transform(_TO_WGS84.transform, target).wkt
    if buffer is not None:
        ev.buffer_wkt = transform(_TO_WGS84.transform, buffer.difference(target)).wkt
    ev.points = _map_points(events, w)
    columns = ["in_target", "in_control"] + (["in_buffer", "in_buffer_control"] if buffer is not None else [])
    by_category = _category_pairs(events, columns, w)
    keys = ["target", "control", "buffer", "buffer_control"][: len(columns)]
    counts = {
        key: (sum(c[i][0] for c in by_category), sum(c[i][1] for c in by_category))
        for i, key in enumerate(keys)
    }
    ev.counts = counts
    time_w = (w.weeks_before, w.weeks_after)
    # Area weights: the control scaled down to the target's (and the buffer's) level before the start. A
    # target with no events before expects none after whatever the control does (weight ∞: the control
    # drops out of the WDD); a control with none before cannot scale anything (it also drops out). The
    # verdict does not rest on this scaling: it rests on the exact test of the 2×2 table (poisson.py).
    ev.control_scale = _scale(counts["control"][0], counts["target"][0])
    ev.wdd_local = wdd_by_category([c[:2] for c in by_category], time_w)
    ev.change_test = poisson.compare_change_stratified([(c[0], c[1]) for c in by_category])
    ev.control_etest = etest(counts["control"][0], counts["control"][1], w.weeks_before, w.weeks_after)
    if buffer is not None:
        shared = not settings.buffer_control_area_ids
        ev.buffer_control_scale = _scale(counts["buffer_control"][0], counts["buffer"][0])
        ev.wdd_buffer = wdd_by_category(by_category, time_w, shared=shared)
        ev.buffer_test = poisson.compare_change_stratified([(c[2], c[3]) for c in by_category])
        ev.wdq = wdq(
            _per_week(counts["target"], time_w),
            _per_week(counts["buffer"], time_w),
            _per_week(counts["control"], time_w),
            _per_week(counts["buffer_control"], time_w),
        )
    ev.etest = etest(counts["target"][0], counts["target"][1], w.weeks_before, w.weeks_after)
    survey_area = action["area_id"] or action["place_area_id"]
    control_areas = list(control_ids) or _other_areas(con, municipality, survey_area)
    ev.survey = survey_change(con, survey_area, control_areas, ev.factors, w)
    ev.weekly = weekly_series(events, start, w, pre_weeks)
    trend = relative_trend_p(ev.weekly)
    ev.trend_p = trend[1] if trend else None
    ev.rtm_ratio = regression_to_mean(events, w)
    ev.verdict, ev.caveats = judge(ev, trend)
    return ev


def _map_points(events: pd.DataFrame, w: Windows) -> pd.DataFrame:
    """The target's and the buffer's events of the two windows that have coordinates (for the map)."""
    day = events["day"]
    before = (day >= _ts(w.before_start)) & (day < _ts(w.before_end))
    after = (day >= _ts(w.after_start)) & (day < _ts(w.after_end))
    keep = (events["in_target"] | events["in_buffer"]) & (before | after) & (events["kind"] == "xy")
    frame = events.loc[keep, ["lat", "lon", "category"]].copy()
    frame["zone"] = np.where(events.loc[keep, "in_target"], "target", "buffer")
    frame["period"] = np.where(after[keep], "after", "before")
    if len(frame) > MAX_MAP_POINTS:  # a map stays light: an even sample of the points
        frame = frame.sample(n=MAX_MAP_POINTS, random_state=0)
    return frame.reset_index(drop=True)


def _scale(control_before: int, area_before: int) -> float | None:
    """How many times the area's before-count the control's is (the control is divided by it); None when the
    control had no events before (it cannot be scaled), math.inf when the area had none."""
    if control_before <= 0:
        return None
    return control_before / area_before if area_before > 0 else math.inf


def _weight(scale: float | None) -> float:
    return math.inf if scale is None else scale


def _per_week(pair: tuple[int, int], weights: tuple[float, float]) -> tuple[float, float]:
    return pair[0] / weights[0], pair[1] / weights[1]


def _other_areas(
    con, municipality_code: str, area_id: int | None, without: list[int] | None = None
) -> list[int]:
    rows = con.execute(
        "select id from area where municipality_code = ? and active and (? is null or id <> ?)",
        [municipality_code, area_id, area_id],
    ).fetchall()
    return [int(r[0]) for r in rows if int(r[0]) not in (without or [])]


def _busy_areas(
    con, action_id: int, municipality_code: str, area_id: int | None, w: Windows, categories: list[str]
) -> list[int]:
    """Other areas where another action on some of the same categories (or on all) was at work at some time in
    the windows (lasting kinds and actions without an end date from their start on)."""
    rows = con.execute(
        "select distinct coalesce(ac.area_id, p.area_id) as area_id"
        " from action ac"
        " left join place p on p.id = ac.place_id"
        " join area a on a.id = coalesce(ac.area_id, p.area_id)"
        " where ac.id <> ?"
        "   and a.municipality_code = ?"
        "   and ac.start_date is not null"
        "   and ac.start_date < ?"
        "   and (ac.end_date is null or list_contains(?, ac.kind) or ac.end_date >= ?)"
        "   and (len(?) = 0 or len(coalesce(ac.target_categories, [])) = 0"
        "        or list_has_any(ac.target_categories, ?))",
        [
            action_id,
            municipality_code,
            w.after_end,
            list(LASTING_KINDS),
            w.before_start,
            categories,
            categories,
        ],
    ).fetchall()
    return sorted(int(r[0]) for r in rows if r[0] is not None and r[0] != area_id)


SEASON_RATIO = 1.2  # the control changed by at least a fifth (and certainly): a seasonal or municipal shift


def judge(ev: Evaluation, trend: tuple[float, float] | None = None) -> tuple[str, list[str]]:
    """The verdict key and the caveats (keys) of an evaluation whose counts and tests are filled in.

    The verdict rests on the exact test of the target's change against the control's (poisson.py), which
    handles zero counts itself. Each caveat is given only when its own evidence is there: displacement
    and diffusion when the buffer's change against its control is significant and rests on at least
    MIN_EVENTS events; a seasonal shift when the control itself changed certainly and by a fifth or more.
    """
    caveats: list[str] = []
    before, after = ev.counts["target"]
    if ev.windows is not None:
        if ev.windows.weeks_after < ev.windows.weeks_before:
            caveats.append("short_after")
        if ev.windows.run_in_weeks:
            caveats.append("run_in")
    if before + after < MIN_EVENTS:
        caveats.append("too_few")
        return "too_few", caveats
    test = ev.change_test
    buffer = ev.buffer_test
    buffer_judged = buffer is not None and buffer.significant and buffer.events >= MIN_EVENTS
    if test is not None and test.significant and test.direction < 0:
        verdict = "displacement" if buffer_judged and buffer.direction > 0 else "worked"
    elif test is not None and test.significant:
        verdict = "increase"
    else:
        verdict = "no_effect"
    direction = test.direction if test is not None else 0
    if (
        trend is not None
        and trend[1] < ALPHA
        and verdict in ("worked", "displacement", "increase")
        and np.sign(trend[0]) == direction
    ):
        caveats.append("pre_trend")
    if ev.rtm_ratio is not None and ev.rtm_ratio >= 1.33 and verdict in ("worked", "displacement"):
        caveats.append("rtm")
    if verdict == "worked" and buffer_judged and buffer.direction < 0:
        caveats.append("diffusion")
    if verdict in ("no_effect", "increase") and buffer_judged and buffer.direction > 0:
        caveats.append("buffer_rise")
    if _seasonal(ev):
        caveats.append("seasonal")
    return verdict, caveats


def _seasonal(ev: Evaluation) -> bool:
    """The control's own change is certain (E-test) and at least SEASON_RATIO either way."""
    e = ev.control_etest
    if e is None or e.ratio is None or e.p_value >= ALPHA:
        return False
    return e.ratio >= SEASON_RATIO or e.ratio <= 1 / SEASON_RATIO


def with_settings(settings: Settings, **changes: object) -> Settings:
    return replace(settings, **changes)


# ------------------------------------------------------------------------------------------------ words


def _fmt(value: float | None, decimals: int, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return i18n.number(value, decimals, lang)


def _p(value: float | None, lang: str) -> str:
    """A p-value after the letter p: '= 0,012' or '< 0,001'."""
    if value is None:
        return "–"
    if value < 0.001:
        return "< 0,001" if lang == "sv" else "< 0.001"
    return "= " + _fmt(value, 3, lang)


SOLID_EVENTS = 50  # fewer target events than this: a significant difference is an indication, never "säker"
FLAT_RATIO = 1.05  # a control within ±5 % per week is "about the same"


def _relative(ev: Evaluation) -> bool:
    """A verdict against the control that the target's own counts do not show: 'worked' or 'displacement'
    while the target did not fall per week, 'increase' while it did not rise."""
    if ev.windows is None or ev.verdict not in ("worked", "displacement", "increase"):
        return False
    before, after = ev.counts["target"]
    rate_before, rate_after = before / ev.windows.weeks_before, after / ev.windows.weeks_after
    return rate_after >= rate_before if ev.verdict != "increase" else rate_after <= rate_before


def verdict_label(verdict: str | Evaluation, lang: str = "sv") -> str:
    """The verdict in a few words. Given the evaluation, a decrease or an increase that only holds against
    the control reads "Färre än väntat" / "Fler än väntat"."""
    if isinstance(verdict, Evaluation):
        key = f"{verdict.verdict}_relative" if _relative(verdict) else verdict.verdict
        return i18n.t(f"actions.verdict.{key}", lang)
    return i18n.t(f"actions.verdict.{verdict}", lang)


def _count_text(count: int, weeks: float, equal: bool, lang: str) -> str:
    if equal:
        return _fmt(count, 0, lang)
    return i18n.t("actions.verdict_text.per_week", lang, value=_fmt(count / weeks, 1, lang))


def control_text(ev: Evaluation, lang: str = "sv") -> str:
    """What happened in the control over the same windows, e.g. "I resten av kommunen ökade det under samma
    tid från 383 till 603." (per week when the windows differ in length)."""
    w = ev.windows
    if w is None or "control" not in ev.counts:
        return ""
    c0, c1 = ev.counts["control"]
    rate0, rate1 = c0 / w.weeks_before, c1 / w.weeks_after
    if rate0 > 0 and 1 / FLAT_RATIO <= rate1 / rate0 <= FLAT_RATIO or rate0 == rate1:
        direction = "flat"
    else:
        direction = "up" if rate1 > rate0 else "down"
    equal = w.weeks_before == w.weeks_after
    where_key = ("default_clean" if ev.control_excluded else "default") if ev.control_default else "chosen"
    where = i18n.t(f"actions.verdict_text.where.{where_key}", lang)
    return i18n.t(
        f"actions.verdict_text.control.{direction}",
        lang,
        where=where,
        c0=_count_text(c0, w.weeks_before, equal, lang),
        c1=_count_text(c1, w.weeks_after, equal, lang),
    )


def verdict_text(ev: Evaluation, lang: str = "sv") -> str:
    """The verdict in plain words: what happened in the target and in the control, what the target would
    have had following the control, and how certain the difference is. "Säker" only with a significant
    exact test on at least SOLID_EVENTS events; below that a significant result is called an indication."""
    t = i18n.t
    if ev.windows is None:
        return t("actions.verdict_text.not_started", lang)
    before, after = ev.counts["target"]
    key = f"{ev.verdict}_relative" if _relative(ev) else ev.verdict
    parts = [
        t(
            f"actions.verdict_text.{key}",
            lang,
            before=before,
            after=after,
            weeks=_fmt(ev.windows.weeks_before, 0, lang),
        )
    ]
    if ev.verdict in ("not_started", "too_few"):
        return " ".join(parts)
    parts.append(control_text(ev, lang))
    test = ev.change_test
    if test is not None and test.expected_after is not None:
        # The control's after/before ratio of counts already carries a shorter after-window.
        parts.append(
            t("actions.verdict_text.expected", lang, expected=_fmt(round(test.expected_after), 0, lang))
        )
    if test is not None:
        if ev.verdict == "no_effect":
            parts.append(t("actions.verdict_text.uncertain", lang, p=_p(test.p_value, lang)))
        elif test.events >= SOLID_EVENTS:
            parts.append(
                t("actions.verdict_text.certain", lang, level=ev.certainty or "5", p=_p(test.p_value, lang))
            )
        else:
            parts.append(t("actions.verdict_text.indication", lang, p=_p(test.p_value, lang), n=test.events))
    if ev.verdict == "displacement" and "buffer" in ev.counts and ev.buffer_test is not None:
        b0, b1 = ev.counts["buffer"]
        parts.append(
            t(
                "actions.verdict_text.buffer",
                lang,
                before=b0,
                after=b1,
                metres=_fmt(ev.settings.buffer_m, 0, lang),
                p=_p(ev.buffer_test.p_value, lang),
            )
        )
    return " ".join(p for p in parts if p)


def caveat_texts(ev: Evaluation, lang: str = "sv") -> list[str]:
    b0, b1 = ev.counts.get("buffer", (0, 0))
    c0, c1 = ev.counts.get("control", (0, 0))
    w = ev.windows
    return [
        i18n.t(
            f"actions.caveat.{c}",
            lang,
            ratio=_fmt(ev.rtm_ratio, 1, lang),
            min=MIN_EVENTS,
            b0=b0,
            b1=b1,
            c0=c0,
            c1=c1,
            weeks=_fmt(w.weeks_before if w else None, 0, lang),
            after_weeks=_fmt(
                w.weeks_after if w else None, 0 if w and float(w.weeks_after).is_integer() else 1, lang
            ),
        )
        for c in ev.caveats
    ]


def as_dict(ev: Evaluation, lang: str = "sv") -> dict:
    """Everything the CLI prints as JSON (numbers rounded, dates as ISO text)."""

    def result(r: WddResult | None) -> dict | None:
        if r is None:
            return None
        return {
            "wdd": round(r.wdd, 3),
            "se": round(r.se, 3),
            "z": round(r.z, 3),
            "p_value": round(r.p_value, 5),
            "local": round(r.local, 3),
            "displacement": round(r.displacement, 3),
        }

    def exact(r: poisson.ChangeTest | None) -> dict | None:
        if r is None:
            return None
        return {
            "p_value": round(r.p_value, 6),
            "direction": r.direction,
            "ratio": None if r.odds_ratio is None else round(r.odds_ratio, 4),
            "expected_after": None if r.expected_after is None else round(r.expected_after, 2),
        }

    survey = None
    if ev.survey is not None:
        s = ev.survey
        survey = {
            k: (None if v is None else round(v, 4))
            for k, v in (
                ("target_before", s.target_before),
                ("target_after", s.target_after),
                ("control_before", s.control_before),
                ("control_after", s.control_after),
                ("did", s.did),
                ("p_value", s.p_value),
            )
        }
        survey["answers"] = s.answers
        survey["placebos"] = s.placebos
    return {
        "action_id": ev.action_id,
        "title": ev.title,
        "kind": ev.kind,
        "area": ev.area,
        "start": ev.start.isoformat() if ev.start else None,
        "categories": ev.categories,
        "factors": ev.factors,
        "target_mode": ev.target_mode,
        "buffer_m": ev.settings.buffer_m,
        "windows": ev.windows.as_dict() if ev.windows else None,
        "counts": {k: {"before": v[0], "after": v[1]} for k, v in ev.counts.items()},
        "control_scale": None
        if ev.control_scale is None or math.isinf(ev.control_scale)
        else round(ev.control_scale, 4),
        "wdd": result(ev.wdd_local),
        "wdd_with_buffer": result(ev.wdd_buffer),
        "etest": None
        if ev.etest is None
        else {
            "statistic": round(ev.etest.statistic, 4),
            "p_value": round(ev.etest.p_value, 5),
            "ratio": None if ev.etest.ratio is None else round(ev.etest.ratio, 4),
        },
        "wdq": None if ev.wdq is None else round(ev.wdq, 4),
        "exact": exact(ev.change_test),
        "exact_buffer": exact(ev.buffer_test),
        "control_excluded": ev.control_excluded,
        "survey": survey,
        "verdict": ev.verdict,
        "verdict_label": verdict_label(ev, lang),
        "verdict_text": verdict_text(ev, lang),
        "caveats": ev.caveats,
        "caveat_texts": caveat_texts(ev, lang),
    }


# ------------------------------------------------------------------------------------------------ the year


def annual_table(con, year: int, municipality_code: str | None = None, lang: str = "sv") -> pd.DataFrame:
    """Every action started in the year, evaluated with the default settings: one row each."""
    rows = con.execute(
        "select ac.id"
        " from action ac"
        " left join place p on p.id = ac.place_id"
        " left join area a on a.id = coalesce(ac.area_id, p.area_id)"
        " where year(ac.start_date) = ?"
        "   and (? is null or a.municipality_code = ?)"
        " order by ac.start_date, ac.id",
        [year, municipality_code, municipality_code],
    ).fetchall()
    records = []
    for (action_id,) in rows:
        ev = evaluate(con, int(action_id))
        if ev is None:
            continue
        before, after = ev.counts.get("target", (None, None))
        survey = ev.survey.did if ev.survey is not None else None
        records.append(
            {
                "id": ev.action_id,
                "title": ev.title,
                "kind": ev.kind,
                "area": ev.area,
                "start": ev.start,
                "categories": ", ".join(ev.categories),
                "before": before,
                "after": after,
                "wdd_z": None if ev.wdd_local is None else round(ev.wdd_local.local_z, 2),
                "wdd_buffer_z": None if ev.wdd_buffer is None else round(ev.wdd_buffer.z, 2),
                "etest_p": None if ev.etest is None else round(ev.etest.p_value, 4),
                "wdq": None if ev.wdq is None else round(ev.wdq, 2),
                "survey_change": None if survey is None else round(survey, 2),
                "verdict": ev.verdict,
                "verdict_label": verdict_label(ev, lang),
                "caveats": "; ".join(i18n.t(f"actions.caveat_short.{c}", lang) for c in ev.caveats),
            }
        )
    columns = [
        "id",
        "title",
        "kind",
        "area",
        "start",
        "categories",
        "before",
        "after",
        "wdd_z",
        "wdd_buffer_z",
        "etest_p",
        "wdq",
        "survey_change",
        "verdict",
        "verdict_label",
        "caveats",
    ]
    table = pd.DataFrame(records, columns=columns)
    for col in ("before", "after"):
        table[col] = table[col].astype("Int64")
    for col in ("wdd_z", "wdd_buffer_z", "etest_p", "wdq", "survey_change"):
        table[col] = table[col].astype("Float64")
    return table


def summary_by_kind(table: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """Per kind of action: how many, how many with fewer events than expected, and a sentence saying so."""
    if table.empty:
        return pd.DataFrame(columns=["kind", "actions", "worked", "evaluable", "summary"])
    grouped = (
        table.groupby("kind", sort=True)
        .agg(
            actions=("id", "count"),
            worked=("verdict", lambda v: int(v.isin(["worked", "displacement"]).sum())),
            evaluable=("verdict", lambda v: int((~v.isin(["too_few", "not_started"])).sum())),
        )
        .reset_index()
    )
    grouped["summary"] = [
        i18n.t("actions.summary.kind", lang, kind=k, worked=w, total=n, evaluable=e)
        for k, w, n, e in zip(
            grouped["kind"], grouped["worked"], grouped["actions"], grouped["evaluable"], strict=True
        )
    ]
    return grouped


# ------------------------------------------------------------------------------------------------ tables


def counts_table(ev: Evaluation, lang: str = "sv") -> pd.DataFrame:
    """Before and after counts in the four areas, with the change, labelled for display and export."""
    t = i18n.t
    rows = []
    for key, (before, after) in ev.counts.items():
        rows.append(
            {
                t("actions.eval.col.area", lang): t(f"actions.eval.row.{key}", lang),
                t("actions.col.before", lang): before,
                t("actions.col.after", lang): after,
                t("actions.eval.col.change", lang): after - before,
            }
        )
    return pd.DataFrame(rows)


def tests_table(ev: Evaluation, lang: str = "sv") -> pd.DataFrame:
    """The tests with their values and what they mean, in words."""
    t = i18n.t
    rows = []

    def wdd_row(name: str, r: WddResult, meaning: str) -> None:
        rows.append(
            (
                t(name, lang),
                t(
                    "actions.eval.wdd_value",
                    lang,
                    wdd=_fmt(r.wdd, 2, lang),
                    se=_fmt(r.se, 2, lang),
                    z=_fmt(r.z, 2, lang),
                    p=_p(r.p_value, lang),
                ),
                t(meaning, lang),
            )
        )

    def exact_row(name: str, r: poisson.ChangeTest, meaning: str) -> None:
        rows.append(
            (
                t(name, lang),
                t("actions.eval.exact_value", lang, p=_p(r.p_value, lang), ratio=_fmt(r.odds_ratio, 2, lang)),
                t(meaning, lang),
            )
        )

    if ev.change_test is not None:
        exact_row("actions.eval.exact", ev.change_test, "actions.eval.exact_meaning")
    if ev.buffer_test is not None:
        exact_row("actions.eval.exact_buffer", ev.buffer_test, "actions.eval.exact_buffer_meaning")
    if ev.wdd_local is not None:
        wdd_row("actions.eval.wdd_local", ev.wdd_local, "actions.eval.wdd_meaning")
    if ev.wdd_buffer is not None:
        wdd_row("actions.eval.wdd_buffer", ev.wdd_buffer, "actions.eval.wdd_buffer_meaning")
    if ev.etest is not None:
        rows.append(
            (
                t("actions.eval.etest", lang),
                t(
                    "actions.eval.etest_value",
                    lang,
                    p=_p(ev.etest.p_value, lang),
                    ratio=_fmt(ev.etest.ratio, 2, lang),
                ),
                t("actions.eval.etest_meaning", lang),
            )
        )
    if ev.wdd_buffer is not None:
        rows.append(
            (
                t("actions.eval.wdq", lang),
                _fmt(ev.wdq, 2, lang) if ev.wdq is not None else t("actions.eval.wdq_none", lang),
                t("actions.eval.wdq_meaning", lang),
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            t("actions.eval.test", lang),
            t("actions.eval.value", lang),
            t("actions.eval.meaning", lang),
        ],
    )


def survey_table(ev: Evaluation, lang: str = "sv") -> pd.DataFrame | None:
    """Mean survey levels of the targeted factors, target and control, before and after."""
    s = ev.survey
    if s is None or s.did is None:
        return None
    t = i18n.t
    return pd.DataFrame(
        {
            "": [t("actions.eval.survey_target", lang), t("actions.eval.survey_control", lang)],
            t("actions.col.before", lang): [round(s.target_before, 2), round(s.control_before, 2)],
            t("actions.col.after", lang): [round(s.target_after, 2), round(s.control_after, 2)],
        }
    )


def survey_caption(ev: Evaluation, factor_labels: dict[str, str], lang: str = "sv") -> str:
    s = ev.survey
    if s is None or s.did is None:
        return i18n.t("actions.eval.survey_none", lang)
    names = ", ".join(factor_labels.get(f, f).lower() for f in ev.factors)
    text = i18n.t(
        "actions.eval.survey_caption",
        lang,
        factors=names,
        did=_fmt(s.did, 2, lang),
        p=_p(s.p_value, lang),
        n=s.answers,
        placebos=s.placebos,
    )
    if s.placebos < SURVEY_MIN_PLACEBOS:
        text += " " + i18n.t("actions.eval.survey_short_history", lang, placebos=s.placebos)
    return text


def windows_text(ev: Evaluation, lang: str = "sv") -> str:
    w = ev.windows
    if w is None:
        return ""
    last = dt.timedelta(days=1)
    return i18n.t(
        "actions.eval.windows",
        lang,
        b0=w.before_start.isoformat(),
        b1=(w.before_end - last).isoformat(),
        a0=w.after_start.isoformat(),
        a1=(w.after_end - last).isoformat(),
    )


def annual_display(table: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """The annual table as shown and exported: the verdict in words, column names in lang."""
    names = {
        "id": "id",
        "title": "title",
        "kind": "kind",
        "area": "area",
        "start": "start",
        "verdict_label": "verdict",
        "before": "before",
        "after": "after",
        "wdd_z": "wdd_z",
        "wdd_buffer_z": "wdd_buffer_z",
        "etest_p": "etest_p",
        "wdq": "wdq",
        "survey_change": "survey_change",
        "caveats": "caveats",
        "categories": "categories",
    }
    return table[list(names)].rename(columns={c: i18n.t(f"actions.col.{n}", lang) for c, n in names.items()})
