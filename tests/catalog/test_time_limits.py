"""公开时限 rules: parsing printed wording, due dates on the working-day
calendar (2026 Spring Festival and National Day), publicity periods, wording."""

import datetime

import pytest

from wagtail_gk.workdays import CalendarYearUnknown
from wagtail_gk_catalog.models import PublicityDayType, TimeLimitKind
from wagtail_gk_catalog.time_limits import TimeLimitRule, parse_time_limit

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, kind, days, day_type, publicity",
    [
        ("信息形成或者变更之日起20个工作日内", TimeLimitKind.WORKING_DAYS, 20, PublicityDayType.WORKING, None),
        ("制定或获取信息之日起十个工作日内，公示七个工作日", TimeLimitKind.WORKING_DAYS, 10, PublicityDayType.WORKING, 7),
        ("信息变更之日起5个工作日内", TimeLimitKind.ON_CHANGE, 5, PublicityDayType.WORKING, None),
        ("批准后20日内", TimeLimitKind.WORKING_DAYS, 20, PublicityDayType.CALENDAR, None),
        ("实时公开", TimeLimitKind.REAL_TIME, None, PublicityDayType.WORKING, None),
        ("长期公开（动态调整）", TimeLimitKind.CONTINUOUS, None, PublicityDayType.WORKING, None),
        ("公示期不少于5天", TimeLimitKind.OTHER, None, PublicityDayType.WORKING, 5),
        ("按上级要求", TimeLimitKind.OTHER, None, PublicityDayType.WORKING, None),
    ],
)
def test_parse_printed_wording(text, kind, days, day_type, publicity):
    rule = parse_time_limit(text)
    assert (rule.kind, rule.days, rule.publicity_days) == (kind, days, publicity)
    if days is not None:
        assert rule.day_type == day_type


def test_publicity_in_calendar_days_is_parsed_as_calendar():
    rule = parse_time_limit("信息形成之日起10个工作日内，公示7天")
    assert rule.publicity_days == 7
    assert rule.publicity_day_type == PublicityDayType.CALENDAR


def test_due_date_counts_working_days_across_spring_festival_2026():
    rule = TimeLimitRule(TimeLimitKind.WORKING_DAYS, days=5)
    # Fri 13 Feb 2026: Sat 14 Feb is a make-up working day, 15–23 Feb are the break.
    assert rule.due_date(D(2026, 2, 13)) == D(2026, 2, 27)
    # 20 working days from 1 Sep 2026: Sunday 20 Sep is worked, Mid-Autumn Fri 25 Sep is off.
    assert TimeLimitRule(TimeLimitKind.WORKING_DAYS, days=20).due_date(D(2026, 9, 1)) == D(2026, 9, 29)


def test_due_date_across_national_day_2026():
    # 30 Sep 2026 (Wed) + 3 working days: 1–7 Oct are off, 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, make-up).
    assert TimeLimitRule(TimeLimitKind.WORKING_DAYS, days=3).due_date(D(2026, 9, 30)) == D(2026, 10, 10)


def test_calendar_day_rule_and_rules_without_deadline():
    assert TimeLimitRule(TimeLimitKind.WORKING_DAYS, days=20, day_type=PublicityDayType.CALENDAR).due_date(
        D(2026, 2, 13)
    ) == D(2026, 3, 5)
    assert TimeLimitRule(TimeLimitKind.CONTINUOUS).due_date(D(2026, 2, 13)) is None
    assert TimeLimitRule(TimeLimitKind.OTHER).due_date(D(2026, 2, 13)) is None
    assert not TimeLimitRule(TimeLimitKind.WORKING_DAYS, days=None).computes_due_date


def test_real_time_uses_setting(settings):
    rule = TimeLimitRule(TimeLimitKind.REAL_TIME)
    assert rule.due_date(D(2026, 2, 13)) == D(2026, 2, 14)  # Saturday make-up day
    settings.GK_CATALOG_REAL_TIME_WORKING_DAYS = 2
    assert rule.due_date(D(2026, 2, 13)) == D(2026, 2, 24)


def test_due_date_outside_the_calendar_raises():
    with pytest.raises(CalendarYearUnknown):
        TimeLimitRule(TimeLimitKind.WORKING_DAYS, days=5).due_date(D(2031, 3, 3))


def test_publicity_period():
    rule = TimeLimitRule(TimeLimitKind.WORKING_DAYS, days=10, publicity_days=7)
    # Published Thu 10 Sep 2026: 7 working days including the day itself ends Fri 18 Sep.
    assert rule.publicity_ends_on(D(2026, 9, 10)) == D(2026, 9, 18)
    calendar = TimeLimitRule(TimeLimitKind.WORKING_DAYS, days=10, publicity_days=7, publicity_day_type=PublicityDayType.CALENDAR)
    assert calendar.publicity_ends_on(D(2026, 9, 10)) == D(2026, 9, 16)
    assert TimeLimitRule(TimeLimitKind.WORKING_DAYS, days=10, publicity_days=1).publicity_ends_on(D(2026, 9, 10)) == D(2026, 9, 10)
    assert TimeLimitRule(TimeLimitKind.CONTINUOUS).publicity_ends_on(D(2026, 9, 10)) is None


@pytest.mark.parametrize(
    "rule, wording",
    [
        (TimeLimitRule(TimeLimitKind.WORKING_DAYS, days=20), "信息形成或者变更之日起20个工作日内"),
        (TimeLimitRule(TimeLimitKind.WORKING_DAYS, days=20, event="批准后", day_type=PublicityDayType.CALENDAR), "批准后20日内"),
        (TimeLimitRule(TimeLimitKind.WORKING_DAYS, days=10, event="制定或获取信息之日起", publicity_days=7),
         "制定或获取信息之日起10个工作日内，公示7个工作日"),
        (TimeLimitRule(TimeLimitKind.ON_CHANGE, days=5, event="信息变更之日起"), "信息变更之日起5个工作日内更新"),
        (TimeLimitRule(TimeLimitKind.REAL_TIME), "实时公开"),
        (TimeLimitRule(TimeLimitKind.CONTINUOUS), "长期公开（动态调整）"),
        (TimeLimitRule(TimeLimitKind.OTHER, publicity_days=5, publicity_day_type=PublicityDayType.CALENDAR), "公示5天"),
    ],
)
def test_display_wording(rule, wording):
    assert rule.wording() == wording


def test_item_display_prefers_printed_wording(guide):
    item = guide.items.get(level2="审核")
    assert item.time_limit_display == "制定或获取信息之日起10个工作日内，公示7个工作日"
    item.time_limit_wording = ""
    assert item.time_limit_display == "制定或获取信息之日起10个工作日内，公示7个工作日"
    item.time_limit_days = 15
    assert item.time_limit_display == "制定或获取信息之日起15个工作日内，公示7个工作日"
