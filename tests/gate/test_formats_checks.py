"""System checks of the attachment readers: each missing tool is named with
the formats that then cannot be checked (docs/gate.md, "Attachment formats")."""

import builtins

import pytest

from wagtail_gk.gate.checks import check_document_readers


@pytest.fixture
def missing(monkeypatch):
    """``missing("soffice", "antiword", …)``: those programs are not on PATH."""
    import shutil

    real_which = shutil.which

    def hide(*names):
        monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name in names else real_which(name, *a, **k))

    return hide


def ids():
    return {message.id for message in check_document_readers()}


def test_everything_installed_or_each_missing_tool_reported(missing):
    missing("soffice", "antiword", "tesseract")
    found = {message.id: message.msg for message in check_document_readers()}
    assert ".dps" in found["wagtail_gk.W130"] and "block publication" in found["wagtail_gk.W130"]
    assert ".doc" in found["wagtail_gk.W131"] and "block publication" in found["wagtail_gk.W131"]
    assert "scanned PDFs" in found["wagtail_gk.W133"]


def test_antiword_missing_with_libreoffice_is_only_information(missing):
    import shutil

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    missing("antiword")
    assert "wagtail_gk.I131" in ids() and "wagtail_gk.W131" not in ids()


def test_xlrd_missing(monkeypatch, missing):
    missing("soffice")
    real_import = builtins.__import__

    def no_xlrd(name, *args, **kwargs):
        if name == "xlrd":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_xlrd)
    assert "wagtail_gk.W132" in ids()


def test_pdftoppm_missing_with_ocr_installed(missing):
    from wagtail_gk.gate.readers import ocr

    if not ocr.ocr_available():
        pytest.skip("tesseract-ocr and tesseract-ocr-chi-sim are not installed")
    missing("pdftoppm")
    assert "wagtail_gk.W134" in ids()


def test_ocr_language_missing(settings):
    from wagtail_gk.gate.readers import ocr

    if ocr.tesseract_binary() is None:
        pytest.skip("tesseract is not installed")
    settings.GK_GATE_OCR_LANGUAGES = "chi_sim+xxx_nonexistent"
    messages = {message.id: message.msg for message in check_document_readers()}
    assert "xxx_nonexistent" in messages["wagtail_gk.W133"]


def test_ocr_off_and_bad_engine(settings):
    settings.GK_GATE_OCR_ENGINE = "off"
    assert "wagtail_gk.I130" in ids()
    settings.GK_GATE_OCR_ENGINE = "paddle"
    assert ids() == {"wagtail_gk.E130"}
