"""Text of attached documents: PDF/DOCX/XLSX/TXT with page locations, bad
files as findings (never a crash), documents attached to or linked from a page."""

import shutil

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import translation

from wagtail_gk.gate import run_checks
from wagtail_gk.gate.documents import extract_file_text

from .conftest import valid_id
from .documents import docx_bytes, pdf_bytes, xlsx_bytes

ID = valid_id()


@pytest.fixture(params=["pdftotext", "pypdf"])
def pdf_extractor(request, settings):
    """Run a PDF test with poppler's pdftotext and with pypdf."""
    if request.param == "pdftotext" and not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    settings.GK_GATE_PDF_EXTRACTOR = request.param
    return request.param


def test_pdf_pages_are_labelled(pdf_extractor):
    result = extract_file_text("方案.pdf", pdf_bytes(["第一页没有问题", f"第二页 身份证{ID}"]))
    assert not result.unreadable
    assert [label for label, _text in result.pages][:2] == ["第1页", "第2页"]
    assert ID in result.pages[1][1]


def test_docx_paragraphs_and_tables():
    result = extract_file_text("名单.docx", docx_bytes(["名单如下"], table=[["姓名", "身份证号"], ["张三", ID]]))
    assert not result.unreadable
    assert "名单如下" in result.pages[0][1] and ID in result.pages[0][1]


def test_docx_headers_footers_and_paragraph_breaks():
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("第一段身份")
    document.add_paragraph(f"证{ID}")  # split across paragraphs: no match may be glued together
    document.sections[0].header.paragraphs[0].text = f"页眉 {ID}"
    document.sections[0].footer.paragraphs[0].text = "页脚 内部资料"
    buffer = io.BytesIO()
    document.save(buffer)
    text = extract_file_text("文件.docx", buffer.getvalue()).pages[0][1]
    assert "第一段身份\n证" in text
    assert f"页眉 {ID}" in text and "页脚 内部资料" in text


def test_docx_that_unpacks_to_far_more_than_the_limit_is_not_read(settings):
    data = docx_bytes(["重复的内容" * 50_000])  # about 40 KB packed, 750 KB of XML
    settings.GK_GATE_MAX_DOCUMENT_BYTES = len(data)
    with translation.override("en"):
        result = extract_file_text("大.docx", data)
    assert "unpacks to more than" in result.unreadable


def test_xlsx_sheets_are_labelled():
    result = extract_file_text("表.xlsx", xlsx_bytes({"汇总": [["总数", 3]], "明细": [["张三", ID]]}))
    assert [label for label, _ in result.pages][:2] == ["工作表“汇总”", "工作表“明细”"]
    assert ID in result.pages[1][1]


def test_txt_in_gb18030():
    result = extract_file_text("说明.txt", f"身份证{ID}".encode("gb18030"))
    assert ID in result.pages[0][1]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("坏.pdf", b"%PDF-1.4 garbage" * 10, "损坏"),
        ("坏.docx", b"not a zip at all", "损坏"),
        ("坏.xlsx", b"PK\x03\x04broken", "损坏"),
        ("旧.doc", b"\xd0\xcf\x11\xe0", "损坏"),
        ("扫描.pdf", None, "扫描件"),
        ("加密.pdf", "password", "密码"),
        ("照片.jpg", b"\xff\xd8\xff", "损坏"),
    ],
)
def test_bad_files_give_a_reason_not_a_crash(name, data, reason, pdf_extractor, settings):
    settings.GK_GATE_OCR_ENGINE = "off"  # a scan without OCR cannot be checked
    if data is None:
        data = pdf_bytes(["", ""], blank=True)
    elif data == "password":
        data = pdf_bytes(["保密内容"], encrypt_password="secret")
    result = extract_file_text(name, data)
    assert reason in result.unreadable
    assert result.pages == []


def fake_pdftotext(tmp_path, monkeypatch, *, stdout: str, stderr: str, status: int = 0):
    """Put a stand-in ``pdftotext`` first on PATH."""
    script = tmp_path / "pdftotext"
    script.write_text(f"#!/bin/sh\ncat >/dev/null\nprintf '%s' '{stdout}'\nprintf '%s' '{stderr}' >&2\nexit {status}\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{shutil.os.environ['PATH']}")


def test_pdftotext_without_chinese_language_pack_falls_back_to_pypdf(tmp_path, monkeypatch):
    # Without poppler-data, pdftotext drops text in non-embedded Chinese fonts
    # and keeps the rest: that partial text must not pass for the whole file.
    fake_pdftotext(tmp_path, monkeypatch, stdout="only latin\f", stderr="Syntax Error: Missing language pack for Adobe-GB1 mapping")
    result = extract_file_text("方案.pdf", pdf_bytes([f"身份证{ID}"]))
    assert ID in result.pages[0][1]


