"""Upload widgets for the Data page: one generic flow for every importer in `est_data.ingest.IMPORTERS`.

File (checked against the import limits at once, without parsing it) -> the importer's own options
(if any; read from the file's head) -> preview (the first rows only, nothing written; rejected rows
shown) -> load with a progress bar (the whole file is parsed only now) -> result. Importers that take a `progress` parameter report progress;
importers with `profiles(con)` get a profile choice; areas and felanmälan get their column choices.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
from types import ModuleType

import pandas as pd
import streamlit as st

from est_data import db, i18n
from est_data.ingest import limits
from est_data.ingest.common import ImportFileError, ImportReport, preview_head
from est_data.text import md
from est_data.ui.common import show_table
from est_data.ui.state import con, tr


def module(path: str) -> ModuleType:
    return importlib.import_module(path)


def source_label(name: str, mod: ModuleType) -> str:
    key = f"incidents.data.source.{name}"
    return tr(key) if i18n.has(key) else getattr(mod, "CLI_HELP", name)


def _accepts(fn, name: str) -> bool:
    params = inspect.signature(fn).parameters
    return name in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


def _explicit(fn, name: str) -> bool:
    return name in inspect.signature(fn).parameters


def options_for(name: str, mod: ModuleType, data: bytes, file_name: str, default_municipality: str) -> dict:
    """The importer's options as widgets; returns {option: value} for preview/load."""
    options: dict = {}
    key = f"data_{name}"
    if name == "areas":
        cols, default = mod.columns(data, file_name)
        c1, c2, c3 = st.columns(3)
        options["name_column"] = c1.selectbox(
            tr("incidents.data.name_column"),
            cols,
            index=cols.index(default) if default in cols else 0,
            key=f"{key}_name_column",
        )
        options["mode"] = c2.radio(
            tr("incidents.data.mode"),
            list(mod.MODES),
            format_func=lambda m: tr(f"incidents.data.mode.{m}"),
            key=f"{key}_mode",
        )
        options["kind"] = c3.text_input(tr("incidents.data.kind"), value="stadsdel", key=f"{key}_kind")
        options["municipality_code"] = c3.text_input(
            tr("incidents.data.municipality"), value=default_municipality, key=f"{key}_municipality"
        )
    elif name == "felanmalan":
        cols, detected = mod.file_columns(data, file_name)
        saved = mod.profiles(con())
        with st.expander(
            tr("incidents.data.mapping"), expanded=not all(detected.get(f) for f in mod.REQUIRED)
        ):
            st.caption(tr("incidents.data.mapping_help"))
            profile = st.selectbox(
                tr("incidents.data.profile"),
                [""] + sorted(saved),
                key=f"{key}_profile",
                format_func=lambda p: p or tr("incidents.data.no_profile"),
            )
            base = {**detected, **saved.get(profile, {})} if profile else detected
            mapping = {}
            grid = st.columns(3)
            for i, field in enumerate(mod.option_fields()):
                choices = [""] + cols
                current = base.get(field) or ""
                mapping[field] = (
                    grid[i % 3].selectbox(
                        tr(f"incidents.data.field.{field}"),
                        choices,
                        index=choices.index(current) if current in choices else 0,
                        key=f"{key}_map_{field}",
                        format_func=lambda c: c or "—",
                    )
                    or None
                )
            options["mapping"] = {k: v for k, v in mapping.items() if v}
            p1, p2 = st.columns([3, 1])
            new_name = p1.text_input(tr("incidents.data.profile_name"), key=f"{key}_profile_name")
            if p2.button(
                tr("incidents.data.save_profile"), key=f"{key}_save_profile", disabled=not new_name.strip()
            ):
                user = st.session_state.get("user_id")
                mod.save_profile(con(), new_name.strip(), options["mapping"], by=str(user))
                st.success(tr("incidents.data.profile_saved", name=md(new_name.strip())))
        options["municipality_code"] = default_municipality
    elif name == "bra" and mod.file_year(file_name) is None:
        year = st.number_input(
            tr("bra.ui.year"),
            min_value=1950,
            max_value=2100,
            value=None,
            step=1,
            key=f"{key}_year",
            help=tr("bra.ui.year_help"),
        )
        if year:
            options["year"] = int(year)
    elif name == "register":
        from est_data.ui import register_import

        options = register_import.options(mod, data, file_name, default_municipality)
    elif hasattr(mod, "profiles"):
        names = sorted(mod.profiles(con()))
        if names:
            chosen = st.selectbox(
                tr("incidents.data.profile"),
                [""] + names,
                key=f"{key}_profile",
                format_func=lambda p: p or tr("incidents.data.no_profile"),
            )
            if chosen:
                options["profile"] = chosen
    return {k: v for k, v in options.items() if _accepts(mod.preview, k)}


