"""Every page, for every role that may see it, on the data a real municipality has.

Datasets (est_data.variants): an empty database, a new municipality with only areas and reporters,
the sample, the holey sample (answers missing for areas and whole weeks, optional fields empty,
actions from priorities without categories, a source with no rows, the current week half answered)
and a Thursday with half the answers in. Each page is opened, each of its views, steps and tabs
visited, and nothing rendered may be a traceback, `nan`, `NaN`, `None`, `NaT`, `<NA>` or an
untranslated catalogue key.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import ADMIN_PASSWORD, ROOT
from google.protobuf.json_format import MessageToDict

from est_data import auth, db, i18n, rounds, variants
from est_data.ui import pages as page_registry

ROLES = {"admin": "admin", "samordnare": "samordnare", "läsare": "lasare", "rapportör": "rapportor"}
FORBIDDEN = re.compile(r"(?<![\w.])(nan|NaN|None|NaT|<NA>)(?![\w])")

# What to visit on each page beyond its first view: (session_state key, value) steps, run in order.
# Tabs rendered all at once by st.tabs need no step; lazily rendered ones (on_change="rerun") do.
STAFF = ("admin", "samordnare")


def _views(page: str, role: str) -> list[dict]:
    staff = role in STAFF
    if page == "lagesbild":
        return [{"lb_view": v} for v in ("matrix", "map", "notes", *(["meeting"] if staff else []))]
    if page == "mote":
        from est_data.report import meeting

        return [{"mote_step": s} for s in meeting.STEPS]
    if page == "karta":
        return [
            {
                f"karta_layer_{name}": True
                for name in ("clusters", "heat", "places", "hotspots", "emerging", "risk")
            }
            | {"karta_cold": True}
        ]
    if page == "trygghetsvandringar":
        return [{"walks_tab": i18n.t(t)} for t in ("walks.tab.findings", "walks.tab.followup")]
    if page == "insatser":
        tabs = (
            "actions.tab.list",
            *(("actions.tab.new", "actions.tab.edit") if staff else ()),
            "actions.tab.evaluate",
            "actions.tab.year",
        )
        return [{"actions_tab": i18n.t(t)} for t in tabs]
    if page == "kvartal":  # every tab renders at once; also a quarter with little or no data
        return [{"kvartal_quarter": 1}]
    return []


# Besides the five datasets of est_data.variants: real police events and nothing else (no area layer).
KINDS = (*variants.DATASETS, "police")
POLICE_FILE = Path(__file__).parent / "fixtures" / "polisen" / "events_trelleborg_orebro_malmo.json"


def _prepare(kind: str, template: Path, target: Path) -> Path:
    if kind in ("empty", "police"):
        con = db.connect(target)
        if kind == "police":
            from est_data.ingest import polisen

            polisen.load(con, POLICE_FILE.read_bytes(), POLICE_FILE.name)
    else:
        shutil.copy(template, target)
        con = db.connect(target)
        variants.apply(con, kind)
    if kind in ("empty", "police"):
        for username, role in (
            ("admin", "admin"),
            ("samordnare", "samordnare"),
            ("lasare", "läsare"),
            ("rapportor", "rapportör"),
        ):
            auth.create_user(con, username, ADMIN_PASSWORD, role, email=f"{username}@example.test")
    db.close(target)
    return target


@pytest.fixture(scope="session")
def dataset_paths(sample_template, tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("datasets")
    return {kind: _prepare(kind, sample_template, base / f"{kind}.duckdb") for kind in KINDS}


def _texts(node) -> list[str]:
    """Every string a user could read in an AppTest element tree (dataframe cells included)."""
    out: list[str] = []
    kind = getattr(node, "type", "")
    if kind in ("arrow_data_frame", "dataframe", "table", "data_editor"):
        try:
            frame = node.value
        except Exception:  # noqa: BLE001 - a widget whose value cannot be read still has its proto below
            frame = None
        if isinstance(frame, pd.DataFrame):
            out += [str(c) for c in frame.columns]
            if frame.isna().to_numpy().any():
                out.append("<NA> (a missing cell in a table)")
            out += [str(v) for v in frame.astype(str).to_numpy().ravel()]
            return out
    proto = getattr(node, "proto", None)
    if proto is not None:
        data = MessageToDict(proto)
        data.pop("arrowTable", None)
        data.pop("data", None)
        out.append(_flatten(data))
    for child in getattr(node, "children", {}).values():
        out += _texts(child)
    return out


def _flatten(value) -> str:
    if isinstance(value, dict):
        return " ".join(
            _flatten(v) for k, v in value.items() if k not in ("id", "formId", "arrowData", "spec")
        )
    if isinstance(value, list):
        return " ".join(_flatten(v) for v in value)
    return str(value)


def _check(at, where: str) -> None:
    assert not at.exception, f"{where}: {[e.value for e in at.exception]}"
    text = " ".join(_texts(at.main) + _texts(at.sidebar))
    bad = sorted({m.group(0) for m in FORBIDDEN.finditer(text)})
    assert not bad, (
        f"{where}: shows {bad}: …{text[max(0, text.find(bad[0]) - 120) : text.find(bad[0]) + 80]}…"
    )
    assert not i18n.MISSING, f"{where}: untranslated keys {sorted(i18n.MISSING)}"


def _cases():
    for kind in KINDS:
        for spec in page_registry.PAGES:
            for role in spec.roles:
                yield pytest.param(kind, spec.key, role, id=f"{kind}-{spec.key}-{ROLES[role]}")


@pytest.fixture
def exports(monkeypatch) -> list[tuple[str, bytes]]:
    """Every Excel export a page offers, made as the user's click would make it."""
    from est_data.export import excel_bytes
    from est_data.ui import common, figures

    made: list[tuple[str, bytes]] = []

    def recording(original):
        def wrapper(df, file_stem, key, *args, **kwargs):
            made.append((file_stem, excel_bytes(df)))
            return original(df, file_stem, key, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(common, "download_table", recording(common.download_table))
    monkeypatch.setattr(figures, "download_table_lazy", recording(figures.download_table_lazy))
    return made


def _check_exports(made: list[tuple[str, bytes]], where: str) -> None:
    import io

    from openpyxl import load_workbook

    for stem, data in made:
        sheet = load_workbook(io.BytesIO(data), read_only=True).active
        cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None)
        bad = sorted({m.group(0) for m in FORBIDDEN.finditer(cells)})
        assert not bad, f"{where}: the Excel export {stem} has {bad}"


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "page", "role"), list(_cases()))
def test_page_on_dataset(dataset_paths, monkeypatch, exports, kind, page, role):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("EST_DB", str(dataset_paths[kind]))
    monkeypatch.setenv("EST_LOAD_SAMPLE", "0")
    i18n.MISSING.clear()
    con = db.connect()
    uid = con.execute("select id from app_user where username = ?", [ROLES[role]]).fetchone()[0]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["user_id"] = uid
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    _check(at, f"{kind}/{page}/{role}")
    for step in _views(page, role):
        for key, value in step.items():
            at.session_state[key] = value
        at.run()
        _check(at, f"{kind}/{page}/{role}/{step}")
    if kind == "sample" and page in ("trender", "karta", "lagesbild", "enkat"):
        assert exports, (
            f"{page} offers Excel exports on the sample; none was seen (is the recorder bypassed?)"
        )
    _check_exports(exports, f"{kind}/{page}/{role}")


