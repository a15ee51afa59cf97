"""The officer's forms pre-fill their date inputs with ISO values, which a
browser's ``<input type="date">`` keeps (it discards ``2026/12/04``)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from wagtail_gk_foia import services
from wagtail_gk_foia.models import Status

from .conftest import MARCH_2, application, upload

pytestmark = pytest.mark.django_db
NS = "wagtail_gk_foia_requests"
DATE_INPUT = re.compile(r"<input\b[^>]*\btype=\"date\"[^>]*>")
VALUE = re.compile(r"\bvalue=\"([^\"]*)\"")


def _date_values(html: str) -> dict[str, str]:
    found = {}
    for tag in DATE_INPUT.findall(html):
        name = re.search(r"\bname=\"([^\"]+)\"", tag).group(1)
        value = VALUE.search(tag)
        found[name] = value.group(1) if value else ""
    return found


@pytest.fixture
def officer_client(client, users):
    client.force_login(users["officer"])
    return client


def _filed(agencies, users, **data):
    req, _code = services.register_request(
        agency=agencies["county"], data=application(**data), channel="in_person", received_on=MARCH_2,
        user=users["officer"], identity_proof=upload(),
    )
    return req


def test_registration_form_prefills_today_in_iso(officer_client):
    html = officer_client.get(reverse(f"{NS}:add")).content.decode()
    assert _date_values(html) == {"received_on": timezone.localdate().isoformat()}


def test_every_action_form_of_the_workspace_prefills_iso_dates(officer_client, agencies, users):
    req = _filed(agencies, users)
    html = officer_client.get(reverse(f"{NS}:edit", args=[req.pk])).content.decode()
    values = _date_values(html)
    # A registered request offers correction, consultation, extension, reasons, fee notice, reply, withdrawal.
    assert {"request_correction-on", "start_consultation-on", "approve_extension-on", "reply-on", "withdraw-on"} <= set(values)
    today = timezone.localdate().isoformat()
    # The step's own date is today; a date of receipt the office learns later
    # (第32、34条: when the third party receives the letter) starts blank.
    received = {name for name in values if name.endswith("-received_on")}
    assert all(values[name] == today for name in set(values) - received), values
    assert all(values[name] in ("", today) for name in received), values


def test_reasons_deadline_is_iso_and_iso_is_accepted(officer_client, agencies, users):
    req = _filed(agencies, users)
    response = officer_client.post(
        reverse(f"{NS}:action", args=[req.pk, "request_reasons"]), {"request_reasons-on": "2026-03-03", "request_reasons-note": ""}
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == Status.AWAITING_REASONS
    values = _date_values(officer_client.get(reverse(f"{NS}:edit", args=[req.pk])).content.decode())
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", values["accept_reasons-on"])
    assert "accept_reasons-reasonable_due_on" in values
