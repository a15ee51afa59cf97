"""Demo content of the standard catalog (``gk_demo``, order 20).

A regional guide with real items of six pilot domains, issued as revision 1;
the county (永宁县) and township (杨和镇) catalogs derived from it with local
adjustments; a revision 2 of the guide waiting to be merged (with a
conflict); pages filed under items so the dashboard shows every state; and
the public catalog pages under the 政务公开 column. Idempotent.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, get_page_models

from wagtail_gk.models import OpennessMetadataMixin
from wagtail_gk.workdays import add_working_days

from . import services
from .data.demo_guide import CHANNEL_LETTERS, GUIDE_ITEMS
from .models import (
    Catalog,
    CatalogFiling,
    CatalogIndexPage,
    CatalogKind,
    Channel,
    Domain,
    StandardCatalogPage,
)

GUIDE_NAME = "宁夏回族自治区基层政务公开标准指引（试点领域）"


def _channels(spec: str) -> tuple[list[str], list[str]]:
    required, _sep, optional = spec.partition("|")
    return [CHANNEL_LETTERS[c] for c in required], [CHANNEL_LETTERS[c] for c in optional]


def build_guide(region) -> Catalog:
    guide, _created = Catalog.objects.get_or_create(
        agency=region, kind=CatalogKind.GUIDE, name=GUIDE_NAME,
        defaults={"version_label": "2020年版", "issued_on": datetime.date(2020, 10, 30),
                  "description": "依据国务院各部门编制的26个试点领域标准指引，结合自治区实际梳理。"},
    )
    if guide.items.exists():
        return guide
    domains = {d.code: d for d in Domain.objects.all()}
    for order, row in enumerate(GUIDE_ITEMS, start=1):
        code, level1, level2, content, basis, limit, subject, channels, audience, method, layer = row
        required, optional = _channels(channels)
        services.create_item(
            guide, domain=domains[code], level1=level1, level2=level2, content=content, basis=basis,
            time_limit=limit, subject=subject, required_channels=required, optional_channels=optional,
            audience=audience, method=method, layer=layer, sort_order=order,
        )
    _link_policy_documents(guide)
    services.issue_guide_revision(guide, note="2020年版，全区推广执行。", issued_on=datetime.date(2020, 10, 30))
    return guide


def _link_policy_documents(guide):
    """Link items to policy pages already on the site whose titles they cite."""
    from .models import CatalogItemBasisLink

    for item in guide.items.all():
        for title in [part.strip("《》") for part in item.basis.replace("》《", "》\n《").splitlines()]:
            page = Page.objects.live().filter(title__contains=title).first() if title else None
            if page is not None:
                CatalogItemBasisLink.objects.get_or_create(item=item, page=page)


def build_local_catalogs(guide, agencies, user):
    county = Catalog.objects.filter(agency=agencies["county"], kind=CatalogKind.LOCAL).first()
    if county is None:
        county = services.derive_local_catalog(guide, agencies["county"], name="永宁县政务公开事项标准目录", user=user)
        county.version_label, county.issued_on = "2020年版", datetime.date(2020, 12, 28)
        county.save()
        # Local adjustments, each with its reason.
        item = county.items.get(level2="救助结果")
        before = services.item_elements(item)
        item.subject = "县民政局、县乡村振兴局"
        item.save()
        services.record_local_changes(item, before, reason="本县临时救助由民政局会同乡村振兴局实施。", user=user)
        removed = county.items.get(level2="森林生态效益补偿")
        services.remove_local_item(removed, reason="本县无国家级公益林，不涉及森林生态效益补偿。", user=user)
        added = services.create_item(
            county, domain=Domain.objects.get(code="farm-subsidies"), level1="地方特色产业补贴",
            level2="枸杞产业发展补贴", content="补贴政策、申报条件、补贴标准、补贴对象及金额",
            basis="《自治区枸杞产业高质量发展实施方案》", time_limit="信息形成或者变更之日起20个工作日内",
            subject="县级农业农村部门", required_channels=[Channel.WEBSITE], optional_channels=[Channel.NOTICE_BOARD],
            layer="county",
        )
        services.record_local_addition(added, reason="枸杞为本县特色产业，县财政设立专项补贴。", user=user)
    township = Catalog.objects.filter(agency=agencies["township_a"], kind=CatalogKind.LOCAL).first()
    if township is None:
        township = services.derive_local_catalog(guide, agencies["township_a"], name="杨和镇政务公开事项标准目录", user=user)
        item = township.items.get(level1="最低生活保障", level2="审核")
        before = services.item_elements(item)
        services.set_item_channels(item, [Channel.NOTICE_BOARD, Channel.WEBSITE], [Channel.NEW_MEDIA])
        services.record_local_changes(item, before, reason="镇政府网站专栏同步公示初审名单。", user=user)
        added = services.create_item(
            township, domain=Domain.objects.get(code="social-assistance"), level1="残疾人两项补贴",
            level2="补贴发放", content="困难残疾人生活补贴和重度残疾人护理补贴发放对象、标准、金额",
            basis="《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》",
            time_limit="信息形成之日起10个工作日内，公示7天", subject="杨和镇人民政府",
            required_channels=[Channel.NOTICE_BOARD], optional_channels=[Channel.WEBSITE], layer="township",
        )
        services.record_local_addition(added, reason="镇民政办负责两项补贴初审，群众关注度高。", user=user)
    return county, township


def build_guide_revision_2(guide, user):
    """The region revises the guide after the local catalogs were compiled."""
    if guide.revisions.filter(number__gte=2).exists():
        return
    with transaction.atomic():
        item = guide.items.get(level2="耕地地力保护补贴")
        item.content += "；补贴资金发放进度"
        item.save()
        relief = guide.items.get(level2="救助结果")
        relief.subject = "县级民政部门、乡镇人民政府"
        relief.save()
        services.create_item(
            guide, domain=Domain.objects.get(code="social-assistance"), level1="最低生活保障",
            level2="动态管理", content="低保对象增发、停发、减发情况", basis="《最低生活保障审核确认办法》",
            time_limit="信息形成或者变更之日起20个工作日内", subject="县级民政部门",
            required_channels=[Channel.WEBSITE], optional_channels=[Channel.NOTICE_BOARD], layer="county",
        )
        services.issue_guide_revision(guide, note="增加低保动态管理事项，细化耕地地力保护补贴公开内容。", user=user)


def _article_class(parent):
    for model in get_page_models():
        if issubclass(model, OpennessMetadataMixin) and hasattr(model, "gk_catalog_filings") and model.can_create_at(parent):
            return model
    return None


def _safe_working_days(day, n):
    return add_working_days(day, n, provisional=True)


def file_content(catalog, column, agency, today):
    """Pages filed under items of *catalog*, one per dashboard state."""
    Article = _article_class(column)
    if Article is None or CatalogFiling.objects.filter(item__catalog=catalog).exists():
        return
    get = catalog.items.get
    plans = [
        # (item, title, event offset in working days before today, published after N working days, extra channels)
        (get(level2="耕地地力保护补贴"), "永宁县2026年耕地地力保护补贴实施方案", -40, 8, []),
        (get(level2="一般公共预算"), "永宁县2026年一般公共预算报告及收支表", -200, 10, [Channel.GAZETTE]),
        (get(level2="审批"), "永宁县2026年第三季度最低生活保障审批对象名单", -45, 30, [Channel.NOTICE_BOARD]),
        (get(level2="拟征收土地预公告"), "永宁县望洪镇2026年第2批次拟征收土地预公告", -25, 3, []),
        (get(level2="年度建设计划"), "永宁县2026年保障性租赁住房年度建设计划", -35, None, []),
        (get(level2="补助资金发放"), "永宁县2026年农村危房改造补助资金发放情况", -17, None, []),
        (get(level2="枸杞产业发展补贴"), "永宁县2026年枸杞产业发展补贴申报通知", -12, 4, []),
    ]
    for item, title, event_offset, published_after, extra in plans:
        event = _safe_working_days(today, event_offset)
        page = column.add_child(
            instance=Article(
                title=title, slug=f"catalog-demo-{item.pk}", summary=item.content, publishing_agency=agency,
                body=[("paragraph", "<p>%s</p>" % item.content)],
            )
        )
        CatalogFiling.objects.create(page=page, item=item, event_date=event, channels=extra)
        if published_after is None:
            continue  # a draft: due soon, or already late
        page.save_revision().publish()
        published = _safe_working_days(event, published_after)
        moment = timezone.make_aware(datetime.datetime.combine(published, datetime.time(10, 0)))
        Page.objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)
        CatalogFiling.objects.filter(page=page).update(published_on=published)


def build_public_pages(openness, county_agency, catalogs):
    index = CatalogIndexPage.objects.child_of(openness).first()
    if index is None:
        index = openness.add_child(
            instance=CatalogIndexPage(
                title="政务公开事项标准目录", slug="bzml", agency=county_agency, show_in_menus=True,
                intro="<p>依据《全区基层政务公开标准指引》，结合本县实际编制的县、乡两级政务公开事项标准目录。</p>",
            )
        )
        index.save_revision().publish()
    for catalog, slug in catalogs:
        if StandardCatalogPage.objects.filter(catalog=catalog).exists():
            continue
        page = index.add_child(instance=StandardCatalogPage(title=catalog.name, slug=slug, catalog=catalog))
        page.save_revision().publish()
    return index


def load_catalog_demo(context) -> None:
    agencies, user = context.agencies, context.users.get("admin")
    guide = build_guide(agencies["region"])
    county, township = build_local_catalogs(guide, agencies, user)
    build_guide_revision_2(guide, user)
    column = context.openness_index
    file_content(county, column, agencies["county"], timezone.localdate())
    file_content_township(township, column, agencies["township_a"], timezone.localdate())
    build_public_pages(column, agencies["county"], [(county, "yongning"), (township, "yanghe")])
    context.log("catalog: guide with %d items, county %d items, township %d items" % (
        guide.items.count(), county.items.active().count(), township.items.active().count()))


def file_content_township(catalog, column, agency, today):
    Article = _article_class(column)
    if Article is None or CatalogFiling.objects.filter(item__catalog=catalog).exists():
        return
    item = catalog.items.get(level1="最低生活保障", level2="审核")
    event = _safe_working_days(today, -15)
    page = column.add_child(
        instance=Article(title="杨和镇2026年11月最低生活保障初审对象名单公示", slug=f"catalog-demo-{item.pk}",
                         summary=item.content, publishing_agency=agency)
    )
    CatalogFiling.objects.create(page=page, item=item, event_date=event, channels=[Channel.NOTICE_BOARD])
    page.save_revision().publish()
    published = _safe_working_days(event, 6)
    moment = timezone.make_aware(datetime.datetime.combine(published, datetime.time(9, 0)))
    Page.objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)
    CatalogFiling.objects.filter(page=page).update(published_on=published)

