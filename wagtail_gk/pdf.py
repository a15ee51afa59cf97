"""Fonts and paper of every PDF the suite generates (QR posters, village
boards, disclosure-request documents): one module, so each sheet prints the
same on any computer or printer.

**Fonts.** A PDF prints anywhere only when its fonts are embedded. reportlab
embeds (and subsets: only the characters used) a TrueType font registered as
a ``TTFont``; its built-in CID font ``STSong-Light`` is never embedded, so a
machine without it shows boxes. :func:`pdf_font` registers the first usable
Chinese font of:

1. ``GK_PDF_FONT_FILE`` (a ``.ttf`` or ``.ttc`` with TrueType outlines);
2. WenQuanYi Micro Hei from the package ``paperang-p2-fonts-cjk`` (a
   dependency of wagtail-gk; the font is under the Apache License 2.0);
3. a TrueType Chinese font of the system (``fonts-wqy-microhei``,
   ``fonts-wqy-zenhei``, ``fonts-droid-fallback``, ``fonts-arphic-uming``…).

reportlab cannot embed OpenType fonts with CFF outlines (Noto Sans CJK,
Source Han Sans ``.otf``/``.ttc``), so those are passed over. With no usable
font it falls back to ``STSong-Light`` and system check ``wagtail_gk.W011``
says so.

**Paper.** :func:`page_geometry` gives the sheet for A4 or A3 with the
optional bleed ``GK_PRINT_BLEED_MM`` (0, or 3 as print shops ask): the media
grows by the bleed on every side and the PDF's TrimBox marks the finished
size. Content keeps :data:`SAFE_MARGIN` inside the trim.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm

from .conf import gk_setting

FALLBACK_FONT = "STSong-Light"
# A character every Chinese font must have for it to be used (政).
_PROBE = 0x653F
PACKAGE_FONTS = [("paperang_p2_fonts_cjk", "fonts/wqy-microhei.ttc", 0)]
SYSTEM_FONTS = [
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
    ("/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf", 0),
    ("/System/Library/Fonts/Supplemental/Songti.ttc", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
]
PAPER_SIZES = {"A4": A4, "A3": A3}
SAFE_MARGIN = 10 * mm  # text and QR codes stay this far inside the trimmed edge
MAX_BLEED_MM = 10


@dataclass(frozen=True)
class FontChoice:
    name: str  # the name registered with reportlab
    path: str  # the font file, "" for the fallback
    problem: str  # why no embeddable font was found, "" when one was
    skipped: tuple[str, ...] = ()  # "path: reason" of each font file passed over


def _candidates():
    configured = gk_setting("GK_PDF_FONT_FILE")
    if configured:
        yield str(configured), 0, True
    for package, resource, index in PACKAGE_FONTS:
        if importlib.util.find_spec(package) is not None:
            path = importlib.resources.files(package).joinpath(resource)
            yield str(path), index, False
    for path, index in SYSTEM_FONTS:
        yield path, index, False


def _register(path: str, index: int) -> str:
    """Register *path* as a TTFont and return its name; raises on a font that
    cannot be embedded or has no Chinese characters."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "GKChinese-" + hashlib.sha1(f"{path}#{index}".encode(), usedforsecurity=False).hexdigest()[:8]
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    font = TTFont(name, path, subfontIndex=index)
    if _PROBE not in font.face.charToGlyph:
        raise ValueError("no Chinese characters")
    pdfmetrics.registerFont(font)
    return name


@functools.cache
def _choose(configured: str) -> FontChoice:
    problems = []
    for path, index, explicit in _candidates():
        if not explicit and not Path(path).is_file():
            continue
        try:
            return FontChoice(_register(path, index), path, "", tuple(problems))
        except Exception as exc:  # noqa: BLE001 - any unreadable or CFF font is passed over
            problems.append(f"{path}: {exc}")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    problem = "No embeddable (TrueType) Chinese font was found"
    if problems:
        problem += " (" + "; ".join(problems) + ")"
    return FontChoice(FALLBACK_FONT, "", problem + ".", tuple(problems))


def font_choice() -> FontChoice:
    return _choose(str(gk_setting("GK_PDF_FONT_FILE") or ""))


def pdf_font() -> str:
    """The name of the registered Chinese font every generated PDF uses."""
    return font_choice().name


def font_problem() -> str:
    """Why PDFs cannot embed their Chinese font, or "" when they can."""
    return font_choice().problem


# --- Paper -------------------------------------------------------------


@dataclass(frozen=True)
class PageGeometry:
    paper: str
    width: float  # the trimmed (finished) size, in points
    height: float
    bleed: float  # added on every side of the media

    @property
    def media(self) -> tuple[float, float]:
        return self.width + 2 * self.bleed, self.height + 2 * self.bleed

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        return self.bleed, self.bleed, self.bleed + self.width, self.bleed + self.height

    def canvas_options(self) -> dict:
        """Keyword arguments of reportlab's ``Canvas``: the media size, the
        trim and bleed boxes and the embedded font as the initial font (so
        no page names the unembedded Helvetica)."""
        media_width, media_height = self.media
        options = {"pagesize": self.media, "initialFontName": pdf_font(), "initialFontSize": 10}
        if self.bleed:
            options.update(trimBox=self.trim_box, bleedBox=(0, 0, media_width, media_height))
        return options


def print_bleed() -> float:
    """The bleed ``GK_PRINT_BLEED_MM`` in points (0 when unset or invalid)."""
    value = gk_setting("GK_PRINT_BLEED_MM")
    try:
        value = float(value)
    except (TypeError, ValueError):
        return 0.0
    return value * mm if 0 < value <= MAX_BLEED_MM else 0.0


def page_geometry(paper: str) -> PageGeometry:
    """A4 or A3 (anything else: ``ValueError``), with the configured bleed."""
    if paper not in PAPER_SIZES:
        raise ValueError(paper)
    width, height = PAPER_SIZES[paper]
    return PageGeometry(paper, width, height, print_bleed())


def doc_template_options(geometry: PageGeometry | None = None) -> dict:
    """Keyword arguments of platypus' ``SimpleDocTemplate``: every page starts
    in the embedded font (not Helvetica, which is never embedded), and with a
    bleed the trim and bleed boxes are set."""
    options = {"initialFontName": pdf_font(), "initialFontSize": 10}
    if geometry is not None and geometry.bleed:
        media_width, media_height = geometry.media
        options.update(trimBox=geometry.trim_box, bleedBox=(0, 0, media_width, media_height))
    return options
