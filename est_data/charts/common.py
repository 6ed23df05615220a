"""What every plotly chart of the app shares: projector-sized fonts, a white background, Swedish separators."""

from __future__ import annotations

import plotly.graph_objects as go

FONT_SIZE = 17
TITLE_SIZE = 21


def style(fig: go.Figure, title: str | None = None, height: int = 420) -> go.Figure:
    """Large readable fonts, a white background and room for the axis labels."""
    fig.update_layout(
        title={"text": title, "font": {"size": TITLE_SIZE}} if title else None,
        font={"size": FONT_SIZE, "family": "Source Sans Pro, Arial, sans-serif"},
        template="plotly_white",
        height=height,
        margin={"l": 60, "r": 20, "t": 60 if title else 20, "b": 60},
        hoverlabel={"font_size": FONT_SIZE},
        legend={"font": {"size": FONT_SIZE - 1}},
        separators=", ",
    )
    return fig
