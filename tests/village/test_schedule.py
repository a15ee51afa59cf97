"""The schedule: due / late / missing per village and category, reminders as a
periodic background task (once a day per village, category and period)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from wagtail_gk_village.schedule import CellStatus, due_date, township_overview

from .conftest import make_notice

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


def _cell(overview, village_agency, code):
    row = next(r for r in overview.rows if r.village.pk == village_agency.pk)
    return next(c for c in row.cells if c.category.code == code)


def _publish_on(notice, day):
    notice.first_published_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    notice.save(update_fields=["first_published_at"])


def test_statuses_per_village_and_category(village_site, categories):
    villages, agencies = village_site["villages"], village_site["agencies"]
    # 红星村: October finance published on time, September late, August never.
    october = make_notice(villages["village_a1"], categories["finance"], period=("month", 2026, 10))
    _publish_on(october, datetime.date(2026, 11, 3))
    september = make_notice(villages["village_a1"], categories["finance"], period=("month", 2026, 9))
    _publish_on(september, datetime.date(2026, 11, 2))
    # 王太村: a quarterly 村务 notice for Q3 still in review.
    from wagtail_gk_village import services

    pending = make_notice(villages["village_a2"], categories["village"], live=False, period=("quarter", 2026, 3))
    services.submit_notice(village_site["users"]["wangtai_member"], pending)
    make_notice(villages["village_a1"], categories["major"], period=("date", None, None), period_date=datetime.date(2026, 6, 1))

    overview = township_overview(agencies["township_a"], today=TODAY)
    assert [r.village.name for r in overview.rows] == sorted(r.village.name for r in overview.rows)
    assert {r.village.pk for r in overview.rows} == {agencies["village_a1"].pk, agencies["village_a2"].pk}
    finance = _cell(overview, agencies["village_a1"], "finance")
    assert finance.period.key == "2026-10" and finance.status == CellStatus.ON_TIME
    assert finance.due_on == due_date(finance.period, categories["finance"])[0]
    # Sep published late counts as published; Aug back to Dec 2025 were never published.
    assert finance.missing == 10
    wangtai_finance = _cell(overview, agencies["village_a2"], "finance")
    assert wangtai_finance.status == CellStatus.ON_TIME or wangtai_finance.status in (CellStatus.DUE, CellStatus.LATE)
    assert _cell(overview, agencies["village_a2"], "village").status == CellStatus.IN_REVIEW
    assert _cell(overview, agencies["village_a1"], "village").status == CellStatus.LATE
    major = _cell(overview, agencies["village_a1"], "major")
    assert major.status == CellStatus.NOT_SCHEDULED and major.count == 1
    september_overview = township_overview(agencies["township_a"], today=datetime.date(2026, 10, 9))
    assert _cell(september_overview, agencies["village_a1"], "finance").status == CellStatus.PUBLISHED_LATE


def test_due_then_late_around_the_deadline(village_site, categories):
    agencies = village_site["agencies"]
    period_end = datetime.date(2026, 10, 31)
    overview = township_overview(agencies["township_a"], today=datetime.date(2026, 11, 2))
    cell = _cell(overview, agencies["village_a1"], "finance")
    assert cell.period.end == period_end and cell.status == CellStatus.DUE and cell.needs_action
    after = township_overview(agencies["township_a"], today=cell.due_on + datetime.timedelta(days=1))
    assert _cell(after, agencies["village_a1"], "finance").status == CellStatus.LATE


def test_category_frequency_is_configurable(village_site, categories):
    categories["party"].frequency = "yearly"
    categories["party"].save()
    overview = township_overview(village_site["agencies"]["township_a"], today=TODAY)
    assert _cell(overview, village_site["agencies"]["village_a1"], "party").period.key == "2025"


def test_overview_queries_do_not_grow_with_villages(village_site, categories):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    agencies = village_site["agencies"]
    make_notice(village_site["villages"]["village_a1"], categories["finance"], period=("month", 2026, 10))
    make_notice(village_site["villages"]["village_a2"], categories["party"], period=("quarter", 2026, 3))
    township_overview(agencies["township_a"], today=TODAY)  # warm the working-day calendar cache
    with CaptureQueriesContext(connection) as small:
        township_overview(agencies["township_a"], today=TODAY, villages=[agencies["village_a1"]])
    with CaptureQueriesContext(connection) as large:
        township_overview(agencies["township_a"], today=TODAY, villages=[agencies["village_a1"], agencies["village_a2"]])
    assert len(large) == len(small) <= 3


def test_reminders_task_is_periodic_idempotent_and_mails_members(village_site, categories):
    from wagtail_gk.periodic import periodic_tasks
    from wagtail_gk_village.models import ScheduleReminder
    from wagtail_gk_village.tasks import send_schedule_reminders

    assert "wagtail_gk_village.tasks.send_schedule_reminders" in periodic_tasks()
    township = village_site["agencies"]["township_a"]
    sent = send_schedule_reminders.call(TODAY.isoformat(), township.pk)
    assert sent > 0
    assert ScheduleReminder.objects.filter(village=village_site["agencies"]["village_b1"]).count() == 0
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["hongxing@example.com", "wangtai@example.com"]
    assert "逾期未公开" in mail.outbox[0].body
    assert send_schedule_reminders.call(TODAY.isoformat(), township.pk) == 0  # once a day
    assert len(mail.outbox) == 2


def test_township_overview_screen_and_access(client, village_site):
    from django.urls import reverse

    township_a, township_b = village_site["agencies"]["township_a"], village_site["agencies"]["township_b"]
    client.force_login(village_site["users"]["township_reviewer"])
    response = client.get(reverse("wagtail_gk_village_admin:overview", args=[township_a.pk]))
    assert response.status_code == 200 and "红星村" in response.content.decode() and "农丰村" not in response.content.decode()
    assert client.get(reverse("wagtail_gk_village_admin:overview", args=[township_b.pk])).status_code == 404
    assert client.get(reverse("wagtail_gk_village_admin:township_index"))["Location"].endswith(f"/{township_a.pk}/")
    response = client.post(reverse("wagtail_gk_village_admin:overview", args=[township_a.pk]), {"action": "remind"})
    assert response.status_code == 302
    client.force_login(village_site["users"]["village_member"])
    assert client.get(reverse("wagtail_gk_village_admin:overview", args=[township_a.pk])).status_code == 302
