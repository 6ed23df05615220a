"""Data: imports (upload, preview with rejected rows, load) and the list of recent import batches."""

import streamlit as st

from est_data.ui.common import page_setup
from est_data.ui.state import tr

ctx = page_setup("data")
st.write(tr("common.no_data"))
