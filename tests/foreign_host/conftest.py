"""A small English host site: its own home and news pages, its own editorial
workflow, its own editors; wagtail-gk installed and set up with gk_setup."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from wagtail_gk.gate.checkers.personal_data import id_check_char


def valid_id(first17: str = "64010219850612123") -> str:
    return first17 + id_check_char(first17)


BLOCKED = "Applicant ID " + valid_id() + ", please check."
CLEAN = "The harbour opens at nine."


@pytest.fixture
def host(db):
    from tests.foreign_host.home.models import HostHomePage

    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    root.refresh_from_db()
    home = root.add_child(instance=HostHomePage(title="Harbour Town", slug="home"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Harbour Town")
    # The host's own workflow: its moderators approve.
    moderators = Group.objects.get(name="Moderators")
    review = GroupApprovalTask.objects.create(name="Editorial review")
    review.groups.add(moderators)
    workflow = Workflow.objects.create(name="Harbour editorial", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
    WorkflowPage.objects.filter(page=root).delete()
    WorkflowPage.objects.create(page=home, workflow=workflow)
    User = get_user_model()
    users = {
        "admin": User.objects.create_superuser("admin", "admin@harbour.example", "pw"),
        "editor": User.objects.create_user("editor", "editor@harbour.example", "pw"),
        "moderator": User.objects.create_user("moderator", "mod@harbour.example", "pw"),
    }
    users["editor"].groups.add(Group.objects.get(name="Editors"))
    users["moderator"].groups.add(moderators)
    for group in (Group.objects.get(name="Editors"), moderators):
        for codename in ("add_page", "change_page", "publish_page"):
            if group is moderators or codename != "publish_page":
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore")
                )
    call_command("gk_setup", "--noinput", "--skip-rescan", "--attach-to-workflows", "--agency", "Harbour Town Government",
                 "--agency-code", "330000000", stdout=io.StringIO())
    return {"home": home, "workflow": workflow, "users": users}


@pytest.fixture
def make_news(host):
    from tests.foreign_host.home.models import NewsPage

    def make(text, *, live=True, slug="news"):
        page = NewsPage(title="Harbour news", slug=slug, body=[("paragraph", f"<p>{text}</p>")], live=False)
        host["home"].add_child(instance=page)
        if live:
            page.save_revision().publish()
        return page

    return make
