"""The demo adds requests in every state, some overdue, across two years."""

import pytest

from wagtail_gk_foia import services
from wagtail_gk_foia.models import DisclosureRequest, Status

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_requests_cover_every_state_and_two_years(demo):
    from wagtail_gk_foia.demo import load_foia_demo

    load_foia_demo(demo)
    requests = list(DisclosureRequest.objects.all())
    assert {r.status for r in requests} == set(Status.values)
    assert len({r.received_on.year for r in requests}) >= 2
    assert any(services.due_state(r) == "overdue" for r in requests)
    assert all(r.outcome for r in requests if r.status in (Status.REPLIED, Status.ABANDONED, Status.WITHDRAWN))
