"""Fixtures of the disclosure-request tests: an agency, an officer, a request
registered on a given day, and an intake page in the demo site tree."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail_gk import roles
from wagtail_gk.models import Agency, AgencyLevel

from .captcha import solve

D = datetime.date

# A valid resident ID (GB 11643 check digit) and credit code (GB 32100).
RESIDENT_ID = "11010519491231002X"
MARCH_2 = datetime.date(2026, 3, 2)


def credit_code(stem17: str = "91640121MA7612345") -> str:
    from wagtail_gk_foia.demo import credit_code as make

    return make(stem17)


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name="id.pdf", data=None, content_type="application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, pdf_bytes() if data is None else data, content_type=content_type)


def application(**overrides) -> dict:
    data = {
        "applicant_type": "natural",
        "applicant_name": "陈申请",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "13800138000",
        "email": "chen@example.cn",
        "address": "永宁县团结路1号",
        "information_title": "2025年县道改造工程招标文件",
        "description": "县交通运输局2025年发布的县道改造工程招标文件及中标结果。",
        "delivery_form": "electronic",
        "delivery_channel": "email",
    }
    data.update(overrides)
    return data


@pytest.fixture
def agency(db):
    return Agency.objects.create(name="永宁县人民政府办公室", short_name="县政府办", level=AgencyLevel.COUNTY, code="640121000000")


@pytest.fixture
def officer(db):
    group, _ = Group.objects.get_or_create(name=roles.OFFICER.group_name)
    user = get_user_model().objects.create_user("gongkai", password="pw", first_name="公开", last_name="王")
    user.groups.add(group)
    return user


@pytest.fixture
def register(agency, officer):
    """register(received_on, channel=…, **data) → (request, query code)."""
    from wagtail_gk_foia import services

    def make(received_on=MARCH_2, channel="in_person", **data):
        return services.register_request(
            agency=agency, data=application(**data), channel=channel, received_on=received_on, user=officer
        )

    return make


@pytest.fixture
def foia_page(home_page, agencies):
    from wagtail_gk_foia.models import DisclosureRequestPage

    page = DisclosureRequestPage(title="依申请公开", slug="yishenqing", agency=agencies["county"])
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and burnt questions live in the cache; start clean."""
    from django.core.cache import cache

    # (The working-day calendar is cleared for every test in tests/conftest.py.)
    cache.clear()
    yield
    cache.clear()


def form_post(client, url, **overrides):
    """GET the form, answer its question, return the POST data (files included)."""
    response = client.get(url)
    assert response.status_code == 200
    token = response.context["form"].initial.get("form_token") or response.context["form"].data.get("form_token")
    data = application()
    data["applicant_kind"] = data.pop("applicant_type")  # the public form's name for it
    data.update(
        declaration="on",
        form_token=token,
        captcha_answer=str(solve(response.context["question"])),
        identity_proof=upload(),
    )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def file_request_in_browser(page, intake_url, tmp_path) -> tuple[str, str]:
    """File a request as an applicant does, in a Playwright *page* on the
    public form at *intake_url*; the receipt's tracking number and query code."""
    proof = tmp_path / "身份证.pdf"
    proof.write_bytes(pdf_bytes())
    page.goto(intake_url)
    page.get_by_label("自然人（公民）").check()
    page.get_by_label("姓名／名称").fill("陈申请")
    page.get_by_label("证件号码／统一社会信用代码").fill(RESIDENT_ID)
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_label("电子邮箱").fill("chen@example.cn")
    page.get_by_label("身份证明").set_input_files(str(proof))
    page.get_by_label("所需信息名称").fill("2025年县道改造工程招标文件")
    page.get_by_label("所需信息的特征性描述").fill("县交通运输局2025年发布的县道改造工程招标文件。")
    page.get_by_label("电子数据").check()
    page.get_by_label("电子邮件").check()
    page.get_by_label("本人（本单位）承诺所填信息真实有效。").check()
    question = page.locator("[data-question]").inner_text()
    page.locator("input[name=captcha_answer]").fill(str(solve(question)))
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/receipt/")
    tracking = page.locator(".gk-foia-tracking").inner_text().strip()
    code = page.locator(".gk-foia-code").inner_text().strip()
    return tracking, code
