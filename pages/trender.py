"""Trender: when things happen — weekday, hour, season, holidays and risk dates, areas and categories."""

import pandas as pd
import streamlit as st

from est_data import i18n, queries
from est_data.analysis import compstat, trends
from est_data.charts import trend_figures
from est_data.ui.common import page_setup, show_chart, show_table
from est_data.ui.figures import cached_figure, download_table_lazy
from est_data.ui.nearrepeat import knox_section
from est_data.ui.state import cached, tr

ctx = page_setup("trender")
if ctx.filters is None:
    st.warning(tr("trends.empty"))
    st.stop()
filters = ctx.filters

left, right = st.columns([2, 2])
measure_key = left.selectbox(
    tr("trends.measure"),
    cached(trends.measure_keys, filters.municipality_code),
    format_func=lambda k: trends.measure_label(k, ctx.lang),
    key="trends_measure",
)
m = trends.measure(measure_key)
factor = None
if m.survey:
    factor_df = cached(queries.factors)
    labels = dict(
        zip(factor_df["code"], factor_df["label_en" if ctx.lang == "en" else "label_sv"], strict=True)
    )
    factor = right.selectbox(
        tr("trends.factor"), list(labels), format_func=lambda c: labels[c], key="trends_factor"
    )
unit = trends.unit_label(measure_key, ctx.lang)
areas_note = tr("trends.areas_note", n=len(filters.area_ids)) if filters.area_ids else ""
st.caption(
    tr(
        "trends.period_caption",
        start=filters.start.isoformat(),
        end=filters.end.isoformat(),
        areas=areas_note,
    )
)

tab_time, tab_season, tab_risk, tab_groups, tab_near = st.tabs(
    [
        tr("trends.tab.time"),
        tr("trends.tab.season"),
        tr("trends.tab.risk"),
        tr("trends.tab.groups"),
        tr("nearrepeat.tab"),
    ]
)

with tab_time:
    if not m.has_hours:
        st.info(tr("trends.no_hours"))
    else:
        weekdays = cached(trends.weekday_counts, filters, measure_key)
        matrix = cached(trends.weekday_hour_matrix, filters, measure_key)
        total = float(weekdays["value"].sum())
        st.metric(
            tr("trends.total"), i18n.number(total, 0, ctx.lang) + (" kr" if m.use_cost else ""), border=True
        )
        if total == 0:
            st.info(tr("trends.no_data_measure"))
        times = cached(trends.time_counts, filters, measure_key)
        if times["inexact"]:
            st.caption(
                tr(
                    "trends.inexact_times",
                    n=i18n.number(times["inexact"], 0, ctx.lang),
                    total=i18n.number(times["exact"] + times["inexact"], 0, ctx.lang),
                )
            )
        c1, c2 = st.columns(2)
        with c1:
            show_chart(
                cached_figure(trend_figures.weekday, filters, measure_key, ctx.lang),
                theme=None,
                key="trends_weekday",
            )
        with c2:
            show_chart(
                cached_figure(trend_figures.hour, filters, measure_key, ctx.lang),
                theme=None,
                key="trends_hour",
            )
        show_chart(
            cached_figure(trend_figures.matrix, filters, measure_key, ctx.lang),
            theme=None,
            key="trends_matrix",
        )
        table = matrix.copy()
        table.index = [i18n.weekday_name(int(d), ctx.lang) for d in table.index]
        table.columns = [f"{int(h):02d}" for h in table.columns]
        download_table_lazy(
            table.round(2).reset_index(names=tr("charts.weekday")), "veckodag_timme", key="trends_matrix_xlsx"
        )

with tab_season:
    span = (
        st.segmented_control(
            tr("trends.long_span"),
            list(trends.LONG_SPANS),
            default="3y",
            format_func=lambda s: tr(f"trends.long_span.{s}"),
            key="trends_span",
        )
        or "3y"
    )
    start = cached(trends.long_start, filters, span)
    show_chart(
        cached_figure(trend_figures.month_by_year, filters, measure_key, factor, start, ctx.lang),
        theme=None,
        key="trends_month_year",
    )
    show_chart(
        cached_figure(trend_figures.weekly, filters, measure_key, factor, start, ctx.lang),
        theme=None,
        key="trends_weekly",
    )
    weekly = cached(trends.weekly_series, filters, measure_key, factor, start)
    st.caption(tr("trends.weekly_caption"))
    export = weekly.rename(
        columns={
            "week_start": tr("trends.col.first_day"),
            "iso_year": tr("trends.col.year"),
            "iso_week": tr("charts.week"),
            "value": unit,
            "rolling": tr("trends.rolling"),
        }
    )
    download_table_lazy(export, "veckoserie", key="trends_weekly_xlsx")

