"""Fixtures of the publication-gate tests: a sensitive-word library, article
pages under the demo site, and helpers that build blocked or clean drafts."""

import pytest

from wagtail_gk.checkers.personal_data import id_check_char
from wagtail_gk.models import SensitiveTerm


def valid_id(first17: str = "64010219850612123") -> str:
    return first17 + id_check_char(first17)


BLOCKED_TEXT = "申请人身份证号：" + valid_id() + "，请核对。"
CLEAN_TEXT = "第三季度全县主动公开政府信息1263条，办理依申请公开18件。"


@pytest.fixture
def terms(db):
    return [
        SensitiveTerm.objects.create(term="法轮功", category="政治"),
        SensitiveTerm.objects.create(term="代开发票", category="违法广告", severity="warn"),
        SensitiveTerm.objects.create(term="秘密", category="保密", exemptions="保守国家秘密\n商业秘密"),
    ]


@pytest.fixture
def notices(demo):
    from example_site.home.models import ColumnPage

    return ColumnPage.objects.get(slug="tzgg")


@pytest.fixture
def make_article(notices):
    """``make_article(text, publish=False)`` → an ArticlePage whose body
    paragraph is *text*; saved as a draft revision unless *publish*."""
    from example_site.home.models import ArticlePage

    def make(text=CLEAN_TEXT, title="测试信息", publish=False, **fields):
        page = notices.add_child(instance=ArticlePage(title=title, body=[("paragraph", f"<p>{text}</p>")], live=False, **fields))
        revision = page.save_revision()
        if publish:
            revision.publish()
        return page

    return make


def set_body(page, text):
    """Save a new draft revision of *page* with *text* as its body."""
    draft = page.get_latest_revision_as_object()
    draft.body = [("paragraph", f"<p>{text}</p>")]
    return draft.save_revision()


def article_form_data(title, slug, text, action="action-publish", like=None):
    """POST data of the ArticlePage edit/create form with *text* as the body."""
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    from example_site.home.models import ArticlePage

    model_form = ArticlePage.get_edit_handler().get_form_class()
    data = {
        "title": title,
        "slug": slug,
        "summary": "",
        "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
        "keywords": "",
        action: "1",
    }
    for name in ("disclosure_method", "disclosure_scope", "validity"):
        field = model_form.base_fields[name]
        data[name] = getattr(like, name, None) or field.initial or field.choices[-1][0]
    for name in getattr(model_form, "formsets", {}):
        data[name] = inline_formset([])
    return nested_form_data(data)
