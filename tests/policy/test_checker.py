"""The 同步解读 rule: a policy that needs an interpretation cannot go live
without an approved one, live or scheduled within the configured working days."""

import datetime

import pytest
from django.utils import timezone

from wagtail_gk.gate import get_checkers, run_checks
from wagtail_gk.gate.guard import PublicationBlocked
from wagtail_gk.policy.checkers import InterpretationReadyChecker
from wagtail_gk.policy.models import PolicyInterpretationPage
from wagtail_gk.workdays import add_working_days


def codes(page):
    return [f.code for f in run_checks(page).blocking if f.checker == "policy_interpretation"]


@pytest.fixture
def policy(make_policy):
    page = make_policy("永宁县最低生活保障审核确认办法", summary="低保审核确认。", needs_interpretation=True, publish=False)
    page.save_revision()
    return page


def add_interpretation(library, policy, *, publish=False, go_live_at=None):
    page = library.add_child(
        instance=PolicyInterpretationPage(title="《永宁县最低生活保障审核确认办法》政策解读", policy=policy, live=False, summary="解读")
    )
    if go_live_at:
        page.go_live_at = go_live_at
    revision = page.save_revision()
    if publish or go_live_at:
        revision.publish()
    page.refresh_from_db()
    return page


def test_registered_through_the_gate_hook():
    assert any(isinstance(c, InterpretationReadyChecker) for c in get_checkers())


def test_missing_interpretation_blocks_publication(policy):
    assert codes(policy) == ["policy_interpretation_missing"]
    with pytest.raises(PublicationBlocked) as raised:
        policy.get_latest_revision().publish()
    assert "政策解读" in str(raised.value)
    policy.refresh_from_db()
    assert not policy.live


def test_draft_interpretation_is_not_enough(policy, library):
    add_interpretation(library, policy)
    assert codes(policy) == ["policy_interpretation_not_ready"]
    finding = run_checks(policy).blocking[0]
    assert "尚未审核通过" in finding.message


def test_live_interpretation_lets_the_policy_go_live(policy, library):
    add_interpretation(library, policy, publish=True)
    assert codes(policy) == []
    policy.get_latest_revision().publish()
    policy.refresh_from_db()
    assert policy.live


def test_scheduled_within_working_days_passes_later_blocks(policy, library, settings):
    settings.GK_POLICY_INTERPRETATION_WORKING_DAYS = 3
    today = timezone.localdate()
    inside = add_working_days(today, 2, provisional=True)
    interp = add_interpretation(library, policy, go_live_at=timezone.make_aware(datetime.datetime.combine(inside, datetime.time(9))))
    assert interp.scheduled_revision is not None and not interp.live
    assert codes(policy) == []
    settings.GK_POLICY_INTERPRETATION_WORKING_DAYS = 1
    blocked = run_checks(policy).blocking
    assert [f.code for f in blocked] == ["policy_interpretation_not_ready"]
    assert "晚于同步解读期限" in blocked[0].message


def test_policies_not_needing_interpretation_or_repealed_are_not_checked(make_policy):
    plain = make_policy("一般通知", publish=False)
    assert codes(plain) == []
    repealed = make_policy("已废止办法", needs_interpretation=True, validity="repealed", publish=False)
    assert codes(repealed) == []
