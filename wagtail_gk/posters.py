"""Printable QR posters (扫码查阅) as PDF, for notice boards and service centres.

:func:`render_poster_pdf` lays out :class:`PosterEntry` items on A4 or A3
paper: one per page for a single notice, or a grid of many per page for a
service-centre wall. Chinese text uses the embedded font of
:mod:`wagtail_gk.pdf` (so the sheet prints the same anywhere), and the paper
takes the optional print-shop bleed ``GK_PRINT_BLEED_MM``. The QR code is the
PNG from :mod:`wagtail_gk.qr` embedded as an image, printed with the URL
under it so that a reader without a phone can type it.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from .pdf import PAPER_SIZES, SAFE_MARGIN, page_geometry, pdf_font
from .qr import qr_png

NOTE_COLOUR = HexColor("#c8161d")  # the red of official seals and 废止 stamps
GREY = HexColor("#555555")
MAX_PER_PAGE = 48  # beyond this the QR codes get too small to scan from a wall


@dataclass(frozen=True)
class PosterEntry:
    """One item on a poster: a title, short lines (发文机关, 发布日期…), the
    URL its QR code encodes, and an optional red note such as "已废止"."""

    title: str
    lines: list[str] = field(default_factory=list)
    url: str = ""
    note: str = ""


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break *text* into lines no wider than *width*. Chinese has no spaces,
    so lines break between any two characters (Latin words stay whole where
    they fit)."""
    lines: list[str] = []
    for paragraph in (text or "").splitlines() or [""]:
        current = ""
        for char in paragraph:
            candidate = current + char
            if current and pdfmetrics.stringWidth(candidate, font, size) > width:
                # Keep a Latin word (a URL segment, a number) together when possible.
                cut = len(current)
                if char.isascii() and char.isalnum():
                    back = len(current)
                    while back > 0 and current[back - 1].isascii() and current[back - 1].isalnum():
                        back -= 1
                    if 0 < back < len(current):
                        cut = back
                lines.append(current[:cut])
                current = current[cut:] + char
            else:
                current = candidate
        lines.append(current)
    return lines


def _grid(per_page: int, page_width: float, page_height: float) -> tuple[int, int]:
    """Columns and rows for *per_page* cells, keeping cells close to the
    page's own proportions so that QR codes stay as large as possible."""
    if per_page == 1:
        return 1, 1
    columns = max(1, round(math.sqrt(per_page * page_width / page_height)))
    rows = math.ceil(per_page / columns)
    return columns, rows


