"""The gate on the paths that make content live without a publish
(docs/gate-wagtail.md, "Paths that bypass the publish action"): copies,
aliases, translation aliases, ``add_child``/``add_sibling`` of a live
instance, ``save()`` of a live page or snippet, move. Each test proves at the
public URL that the blocked content is not served."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from wagtail_gk.gate.guard import PublicationBlocked
from wagtail_gk.models import LedgerEntry, SensitiveTerm

from .conftest import BLOCKED_TEXT, CLEAN_TEXT, set_body, valid_id

BLOCKED_MARK = valid_id()  # what must never be served
NEW_TERM = "主动公开"  # in CLEAN_TEXT: adding it makes live content block


def refusals(action=None):
    entries = LedgerEntry.objects.filter(decision="refused")
    return entries.filter(action=action) if action else entries


def served(client, url):
    """The body served at *url*, or ``None`` for a 404."""
    response = client.get(url)
    if response.status_code == 404:
        return None
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def assert_nothing_live_serves(client, *marks):
    """No live page of the site serves any of *marks* at its public URL."""
    from wagtail.models import Page

    for page in Page.objects.live().specific():
        url = page.get_url()
        if not url:
            continue
        body = served(client, url) or ""
        for mark in marks:
            assert mark not in body, (page, url, mark)


@pytest.fixture
def live_article(make_article):
    def make(text=CLEAN_TEXT, **kwargs):
        page = make_article(text, publish=True, **kwargs)
        page.refresh_from_db()
        assert page.live
        return page.specific

    return make


def metadata(like):
    """The openness metadata an ArticlePage needs to pass full_clean."""
    return {name: getattr(like, name) for name in ("disclosure_method", "disclosure_scope", "validity")}


# --- copies ------------------------------------------------------------------


def test_code_copy_kept_live_with_blocked_update_attrs_is_refused(client, live_article, notices):
    page = live_article()
    with pytest.raises(PublicationBlocked):
        page.copy(keep_live=True, update_attrs={"title": "副本 " + BLOCKED_TEXT[:40], "slug": "copy-blocked"})
    assert not notices.get_children().filter(slug="copy-blocked").exists()
    assert served(client, notices.url + "copy-blocked/") is None
    assert refusals("gate.copy").exists()
    assert_nothing_live_serves(client, BLOCKED_MARK)


def test_code_copy_kept_live_of_a_page_whose_live_content_now_blocks(client, live_article, notices):
    page = live_article(title="已发布信息")
    SensitiveTerm.objects.create(term=NEW_TERM, category="测试")
    with pytest.raises(PublicationBlocked):
        page.copy(keep_live=True, update_attrs={"title": "副本", "slug": "copy-live"})
    assert served(client, notices.url + "copy-live/") is None
    assert refusals("gate.copy").exists()
    # without keep_live the copy is a draft: allowed, and not served
    copy = page.copy(keep_live=False, update_attrs={"title": "副本", "slug": "copy-draft"})
    assert not copy.live
    assert served(client, notices.url + "copy-draft/") is None


def test_code_copy_kept_live_of_clean_content_goes_live(client, live_article, notices):
    page = live_article()
    copy = page.copy(keep_live=True, update_attrs={"title": "干净副本", "slug": "copy-clean"})
    assert copy.live
    assert CLEAN_TEXT[:10] in served(client, notices.url + "copy-clean/")


def test_recursive_copy_rolls_back_whole_when_a_subpage_blocks(client, live_article, notices, demo):
    from example_site.home.models import ColumnPage

    column = notices.get_parent().add_child(instance=ColumnPage(title="专栏", slug="zl"))
    column.save_revision().publish()
    clean = live_article(title="干净的子页")
    clean.move(column, pos="last-child")
    bad = live_article(title="子页")
    bad.move(column, pos="last-child")
    SensitiveTerm.objects.create(term="子页", category="测试")  # the second subpage's live title now blocks
    with pytest.raises(PublicationBlocked):
        column.copy(recursive=True, keep_live=True, update_attrs={"title": "专栏副本", "slug": "zl-copy"})
    assert not ColumnPage.objects.filter(slug="zl-copy").exists()  # nothing half-copied
    assert served(client, column.get_parent().url + "zl-copy/") is None


def _copy_form(page, slug, **flags):
    data = {"new_title": "副本", "new_slug": slug, "new_parent_page": str(page.get_parent().pk)}
    data.update({name: "on" for name, on in flags.items() if on})
    return data


def test_admin_copy_form_with_publish_copies_is_refused_with_one_message(client, users, live_article, notices):
    page = live_article()
    SensitiveTerm.objects.create(term=NEW_TERM, category="测试")
    client.force_login(users["admin"])
    with override("en"):
        response = client.post(
            reverse("wagtailadmin_pages:copy", args=[page.pk]), _copy_form(page, "admin-copy", publish_copies=True), follow=True
        )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert len([m for m in shown if "未复制" in m]) == 1, shown
    assert not any("copied" in m for m in shown)
    assert served(client, notices.url + "admin-copy/") is None
    assert refusals("gate.copy").filter(username="admin").exists() or refusals("gate.copy").exists()
    # the same form without "publish copies" makes a draft copy
    response = client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), _copy_form(page, "admin-copy"))
    assert response.status_code == 302
    assert not notices.get_children().get(slug="admin-copy").live


def test_admin_copy_form_as_alias_is_refused(client, users, live_article, notices):
    page = live_article()
    SensitiveTerm.objects.create(term=NEW_TERM, category="测试")
    client.force_login(users["admin"])
    with override("en"):
        response = client.post(
            reverse("wagtailadmin_pages:copy", args=[page.pk]), _copy_form(page, "admin-alias", alias=True), follow=True
        )
    assert "未复制" in response.content.decode()
    assert served(client, notices.url + "admin-alias/") is None
    assert refusals().filter(action__in=["gate.copy", "gate.alias"]).exists()


# --- aliases -----------------------------------------------------------------


def test_create_alias_of_a_page_whose_live_content_now_blocks_is_refused(client, live_article, notices):
    page = live_article()
    SensitiveTerm.objects.create(term=NEW_TERM, category="测试")
    with pytest.raises(PublicationBlocked):
        page.create_alias(update_slug="alias-x")
    assert not notices.get_children().filter(slug="alias-x").exists()
    assert served(client, notices.url + "alias-x/") is None
    assert refusals("gate.alias").exists()


def test_alias_sync_follows_only_checked_publishes(client, live_article, notices):
    page = live_article()
    alias = page.create_alias(update_slug="alias-sync")
    assert alias.live
    with pytest.raises(PublicationBlocked):
        set_body(page, BLOCKED_TEXT).publish()
    body = served(client, notices.url + "alias-sync/")
    assert CLEAN_TEXT[:10] in body and BLOCKED_MARK not in body
    # a clean update does reach the alias
    set_body(page, "更新后的内容：第四季度公开信息").publish()
    assert "第四季度公开信息" in served(client, notices.url + "alias-sync/")


def test_translation_alias_of_a_blocking_page_is_refused(client, live_article, settings):
    from wagtail.models import Locale, Page

    settings.WAGTAIL_I18N_ENABLED = True
    settings.WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
    english = Locale.objects.create(language_code="en")
    page = live_article()
    SensitiveTerm.objects.create(term=NEW_TERM, category="测试")
    with pytest.raises(PublicationBlocked):
        page.copy_for_translation(english, copy_parents=True, alias=True)
    assert not Page.objects.filter(locale=english).exists()  # the parents' aliases rolled back too
    assert refusals("gate.translation").exists()
    assert Page.objects.filter(translation_key=page.translation_key).count() == 1
    assert served(client, page.url)  # the source stays as it was
    # a draft translation copy is allowed and not live
    copy = page.copy_for_translation(english, copy_parents=True)
    assert not copy.live


# --- add_child, add_sibling, save() --------------------------------------------


def test_add_child_of_a_live_instance_is_refused(client, notices, live_article):
    from example_site.home.models import ArticlePage

    like = live_article()
    with pytest.raises(PublicationBlocked):
        notices.add_child(instance=ArticlePage(title="导入信息", slug="imported", body=[("paragraph", f"<p>{BLOCKED_TEXT}</p>")], live=True, **metadata(like)))
    assert served(client, notices.url + "imported/") is None
    assert refusals("gate.live_save").filter(object_repr="导入信息").exists()
    with pytest.raises(PublicationBlocked):
        like.add_sibling(instance=ArticlePage(title="兄弟页", slug="sibling", body=[("paragraph", f"<p>{BLOCKED_TEXT}</p>")], live=True, **metadata(like)))
    assert served(client, notices.url + "sibling/") is None
    notices.refresh_from_db()
    assert notices.numchild == notices.get_children().count()  # the tree stays consistent
    clean = notices.add_child(instance=ArticlePage(title="干净导入", slug="imported-clean", body=[("paragraph", f"<p>{CLEAN_TEXT}</p>")], live=True, **metadata(like)))
    assert clean.live and CLEAN_TEXT[:10] in served(client, clean.url)


def test_save_of_a_live_page_with_changed_content_is_refused(client, live_article):
    page = live_article()
    page.body = [("paragraph", f"<p>{BLOCKED_TEXT}</p>")]
    with pytest.raises(PublicationBlocked):
        page.save()
    body = served(client, page.url)
    assert CLEAN_TEXT[:10] in body and BLOCKED_MARK not in body
    assert refusals("gate.live_save").filter(object_id=str(page.pk)).exists()
    page.refresh_from_db()
    page.title = "机密★1年 " + page.title
    with pytest.raises(PublicationBlocked):
        page.save()
    assert "机密★" not in served(client, page.url)


def test_wagtail_bookkeeping_saves_of_a_blocking_live_page_go_through(client, live_article, notices):
    """A live page whose live content blocks since the library grew: locking,
    revision bookkeeping, unpublishing and moving it are not refused."""
    from wagtail.models import Page

    page = live_article()
    SensitiveTerm.objects.create(term=NEW_TERM, category="测试")
    page.locked = True
    page.save(update_fields=["locked"])
    set_body(page, "新草稿：第四季度")  # save_revision writes bookkeeping fields of the live row
    page.refresh_from_db()
    page.save()  # content unchanged
    other = Page.objects.get(pk=notices.get_parent().pk)
    page.move(other, pos="last-child")
    page.refresh_from_db()
    assert page.live
    page.unpublish()
    assert served(client, page.url) is None
    assert not refusals().exists()


def test_save_of_a_live_snippet_with_changed_content_is_refused(db):
    from tests.gate_snippets.models import Bulletin

    bulletin = Bulletin.objects.create(title="公告", body=CLEAN_TEXT, live=False)
    bulletin.save_revision().publish()
    bulletin.refresh_from_db()
    assert bulletin.live
    bulletin.body = BLOCKED_TEXT
    with pytest.raises(PublicationBlocked):
        bulletin.save()
    bulletin.refresh_from_db()
    assert bulletin.body == CLEAN_TEXT
    assert refusals("gate.live_save").filter(object_id=str(bulletin.pk)).exists()
    with pytest.raises(PublicationBlocked):
        Bulletin.objects.create(title="新公告", body=BLOCKED_TEXT, live=True)
    assert not Bulletin.objects.filter(title="新公告").exists()


# --- move, revert ------------------------------------------------------------


def test_move_does_not_publish_a_blocked_draft(client, live_article, notices):
    from wagtail.models import Page

    page = live_article()
    set_body(page, BLOCKED_TEXT)
    target = Page.objects.get(pk=notices.get_parent().pk)
    page.move(target, pos="last-child")
    page.refresh_from_db()
    body = served(client, page.url)
    assert CLEAN_TEXT[:10] in body and BLOCKED_MARK not in body


def test_revert_and_publish_of_a_blocked_revision_is_refused(client, users, make_article):
    from tests.form_data import article_form_data

    page = make_article(BLOCKED_TEXT)  # revision 1: blocked, never published
    old = page.get_latest_revision()
    set_body(page, CLEAN_TEXT).publish()
    page.refresh_from_db()
    client.force_login(users["admin"])
    revert = client.get(reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old.pk]))
    assert revert.status_code == 200 and "640102" in revert.content.decode()
    data = article_form_data(page.title, page.slug, BLOCKED_TEXT, action="action-publish", like=page.specific)
    data["revision"] = str(old.pk)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)
    assert response.status_code == 200
    body = served(client, page.url)
    assert CLEAN_TEXT[:10] in body and BLOCKED_MARK not in body
    assert refusals("gate.publish").filter(object_id=str(page.pk)).exists()
