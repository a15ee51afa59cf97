"""Township review: the gate's automated check, the supervision committee's
sign-off where the township asks for it, then the township reviewer."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from wagtail_gk_village import services

from .conftest import VALID_ID, make_notice

pytestmark = pytest.mark.django_db


def _task_names(township):
    return [task.name for task in township.get_workflow().tasks]


def test_workflow_per_township_with_optional_sign_off(village_site):
    assert _task_names(village_site["townships"]["a"]) == ["自动内容检查", "乡镇审核"]
    assert _task_names(village_site["townships"]["b"]) == ["自动内容检查", "村务监督委员会确认", "乡镇审核"]
    township = village_site["townships"]["a"]
    township.supervision_signoff = True
    services.ensure_township_workflow(township)
    assert _task_names(township) == ["自动内容检查", "村务监督委员会确认", "乡镇审核"]
    township.supervision_signoff = False
    services.ensure_township_workflow(township)
    assert _task_names(township) == ["自动内容检查", "乡镇审核"]


def _submitted(village_site, categories, key="village_a1", body="本季度村务公开。", member="village_member"):
    notice = make_notice(village_site["villages"][key], categories["village"], live=False, body=body, period=("quarter", 2026, 3))
    services.submit_notice(village_site["users"][member], notice)
    notice.refresh_from_db()
    return notice


def test_gate_rejects_an_unmasked_id_before_any_human(village_site, categories):
    notice = _submitted(village_site, categories, body=f"张某身份证{VALID_ID}")
    state = notice.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    status = services.notice_statuses([notice])[notice.pk]
    assert status.code == "needs_changes" and "身份证" in status.comment


def test_township_reviewer_approves_and_the_notice_goes_live(village_site, categories):
    notice = _submitted(village_site, categories)
    task_state = notice.current_workflow_state.current_task_state
    task = task_state.task.specific
    reviewer = village_site["users"]["township_reviewer"]
    other_reviewer = village_site["users"]["wanghong_reviewer"]
    assert task.user_may_approve(notice, reviewer)
    assert not task.user_may_approve(notice, other_reviewer)
    assert task.get_actions(notice, other_reviewer) == []
    assert list(task.get_task_states_user_can_moderate(other_reviewer)) == []
    assert list(task.get_task_states_user_can_moderate(reviewer)) == [task_state]
    assert notice.permissions_for_user(reviewer).can_publish()
    task_state.approve(user=reviewer, comment="同意公开")
    notice.refresh_from_db()
    assert notice.live
    assert services.notice_statuses([notice])[notice.pk].code == "live"


def test_reviewer_rejects_member_fixes_and_resubmits(client, village_site, categories):
    notice = _submitted(village_site, categories)
    notice.current_workflow_state.current_task_state.reject(user=village_site["users"]["township_reviewer"], comment="请补充会议时间")
    notice.refresh_from_db()
    status = services.notice_statuses([notice])[notice.pk]
    assert status.code == "needs_changes" and status.comment == "请补充会议时间"
    client.force_login(village_site["users"]["village_member"])
    assert "请补充会议时间" in client.get(reverse("wagtail_gk_village_admin:home")).content.decode()
    services.submit_notice(village_site["users"]["village_member"], notice)
    notice.refresh_from_db()
    assert notice.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_pending_reviews_and_admin_approval_by_url(client, village_site, categories):
    from wagtail_gk_village.views.township import pending_reviews

    notice = _submitted(village_site, categories)
    other = _submitted(village_site, categories, key="village_b1", member="nongfeng_member")
    assert list(pending_reviews(village_site["agencies"]["township_a"])) == [notice]
    assert other not in pending_reviews(village_site["agencies"]["township_b"])  # still at the sign-off step
    client.force_login(village_site["users"]["township_reviewer"])
    overview = client.get(reverse("wagtail_gk_village_admin:overview", args=[village_site["agencies"]["township_a"].pk]))
    assert notice.title in overview.content.decode()
    task_state = notice.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[notice.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code in (200, 302), response
    notice.refresh_from_db()
    assert notice.live
    # Another township's reviewer cannot act on it.
    other_state = other.current_workflow_state.current_task_state
    client.force_login(village_site["users"]["township_reviewer"])
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[other.pk, "approve", other_state.pk]), {"comment": ""})
    other_state.refresh_from_db()
    assert other_state.status == "in_progress"


def test_supervision_sign_off_step(client, village_site, categories):
    notice = _submitted(village_site, categories, key="village_b1", member="nongfeng_member")
    state = notice.current_workflow_state
    assert state.current_task_state.task.name == "村务监督委员会确认"
    # 红星村's supervisor is not on 农丰村's committee.
    with pytest.raises(services.VillageAffairsError):
        services.sign_off(village_site["users"]["hongxing_supervisor"], notice, True)
    client.force_login(village_site["users"]["hongxing_supervisor"])
    assert client.get(reverse("wagtail_gk_village_admin:sign_off", args=[notice.pk])).status_code == 404
    client.force_login(village_site["users"]["nongfeng_supervisor"])
    home = client.get(reverse("wagtail_gk_village_admin:home")).content.decode()
    assert "待村务监督委员会确认" in home and notice.title in home
    response = client.post(reverse("wagtail_gk_village_admin:sign_off", args=[notice.pk]), {"decision": "reject", "comment": ""})
    assert "退回时请写明" in response.content.decode()
    response = client.post(reverse("wagtail_gk_village_admin:sign_off", args=[notice.pk]), {"decision": "approve", "comment": "核实无误"})
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.current_task_state.task.name == "乡镇审核"
    state.current_task_state.approve(user=village_site["users"]["wanghong_reviewer"])
    notice.refresh_from_db()
    assert notice.live
