"""Pure functions that turn aggregated tables into plotly Figures.

Labels are Swedish by default (lang="en" for English), weeks are ISO weeks ("v. 47"), months have
Swedish names, and fonts are large enough to read on a projector in a meeting room. No data access
here: callers pass the aggregates from est_data.analysis.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from est_data import i18n
from est_data.charts.common import FONT_SIZE, style

BAR_COLOUR = "#1f5f8b"
ACCENT = "#c0392b"
ROLLING_COLOUR = "#e67e22"
RISK_COLOUR = "rgba(192, 57, 43, 0.75)"
HOLIDAY_COLOUR = "#7f8c8d"
MAX_RISK_LABELS = 6
YEAR_COLOURS = ["#b0bec5", "#90a4ae", "#78909c", "#5c8fb8", "#2e6da4", "#1f4e79", "#0b2e4f"]


def _t(key: str, lang: str, **kwargs: object) -> str:
    return i18n.t(key, lang, **kwargs)


def weekday_bars(df: pd.DataFrame, value_label: str, lang: str = "sv", title: str | None = None) -> go.Figure:
    """Bars per weekday (df: weekday 0–6, value)."""
    names = [i18n.weekday_name(int(d), lang) for d in df["weekday"]]
    fig = go.Figure(
        go.Bar(
            x=names, y=df["value"], marker_color=BAR_COLOUR, hovertemplate="%{x}: %{y:,.1f}<extra></extra>"
        )
    )
    fig.update_yaxes(title_text=value_label)
    fig.update_xaxes(title_text=_t("charts.weekday", lang))
    return style(fig, title)


def hour_bars(df: pd.DataFrame, value_label: str, lang: str = "sv", title: str | None = None) -> go.Figure:
    """Bars per hour of the day (df: hour 0–23, value)."""
    labels = [f"{int(h):02d}" for h in df["hour"]]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=df["value"],
            marker_color=BAR_COLOUR,
            hovertemplate=_t("charts.hour_hover", lang) + "<extra></extra>",
        )
    )
    fig.update_yaxes(title_text=value_label)
    fig.update_xaxes(title_text=_t("charts.hour", lang), type="category")
    return style(fig, title)


def weekday_hour_heatmap(
    matrix: pd.DataFrame, value_label: str, lang: str = "sv", title: str | None = None
) -> go.Figure:
    """The weekday × hour matrix (rows weekday 0–6, columns hour 0–23) as a heat map, Monday on top."""
    rows = [i18n.weekday_name(int(d), lang) for d in matrix.index]
    cols = [f"{int(h):02d}" for h in matrix.columns]
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=cols,
            y=rows,
            colorscale="YlOrRd",
            colorbar={"title": {"text": value_label, "side": "right"}},
            hovertemplate="%{y} " + _t("charts.hour_short", lang) + " %{x}: %{z:,.1f}<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    fig.update_yaxes(autorange="reversed", title_text=_t("charts.weekday", lang))
    fig.update_xaxes(title_text=_t("charts.hour", lang), type="category")
    return style(fig, title, height=440)


def month_by_year_lines(
    df: pd.DataFrame, value_label: str, lang: str = "sv", title: str | None = None
) -> go.Figure:
    """One line per year over the twelve months (df: year, month, value): the season shows."""
    fig = go.Figure()
    months = [i18n.month_name(m, lang, short=True) for m in range(1, 13)]
    years = sorted(df["year"].unique())
    for i, year in enumerate(years):
        part = df[df["year"] == year].sort_values("month")
        colour = (
            YEAR_COLOURS[max(0, len(YEAR_COLOURS) - len(years) + i)]
            if len(years) <= len(YEAR_COLOURS)
            else None
        )
        fig.add_trace(
            go.Scatter(
                x=[months[int(m) - 1] for m in part["month"]],
                y=part["value"],
                mode="lines+markers",
                name=str(year),
                line={"width": 4 if i == len(years) - 1 else 2.5, "color": colour},
                marker={"size": 8},
                hovertemplate=f"%{{x}} {year}: %{{y:,.1f}}<extra></extra>",
            )
        )
    fig.update_xaxes(categoryorder="array", categoryarray=months, title_text=_t("charts.month", lang))
    fig.update_yaxes(title_text=value_label, rangemode="tozero")
    return style(fig, title)


def _marker_lines(
    fig: go.Figure, markers: pd.DataFrame | None, lang: str, y_top: float, to_x=lambda d: d
) -> None:
    """Risk dates as dashed red lines with a label; holidays as grey triangles along the bottom."""
    if markers is None or markers.empty:
        return
    risks = markers[markers["kind"] == "risk"]
    shapes, notes = [], []
    labelled = len(risks) <= MAX_RISK_LABELS  # beyond that the labels overlap: names show on hover instead
    for row in risks.itertuples():
        x = to_x(row.date)
        shapes.append(
            {
                "type": "line",
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": 1,
                "yref": "paper",
                "line": {"color": RISK_COLOUR, "width": 2 if labelled else 1.2, "dash": "dot"},
            }
        )
        if labelled:
            notes.append(
                {
                    "x": x,
                    "y": 1,
                    "yref": "paper",
                    "text": _t(f"trends.risk.{row.risk}", lang),
                    "showarrow": False,
                    "textangle": -90,
                    "xanchor": "right",
                    "yanchor": "top",
                    "font": {"size": FONT_SIZE - 4, "color": ACCENT},
                }
            )
    fig.update_layout(
        shapes=list(fig.layout.shapes) + shapes, annotations=list(fig.layout.annotations) + notes
    )
    if not risks.empty:
        fig.add_trace(
            go.Scatter(
                x=[to_x(d) for d in risks["date"]],
                y=[y_top * 1.02] * len(risks),
                mode="markers",
                name=_t("charts.risk_dates", lang),
                marker={"symbol": "diamond", "size": 10, "color": ACCENT},
                text=[
                    f"{_t(f'trends.risk.{r}', lang)} ({d.isoformat()})"
                    for r, d in zip(risks["risk"], risks["date"], strict=True)
                ],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    days = markers[markers["kind"] == "helgdag"]
    if not days.empty:
        fig.add_trace(
            go.Scatter(
                x=[to_x(d) for d in days["date"]],
                y=[0] * len(days),
                mode="markers",
                name=_t("charts.holidays", lang),
                marker={"symbol": "triangle-up", "size": 11, "color": HOLIDAY_COLOUR},
                text=[f"{n} ({d.isoformat()})" for n, d in zip(days["name"], days["date"], strict=True)],
                hovertemplate="%{text}<extra></extra>",
            )
        )


def weekly_lines(
    df: pd.DataFrame,
    value_label: str,
    rolling_label: str,
    markers: pd.DataFrame | None = None,
    lang: str = "sv",
    title: str | None = None,
) -> go.Figure:
    """The weekly series (df: week_start, iso_year, iso_week, value, rolling) with ISO week labels and
    risk dates and holidays marked on the time axis."""
    weeks = [
        i18n.week_label(int(y), int(w), lang) for y, w in zip(df["iso_year"], df["iso_week"], strict=True)
    ]
    x = pd.to_datetime(df["week_start"])
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=x,
            y=df["value"],
            mode="lines",
            name=value_label,
            customdata=weeks,
            line={"color": BAR_COLOUR, "width": 1.5},
            opacity=0.6,
            hovertemplate="%{customdata}: %{y:,.1f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=df["rolling"],
            mode="lines",
            name=rolling_label,
            customdata=weeks,
            line={"color": ROLLING_COLOUR, "width": 4},
            hovertemplate="%{customdata}: %{y:,.1f}<extra></extra>",
        )
    )
    top = float(df["value"].max()) if len(df) else 1.0
    _marker_lines(fig, markers, lang, top, to_x=lambda d: pd.Timestamp(d) - pd.Timedelta(days=d.weekday()))
    fig.update_xaxes(tickformat=_t("charts.week_tickformat", lang), title_text=_t("charts.week", lang))
    fig.update_yaxes(title_text=value_label, rangemode="tozero")
    return style(fig, title, height=460)


def daily_bars(
    df: pd.DataFrame,
    value_label: str,
    markers: pd.DataFrame | None = None,
    lang: str = "sv",
    title: str | None = None,
) -> go.Figure:
    """Events per day (df: day, value); risk dates red, holidays marked."""
    risk_days: set[dt.date] = set()
    if markers is not None and not markers.empty:
        risk_days = set(markers.loc[markers["kind"] == "risk", "date"])
    colours = [ACCENT if d in risk_days else BAR_COLOUR for d in df["day"]]
    text = [
        f"{i18n.weekday_name(d.weekday(), lang)} {d.isoformat()} ({i18n.week_label(*d.isocalendar()[:2], lang)})"
        for d in df["day"]
    ]
    fig = go.Figure(
        go.Bar(
            x=pd.to_datetime(df["day"]),
            y=df["value"],
            marker_color=colours,
            name=value_label,
            customdata=text,
            hovertemplate="%{customdata}: %{y:,.1f}<extra></extra>",
        )
    )
    top = float(df["value"].max()) if len(df) else 1.0
    _marker_lines(fig, markers, lang, top, to_x=pd.Timestamp)
    fig.update_xaxes(tickformat=_t("charts.week_tickformat", lang), title_text=_t("charts.week", lang))
    fig.update_yaxes(title_text=value_label, rangemode="tozero")
    fig.update_layout(bargap=0.05, showlegend=False)
    return style(fig, title, height=420)


def small_multiples(
    df: pd.DataFrame,
    value_label: str,
    grain: str,
    lang: str = "sv",
    columns: int = 3,
    max_panels: int = 15,
    title: str | None = None,
) -> go.Figure:
    """One small line chart per group (df: group, period, value) on a shared y axis, largest first."""
    groups = list(dict.fromkeys(df["group"]))[:max_panels]
    n_rows = max(1, -(-len(groups) // columns))
    fig = make_subplots(
        rows=n_rows,
        cols=columns,
        subplot_titles=groups,
        shared_yaxes="all",
        shared_xaxes=True,
        vertical_spacing=0.5 / n_rows if n_rows > 1 else 0.1,
        horizontal_spacing=0.04,
    )
    traces, rows, cols = [], [], []
    for i, group in enumerate(groups):
        part = df[df["group"] == group]
        labels = [_period_label(p, grain, lang) for p in part["period"]]
        traces.append(
            go.Scatter(
                x=pd.to_datetime(part["period"]),
                y=part["value"],
                mode="lines",
                line={"color": BAR_COLOUR, "width": 2.5},
                fill="tozeroy",
                fillcolor="rgba(31, 95, 139, 0.15)",
                name=group,
                showlegend=False,
                customdata=labels,
                hovertemplate=f"{group}<br>%{{customdata}}: %{{y:,.1f}}<extra></extra>",
            )
        )
        rows.append(i // columns + 1)
        cols.append(i % columns + 1)
    fig.add_traces(traces, rows=rows, cols=cols)
    if grain == "month" and len(df):
        values, text = month_ticks(min(df["period"]), max(df["period"]), lang, max_ticks=4)
        fig.update_xaxes(tickvals=values, ticktext=text)
    else:
        fig.update_xaxes(tickformat=_t("charts.week_tickformat", lang), nticks=4)
    fig.update_yaxes(rangemode="tozero")
    fig.update_annotations(font_size=FONT_SIZE)
    fig.add_annotation(
        text=value_label,
        x=-0.05,
        y=0.5,
        xref="paper",
        yref="paper",
        textangle=-90,
        showarrow=False,
        font={"size": FONT_SIZE - 2},
    )
    return style(fig, title, height=max(300, 230 * n_rows))


def month_ticks(
    first: dt.date, last: dt.date, lang: str = "sv", max_ticks: int = 7
) -> tuple[list, list[str]]:
    """Tick positions (first day of months) and Swedish labels ("jan 2025") between first and last."""
    months = pd.date_range(pd.Timestamp(first).replace(day=1), pd.Timestamp(last), freq="MS")
    if len(months) == 0:
        return [], []
    step = next(s for s in (1, 2, 3, 4, 6, 12, 24, 36) if len(months) / s <= max_ticks)
    chosen = (
        [m for m in months if (m.month - 1) % step == 0]
        if step in (1, 2, 3, 4, 6, 12)
        else list(months[::step])
    )
    return chosen, [f"{i18n.month_name(m.month, lang, short=True)} {m.year}" for m in chosen]


def _period_label(day: dt.date, grain: str, lang: str) -> str:
    if grain == "month":
        return f"{i18n.month_name(day.month, lang)} {day.year}"
    return i18n.week_label(*day.isocalendar()[:2], lang)


def category_lines_with_actions(
    df: pd.DataFrame,
    labels: dict[str, str],
    actions: pd.DataFrame,
    value_labels: dict[str, str] | None = None,
    lang: str = "sv",
    columns: int = 2,
    title: str | None = None,
) -> go.Figure:
    """One line chart per category over its months (df: key, month_start, value, preliminary), with
    the start of every action marked by a numbered dashed line (actions: id, title, start_date)."""
    keys = list(dict.fromkeys(df["key"]))
    n_rows = max(1, -(-len(keys) // columns))
    fig = make_subplots(
        rows=n_rows,
        cols=columns,
        subplot_titles=[labels.get(k, k) for k in keys],
        shared_xaxes=True,
        vertical_spacing=0.45 / n_rows if n_rows > 1 else 0.1,
        horizontal_spacing=0.08,
    )
    value_labels = value_labels or {}
    traces, rows, cols = [], [], []
    shapes: list[dict] = []
    notes: list[dict] = []
    for i, key in enumerate(keys):
        part = df[df["key"] == key].sort_values("month_start")
        months = [f"{i18n.month_name(d.month, lang)} {d.year}" for d in part["month_start"]]
        unit = value_labels.get(key, "")
        traces.append(
            go.Scatter(
                x=pd.to_datetime(part["month_start"]),
                y=part["value"],
                mode="lines+markers",
                showlegend=False,
                line={"color": BAR_COLOUR, "width": 2.5},
                marker={"size": 5, "color": [ACCENT if p else BAR_COLOUR for p in part["preliminary"]]},
                customdata=months,
                hovertemplate="%{customdata}: %{y:,.0f} " + unit + "<extra></extra>",
            )
        )
        rows.append(i // columns + 1)
        cols.append(i % columns + 1)
        axis = "" if i == 0 else str(i + 1)
        for action in actions.itertuples():  # shapes and notes in one layout update: add_vline is slow
            x = pd.Timestamp(action.start_date)
            shapes.append(
                {
                    "type": "line",
                    "x0": x,
                    "x1": x,
                    "y0": 0,
                    "y1": 1,
                    "xref": f"x{axis}",
                    "yref": f"y{axis} domain",
                    "line": {"color": ROLLING_COLOUR, "width": 1.5, "dash": "dash"},
                }
            )
            notes.append(
                {
                    "x": x,
                    "y": 0,
                    "xref": f"x{axis}",
                    "yref": f"y{axis} domain",
                    "text": str(action.id),
                    "showarrow": False,
                    "yanchor": "bottom",
                    "xanchor": "left",
                    "bgcolor": "white",
                    "font": {"size": FONT_SIZE - 5, "color": ROLLING_COLOUR},
                }
            )
    fig.add_traces(traces, rows=rows, cols=cols)
    fig.update_layout(shapes=shapes, annotations=list(fig.layout.annotations) + notes)
    if len(df):
        values, text = month_ticks(min(df["month_start"]), max(df["month_start"]), lang, max_ticks=6)
        fig.update_xaxes(tickvals=values, ticktext=text)
    fig.update_yaxes(rangemode="tozero")
    return style(fig, title, height=max(320, 280 * n_rows))
