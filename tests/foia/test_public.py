"""The public intake page: form, captcha, CSRF, rate limits, receipt (page and
PDF) and the status look-up (its protection against guessing is in
test_status_lookup.py)."""

from __future__ import annotations

import io
import os

import pytest
from django.test import Client, override_settings

from wagtail_gk_foia.models import DisclosureRequest, Status
from wagtail_gk_foia.storage import private_storage

from .conftest import credit_code, form_post, png_bytes, upload

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).replace(" ", "")


def submit(client, page, path="", **overrides):
    url = page.url + path
    return client.post(url, form_post(client, url, **overrides))


def test_natural_person_files_request_and_gets_receipt(client, foia_page, settings):
    response = submit(client, foia_page)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"].endswith("/receipt/")
    req = DisclosureRequest.objects.get()
    assert (req.applicant_type, req.channel, req.status) == ("natural", "online", Status.REGISTERED)
    assert req.agency == foia_page.agency
    # 第31条: an online request's date of receipt is the date both sides confirm.
    assert req.reply_due_on is None and req.awaiting_confirmation
    # The identity proof lives in the private storage, outside MEDIA_ROOT.
    assert req.identity_proof.name.startswith("identity/")
    path = private_storage.path(req.identity_proof.name)
    assert os.path.exists(path)
    assert not os.path.abspath(path).startswith(os.path.abspath(settings.MEDIA_ROOT) + os.sep)

    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    code = receipt.context["query_code"]
    assert req.tracking_number in html and code in html
    assert code not in req.tracking_number
    assert "查询码只显示这一次" in html

    pdf = client.get(foia_page.url + "receipt/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert req.tracking_number in text
    assert code in text
    assert "回执" in text


def test_receipt_qr_and_pdf_carry_the_public_base_url(client, foia_page):
    """The status page's address on the receipt (its QR code and the PDF) is
    the site's public one, and the receipt PDF embeds its fonts."""
    import re

    from tests.pdf_checks import assert_fonts_embedded
    from tests.policy.qr_decode import decode_svg, set_public_base_url

    base = set_public_base_url(foia_page.get_site(), "https://www.yongning.gov.cn")
    response = submit(client, foia_page)
    assert response.status_code == 302
    status_url = f"{base}{foia_page.url}status/"
    html = client.get(response["Location"]).content.decode()
    svg = re.search(r'<svg width="[\d.]+mm".*?</svg>', html, re.S).group(0)
    assert decode_svg(svg) == [status_url]
    pdf = client.get(foia_page.url + "receipt/pdf/").content
    assert status_url in "".join(pdf_text(pdf).split())
    assert_fonts_embedded(pdf)


def test_receipt_needs_the_session(client, foia_page):
    submit(client, foia_page)
    other = Client()
    assert other.get(foia_page.url + "receipt/").status_code == 302
    assert other.get(foia_page.url + "receipt/pdf/").status_code == 404


@pytest.mark.parametrize("subtype", ["commercial", "research", "public_interest", "legal_service", "other"])
def test_organisation_with_subtype(client, foia_page, subtype):
    response = submit(
        client, foia_page, applicant_kind="organisation", organisation_type=subtype, id_type="",
        id_number=credit_code(), contact_person="刘联系", applicant_name="宁夏某某有限公司",
    )
    assert response.status_code == 302
    assert DisclosureRequest.objects.get().applicant_type == subtype


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"applicant_kind": "organisation", "id_number": credit_code(), "contact_person": "刘"}, "organisation_type", "请选择组织类别"),
        ({"applicant_kind": "organisation", "organisation_type": "research", "contact_person": "刘", "id_number": "123"}, "id_number", "统一社会信用代码不正确"),
        ({"id_number": "110105194912310021"}, "id_number", "居民身份证号码不正确"),
        ({"phone": "12345"}, "phone", "请填写有效的手机号码"),
        ({"email": "", "delivery_channel": "email"}, "email", "请填写电子邮箱"),
        ({"applicant_name": ""}, "applicant_name", "必需字段"),
        ({"declaration": None}, "declaration", "请确认承诺后提交"),
        ({"identity_proof": None}, "identity_proof", "请上传身份证明"),
        ({"identity_proof": upload("id.pdf", b"MZ\x90\x00" + b"\x00" * 100)}, "identity_proof", "疑似可执行程序"),
        ({"identity_proof": upload("id.pdf", png_bytes())}, "identity_proof", "不一致"),
        ({"identity_proof": upload("id.docx", b"PK\x03\x04")}, "identity_proof", "只接受 PDF、JPG 或 PNG"),
        ({"captcha_answer": "999"}, "captcha_answer", "验证问题回答错误"),
        ({"form_token": "forged:token"}, "captcha_answer", "表单校验失败"),
    ],
)
def test_bad_input_gives_chinese_message_and_stores_nothing(client, foia_page, overrides, field, message):
    response = submit(client, foia_page, **overrides)
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in e for e in form.errors.get(field, [])), form.errors
    assert "申请表有需要修改的地方" in response.content.decode()
    assert not DisclosureRequest.objects.exists()
    # A new question and token are issued so the applicant can try again.
    assert response.context["question"]