class _PosterCanvas:
    def __init__(self, paper: str, per_page: int):
        self.geometry = page_geometry(paper)
        self.page_width, self.page_height = self.geometry.width, self.geometry.height
        self.per_page = per_page
        self.font = pdf_font()
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, **self.geometry.canvas_options())
        self.canvas.setAuthor("wagtail-gk")
        self.canvas.setCreator("wagtail-gk")
        self._qr_images: dict[str, ImageReader] = {}
        # A3 is A4 scaled by √2; scale every measure with it.
        self.scale = self.page_width / A4[0]

    def qr_image(self, url: str) -> ImageReader:
        if url not in self._qr_images:
            self._qr_images[url] = ImageReader(io.BytesIO(qr_png(url, box_size=8)))
        return self._qr_images[url]

    def text_lines(self, lines: Sequence[str], x: float, y: float, size: float, *, centre: bool, width: float, colour=black) -> float:
        """Draw *lines* from top baseline *y*; returns the y below the last line."""
        c = self.canvas
        c.setFillColor(colour)
        c.setFont(self.font, size)
        leading = size * 1.35
        for line in lines:
            if centre:
                c.drawCentredString(x + width / 2, y, line)
            else:
                c.drawString(x, y, line)
            y -= leading
        return y

    def draw_entry(self, entry: PosterEntry, x: float, y_top: float, width: float, height: float, *, single: bool):
        """Lay out *entry* in the box whose top-left corner is (x, y_top)."""
        c = self.canvas
        padding = (18 * mm if single else 4 * mm) * (self.scale if single else 1)
        inner_x = x + padding
        inner_width = width - 2 * padding
        base = min(width, height) / (A4[0] if single else 1)
        if single:
            title_size, line_size, url_size, note_size = (24 * self.scale, 14 * self.scale, 12 * self.scale, 30 * self.scale)
        else:
            # Sizes follow the cell, with floors that stay legible at arm's length.
            title_size = max(7.0, min(16.0, base / 14))
            line_size = max(5.5, min(11.0, base / 20))
            url_size = max(5.0, min(10.0, base / 22))
            note_size = max(7.0, min(16.0, base / 13))

        if not single:
            c.setStrokeColor(HexColor("#999999"))
            c.setDash(3, 3)
            c.rect(x + 1.5 * mm, y_top - height + 1.5 * mm, width - 3 * mm, height - 3 * mm)
            c.setDash()

        y = y_top - padding - title_size
        if entry.note:
            note_lines = _wrap(entry.note, self.font, note_size, inner_width)
            y = self.text_lines(note_lines, inner_x, y, note_size, centre=True, width=inner_width, colour=NOTE_COLOUR)
            y -= note_size * 0.2
        title_lines = _wrap(entry.title, self.font, title_size, inner_width)
        max_title_lines = 4 if single else 3
        if len(title_lines) > max_title_lines:
            title_lines = title_lines[:max_title_lines]
            title_lines[-1] = title_lines[-1][:-1] + "…"
        y = self.text_lines(title_lines, inner_x, y, title_size, centre=True, width=inner_width)
        y -= line_size * 0.4
        detail_lines = []
        for line in entry.lines:
            detail_lines.extend(_wrap(line, self.font, line_size, inner_width))
        y = self.text_lines(detail_lines, inner_x, y, line_size, centre=True, width=inner_width, colour=GREY)

        if not entry.url:
            return
        url_lines = _wrap(entry.url, self.font, url_size, inner_width)
        caption_size = url_size * 1.1
        footer = (len(url_lines) + 1) * url_size * 1.35 + caption_size * 1.5 + padding
        available = y - (y_top - height) - footer
        qr_side = min(inner_width * (0.62 if single else 0.8), available)
        if qr_side < 12 * mm:  # too small to scan: keep at least the minimum and let text overlap nothing
            qr_side = 12 * mm
        qr_y = y - qr_side - line_size * 0.4
        c.drawImage(self.qr_image(entry.url), x + (width - qr_side) / 2, qr_y, qr_side, qr_side)
        y = qr_y - caption_size * 1.4
        y = self.text_lines([_("Scan to read")], inner_x, y, caption_size, centre=True, width=inner_width)
        self.text_lines(url_lines, inner_x, y, url_size, centre=True, width=inner_width, colour=GREY)

    def render(self, entries: Sequence[PosterEntry]) -> bytes:
        columns, rows = _grid(self.per_page, self.page_width, self.page_height)
        # A single poster keeps its own (larger) padding inside the page.
        margin = max(SAFE_MARGIN, 10 * mm * self.scale) if self.per_page > 1 else 0
        cell_width = (self.page_width - 2 * margin) / columns
        cell_height = (self.page_height - 2 * margin) / rows
        for start in range(0, len(entries), self.per_page):
            if self.geometry.bleed:
                # Draw in the trimmed page's coordinates; the bleed lies outside.
                self.canvas.translate(self.geometry.bleed, self.geometry.bleed)
            for offset, entry in enumerate(entries[start : start + self.per_page]):
                column, row = offset % columns, offset // columns
                self.draw_entry(
                    entry,
                    margin + column * cell_width,
                    self.page_height - margin - row * cell_height,
                    cell_width,
                    cell_height,
                    single=self.per_page == 1,
                )
            self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def render_poster_pdf(entries: Iterable[PosterEntry], paper: str = "A4", per_page: int = 1, *, title: str = "") -> bytes:
    """A PDF with *entries* laid out *per_page* to a sheet of *paper* ("A4" or "A3").

    ``per_page=1`` gives one large poster per entry; larger values give a
    wall sheet of many (up to ``MAX_PER_PAGE``), continuing on as many pages
    as needed. Raises ``ValueError`` with a message for the editor on bad input.
    """
    entries = list(entries)
    if paper not in PAPER_SIZES:
        raise ValueError(_("The paper must be A4 or A3."))
    if not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
        raise ValueError(_("The number per page must be between 1 and %(max)d.") % {"max": MAX_PER_PAGE})
    if not entries:
        raise ValueError(_("There are no items to print."))
    poster = _PosterCanvas(paper, per_page)
    poster.canvas.setTitle(title or entries[0].title)
    return poster.render(entries)
