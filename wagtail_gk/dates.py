"""Long dates ("2026年3月5日", "March 5, 2026") in one place.

:func:`long_date` follows the active language: Chinese writes year, month and
day with 年月日 and no zero padding, as official documents do (GB/T 9704);
any other language gets its locale's ``DATE_FORMAT``. :func:`chinese_long_date`
is for texts that are Chinese whatever language the reader uses, such as the
legal notices of a disclosure request.
"""

from __future__ import annotations

import datetime

from django.utils import formats, translation


def chinese_long_date(day: datetime.date | None) -> str:
    """``2026年3月5日`` (no zero padding); "" for no date."""
    if not day:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def long_date(day: datetime.date | None) -> str:
    """The date written out in the active language; "" for no date."""
    if not day:
        return ""
    # Checked here rather than left to DATE_FORMAT: a host's FORMAT_MODULE_PATH
    # must not change how Chinese official dates are written.
    if (translation.get_language() or "").lower().startswith("zh"):
        return chinese_long_date(day)
    return formats.date_format(day, "DATE_FORMAT")