@override_settings(GK_FOIA_UPLOAD_MAX_BYTES=1000)
def test_oversized_upload_refused(client, foia_page):
    response = submit(client, foia_page, identity_proof=upload("id.pdf", b"%PDF-1.4\n" + b"0" * 2000))
    assert response.status_code == 400
    assert "文件过大" in str(response.context["form"].errors["identity_proof"])
    assert not DisclosureRequest.objects.exists()


def test_double_submission_creates_one_request(client, foia_page):
    data = form_post(client, foia_page.url)
    first = client.post(foia_page.url, data)
    assert first.status_code == 302
    data["identity_proof"] = upload()
    second = client.post(foia_page.url, data)
    assert second.status_code == 409
    assert "请勿重复提交" in second.content.decode()
    assert DisclosureRequest.objects.count() == 1


def test_wrong_answer_burns_the_question(client, foia_page):
    data = form_post(client, foia_page.url)
    right = data["captcha_answer"]
    data["captcha_answer"] = str(int(right) + 1)
    assert client.post(foia_page.url, data).status_code == 400
    data["captcha_answer"] = right
    data["identity_proof"] = upload()
    response = client.post(foia_page.url, data)
    assert response.status_code == 400
    assert "验证问题已失效" in str(response.context["form"].errors)
    assert not DisclosureRequest.objects.exists()


def test_csrf_is_enforced(foia_page):
    client = Client(enforce_csrf_checks=True)
    data = form_post(client, foia_page.url)
    assert client.post(foia_page.url, data).status_code == 403
    assert not DisclosureRequest.objects.exists()
    page = client.get(foia_page.url)
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()


@override_settings(GK_FOIA_INTAKE_RATE="2/h")
def test_intake_is_rate_limited(client, foia_page):
    assert submit(client, foia_page).status_code == 302
    assert submit(client, foia_page, captcha_answer="999").status_code == 400
    response = submit(client, foia_page)
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert DisclosureRequest.objects.count() == 1
    # Another address is not affected.
    assert submit(Client(REMOTE_ADDR="10.0.0.9"), foia_page).status_code == 302


def test_accessible_version_is_a_plain_large_text_form(client, foia_page):
    page = client.get(foia_page.url + "easy/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "无障碍版" in html and "accessible.css" in html
    assert 'class="gk-foia-easy"' in html
    assert "<script" not in html  # no scripts needed to fill it in
    response = submit(client, foia_page, "easy/")
    assert response.status_code == 302
    assert DisclosureRequest.objects.get().accessible_version is True


def test_accessible_css_uses_large_text():
    from django.contrib.staticfiles import finders

    with open(finders.find("wagtail_gk_foia/accessible.css"), encoding="utf-8") as fh:
        css = fh.read()
    assert "font: 24px" in css


# --- status look-up -------------------------------------------------------------


def _filed(client, page):
    submit(client, page)
    receipt = client.get(page.url + "receipt/")
    return DisclosureRequest.objects.get(), receipt.context["query_code"]


def test_status_with_tracking_number_and_query_code(client, foia_page):
    req, code = _filed(client, foia_page)
    applicant = Client()
    response = applicant.post(foia_page.url + "status/", {"tracking_number": req.tracking_number.lower(), "query_code": code})
    html = response.content.decode()
    assert response.status_code == 200
    assert "办理中" in html and req.information_title in html
    assert "登记申请" in html  # public timeline
    assert req.applicant_name not in html and req.id_number not in html


def test_status_does_not_tell_existing_from_missing_numbers(client, foia_page):
    req, code = _filed(client, foia_page)
    applicant = Client()
    wrong_code = applicant.post(foia_page.url + "status/", {"tracking_number": req.tracking_number, "query_code": "AAAA-BBBB-CCCC"})
    missing = applicant.post(foia_page.url + "status/", {"tracking_number": "YSQ2026999999", "query_code": "AAAA-BBBB-CCCC"})
    assert wrong_code.status_code == missing.status_code == 403
    assert wrong_code.context["error"] == missing.context["error"]
    assert req.information_title not in wrong_code.content.decode()


# Guessing, backoff, the question and the rate limit of the status look-up:
# tests/foia/test_status_lookup.py.


def test_status_documents_only_for_the_verified_applicant(client, foia_page, officer):
    from wagtail_gk_foia import documents

    req, code = _filed(client, foia_page)
    doc = documents.issue_document(req, "receipt", user=officer)
    doc_url = f"{foia_page.url}status/document/{doc.pk}/"
    stranger = Client()
    assert stranger.get(doc_url).status_code == 404
    applicant = Client()
    applicant.post(foia_page.url + "status/", {"tracking_number": req.tracking_number, "query_code": code})
    response = applicant.get(doc_url)
    assert response.status_code == 200
    assert req.tracking_number in pdf_text(b"".join(response.streaming_content))
