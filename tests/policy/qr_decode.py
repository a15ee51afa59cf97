"""Decode QR codes from PNG/SVG bytes and from the images embedded in a PDF."""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdf
import zxingcpp
from PIL import Image


def decode_png(data: bytes) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))]


def decode_pdf_images(pdf: bytes) -> list[list[str]]:
    """Per page, the texts of the QR codes found in the page's embedded images."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        texts = []
        for image in page.images:
            texts.extend(barcode.text for barcode in zxingcpp.read_barcodes(image.image))
        pages.append(texts)
    return pages


def pdftoppm_available() -> bool:
    return shutil.which("pdftoppm") is not None


def decode_pdf_rendered(pdf: bytes, dpi: int = 150) -> list[list[str]]:
    """Render each page as a printer would (pdftoppm) and decode what a phone sees."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "poster.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source), str(Path(tmp) / "page")], check=True)  # noqa: S603, S607
        pages = []
        for rendered in sorted(Path(tmp).glob("page-*.png")):
            with Image.open(rendered) as image:
                pages.append([barcode.text for barcode in zxingcpp.read_barcodes(image)])
        return pages


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def decode_svg(data: bytes | str, scale: int = 8) -> list[str]:
    """Decode a QR code SVG made of the unit squares qrcode's SvgPathImage
    writes (``M x,y H … V … H … z``), drawn as a phone would see them."""
    import re
    from xml.etree import ElementTree

    from PIL import ImageDraw

    text = data.decode() if isinstance(data, bytes) else data
    root = ElementTree.fromstring(text)  # noqa: S314 - our own output
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    image = Image.new("L", (int(width * scale), int(height * scale)), 255)
    draw = ImageDraw.Draw(image)
    path = next(el for el in root.iter() if el.tag.endswith("path")).get("d")
    for x, y, x2, y2 in re.findall(r"M([\d.]+),([\d.]+)H([\d.]+)V([\d.]+)H[\d.]+z", path):
        draw.rectangle([float(x) * scale, float(y) * scale, float(x2) * scale - 1, float(y2) * scale - 1], fill=0)
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def set_public_base_url(site, url: str) -> str:
    """Give *site* the public base URL *url* (Government website details)."""
    from wagtail_gk.models import GovernmentSiteSettings

    settings_row = GovernmentSiteSettings.for_site(site)
    settings_row.public_base_url = url
    settings_row.save()
    return url