def show_report(report: ImportReport, loaded: bool) -> None:
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("incidents.data.rows_read"), report.rows_read)
    c2.metric(
        tr("incidents.data.rows_loaded" if loaded else "incidents.data.rows_to_load"), report.rows_loaded
    )
    c3.metric(tr("incidents.data.rows_unchanged"), report.rows_unchanged)
    c4.metric(tr("incidents.data.rows_rejected"), report.rows_rejected)
    for message in report.messages:
        st.caption(md(message))
    if report.rejected:
        st.markdown(f"**{tr('incidents.data.rejected_rows')}**")
        frame = report.rejected_frame().rename(
            columns={
                "rad": tr("incidents.data.col.line"),
                "orsak": tr("incidents.data.col.reason"),
                "innehåll": tr("incidents.data.col.content"),
            }
        )
        show_table(frame, hide_index=True, width="stretch")


def upload_flow(name: str, path: str, default_municipality: str) -> None:
    mod = module(path)
    key = f"data_{name}"
    help_key = f"incidents.data.help.{name}"
    help_text = tr(help_key) if i18n.has(help_key) else getattr(mod, "CLI_HELP", "")
    if help_text:
        st.caption(help_text[:1].upper() + help_text[1:])
    uploaded = st.file_uploader(tr("incidents.data.choose_file"), key=f"{key}_file")
    if uploaded is None:
        st.session_state.pop(f"{key}_result", None)
        return
    data = uploaded.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    try:
        limits.check(data)  # size, columns, rows, unpacked size, nesting: before any parser sees the file
        with preview_head():  # the options need only the column names
            options = options_for(name, mod, data, uploaded.name, default_municipality)
    except ImportFileError as err:
        st.error(md(f"{uploaded.name}: {err}"))
        return
    state_key = (digest, repr(sorted(options.items())))
    if st.button(tr("incidents.data.preview"), key=f"{key}_preview", icon=":material/preview:"):
        try:
            with preview_head() as head, db.shared():  # temp tables on this cursor: no file rewrite meanwhile
                report = mod.preview(con(), data, uploaded.name, **options)
            st.session_state[f"{key}_preview_state"] = (state_key, report, head)
        except ImportFileError as err:
            st.session_state.pop(f"{key}_preview_state", None)
            st.error(md(f"{uploaded.name}: {err}"))
    previewed = st.session_state.get(f"{key}_preview_state")
    if previewed and previewed[0] == state_key:
        st.subheader(tr("incidents.data.preview_heading"))
        if previewed[2].cut:
            st.caption(tr("safety.preview_head", n=previewed[2].rows))
        show_report(previewed[1], loaded=False)
        if st.button(tr("incidents.data.load"), key=f"{key}_load", type="primary", icon=":material/upload:"):
            bar = st.progress(0.0, text=tr("incidents.data.loading"))

            def progress(fraction: float, text: str) -> None:
                bar.progress(min(max(fraction, 0.0), 1.0), text=text)

            extra = {"progress": progress} if _explicit(mod.load, "progress") else {}
            try:
                with db.shared():
                    report = mod.load(con(), data, uploaded.name, **options, **extra)
            except ImportFileError as err:
                bar.empty()
                st.error(md(f"{uploaded.name}: {err}"))
                return
            from est_data import derived

            derived.after_import(con(), report.rows_loaded)  # hotspots and near-repeat ready for the pages
            bar.progress(1.0, text=tr("incidents.data.done"))
            st.session_state.pop(f"{key}_preview_state", None)
            st.session_state[f"{key}_result"] = report
    result = st.session_state.get(f"{key}_result")
    if result is not None:
        st.success(tr("incidents.data.loaded", summary=md(result.summary_line())))
        show_report(result, loaded=True)


def batches_table(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(
        columns={
            "id": "#",
            "source": tr("incidents.data.col.source"),
            "file_name": tr("incidents.data.col.file"),
            "rows_read": tr("incidents.data.rows_read"),
            "rows_loaded": tr("incidents.data.rows_loaded"),
            "rows_rejected": tr("incidents.data.rows_rejected"),
            "status": tr("incidents.data.col.status"),
            "started_at": tr("incidents.data.col.started"),
            "finished_at": tr("incidents.data.col.finished"),
            "message": tr("incidents.data.col.message"),
        }
    )
