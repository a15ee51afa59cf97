"""Fixtures of the publication-gate tests: a sensitive-word library, article
pages under the demo site, and helpers that build blocked or clean drafts."""

import pytest

from wagtail_gk.gate.checkers.personal_data import id_check_char
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


