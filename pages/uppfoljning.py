"""Uppföljning: the monthly CompStat table and 36 months per category with actions marked."""

import pandas as pd
import streamlit as st

from est_data import i18n
from est_data.analysis import compstat, coverage
from est_data.charts import trend_figures
from est_data.ui.common import page_setup, show_chart, show_table
from est_data.ui.figures import cached_figure, download_table_lazy
from est_data.ui.followup_similar import show as show_similar_size
from est_data.ui.state import cached, tr

ctx = page_setup("uppfoljning")
if ctx.filters is None:
    st.warning(tr("followup.empty"))
    st.stop()
filters = ctx.filters
latest = cached(compstat.latest_month, filters.municipality_code)
if latest is None:
    st.warning(tr("followup.empty"))
    show_similar_size(filters.municipality_code, ctx.lang)  # Brå's yearly file alone still compares
    st.stop()

months = list(pd.date_range(end=pd.Timestamp(latest), periods=48, freq="MS").date)[::-1]
chosen = st.selectbox(
    tr("followup.month"),
    months,
    format_func=lambda d: f"{i18n.month_name(d.month, ctx.lang)} {d.year}",
    key="followup_month",
)
month_name = f"{i18n.month_name(chosen.month, ctx.lang)} {chosen.year}"


def row_label(key: str, label: str) -> str:
    return tr(f"followup.row.{key}") if key in (compstat.FAULT_COUNT, compstat.FAULT_COST) else label


def verdict_text(verdict: object, too_few: object) -> str:
    if not isinstance(verdict, str):
        return tr("followup.verdict.none")
    if too_few is True:
        return tr("followup.verdict.too_few")
    return tr(f"followup.verdict.{verdict}")


def number(value: object, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    return i18n.number(float(value), decimals, ctx.lang)


table = cached(
    compstat.compstat_table, filters.municipality_code, chosen.year, chosen.month, filters.area_ids
)
st.subheader(tr("followup.table_title", month=month_name))
fresh = cached(coverage.freshness_for, filters.municipality_code, ctx.lang)
if fresh:
    st.caption(tr("coverage.freshness", sources=fresh))
if table.empty:
    st.info(tr("followup.empty"))
else:
    counts = table["verdict_month"].value_counts()
    st.markdown(
        tr(
            "followup.summary",
            rise=int(counts.get(compstat.RISE, 0)),
            fall=int(counts.get(compstat.FALL, 0)),
            same=int(counts.get(compstat.NO_CHANGE, 0)),
        )
    )
    shown = pd.DataFrame(
        {
            tr("followup.col.category"): [
                row_label(k, lab) + (" *" if p else "")
                for k, lab, p in zip(table["key"], table["label"], table["preliminary"], strict=True)
            ],
            tr("followup.col.this_month"): [number(v) for v in table["this_month"]],
            tr("followup.col.last_year"): [number(v) for v in table["last_year"]],
            tr("followup.col.change_pct"): [
                ("–" if pd.isna(v) else f"{number(v)} %") for v in table["change_pct"]
            ],
            tr("followup.col.avg_3y"): [number(v, 1) for v in table["avg_3y"]],
            tr("followup.col.verdict_month"): [
                verdict_text(v, f)
                for v, f in zip(table["verdict_month"], table["too_few_month"], strict=True)
            ],
            tr("followup.col.ytd"): [number(v) for v in table["ytd"]],
            tr("followup.col.ytd_last"): [number(v) for v in table["ytd_last"]],
            tr("followup.col.verdict_ytd"): [
                verdict_text(v, f) for v, f in zip(table["verdict_ytd"], table["too_few_ytd"], strict=True)
            ],
        }
    )

    def colour(value: object) -> str:
        if value == tr("followup.verdict.ökning"):
            return "background-color: #f8d7da; color: #842029; font-weight: 600"
        if value == tr("followup.verdict.minskning"):
            return "background-color: #d1e7dd; color: #0f5132; font-weight: 600"
        return ""

    styled = shown.style.map(
        colour, subset=[tr("followup.col.verdict_month"), tr("followup.col.verdict_ytd")]
    )
    show_table(styled, hide_index=True, width="stretch", key="followup_table")
    tests = compstat.tests_made(table, compstat.TABLE_P_COLUMNS)
    st.caption(
        tr("followup.chance", tests=tests, chance=i18n.number(compstat.chance_flags(tests), 1, ctx.lang))
    )
    st.caption(
        tr("followup.preliminary_note")
        + " · "
        + tr("followup.table_caption", month=month_name, min_events=compstat.MIN_EVENTS)
    )
    download_table_lazy(shown, f"compstat_{chosen.isoformat()[:7]}", key="followup_table_xlsx")

st.subheader(tr("followup.chart_title"))
series = cached(compstat.series_36, filters.municipality_code, chosen.year, chosen.month, filters.area_ids)
first, last = compstat.window_36(chosen.year, chosen.month)
actions = cached(compstat.actions_started, filters.municipality_code, first, last, filters.area_ids)
if series.empty:
    st.info(tr("followup.empty"))
else:
    labels = {k: row_label(k, lab) for k, lab in zip(series["key"], series["label"], strict=True)}
    keys = list(dict.fromkeys(table["key"])) if not table.empty else list(labels)
    keys += [k for k in labels if k not in keys]
    picked = st.multiselect(
        tr("followup.categories"),
        keys,
        default=keys,
        format_func=lambda k: labels.get(k, k),
        key="followup_categories",
    )
    fig = cached_figure(
        trend_figures.followup_lines,
        filters.municipality_code,
        chosen.year,
        chosen.month,
        filters.area_ids,
        tuple(picked),
        tuple(sorted(labels.items())),
        ctx.lang,
    )
    if fig is not None:
        show_chart(fig, theme=None, key="followup_chart")
    st.caption(tr("followup.chart_caption"))
st.subheader(tr("followup.actions_title"))
if actions.empty:
    st.write(tr("followup.no_actions"))
else:
    show_table(
        pd.DataFrame(
            {
                tr("followup.col.id"): actions["id"],
                tr("followup.col.title"): actions["title"],
                tr("followup.col.kind"): actions["kind"],
                tr("followup.col.area"): actions["area"],
                tr("followup.col.start"): actions["start_date"],
            }
        ),
        hide_index=True,
        width="stretch",
        key="followup_actions",
    )

show_similar_size(filters.municipality_code, ctx.lang)
