"""What a print shop checks in a PDF: every font embedded (``pdffonts``),
and the page boxes (``pdfinfo -box``)."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts) is not installed")


def _run(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sheet.pdf"
        path.write_bytes(pdf)
        return subprocess.run([tool, *args, str(path)], check=True, capture_output=True, text=True).stdout  # noqa: S603


def pdf_fonts(pdf: bytes) -> list[dict]:
    """The fonts ``pdffonts`` lists: name, type and whether each is embedded."""
    rows = []
    for line in _run("pdffonts", pdf).splitlines()[2:]:
        tokens = line.split()
        if len(tokens) < 6:
            continue
        # The last columns are: emb sub uni object-number generation.
        rows.append({"name": tokens[0], "type": " ".join(tokens[1:-6]), "embedded": tokens[-5] == "yes", "subset": tokens[-4] == "yes"})
    return rows


def assert_fonts_embedded(pdf: bytes):
    """Fail on any font the PDF uses without embedding it; returns the fonts."""
    fonts = pdf_fonts(pdf)
    assert fonts, "pdffonts found no font at all"
    missing = [font["name"] for font in fonts if not font["embedded"]]
    assert not missing, f"fonts not embedded: {missing}"
    return fonts


def page_boxes(pdf: bytes, page: int = 1) -> dict[str, tuple[float, ...]]:
    """``{"MediaBox": (x0, y0, x1, y1), "TrimBox": …}`` of *page*, in points."""
    boxes = {}
    for line in _run("pdfinfo", pdf, "-box", "-f", str(page), "-l", str(page)).splitlines():
        head, _, values = line.partition(":")
        parts = head.split()
        if len(parts) == 3 and parts[2].endswith("Box"):
            boxes[parts[2]] = tuple(float(v) for v in values.split())
    return boxes
