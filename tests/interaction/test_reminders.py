"""The daily reminders: before the limit, once it has passed, and for an
enquiry past 3 months, each once, to the handling agency's officers."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from wagtail_gk.models import AgencyMembership
from wagtail_gk_interaction import services
from wagtail_gk_interaction.tasks import send_letter_reminders

pytestmark = pytest.mark.django_db
D = datetime.date


def test_reminders_go_once_to_the_agency(make_letter, agencies, users):
    officer = users["officer"]
    officer.email = "officer@example.invalid"
    officer.save(update_fields=["email"])
    AgencyMembership.objects.get_or_create(user=officer, agency=agencies["township_a"])
    soon, _c = make_letter(D(2026, 4, 30), kind="consultation", subject="快到期")  # due 11 May
    services.assign(soon, agencies["township_a"])
    late, _c = make_letter(D(2026, 4, 20), kind="complaint", subject="已逾期")  # due 29 Apr
    services.assign(late, agencies["township_a"])
    old, _c = make_letter(D(2026, 1, 5), kind="consultation", subject="三个月未答复")
    services.assign(old, agencies["township_a"])
    counts = send_letter_reminders.call("2026-05-08")
    assert counts == {"due_soon": 1, "overdue": 1, "alarm": 1}
    assert len(mail.outbox) == 3 and all(m.to == ["officer@example.invalid"] for m in mail.outbox)
    assert any("三个月未答复" in m.body and "3个月" in m.body for m in mail.outbox)
    assert send_letter_reminders.call("2026-05-08") == {"due_soon": 0, "overdue": 0, "alarm": 0}
    assert len(mail.outbox) == 3
