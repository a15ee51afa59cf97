"""Fixtures of the letter tests: a mailbox page in the demo site tree, a
filled-in public form, and letters registered on a given day."""

from __future__ import annotations

import datetime

import pytest

from tests.foia.captcha import solve

D = datetime.date
MARCH_2 = D(2026, 3, 2)


def letter_data(**overrides) -> dict:
    data = {
        "kind": "consultation",
        "writer_type": "natural",
        "name": "陈来信",
        "phone": "13800138000",
        "email": "chen@example.cn",
        "subject": "城乡居民医保缴费时间",
        "body": "请问2026年度城乡居民医保什么时候截止缴费？",
        "publish_consent": "1",
    }
    data.update(overrides)
    return data


def form_post(client, url, **overrides) -> dict:
    """The form as a writer sends it: a fresh token and the question answered."""
    response = client.get(url)
    assert response.status_code == 200
    data = letter_data(form_token=response.context["form"]["form_token"].value(), captcha_answer=str(solve(response.context["question"])))
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def mailbox(home_page, agencies):
    from wagtail_gk_interaction.models import MailboxPage

    page = MailboxPage(title="咨询投诉", slug="zxts", agency=agencies["county"], kinds=[], disclosure_url="/zwgk/ysqgk/")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def make_letter(mailbox):
    """make_letter(received_on, kind=…, **data) → (letter, query code), registered as the form does."""
    from wagtail_gk_interaction import services

    def make(received_on=MARCH_2, **overrides):
        data = letter_data(**overrides)
        data["publish_consent"] = data["publish_consent"] in ("1", True)
        data.setdefault("anonymous", False)
        for key in ("contact_person", "address"):
            data.setdefault(key, "")
        return services.register_letter(mailbox=mailbox, data=data, received_on=received_on)

    return make


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and look-up counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
