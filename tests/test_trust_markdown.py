"""Markdown and mathtext injection (issue 16 item 4).

Names and texts from users and imported files go through one helper, `est_data.text.md`, wherever
Streamlit renders Markdown; matplotlib reads no mathtext in report figures. The area names come from
the bad-input corpus (tests/fixtures/bad/areas_markdown_names.geojson); the browser side (no image
fetched, no link, no LaTeX) is in test_trust_session_browser.py.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json

import pytest

from est_data import db, weekly
from est_data.model import IsoWeek
from est_data.report import render
from est_data.report import weekly as weekly_report
from est_data.text import md
from tests.conftest import FIXTURES, app_as

NAMES_FILE = FIXTURES / "bad" / "areas_markdown_names.geojson"
NAMES = [f["properties"]["namn"] for f in json.loads(NAMES_FILE.read_text(encoding="utf-8"))["features"]]
SPECIAL = set("\\`*_[]{}<>#!|~$&")
PAYLOADS = [
    *NAMES,
    "Anna [Logga in](http://x)",
    "rad ett\n# rubrik",
    "- punkt",
    "+ punkt",
    "12) tolv",
    "a\\b",
    "\\![x](y)",
    "www.evil.example",
    "okand@example.test",
]


def unescaped(text: str) -> list[str]:
    """The Markdown-special characters of `text` that are not backslash-escaped."""
    found, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in SPECIAL:
            found.append(text[i])
        i += 1
    return found


def reads_as(text: str) -> str:
    """What a reader sees: backslash escapes resolved, the invisible word joiner dropped."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
            continue
        out.append(text[i])
        i += 1
    return "".join(out).replace("\u2060", "")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_escapes_everything_and_the_text_reads_the_same(payload):
    safe = md(payload)
    assert unescaped(safe) == []
    assert "://" not in safe and "www." not in safe.lower(), "no bare URL left to autolink"
    assert not safe.lstrip().startswith(("-", "+", "#", "1.", "12)")), "no list or heading of its own"
    assert reads_as(safe) == " ".join(payload.splitlines())


def test_missing_values_are_blank():
    import pandas as pd

    assert md(None) == md(float("nan")) == md(pd.NA) == md(pd.NaT) == ""


def _import_names(con) -> list[int]:
    importlib.import_module("est_data.ingest.areas").load(con, str(NAMES_FILE), NAMES_FILE.name, mode="add")
    ids = [
        r[0] for r in con.execute("select id from area where name in (select unnest(?))", [NAMES]).fetchall()
    ]
    assert len(ids) == len(NAMES)
    return ids


def _markdown_of(at) -> list[str]:
    kinds = ("markdown", "caption", "subheader", "title", "header", "info", "success", "warning", "error")
    values = []
    for kind in kinds:
        values += [str(e.value) for e in getattr(at, kind)]
        values += [str(e.value) for e in getattr(at.sidebar, kind)]
    values += [str(w.label) for w in at.get("button_group")] + [str(w.label) for w in at.text_area]
    return values


def _assert_names_escaped(texts: list[str], where: str) -> None:
    shown = [
        t for t in texts if any(marker in reads_as(t) for marker in ("evil.example", "frac", "$5", ":red"))
    ]
    assert shown, f"{where}: the planted names are on the page"
    for text in shown:
        for name in NAMES:
            assert name not in text, f"{where}: raw Markdown {name!r} in {text!r}"
            if "**" not in name:
                assert md(name) in text or name not in reads_as(text), f"{where}: {name!r} not escaped"


