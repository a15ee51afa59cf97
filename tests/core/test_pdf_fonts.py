"""Generated PDFs print anywhere: core's font (wagtail_gk.pdf) is embedded and
subset in QR posters, the fallback is announced by a system check, and the
optional print-shop bleed gives the right page boxes."""

import pytest
from reportlab.lib.units import mm

from tests.pdf_checks import assert_fonts_embedded, needs_poppler, page_boxes, pdf_fonts
from tests.policy.qr_decode import decode_pdf_rendered
from wagtail_gk import pdf
from wagtail_gk.checks import check_pdf_font, check_print_bleed
from wagtail_gk.posters import PosterEntry, render_poster_pdf

pytestmark = needs_poppler

ENTRY = PosterEntry("永宁县政府信息公开指南（2026年版）", ["发文机关：永宁县人民政府办公室"], "https://www.yongning.gov.cn/q/abc123/")


@pytest.fixture
def fresh_font_choice():
    pdf._choose.cache_clear()
    yield
    pdf._choose.cache_clear()


@pytest.mark.parametrize("paper,per_page", [("A4", 1), ("A3", 1), ("A4", 6), ("A3", 12)])
def test_posters_embed_a_subset_truetype_font(paper, per_page):
    data = render_poster_pdf([ENTRY] * 3, paper=paper, per_page=per_page)
    fonts = assert_fonts_embedded(data)
    assert all(font["subset"] and "TrueType" in font["type"] for font in fonts)
    assert check_pdf_font(None) == []


def test_without_an_embeddable_font_the_check_warns_and_pdffonts_fails(settings, monkeypatch, fresh_font_choice):
    # Noto Sans CJK is CFF-based: reportlab cannot embed it, so it is passed over.
    monkeypatch.setattr(pdf, "PACKAGE_FONTS", [])
    monkeypatch.setattr(pdf, "SYSTEM_FONTS", [])
    settings.GK_PDF_FONT_FILE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    assert pdf.pdf_font() == pdf.FALLBACK_FONT
    warnings = check_pdf_font(None)
    assert [w.id for w in warnings] == ["wagtail_gk.W011"]
    assert "NotoSansCJK" in warnings[0].msg or "No embeddable" in warnings[0].msg
    data = render_poster_pdf([ENTRY])
    assert not all(font["embedded"] for font in pdf_fonts(data))
    with pytest.raises(AssertionError, match="not embedded"):
        assert_fonts_embedded(data)


def test_a_configured_truetype_font_is_used(settings, fresh_font_choice):
    from importlib.resources import files

    path = str(files("paperang_p2_fonts_cjk").joinpath("fonts/wqy-microhei.ttc"))
    settings.GK_PDF_FONT_FILE = path
    assert pdf.font_choice().path == path and pdf.font_problem() == ""
    assert check_pdf_font(None) == []
    # A file that cannot be used is passed over, and the check says so.
    settings.GK_PDF_FONT_FILE = "/nonexistent/font.ttf"
    assert pdf.font_choice().path == path and pdf.font_problem() == ""
    warnings = check_pdf_font(None)
    assert [w.id for w in warnings] == ["wagtail_gk.W012"] and "/nonexistent/font.ttf" in warnings[0].msg


def test_bleed_enlarges_the_media_and_marks_the_trim(settings):
    settings.GK_PRINT_BLEED_MM = 3
    data = render_poster_pdf([ENTRY], paper="A4")
    boxes = page_boxes(data)
    media, trim = boxes["MediaBox"], boxes["TrimBox"]
    assert round((media[2] - media[0]) / mm) == 216 and round((media[3] - media[1]) / mm) == 303
    assert round(trim[0] / mm) == 3 and round((trim[2] - trim[0]) / mm) == 210 and round((trim[3] - trim[1]) / mm) == 297
    assert decode_pdf_rendered(data) == [[ENTRY.url]]
    assert_fonts_embedded(data)
    settings.GK_PRINT_BLEED_MM = 0
    boxes = page_boxes(render_poster_pdf([ENTRY], paper="A3"))
    assert round(boxes["MediaBox"][2] / mm) == 297 and boxes["TrimBox"] == boxes["MediaBox"]


@pytest.mark.parametrize("value,ok", [(0, True), (3, True), (5.5, True), (-1, False), (20, False), ("3", False), (True, False)])
def test_bleed_setting_check(settings, value, ok):
    settings.GK_PRINT_BLEED_MM = value
    assert (check_print_bleed(None) == []) is ok
