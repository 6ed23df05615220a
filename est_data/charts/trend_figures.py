"""The figures of the Trender and Uppföljning pages: query (est_data.analysis) + chart (est_data.charts.trends).

Each function takes the cursor first and only hashable arguments, so the UI can cache the finished
plotly Figure (`est_data.ui.figures.cached_figure`): building a figure with subplots costs far more
than the aggregation behind it, and a warm page should cost neither.
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from est_data import i18n
from est_data.analysis import compstat, trends
from est_data.charts import trends as charts
from est_data.model import Filters


def _unit(measure_key: str, lang: str) -> str:
    return trends.unit_label(measure_key, lang)


def weekday(con, filters: Filters, measure_key: str, lang: str = "sv") -> go.Figure:
    return charts.weekday_bars(
        trends.weekday_counts(con, filters, measure_key),
        _unit(measure_key, lang),
        lang,
        i18n.t("trends.weekday_title", lang),
    )


def hour(con, filters: Filters, measure_key: str, lang: str = "sv") -> go.Figure:
    return charts.hour_bars(
        trends.hour_counts(con, filters, measure_key),
        _unit(measure_key, lang),
        lang,
        i18n.t("trends.hour_title", lang),
    )


def matrix(con, filters: Filters, measure_key: str, lang: str = "sv") -> go.Figure:
    return charts.weekday_hour_heatmap(
        trends.weekday_hour_matrix(con, filters, measure_key),
        _unit(measure_key, lang),
        lang,
        i18n.t("trends.matrix_title", lang),
    )


def month_by_year(
    con, filters: Filters, measure_key: str, factor: str | None, start: dt.date, lang: str = "sv"
) -> go.Figure:
    data = trends.month_by_year(con, filters, measure_key, factor, start)
    return charts.month_by_year_lines(
        data, _unit(measure_key, lang), lang, i18n.t("trends.month_year_title", lang)
    )


def weekly(
    con, filters: Filters, measure_key: str, factor: str | None, start: dt.date, lang: str = "sv"
) -> go.Figure:
    data = trends.weekly_series(con, filters, measure_key, factor, start)
    markers = trends.holiday_table(start, filters.end, lang)
    return charts.weekly_lines(
        data,
        _unit(measure_key, lang),
        i18n.t("trends.rolling", lang),
        markers,
        lang,
        i18n.t("trends.weekly_title", lang),
    )


def daily(con, filters: Filters, measure_key: str, lang: str = "sv") -> go.Figure:
    data = trends.daily_series(con, filters, measure_key)
    markers = trends.holiday_table(filters.start, filters.end, lang)
    return charts.daily_bars(
        data, _unit(measure_key, lang), markers, lang, i18n.t("trends.daily_title", lang)
    )


def groups(
    con, filters: Filters, measure_key: str, group: str, factor: str | None, lang: str = "sv"
) -> go.Figure | None:
    """Small multiples per area or category; None when there is nothing to show."""
    data = trends.by_group(con, filters, measure_key, group, factor, lang)
    if data.empty:
        return None
    return charts.small_multiples(data, _unit(measure_key, lang), trends.grain_for(filters), lang)


def followup_lines(
    con,
    municipality_code: str | None,
    year: int,
    month: int,
    area_ids: tuple[int, ...],
    keys: tuple[str, ...],
    labels: tuple[tuple[str, str], ...],
    lang: str = "sv",
) -> go.Figure | None:
    """36 months per chosen category (keys, in order; labels as (key, label) pairs) with actions marked."""
    series = compstat.series_36(con, municipality_code, year, month, area_ids)
    part = series[series["key"].isin(keys)]
    if part.empty:
        return None
    order = {k: i for i, k in enumerate(keys)}
    part = (
        part.assign(_order=part["key"].map(order))
        .sort_values(["_order", "month_start"])
        .drop(columns="_order")
    )
    first, last = compstat.window_36(year, month)
    actions = compstat.actions_started(con, municipality_code, first, last, area_ids)
    return charts.category_lines_with_actions(part, dict(labels), actions, {compstat.FAULT_COST: "kr"}, lang)
