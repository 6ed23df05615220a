"""Data: imports (upload, options, preview with rejected rows, load with progress) and recent import batches."""

import streamlit as st

from est_data import config
from est_data.analysis import coverage
from est_data.ingest import IMPORTERS, batches
from est_data.ui import imports
from est_data.ui.common import download_table, page_setup, show_table
from est_data.ui.state import cached, tr

ctx = page_setup("data")
st.caption(tr("incidents.data.intro"))
default_municipality = (
    ctx.filters.municipality_code if ctx.filters else config.get_setting(ctx.con, "municipality_code")
)

names = list(IMPORTERS)
tabs = st.tabs([imports.source_label(n, imports.module(IMPORTERS[n])) for n in names])
for name, tab in zip(names, tabs, strict=True):
    with tab:
        imports.upload_flow(name, IMPORTERS[name], default_municipality)

st.subheader(tr("coverage.title"))  # issue 14: what each source covers, before anything is judged on it
if default_municipality:
    covered = cached(coverage.table, default_municipality)
    if covered.empty:
        st.write(tr("coverage.none"))
    else:
        st.caption(tr("coverage.caption"))
        show_table(
            covered.rename(
                columns={
                    "source": tr("incidents.data.col.source"),
                    "first": tr("coverage.col.first"),
                    "last": tr("coverage.col.last"),
                    "rows": tr("coverage.col.rows"),
                    "gap_days": tr("coverage.col.gap_days"),
                    "gaps": tr("coverage.col.gaps"),
                }
            ),
            hide_index=True,
            width="stretch",
            key="data_coverage",
        )

st.subheader(tr("incidents.data.batches"))
recent = cached(batches.recent_batches, 30)
if recent.empty:
    st.write(tr("incidents.data.no_batches"))
else:
    table = imports.batches_table(recent)
    show_table(table, hide_index=True, width="stretch")
    download_table(table, "importer", key="data_batches_xlsx")
