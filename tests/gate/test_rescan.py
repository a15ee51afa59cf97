"""``manage.py gk_rescan``: after installing into a site whose live pages,
snippets and documents never passed the gate, the re-scan report lists those
with blocking findings, with links to fix them; running again adds nothing."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.documents.models import Document
from wagtail.models import Page

from tests.gate_snippets.models import Bulletin
from wagtail_gk.gate.rescan import pending_counts, rescan_live_content
from wagtail_gk.models import DocumentCheck, RescanFinding

from .conftest import BLOCKED_TEXT, CLEAN_TEXT


def go_live_around_the_gate(model, obj):
    """Mark *obj* live with a queryset update, as content published before the
    gate was installed: no publish, no save signal."""
    model.objects.filter(pk=obj.pk).update(live=True)


@pytest.fixture
def existing_site(make_article):
    """A site as found on installation: one blocked live page, one clean live
    page, one blocked live snippet, one blocked document linked from the
    clean page."""
    blocked_page = make_article(BLOCKED_TEXT, title="旧页面含身份证号")
    document = Document.objects.create(title="旧附件", file=ContentFile(BLOCKED_TEXT.encode(), name="old.txt"))
    linking_page = make_article(f'{CLEAN_TEXT}<a linktype="document" id="{document.pk}">旧附件</a>', title="链接旧附件的页面")
    for page in (blocked_page, linking_page):
        go_live_around_the_gate(Page, page)
    bulletin = Bulletin(title="旧公告", body=BLOCKED_TEXT, live=False)
    bulletin.save()
    go_live_around_the_gate(Bulletin, bulletin)
    return {"page": blocked_page, "linking_page": linking_page, "snippet": bulletin, "document": document}


def rescan(*args):
    out = io.StringIO()
    with translation.override("en"):
        call_command("gk_rescan", *args, stdout=out)
    return out.getvalue()


def unresolved(kind, obj):
    return RescanFinding.objects.filter(kind=kind, object_id=str(obj.pk), resolved=False)


def test_report_says_nothing_before_the_first_rescan_and_lists_everything_after(existing_site, admin_client_zh):
    assert pending_counts()["total"] == 0
    output = rescan("--all")
    live_pages = Page.objects.live().count()  # the demo site's pages and the two above
    assert f"pages: {live_pages} checked, 2 with blocking findings, 2 newly listed" in output
    assert "snippets: 1 checked, 1 with blocking findings, 1 newly listed" in output
    assert "documents: 1 checked, 1 with blocking findings, 1 newly listed" in output
    for kind, key in (("page", "page"), ("snippet", "snippet"), ("document", "document")):
        assert unresolved(kind, existing_site[key]).count() == 1, kind
    # The clean page that links the blocked document is listed too: its attachment blocks.
    assert unresolved("page", existing_site["linking_page"]).count() == 1
    row = unresolved("page", existing_site["page"]).get()
    assert row.page_id == existing_site["page"].pk and any("身份证" in f["message"] or f["code"] for f in row.findings)
    # Nothing was unpublished.
    assert Page.objects.get(pk=existing_site["page"].pk).live and Bulletin.objects.get(pk=existing_site["snippet"].pk).live
    counts = pending_counts()
    assert counts == {"page": 2, "snippet": 1, "document": 1, "total": 4}
    assert "4 unresolved (2 pages, 1 snippets, 1 documents)" in output


def test_admin_report_links_each_listed_object_to_where_it_is_fixed(existing_site, admin_client_zh):
    rescan("--all")
    response = admin_client_zh.get(reverse("wagtail_gk_gate:rescan"))
    assert response.status_code == 200
    html = response.content.decode()
    snippet_edit = reverse("wagtailsnippets_gate_snippets_bulletin:edit", args=[existing_site["snippet"].pk])
    for url in (
        reverse("wagtailadmin_pages:edit", args=[existing_site["page"].pk]),
        reverse("wagtailadmin_pages:edit", args=[existing_site["linking_page"].pk]),
        snippet_edit,
        reverse("wagtaildocs:edit", args=[existing_site["document"].pk]),
        reverse("wagtail_gk_gate:document_findings", args=[existing_site["document"].pk]),
    ):
        assert url in html, url
    for title in ("旧页面含身份证号", "旧公告", "旧附件", "链接旧附件的页面"):
        assert title in html
    document_row = next(r for r in response.context["rows"] if r["row"].kind == "document")
    assert [p["title"] for p in document_row["linked_pages"]] == ["链接旧附件的页面"]
    # The figures above the list are the unresolved rows of the list.
    assert response.context["counts"]["total"] == RescanFinding.objects.filter(resolved=False).count() == 4


def test_rescan_is_idempotent_and_a_dry_run_writes_nothing(existing_site):
    dry = rescan("--all", "--dry-run")
    assert "Dry run" in dry
    assert not RescanFinding.objects.exists() and not DocumentCheck.objects.exists()
    live_pages = Page.objects.live().count()
    assert f"pages: {live_pages} checked, 2 with blocking findings, 2 newly listed" in dry
    rescan("--all")
    assert RescanFinding.objects.count() == 4
    again = rescan("--all")
    assert RescanFinding.objects.count() == 4
    assert f"pages: {live_pages} checked, 2 with blocking findings, 0 newly listed" in again


def test_kinds_can_be_chosen_and_chunks_are_small(existing_site):
    output = rescan("--snippets", "--documents", "--chunk-size", "1")
    assert not RescanFinding.objects.filter(kind="page").exists()
    assert RescanFinding.objects.filter(kind="snippet").count() == 1
    assert RescanFinding.objects.filter(kind="document").count() == 1
    assert not any(line.startswith("pages") for line in output.splitlines())


def test_no_kind_is_a_clear_error(db):
    with translation.override("en"), pytest.raises(CommandError, match="--all"):
        call_command("gk_rescan", stdout=io.StringIO())


def test_listed_document_is_also_refused_at_serving(existing_site, client):
    rescan("--documents")
    document = existing_site["document"]
    response = client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))
    assert response.status_code == 403
    assert BLOCKED_TEXT.encode() not in response.content
    assert RescanFinding.objects.filter(kind="document").count() == 1  # the stored check: no second row


def test_entry_point_for_term_activation_returns_a_summary(existing_site):
    summary = rescan_live_content(pages=True, snippets=False, documents=False)
    assert summary.checked["page"] == Page.objects.live().count() and summary.listed == {"page": 2, "snippet": 0, "document": 0}
    assert summary.listed_total == 2
