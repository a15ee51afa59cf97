"""Compliance: due dates from the recorded event, late / due soon / never
published / channel gaps, coverage, the XLSX export, the dashboard (in
Chinese, with a query count that does not grow with the data) and the
reminder task."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from wagtail_gk.workdays import add_working_days
from wagtail_gk_catalog.compliance import compliance_by_catalog, compliance_by_domain, total_row
from wagtail_gk_catalog.exporting import export_compliance_xlsx
from wagtail_gk_catalog.models import CatalogFiling, Channel

D = datetime.date
TODAY = D(2026, 11, 16)  # a Monday
pytestmark = pytest.mark.django_db


def wd(n):
    return add_working_days(TODAY, n)


@pytest.fixture
def scenario(county_catalog, file_page):
    """审批: one filing in time, one late; 办事指南: nothing filed; 一般公共预算:
    one filing in time without the 必选 gazette, one due in three days."""
    approval = county_catalog.items.get(level2="审批")
    guide_item = county_catalog.items.get(level2="办事指南")
    budget = county_catalog.items.get(level2="一般公共预算")
    file_page(approval, wd(-30), published_on=wd(-25), channels=[Channel.NOTICE_BOARD], title="审批名单（按时）")
    file_page(approval, wd(-25), title="审批名单（超期未发）")
    file_page(budget, TODAY - datetime.timedelta(days=40), published_on=TODAY - datetime.timedelta(days=30), title="预算（按时）")
    file_page(budget, TODAY - datetime.timedelta(days=17), title="预算（即将到期）")
    return {"approval": approval, "guide": guide_item, "budget": budget}


def test_due_date_is_computed_from_the_event(scenario):
    late = CatalogFiling.objects.get(page__title="审批名单（超期未发）")
    assert late.due_on == add_working_days(wd(-25), 20) == wd(-5)
    soon = CatalogFiling.objects.get(page__title="预算（即将到期）")
    assert soon.due_on == TODAY + datetime.timedelta(days=3)  # 批准后20日内: calendar days
    on_time = CatalogFiling.objects.get(page__title="审批名单（按时）")
    assert on_time.published_on <= on_time.due_on
    assert on_time.channels == [Channel.WEBSITE, Channel.NOTICE_BOARD]  # the website always counts


def test_figures_by_domain_and_coverage(scenario, county_catalog):
    rows = {row.label: row for row in compliance_by_domain(county_catalog, TODAY)}
    social, budget = rows["社会救助"], rows["财政预决算"]
    assert (social.items, social.covered, social.never_published, social.late_items, social.late_filings) == (2, 1, 1, 1, 1)
    assert (social.due_soon, social.channel_gaps, social.coverage) == (0, 0, 50.0)
    assert (budget.items, budget.covered, budget.late_items, budget.due_soon, budget.channel_gaps) == (1, 1, 0, 1, 1)
    total = total_row(rows.values())
    assert (total.items, total.covered, total.coverage) == (3, 2, 66.7)
    by_catalog = compliance_by_catalog([county_catalog.pk], TODAY)
    assert by_catalog[county_catalog.pk].coverage == 66.7


def test_late_publication_counts_as_late(county_catalog, file_page):
    approval = county_catalog.items.get(level2="审批")
    file_page(approval, wd(-40), published_on=wd(-10))  # due at wd(-20), published 10 working days late
    row = compliance_by_domain(county_catalog, TODAY)[-1]
    assert (row.covered, row.late_items, row.late_filings) == (1, 1, 1)


def test_removed_items_do_not_count(scenario, county_catalog):
    from wagtail_gk_catalog import services

    services.remove_local_item(scenario["guide"], reason="不涉及")
    total = total_row(compliance_by_domain(county_catalog, TODAY))
    assert (total.items, total.covered, total.coverage) == (2, 2, 100.0)


def test_filing_validation(county_catalog, guide, file_page):
    from django.core.exceptions import ValidationError

    filing = CatalogFiling(item=county_catalog.items.get(level2="审批"))
    with pytest.raises(ValidationError) as excinfo:
        filing.clean()
    assert "请填写信息形成日期" in str(excinfo.value)
    with pytest.raises(ValidationError, match="标准指引中的事项"):
        CatalogFiling(item=guide.items.first(), event_date=TODAY).clean()
    # A deadline in a year with no holiday schedule is provisional, not a refusal.
    far = CatalogFiling(item=county_catalog.items.get(level2="审批"), event_date=D(2031, 5, 6))
    far.clean()
    assert far.compute_due_on() > D(2031, 5, 6)
    CatalogFiling(item=county_catalog.items.get(level2="办事指南")).clean()  # continuous: no event needed


def test_compliance_export(scenario, county_catalog):
    workbook = load_workbook(io.BytesIO(export_compliance_xlsx(county_catalog, TODAY)))
    summary = workbook["按领域汇总"]
    rows = {r[0]: r for r in summary.iter_rows(min_row=3, values_only=True)}
    assert rows["社会救助"][1:] == (2, 1, 1, 1, 1, 0, 0, 50.0)
    assert rows["合计"][-1] == 66.7
    detail = {r[1]: r for r in workbook["事项明细"].iter_rows(min_row=2, values_only=True)}
    assert detail["最低生活保障 / 审批"][4] == "已超期"
    assert detail["最低生活保障 / 办事指南"][4] == "从未公开"
    assert detail["财政预决算 / 一般公共预算"][4] == "即将到期"
    assert detail["财政预决算 / 一般公共预算"][9] == "政府公报"


@freeze_time("2026-11-16 10:00:00")
def test_dashboard_renders_in_chinese_and_drills_into_a_domain(scenario, county_catalog, admin_client_zh):
    response = admin_client_zh.get(reverse("wagtail_gk_catalog_admin:compliance"))
    html = response.content.decode()
    assert response.status_code == 200 and "公开合规看板" in html and county_catalog.name in html and "66.7" in html
    response = admin_client_zh.get(reverse("wagtail_gk_catalog_admin:compliance_catalog", args=[county_catalog.pk]))
    html = response.content.decode()
    assert "社会救助" in html and "渠道缺项" in html and "覆盖率" in html
    domain = scenario["approval"].domain
    url = reverse("wagtail_gk_catalog_admin:compliance_domain", args=[county_catalog.pk, domain.pk])
    html = admin_client_zh.get(url).content.decode()
    assert "已超期" in html and "从未公开" in html and "审批名单（超期未发）" in html
    html = admin_client_zh.get(url + "?state=never").content.decode()
    assert "办事指南" in html and "审批名单（超期未发）" not in html
    budget = scenario["budget"].domain
    html = admin_client_zh.get(reverse("wagtail_gk_catalog_admin:compliance_domain", args=[county_catalog.pk, budget.pk])).content.decode()
    assert "即将到期" in html and "政府公报" in html
    response = admin_client_zh.get(reverse("wagtail_gk_catalog_admin:compliance_export", args=[county_catalog.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')


def _dashboard_queries(client, catalog):
    urls = [
        reverse("wagtail_gk_catalog_admin:compliance"),
        reverse("wagtail_gk_catalog_admin:compliance_catalog", args=[catalog.pk]),
    ]
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


@freeze_time("2026-11-16 10:00:00")
def test_dashboard_query_count_does_not_grow_with_the_data(scenario, county_catalog, domains, admin_client_zh, file_page):
    from wagtail_gk_catalog import services

    admin_client_zh.get(reverse("wagtail_gk_catalog_admin:compliance"))  # warm caches (site, settings)
    small = _dashboard_queries(admin_client_zh, county_catalog)
    for n in range(12):
        domain = domains[["employment", "health", "taxation"][n % 3]]
        item = services.create_item(
            county_catalog, domain=domain, level1=f"事项{n}", time_limit="信息形成之日起20个工作日内",
            subject="县级部门", required_channels=[Channel.WEBSITE, Channel.NEW_MEDIA], layer="county",
        )
        for k in range(3):
            file_page(item, wd(-30 + k), published_on=wd(-20) if k else None)
    large = _dashboard_queries(admin_client_zh, county_catalog)
    assert large == small


def test_reminder_task_is_registered_and_mails_the_responsible_subject(scenario, county_catalog, agencies, users, mailoutbox):
    from django.contrib.auth import get_user_model

    from wagtail_gk.models import AgencyMembership
    from wagtail_gk.periodic import periodic_tasks
    from wagtail_gk_catalog.tasks import send_compliance_reminders

    assert periodic_tasks()["wagtail_gk_catalog.tasks.send_compliance_reminders"] is send_compliance_reminders
    officer = users["officer"]
    officer.email = "officer@example.gov.cn"
    officer.save()
    # The budget item's responsible subject is the finance bureau, not the county office.
    finance = agencies["county"].children.create(name="永宁县财政局", level="county")
    budget = scenario["budget"]
    budget.subject_agency = finance
    budget.save()
    clerk = get_user_model().objects.create_user("finance", email="finance@example.gov.cn", password="x")
    clerk.groups.add(*officer.groups.all())
    AgencyMembership.objects.create(user=clerk, agency=finance)
    outsider = get_user_model().objects.create_user("nobody", email="nobody@example.gov.cn", password="x")
    AgencyMembership.objects.create(user=outsider, agency=finance)  # no role: no compliance permission

    counts = send_compliance_reminders.call(TODAY.isoformat())
    assert counts == {"agencies": 2, "filings": 2, "emails": 2}
    by_recipient = {tuple(m.to): m for m in mailoutbox}
    assert set(by_recipient) == {("officer@example.gov.cn",), ("finance@example.gov.cn",)}
    assert "审批名单（超期未发）" in by_recipient[("officer@example.gov.cn",)].body
    assert "已超期" in by_recipient[("officer@example.gov.cn",)].body
    assert "预算（即将到期）" in by_recipient[("finance@example.gov.cn",)].body
    # Idempotent: nothing is sent twice on the same stage...
    assert send_compliance_reminders.call(TODAY.isoformat())["filings"] == 0
    # ...but the due-soon filing is reminded once more after its due date.
    later = TODAY + datetime.timedelta(days=4)
    assert send_compliance_reminders.call(later.isoformat())["filings"] == 1
    assert "已超期" in mailoutbox[-1].body and mailoutbox[-1].to == ["finance@example.gov.cn"]
    # Every reminder is recorded: whom, when, which filings.
    from wagtail_gk_catalog.models import CatalogReminder

    records = list(CatalogReminder.objects.order_by("pk"))
    assert [(r.agency, r.reminder_date, r.recipients) for r in records] == [
        (agencies["county"], TODAY, ["officer@example.gov.cn"]),
        (finance, TODAY, ["finance@example.gov.cn"]),
        (finance, later, ["finance@example.gov.cn"]),
    ]
    assert [(r.due_soon_count, r.late_count) for r in records] == [(0, 1), (1, 0), (0, 1)]
    assert list(records[1].filings.all()) == list(records[2].filings.all()) and records[1].filings.count() == 1


def test_reminder_without_recipients_is_recorded_and_listed(scenario, county_catalog, admin_client_zh, mailoutbox):
    from wagtail_gk_catalog.models import CatalogReminder
    from wagtail_gk_catalog.tasks import send_compliance_reminders

    counts = send_compliance_reminders.call(TODAY.isoformat())
    assert counts["emails"] == 0 and mailoutbox == []
    reminder = CatalogReminder.objects.get()
    assert reminder.recipients == [] and not reminder.delivered
    response = admin_client_zh.get(reverse("wagtail_gk_catalog_reminders:index"))
    text = response.content.decode()
    assert response.status_code == 200 and "到期提醒记录" in text and "无收件人" in text
    inspect = admin_client_zh.get(reverse("wagtail_gk_catalog_reminders:inspect", args=[reminder.pk]))
    assert inspect.status_code == 200 and reminder.agency.name in inspect.content.decode()
