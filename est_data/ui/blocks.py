"""Report blocks (est_data.report.document) on a page: the page shows what the PDF says, cell for cell."""

from __future__ import annotations

import streamlit as st

from est_data.report.document import Bullets, Figure, Heading, KeyFigures, PageBreak, Paragraph, Table
from est_data.text import md
from est_data.ui.common import show_table


def show_blocks(blocks: list, key: str) -> None:
    """Render blocks made for a report; texts are plain text (escaped for Markdown), tables as tables."""
    for i, block in enumerate(blocks):
        if isinstance(block, Heading):
            st.markdown(("#### " if block.level >= 3 else "### ") + md(block.text))
        elif isinstance(block, Paragraph):
            if block.style == "muted":
                st.caption(md(block.text))
            else:
                st.markdown(md(block.text))
        elif isinstance(block, Bullets):
            st.markdown("\n".join(f"- {md(item)}" for item in block.items))
        elif isinstance(block, Table):
            import pandas as pd

            if block.rows:
                frame = pd.DataFrame(list(block.rows), columns=list(block.columns))
                show_table(frame, hide_index=True, key=f"{key}_{i}", height=35 * (len(frame) + 1) + 3)
            elif block.empty_text:
                st.caption(md(block.empty_text))
        elif isinstance(block, KeyFigures):
            columns = st.columns(len(block.items))
            for column, (label, value, note) in zip(columns, block.items, strict=True):
                column.metric(label, value, help=note or None)
        elif isinstance(block, Figure):
            st.image(block.png, caption=block.caption or None, width="content")
        elif isinstance(block, PageBreak):
            continue
