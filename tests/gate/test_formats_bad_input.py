"""Bad input (docs/gate.md, "Attachment formats"): corrupt, encrypted,
truncated and renamed files, zip bombs, deep nesting, huge files and huge
images give a finding that says what could not be checked — never a crash,
a hang past the time limit, or memory past the caps."""

import io
import shutil
import struct
import time
import zipfile
import zlib

import pytest
from django.utils import translation

from wagtail_gk.gate.documents import extract_file_text
from wagtail_gk.gate.readers.base import OLE_MAGIC

from .conftest import valid_id
from .documents import docx_bytes, libreoffice_convert, ofd_bytes, pdf_bytes, xlsx_bytes, zip_bytes

ID = valid_id()


def read(name, data, **kwargs):
    """Read in English and within a time limit: a bad file must not hang."""
    started = time.monotonic()
    with translation.override("en"):
        result = extract_file_text(name, data, **kwargs)
    assert time.monotonic() - started < 30, "reading a bad file took too long"
    return result


def damaged(result):
    return result.pages == [] and "damaged" in result.unreadable


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("名单.docx", docx_bytes([f"身份证{ID}"])),
        ("表.xlsx", xlsx_bytes({"表": [["张三", ID]]})),
        ("方案.pdf", pdf_bytes([f"身份证{ID}"] * 3)),
        ("公告.ofd", ofd_bytes([f"身份证{ID}"])),
        ("材料.zip", zip_bytes({"名单.txt": f"身份证{ID}".encode() * 50})),
    ],
)
def test_truncated_files_are_reported_not_passed(name, data):
    result = read(name, data[: len(data) // 2])
    assert result.unreadable
    assert ID not in "".join(text for _label, text in result.pages)


@pytest.mark.parametrize("name", ["名单.docx", "表.xlsx", "通知.odt", "公告.ofd"])
def test_zip_based_formats_with_garbage_parts_are_damaged(name):
    parts = {"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document", "xl/x.xml": b"x", "mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office", "OFD.xml": b"<ofd"}
    wanted = {
        "名单.docx": ["[Content_Types].xml", "word/document.xml"],
        "表.xlsx": ["[Content_Types].xml", "xl/x.xml"],
        "通知.odt": ["mimetype", "content.xml"],
        "公告.ofd": ["OFD.xml"],
    }[name]
    assert damaged(read(name, zip_bytes({part: parts[part] for part in wanted})))


def test_encrypted_office_file_says_password():
    # Office saves a password-protected .docx/.xlsx as an OLE file holding an
    # "EncryptedPackage" stream: recognised by that stream, whatever the name.
    data = OLE_MAGIC + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 20 + "EncryptedPackage".encode("utf-16-le")
    for name in ("名单.docx", "表.xlsx", "名单.doc"):
        assert "password" in read(name, data).unreadable


def test_encrypted_pdf_says_password():
    assert "password" in read("加密.pdf", pdf_bytes(["保密"], encrypt_password="secret")).unreadable


def test_password_protected_zip_member_is_named():
    data = bytearray(zip_bytes({"名单.txt": b"x" * 100}))
    # set the "encrypted" flag in the local header and the central directory
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + offset
        data[at] |= 0x1
    result = read("材料.zip", bytes(data))
    assert "名单.txt" in result.unreadable and "password" in result.unreadable


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("名单.pdf", docx_bytes([f"身份证{ID}"])),  # a .docx renamed to .pdf
        ("名单.png", docx_bytes([f"身份证{ID}"])),
        ("说明.txt", zip_bytes({"名单.docx": docx_bytes([f"身份证{ID}"])})),
        ("名单.xlsx", pdf_bytes([f"身份证{ID}"])),
    ],
)
def test_renamed_files_are_read_by_content(name, data, settings):
    settings.GK_GATE_OCR_ENGINE = "off"
    result = read(name, data)
    assert ID in "".join(text for _label, text in result.pages)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_renamed_doc_is_read_as_word():
    doc = libreoffice_convert(docx_bytes(["关于困难群众救助情况的公示"] * 20 + [f"身份证{ID}"]), "docx", "doc")
    assert ID in read("名单.pdf", doc).pages[0][1]


