"""Text of attached documents: PDF/DOCX/XLSX/TXT with page locations, bad
files as findings (never a crash), documents attached to or linked from a page."""

import pytest
from django.core.files.base import ContentFile

from wagtail_gk.document_text import extract_file_text
from wagtail_gk.gate import run_checks

from .conftest import valid_id
from .documents import docx_bytes, pdf_bytes, xlsx_bytes

ID = valid_id()


def test_pdf_pages_are_labelled():
    result = extract_file_text("方案.pdf", pdf_bytes(["第一页没有问题", f"第二页 身份证{ID}"]))
    assert not result.unreadable
    assert [label for label, _text in result.pages] == ["第1页", "第2页"]
    assert ID in result.pages[1][1]


def test_docx_paragraphs_and_tables():
    result = extract_file_text("名单.docx", docx_bytes(["名单如下"], table=[["姓名", "身份证号"], ["张三", ID]]))
    assert not result.unreadable
    assert "名单如下" in result.pages[0][1] and ID in result.pages[0][1]


def test_xlsx_sheets_are_labelled():
    result = extract_file_text("表.xlsx", xlsx_bytes({"汇总": [["总数", 3]], "明细": [["张三", ID]]}))
    assert [label for label, _ in result.pages] == ["工作表“汇总”", "工作表“明细”"]
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
        ("旧.doc", b"\xd0\xcf\x11\xe0", "不支持"),
        ("扫描.pdf", None, "扫描件"),
        ("加密.pdf", "password", "密码"),
        ("照片.jpg", b"\xff\xd8\xff", "图片"),
    ],
)
def test_bad_files_give_a_reason_not_a_crash(name, data, reason):
    if data is None:
        data = pdf_bytes(["", ""], blank=True)
    elif data == "password":
        data = pdf_bytes(["保密内容"], encrypt_password="secret")
    result = extract_file_text(name, data)
    assert reason in result.unreadable
    assert result.pages == []


def test_huge_file_is_not_read(settings):
    settings.GK_GATE_MAX_DOCUMENT_BYTES = 1000
    result = extract_file_text("大.txt", b"x" * 2000)
    assert "过大" in result.unreadable


# --- documents of a page --------------------------------------------------------


def make_document(title, filename, data):
    from wagtail.documents.models import Document

    document = Document(title=title)
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    return document


def test_linked_pdf_findings_name_the_document_and_page(make_article, terms):
    document = make_document("实施方案", "plan.pdf", pdf_bytes(["一切正常", f"联系人身份证{ID}"]))
    page = make_article(f'<a linktype="document" id="{document.pk}">实施方案</a>')
    report = run_checks(page.get_latest_revision())
    assert report.blocks
    locations = [f.location for f in report.blocking]
    assert "附件《实施方案》第2页" in locations


def test_unreadable_attachment_warns_by_default_and_setting_can_block(make_article, settings):
    document = make_document("扫描件", "scan.pdf", pdf_bytes([""], blank=True))
    page = make_article(f'见<a linktype="document" id="{document.pk}">扫描件</a>')
    report = run_checks(page.get_latest_revision())
    assert not report.blocks
    assert [f.code for f in report.warnings] == ["unreadable_attachment"]
    assert "扫描件" in report.warnings[0].message
    settings.GK_GATE_UNREADABLE_SEVERITY = "block"
    assert run_checks(page.get_latest_revision()).blocks


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
