"""The validity notice and the interpretation banner read as whole sentences
in English and in Chinese: no Chinese brackets or full stops around English
text, no capitalised labels mid-sentence, dates in each language's form."""

import datetime

import pytest
from django.utils import translation

from wagtail_gk.models import Validity
from wagtail_gk.policy.models import PolicyInterpretationPage
from wagtail_gk.policy.validity import validity_notice


@pytest.fixture
def repealed_pair(make_policy):
    new = make_policy("永宁县集体土地征收补偿安置办法（2024年修订）", number="永政发〔2024〕21号")
    old = make_policy("永宁县集体土地征收补偿安置办法", number="永政发〔2021〕8号", validity=Validity.REPEALED, validity_changed_by=new)
    return old, new


def test_english_policy_page_states_the_repeal_in_one_english_sentence(client, repealed_pair):
    old, _new = repealed_pair
    html = client.get(old.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in html
    assert "This document was repealed on June 1, 2025 by “永宁县集体土地征收补偿安置办法（2024年修订）” (永政发〔2024〕21号)." in html
    assert "本文件" not in html and "《永宁县" not in html


def test_chinese_policy_page_keeps_the_official_wording(client, repealed_pair):
    old, _new = repealed_pair
    html = client.get(old.url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "本文件已于2025年6月1日废止，依据《永宁县集体土地征收补偿安置办法（2024年修订）》（永政发〔2024〕21号）。" in html


@pytest.mark.parametrize(
    "validity, dated, changer, note, english, chinese",
    [
        (Validity.EXPIRED, True, False, "", "This document expired on June 1, 2025.", "本文件已于2025年6月1日失效。"),
        (Validity.EXPIRED, False, False, "", "This document has lapsed.", "本文件已失效。"),
        (Validity.AMENDED, True, True, "", "This document was amended on June 1, 2025 by “新办法”.", "本文件已于2025年6月1日修订，依据《新办法》。"),
        (Validity.REPEALED, False, True, "", "This document has been repealed by “新办法”.", "本文件已废止，依据《新办法》。"),
        (Validity.REPEALED, True, False, "Replaced by the 2025 rules", "This document was repealed on June 1, 2025. Replaced by the 2025 rules.",
         "本文件已于2025年6月1日废止。Replaced by the 2025 rules。"),
        (Validity.REPEALED, True, False, "由新办法代替。", "This document was repealed on June 1, 2025. 由新办法代替。", "本文件已于2025年6月1日废止。由新办法代替。"),
    ],
)
def test_validity_notice_in_both_languages(make_policy, validity, dated, changer, note, english, chinese):
    new = make_policy("新办法") if changer else None
    policy = make_policy("旧办法", validity=validity, validity_changed_by=new, validity_note=note, publish=False)
    if not dated:
        policy.validity_changed_on = None
    with translation.override("en"):
        assert validity_notice(policy) == english
    with translation.override("zh-hans"):
        assert validity_notice(policy) == chinese


def test_valid_policy_has_no_notice(make_policy):
    assert validity_notice(make_policy("有效办法", publish=False)) == ""


@pytest.mark.parametrize(
    "language, heading, sentence",
    [
        ("en", "The interpreted policy has expired", "This document expired on Dec. 31, 2025."),
        ("zh-hans", "所解读的政策已失效", "本文件已于2025年12月31日失效。"),
    ],
)
def test_interpretation_banner_is_one_phrase(client, library, make_policy, language, heading, sentence):
    policy = make_policy("永宁县临时救助实施细则")
    interp = library.add_child(instance=PolicyInterpretationPage(title="政策解读", policy=policy, interpretation_form="qa", live=False))
    interp.save_revision().publish()
    policy.validity, policy.validity_changed_on = Validity.EXPIRED, datetime.date(2025, 12, 31)
    policy.save_revision().publish()
    html = client.get(interp.url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f"<strong>{heading}</strong> <span>{sentence}</span>" in html
