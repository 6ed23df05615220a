"""Översikt: the current week at a glance."""

import datetime as dt

import streamlit as st

from est_data import display, i18n, queries
from est_data.analysis import overview
from est_data.analysis.situation import StatusRule
from est_data.text import md
from est_data.ui.common import download_table, page_setup, show_table, status_badge
from est_data.ui.rounds import round_of
from est_data.ui.state import cached, tr

ctx = page_setup("oversikt")
if ctx.filters is None:
    st.warning(tr("overview.empty"))
    st.stop()

ov = cached(overview.build, ctx.filters.municipality_code, ctx.filters.area_ids, lang=ctx.lang)
factors = cached(queries.factors)
factor_labels = dict(
    zip(factors["code"], factors["label_en" if ctx.lang == "en" else "label_sv"], strict=True)
)

st.subheader(
    tr(
        "overview.week",
        week=round_of(ov.week).weeks_text(),  # a survey round: 'Vecka 12–13' when rounds are two weeks
        year=ov.week.year,
        start=ov.week.monday().isoformat(),
        end=round_of(ov.week).sunday().isoformat(),
    )
)
if not ov.is_current_week:
    st.caption(tr("overview.latest_week_note", current=dt.date.today().isocalendar()[1]))

c1, c2, c3, c4 = st.columns(4)
# the share goes under the figure: "20 / 40 (50 %)" does not fit a quarter of a 1280 px screen
rate = f"{100 * ov.answered / ov.reporters:.0f} %" if ov.reporters else None
c1.metric(
    tr("overview.responses"),
    f"{ov.answered} / {ov.reporters}",
    delta=rate,
    delta_color="off",
    delta_arrow="off",
    help=tr("overview.responses_help"),
    border=True,
)
for column, status, colour in ((c2, "röd", "red"), (c3, "gul", "orange"), (c4, "grön", "green")):
    column.metric(
        f":{colour}[●] {tr('status.' + status).capitalize()}", ov.status_counts[status], border=True
    )

st.subheader(tr("overview.incidents_heading"))
st.caption(tr("overview.incidents_caption", end=ov.recent_end.isoformat()))
if ov.freshness:
    st.caption(tr("coverage.freshness", sources=ov.freshness))
recent = ov.recent.set_index("source") if not ov.recent.empty else None


def figures(source: str) -> tuple[float, float, float, float]:
    if recent is None or source not in recent.index:
        return 0, 0.0, 0.0, 0.0
    row = recent.loc[source]
    return (
        int(row["last7"]),
        float(row["avg4"]),
        float(display.present(row["cost_last7"]) or 0),
        float(display.present(row["cost_avg4"]) or 0),
    )


m1, m2, m3, m4 = st.columns(4)
for column, source, label in (
    (m1, "polisen", "overview.police"),
    (m2, "felanmalan", "overview.fault_reports"),
    (m4, "rapportör", "overview.observations"),
):
    last7, avg4, _, _ = figures(source)
    missing = ov.recent_missing.get(source)  # no arrow across a gap in the source's data (issue 14)
    column.metric(
        tr(label),
        last7,
        delta=None if missing else f"{last7 - avg4:+.1f}",
        delta_color="inverse",
        help=tr("overview.avg4", avg=i18n.number(avg4, 1, ctx.lang)),
        border=True,
    )
    if missing:
        column.caption(tr("coverage.not_judged", missing=missing))
_, _, cost7, cost_avg = figures("felanmalan")
fault_missing = ov.recent_missing.get("felanmalan")
m3.metric(
    tr("overview.fault_cost"),
    f"{i18n.number(cost7, 0, ctx.lang)} kr",
    delta=None if fault_missing else f"{i18n.number(cost7 - cost_avg, 0, ctx.lang)} kr",
    delta_color="inverse",
    help=tr("overview.avg4", avg=i18n.number(cost_avg, 0, ctx.lang) + " kr"),
    border=True,
)

left, right = st.columns([1, 1])
with left:
    st.subheader(tr("overview.status_heading"))
    rule = StatusRule.from_settings(ctx.con)  # as set under Administration
    st.caption(
        tr(
            "overview.status_rule",
            red=rule.red_any_level,
            count=rule.red_count_level2,
            yellow=rule.yellow_any_level,
        )
    )
    for row in ov.area_status.itertuples():
        factor = factor_labels.get(row.top_factor, "") if row.status and row.status != "grön" else ""
        st.markdown(f"**{md(row.area)}** &nbsp; {status_badge(row.status)} &nbsp; {md(factor)}")
with right:
    st.subheader(tr("overview.actions_heading"))
    if ov.actions.empty:
        st.write(tr("overview.no_actions"))
    else:
        table = ov.actions[["title", "kind", "area", "start_date", "responsible"]].rename(
            columns={
                "title": tr("col.title"),
                "kind": tr("col.kind"),
                "area": tr("col.area"),
                "start_date": tr("col.start"),
                "responsible": tr("col.responsible"),
            }
        )
        show_table(table, hide_index=True, width="stretch")
        download_table(table, "pagaende_insatser", key="overview_actions_xlsx")
