"""Demo data of the publication gate (loader order 5, before every app's
content): a small sensitive-word library and the default review workflow
"automated check → human review" on the county site."""

from __future__ import annotations

from django.utils.translation import gettext as _

# Terms chosen so that no demo content of the other apps contains them.
DEMO_TERMS = [
    ("法轮功", "政治", "block", ""),
    ("六合彩", "赌博", "block", "打击六合彩"),
    ("代开发票", "违法广告", "block", "严厉打击代开发票"),
    ("办证刻章", "违法广告", "warn", ""),
    ("最高级", "广告用语", "warn", ""),
]

# Same task name as the village app's township workflows use, so both share one task.
GATE_TASK_NAME = "自动内容检查"
REVIEW_TASK_NAME = "审核人审核"
WORKFLOW_NAME = "政务公开发布审核"


def ensure_demo_terms() -> None:
    from ..models.gate import SensitiveTerm, TermSource

    for term, category, severity, exemptions in DEMO_TERMS:
        SensitiveTerm.objects.get_or_create(
            term=term,
            defaults={"category": category, "severity": severity, "exemptions": exemptions, "source": TermSource.LOCAL},
        )


def ensure_default_workflow(page, reviewer_group):
    """The workflow "automated check → human review" assigned to *page*
    (idempotent). Returns the workflow."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    from ..models.gate import AutomatedCheckTask

    gate_task = AutomatedCheckTask.objects.filter(name=GATE_TASK_NAME).first() or AutomatedCheckTask.objects.create(name=GATE_TASK_NAME)
    review_task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if review_task is None:
        review_task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    review_task.groups.add(reviewer_group)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    tasks = [gate_task.pk, review_task.pk]
    if list(WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order").values_list("task_id", flat=True)) != tasks:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for order, task_id in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task_id=task_id, sort_order=order)
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def load_gate_demo(context) -> None:
    from django.contrib.auth.models import Group

    from ..roles import REVIEWER

    ensure_demo_terms()
    ensure_default_workflow(context.home, Group.objects.get(name=REVIEWER.group_name))
    context.log(_("Publication review: the demo sensitive-term list and the “automated check → reviewer” workflow are ready"))
