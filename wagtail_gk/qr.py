"""QR codes for short links, as SVG or PNG."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M


def _qr(data: str, box_size: int = 10, border: int = 4) -> qrcode.QRCode:
    # Level M survives a crease or a smudge on a printed notice board sheet.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=border)
    code.add_data(data)
    code.make(fit=True)
    return code


def qr_svg(data: str) -> str:
    """An SVG document (as text) encoding *data*."""
    image = _qr(data).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


def qr_png(data: str, box_size: int = 10) -> bytes:
    """A PNG image encoding *data*."""
    buffer = io.BytesIO()
    _qr(data, box_size=box_size).make_image().save(buffer, format="PNG")
    return buffer.getvalue()
