"""One long-date form for the whole suite: 2026年3月5日 in Chinese (no zero
padding), the locale's DATE_FORMAT in other languages; Chinese legal texts
stay Chinese whatever the language."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from wagtail_gk.dates import chinese_long_date, long_date

MARCH_5 = datetime.date(2026, 3, 5)


@pytest.mark.parametrize(
    "language, day, expected",
    [
        ("zh-hans", MARCH_5, "2026年3月5日"),
        ("zh-hans", datetime.date(2026, 12, 31), "2026年12月31日"),
        ("zh-hant", MARCH_5, "2026年3月5日"),
        ("en", MARCH_5, "March 5, 2026"),
        ("fr", MARCH_5, "5 mars 2026"),
        ("en", datetime.datetime(2026, 10, 1, 9, 30), "Oct. 1, 2026"),
    ],
)
def test_long_date_follows_the_active_language(language, day, expected):
    with translation.override(language):
        assert long_date(day) == expected


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_chinese_long_date_whatever_the_language(language):
    with translation.override(language):
        assert chinese_long_date(MARCH_5) == "2026年3月5日"
        assert chinese_long_date(datetime.date(2026, 1, 9)) == "2026年1月9日"


@pytest.mark.parametrize("function", [long_date, chinese_long_date])
def test_no_date_is_empty(function):
    assert function(None) == ""


@pytest.mark.parametrize("language, expected", [("en", "March 5, 2026 | 2026年3月5日"), ("zh-hans", "2026年3月5日 | 2026年3月5日")])
def test_template_filters(language, expected):
    template = Template("{% load gk_tags %}{{ day|gk_long_date }} | {{ day|gk_chinese_long_date }}")
    with translation.override(language):
        assert template.render(Context({"day": MARCH_5})) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("language, expected", [("en", "March 5, 2026"), ("zh-hans", "2026年3月5日")])
def test_due_date_tag_takes_the_long_form(language, expected):
    template = Template('{% load gk_tags %}{% gk_due_date day "long" %}|{% gk_due_date day %}')
    with translation.override(language):
        assert template.render(Context({"day": MARCH_5})) == f"{expected}|2026-03-05"
