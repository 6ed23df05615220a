"""The report as a document: a title page block and a list of blocks that both renderers understand.

A report module (weekly, quarterly, annual) builds a `Report` from the database; `pdf.render` and
`html.render` turn the same document into a PDF (fpdf2, embedded DejaVu Sans) or one self-contained
HTML file. Texts in blocks are plain text (never HTML): the HTML renderer escapes everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def now_local() -> dt.datetime:
    """The time in Sweden (reports say when they were made in local time, whatever the server's zone)."""
    return dt.datetime.now(STOCKHOLM).replace(tzinfo=None, microsecond=0)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # 2 = section, 3 = subsection


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "normal"  # normal, lead (larger), muted (smaller, grey)


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    col_widths: tuple[float, ...] | None = None  # relative widths
    status_col: int | None = None  # this column's cells are coloured by `row_status`
    row_status: tuple[str | None, ...] | None = None  # grön, gul, röd or None per row
    numeric_cols: tuple[int, ...] = ()  # right-aligned columns
    empty_text: str = ""

    def __post_init__(self) -> None:
        # Missing values become empty cells and "no status" here, once, for both renderers.
        from est_data.display import present, text

        object.__setattr__(self, "rows", tuple(tuple(text(c) for c in row) for row in self.rows))
        if self.row_status is not None:
            object.__setattr__(self, "row_status", tuple(present(s) for s in self.row_status))


@dataclass(frozen=True)
class Figure:
    png: bytes
    caption: str = ""
    width: float = 1.0  # fraction of the text width
    alt: str = ""


@dataclass(frozen=True)
class KeyFigures:
    items: tuple[tuple[str, str, str], ...]  # (label, value, note)


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Bullets | Table | Figure | KeyFigures | PageBreak


@dataclass
class Report:
    kind: str  # weekly, quarterly, annual
    title: str
    subtitle: str
    municipality: str
    classification: str
    lang: str = "sv"
    generated_at: dt.datetime = field(default_factory=now_local)
    blocks: list[Block] = field(default_factory=list)
    footer_note: str = ""

    def add(self, *blocks: Block) -> Report:
        self.blocks.extend(blocks)
        return self

    def text(self) -> str:
        """All the report's text (for tests, search and the plain-text e-mail body)."""
        parts = [self.title, self.subtitle, self.municipality, self.classification]
        for block in self.blocks:
            if isinstance(block, Heading | Paragraph):
                parts.append(block.text)
            elif isinstance(block, Bullets):
                parts.extend(block.items)
            elif isinstance(block, Table):
                parts.append(" | ".join(block.columns))
                parts.extend(" | ".join(row) for row in block.rows)
            elif isinstance(block, KeyFigures):
                parts.extend(f"{label}: {value} {note}".strip() for label, value, note in block.items)
            elif isinstance(block, Figure) and block.caption:
                parts.append(block.caption)
        return "\n".join(p for p in parts if p)
