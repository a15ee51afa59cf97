"""Fixtures of the village-affairs tests: township and village pages with
their review workflows, users per village, and spreadsheet builders."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model

from wagtail_gk import roles
from wagtail_gk.models import Agency, AgencyLevel, AgencyMembership


def make_xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def png_bytes(colour=(200, 30, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return buffer.getvalue()


# A valid 身份证号 (GB 11643 check digit) used across the tests.
VALID_ID = "11010519491231002X"


FINANCE_HEADER = ["日期", "摘要", "收入（元）", "支出（元）", "余额（元）", "凭证号"]


def finance_sheet(extra_rows=()) -> bytes:
    rows = [
        ["红星村2026年10月财务收支明细表"],
        FINANCE_HEADER,
        ["2026-10-01", "上期结余", 0, 0, 1000, ""],
        ["2026-10-05", "收到村级运转经费", 5000, 0, 6000, "记-01"],
        ["2026-10-12", "支付路灯电费", 0, 350.5, 5649.5, "记-02"],
        *extra_rows,
    ]
    return make_xlsx(rows)


def _user(username, role, agency, email=""):
    User = get_user_model()
    user = User.objects.create_user(username=username, password="pw-test-123", email=email, last_name=username)
    groups = roles.ensure_role_groups()
    user.groups.add(groups[role.key])
    AgencyMembership.objects.create(user=user, agency=agency)
    return user


@pytest.fixture
def village_site(demo):
    """Township pages for 杨和镇 (no sign-off) and 望洪镇 (with sign-off), three
    village pages, their workflows, and users: 红星村 member (the demo's
    ``village``), 王太村 member, 杨和镇 reviewer (the demo's ``township``),
    望洪镇 reviewer, 农丰村 supervisor and 红星村 supervisor."""
    from wagtail_gk_village.models import TownshipPage, VillagePage
    from wagtail_gk_village.services import ensure_township_workflow

    agencies = demo.agencies
    index = demo.openness_index
    yanghe = index.add_child(instance=TownshipPage(title="杨和镇村务公开", slug="yanghe-cwgk", agency=agencies["township_a"]))
    wanghong = index.add_child(
        instance=TownshipPage(title="望洪镇村务公开", slug="wanghong-cwgk", agency=agencies["township_b"], supervision_signoff=True)
    )
    for township in (yanghe, wanghong):
        township.save_revision().publish()
        ensure_township_workflow(township)
    villages = {}
    for key, parent, slug in (("village_a1", yanghe, "hongxing"), ("village_a2", yanghe, "wangtai"), ("village_b1", wanghong, "nongfeng")):
        page = parent.add_child(instance=VillagePage(title=agencies[key].display_name, slug=slug, agency=agencies[key], supervision_phone="0951-8000000"))
        page.save_revision().publish()
        villages[key] = page
    users = dict(demo.users)
    users["wangtai_member"] = _user("wangtai", roles.VILLAGE_MEMBER, agencies["village_a2"], email="wangtai@example.com")
    users["wanghong_reviewer"] = _user("wanghong", roles.TOWNSHIP_REVIEWER, agencies["township_b"])
    users["nongfeng_supervisor"] = _user("nfjd", roles.VILLAGE_SUPERVISOR, agencies["village_b1"])
    users["hongxing_supervisor"] = _user("hxjd", roles.VILLAGE_SUPERVISOR, agencies["village_a1"])
    users["nongfeng_member"] = _user("nongfeng", roles.VILLAGE_MEMBER, agencies["village_b1"])
    demo.users["village_member"].email = "hongxing@example.com"
    demo.users["village_member"].save()
    return {"townships": {"a": yanghe, "b": wanghong}, "villages": villages, "users": users, "agencies": agencies, "demo": demo}


@pytest.fixture
def categories(db):
    from wagtail_gk_village.models import BeneficiaryListType, NoticeCategory

    cats = {c.code: c for c in NoticeCategory.objects.all()}
    cats["list_dibao"] = BeneficiaryListType.objects.get(code="dibao")
    cats["list_farm"] = BeneficiaryListType.objects.get(code="farm_subsidy")
    return cats


def make_notice(village_page, category, *, live=True, period=("month", 2026, 9), title="测试公开", body="公开内容", **fields):
    """A notice created (and published) directly, bypassing the editor."""
    from wagtail_gk_village.models import VillageNoticePage

    kind, year, number = period
    page = VillageNoticePage(
        title=title, slug=f"t-{VillageNoticePage.objects.count() + 1}-{kind}{year}{number}", category=category,
        period_kind=kind, period_year=year, period_number=number, body=body, live=False, **fields,
    )
    village_page.add_child(instance=page)
    if live:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


@pytest.fixture
def township_agency(village_site):
    return Agency.objects.get(pk=village_site["agencies"]["township_a"].pk, level=AgencyLevel.TOWNSHIP)
