"""Normalisation for matching (docs/gate.md, "What the checkers see"): the
checkers see folded text, findings point at the text as written."""

import random

import pytest

from wagtail_gk.gate.checkers import TextSource
from wagtail_gk.gate.checkers.classification import ClassificationMarkerChecker
from wagtail_gk.gate.checkers.personal_data import PersonalDataChecker
from wagtail_gk.gate.checkers.sensitive_words import SensitiveWordChecker, TermEntry, TermMatcher
from wagtail_gk.gate.normalise import SLICE_LIMIT, normalise, normalise_term

from .conftest import valid_id

ID = valid_id("11010519491231002")  # 11010519491231002X
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def personal(text):
    return PersonalDataChecker().check(None, [TextSource("正文", text)])


def codes(findings):
    return sorted(f.code for f in findings)


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("機密★", "机密★"),
        ("ＡＢＣ赌", "abc赌"),
        ("ABC\u200b赌", "abc赌"),
        ("祕\ufe00密", "秘密"),
        ("偽造", "伪造"),  # a Taiwan/Hong Kong variant, then simplified
        ("１１０１", "1101"),
        ("㎡", "m2"),
        ("\ufeff软\u00ad件\u2060", "软件"),
    ],
)
def test_normalise_folds_width_case_variants_and_invisible_characters(written, folded):
    assert normalise(written).text == folded


@pytest.mark.parametrize("text", ["保守国家秘密", "著名的乾隆年间", "什么", "第一，第二：１００％", "plain ascii"])
def test_simplified_text_and_chinese_punctuation_stay_as_written(text):
    # GB 2312 characters are never mapped, even where OpenCC lists them as
    # variants (著, 乾, 么); full-width punctuation stays.
    assert normalise(text).text == (text.lower() if text.isascii() else text.replace("１００", "100"))


def test_offsets_map_every_span_back_to_the_original():
    rng = random.Random(7)
    alphabet = list("机密秘密abcABC機祕") + ["\u200b", "\ufeff", "㎡", "①", "１", "Ｘ", "\U0001d400", "，"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        folded = normalise(text)
        # each folded character comes from the original character it maps to
        for index, char in enumerate(folded.text):
            start, end = folded.original_span(index, index + 1)
            assert end == start + 1
            assert char in normalise(text[start:end]).text
        assert folded.original_span(0, len(folded.text))[1] <= len(text)


def test_many_replacements_take_the_translate_path_with_the_same_result():
    text = ("機構發展\u200b" * (SLICE_LIMIT + 10))
    folded = normalise(text)
    assert folded.text == "机构发展" * (SLICE_LIMIT + 10)
    assert folded.original_span(4, 8) == (5, 9)


def test_normalise_term_collapses_white_space():
    assert normalise_term("  ＡＢＣ　 賭  ") == "abc 赌"


# --- sensitive words ---------------------------------------------------------


def words(*terms):
    return SensitiveWordChecker(TermMatcher([TermEntry(t, "测试", "block", e) for t, e in terms]))


@pytest.mark.parametrize("text", ["网传ABC赌场", "网传ＡＢＣ赌场", "网传abc\u200b赌场", "网传ａｂｃ賭场"])
def test_width_case_traditional_and_zero_width_variants_of_a_term_match(text):
    findings = words(("abc赌", ())).check(None, [TextSource("正文", text)])
    assert len(findings) == 1
    # the excerpt shows the text as written, with the match masked
    assert findings[0].excerpt.startswith("网传【") and findings[0].excerpt.endswith("】场")


def test_excerpt_masks_the_original_span_after_deletions():
    findings = words(("法轮功", ())).check(None, [TextSource("正文", "\u200b\u200b前文法\u200b轮功后文")])
    # the match covers the zero-width space written inside it
    assert findings[0].excerpt.replace("\u200b", "") == "前文【法***】后文"


def test_exemptions_are_normalised_too():
    checker = words(("秘密", ("保守国家秘密",)))
    assert checker.check(None, [TextSource("正文", "保守國家祕密")]) == []
    assert len(checker.check(None, [TextSource("正文", "另附祕密文件")])) == 1


# --- personal data -----------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        ID.translate(FULL_WIDTH),
        f"{ID[:6]} {ID[6:14]} {ID[14:]}",
        f"{ID[:6]}-{ID[6:10]}-{ID[10:14]}-{ID[14:]}",
        f"{ID[:6]}.{ID[6:14]}.{ID[14:]}",
        "\u200b".join(ID),
        f"{ID[:6]}\n{ID[6:]}",  # <br> in rich text becomes a line break
        f"{ID[:6]}\u3000{ID[6:]}",
        "ID" + ID,
        ("ID" + ID).translate(FULL_WIDTH),
    ],
)
def test_id_numbers_written_apart_are_found(written):
    findings = personal(f"身份证号码{written}，请核对")
    assert codes(findings) == ["id_number"]
    # masked in the excerpt whatever the writing
    assert "110105********002X" in findings[0].excerpt
    assert "19491231" not in findings[0].excerpt.replace(" ", "").replace("-", "").replace(".", "")


