"""Policy pages: metadata, attachments, interpretation links both ways,
topic collections, and the repealed/expired mark on every page a reader
(or a QR scan) reaches."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from wagtail_gk.models import ShortLink, ShortLinkScan, Validity
from wagtail_gk.policy.models import (
    PolicyAttachment,
    PolicyInterpretationPage,
    PolicyTopicItem,
    PolicyTopicPage,
)

from .conftest import topic


@pytest.fixture
def repealed_pair(make_policy):
    new = make_policy("永宁县集体土地征收补偿安置办法（2024年修订）", number="永政发〔2024〕21号", topic_names=("城乡建设、环境保护", "征地补偿"))
    old = make_policy("永宁县集体土地征收补偿安置办法", number="永政发〔2021〕8号", topic_names=("城乡建设、环境保护", "征地补偿"), publish=False,
                      validity=Validity.REPEALED, validity_changed_by=new, keywords="征地 补偿", written_on=datetime.date(2021, 5, 15))
    old.save_revision().publish()
    old.refresh_from_db()
    return old, new


def test_policy_page_shows_metadata_and_attachments(client, repealed_pair, agencies):
    old, _new = repealed_pair
    document = Document.objects.create(title="补偿标准表", file=ContentFile(b"%PDF-1.4 test", name="biaozhun.pdf"))
    PolicyAttachment.objects.create(page=old, document=document, title="附件1：补偿标准表")
    html = client.get(old.url).content.decode()
    for expected in ("永政发〔2021〕8号", agencies["county"].name, "2021-05-15", "2025-01-20", "征地补偿", "规范性文件"[:0] or "通知",
                     "征地 补偿", "废止", "2025-06-01", "附件1：补偿标准表", "PDF"):
        assert expected in html, expected
    assert old.index_number and old.index_number in html


def test_repealed_banner_names_the_date_and_the_replacing_document(client, repealed_pair):
    old, new = repealed_pair
    html = client.get(old.url).content.decode()
    assert "gkp-validity-banner--repealed" in html
    assert "本文件已于2025年6月1日废止，依据《永宁县集体土地征收补偿安置办法（2024年修订）》（永政发〔2024〕21号）。" in html
    assert f'href="{new.url}"' in html
    # The replacing document lists what it repealed.
    new_html = client.get(new.url).content.decode()
    assert "本文件变更或废止的文件" in new_html and old.title in new_html
    assert "gkp-validity-banner" not in new_html


def test_validity_requires_a_date(make_policy):
    from django.core.exceptions import ValidationError

    page = make_policy("无日期的废止", publish=False)
    page.validity, page.validity_changed_on = Validity.EXPIRED, None
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert "validity_changed_on" in raised.value.message_dict


def test_interpretation_linked_both_ways(client, library, make_policy):
    policy = make_policy("永宁县临时救助实施细则")
    interp = library.add_child(instance=PolicyInterpretationPage(
        title="《临时救助实施细则》政策解读", policy=policy, interpretation_form="qa", interpreter="县民政局",
        body=[("qa", [{"question": "谁可以申请？", "answer": "<p>遭遇突发困难的家庭。</p>"}])], live=False))
    interp.save_revision().publish()
    interp.refresh_from_db()
    policy_html = client.get(policy.url).content.decode()
    assert f'href="{interp.url}"' in policy_html and interp.title in policy_html
    interp_html = client.get(interp.url).content.decode()
    assert f'href="{policy.url}"' in interp_html
    assert "谁可以申请？" in interp_html and "问答" in interp_html
    # Repealing the policy marks the interpretation too.
    policy.validity, policy.validity_changed_on = Validity.EXPIRED, datetime.date(2025, 12, 31)
    policy.save_revision().publish()
    interp_html = client.get(interp.url).content.decode()
    assert "所解读的政策已失效" in interp_html and "本文件已于2025年12月31日失效。" in interp_html


def test_topic_collects_chosen_and_category_policies_in_force_first(client, library, make_policy):
    land = make_policy("征地区片综合地价", topic_names=("城乡建设、环境保护", "征地补偿"), released="2024-03-15")
    old = make_policy("旧征地办法", topic_names=("城乡建设、环境保护", "征地补偿"), released="2025-05-01", validity=Validity.REPEALED)
    social = make_policy("被征地农民社保办法", topic_names=("劳动、人事、监察", "社会保险"), released="2023-09-12")
    make_policy("无关的预算通知")
    page = library.add_child(instance=PolicyTopicPage(title="征地补偿", topic=topic("城乡建设、环境保护", "征地补偿"), live=False))
    PolicyTopicItem.objects.create(page=page, policy=social)
    page.save_revision().publish()
    assert [p.pk for p in page.collected_policies()] == [land.pk, social.pk, old.pk]
    html = client.get(page.url).content.decode()
    assert "无关的预算通知" not in html and "gkp-hit--repealed" in html
    assert "征地补偿" in client.get(land.url).content.decode()  # 所属专题
    assert page.title in client.get(library.url).content.decode()


@pytest.mark.parametrize("kind", ["policy", "interpretation"])
def test_qr_landing_counts_the_scan_and_shows_the_mark(client, repealed_pair, library, kind, django_capture_on_commit_callbacks):
    old, _new = repealed_pair
    target = old
    if kind == "interpretation":
        target = library.add_child(instance=PolicyInterpretationPage(title="旧办法解读", policy=old, live=False))
        target.save_revision().publish()
    link = ShortLink.objects.for_page(target)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/q/{link.code}/")
        client.get(f"/q/{link.code}/")
    assert response.status_code == 302
    landing = client.get(response["Location"], HTTP_USER_AGENT="Mozilla/5.0 (iPhone)")
    html = landing.content.decode()
    assert "gkp-validity-banner" in html and "废止" in html
    assert '<meta name="viewport"' in html
    scans = ShortLinkScan.objects.get(link=link)
    assert scans.count == 2 and scans.day == datetime.date.today()
    assert not [f.name for f in ShortLinkScan._meta.get_fields() if f.name in ("ip", "user_agent", "user")]


def test_unpublished_page_short_link_is_404(client, make_policy):
    page = make_policy("草稿政策", publish=False)
    assert client.get(ShortLink.objects.for_page(page).get_absolute_url()).status_code == 404
