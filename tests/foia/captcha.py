"""Answering the intake form's arithmetic question as an applicant would;
shared by the tests and the intake benchmark."""

NUMERALS = "零一二三四五六七八九十"


def chinese_number(text: str) -> int:
    """"七" → 7, "十" → 10, "十二" → 12, "二十" → 20."""
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        return (NUMERALS.index(tens) if tens else 1) * 10 + (NUMERALS.index(ones) if ones else 0)
    return NUMERALS.index(text)


def solve(question: str) -> int:
    """"七加五等于几？" → 12, "九减三等于几？" → 6."""
    body = question.split("等于")[0]
    if "加" in body:
        a, b = body.split("加")
        return chinese_number(a) + chinese_number(b)
    a, b = body.split("减")
    return chinese_number(a) - chinese_number(b)
