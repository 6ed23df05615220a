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
    if text is None or (isinstance(text, float) and math.isnan(text)) or type(text).__name__ in ("NAType", "NaTType"):
        return ""
    flat = " ".join(str(text).splitlines())
    # Streamlit's Markdown (remark-gfm) turns bare http://… and www.… into links after unescaping, so an
    # invisible word joiner goes into the scheme: the text reads the same and is no link.
    flat = _BARE_URL.sub("\\1\u2060\\2", flat)
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    return _LEADING_MARKER.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped)
