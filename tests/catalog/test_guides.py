"""Guides, local catalogs derived from them, local adjustments with reasons,
and merging a later guide revision with conflicts shown to the editor."""

import pytest
from django.urls import reverse

from wagtail_gk_catalog import services
from wagtail_gk_catalog.models import AdjustmentKind, CatalogItem, Channel, ItemOrigin

pytestmark = pytest.mark.django_db


def test_derivation_takes_items_of_the_agencys_layer(guide, county_catalog, township_catalog):
    county = set(county_catalog.items.values_list("level2", flat=True))
    township = set(township_catalog.items.values_list("level2", flat=True))
    assert county == {"审批", "办事指南", "一般公共预算"}
    assert township == {"审核", "办事指南"}
    assert county_catalog.guide == guide and county_catalog.guide_revision == guide.latest_revision()
    item = county_catalog.items.get(level2="审批")
    source = guide.items.get(level2="审批")
    assert item.key == source.key and item.origin == ItemOrigin.DERIVED
    assert item.channel_sets() == ([Channel.WEBSITE, Channel.NOTICE_BOARD], [Channel.NEW_MEDIA])
    assert item.time_limit_display == source.time_limit_display
    assert services.changed_elements(item) == []


def test_one_local_catalog_per_agency(county_catalog, guide, agencies):
    with pytest.raises(ValueError):
        services.derive_local_catalog(guide, agencies["county"])


def test_local_change_is_recorded_per_element_with_reason(county_catalog, users):
    item = county_catalog.items.get(level2="审批")
    before = services.item_elements(item)
    item.subject = "县民政局、县乡村振兴局"
    item.save()
    services.set_item_channels(item, [Channel.WEBSITE], [])
    records = services.record_local_changes(item, before, reason="本县由两部门共同实施。", user=users["officer"])
    by_element = {r.element: r for r in records}
    assert set(by_element) == {"subject", "channels"}
    assert by_element["subject"].guide_value == "县级民政部门"
    assert by_element["subject"].local_value == "县民政局、县乡村振兴局"
    assert by_element["channels"].guide_value == "■政府网站 ■社区/企业单位/村公示栏（电子屏） □两微一端".replace("企业单位", "企事业单位")
    assert all(r.reason == "本县由两部门共同实施。" and r.kind == AdjustmentKind.CHANGED for r in records)
    assert set(services.changed_elements(item)) == {"subject", "channels"}


def test_remove_and_restore_keep_the_reason(county_catalog):
    item = county_catalog.items.get(level2="一般公共预算")
    with pytest.raises(ValueError):
        services.remove_local_item(item, reason="  ")
    services.remove_local_item(item, reason="本县不涉及。")
    assert not county_catalog.items.active().filter(pk=item.pk).exists()
    services.restore_local_item(item, reason="重新纳入。")
    assert county_catalog.items.active().filter(pk=item.pk).exists()
    kinds = list(county_catalog.adjustments.order_by("pk").values_list("kind", "reason"))
    assert kinds == [(AdjustmentKind.REMOVED, "本县不涉及。"), (AdjustmentKind.RESTORED, "重新纳入。")]


def test_guide_items_cannot_be_removed_as_local(guide):
    with pytest.raises(ValueError):
        services.remove_local_item(guide.items.first(), reason="x")


def _revise_guide(guide, domains):
    """Revision 2: content of 审批 changed, subject of 一般公共预算 changed,
    办事指南 deleted, a new 动态管理 item."""
    approval = guide.items.get(level2="审批")
    approval.content += "；保障金额"
    approval.save()
    budget = guide.items.get(level2="一般公共预算")
    budget.subject = "县级财政部门、预算单位"
    budget.save()
    guide.items.filter(level2="办事指南").delete()
    services.create_item(
        guide, domain=domains["social-assistance"], level1="最低生活保障", level2="动态管理",
        content="增发、停发、减发情况", basis="《办法》", time_limit="信息形成或者变更之日起20个工作日内",
        subject="县级民政部门", required_channels=[Channel.WEBSITE], layer="county",
    )
    return services.issue_guide_revision(guide, note="第二版")


