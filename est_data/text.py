"""Free text made safe where it is shown: the one Markdown escaping helper (HTML: `geo.escape`).

Streamlit renders Markdown in st.markdown, st.write, st.caption, st.info/…, st.toast, metric and
widget labels, expanders and tabs. A name or text from a user or an imported file may contain
`![x](http://host/t.png)` (every viewer's browser would fetch that URL), `[Logga in](http://…)`
(a fake link), `$…$` (LaTeX), `:red[…]` (Streamlit's colour directive), `<b>`, headings or lists.
`md` escapes every character Markdown gives a meaning to, so the text shows exactly as typed.
Use it on every value that is not the product's own text: `tr(key, name=md(name))`, `md(sentence)`.
"""

from __future__ import annotations

import math
import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark. Escaped here: what starts
# links and images ([ ] !), autolinks and HTML (< > &), emphasis and code (* _ ` ~), headings (#),
# tables (|), LaTeX ($), Streamlit's colour directives (:red[…] needs the escaped "[") and the
# backslash itself. Colons, dots, dashes and parentheses stay readable in the source; a leading list
# or heading marker is escaped separately, and bare URLs get a word joiner (below).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#!|~$&])")
_BARE_URL = re.compile(r"(?i)(\bhttps?:|\bwww)(//|\.)")
_LEADING_MARKER = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def md(text: object) -> str:
    """Text that renders in Markdown exactly as it reads (no link, image, formatting, HTML or LaTeX).

    None and missing values (NaN, pd.NA) give "". Line breaks become spaces, so a value cannot start
    a heading or a list of its own.
    """
    if (
        text is None
        or (isinstance(text, float) and math.isnan(text))
        or type(text).__name__ in ("NAType", "NaTType")
    ):
        return ""
    flat = " ".join(str(text).splitlines())
    # Streamlit's Markdown (remark-gfm) turns bare http://… and www.… into links after unescaping, so an
    # invisible word joiner goes into the scheme: the text reads the same and is no link.
    flat = _BARE_URL.sub("\\1\u2060\\2", flat)
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    return _LEADING_MARKER.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped)


# Plotly draws a subset of HTML in every text of a chart (axis categories, legend names, hover text,
# facet titles). Of that subset only <a href> is a risk: a name like `<a href="http://…">Centrum</a>`
# from an imported layer would become a link in a chart. Plotly turns "&lt;" back into "<" when it
# draws, so a user's "<a" is shown as typed. Our own markup (<br>, <b>, <i>, <sup>) is left alone.
_PLOTLY_LINK = re.compile(r"(?i)<(\s*/?\s*a)(?=[\s>/])")
_FIGURE_TRACE_TEXT = (
    "x",
    "y",
    "text",
    "hovertext",
    "hovertemplate",
    "texttemplate",
    "name",
    "labels",
    "customdata",
    "legendgroup",
)


def _unlinked(value: object) -> object:
    if isinstance(value, str):
        return _PLOTLY_LINK.sub(r"&lt;\1", value)
    if isinstance(value, list | tuple):
        return type(value)(_unlinked(v) for v in value)
    if hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "OUS" and hasattr(value, "tolist"):
        return [_unlinked(v) for v in value.tolist()]
    return value


def _has_link(value: object) -> bool:
    if isinstance(value, str):
        return bool(_PLOTLY_LINK.search(value))
    if isinstance(value, list | tuple):
        return any(_has_link(v) for v in value)
    if hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "OUS" and hasattr(value, "tolist"):
        return any(_has_link(v) for v in value.tolist())
    return False


def unlink_figure(fig):
    """Neutralise <a> tags in a plotly figure's data texts and annotations, in place; returns the figure.

    Idempotent and cheap: a text is rewritten only when it holds a tag (which real data never does), so
    a cached figure shared by many sessions may pass through it on every run.
    """
    for trace in fig.data:
        for attr in _FIGURE_TRACE_TEXT:
            value = getattr(trace, attr, None) if attr in trace else None
            if value is not None and _has_link(value):
                trace[attr] = _unlinked(value)
    for annotation in fig.layout.annotations or ():
        if _has_link(annotation.text):
            annotation.text = _unlinked(annotation.text)
    for axis_name in [k for k in fig.layout if k.startswith(("xaxis", "yaxis"))]:
        axis = fig.layout[axis_name]
        if axis.ticktext is not None and _has_link(axis.ticktext):
            axis.ticktext = _unlinked(axis.ticktext)
    if fig.layout.title and _has_link(fig.layout.title.text):
        fig.layout.title.text = _unlinked(fig.layout.title.text)
    return fig
