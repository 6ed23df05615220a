"""HTML rendering of a report document: one self-contained, printable file.

Images are inlined as base64 PNG, the style sheet is inline, there are no scripts, fonts or links
to anything outside the file. Jinja2 autoescapes every text, so free text cannot inject HTML.
"""

from __future__ import annotations

import base64
from dataclasses import asdict
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from est_data import i18n
from est_data.report.document import Bullets, Figure, Heading, KeyFigures, PageBreak, Paragraph, Report, Table


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("est_data.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _block(block) -> dict:
    if isinstance(block, Figure):
        return {
            "type": "figure",
            "data": base64.b64encode(block.png).decode("ascii"),
            "caption": block.caption,
            "width": block.width,
            "alt": block.alt,
        }
    kinds = {
        Heading: "heading",
        Paragraph: "paragraph",
        Bullets: "bullets",
        KeyFigures: "keyfigures",
        Table: "table",
        PageBreak: "pagebreak",
    }
    return {"type": kinds[type(block)], **asdict(block)}


def render(report: Report) -> str:
    """The report as one HTML document (a string)."""
    template = _environment().get_template("report.html.j2")
    generated = i18n.t("report.generated", report.lang, when=report.generated_at.strftime("%Y-%m-%d %H:%M"))
    return template.render(report=report, blocks=[_block(b) for b in report.blocks], generated=generated)
