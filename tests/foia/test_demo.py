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


def test_demo_produces_the_draft_annual_report_of_its_year(demo):
    from wagtail_gk_foia.demo import DEMO_REPORT_YEAR, load_foia_demo
    from wagtail_gk_foia.models import AnnualReportPage

    load_foia_demo(demo)
    load_foia_demo(demo)  # idempotent
    page = AnnualReportPage.objects.get(year=DEMO_REPORT_YEAR)
    assert not page.live and page.agency == demo.agencies["county"]
    rows = {r["key"]: r["values"]["total"] for r in page.figures["table3"]["rows"] if r["values"]}
    # 2025: DEMO-01…09 received; 01, 02, 03, 04, 05, 06, 09 concluded in 2025; 07 and 08 carried over.
    assert (rows["new"], rows["carried_in"], rows["total"], rows["carried_out"]) == (9, 0, 7, 2)
    assert (rows["1"], rows["2"], rows["3.4"], rows["4.1"], rows["5.1"], rows["6.1"], rows["6.2"]) == (1, 1, 1, 1, 1, 1, 1)
    assert page.figures["table4"]["values"]["reconsideration"]["upheld"] == 1
    assert "收到政府信息公开申请9件" in page.overview
