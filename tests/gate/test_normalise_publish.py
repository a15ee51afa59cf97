"""Hidden text is refused at publication and never served at the public URL
(docs/gate.md, "What the checkers see")."""

import json

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from wagtail_gk.gate.guard import PublicationBlocked

from .conftest import CLEAN_TEXT, valid_id

ID = valid_id()
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def public_url(page) -> str:
    page.refresh_from_db()
    return page.get_url()


def assert_refused_and_not_served(client, page, revision, hidden: str):
    with pytest.raises(PublicationBlocked):
        revision.publish()
    page.refresh_from_db()
    response = client.get(public_url(page))
    if page.live:
        assert response.status_code == 200
        assert hidden not in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(
    "written",
    [
        ID.translate(FULL_WIDTH),
        f"{ID[:6]} {ID[6:14]} {ID[14:]}",
        "\u200b".join(ID),
        f"{ID[:6]}<br/>{ID[6:]}",
        f"ID{ID}",
    ],
    ids=["full-width", "spaces", "zero-width", "br", "after-letters"],
)
def test_hidden_id_number_in_the_body_is_refused_and_not_served(client, make_article, written):
    page = make_article(f"申请人身份证号：{written}，请核对。")
    assert_refused_and_not_served(client, page, page.get_latest_revision(), written)


def test_hidden_id_number_in_a_live_page_draft_keeps_the_old_version_public(client, make_article):
    page = make_article(CLEAN_TEXT, publish=True)
    draft = page.get_latest_revision_as_object()
    written = ID.translate(FULL_WIDTH)
    draft.body = [("paragraph", f"<p>身份证号{written}</p>")]
    revision = draft.save_revision()
    assert_refused_and_not_served(client, page, revision, written)
    assert CLEAN_TEXT in client.get(public_url(page)).content.decode()


def test_sensitive_word_in_the_slug_is_refused(client, make_article, terms):
    page = make_article(CLEAN_TEXT, slug="关于法轮功的通知")
    with pytest.raises(PublicationBlocked) as caught:
        page.get_latest_revision().publish()
    assert any(f.code == "sensitive_word" for f in caught.value.report.blocking)
    page.refresh_from_db()
    assert not page.live
    assert client.get("/tzgg/关于法轮功的通知/").status_code == 404


def test_id_number_in_a_link_target_is_refused(client, make_article):
    page = make_article(f'详见<a href="https://www.example.gov.cn/query?sfzh={ID}">名单</a>。')
    assert_refused_and_not_served(client, page, page.get_latest_revision(), ID)


def test_percent_encoded_marker_in_a_link_target_is_refused(client, make_article):
    page = make_article('详见<a href="https://www.example.gov.cn/%E6%A9%9F%E5%AF%86%E2%98%85.html">附件</a>。')  # 機密★
    assert_refused_and_not_served(client, page, page.get_latest_revision(), "%E6%A9%9F")


def test_traditional_marker_in_an_image_alt_text_is_refused(client, make_article):
    image = get_image_model().objects.create(title="会议照片", file=get_test_image_file())
    page = make_article(CLEAN_TEXT, publish=True)
    draft = page.get_latest_revision_as_object()
    draft.body = json.dumps([{"type": "image", "value": {"image": image.pk, "alt_text": "機密★1年", "decorative": False}}])
    revision = draft.save_revision()
    assert_refused_and_not_served(client, page, revision, "機密")


@pytest.mark.parametrize("action", ["action-publish", "action-submit"])
def test_publishing_or_submitting_an_image_block_from_the_editor_does_not_crash(client, users, make_article, action):
    """The reported HTTP 500 ('Image' object has no attribute 'get'): the
    editor's publish button now refuses with a message, and the page stays
    off the public site."""
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from tests.form_data import article_form_data

    image = get_image_model().objects.create(title="会议照片", file=get_test_image_file())
    page = make_article(CLEAN_TEXT)
    data = article_form_data(page.title, page.slug, CLEAN_TEXT, action=action, like=page.specific)
    data = {key: value for key, value in data.items() if not key.startswith("body-")}
    data.update(nested_form_data({"body": streamfield([("image", {"image": image.pk, "alt_text": "機密★1年", "decorative": ""})])}))
    client.force_login(users["reviewer"])
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)
    assert response.status_code == 200
    page.refresh_from_db()
    assert not page.live
    assert client.get(public_url(page)).status_code == 404
    if action == "action-publish":
        assert "不能发布" in response.content.decode()


def test_masked_numbers_and_ordinary_phrases_still_publish(client, make_article, terms):
    page = make_article("身份证号640102********1234，手机138****5678。各单位要严格保守国家秘密。", publish=True)
    page.refresh_from_db()
    assert page.live
    response = client.get(public_url(page))
    assert response.status_code == 200 and "保守国家秘密" in response.content.decode()
