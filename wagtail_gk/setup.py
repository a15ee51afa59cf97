"""Setting the suite up in a host site: what ``manage.py gk_setup`` does.

Each step is idempotent and returns what it did and what is left, so the
command can be run again after an upgrade or from a deployment script. Feature
apps add their own steps through the ``register_gk_setup_step`` hook, whose
functions return a :class:`SetupStep`::

    @hooks.register("register_gk_setup_step")
    def foia_setup():
        return SetupStep(order=50, label=_("Disclosure office"), run=ensure_office_settings)

A step's ``run(options)`` returns a :class:`StepResult`. Nothing here changes
the host's language, time zone or pages; workflows are only extended when
asked (``attach_to_workflows``), and the default workflow only when it is
Wagtail's own, still unassigned to anything of ours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks


@dataclass
class StepResult:
    done: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SetupStep:
    order: int
    label: object  # a (lazy) translated string
    run: Callable[[dict], StepResult]


def ensure_roles(options: dict) -> StepResult:
    from django.contrib.auth.models import Group

    from .roles import ROLES, ensure_role_groups

    existing = set(Group.objects.filter(name__in=[r.group_name for r in ROLES.values()]).values_list("name", flat=True))
    groups = ensure_role_groups()
    result = StepResult()
    for key, group in groups.items():
        role = ROLES[key]
        verb = _("updated") if group.name in existing else _("created")
        result.done.append(
            _("Role group “%(group)s” %(verb)s (%(count)d permissions).")
            % {"group": role.label, "verb": verb, "count": group.permissions.count()}
        )
    return result


def _gate_task():
    from .gate.demo import GATE_TASK_NAME
    from .models.gate import AutomatedCheckTask

    task = AutomatedCheckTask.objects.filter(active=True).order_by("pk").first()
    created = task is None
    if created:
        task = AutomatedCheckTask.objects.create(name=GATE_TASK_NAME)
    return task, created


def _put_first(workflow, task) -> bool:
    """Make *task* the first step of *workflow*; False when it already is."""
    from wagtail.models import WorkflowTask

    steps = list(WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order"))
    if steps and steps[0].task_id == task.pk:
        return False
    remaining = [s for s in steps if s.task_id != task.pk]
    WorkflowTask.objects.filter(workflow=workflow).delete()
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for order, step in enumerate(remaining, start=1):
        WorkflowTask.objects.create(workflow=workflow, task_id=step.task_id, sort_order=order)
    return True


@transaction.atomic
def ensure_workflows(options: dict) -> StepResult:
    """The automated check first in the workflow that governs the site roots
    (creating "automated check → review" if none does), and with
    ``attach_to_workflows`` first in every other active workflow too."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

    from .gate.demo import REVIEW_TASK_NAME, WORKFLOW_NAME
    from .roles import REVIEWER

    result = StepResult()
    task, created = _gate_task()
    if created:
        result.done.append(_("Automated check task “%(task)s” created.") % {"task": task.name})
    root = Page.get_first_root_node()
    governing = WorkflowPage.objects.filter(page=root).select_related("workflow").first() if root else None
    if governing is None or not governing.workflow.active:
        workflow, new = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
        if new or not WorkflowTask.objects.filter(workflow=workflow).exists():
            review = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first() or GroupApprovalTask.objects.create(
                name=REVIEW_TASK_NAME
            )
            review.groups.add(Group.objects.get(name=REVIEWER.group_name))
            WorkflowTask.objects.get_or_create(workflow=workflow, task=review, defaults={"sort_order": 1})
        if root is not None:
            WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
        result.done.append(_("Workflow “%(workflow)s” governs the whole site.") % {"workflow": workflow.name})
    else:
        workflow = governing.workflow
    if _put_first(workflow, task):
        result.done.append(_("Automated check put first in the workflow “%(workflow)s”.") % {"workflow": workflow.name})
    others = Workflow.objects.filter(active=True).exclude(pk=workflow.pk)
    if options.get("attach_to_workflows"):
        for other in others:
            if _put_first(other, task):
                result.done.append(_("Automated check put first in the workflow “%(workflow)s”.") % {"workflow": other.name})
    else:
        unchecked = [w.name for w in others if not WorkflowTask.objects.filter(workflow=w, task=task).exists()]
        if unchecked:
            result.left.append(
                _("These workflows have no automated check: %(names)s (run with --attach-to-workflows to add it).")
                % {"names": "、".join(unchecked)}
            )
    return result


def ensure_agency(options: dict) -> StepResult:
    """The agency that publishes (发布机构): index numbers need its code."""
    from .models import Agency, AgencyLevel

    result = StepResult()
    name, code = (options.get("agency") or "").strip(), (options.get("agency_code") or "").strip()
    if name:
        agency, created = Agency.objects.get_or_create(
            name=name, defaults={"code": code, "level": options.get("agency_level") or AgencyLevel.COUNTY}
        )
        if code and agency.code != code:
            agency.code = code
            agency.save(update_fields=["code"])
        result.done.append((_("Agency “%(name)s” created.") if created else _("Agency “%(name)s” kept.")) % {"name": name})
    if not Agency.objects.exists():
        result.left.append(_("No agency yet: run with --agency NAME --agency-code CODE, or add one under Settings › Agencies."))
    for agency in Agency.objects.filter(code=""):
        result.left.append(_("Agency “%(name)s” has no code: its pages get no index number.") % {"name": agency.name})
    return result


def first_rescan(options: dict) -> StepResult:
    """Check the content that was live before the suite was installed."""
    from .gate import rescan

    result = StepResult()
    if options.get("skip_rescan"):
        result.left.append(_("Live content not re-scanned (--skip-rescan): run manage.py gk_rescan --all."))
        return result
    summary = rescan.rescan_live_content()
    result.done.append(
        _("Live content re-scanned: %(pages)d pages, %(snippets)d snippets, %(documents)d documents checked.")
        % {"pages": summary.checked["page"], "snippets": summary.checked["snippet"], "documents": summary.checked["document"]}
    )
    if summary.listed_total:
        result.left.append(
            _("%(count)d live items need re-checking: see Reports › Re-scan.") % {"count": summary.listed_total}
        )
    return result


def calendar_and_tools(options: dict) -> StepResult:
    """What the site still lacks: holiday schedules, optional system tools."""
    from django.core import checks

    from .calendar_reminders import missing_schedule_years

    result = StepResult()
    years = missing_schedule_years()
    if years:
        result.left.append(
            _("Import the State Council's holiday schedule for %(years)s: manage.py gk_calendar_import FILE.")
            % {"years": "、".join(map(str, years))}
        )
    for message in checks.run_checks(include_deployment_checks=False, databases=["default"]):
        if (message.id or "").startswith("wagtail_gk") and message.level < checks.ERROR:
            result.left.append(f"{message.id}: {message.msg}")
    return result


BUILTIN_STEPS = (
    SetupStep(10, gettext_lazy("Role groups"), ensure_roles),
    SetupStep(20, gettext_lazy("Workflows"), ensure_workflows),
    SetupStep(30, gettext_lazy("Agency"), ensure_agency),
    SetupStep(90, gettext_lazy("Content already live"), first_rescan),
    SetupStep(100, gettext_lazy("Calendar and optional tools"), calendar_and_tools),
)


def setup_steps() -> list[SetupStep]:
    steps = list(BUILTIN_STEPS)
    for fn in hooks.get_hooks("register_gk_setup_step"):
        steps.append(fn())
    return sorted(steps, key=lambda step: step.order)
