"""The built-in checkers, each with true and false positives."""

import pytest

from wagtail_gk.gate.checkers import TextSource, sensitive_words
from wagtail_gk.gate.checkers.classification import ClassificationMarkerChecker
from wagtail_gk.gate.checkers.personal_data import (
    PersonalDataChecker,
    is_valid_id15,
    is_valid_id18,
    luhn_valid,
)
from wagtail_gk.gate.checkers.sensitive_words import SensitiveWordChecker, TermEntry, TermMatcher

from .conftest import valid_id

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(autouse=True)
def _fresh_matcher():
    # The library version lives in the test database, which every test rolls
    # back: a matcher cached by an earlier test could carry the same number.
    sensitive_words.forget_matcher()
    yield
    sensitive_words.forget_matcher()


def personal(text):
    return PersonalDataChecker().check(None, [TextSource("正文", text)])


def codes(findings):
    return sorted(f.code for f in findings)


# --- ID numbers (GB 11643) ---------------------------------------------------

ID = valid_id("11010519491231002")  # the standard's own example: 11010519491231002X


def test_gb11643_example_check_digit():
    assert ID == "11010519491231002X"
    assert is_valid_id18(ID) and is_valid_id18(ID.lower())


def test_valid_id_number_blocks_and_is_masked():
    findings = personal(f"经办人身份证号{ID}。")
    assert codes(findings) == ["id_number"]
    finding = findings[0]
    assert finding.blocks
    assert ID not in finding.excerpt
    assert "110105********002X" in finding.excerpt
    assert finding.location == "正文"


def test_wrong_check_digit_does_not_match():
    wrong = ID[:17] + ("1" if ID[17] != "1" else "2")
    assert not is_valid_id18(wrong)
    assert personal(f"编号{wrong}") == []


@pytest.mark.parametrize(
    "first17",
    [
        "99010519491231002",  # no province 99
        "11010519491331002",  # month 13
        "11010519490230002",  # 30 February
        "11010518491231002",  # born before 1900
        "11010530491231002",  # born in the future
    ],
)
def test_bad_region_or_birth_date_does_not_match(first17):
    number = valid_id(first17)  # the check digit is right; the rest is not
    assert not is_valid_id18(number)
    assert personal(f"号码：{number}") == []


def test_fifteen_digit_old_number():
    assert is_valid_id15("110105491231002")
    findings = personal("老身份证110105491231002已换发")
    assert codes(findings) == ["id_number_old"]
    assert "110105491231002" not in findings[0].excerpt
    assert not is_valid_id15("110105491331002")  # month 13
    assert personal("老身份证110105491331002") == []


def test_masked_numbers_pass():
    text = "身份证号640102********1234，手机138****5678，卡号6222 **** **** 1234。"
    assert personal(text) == []


def test_digits_inside_a_longer_run_do_not_match():
    run = "9" + ID[:17] + "88"
    assert personal(f"订单号{run}") == []
    assert personal(f"流水号2024{ID}") == []
    assert personal("流水号213800138000123") == []  # a mobile inside a longer run


def test_id_right_after_letters_or_chinese_punctuation_is_found():
    # A letter before the number does not hide it (ID110105…, 身份证号码ID:…).
    assert codes(personal(f"编码AB{ID}")) == ["id_number"]
    assert codes(personal(f"ID{ID}")) == ["id_number"]
    assert codes(personal(f"（{ID}）")) == ["id_number"]


# --- mobiles and bank cards ---------------------------------------------------


@pytest.mark.parametrize("mobile", ["13812345678", "138-1234-5678", "138 1234 5678", "19912345678"])
def test_mobile_numbers_warn(mobile):
    findings = personal(f"联系电话{mobile}")
    assert codes(findings) == ["mobile"]
    assert not findings[0].blocks  # default severity for mobiles
    assert "5678" in findings[0].excerpt and "1234" not in findings[0].excerpt


@pytest.mark.parametrize("not_mobile", ["12812345678", "0951-5012345", "1381234567"])
def test_not_mobile_numbers(not_mobile):
    assert personal(f"电话{not_mobile}") == []


def test_mobile_severity_follows_setting(settings):
    settings.GK_GATE_PERSONAL_DATA_SEVERITY = {"mobile": "block"}
    assert personal("电话13812345678")[0].blocks


def _luhn_complete(prefix):
    for digit in "0123456789":
        if luhn_valid(prefix + digit):
            return prefix + digit
    raise AssertionError