def test_area_names_and_display_names_render_as_text_on_the_pages(sample_db):
    con = db.connect()
    ids = _import_names(con)
    con.execute("insert into reporter_area (reporter_id, area_id) select 1, unnest(?)", [ids])
    week = IsoWeek.of(dt.date.today())
    weekly.submit_week(
        con, 1, week, [weekly.AreaAnswer(area_id=a, levels={}, comment=None) for a in ids], by="t"
    )
    con.execute("update app_user set display_name = ? where username = 'samordnare'", [NAMES[0]])
    con.execute(
        "insert into weekly_priority (iso_year, iso_week, kind, description, horizon, area_id)"
        " values (?, ?, 'närvaro', ?, 'vecka', ?)",
        [week.year, week.week, NAMES[1] + " " + NAMES[2], ids[0]],
    )
    at = app_as("samordnare")
    assert not at.exception
    _assert_names_escaped(_markdown_of(at), "Översikt")
    assert md(NAMES[0]) in " ".join(c.value for c in at.sidebar.caption), "the display name, escaped"
    at.switch_page("pages/rapportera.py")
    at.session_state["report_reporter"] = 1
    at.run()
    assert not at.exception
    _assert_names_escaped(_markdown_of(at), "Rapportera")
    at.switch_page("pages/lagesbild.py")
    at.run()
    assert not at.exception
    views = [w for w in at.get("button_group") if w.key == "lb_view"]
    if views and "Mötet" in views[0].options:  # Lägesbild's meeting mode lists the priorities
        at.session_state["lb_view"] = "meeting"
        at.run()
        assert not at.exception
        texts = _markdown_of(at)
        _assert_names_escaped(texts, "Lägesbild, mötet")
        assert any(md(NAMES[1] + " " + NAMES[2]) in t for t in texts), "the priority text, escaped"


def test_dollar_signs_in_area_and_category_names_do_not_break_the_weekly_report(sample_db):
    con = db.connect()
    _import_names(con)
    week = weekly_report.default_week(con)
    monday = week.monday()
    con.execute(
        "update incident set category = ? || category"
        " where id in (select id from incident where occurred_at >= ? and occurred_at < ? limit 40)",
        [r"$\frac{a$ ", monday, monday + dt.timedelta(days=7)],
    )
    report = weekly_report.build(con, week)
    pdf = render.render(report, "pdf")
    assert pdf.startswith(b"%PDF")
    html = render.render(report, "html").decode("utf-8")
    assert r"$\frac{a$" in html, "the category shows as typed"


BROKEN_TEX = r"Torg $\frac{a$"


@pytest.mark.parametrize("reset_rc", [False, True])
def test_report_figures_draw_dollar_signs_as_text(reset_rc, monkeypatch):
    import geopandas as gpd
    import matplotlib
    import pandas as pd
    from shapely.geometry import box

    from est_data.analysis import ranking_picture
    from est_data.report import figures

    if reset_rc:  # something else in the process switched mathtext back on
        monkeypatch.setitem(matplotlib.rcParams, "text.parse_math", True)
    names = [BROKEN_TEX, "Hamnen $5 och $10", "$x^2$"]
    pngs = [
        figures.compare_bars(names, [3, 2, 1], [1, 1, 1], "vecka", BROKEN_TEX),
        figures.monthly_lines(
            pd.DataFrame(
                {
                    "m": pd.to_datetime(["2026-01-01", "2026-02-01"] * 3),
                    "cat": [n for n in names for _ in range(2)],
                    "n": [1, 2, 3, 4, 5, 6],
                }
            ),
            "m",
            "cat",
            "n",
            BROKEN_TEX,
        ),
        figures.year_bars(pd.DataFrame({"year": [BROKEN_TEX, "2026"], "n": [3, 4]}), "year", "n", BROKEN_TEX),
        figures.need_influence(
            ranking_picture.points(
                pd.DataFrame(
                    {
                        "area_id": [1, 2, 3],
                        "area": names,
                        "need": [10, 50, 90],
                        "influence": [20, 60, 80],
                        "influence_source": ["judgement", "computed", "computed"],
                    }
                ),
                (3,),
            ),
            BROKEN_TEX,
            "y",
            (BROKEN_TEX, "b", "c", "d"),
        ),
        figures.status_map(
            gpd.GeoDataFrame(
                {"name": names, "status": ["röd", "gul", None]},
                geometry=[box(i * 1000, 0, i * 1000 + 900, 900) for i in range(3)],
                crs="EPSG:3006",
            ),
            "status",
            {"röd": BROKEN_TEX, "gul": "gul", None: "–"},
        ),
    ]
    assert all(p.startswith(b"\x89PNG") for p in pngs)
