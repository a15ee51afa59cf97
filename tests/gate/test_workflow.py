"""The automated workflow task, findings in the editor, dismissals."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from wagtail_gk.gate.demo import ensure_default_workflow
from wagtail_gk.models import AutomatedCheckTaskState, FindingDismissal, LedgerEntry, SensitiveTerm
from wagtail_gk.roles import REVIEWER

from .conftest import BLOCKED_TEXT, CLEAN_TEXT, valid_id

WARN_TEXT = "咨询电话13812345678，工作日办理。"  # a mobile number: a warning only


@pytest.fixture
def workflow(notices):
    from django.contrib.auth.models import Group

    return ensure_default_workflow(notices, Group.objects.get(name=REVIEWER.group_name))


@pytest.fixture
def submit(workflow, make_article, users):
    def submit(text):
        page = make_article(text)
        workflow.start(page, users["editor"])
        return page, WorkflowState.objects.get(base_content_type_id=page.get_base_content_type().pk, object_id=str(page.pk))

    return submit


def automated_state(workflow_state):
    return AutomatedCheckTaskState.objects.get(workflow_state=workflow_state)


def test_default_workflow_is_automated_check_then_review(workflow):
    tasks = [task.specific for task in workflow.tasks]
    assert [type(task).__name__ for task in tasks] == ["AutomatedCheckTask", "GroupApprovalTask"]


def test_demo_loader_is_idempotent(demo):
    from wagtail.models import Workflow, WorkflowPage

    from wagtail_gk.gate.demo import load_gate_demo

    load_gate_demo(demo)
    load_gate_demo(demo)
    assert Workflow.objects.filter(name="政务公开发布审核").count() == 1
    assert WorkflowPage.objects.get(page=demo.home).workflow.workflow_tasks.count() == 2
    assert SensitiveTerm.objects.filter(term="法轮功").count() == 1


def test_clean_content_is_approved_and_goes_to_the_reviewer(submit):
    page, state = submit(CLEAN_TEXT)
    check = automated_state(state)
    assert check.status == TaskState.STATUS_APPROVED
    assert check.findings == []
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "审核人审核"
    entry = LedgerEntry.objects.get(action="gate.workflow", object_id=str(page.pk))
    assert entry.decision == "passed"


def test_blocking_findings_reject_to_the_editor_with_the_findings(submit, client, users):
    page, state = submit(BLOCKED_TEXT)
    check = automated_state(state)
    assert check.status == TaskState.STATUS_REJECTED
    assert check.blocking_count == 1
    assert check.findings[0]["code"] == "id_number"
    assert valid_id() not in str(check.findings)  # masked
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert LedgerEntry.objects.get(action="gate.workflow", object_id=str(page.pk)).decision == "blocked"
    # the editor opens the page and sees where, what and why
    client.force_login(users["editor"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "必须处理的问题" in html and "身份证" in html and "正文" in html and "640102********" in html


def test_warnings_pass_to_the_reviewer_with_their_findings(submit, client, users):
    page, state = submit(WARN_TEXT)
    check = automated_state(state)
    assert check.status == TaskState.STATUS_APPROVED
    assert (check.blocking_count, check.warning_count) == (0, 1)
    assert "1 条提示" in check.comment
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    client.force_login(users["reviewer"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "请审核人留意" in html and "手机号码" in html
    findings_url = reverse("wagtail_gk_gate:findings", args=["home", "articlepage", page.pk])
    html = client.get(findings_url).content.decode()
    assert "138********5678" in html or "138****5678" in html


def test_reviewer_approval_publishes_and_is_recorded(submit, client, users):
    page, state = submit(WARN_TEXT)
    state.refresh_from_db()
    task_state = state.current_task_state
    client.force_login(users["reviewer"])
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "同意发布"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    approval = LedgerEntry.objects.get(action="workflow.approve", object_id=str(page.pk))
    assert approval.username == users["reviewer"].username and approval.reason == "同意发布"
    assert approval.findings and approval.findings[0]["code"] == "mobile"  # what the reviewer was shown


def test_workflow_approval_is_refused_when_content_became_blocking(submit, client, users):
    """The library gains a term while the page waits for review: the final
    approval must not publish, and the reviewer sees a message, not an error."""
    page, state = submit(CLEAN_TEXT)
    SensitiveTerm.objects.create(term="主动公开", category="测试")
    state.refresh_from_db()
    task_state = state.current_task_state
    client.force_login(users["reviewer"])
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "同意"}, follow=True)
    assert response.status_code == 200
    assert "不能发布" in response.content.decode()
    page.refresh_from_db()
    assert not page.live
    assert LedgerEntry.objects.filter(decision="refused", object_id=str(page.pk)).exists()
    assert client.get(page.url).status_code == 404  # not reachable at its public URL


# --- dismissal ---------------------------------------------------------------------


def dismiss_url(page):
    return reverse("wagtail_gk_gate:dismiss_finding", args=["home", "articlepage", page.pk])


def _fingerprint(page):
    from wagtail_gk.gate import finding_fingerprint, run_checks

    return finding_fingerprint(run_checks(page.get_latest_revision()).blocking[0])


def test_editor_without_permission_cannot_dismiss(make_article, client, users):
    page = make_article(BLOCKED_TEXT)
    client.force_login(users["editor"])
    response = client.post(dismiss_url(page), {"fingerprint": _fingerprint(page), "reason": "依法公开当事人信息"})
    # Wagtail's admin turns PermissionDenied into a redirect with a message
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response.url == reverse("wagtailadmin_home")
    assert not FindingDismissal.objects.exists()
    assert not LedgerEntry.objects.filter(action="gate.dismiss").exists()


def test_reason_is_required(make_article, client, users):
    page = make_article(BLOCKED_TEXT)
    client.force_login(users["reviewer"])
    client.post(dismiss_url(page), {"fingerprint": _fingerprint(page), "reason": ""})
    assert not FindingDismissal.objects.exists()


def test_dismissal_with_reason_is_recorded_and_unblocks(make_article, client, users):
    page = make_article(BLOCKED_TEXT)
    client.force_login(users["reviewer"])
    response = client.post(dismiss_url(page), {"fingerprint": _fingerprint(page), "reason": "行政处罚决定书依法公开"}, follow=True)
    assert "已排除问题" in response.content.decode()
    dismissal = FindingDismissal.objects.get()
    assert (dismissal.user, dismissal.reason, dismissal.code) == (users["reviewer"], "行政处罚决定书依法公开", "id_number")
    entry = LedgerEntry.objects.get(action="gate.dismiss")
    assert entry.decision == "dismissed" and entry.reason == "行政处罚决定书依法公开"
    assert entry.username == users["reviewer"].username
    # the dismissed finding is listed apart and no longer blocks
    html = client.get(reverse("wagtail_gk_gate:findings", args=["home", "articlepage", page.pk])).content.decode()
    assert "已排除的问题" in html and "行政处罚决定书依法公开" in html
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.live


def test_dismissal_is_for_that_finding_only(make_article, client, users):
    from .conftest import set_body

    page = make_article(BLOCKED_TEXT)
    client.force_login(users["reviewer"])
    client.post(dismiss_url(page), {"fingerprint": _fingerprint(page), "reason": "依法公开当事人信息"})
    other = valid_id("11010519491231003")
    revision = set_body(page, BLOCKED_TEXT + f"另一人{other}")
    from wagtail_gk.gate.guard import PublicationBlocked

    with pytest.raises(PublicationBlocked):
        revision.publish()


def test_the_check_task_refuses_to_start_without_the_gate_connected(submit):
    """The task reaches the runner through a signal; with no receiver it
    raises (and the submission rolls back) instead of passing content unchecked."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db import transaction

    from wagtail_gk.gate.signals import on_automated_check_started
    from wagtail_gk.models import AutomatedCheckTask
    from wagtail_gk.signals import automated_check_started

    assert automated_check_started.disconnect(on_automated_check_started, sender=AutomatedCheckTask, dispatch_uid="wagtail_gk_automated_check")
    try:
        with pytest.raises(ImproperlyConfigured), transaction.atomic():
            submit(BLOCKED_TEXT)
    finally:
        automated_check_started.connect(on_automated_check_started, sender=AutomatedCheckTask, dispatch_uid="wagtail_gk_automated_check")
    assert not AutomatedCheckTaskState.objects.exists()
    _page, state = submit(BLOCKED_TEXT)
    assert automated_state(state).status == TaskState.STATUS_REJECTED