def _municipality(con) -> str:
    from est_data import config

    return config.get_setting(con, "municipality_code") or "1287"


def _report_text(data: bytes, fmt: str) -> str:
    if fmt == "html":
        return re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+", "", data.decode("utf-8"))
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["pdf", "html"])
@pytest.mark.parametrize("report", ["weekly", "quarterly", "annual"])
@pytest.mark.parametrize("kind", KINDS)
def test_reports_on_dataset(dataset_paths, kind, report, fmt):
    """The weekly, quarterly and annual reports build on every dataset and show no missing-value text."""
    import datetime as dt

    from est_data import queries
    from est_data.model import IsoWeek
    from est_data.report import service

    i18n.MISSING.clear()
    key = str(dataset_paths[kind])
    con = db.cursor(key)
    code = _municipality(con)
    if report == "weekly":
        week, _ = queries.reference_week(con, code)
        data = service.weekly_bytes(key, str(week), code, False, "sv", fmt)
        current = IsoWeek.of(dt.date.today())
        if kind in ("thursday", "holey"):
            assert week == current, "the half-answered week is the one reported"
        if kind == "rounds":  # the half-answered two-week round, by its first week
            assert week == rounds.round_of(con, dt.date.today()).start
    elif report == "quarterly":
        year, quarter = service.default_quarter(con, code)
        data = service.quarterly_bytes(key, year, quarter, code, "sv", fmt)
    else:
        years = service.report_years(con, code) or [dt.date.today().year]
        data = service.annual_bytes(key, years[0], code, "sv", fmt)
    text = _report_text(data, fmt)
    assert len(text) > 200
    bad = sorted({m.group(0) for m in FORBIDDEN.finditer(text)})
    assert not bad, (
        f"{kind} {report}.{fmt} shows {bad}: …{text[max(0, text.find(bad[0]) - 150) : text.find(bad[0]) + 60]}…"
    )
    assert not i18n.MISSING, f"untranslated keys {sorted(i18n.MISSING)}"
