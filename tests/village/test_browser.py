"""In a real headless Chromium on a phone-sized window: a village member logs
in, writes a finance notice with a photo and a spreadsheet, previews and
submits it; the township reviewer then approves it in the admin."""

import pytest
from django.urls import reverse

from .conftest import finance_sheet, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _login(page, username, password):
    page.goto(reverse("wagtailadmin_login"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("button[type=submit]").click()
    page.wait_for_url("**" + reverse("wagtailadmin_home"))


def test_member_posts_from_a_phone_and_the_township_approves(browser, village_site, tmp_path):
    from wagtail_gk_village.models import VillageNoticePage

    member = village_site["users"]["village_member"]
    member.set_password("gk-test-2026")
    member.save()
    sheet = tmp_path / "finance.xlsx"
    sheet.write_bytes(finance_sheet())
    photo = tmp_path / "meeting.png"
    photo.write_bytes(png_bytes())

    page = browser(width=390, height=844, is_mobile=True, has_touch=True)
    _login(page, member.username, "gk-test-2026")
    page.goto(reverse("wagtail_gk_village_admin:home"))
    page.get_by_role("link", name="新建公开").first.click()
    page.wait_for_url("**/new/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("select[name=category]").select_option(label="财务")
    page.locator("input[name=period_kind][value=month]").check()
    page.locator("input[name=period_month]").fill("2026-10")
    assert page.locator("input[name=period_date]").is_hidden()  # only the chosen period's input shows
    page.locator("textarea[name=body]").fill("十月收支明细如下，请村民监督。")
    page.locator("input[name=photos]").set_input_files(str(photo))
    page.locator("select[name=table_kind]").select_option(value="finance")
    page.locator("input[name=spreadsheet]").set_input_files(str(sheet))
    page.get_by_role("button", name="保存并预览").click()
    page.wait_for_url("**/preview/")
    preview = page.content()
    assert "红星村2026年10月财务公开" in preview and "支付路灯电费" in preview and "草稿" in preview
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_url("**" + reverse("wagtail_gk_village_admin:home"))
    assert "审核中" in page.locator("main").inner_text()
    notice = VillageNoticePage.objects.get()
    assert not notice.live

    reviewer = village_site["users"]["township_reviewer"]
    reviewer.set_password("gk-test-2026")
    reviewer.save()
    desk = browser()
    _login(desk, reviewer.username, "gk-test-2026")
    desk.goto(reverse("wagtail_gk_village_admin:overview", args=[village_site["agencies"]["township_a"].pk]))
    desk.get_by_role("link", name="红星村2026年10月财务公开").click()
    desk.wait_for_url("**" + reverse("wagtailadmin_pages:edit", args=[notice.pk]))
    approve = desk.locator("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    assert approve.inner_text().strip().startswith("同意")
    with desk.expect_navigation():
        approve.evaluate("button => button.click()")  # the item sits in the footer's dropdown
    # The reviewer lands on their township's review queue, with Wagtail's
    # confirmation, not on a page listing their role cannot open.
    desk.wait_for_url("**" + reverse("wagtail_gk_village_admin:overview", args=[village_site["agencies"]["township_a"].pk]))
    landing = desk.locator("body").inner_text()
    assert "没有权限" not in landing and "红星村2026年10月财务公开" in landing
    notice.refresh_from_db()
    assert notice.live
    assert "红星村2026年10月财务公开" in page.goto(notice.url).text()
