"""Documents are gated where they are served: the admin form refuses a blocked
upload or replacement, and ``/documents/<id>/<file>`` refuses a document
whose current file has blocking findings, however the file was written."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents.models import Document
from wagtail.models import Collection

from wagtail_gk.models import DocumentCheck, FindingDismissal, RescanFinding

from .conftest import BLOCKED_TEXT, CLEAN_TEXT, valid_id
from .documents import docx_bytes

BLOCKED_BYTES = BLOCKED_TEXT.encode("utf-8")
CLEAN_BYTES = CLEAN_TEXT.encode("utf-8")


def served(client, document):
    """(status, body bytes) of the public document URL."""
    document.refresh_from_db()
    response = client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


def file_errors(response) -> list[str]:
    return [message for error in response.context["form"].errors.as_data()["file"] for message in error.messages]


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


def test_admin_upload_with_an_id_number_is_refused_with_the_findings(admin_client_zh, root_collection):
    with translation.override("en"):
        response = admin_client_zh.post(
            reverse("wagtaildocs:add"),
            {"title": "名单", "file": upload("list.txt", BLOCKED_BYTES), "collection": root_collection.pk},
        )
    assert response.status_code == 200  # the form again, with errors
    errors = file_errors(response)
    assert "不能保存" in errors[0]
    assert len(errors) == 2 and "附件《名单》" in errors[1], errors  # the finding, where it is
    assert valid_id() not in response.content.decode()  # excerpts are masked
    assert not Document.objects.filter(title="名单").exists()


def test_multiple_uploader_refuses_a_blocked_file(admin_client_zh, root_collection):
    response = admin_client_zh.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload("名单.docx", docx_bytes([BLOCKED_TEXT])), "collection": root_collection.pk},
    )
    data = response.json()
    assert data["success"] is False
    assert data["error_message"]
    assert not Document.objects.exists()


def test_clean_upload_is_stored_and_served(admin_client_zh, client, root_collection):
    response = admin_client_zh.post(
        reverse("wagtaildocs:add"),
        {"title": "统计", "file": upload("stats.txt", CLEAN_BYTES), "collection": root_collection.pk},
    )
    assert response.status_code == 302
    document = Document.objects.get(title="统计")
    assert served(client, document) == (200, CLEAN_BYTES)


def test_replacing_a_clean_file_with_a_blocked_one_is_refused_and_the_old_file_still_served(admin_client_zh, client, root_collection):
    document = Document(title="统计", collection=root_collection)
    document.file.save("stats.txt", ContentFile(CLEAN_BYTES), save=False)
    document._set_document_file_metadata()
    document.save()
    filename = document.filename
    assert served(client, document) == (200, CLEAN_BYTES)
    response = admin_client_zh.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "统计", "file": upload("stats2.txt", BLOCKED_BYTES), "collection": root_collection.pk},
    )
    assert response.status_code == 200
    assert "不能保存" in file_errors(response)[0]
    document.refresh_from_db()
    assert document.filename == filename
    assert served(client, document) == (200, CLEAN_BYTES)


def test_document_written_around_the_admin_is_not_served(client, make_article, users):
    document = Document.objects.create(title="名单", file=ContentFile(BLOCKED_BYTES, name="list.txt"))
    assert document.file_hash == ""  # no metadata: nothing but the file tells what it holds
    page = make_article(f'见<a linktype="document" id="{document.pk}">名单</a>', title="链接名单的页面", publish=False)
    page.save()  # the reference index knows the link from the page row
    from wagtail.models import Page

    Page.objects.filter(pk=page.pk).update(live=True)  # as after installing into a site with live pages
    status, body = served(client, document)
    assert status == 403
    assert BLOCKED_BYTES not in body and valid_id().encode() not in body
    check = DocumentCheck.objects.get(document=document)
    assert check.blocking
    assert RescanFinding.objects.filter(kind="document", object_id=str(document.pk), resolved=False).count() == 1
    # Refused again from the stored check: no second row.
    assert served(client, document)[0] == 403
    assert RescanFinding.objects.filter(kind="document").count() == 1
    # The report names the page that links it, with its edit link.
    from django.test import Client

    reviewer = Client()
    reviewer.force_login(users["reviewer"])
    html = reviewer.get(reverse("wagtail_gk_gate:rescan")).content.decode()
    assert "链接名单的页面" in html and reverse("wagtailadmin_pages:edit", args=[page.pk]) in html


def test_file_saved_directly_over_a_served_clean_file_is_refused(client, db):
    document = Document(title="统计")
    document.file.save("stats.txt", ContentFile(CLEAN_BYTES), save=False)
    document._set_document_file_metadata()
    document.save()
    assert served(client, document) == (200, CLEAN_BYTES)
    old_hash = document.file_hash
    document.file.save("stats.txt", ContentFile(BLOCKED_BYTES))  # file_hash is left as it was
    document.refresh_from_db()
    assert document.file_hash == old_hash
    status, body = served(client, document)
    assert status == 403 and BLOCKED_BYTES not in body


def test_warnings_do_not_stop_serving(client, terms):
    text = "代开发票的广告".encode()  # a "warn" term
    document = Document.objects.create(title="提示", file=ContentFile(text, name="warn.txt"))
    assert served(client, document) == (200, text)
    assert DocumentCheck.objects.get(document=document).blocking is False


def test_a_library_change_makes_the_stored_check_stale(client, db):
    from wagtail_gk.models import SensitiveTerm

    document = Document.objects.create(title="通知", file=ContentFile("关于整治代办证的通知".encode(), name="notice.txt"))
    assert served(client, document)[0] == 200
    SensitiveTerm.objects.create(term="代办证", category="违法广告")
    assert served(client, document)[0] == 403


def test_reviewer_dismisses_a_document_finding_with_a_reason_and_it_is_served(client, users):
    document = Document.objects.create(title="处罚决定书", file=ContentFile(BLOCKED_BYTES, name="decision.txt"))
    assert served(client, document)[0] == 403
    client.force_login(users["reviewer"])
    url = reverse("wagtail_gk_gate:document_findings", args=[document.pk])
    page = client.get(url)
    assert page.status_code == 200
    rows = page.context["rows"]
    blocking = [row for row in rows if row["finding"].blocks]
    assert blocking
    for row in blocking:
        response = client.post(url, {"fingerprint": row["form"].initial["fingerprint"], "reason": "依法公开处罚决定当事人信息"})
        assert response.status_code == 302
    assert FindingDismissal.objects.filter(object_id=str(document.pk)).count() == len(blocking)
    client.logout()
    assert served(client, document) == (200, BLOCKED_BYTES)


def test_editor_cannot_dismiss_document_findings(client, users):
    document = Document.objects.create(title="名单", file=ContentFile(BLOCKED_BYTES, name="list.txt"))
    client.force_login(users["editor"])
    url = reverse("wagtail_gk_gate:document_findings", args=[document.pk])
    response = client.post(url, {"fingerprint": "0" * 64, "reason": "不是问题不是问题"})
    assert response.status_code in (302, 403)  # sent away (no admin access) or refused
    assert response.status_code == 403 or response.url != url
    assert not FindingDismissal.objects.exists()


def test_system_check_names_an_ungated_document_form(settings):
    from wagtail_gk.gate.checks import check_document_gate

    assert check_document_gate() == []
    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = ""
    settings.WAGTAILDOCS_SERVE_METHOD = "direct"
    assert sorted(e.id for e in check_document_gate()) == ["wagtail_gk.W120", "wagtail_gk.W121"]
    settings.GK_GATE_CHECK_DOCUMENTS = False
    assert check_document_gate() == []


def test_scanned_document_is_not_served_while_its_text_recognition_runs(client, settings, db):
    """A scan whose OCR runs in the background is withheld, not listed (it
    clears by itself), and checked for real once the text is known."""
    from django.core.cache import cache
    from django_tasks import default_task_backend

    from wagtail_gk.gate.readers import ocr

    from .documents import cjk_font_path, png_bytes, text_image

    if not ocr.ocr_available() or cjk_font_path() is None:
        pytest.skip("needs tesseract-ocr with chi_sim and a CJK font")
    cache.clear()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.GK_GATE_OCR_SYNC_SECONDS = 0
    default_task_backend.clear()
    image = png_bytes(text_image(["关于困难群众救助名单的公示", "张三 身份证号 " + valid_id("11010519491231002")]))
    document = Document.objects.create(title="救助名单", file=ContentFile(image, name="list.png"))
    status, body = served(client, document)
    assert status == 403 and image not in body
    assert not RescanFinding.objects.exists()
    assert not DocumentCheck.objects.exists()  # nothing standing yet
    (task,) = [r for r in default_task_backend.results if r.task.func.__name__ == "read_document_text"]
    task.task.func(*task.args, **task.kwargs)  # the worker reads the text
    status, body = served(client, document)
    assert status == 403 and image not in body
    check = DocumentCheck.objects.get(document=document)
    assert "ocr_pending" not in [f["code"] for f in check.findings]
    assert any(f["code"] == "id_card" or "身份证" in f["message"] for f in check.findings), check.findings
    assert RescanFinding.objects.filter(kind="document").count() == 1
    default_task_backend.clear()


def test_private_collection_restriction_comes_first(client, root_collection):
    from wagtail.models import BaseViewRestriction, CollectionViewRestriction

    private = root_collection.add_child(name="内部")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=BaseViewRestriction.LOGIN)
    document = Document.objects.create(title="名单", collection=private, file=ContentFile(BLOCKED_BYTES, name="list.txt"))
    response = client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))
    assert response.status_code == 302  # to the login page, without reading the file
    assert not DocumentCheck.objects.exists()