@pytest.mark.parametrize(
    "text",
    [
        "身份证号640102********1234",
        "身份证号６４０１０２＊＊＊＊＊＊＊＊１２３４",
        "手机138****5678",
        "订单号 2024" + ID,  # inside a longer group
        f"{ID[:6]} {ID[6:14]}-{ID[14:]}",  # mixed separators do not make one number
    ],
)
def test_masked_or_unrelated_numbers_pass(text):
    assert personal(text) == []


def test_two_numbers_side_by_side_are_both_found():
    findings = personal(f"张三 {ID} 13812345678")
    assert codes(findings) == ["id_number", "mobile"]


def test_mobile_in_full_width_digits():
    assert codes(personal("电话：１３８１２３４５６７８")) == ["mobile"]


# --- classification markers -----------------------------------------------------


@pytest.mark.parametrize("text", ["機密★1年", "机\u200b密★", "祕密★长期", "密级：機密"])
def test_traditional_and_hidden_markers_block(text):
    findings = ClassificationMarkerChecker().check(None, [TextSource("正文", text)])
    assert any(f.blocks for f in findings), findings
    assert "★" in findings[0].excerpt or "密级" in findings[0].excerpt


@pytest.mark.parametrize("text", ["各单位要严格保守国家秘密，做好保密工作。", "保守國家祕密", "依法保护商业秘密。"])
def test_ordinary_phrases_in_any_form_do_not_block(text):
    assert [f for f in ClassificationMarkerChecker().check(None, [TextSource("正文", text)]) if f.blocks] == []


def test_findings_built_in_bulk_equal_ordinary_findings():
    from wagtail_gk.gate.checkers import Finding, Severity

    args = ("sensitive_word", Severity.BLOCK, "消息", "正文", "【法**】", "sensitive_word")
    fast, plain = Finding.many(*args), Finding(*args)
    assert fast == plain and fast.as_dict() == plain.as_dict() and fast.fingerprint == plain.fingerprint
    with pytest.raises(AttributeError):
        fast.code = "x"  # still frozen


# --- system checks ---------------------------------------------------------------


def test_system_checks_of_normalisation_and_term_limits(settings, monkeypatch):
    from wagtail_gk.gate import checks, normalise

    assert checks.check_normalisation() == []
    settings.GK_GATE_BROAD_TERM_LIMIT = {"share": 2, "min_pages": 10, "sample": 300}
    settings.GK_GATE_TERM_MIN_LENGTH = 0
    assert [error.id for error in checks.check_normalisation()] == ["wagtail_gk.E108", "wagtail_gk.E108"]
    settings.GK_GATE_BROAD_TERM_LIMIT = {"share": 0.5, "min_pages": 10, "sample": 300}
    settings.GK_GATE_TERM_MIN_LENGTH = 2
    monkeypatch.setattr(normalise, "OPENCC_TABLES", ("NoSuchTable.txt",))
    assert [error.id for error in checks.check_normalisation()] == ["wagtail_gk.E107"]