with tab_risk:
    markers = trends.holiday_table(filters.start, filters.end, ctx.lang)
    if m.has_hours:
        show_chart(
            cached_figure(trend_figures.daily, filters, measure_key, ctx.lang), theme=None, key="trends_daily"
        )
        st.subheader(tr("trends.risk_title"))
        st.caption(tr("trends.risk_caption"))
        risk = cached(trends.risk_weekend_table, filters, measure_key)
        if risk.empty:
            st.info(tr("trends.risk_none"))
        else:

            def verdict(v: object) -> str:
                return tr(f"followup.verdict.{v}") if isinstance(v, str) else tr("followup.verdict.none")

            shown = pd.DataFrame(
                {
                    tr("trends.col.risk"): [tr(f"trends.risk.{r}") for r in risk["risk"]],
                    tr("trends.col.year"): risk["year"].astype(str),
                    tr("trends.col.first_day"): risk["first_day"],
                    tr("trends.col.last_day"): risk["last_day"],
                    tr("trends.col.value"): risk["value"].round(1),
                    tr("trends.col.per_day"): risk["per_day"].round(1),
                    tr("trends.col.ordinary_per_day"): risk["ordinary_per_day"].round(1),
                    tr("trends.col.ratio"): risk["ratio"].round(2),
                    tr("trends.col.verdict"): [verdict(v) for v in risk["verdict"]],
                }
            )
            show_table(shown, hide_index=True, width="stretch", key="trends_risk_table")
            tests = compstat.tests_made(risk, ("p_value",))
            if tests:
                st.caption(
                    tr(
                        "followup.chance",
                        tests=tests,
                        chance=i18n.number(compstat.chance_flags(tests), 1, ctx.lang),
                    )
                )
            download_table_lazy(shown, "riskdagar", key="trends_risk_xlsx")
            summary = trends.risk_summary(risk)
            st.subheader(tr("trends.risk_summary_title"))
            show_table(
                pd.DataFrame(
                    {
                        tr("trends.col.risk"): [tr(f"trends.risk.{r}") for r in summary["risk"]],
                        tr("trends.col.occasions"): summary["occasions"],
                        tr("trends.col.per_day"): summary["per_day"].round(1),
                        tr("trends.col.ordinary_per_day"): summary["ordinary_per_day"].round(1),
                        tr("trends.col.ratio"): summary["ratio"].round(2),
                    }
                ),
                hide_index=True,
                width="stretch",
                key="trends_risk_summary",
            )
    st.subheader(tr("trends.holidays_title"))
    show_table(
        pd.DataFrame(
            {
                tr("trends.col.date"): markers["date"],
                tr("trends.col.name"): [
                    tr(f"trends.risk.{r}") if k == "risk" else n
                    for n, k, r in zip(markers["name"], markers["kind"], markers["risk"], strict=True)
                ],
                tr("trends.col.kind_day"): [tr(f"trends.kind.{k}") for k in markers["kind"]],
            }
        ),
        hide_index=True,
        width="stretch",
        key="trends_holidays",
    )

with tab_groups:
    grain = trends.grain_for(filters)
    st.caption(tr("trends.groups_caption", grain=tr(f"trends.grain.{grain}")))
    st.subheader(tr("trends.groups_area_title"))
    by_area = cached_figure(trend_figures.groups, filters, measure_key, "area", factor, ctx.lang)
    if by_area is None:
        st.info(tr("trends.no_data_measure"))
    else:
        show_chart(by_area, theme=None, key="trends_areas")
    st.subheader(tr("trends.groups_category_title"))
    by_category = cached_figure(trend_figures.groups, filters, measure_key, "category", factor, ctx.lang)
    if by_category is None:
        st.info(tr("trends.no_data_measure"))
    else:
        show_chart(by_category, theme=None, key="trends_categories")

with tab_near:
    knox_section(ctx)
