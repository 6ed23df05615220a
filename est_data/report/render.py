"""Rendering a report document to a file format: PDF or one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

from est_data.report import html, pdf
from est_data.report.document import Report

FORMATS = {"pdf": "application/pdf", "html": "text/html"}


def render(report: Report, fmt: str) -> bytes:
    """The report as bytes in fmt ('pdf' or 'html', UTF-8)."""
    if fmt == "pdf":
        return pdf.render(report)
    if fmt == "html":
        return html.render(report).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")


def format_of(path: str | Path) -> str | None:
    """'pdf' or 'html' from a file name's suffix (.pdf, .html, .htm), else None."""
    suffix = Path(path).suffix.lower()
    return {".pdf": "pdf", ".html": "html", ".htm": "html"}.get(suffix)


def write(report: Report, path: str | Path) -> int:
    """Write the report to path in the format its suffix names. Returns the number of bytes."""
    fmt = format_of(path)
    if fmt is None:
        raise ValueError(f"unknown format for {path}")
    data = render(report, fmt)
    Path(path).write_bytes(data)
    return len(data)
