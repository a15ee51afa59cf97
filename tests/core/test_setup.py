"""``manage.py gk_setup`` on a site as Wagtail leaves it: idempotent, polite
to the host's own workflows unless asked, and says what is left."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from wagtail_gk import roles
from wagtail_gk.models import Agency, AutomatedCheckTask

pytestmark = pytest.mark.django_db


def setup(*args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("gk_setup", "--noinput", "--skip-rescan", *args, stdout=out)
    return out.getvalue()


def task_names(workflow) -> list[str]:
    return [wt.task.specific.name for wt in WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order")]


def test_creates_roles_and_extends_wagtails_default_workflow():
    root = Page.get_first_root_node()
    default = WorkflowPage.objects.get(page=root).workflow  # Wagtail's "Moderators approval"
    before = task_names(default)

    out = setup("--agency", "永宁县人民政府", "--agency-code", "640121000")

    assert {role.group_name for role in roles.ROLES.values()} <= set(Group.objects.values_list("name", flat=True))
    assert Group.objects.get(name=roles.OFFICER.group_name).permissions.filter(codename="change_calendaryear").exists()
    gate_task = AutomatedCheckTask.objects.get()
    assert task_names(default) == [gate_task.name, *before]
    assert Agency.objects.get(name="永宁县人民政府").code == "640121000"
    assert "Automated check put first" in out


def test_is_idempotent():
    setup()
    root_workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    first = (Group.objects.count(), WorkflowTask.objects.count(), AutomatedCheckTask.objects.count(), task_names(root_workflow))
    out = setup()
    assert (Group.objects.count(), WorkflowTask.objects.count(), AutomatedCheckTask.objects.count(), task_names(root_workflow)) == first
    assert "put first" not in out


def test_host_workflows_are_extended_only_when_asked():
    host = Workflow.objects.create(name="Legal review", active=True)
    legal = GroupApprovalTask.objects.create(name="Legal")
    WorkflowTask.objects.create(workflow=host, task=legal, sort_order=0)

    out = setup()
    assert task_names(host) == ["Legal"]
    assert "Legal review" in out and "--attach-to-workflows" in out

    setup("--attach-to-workflows")
    assert task_names(host) == [AutomatedCheckTask.objects.get().name, "Legal"]


def test_says_what_is_left():
    out = setup()
    assert "No agency yet" in out
    assert "left to do" in out


def test_without_a_governing_workflow_creates_check_then_review():
    WorkflowPage.objects.all().delete()
    setup()
    workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    names = task_names(workflow)
    assert names[0] == AutomatedCheckTask.objects.get().name and len(names) == 2


def test_first_rescan_lists_content_that_was_live_before(home_page):
    from wagtail_gk.models import RescanFinding

    home_page.title = "身份证号11010519491231002X"  # live before the suite was installed: no gate ran
    Page.objects.filter(pk=home_page.pk).update(title=home_page.title)
    out = io.StringIO()
    with translation.override("en"):
        call_command("gk_setup", "--noinput", stdout=out)
    assert "Live content re-scanned" in out.getvalue()
    assert RescanFinding.objects.filter(object_id=str(home_page.pk)).exists()
