"""Names in charts: a link planted in an area name is drawn as text, never as a link (issue 16, item 4)."""

from __future__ import annotations

import datetime as dt
import json

import plotly.graph_objects as go

from est_data.charts import trend_figures
from est_data.model import Filters
from est_data.text import unlink_figure


def _json(fig) -> str:
    return json.dumps(json.loads(fig.to_json()), ensure_ascii=False)


EVIL = '<a href="http://angripare.example/t.png">Centrum</a>'


def test_a_link_in_any_text_of_a_figure_is_neutralised_and_ours_kept():
    fig = go.Figure(go.Bar(x=[EVIL, "Hamnen"], y=[3, 4], name=EVIL, hovertext=[EVIL, "ok"]))
    fig.add_annotation(text=f"område={EVIL}<br><b>fet</b>")
    unlink_figure(fig)
    blob = _json(fig)
    assert "<a " not in blob and "</a>" not in blob
    assert "&lt;a href" in blob
    assert "<br><b>fet</b>" in blob  # the product's own markup stays
    unlink_figure(fig)  # idempotent: a cached figure may pass through on every run
    assert _json(fig) == blob


def test_the_area_trend_chart_of_an_area_named_as_a_link(sample_con):
    sample_con.execute("update area set name = ? where name = 'Centrum'", [EVIL])
    filters = Filters("1287", dt.date(2025, 1, 1), dt.date(2025, 12, 31), ())
    fig = trend_figures.groups(sample_con, filters, "polisen", "area", None, "sv")
    assert fig is not None and "<a href" in _json(fig)
    blob = _json(unlink_figure(fig))
    assert "<a href" not in blob and "&lt;a href" in blob
