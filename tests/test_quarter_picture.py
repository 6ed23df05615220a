"""The quarterly two-by-two in the PDF is the page's picture (issue 18 item 4's last touch): the same
points, the group's judgements told from the computed proxy, the coming quarter's priority areas
ringed, the same quadrant names, in the quarterly report and in the reporters' feedback version."""

from __future__ import annotations

import base64
import io
import json

import numpy as np
import pytest
from conftest import app_as
from pypdf import PdfReader

from est_data import db, priorities
from est_data.analysis import ranking_picture
from est_data.report import quarter_analysis, quarterly, render
from est_data.report.document import Figure

pytestmark = pytest.mark.filterwarnings("ignore")

CODE = "1287"
QUADRANT_NAMES = [
    "Prioritera insatser",
    "Högt behov – fler parter behövs",
    "Lägre behov – goda möjligheter",
    "Lägre behov – bevaka",
]


def _ids(con) -> dict[str, int]:
    return dict(con.execute("select name, id from area where municipality_code = ?", [CODE]).fetchall())


def _values(values) -> list:
    """A plotly JSON array: a list, or a typed array {"dtype": "f8", "bdata": base64}."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def _page_picture(at) -> dict[str, set[tuple[str, float, float]]]:
    """The page's plotly chart read back: per series (by its legend name), its (area, need, influence)."""
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    out: dict[str, set] = {}
    for trace in spec["data"]:
        xs, ys = _values(trace["x"]), _values(trace["y"])
        texts = trace.get("text") or [""] * len(xs)
        out[trace["name"]] = {(str(a), float(x), float(y)) for a, x, y in zip(texts, xs, ys, strict=True)}
    out["quadrants"] = {
        a["text"].replace("<b>", "").replace("</b>", "") for a in spec["layout"]["annotations"]
    }
    return out


def _pdf_picture(fig) -> dict[str, set[tuple[str, float, float]]]:
    """The PDF's matplotlib figure read back the same way (series by gid, names from the annotations)."""
    ax = fig.axes[0]
    names = {(round(a.xy[0], 6), round(a.xy[1], 6)): a.get_text() for a in ax.texts if hasattr(a, "xy")}
    legend = {t.get_text() for t in ax.get_legend().texts}
    out: dict[str, set] = {}
    for collection in ax.collections:
        points = {(round(float(x), 6), round(float(y), 6)) for x, y in collection.get_offsets()}
        assert collection.get_label() in legend and collection.get_gid() in (
            "judgement",
            "computed",
            "priority",
        )
        out[collection.get_label()] = {
            ("" if collection.get_gid() == "priority" else names[p], p[0], p[1]) for p in points
        }  # the rings are unnamed marks around named points, on the page as here
    out["quadrants"] = {t.get_text() for t in ax.texts if not hasattr(t, "xy")}
    return out


def test_pdf_picture_has_the_pages_points_judgements_priorities_and_quadrants(sample_db):
    con = db.connect(sample_db)
    ids = _ids(con)
    priorities.set_judgement(
        con, CODE, ids["Pilevallen"], 2026, 3, "hög", "Fastighetsägaren vill", "samordnare"
    )
    priorities.set_judgement(
        con, CODE, ids["Hamnen"], 2026, 3, "låg", "Hamnbolaget deltar inte", "samordnare"
    )
    # Chosen when analysing 2026 Q3, for 2026 Q4: one judged area and one computed.
    priorities.save_priorities(con, CODE, 2026, 4, {ids["Pilevallen"]: "", ids["Centrum"]: ""}, "samordnare")

    at = app_as("samordnare")
    at.session_state["kvartal_year"] = 2026
    at.session_state["kvartal_quarter"] = 3
    at.switch_page("pages/kvartal.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    page = _page_picture(at)

    frame = quarter_analysis.ranked(con, CODE, 2026, 3)
    chosen = quarter_analysis.priority_ids(con, CODE, 2026, 4)
    pdf = _pdf_picture(quarter_analysis.picture_figure(frame, "sv", chosen))

    judged, computed = "Gruppens bedömning", "Beräknad (insatser, parter, rapportörer)"
    ringed = "Prioriterat kommande kvartal"
    assert set(page) == set(pdf) == {judged, computed, ringed, "quadrants"}
    assert page == pdf
    # What they agree on is the real thing: the judged areas, the ringed ones, every area once.
    assert {a for a, _, _ in pdf[judged]} == {"Pilevallen", "Hamnen"}
    assert (
        next(p for p in pdf[judged] if p[0] == "Pilevallen")[2] == 80
        and next(p for p in pdf[judged] if p[0] == "Hamnen")[2] == 20
    )
    ring_points = {(x, y) for _, x, y in pdf[ringed]}
    by_area = {a: (x, y) for a, x, y in pdf[judged] | pdf[computed]}
    assert ring_points == {by_area["Pilevallen"], by_area["Centrum"]}
    assert len(by_area) == len(frame) == 14
    assert pdf["quadrants"] == set(QUADRANT_NAMES)
    assert ranking_picture.points(frame, chosen)["priority"].sum() == 2


def _figures(report) -> list[Figure]:
    return [b for b in report.blocks if isinstance(b, Figure)]


def test_quarterly_pdf_and_feedback_carry_the_ringed_picture(sample_db):
    con = db.connect(sample_db)
    ids = _ids(con)
    priorities.save_priorities(con, CODE, 2026, 4, {ids["Centrum"]: "HEMLIG avsikt"}, "samordnare")
    ringed = "Ringade områden är prioriterade för 2026 Q4."
    report = quarterly.build(con, 2026, 3, CODE)
    pictures = [f for f in _figures(report) if f.caption.startswith("Områdena efter behov")]
    assert len(pictures) == 1 and ringed in pictures[0].caption
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render.render(report, "pdf"))).pages)
    assert "Ringade områden är prioriterade för 2026 Q4" in " ".join(text.split())
    feedback = quarter_analysis.feedback(con, 2026, 3, CODE)
    pictures = [f for f in _figures(feedback) if ringed in f.caption]
    assert len(pictures) == 1
    assert "HEMLIG" not in feedback.text()
    # The same PNG as the quarterly report's: the same picture for the network (no names are drawn but
    # the areas', no reasons).
    frame = quarter_analysis.ranked(con, CODE, 2026, 3)
    assert pictures[0].png == quarter_analysis.picture(frame, "sv", (ids["Centrum"],), (2026, 4)).png
    # Without priorities for the coming quarter nothing is ringed and the caption says nothing of it.
    q2 = quarterly.build(con, 2026, 2, CODE)
    assert not any("Ringade" in f.caption for f in _figures(q2))