def test_bank_card_with_luhn():
    card = _luhn_complete("622202100112345678")
    assert len(card) == 19
    findings = personal(f"工资卡{card}")
    assert codes(findings) == ["bank_card"]
    assert findings[0].blocks
    assert card not in findings[0].excerpt and card[-4:] in findings[0].excerpt


def test_bank_card_failing_luhn_does_not_match():
    card = _luhn_complete("622202100112345678")
    bad = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert personal(f"工资卡{bad}") == []


def test_card_not_starting_62_needs_a_card_word():
    card = _luhn_complete("453201511283036")  # 16 digits, a Visa-like number
    assert personal(f"编号{card}") == []
    assert codes(personal(f"银行卡号：{card}")) == ["bank_card"]


def test_grouped_card_number():
    card = _luhn_complete("621700000000000")
    grouped = " ".join(card[i : i + 4] for i in range(0, 16, 4))
    assert codes(personal(f"账号 {grouped}")) == ["bank_card"]


# --- classification markers ----------------------------------------------------


def classify(text):
    return ClassificationMarkerChecker().check(None, [TextSource("附件《通知.pdf》第1页", text)])


@pytest.mark.parametrize("text", ["机密★1年\n关于……的通知", "秘密★长期", "绝密 ★ 10年", "密级：机密", "绝密\n关于……的请示", "内部资料 注意保密\n正文"])
def test_classification_markers_block(text):
    findings = classify(text)
    assert any(f.blocks and f.code == "classification_marker" for f in findings), findings
    assert findings[0].location == "附件《通知.pdf》第1页"


@pytest.mark.parametrize(
    "text",
    [
        "各单位要严格保守国家秘密，做好保密工作。",
        "依法保护商业秘密和个人隐私。",
        "不得泄露国家机密和商业机密。",
        "《中华人民共和国保守国家秘密法》第三条",
        "秘密是什么？",  # 秘密 alone is prose
    ],
)
def test_ordinary_phrases_do_not_block(text):
    assert [f for f in classify(text) if f.blocks] == []
    assert classify(text) == []


def test_restricted_wording_in_prose_warns():
    findings = classify("本材料为内部资料，请勿转发。")
    assert codes(findings) == ["restricted_circulation"]
    assert not findings[0].blocks
    findings = classify("该项目属于机密工程。")
    assert codes(findings) == ["classification_word"] and not findings[0].blocks


# --- sensitive words ----------------------------------------------------------------


def matcher(*entries):
    return TermMatcher([TermEntry(t, c, s, tuple(e)) for t, c, s, e in entries])


def test_sensitive_words_with_categories_and_severity():
    checker = SensitiveWordChecker(matcher(("法轮功", "政治", "block", ()), ("代开发票", "违法广告", "warn", ())))
    findings = checker.check(None, [TextSource("标题", "网传法轮功活动"), TextSource("正文", "提供代开发票服务")])
    assert [(f.location, f.severity, f.blocks) for f in findings] == [("标题", "block", True), ("正文", "warn", False)]
    assert "政治" in findings[0].message and "违法广告" in findings[1].message
    assert "法轮功" not in findings[0].excerpt and "【法**】" in findings[0].excerpt


def test_exemption_phrase_suppresses_only_that_occurrence():
    checker = SensitiveWordChecker(matcher(("秘密", "保密", "block", ("保守国家秘密", "商业秘密"))))
    assert checker.check(None, [TextSource("正文", "要保守国家秘密，保护商业秘密。")]) == []
    findings = checker.check(None, [TextSource("正文", "保守国家秘密，另附秘密文件")])
    assert len(findings) == 1 and "另附" in findings[0].excerpt


def test_overlapping_terms_are_all_found_and_ascii_is_case_insensitive():
    checker = SensitiveWordChecker(matcher(("台独", "政治", "block", ()), ("台独分子", "政治", "block", ()), ("VPN", "翻墙", "warn", ())))
    findings = checker.check(None, [TextSource("正文", "打击台独分子，禁止使用vpn")])
    assert len(findings) == 3


def test_library_terms_are_matched(terms):
    findings = SensitiveWordChecker().check(None, [TextSource("正文", "严防法轮功，保守国家秘密，秘密材料")])
    assert sorted(f.message for f in findings) == sorted(["含有敏感词（政治），请修改或删除", "含有敏感词（保密），请修改或删除"])


def test_inactive_terms_are_not_matched(terms):
    terms[0].active = False
    terms[0].save()
    assert SensitiveWordChecker().check(None, [TextSource("正文", "法轮功")]) == []
