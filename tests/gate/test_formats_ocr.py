"""Text in images and scanned PDFs, read by OCR offline (Tesseract chi_sim),
within a synchronous budget; longer OCR runs in the background and blocks
until it is done (docs/gate.md, "Attachment formats")."""

import time

import pytest
from django.core.cache import cache
from django.utils import translation

from wagtail_gk.gate import run_checks
from wagtail_gk.gate.documents import extract_file_text
from wagtail_gk.gate.readers import ocr

from .conftest import valid_id
from .documents import cjk_font_path, png_bytes, scanned_pdf_bytes, text_image
from .test_documents import make_document

ID = valid_id("11010519491231002")
pytestmark = [
    pytest.mark.skipif(not ocr.ocr_available(), reason="OCR needs tesseract-ocr and tesseract-ocr-chi-sim"),
    pytest.mark.skipif(cjk_font_path() is None, reason="the test images need a CJK font (fonts-noto-cjk)"),
]
LIST = ["关于困难群众救助名单的公示", "1. 张三 身份证号 " + ID + " 某某村一组", "2. 李四 无"]


def test_id_number_in_a_scanned_list_image_is_read():
    result = extract_file_text("名单.png", png_bytes(text_image(LIST)), ocr_budget=None)
    assert not result.unreadable
    assert ID in result.pages[0][1]


def test_multi_page_tiff_is_read_page_by_page():
    import io

    image = text_image(LIST)
    tiff = io.BytesIO()
    text_image(["第一页 没有问题"]).save(tiff, "TIFF", save_all=True, append_images=[image])
    pages = extract_file_text("名单.tif", tiff.getvalue(), ocr_budget=None).pages
    assert len(pages) == 2 and ID in pages[1][1]


def test_scanned_pdf_pages_are_read_by_ocr():
    data = scanned_pdf_bytes([text_image(["第一页 没有问题"]), text_image(LIST)])
    result = extract_file_text("名单.pdf", data, ocr_budget=None)
    assert [label for label, _ in result.pages][:2] == ["第1页", "第2页"]
    assert ID in result.pages[1][1]


def test_ocr_past_the_budget_is_pending_not_a_wait(settings):
    data = scanned_pdf_bytes([text_image(LIST)] * 3)
    started = time.monotonic()
    result = extract_file_text("名单.pdf", data, ocr_budget=0.5)
    assert time.monotonic() - started < 1.0
    assert result.ocr_pending and result.pages == [] and not result.unreadable


def test_ocr_switched_off_says_the_file_was_not_checked(settings):
    settings.GK_GATE_OCR_ENGINE = "off"
    with translation.override("en"):
        result = extract_file_text("名单.png", png_bytes(text_image(LIST)))
    assert "OCR" in result.unreadable


@pytest.fixture
def background_tasks(settings):
    """A task backend that only queues (like RQ without a worker), so the
    test decides when the background OCR runs."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def ocr_tasks(backend):
    return [result for result in backend.results if result.task.func.__name__ == "read_document_text"]


def findings_panel(client, page):
    from django.urls import reverse

    with translation.override("en"):
        return client.get(reverse("wagtail_gk_gate:findings", args=["home", "articlepage", page.pk])).content.decode()


def test_ten_scanned_pages_are_checked_in_the_background(make_article, background_tasks, client, users):
    cache.clear()
    pages = [text_image([f"第{n}页 工作安排 没有个人信息"]) for n in range(1, 11)]
    pages[6] = text_image(LIST)
    document = make_document("救助名单", "list.pdf", scanned_pdf_bytes(pages))
    page = make_article(f'见<a linktype="document" id="{document.pk}">救助名单</a>')

    started = time.monotonic()
    report = run_checks(page.get_latest_revision())
    elapsed = time.monotonic() - started
    assert elapsed < 1.5, f"the check held the request for {elapsed:.2f} s"
    assert [f.code for f in report.blocking] == ["ocr_pending"]
    assert len(ocr_tasks(background_tasks)) == 1

    # A second check while OCR is queued neither waits nor queues again.
    started = time.monotonic()
    assert [f.code for f in run_checks(page.get_latest_revision()).blocking] == ["ocr_pending"]
    assert time.monotonic() - started < 0.5
    assert len(ocr_tasks(background_tasks)) == 1

    client.force_login(users["reviewer"])
    assert "尚未完成检查" in findings_panel(client, page)

    # The worker runs the task; the next check (the editor's findings panel) has the result.
    (result,) = ocr_tasks(background_tasks)
    result.task.func(*result.args, **result.kwargs)
    report = run_checks(page.get_latest_revision())
    assert "ocr_pending" not in [f.code for f in report.findings]
    assert "附件《救助名单》第7页" in [f.location for f in report.blocking]
    panel = findings_panel(client, page)
    assert "附件《救助名单》第7页" in panel and "尚未完成检查" not in panel


def test_small_image_is_checked_at_once_within_the_budget(make_article, background_tasks, settings):
    cache.clear()
    settings.GK_GATE_OCR_SYNC_SECONDS = 30  # an installation that accepts waiting
    document = make_document("名单", "list.png", png_bytes(text_image(LIST, size=(1240, 300))))
    page = make_article(f'见<a linktype="document" id="{document.pk}">名单</a>')
    with translation.override("en"):
        report = run_checks(page.get_latest_revision())
    assert "Attachment “名单” › Image (OCR)" in [f.location for f in report.blocking]
    assert not ocr_tasks(background_tasks)