def test_merge_takes_untouched_changes_and_shows_conflicts(guide, county_catalog, domains, users):
    # The county changed the budget item's subject and the guide item 办事指南.
    budget = county_catalog.items.get(level2="一般公共预算")
    before = services.item_elements(budget)
    budget.subject = "县财政局"
    budget.save()
    services.record_local_changes(budget, before, reason="本县表述")
    guide_item = county_catalog.items.get(level2="办事指南")
    before = services.item_elements(guide_item)
    guide_item.content = "申请条件、办理流程、咨询电话"
    guide_item.save()
    services.record_local_changes(guide_item, before, reason="补充电话")
    revision = _revise_guide(guide, domains)

    plan = services.plan_guide_merge(county_catalog)
    assert plan.target == revision
    kinds = {(c.kind, c.element or "", c.conflict) for c in plan.changes}
    assert kinds == {
        ("update", "content", False),  # 审批: only the guide changed it
        ("update", "subject", True),  # 一般公共预算: both changed it differently
        ("remove", "", True),  # 办事指南: removed by the guide, adjusted locally
        ("add", "", False),  # 动态管理
    }
    subject = next(c for c in plan.conflicts if c.element == "subject")
    assert (subject.base_text, subject.guide_text, subject.local_text) == ("县级财政部门", "县级财政部门、预算单位", "县财政局")

    with pytest.raises(ValueError):
        services.apply_guide_merge(plan, {})
    resolutions = {c.ident: ("local" if c.element == "subject" else "guide") for c in plan.conflicts}
    applied = services.apply_guide_merge(plan, resolutions, user=users["officer"])
    assert applied == 3
    county_catalog.refresh_from_db()
    assert county_catalog.guide_revision == revision
    assert county_catalog.items.get(level2="审批").content.endswith("；保障金额")
    assert county_catalog.items.get(level2="一般公共预算").subject == "县财政局"
    assert county_catalog.items.get(level2="办事指南").removed
    added = county_catalog.items.get(level2="动态管理")
    assert added.origin == ItemOrigin.DERIVED and added.channel_sets() == ([Channel.WEBSITE], [])
    assert county_catalog.adjustments.filter(kind=AdjustmentKind.MERGED).count() == 3
    # Nothing left to merge.
    assert services.plan_guide_merge(county_catalog).changes == []


def test_merge_does_not_add_items_of_other_layers(guide, township_catalog, domains):
    _revise_guide(guide, domains)
    plan = services.plan_guide_merge(township_catalog)
    assert [c.kind for c in plan.changes] == ["remove"]  # 办事指南 only; 动态管理 is a county item


def test_merge_view_shows_conflicts_and_applies_choices(guide, county_catalog, domains, admin_client_zh):
    budget = county_catalog.items.get(level2="一般公共预算")
    before = services.item_elements(budget)
    budget.subject = "县财政局"
    budget.save()
    services.record_local_changes(budget, before, reason="本县表述")
    _revise_guide(guide, domains)
    url = reverse("wagtail_gk_catalog_admin:merge", args=[county_catalog.pk])
    response = admin_client_zh.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "县财政局" in html and "县级财政部门、预算单位" in html and "采用指引修订" in html
    plan = services.plan_guide_merge(county_catalog)
    conflict = next(c for c in plan.conflicts if c.element == "subject")
    # Without a choice for every conflict nothing is merged.
    response = admin_client_zh.post(url, {})
    assert response.status_code == 200
    county_catalog.refresh_from_db()
    assert county_catalog.guide_revision.number == 1
    data = {c.ident: "guide" for c in plan.conflicts}
    data[conflict.ident] = "local"
    response = admin_client_zh.post(url, data)
    assert response.status_code == 302
    county_catalog.refresh_from_db()
    assert county_catalog.guide_revision.number == 2
    assert county_catalog.items.get(level2="一般公共预算").subject == "县财政局"


def test_item_form_requires_reason_for_local_change(county_catalog, admin_client_zh):
    item = county_catalog.items.get(level2="审批")
    url = reverse("wagtail_gk_catalog_items:edit", args=[item.pk])
    response = admin_client_zh.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    data = {}
    for name, _field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        data[name] = value
    data.update({"subject": "县民政局", "adjustment_reason": ""})
    data = {k: v for k, v in data.items() if not k.startswith("basis_links")}
    data.update({"basis_links-TOTAL_FORMS": "0", "basis_links-INITIAL_FORMS": "0", "basis_links-MIN_NUM_FORMS": "0", "basis_links-MAX_NUM_FORMS": "1000"})
    data.pop("catalog", None)
    response = admin_client_zh.post(url, data)
    assert response.status_code == 200
    assert "须填写调整理由" in response.content.decode()
    assert CatalogItem.objects.get(pk=item.pk).subject == "县级民政部门"
    data["adjustment_reason"] = "本县由民政局直接公开。"
    response = admin_client_zh.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CatalogItem.objects.get(pk=item.pk).subject == "县民政局"
    record = county_catalog.adjustments.get(element="subject")
    assert record.reason == "本县由民政局直接公开。" and record.guide_value == "县级民政部门"
