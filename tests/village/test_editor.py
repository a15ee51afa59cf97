"""The simplified phone editor: writing, uploading, previewing and submitting a
notice; a member reaches only their own village, never another one, and the
rest of the Wagtail admin stays out of their way."""

import pytest
from django.urls import reverse

from .conftest import VALID_ID, finance_sheet, make_notice, make_xlsx, png_bytes, upload

pytestmark = pytest.mark.django_db


def _post(client, url, categories, **extra):
    data = {
        "category": categories["finance"].pk,
        "period_kind": "month",
        "period_month": "2026-10",
        "period_year": "2026",
        "title": "",
        "body": "本月收支如下，请村民监督。",
        "table_kind": "",
    }
    data.update(extra)
    return client.post(url, data)


@pytest.fixture
def member(client, village_site):
    client.force_login(village_site["users"]["village_member"])
    return client


def test_home_lists_only_the_members_village(member, village_site, categories):
    make_notice(village_site["villages"]["village_a1"], categories["party"], title="红星村党务公开")
    make_notice(village_site["villages"]["village_a2"], categories["party"], title="王太村党务公开")
    response = member.get(reverse("wagtail_gk_village_admin:home"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "红星村党务公开" in text and "已公开" in text
    assert "王太村党务公开" not in text
    assert reverse("wagtail_gk_village_admin:create", args=[village_site["villages"]["village_a1"].pk]) in text
    assert reverse("wagtail_gk_village_admin:create", args=[village_site["villages"]["village_a2"].pk]) not in text


def test_create_with_photos_board_photo_attachment_and_finance_sheet(member, village_site, categories):
    from wagtail_gk_village.models import VillageNoticePage

    village = village_site["villages"]["village_a1"]
    response = _post(
        member, reverse("wagtail_gk_village_admin:create", args=[village.pk]), categories,
        table_kind="finance",
        spreadsheet=upload("finance.xlsx", finance_sheet()),
        photos=[upload("a.png", png_bytes(), "image/png"), upload("b.png", png_bytes((0, 90, 0)), "image/png")],
        board_photos=[upload("board.png", png_bytes((0, 0, 200)), "image/png")],
        attachments=[upload("minutes.pdf", b"%PDF-1.4 minimal", "application/pdf")],
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = VillageNoticePage.objects.get(village=village.agency)
    assert response["Location"] == reverse("wagtail_gk_village_admin:preview", args=[notice.pk])
    assert not notice.live  # a draft: members never publish
    draft = notice.get_latest_revision_as_object()
    assert draft.title == "红星村2026年10月财务公开"
    assert (draft.period_year, draft.period_number) == (2026, 10)
    assert [r["item"] for r in draft.finance_rows] == ["上期结余", "收到村级运转经费", "支付路灯电费"]
    assert sorted(p.kind for p in draft.photos.all()) == ["board", "photo", "photo"]
    assert [a.title for a in draft.attachments.all()] == ["minutes.pdf"]
    assert draft.photos.first().image.collection.name == "红星村"
    preview = member.get(response["Location"]).content.decode()
    assert "支付路灯电费" in preview and "提交审核" in preview and "草稿" in preview


def test_beneficiary_list_upload_is_masked_before_it_is_stored(member, village_site, categories):
    from wagtail_gk_village.models import VillageNoticePage

    village = village_site["villages"]["village_a1"]
    sheet = make_xlsx([["姓名", "家庭人口", "金额", "身份证号", "家庭住址"], ["张桂兰", 3, 1080, VALID_ID, "一组18号"]])
    response = _post(
        member, reverse("wagtail_gk_village_admin:create", args=[village.pk]), categories,
        category=categories["social_assistance"].pk, period_kind="quarter", period_quarter="3", period_year="2026",
        table_kind=f"list:{categories['list_dibao'].pk}", spreadsheet=upload("dibao.xlsx", sheet),
    )
    assert response.status_code == 302
    draft = VillageNoticePage.objects.get(village=village.agency).get_latest_revision_as_object()
    assert draft.list_type == categories["list_dibao"]
    assert draft.beneficiary_rows == [{"name": "张桂兰", "household_size": "3", "amount": "1080.00", "id_number": "110105********002X"}]
    assert VALID_ID not in str(draft.get_latest_revision().content)


def test_bad_spreadsheet_names_the_row_and_saves_nothing(member, village_site, categories):
    from wagtail.images import get_image_model

    from wagtail_gk_village.models import VillageNoticePage

    village = village_site["villages"]["village_a1"]
    bad = finance_sheet([["2026-10-15", "支付材料费", 0, "一百元", 5549.5, "记-03"]])
    response = _post(
        member, reverse("wagtail_gk_village_admin:create", args=[village.pk]), categories,
        table_kind="finance", spreadsheet=upload("finance.xlsx", bad), photos=[upload("a.png", png_bytes(), "image/png")],
    )
    assert response.status_code == 200
    assert "第 6 行“支出”列：“一百元”不是金额" in response.content.decode()
    assert not VillageNoticePage.objects.exists()
    assert not get_image_model().objects.exists()


def test_form_refuses_a_list_of_another_category_and_empty_notices(member, village_site, categories):
    url = reverse("wagtail_gk_village_admin:create", args=[village_site["villages"]["village_a1"].pk])
    sheet = make_xlsx([["姓名", "家庭人口", "金额"], ["张桂兰", 3, 1080]])
    response = _post(member, url, categories, table_kind=f"list:{categories['list_dibao'].pk}", spreadsheet=upload("l.xlsx", sheet))
    assert "属于“低保/社会救助”类别" in response.content.decode()
    response = _post(member, url, categories, body="")
    assert "请填写公开内容" in response.content.decode()
    response = _post(member, url, categories, category=categories["major"].pk)
    assert "重大事项，请选择事项日期" in response.content.decode()
    response = _post(member, url, categories, attachments=[upload("x.exe", b"MZ")])
    assert "格式不支持" in response.content.decode()


def test_submit_starts_the_township_review_and_does_not_publish(member, village_site, categories):
    from wagtail_gk_village.models import VillageNoticePage

    village = village_site["villages"]["village_a1"]
    _post(member, reverse("wagtail_gk_village_admin:create", args=[village.pk]), categories)
    notice = VillageNoticePage.objects.get()
    response = member.post(reverse("wagtail_gk_village_admin:submit", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("wagtail_gk_village_admin:home")
    notice.refresh_from_db()
    assert not notice.live
    state = notice.current_workflow_state
    assert state.status == "in_progress"
    assert state.current_task_state.task.name == "乡镇审核"  # the automated check passed
    home = member.get(reverse("wagtail_gk_village_admin:home")).content.decode()
    assert "审核中 · 乡镇审核" in home
    # While in review the member cannot edit; a second submit is refused.
    assert member.get(reverse("wagtail_gk_village_admin:edit", args=[notice.pk])).status_code == 302
    member.post(reverse("wagtail_gk_village_admin:submit", args=[notice.pk]))
    notice.refresh_from_db()
    assert notice.current_workflow_state.pk == state.pk


def test_edit_replaces_table_and_removes_a_photo(member, village_site, categories):
    from wagtail_gk_village.models import VillageNoticePage

    village = village_site["villages"]["village_a1"]
    _post(
        member, reverse("wagtail_gk_village_admin:create", args=[village.pk]), categories,
        table_kind="finance", spreadsheet=upload("f.xlsx", finance_sheet()), photos=[upload("a.png", png_bytes(), "image/png")],
    )
    notice = VillageNoticePage.objects.get()
    photo = notice.get_latest_revision_as_object().photos.get()
    form = member.get(reverse("wagtail_gk_village_admin:edit", args=[notice.pk])).content.decode()
    assert "已有收支明细 3 行" in form
    response = _post(
        member, reverse("wagtail_gk_village_admin:edit", args=[notice.pk]), categories,
        title="红星村十月财务（更正）", clear_finance="on", remove_photo=[str(photo.pk)],
    )
    assert response.status_code == 302
    draft = VillageNoticePage.objects.get().get_latest_revision_as_object()
    assert draft.title == "红星村十月财务（更正）"
    assert draft.finance_rows == [] and not draft.photos.exists()


def test_member_cannot_see_or_touch_another_village(member, village_site, categories):
    """Every editor URL with another village's id is a 404, existing or not."""
    from wagtail_gk_village import access
    from wagtail_gk_village.models import VillageNoticePage

    other_village = village_site["villages"]["village_a2"]
    other = make_notice(other_village, categories["party"], live=False, title="王太村草稿")
    urls = [
        reverse("wagtail_gk_village_admin:create", args=[other_village.pk]),
        reverse("wagtail_gk_village_admin:edit", args=[other.pk]),
        reverse("wagtail_gk_village_admin:preview", args=[other.pk]),
        reverse("wagtail_gk_village_admin:sign_off", args=[other.pk]),
        reverse("wagtail_gk_village_admin:preview", args=[999999]),
    ]
    for url in urls:
        assert member.get(url).status_code == 404, url
    assert member.post(reverse("wagtail_gk_village_admin:submit", args=[other.pk])).status_code == 404
    assert _post(member, reverse("wagtail_gk_village_admin:create", args=[other_village.pk]), categories).status_code == 404
    other.refresh_from_db()
    assert other.current_workflow_state is None and VillageNoticePage.objects.count() == 1
    user = village_site["users"]["village_member"]
    assert access.member_village_ids(user) == {village_site["agencies"]["village_a1"].pk}
    assert not access.can_post_for_village(user, other.village_id)


def test_the_other_village_cannot_touch_ours_either(client, village_site, categories):
    ours = make_notice(village_site["villages"]["village_a1"], categories["party"], live=False, title="红星村草稿")
    client.force_login(village_site["users"]["wangtai_member"])
    home = client.get(reverse("wagtail_gk_village_admin:home")).content.decode()
    assert "王太村" in home and "红星村草稿" not in home
    for name in ("edit", "preview"):
        assert client.get(reverse(f"wagtail_gk_village_admin:{name}", args=[ours.pk])).status_code == 404
    assert client.post(reverse("wagtail_gk_village_admin:submit", args=[ours.pk])).status_code == 404
    assert client.get(reverse("wagtail_gk_village_admin:create", args=[village_site["villages"]["village_a1"].pk])).status_code == 404


def test_member_cannot_publish_or_use_the_page_editor(member, village_site, categories):
    notice = make_notice(village_site["villages"]["village_a1"], categories["party"], live=False)
    user = village_site["users"]["village_member"]
    tester = notice.permissions_for_user(user)
    assert not tester.can_publish() and not tester.can_unpublish()
    for url in (
        reverse("wagtailadmin_pages:edit", args=[notice.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[village_site["villages"]["village_a1"].pk]),
    ):
        assert member.get(url).status_code in (302, 403), url
    member.post(reverse("wagtailadmin_pages:edit", args=[notice.pk]), {"title": "x", "action-publish": "1"})
    notice.refresh_from_db()
    assert not notice.live


def test_admin_menu_and_dashboard_show_only_the_editor(member, village_site):
    response = member.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    text = response.content.decode()
    assert reverse("wagtail_gk_village_admin:home") in text
    for other in ("wagtailadmin_explore_root", "wagtailimages:index", "wagtaildocs:index"):
        assert f'href="{reverse(other)}"' not in text, other
    # Typing the library's address does not show other villages' files either.
    for other in ("wagtailimages:index", "wagtaildocs:index", "wagtailadmin_explore_root"):
        response = member.get(reverse(other))
        assert response.status_code in (302, 403) or "红星村" not in response.content.decode(), other


def test_non_members_are_refused(client, village_site):
    client.force_login(village_site["users"]["editor"])
    response = client.get(reverse("wagtail_gk_village_admin:home"))  # the admin turns 403 into a redirect home
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    client.logout()
    response = client.get(reverse("wagtail_gk_village_admin:home"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_spreadsheet_templates_download(member):
    import io

    from openpyxl import load_workbook

    response = member.get(reverse("wagtail_gk_village_admin:spreadsheet_template", args=["finance"]))
    assert response.status_code == 200
    header = [c.value for c in next(load_workbook(io.BytesIO(response.content)).active.iter_rows())]
    assert header[:2] == ["日期", "摘要"]
    response = member.get(reverse("wagtail_gk_village_admin:spreadsheet_template", args=["dibao"]))
    header = [c.value for c in next(load_workbook(io.BytesIO(response.content)).active.iter_rows())]
    assert "身份证号" in header and "姓名" in header


def test_other_admin_addresses_take_a_member_back_to_the_editor(member, village_site):
    editor_home = reverse("wagtail_gk_village_admin:home")
    for name in ("wagtailadmin_explore_root", "wagtailimages:index", "wagtaildocs:index", "wagtailsnippets:index", "wagtailadmin_reports:site_history"):
        response = member.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == editor_home, name
    followed = member.get(reverse("wagtailimages:index"), follow=True)
    assert "只能使用村务公开编辑器" in followed.content.decode()
    # Anything that would change data is refused outright.
    assert member.post(reverse("wagtailimages:add"), {"title": "x"}).status_code == 403
    # What a member still needs answers normally.
    for name in ("wagtailadmin_home", "wagtailadmin_account", "wagtail_gk_village_admin:home", "wagtailadmin_javascript_catalog"):
        assert member.get(reverse(name)).status_code == 200, name


def test_staff_are_not_held_in_the_village_editor(client, village_site):
    client.force_login(village_site["users"]["editor"])
    for name in ("wagtailadmin_explore_root", "wagtailimages:index"):
        response = client.get(reverse(name), follow=True)
        assert response.status_code == 200 and response.redirect_chain[-1:] != [(reverse("wagtail_gk_village_admin:home"), 302)], name


def test_missing_or_misplaced_middleware_is_reported(settings):
    from wagtail_gk_village.checks import MIDDLEWARE_PATH, check_village_middleware

    assert check_village_middleware(None) == []
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE_PATH]
    assert [e.id for e in check_village_middleware(None)] == ["wagtail_gk_village.W001"]
    settings.MIDDLEWARE = [MIDDLEWARE_PATH, *settings.MIDDLEWARE]
    assert [e.id for e in check_village_middleware(None)] == ["wagtail_gk_village.E004"]
