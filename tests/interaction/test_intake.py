"""Writing a letter through the public URL: the question, one-time tokens,
the rate limit, bad input refused with a Chinese message and nothing stored,
script escaped, the receipt and the status look-up."""

from __future__ import annotations

import pytest
from django.test import Client

from wagtail_gk_interaction.models import Letter, LetterStatus

from .conftest import form_post

pytestmark = pytest.mark.django_db


def test_citizen_writes_a_letter_and_gets_receipt(client, mailbox):
    url = mailbox.url
    page = client.get(url).content.decode()
    assert "信访" in page and "依申请公开" in page and 'href="/zwgk/ysqgk/"' in page  # the scope notice, before the form
    assert page.index("信访") < page.index("gk-int-form")
    response = client.post(url, form_post(client, url))
    assert response.status_code == 302 and response["Location"].endswith("receipt/")
    letter = Letter.objects.get()
    assert letter.status == LetterStatus.RECEIVED and letter.kind == "consultation" and letter.publish_consent
    assert letter.tracking_number.startswith("HD")
    receipt = client.get(url + "receipt/")
    code = receipt.context["query_code"]
    body = receipt.content.decode()
    assert letter.tracking_number in body and code in body
    assert code not in letter.query_code_hash
    # Another browser has no receipt.
    assert Client().get(url + "receipt/").status_code == 302


def test_wrong_answer_stores_nothing(client, mailbox):
    response = client.post(mailbox.url, form_post(client, mailbox.url, captcha_answer="99"))
    assert response.status_code == 400
    assert "验证问题" in response.content.decode()
    assert not Letter.objects.exists()


def test_replayed_form_token_is_refused(client, mailbox):
    data = form_post(client, mailbox.url)
    assert client.post(mailbox.url, data).status_code == 302
    again = client.post(mailbox.url, data)
    assert again.status_code == 409
    assert "已经提交" in again.content.decode() or "已登记" in again.content.decode()
    assert Letter.objects.count() == 1


def test_intake_is_rate_limited(client, mailbox, settings):
    settings.GK_INTERACTION_INTAKE_RATE = "2/h"
    for _i in range(2):
        assert client.post(mailbox.url, form_post(client, mailbox.url)).status_code == 302
    response = client.post(mailbox.url, form_post(client, mailbox.url))
    assert response.status_code == 429
    assert "过于频繁" in response.content.decode() or "请稍后" in response.content.decode()
    assert Letter.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"subject": "   "}, "不能为空"),
        ({"body": ""}, "不能为空"),
        ({"body": "\u200b\u200b"}, "不能为空"),
        ({"body": "？？！！……。。，，——"}, "标点"),
        ({"subject": "!!!###"}, "标点"),
        ({"body": "字" * 3001}, "3000"),
        ({"subject": "题" * 101}, "100"),
        ({"kind": "complaint", "anonymous": "on"}, "姓名"),
        ({"name": ""}, "姓名"),
        ({"phone": "abc"}, "电话"),
        ({"writer_type": "organisation", "contact_person": ""}, "联系人"),
        ({"kind": "no_such_kind"}, "选择"),
    ],
)
def test_bad_input_gives_chinese_message_and_stores_nothing(client, mailbox, overrides, message):
    response = client.post(mailbox.url, form_post(client, mailbox.url, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Letter.objects.exists()


def test_anonymous_enquiry_keeps_no_personal_data(client, mailbox):
    response = client.post(mailbox.url, form_post(client, mailbox.url, anonymous="on", name="", phone=""))
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.anonymous and letter.name == "" and letter.phone == "" and letter.email == ""


def test_script_is_escaped_on_the_receipt_status_and_admin(client, mailbox, users):
    script = "<script>alert(1)</script>医保"
    assert client.post(mailbox.url, form_post(client, mailbox.url, subject=script, body=script)).status_code == 302
    letter = Letter.objects.get()
    assert letter.subject == script  # stored as written, escaped where shown
    receipt = client.get(mailbox.url + "receipt/")
    code = receipt.context["query_code"]
    for html in (
        receipt.content.decode(),
        client.post(mailbox.url + "status/", {"tracking_number": letter.tracking_number, "query_code": code}).content.decode(),
    ):
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    admin = Client()
    admin.force_login(users["officer"])
    html = admin.get(f"/admin/wagtail_gk_interaction_letters/{letter.pk}/").content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_status_lookup_with_code_and_same_error_for_missing_number(client, mailbox):
    client.post(mailbox.url, form_post(client, mailbox.url))
    code = client.get(mailbox.url + "receipt/").context["query_code"]
    letter = Letter.objects.get()
    other = Client(REMOTE_ADDR="10.1.1.1")
    right = other.post(mailbox.url + "status/", {"tracking_number": letter.tracking_number.lower(), "query_code": code.replace("-", "")})
    assert right.status_code == 200 and "待分办" in right.content.decode() or "已收到" in right.content.decode()
    assert right.context["letter"] == letter
    wrong = other.post(mailbox.url + "status/", {"tracking_number": letter.tracking_number, "query_code": "AAAA-BBBB-CCCC"})
    missing = other.post(mailbox.url + "status/", {"tracking_number": "HD2026999999", "query_code": code})
    assert wrong.status_code == missing.status_code == 403
    assert wrong.context["error"] == missing.context["error"]
    assert "letter" not in wrong.context


def test_guessing_asks_the_question_and_waits(client, mailbox, settings):
    settings.GK_INTERACTION_STATUS_FREE_FAILURES = 2
    guesser = Client(REMOTE_ADDR="10.2.2.2")
    for _i in range(2):
        guesser.post(mailbox.url + "status/", {"tracking_number": "HD2026000001", "query_code": "AAAA-BBBB-CCCC"})
    response = guesser.post(mailbox.url + "status/", {"tracking_number": "HD2026000001", "query_code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 429 and response["Retry-After"]
    # Core's counters are per app: the disclosure-request namespace is untouched.
    from wagtail_gk.intake import antispam
    from wagtail_gk_interaction.conf import protection, status_lookup_limits

    assert antispam.status_needs_question(protection(), "10.2.2.2", None, status_lookup_limits())
    assert not antispam.status_needs_question(antispam.Protection(namespace="gk_foia", salt="wagtail_gk_foia"), "10.2.2.2", None, status_lookup_limits())
