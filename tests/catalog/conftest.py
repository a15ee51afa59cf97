"""A small guide of two domains, a county and a township catalog derived from
it, and helpers to file article pages under items (no full demo load)."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from wagtail_gk_catalog import services
from wagtail_gk_catalog.models import Catalog, CatalogFiling, CatalogKind, Channel, Domain


@pytest.fixture
def domains(db):
    return {d.code: d for d in Domain.objects.all()}


@pytest.fixture
def guide(agencies, domains):
    guide = Catalog.objects.create(name="测试标准指引", kind=CatalogKind.GUIDE, agency=agencies["region"])
    sa, budget = domains["social-assistance"], domains["budget"]
    services.create_item(
        guide, domain=sa, level1="最低生活保障", level2="审批", content="审批对象名单及相关信息",
        basis="《最低生活保障审核确认办法》", time_limit="信息形成或者变更之日起20个工作日内", subject="县级民政部门",
        required_channels=[Channel.WEBSITE, Channel.NOTICE_BOARD], optional_channels=[Channel.NEW_MEDIA], layer="county",
    )
    services.create_item(
        guide, domain=sa, level1="最低生活保障", level2="审核", content="初审对象名单",
        basis="《最低生活保障审核确认办法》", time_limit="制定或获取信息之日起10个工作日内，公示7个工作日",
        subject="乡镇人民政府", required_channels=[Channel.NOTICE_BOARD], optional_channels=[Channel.WEBSITE],
        layer="township",
    )
    services.create_item(
        guide, domain=sa, level1="最低生活保障", level2="办事指南", content="申请条件、办理流程",
        basis="《社会救助暂行办法》", time_limit="长期公开（动态调整）", subject="县级民政部门、乡镇人民政府",
        required_channels=[Channel.WEBSITE], layer="county_township",
    )
    services.create_item(
        guide, domain=budget, level1="财政预决算", level2="一般公共预算", content="预算报告及收支表",
        basis="《中华人民共和国预算法》", time_limit="批准后20日内", subject="县级财政部门",
        required_channels=[Channel.WEBSITE, Channel.GAZETTE], layer="county",
    )
    services.issue_guide_revision(guide, note="第一版")
    return guide


@pytest.fixture
def county_catalog(guide, agencies):
    return services.derive_local_catalog(guide, agencies["county"])


@pytest.fixture
def township_catalog(guide, agencies):
    return services.derive_local_catalog(guide, agencies["township_a"])


@pytest.fixture
def file_page(demo):
    """file_page(item, event_date, published_on=None, channels=(), title=...) → the article page."""
    from example_site.home.models import ArticlePage

    counter = {"n": 0}

    def make(item, event_date, published_on=None, channels=(), title=None):
        counter["n"] += 1
        page = demo.openness_index.add_child(
            instance=ArticlePage(
                title=title or f"归集信息{counter['n']}", slug=f"filed-{counter['n']}",
                publishing_agency=item.catalog.agency, live=False,
            )
        )
        CatalogFiling.objects.create(page=page, item=item, event_date=event_date, channels=list(channels))
        if published_on is not None:
            moment = timezone.make_aware(datetime.datetime.combine(published_on, datetime.time(10)))
            Page.objects.filter(pk=page.pk).update(live=True, first_published_at=moment, last_published_at=moment)
            CatalogFiling.objects.filter(page=page).update(published_on=published_on)
            page.refresh_from_db()
        return page

    return make