def test_pdftotext_password_error_names_the_password(tmp_path, monkeypatch):
    fake_pdftotext(tmp_path, monkeypatch, stdout="", stderr="Command Line Error: Incorrect password", status=1)
    result = extract_file_text("加密.pdf", pdf_bytes(["内容"]))
    assert "密码" in result.unreadable


def test_pdftotext_splits_pages_on_form_feeds(tmp_path, monkeypatch, settings):
    settings.GK_GATE_OCR_ENGINE = "off"  # the stand-in's blank page 2 does not exist in the real file
    fake_pdftotext(tmp_path, monkeypatch, stdout="第一页\f\f第三页\f", stderr="")
    result = extract_file_text("方案.pdf", pdf_bytes(["x"]))
    assert result.pages[:3] == [("第1页", "第一页"), ("第2页", ""), ("第3页", "第三页")]


def test_huge_file_is_not_read(settings):
    settings.GK_GATE_MAX_DOCUMENT_BYTES = 1000
    result = extract_file_text("大.txt", b"x" * 2000)
    assert "过大" in result.unreadable


# --- documents of a page --------------------------------------------------------


def make_document(title, filename, data):
    from wagtail.documents.models import Document

    document = Document(title=title)
    document.file.save(filename, ContentFile(data), save=False)
    document._set_document_file_metadata()  # size and hash, as an admin upload sets them
    document.save()
    return document


def test_linked_pdf_findings_name_the_document_and_page(make_article, terms):
    document = make_document("实施方案", "plan.pdf", pdf_bytes(["一切正常", f"联系人身份证{ID}"]))
    page = make_article(f'<a linktype="document" id="{document.pk}">实施方案</a>')
    report = run_checks(page.get_latest_revision())
    assert report.blocks
    locations = [f.location for f in report.blocking]
    assert "附件《实施方案》第2页" in locations


def test_unreadable_attachment_blocks_by_default_and_setting_can_warn(make_article, settings):
    settings.GK_GATE_OCR_ENGINE = "off"
    document = make_document("扫描件", "scan.pdf", pdf_bytes([""], blank=True))
    page = make_article(f'见<a linktype="document" id="{document.pk}">扫描件</a>')
    report = run_checks(page.get_latest_revision())
    assert [f.code for f in report.blocking] == ["unreadable_attachment"]
    assert "扫描件" in report.blocking[0].message
    settings.GK_GATE_UNREADABLE_SEVERITY = "warn"
    report = run_checks(page.get_latest_revision())
    assert not report.blocks and [f.code for f in report.warnings] == ["unreadable_attachment"]


def test_documents_setting_can_turn_document_checks_off(make_article, settings):
    document = make_document("名单", "list.docx", docx_bytes([f"身份证{ID}"]))
    page = make_article(f'<a linktype="document" id="{document.pk}">名单</a>')
    assert run_checks(page.get_latest_revision()).blocks
    settings.GK_GATE_CHECK_DOCUMENTS = False
    assert not run_checks(page.get_latest_revision()).blocks


def test_page_text_locations_and_markup_stripped(make_article):
    page = make_article(f"<b>身份证</b>：{ID}", title="标题里有法轮功")
    report = run_checks(page.get_latest_revision())
    locations = {f.location for f in report.findings}
    assert any("正文" in loc and "第1块" in loc for loc in locations), locations


def test_several_attachments_are_read_in_order_and_cached(make_article, settings, pdf_extractor):
    cache.clear()
    documents = [
        make_document("甲", "a.pdf", pdf_bytes(["甲文件正常"])),
        make_document("乙", "b.docx", docx_bytes([f"乙文件身份证{ID}"])),
        make_document("丙", "c.pdf", pdf_bytes(["丙文件正常", f"丙文件第二页身份证{ID}"])),
    ]
    links = "".join(f'<a linktype="document" id="{document.pk}">{document.title}</a>' for document in documents)
    page = make_article(links)
    first = run_checks(page.get_latest_revision())
    assert [f.location for f in first.blocking if "附件" in f.location] == ["附件《乙》", "附件《丙》第2页"]
    # A second check reads from the cache, so removing the files changes nothing.
    for document in documents:
        document.file.delete(save=False)
    second = run_checks(page.get_latest_revision())
    assert [f.location for f in second.blocking] == [f.location for f in first.blocking]
