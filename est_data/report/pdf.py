"""PDF rendering of a report document with fpdf2 and an embedded DejaVu Sans (Swedish letters).

Pure Python: no browser and no system packages. The font files are the DejaVu Sans TTFs that
matplotlib ships (matplotlib/mpl-data/fonts/ttf), so no extra download is needed.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace

from est_data import i18n
from est_data.geo import STATUS_COLOURS
from est_data.report.document import (
    Bullets,
    Figure,
    Heading,
    KeyFigures,
    PageBreak,
    Paragraph,
    Report,
    Table,
)

FONT = "DejaVu"
TEXT = (33, 37, 41)
MUTED = (108, 117, 125)
ACCENT = (31, 78, 121)
HEAD_FILL = (226, 232, 240)


def font_dir() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


class _ReportPDF(FPDF):
    def __init__(self, report: Report) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        fonts = font_dir()
        self.add_font(FONT, "", fonts / "DejaVuSans.ttf")
        self.add_font(FONT, "B", fonts / "DejaVuSans-Bold.ttf")
        self.add_font(FONT, "I", fonts / "DejaVuSans-Oblique.ttf")
        self.add_font(FONT, "BI", fonts / "DejaVuSans-BoldOblique.ttf")
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(report.title)
        self.set_author(report.municipality)
        self.set_creator("EST-dashboard")
        self.set_lang(report.lang)

    def header(self) -> None:
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*MUTED)
        self.set_y(8)
        self.cell(self.epw / 2, 4, f"{self.report.municipality} · {self.report.title}")
        self.cell(
            self.epw / 2, 4, self.report.classification, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.set_draw_color(*HEAD_FILL)
        self.line(self.l_margin, 13, self.w - self.r_margin, 13)
        self.set_y(18)
        self.set_text_color(*TEXT)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*MUTED)
        made = i18n.t(
            "report.generated", self.report.lang, when=self.report.generated_at.strftime("%Y-%m-%d %H:%M")
        )
        self.cell(self.epw / 2, 4, made)
        page = i18n.t("report.page", self.report.lang, page=self.page_no(), pages="{nb}")
        self.cell(self.epw / 2, 4, page, align=Align.R)


def _ensure_space(pdf: FPDF, height: float) -> None:
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _title(pdf: _ReportPDF, report: Report) -> None:
    pdf.set_font(FONT, "B", 20)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 9, report.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L)
    pdf.set_text_color(*TEXT)
    pdf.set_font(FONT, "", 11.5)
    if report.subtitle:
        pdf.multi_cell(0, 6, report.subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L)
    pdf.set_font(FONT, "B", 9.5)
    pdf.set_fill_color(255, 243, 205)
    pdf.ln(2)
    pdf.multi_cell(
        0,
        6,
        f"{report.municipality} · {report.classification}",
        fill=True,
        padding=(1, 2),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
        align=Align.L,
    )
    pdf.ln(3)


def _figure_height(pdf: FPDF, block: Figure) -> float:
    from PIL import Image

    with Image.open(io.BytesIO(block.png)) as img:
        return pdf.epw * block.width * img.height / img.width


def _space_after_heading(pdf: FPDF, following: list) -> float:
    """Room the heading needs so it is not left alone at the bottom of a page (keep with next)."""
    needed = 12.0
    for block in following:
        if isinstance(block, Paragraph):
            needed += 10
            continue
        if isinstance(block, Figure):
            needed += _figure_height(pdf, block) + 8
        elif isinstance(block, KeyFigures):
            needed += 24
        else:
            needed += 18
        break
    return needed


def _heading(pdf: FPDF, block: Heading, following: list | None = None) -> None:
    size = 14 if block.level <= 2 else 11.5
    _ensure_space(pdf, _space_after_heading(pdf, following or []))
    pdf.ln(3 if block.level <= 2 else 1.5)
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, size * 0.5, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L)
    pdf.set_text_color(*TEXT)
    pdf.ln(1.5)


def _paragraph(pdf: FPDF, block: Paragraph) -> None:
    size, colour, style = {"lead": (11.5, TEXT, ""), "muted": (8.5, MUTED, "I")}.get(
        block.style, (10, TEXT, "")
    )
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L)
    pdf.set_text_color(*TEXT)
    pdf.ln(1.5)


def _bullets(pdf: FPDF, block: Bullets) -> None:
    pdf.set_font(FONT, "", 10)
    for item in block.items:
        pdf.set_x(pdf.l_margin + 1)
        pdf.cell(5, 5, "•")
        pdf.multi_cell(pdf.epw - 6, 5, item, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L)
        pdf.ln(0.8)
    pdf.ln(1)


def _key_figures(pdf: FPDF, block: KeyFigures) -> None:
    n = max(1, len(block.items))
    width = pdf.epw / n
    _ensure_space(pdf, 24)
    top = pdf.get_y()
    for i, (label, value, note) in enumerate(block.items):
        x = pdf.l_margin + i * width
        pdf.set_fill_color(244, 246, 249)
        pdf.rect(x + 1, top, width - 2, 21, style="F")
        pdf.set_xy(x + 3, top + 1.5)
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(*MUTED)
        pdf.cell(width - 6, 4, label)
        pdf.set_xy(x + 3, top + 6)
        pdf.set_font(FONT, "B", 14)
        pdf.set_text_color(*TEXT)
        pdf.cell(width - 6, 7, value)
        pdf.set_xy(x + 3, top + 14)
        pdf.set_font(FONT, "", 7)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(width - 6, 3.2, note, align=Align.L, max_line_height=3.2)
    pdf.set_text_color(*TEXT)
    pdf.set_xy(pdf.l_margin, top + 24)


def _table(pdf: FPDF, block: Table) -> None:
    if not block.rows:
        if block.empty_text:
            _paragraph(pdf, Paragraph(block.empty_text, "muted"))
        return
    pdf.set_font(FONT, "", 8.5)
    _ensure_space(pdf, 20)
    align = tuple("RIGHT" if i in block.numeric_cols else "LEFT" for i in range(len(block.columns)))
    with pdf.table(
        col_widths=block.col_widths,
        text_align=align,
        line_height=4.6,
        padding=1.2,
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        width=pdf.epw,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
    ) as table:
        head = table.row()
        for col in block.columns:
            head.cell(col)
        for r, values in enumerate(block.rows):
            row = table.row()
            for c, value in enumerate(values):
                style = None
                if block.status_col == c and block.row_status is not None:
                    status = block.row_status[r]
                    if status in STATUS_COLOURS and status is not None:
                        fg = (0, 0, 0) if status == "gul" else (255, 255, 255)
                        style = FontFace(emphasis="BOLD", color=fg, fill_color=_rgb(STATUS_COLOURS[status]))
                row.cell(value, style=style)
    pdf.ln(3)


def _figure(pdf: FPDF, block: Figure) -> None:
    width = pdf.epw * block.width
    height = _figure_height(pdf, block)
    _ensure_space(pdf, height + 8)
    pdf.image(
        io.BytesIO(block.png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width, alt_text=block.alt or None
    )
    if block.caption:
        pdf.set_font(FONT, "I", 8)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 4, block.caption, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.C)
        pdf.set_text_color(*TEXT)
    pdf.ln(2)


def render(report: Report) -> bytes:
    """The report as PDF bytes."""
    pdf = _ReportPDF(report)
    pdf.add_page()
    _title(pdf, report)
    for i, block in enumerate(report.blocks):
        if isinstance(block, Heading):
            _heading(pdf, block, report.blocks[i + 1 : i + 3])
        elif isinstance(block, Paragraph):
            _paragraph(pdf, block)
        elif isinstance(block, Bullets):
            _bullets(pdf, block)
        elif isinstance(block, KeyFigures):
            _key_figures(pdf, block)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Figure):
            _figure(pdf, block)
        elif isinstance(block, PageBreak):
            pdf.add_page()
    if report.footer_note:
        _paragraph(pdf, Paragraph(report.footer_note, "muted"))
    return bytes(pdf.output())
