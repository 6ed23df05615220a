"""Near-repeat on the pages: the "förhöjd risk" list (Lägesbild, Möte) and the Knox table (Trender).

The numbers come from est_data.analysis.nearrepeat (tables stored after each import, cached per data
revision here), so the pages only read and render."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from est_data import display, i18n, incidents
from est_data.analysis import nearrepeat
from est_data.text import md
from est_data.ui.common import PageContext, show_table
from est_data.ui.figures import download_table_lazy
from est_data.ui.state import cached, tr


def _day(day: dt.date, lang: str) -> str:
    return f"{i18n.weekday_name(day.weekday(), lang)[:3].lower()} {day.day}/{day.month}"


def zone_text(zones: list[tuple[int, int]]) -> str:
    """ "inom 100 m, 5 dagar till; inom 200 m, 2 dagar till" """
    parts = []
    for metres, days in zones:
        if metres == 0:
            key = "nearrepeat.risk.zone_same_one" if days == 1 else "nearrepeat.risk.zone_same"
        else:
            key = "nearrepeat.risk.zone_one" if days == 1 else "nearrepeat.risk.zone"
        parts.append(tr(key, metres=metres, days=days))
    return "; ".join(parts)


def risk_lines(risk: nearrepeat.RiskList, lang: str, limit: int) -> list[str]:
    """The list as Markdown lines (values from data escaped): events first, then what a category lacks."""
    lines = []
    for row in risk.rows.head(limit).itertuples():
        where = md(row.area) if isinstance(row.area, str) and row.area else "–"
        if isinstance(row.place, str) and row.place:
            where += f" ({md(row.place)})"
        line = tr(
            "nearrepeat.risk.line",
            day=_day(row.day, lang),
            category=md(row.category).lower(),
            where=where,
            zones=zone_text(row.zones),
        )
        if row.series:
            line += tr("nearrepeat.risk.series", n=int(row.series))
        lines.append(line)
    if len(risk.rows) > limit:
        lines.append(tr("nearrepeat.risk.more", n=len(risk.rows) - limit))
    return lines + state_lines(risk)


def state_lines(risk: nearrepeat.RiskList) -> list[str]:
    """What a watched category lacks: positions, enough events, near-repeat, or events this week."""
    lines = []
    for category, state in risk.states.items():
        table = risk.tables[category]
        if state == "too_few" and table.events == 0:
            lines.append(tr("nearrepeat.risk.no_positions", category=md(category)))
        elif state == "too_few":
            lines.append(
                tr(
                    "nearrepeat.risk.too_few",
                    category=md(category),
                    n=table.events,
                    min=nearrepeat.MIN_EVENTS,
                )
            )
        elif state == "none":
            lines.append(tr("nearrepeat.risk.none", category=md(category)))
        elif not (risk.rows["category"] == category).any():
            cells = list(zip(*table.significant.nonzero(), strict=True))
            lines.append(
                tr(
                    "nearrepeat.risk.no_recent",
                    category=md(category),
                    metres=max(table.bands.distances[i] for i, _ in cells),
                    days=max(table.bands.days[j] for _, j in cells),
                    recent=nearrepeat.RECENT_DAYS,
                )
            )
    return lines


def area_lines(risk: nearrepeat.RiskList, limit: int) -> list[str]:
    """The list per area (the meeting's short form): "**Annetorp**: brand × 3 senaste 7 dagarna – inom
    100 m, 7 dagar till", areas with events in a series first; then what a category lacks."""
    lines = []
    if not risk.rows.empty:
        rows = risk.rows.assign(area=risk.rows["area"].fillna("–"))
        groups = sorted(
            rows.groupby(["category", "area"], sort=False),
            key=lambda g: (-int(g[1]["series"].max()), -len(g[1])),
        )
        for (category, area), group in groups[:limit]:
            zones = nearrepeat.envelope([z for zs in group["zones"] for z in zs])
            lines.append(
                tr(
                    "nearrepeat.risk.area_line",
                    area=md(area),
                    category=md(category).lower(),
                    n=len(group),
                    recent=nearrepeat.RECENT_DAYS,
                    zones=zone_text(zones),
                )
            )
        if len(groups) > limit:
            lines.append(tr("nearrepeat.risk.more", n=len(groups) - limit))
    return lines + state_lines(risk)


def risk_list(ctx: PageContext, until: dt.date, key: str, limit: int = 6, compact: bool = False) -> None:
    """The "förhöjd risk" list for the days up to `until` (capped at today) with its "Så läser du": one
    line per event (Lägesbild), or per area with the explanation as the heading's help (Möte: no scrolling)."""
    if ctx.filters is None:
        return
    until = min(until, dt.date.today())
    risk = cached(nearrepeat.raised_risk, ctx.filters.municipality_code, until)
    how = tr(
        "nearrepeat.risk.how",
        recent=nearrepeat.RECENT_DAYS,
        until=until.isoformat(),
        permutations=nearrepeat.PERMUTATIONS,
    )
    with st.container(key=f"{key}_nearrepeat"):
        if compact:  # smaller than the meeting's large type: it sits under the map and must not scroll
            st.html(
                f"<style>[data-testid='stMainBlockContainer'] .st-key-{key}_nearrepeat "
                "[data-testid='stMarkdownContainer'] :is(p, li) {font-size: clamp(0.85rem, 2vh, 1.5rem);"
                " line-height: 1.25;}</style>"
            )
            st.markdown(f"#### {tr('nearrepeat.risk.title')}", help=how)
            st.markdown("\n".join(f"- {line}" for line in area_lines(risk, limit)))
            return
        st.subheader(tr("nearrepeat.risk.title"))
        st.markdown("\n".join(f"- {line}" for line in risk_lines(risk, ctx.lang, limit)))
        with st.expander(tr("nearrepeat.risk.how_title")):
            st.markdown(how)


def knox_section(ctx: PageContext, key: str = "trends_knox") -> None:
    """The Knox table for a chosen category over the filters' period (Trender's tab), in the page's language."""
    f = ctx.filters
    if f is None:
        return
    options = cached(incidents.category_options, f.municipality_code)
    categories = options["category"].drop_duplicates().tolist() if not options.empty else []
    if not categories:
        st.info(tr("nearrepeat.no_categories"))
        return
    default = categories.index("Brand") if "Brand" in categories else 0
    category = st.selectbox(tr("nearrepeat.category"), categories, index=default, key=f"{key}_category")
    q = nearrepeat.NearRepeatQuery(
        f.municipality_code, f.start, f.end, (category,), area_ids=tuple(f.area_ids)
    )
    table = cached(nearrepeat.knox_table, q)
    if table.status == "too_few":
        if table.events == 0:
            st.info(tr("nearrepeat.no_categories"))
        else:
            st.info(tr("nearrepeat.too_few", n=table.events, min=nearrepeat.MIN_EVENTS))
        return
    st.caption(
        tr(
            "nearrepeat.caption",
            n=i18n.number(table.events, 0, ctx.lang),
            start=f.start.isoformat(),
            end=f.end.isoformat(),
            permutations=table.permutations,
        )
    )
    if table.any_significant:
        st.success(tr("nearrepeat.found"), icon=":material/local_fire_department:")
    else:
        st.info(tr("nearrepeat.not_found"))
    frame = table.frame()
    same = tr("nearrepeat.same_place")
    days_unit = tr("nearrepeat.days_unit")
    shown = pd.DataFrame(
        {
            tr("nearrepeat.col.distance"): [same if d == "0 m" else d for d in frame["distance"]],
            tr("nearrepeat.col.days"): [f"{d} {days_unit}" for d in frame["days"]],
            tr("nearrepeat.col.observed"): frame["observed"],
            tr("nearrepeat.col.expected"): frame["expected"].round(1),
            tr("nearrepeat.col.ratio"): [  # no ratio without expected pairs: a dash, not an empty cell
                "–" if display.missing(r) else i18n.number(float(r), 2, ctx.lang) for r in frame["ratio"]
            ],
            tr("nearrepeat.col.p"): frame["p"].round(3),
            tr("nearrepeat.col.q"): frame["q"].round(3),
            tr("nearrepeat.col.verdict"): [
                tr("nearrepeat.yes") if s else tr("nearrepeat.no") for s in frame["significant"]
            ],
        }
    )
    show_table(shown, hide_index=True, width="stretch", key=f"{key}_table")
    download_table_lazy(shown, "nara_upprepning", key=f"{key}_xlsx")
    with st.expander(tr("nearrepeat.how_title")):
        st.markdown(tr("nearrepeat.how", permutations=table.permutations))
