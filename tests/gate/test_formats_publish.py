"""At the public URL: a page whose attached document holds what the gate
blocks — an ID number in a .xls, 机密★ in a .docx inside a .zip, an ID number
in a scanned list — is refused publication, and the page's URL serves a 404
or the old content (docs/gate.md, "Attachment formats")."""

import shutil

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.form_data import article_form_data

from .conftest import CLEAN_TEXT, valid_id
from .documents import (
    cjk_font_path,
    docx_bytes,
    libreoffice_convert,
    png_bytes,
    scanned_pdf_bytes,
    text_image,
    xlsx_bytes,
    zip_bytes,
)
from .test_documents import make_document

ID = valid_id("11010519491231002")


def xls_with_id():
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed: the .xls is made by converting an .xlsx")
    return "名单.xls", libreoffice_convert(xlsx_bytes({"救助名单": [["姓名", "身份证号"], ["张三", ID]]}), "xlsx", "xls")


def zip_with_classified_docx():
    return "材料.zip", zip_bytes({"上报材料/情况说明.docx": docx_bytes(["情况说明", "机密★一年"])})


def scanned_list(kind):
    from wagtail_gk.gate.readers import ocr

    if not ocr.ocr_available() or cjk_font_path() is None:
        pytest.skip("OCR needs tesseract-ocr, tesseract-ocr-chi-sim and fonts-noto-cjk")
    image = text_image(["救助名单", f"1. 张三 身份证号 {ID}"], size=(1240, 400))
    return ("名单.png", png_bytes(image)) if kind == "png" else ("名单.pdf", scanned_pdf_bytes([image]))


ATTACHMENTS = {
    "xls": xls_with_id,
    "zip": zip_with_classified_docx,
    "scanned-png": lambda: scanned_list("png"),
    "scanned-pdf": lambda: scanned_list("pdf"),
}


def _publish(client, page, text):
    data = article_form_data(page.title, page.slug, text, action="action-publish", like=page.specific)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)


@pytest.fixture
def attached(request, settings):
    # Enough synchronous OCR budget for one small scan, as the editor would
    # get on a second check once the background OCR has finished.
    settings.GK_GATE_OCR_SYNC_SECONDS = 60
    cache.clear()
    filename, data = ATTACHMENTS[request.param]()
    document = make_document("附件材料", filename, data)
    return f'{CLEAN_TEXT}<a linktype="document" id="{document.pk}">附件材料</a>'


@pytest.mark.parametrize("attached", list(ATTACHMENTS), indirect=True)
def test_new_page_with_blocked_attachment_is_refused_and_not_served(client, users, make_article, attached):
    page = make_article(CLEAN_TEXT, title="救助公示", slug="jiuzhu-gongshi")
    client.force_login(users["reviewer"])
    response = _publish(client, page, attached)
    text = response.content.decode()
    assert "不能发布" in text and "附件《附件材料》" in text  # refused for the attachment
    page.refresh_from_db()
    assert not page.live
    assert client.get("/zwgk/tzgg/jiuzhu-gongshi/").status_code == 404


@pytest.mark.parametrize("attached", list(ATTACHMENTS), indirect=True)
def test_live_page_keeps_its_old_content_when_the_attachment_blocks(client, users, make_article, attached):
    page = make_article(CLEAN_TEXT, title="救助公示", slug="jiuzhu-gongshi", publish=True)
    page.refresh_from_db()
    url = page.url
    assert client.get(url).status_code == 200
    client.force_login(users["reviewer"])
    _publish(client, page, attached)
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    assert "附件材料" not in response.content.decode()


def test_unreadable_attachment_blocks_until_a_reviewer_dismisses_it_with_a_reason(client, users, make_article, settings):
    settings.GK_GATE_OCR_ENGINE = "off"  # an installation without OCR: a scan cannot be checked
    image = text_image(["救助名单"], size=(600, 200)) if cjk_font_path() else None
    data = png_bytes(image) if image is not None else b"\x89PNG\r\n\x1a\n"
    document = make_document("扫描件", "scan.png", data)
    page = make_article(f'{CLEAN_TEXT}<a linktype="document" id="{document.pk}">扫描件</a>', slug="saomiao")
    from wagtail_gk.gate import finding_fingerprint, run_checks

    (finding,) = run_checks(page.get_latest_revision()).blocking
    assert finding.code == "unreadable_attachment"
    dismiss = reverse("wagtail_gk_gate:dismiss_finding", args=["home", "articlepage", page.pk])
    client.force_login(users["editor"])  # no dismissal permission
    client.post(dismiss, {"fingerprint": finding_fingerprint(finding), "reason": "已人工核对扫描件"})
    client.force_login(users["reviewer"])
    client.post(dismiss, {"fingerprint": finding_fingerprint(finding), "reason": ""})  # no reason
    assert run_checks(page.get_latest_revision()).blocks
    client.post(dismiss, {"fingerprint": finding_fingerprint(finding), "reason": "已人工核对扫描件，无个人信息"})
    assert not run_checks(page.get_latest_revision()).blocks
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert client.get(page.url).status_code == 200
