"""The public intake form in English: the verification question is asked in
digits ("What is 7 plus 5?"), answered in digits, and the receipt dates read
"March 5, 2026"; in Chinese the question keeps its Chinese numerals."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from wagtail_gk_foia.models import DisclosureRequest

from .captcha import solve
from .conftest import application, form_post, upload

pytestmark = pytest.mark.django_db
ENGLISH_QUESTION = re.compile(r"^What is (\d) (plus|minus) (\d)\?$")


def _english_answer(question: str) -> int:
    a, operator, b = ENGLISH_QUESTION.match(question).groups()
    return int(a) + int(b) if operator == "plus" else int(a) - int(b)


def test_english_intake_asks_in_digits_and_accepts_the_answer(foia_page):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(foia_page.url)
    question = page.context["question"]
    assert ENGLISH_QUESTION.match(question), question
    assert question in page.content.decode() and 'lang="en"' in page.content.decode()
    data = application()
    data["applicant_kind"] = data.pop("applicant_type")
    data.update(declaration="on", form_token=page.context["form"].initial["form_token"],
                captcha_answer=str(_english_answer(question)), identity_proof=upload())
    response = client.post(foia_page.url, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert DisclosureRequest.objects.count() == 1
    receipt = client.get(response["Location"]).content.decode()
    assert re.search(r"received your request on [A-Z][a-z]+\.? \d{1,2}, \d{4}\.", receipt), receipt[:3000]
    assert not re.search(r"\d年\d{1,2}月\d{1,2}日", receipt)  # neither the receipt nor the due date in the Chinese form


def test_chinese_intake_keeps_chinese_numerals(foia_page):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    question = client.get(foia_page.url).context["question"]
    assert re.fullmatch(r"[零一二三四五六七八九十]+[加减][零一二三四五六七八九十]+等于几？", question), question
    response = client.post(foia_page.url, form_post(client, foia_page.url))
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    req = DisclosureRequest.objects.get()
    assert f"{req.received_on.year}年{req.received_on.month}月{req.received_on.day}日" in receipt
    assert solve(question) is not None
