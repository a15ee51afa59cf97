"""wagtail-gk installed into an English host exactly as docs/install.md says:
the host's pages are gated on its own workflow and publish button, in English
and in Chinese, and the host's plain editors see none of the suite's menus."""

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu
from wagtail.models import WorkflowTask
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from wagtail_gk.gate import PublicationBlocked
from wagtail_gk.models import AutomatedCheckTask, LedgerEntry

from .conftest import BLOCKED, CLEAN

pytestmark = pytest.mark.django_db
WAGTAIL_MENUS = {"explorer", "images", "documents", "reports", "help", "snippets", "settings"}


def news_form(title, slug, text, action="action-publish"):
    data = nested_form_data({"title": title, "slug": slug, "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))])})
    data[action] = "1"
    return data


def test_system_checks_pass(host):
    call_command("check")


def test_gate_checks_are_registered_before_any_hook_is_used():
    """`manage.py check` and `gk_setup` in a fresh process list the gate's own
    checks (W120 and the rest) on Wagtail 7.4 too, where hooks modules are
    imported only on first use."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    probe = (
        "import django; django.setup()\n"
        "from django.core.checks.registry import registry\n"
        "print(sorted(f.__module__ + '.' + f.__name__ for f in registry.get_checks()))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.foreign_host.settings"}
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "wagtail_gk.gate.checks.check_document_gate" in out
    assert "wagtail_gk.gate.checks.check_wagtail_patches" in out


def test_setup_put_the_check_first_in_the_hosts_workflow(host):
    first = WorkflowTask.objects.filter(workflow=host["workflow"]).order_by("sort_order").first()
    assert isinstance(first.task.specific, AutomatedCheckTask)
    assert [wt.task.name for wt in WorkflowTask.objects.filter(workflow=host["workflow"]).order_by("sort_order")][1] == "Editorial review"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_admin_publish_of_a_host_page_is_refused_and_not_served(client, host, make_news, language):
    page = make_news(CLEAN)
    client.force_login(host["users"]["admin"])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        news_form(page.title, page.slug, BLOCKED),
        HTTP_ACCEPT_LANGUAGE=language,
        follow=True,
    )
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()
    assert valid_id_in(client.get(page.url).content.decode()) is False
    assert LedgerEntry.objects.filter(object_id=str(page.pk)).exists()


def valid_id_in(html: str) -> bool:
    from .conftest import valid_id

    return valid_id() in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_host_notice_with_openness_metadata_is_gated_and_numbered(client, host, language):
    """docs/install.md, step 5: the host's own page type with the mixin, published
    from the admin's add view. With an ID number it is refused and not served; a
    clean one goes live with its agency's index number in the metadata box."""
    from tests.foreign_host.home.models import NoticePage
    from wagtail_gk.models import Agency, DisclosureMethod, DisclosureScope, Validity

    agency = Agency.objects.get(code="330000000")
    client.force_login(host["users"]["admin"])

    def publish(slug, text):
        data = nested_form_data({
            "title": "Harbour notice", "slug": slug, "body": rich_text(f"<p>{text}</p>"), "publishing_agency": agency.pk,
            "disclosure_method": DisclosureMethod.PROACTIVE, "disclosure_scope": DisclosureScope.PUBLIC, "validity": Validity.VALID,
        })
        data["action-publish"] = "1"
        url = reverse("wagtailadmin_pages:add", args=["host_home", "noticepage", host["home"].pk])
        assert client.post(url, data, HTTP_ACCEPT_LANGUAGE=language, follow=True).status_code == 200
        return NoticePage.objects.get(slug=slug)

    refused = publish("refused", BLOCKED)
    assert refused.live is False and refused.index_number == ""
    assert client.get(refused.url).status_code == 404
    clean = publish("clean", CLEAN)
    assert clean.live and clean.index_number.startswith("330000000/")
    html = client.get(clean.url).content.decode()
    assert CLEAN in html and clean.index_number in html


def test_new_host_page_with_blocked_content_is_never_served(client, host):
    client.force_login(host["users"]["admin"])
    url = reverse("wagtailadmin_pages:add", args=["host_home", "newspage", host["home"].pk])
    response = client.post(url, news_form("Notice", "notice", BLOCKED), follow=True)
    assert response.status_code == 200
    assert client.get("/notice/").status_code == 404


def test_code_paths_raise_publication_blocked(host, make_news):
    page = make_news(CLEAN, live=False)
    page.body = [("paragraph", f"<p>{BLOCKED}</p>")]
    with pytest.raises(PublicationBlocked):
        page.save_revision().publish()


def test_copy_with_keep_live_does_not_put_blocked_content_live(client, host, make_news):
    page = make_news(CLEAN)
    blocked_body = [("paragraph", f"<p>{BLOCKED}</p>")]
    try:
        copy = page.copy(keep_live=True, update_attrs={"slug": "copied", "body": blocked_body})
    except PublicationBlocked:
        copy = None
    assert copy is None or not copy.live
    assert client.get("/copied/").status_code == 404


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_plain_host_editor_sees_only_wagtails_menus(host, language):
    from django.utils import translation

    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = host["users"]["editor"]
    with translation.override(language):
        names = {item.name for item in admin_menu.menu_items_for_request(request)}
    assert names <= WAGTAIL_MENUS


SUITE_MENU_LABELS = {
    "en": ["Publication review", "Policy library", "QR code poster wall", "Scan statistics"],
    "zh-hans": ["发布审查", "政策库", "二维码海报墙", "扫码统计"],
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_host_admin_sees_the_suites_menus_in_their_language(client, host, language):
    """The admin sidebar as rendered, including the items the policy library adds
    to its submenu through a hook (which Wagtail 7.4 would leave out unaided)."""
    import json
    import re

    client.force_login(host["users"]["admin"])
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    sidebar = json.dumps(json.loads(props.group(1)), ensure_ascii=False)
    assert [label for label in SUITE_MENU_LABELS[language] if f'"{label}"' not in sidebar] == []


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_host_document_upload_with_an_id_number_is_refused(client, host, language):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    client.force_login(host["users"]["admin"])
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Beneficiaries",
            "file": SimpleUploadedFile("list.txt", BLOCKED.encode(), content_type="text/plain"),
            "collection": Collection.get_first_root_node().pk,
        },
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200 and response.context["form"].errors.get("file")
    assert not Document.objects.filter(title="Beneficiaries").exists()


def test_host_document_written_directly_is_not_served(client, host):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document(title="Written by a script")
    document.file.save("list.txt", ContentFile(BLOCKED.encode()), save=True)
    response = client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))
    assert response.status_code == 403
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert BLOCKED.encode() not in body