def _bomb(size):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive, archive.open("zeros.txt", "w", force_zip64=True) as member:
        chunk = b"\0" * 1048576
        for _ in range(size // 1048576):
            member.write(chunk)
    return buffer.getvalue()


def test_zip_bomb_is_refused_without_unpacking():
    data = _bomb(300 * 1048576)  # 300 MB of zeros in about 300 KB
    assert len(data) < 1048576
    started = time.monotonic()
    result = read("材料.zip", data)
    assert time.monotonic() - started < 2
    assert "zip bomb" in result.unreadable


def test_member_whose_declared_size_lies_is_cut_at_the_cap(settings):
    settings.GK_GATE_ARCHIVE_MAX_RATIO = 10**9  # let the ratio pass: the read itself must stop
    settings.GK_GATE_MAX_DOCUMENT_BYTES = 1048576  # caps unpacking at 10 MB
    data = bytearray(_bomb(20 * 1048576))
    # declare 1 KB in the central directory while the member holds 20 MB
    at = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, at + 24, 0xFFFFFFFF)  # zip64 keeps the real size in its extra field
    result = read("材料.zip", bytes(data))
    assert result.unreadable  # refused or damaged, never 20 MB in memory passing as read


def test_archives_nested_20_deep_stop_at_the_depth_limit():
    data = f"身份证{ID}".encode()
    name = "名单.txt"
    for level in range(20):
        data = zip_bytes({name: data})
        name = f"第{level}层.zip"
    result = read("材料.zip", data)
    assert "nested more than 5 deep" in result.unreadable


def test_archive_with_too_many_members(settings):
    settings.GK_GATE_ARCHIVE_MAX_MEMBERS = 50
    result = read("材料.zip", zip_bytes({f"{n}.txt": b"x" for n in range(60)}))
    assert "60" in result.unreadable and "50" in result.unreadable


def test_100_mb_file_is_not_read():
    started = time.monotonic()
    result = read("大.pdf", b"%PDF-1.4\n" + b"\0" * (100 * 1048576))
    assert time.monotonic() - started < 1
    assert "too large" in result.unreadable


def _png_header_only(width, height):
    """A PNG that declares *width* × *height* pixels but holds one row: what
    a decompression bomb looks like before it is decoded."""

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * (width + 1))) + chunk(b"IEND", b"")


def test_image_of_20000_by_20000_pixels_is_refused_before_decoding():
    started = time.monotonic()
    result = read("扫描.png", _png_header_only(20000, 20000))
    assert time.monotonic() - started < 1
    assert "million pixels" in result.unreadable


def test_image_above_the_setting_but_below_pillows_limit_is_refused(settings):
    settings.GK_GATE_OCR_MAX_PIXELS = 1_000_000
    assert "more than 1 million pixels" in read("扫描.png", _png_header_only(2000, 1000)).unreadable


def test_truncated_image_is_damaged(settings):
    if not shutil.which("tesseract"):
        pytest.skip("tesseract is not installed")
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (800, 600), 255).save(buffer, "PNG")
    result = read("扫描.png", buffer.getvalue()[:200])
    assert "damaged" in result.unreadable


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_tool_past_its_time_limit_is_stopped(settings):
    settings.GK_GATE_PDF_EXTRACTOR = "pdftotext"
    settings.GK_GATE_PDF_TIMEOUT = 0.001
    result = read("方案.pdf", pdf_bytes(["内容"] * 50))
    assert "took longer than" in result.unreadable


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_tool_past_its_memory_cap_gives_a_finding(settings):
    settings.GK_GATE_PDF_EXTRACTOR = "pdftotext"
    settings.GK_GATE_TOOL_MEMORY_MB = 2  # too little to even start
    result = read("方案.pdf", pdf_bytes(["内容"]))
    assert result.unreadable and result.pages == []


def test_unknown_binary_is_unsupported_not_read_as_text():
    result = read("数据.bin", b"\x00\x01\x02" * 100)
    assert ".bin" in result.unreadable
