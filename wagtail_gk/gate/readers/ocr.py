"""Text in images and scanned PDF pages, by OCR that runs offline:
Tesseract with the ``chi_sim`` model (Debian: tesseract-ocr,
tesseract-ocr-chi-sim; pdftoppm from poppler-utils for PDF pages).

OCR is slow (about 1.7 s for an A4 page at 150 dpi, see docs/gate.md,
"Attachment formats"), so while a person waits it runs only within
:class:`~.base.ReadContext.ocr_deadline`; past it, :class:`~.base.OcrDeferred`
is raised and :mod:`wagtail_gk.gate.tasks` reads the file in the background.
"""

from __future__ import annotations

import functools
import io
import time

from django.utils.translation import gettext as _

from ...conf import gk_setting
from .base import OcrDeferred, ReadContext, Unreadable, run_tool, tool_path

OCR_DPI = 150


@functools.lru_cache(maxsize=4)
def _tesseract_languages(binary: str) -> frozenset[str]:
    try:
        completed = run_tool([binary, "--list-langs"], timeout=10)
    except Unreadable:
        return frozenset()
    return frozenset(line.strip() for line in completed.stdout.decode("utf-8", "replace").splitlines()[1:])


def tesseract_binary() -> str | None:
    if gk_setting("GK_GATE_OCR_ENGINE") == "off":
        return None
    return tool_path("tesseract")


def missing_languages() -> list[str]:
    binary = tesseract_binary()
    wanted = gk_setting("GK_GATE_OCR_LANGUAGES").split("+")
    if binary is None:
        return wanted
    have = _tesseract_languages(binary)
    return [language for language in wanted if language not in have]


def ocr_available() -> bool:
    return tesseract_binary() is not None and not missing_languages()


def _timeout(context: ReadContext) -> tuple[float, bool]:
    """Seconds this OCR run may take, and whether the synchronous budget
    (rather than the per-page limit) is what bounds it."""
    limit = gk_setting("GK_GATE_OCR_TIMEOUT")
    if context.ocr_deadline is None:
        return limit, False
    left = context.ocr_deadline - time.monotonic()
    if left <= 0.05:
        raise OcrDeferred()
    return (left, True) if left < limit else (limit, False)


def _run(args: list[str], data: bytes, context: ReadContext):
    timeout, budget_bound = _timeout(context)
    try:
        return run_tool(args, data=data, timeout=timeout, env={"OMP_THREAD_LIMIT": "1"})
    except Unreadable:
        if budget_bound:
            raise OcrDeferred() from None
        raise


def ocr_png(png: bytes, context: ReadContext) -> str:
    binary = tesseract_binary()
    if binary is None or missing_languages():
        raise _no_ocr()
    completed = _run([binary, "stdin", "stdout", "-l", gk_setting("GK_GATE_OCR_LANGUAGES"), "--psm", "6"], png, context)
    if completed.returncode != 0:
        raise Unreadable(_("The image could not be read by OCR, so it was not checked."))
    return completed.stdout.decode("utf-8", "replace")


def ocr_image(data: bytes, context: ReadContext) -> list[tuple[str, str]]:
    """Pages of text of an image file (each frame of a multi-page TIFF is a page)."""
    from PIL import Image, ImageSequence

    limit = gk_setting("GK_GATE_OCR_MAX_PIXELS")
    too_big = Unreadable(
        _("The image has more than %(limit)d million pixels, so it was not decoded or checked (this is how a decompression bomb looks).")
        % {"limit": limit // 1_000_000}
    )
    try:
        image = Image.open(io.BytesIO(data))  # reads the header only
    except Image.DecompressionBombError as exc:  # past Pillow's own limit (twice MAX_IMAGE_PIXELS)
        raise too_big from exc
    except Exception as exc:  # noqa: BLE001 — Pillow raises many kinds
        raise Unreadable(_("The image is damaged or in a format that cannot be read, so it was not checked.")) from exc
    width, height = image.size
    if width * height > limit:
        raise too_big
    if not ocr_available():
        raise _no_ocr()
    pages = []
    max_pages = gk_setting("GK_GATE_OCR_MAX_PAGES")
    try:
        for index, frame in enumerate(ImageSequence.Iterator(image), start=1):
            if index > max_pages:
                raise _too_many_pages(max_pages)
            buffer = io.BytesIO()
            frame.convert("L").save(buffer, "PNG")
            label = _("Image page %(page)d (OCR)") % {"page": index} if getattr(image, "n_frames", 1) > 1 else _("Image (OCR)")
            pages.append((label, ocr_png(buffer.getvalue(), context)))
    except (OcrDeferred, Unreadable):
        raise
    except Exception as exc:  # noqa: BLE001 — truncated or corrupt pixel data
        raise Unreadable(_("The image is damaged or in a format that cannot be read, so it was not checked.")) from exc
    return pages


def _no_ocr() -> Unreadable:
    return Unreadable(_("This file needs OCR (text recognition), which is not available here, so it was not checked."))


def _too_many_pages(limit: int) -> Unreadable:
    return Unreadable(_("The file has more than %(limit)d pages that need OCR, so it was not checked.") % {"limit": limit})


def ocr_pdf_pages(data: bytes, numbers: list[int], context: ReadContext) -> list[tuple[int, str]]:
    """OCR text of the PDF pages *numbers* (1-based), rendered at 150 dpi in grey."""
    pdftoppm = tool_path("pdftoppm")
    if pdftoppm is None:
        raise _no_ocr()
    if len(numbers) > gk_setting("GK_GATE_OCR_MAX_PAGES"):
        raise _too_many_pages(gk_setting("GK_GATE_OCR_MAX_PAGES"))
    results = []
    for number in numbers:
        rendered = _run([pdftoppm, "-r", str(OCR_DPI), "-gray", "-png", "-f", str(number), "-l", str(number), "-"], data, context)
        if rendered.returncode != 0 or not rendered.stdout:
            raise Unreadable(_("The file is damaged or in the wrong format, so it could not be read"))
        results.append((number, ocr_png(rendered.stdout, context)))
    return results
