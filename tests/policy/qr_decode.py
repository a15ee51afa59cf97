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
