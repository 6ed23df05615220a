"""Data: imports (upload, options, preview with rejected rows, load with progress) and recent import batches."""

import streamlit as st

from est_data import config
from est_data.ingest import IMPORTERS, batches
from est_data.ui import imports
from est_data.ui.common import download_table, page_setup, show_table
from est_data.ui.state import cached, tr

ctx = page_setup("data")
st.caption(tr("incidents.data.intro"))
default_municipality = ctx.filters.municipality_code if ctx.filters else config.get_setting(ctx.con, "municipality_code")

names = list(IMPORTERS)
tabs = st.tabs([imports.source_label(n, imports.module(IMPORTERS[n])) for n in names])
for name, tab in zip(names, tabs, strict=True):
    with tab:
        imports.upload_flow(name, IMPORTERS[name], default_municipality)

st.subheader(tr("incidents.data.batches"))
recent = cached(batches.recent_batches, 30)
if recent.empty:
    st.write(tr("incidents.data.no_batches"))
else:
    table = imports.batches_table(recent)
    show_table(table, hide_index=True, width="stretch")
    download_table(table, "importer", key="data_batches_xlsx")
