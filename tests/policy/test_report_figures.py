"""The policy library's part of the annual report: 规章 and 规范性文件 made,
repealed and in force, through core's report contribution hook."""

import datetime

import pytest

from wagtail_gk.annual_report import collect_report_contributions
from wagtail_gk.models import Validity

pytestmark = pytest.mark.django_db


def test_rules_and_normative_documents_counted_by_year_and_agency(make_policy, agencies):
    make_policy("关于规范村级财务管理的意见", kind="regulation", released="2026-02-01")  # made 2026, in force
    old = make_policy("关于加强集体资产管理的办法", kind="regulation", released="2024-03-01", validity=Validity.REPEALED)
    old.validity_changed_on = datetime.date(2026, 6, 1)  # repealed in 2026
    old.save_revision().publish()
    make_policy("关于做好农村低保工作的通知", kind="regulation", released="2025-05-01")  # in force
    make_policy("永宁县城市管理办法", kind="rules", released="2026-07-01")
    make_policy("杨和镇规范性文件", kind="regulation", released="2026-03-01", agency="township_a")
    make_policy("普通通知", kind="notice", released="2026-03-01")  # neither kind
    make_policy("草稿", kind="regulation", released="2026-03-01", publish=False)  # not live

    county = agencies["county"].pk
    figures = collect_report_contributions(2026, [county])
    assert (figures["normative_made"], figures["normative_repealed"], figures["normative_in_force"]) == (1, 1, 2)
    assert (figures["rules_made"], figures["rules_repealed"], figures["rules_in_force"]) == (1, 0, 1)
    both = collect_report_contributions(2026, [county, agencies["township_a"].pk])
    assert both["normative_made"] == 2 and both["normative_in_force"] == 3
    before = collect_report_contributions(2025, [county])
    # At the end of 2025 the 2024 document was still in force; the 2026 ones did not exist.
    assert (before["normative_made"], before["normative_repealed"], before["normative_in_force"]) == (1, 0, 2)
