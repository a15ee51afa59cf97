"""信息处理费 (第42条; 国办函〔2020〕109号).

Both methods charge by bands, each band at its own rate (only the part of the
count that falls into a band pays that band's rate):

- per piece, per applicant per calendar month: 1–10 free, 11–30 at 100元,
  then each further band of 10 pieces costs 100元 more per piece
  (31–40 at 200元, 41–50 at 300元 …);
- per page: 1–30 free, 31–100 at 10元, 101–200 at 20元, 201+ at 40元.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

PAGE_BANDS = [(1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40)]


def piece_rate(k: int) -> int:
    """The fee in 元 for the *k*-th piece an applicant asks for in a month."""
    if k <= 10:
        return 0
    if k <= 30:
        return 100
    return 100 + 100 * ((k - 31) // 10 + 1)


def page_rate(k: int) -> int:
    for first, last, rate in PAGE_BANDS:
        if k >= first and (last is None or k <= last):
            return rate
    return 0


def _bands(first: int, last: int, rate_of) -> list[tuple[int, int, int]]:
    """Group the counts first..last into runs of equal rate: [(from, to, rate)]."""
    runs: list[tuple[int, int, int]] = []
    for k in range(first, last + 1):
        rate = rate_of(k)
        if runs and runs[-1][2] == rate:
            runs[-1] = (runs[-1][0], k, rate)
        else:
            runs.append((k, k, rate))
    return runs


def piece_fee(prior_pieces: int, pieces: int) -> tuple[Decimal, list[str]]:
    """Fee for *pieces* new pieces when the applicant already asked for
    *prior_pieces* in the same calendar month; returns (amount, explanation lines)."""
    if pieces < 1:
        raise ValueError("pieces must be positive")
    steps = [
        _("Charged per request: %(prior)d requests earlier this calendar month and %(n)d now, so these are requests %(first)d–%(last)d.")
        % {"prior": prior_pieces, "n": pieces, "first": prior_pieces + 1, "last": prior_pieces + pieces}
    ]
    total = 0
    for first, last, rate in _bands(prior_pieces + 1, prior_pieces + pieces, piece_rate):
        count = last - first + 1
        total += count * rate
        steps.append(
            _("Requests %(first)d–%(last)d: %(count)d requests × %(rate)d yuan = %(sum)d yuan")
            % {"first": first, "last": last, "count": count, "rate": rate, "sum": count * rate}
        )
    steps.append(_("Total: %(total)d yuan.") % {"total": total})
    return Decimal(total), steps


def page_fee(pages: int) -> tuple[Decimal, list[str]]:
    if pages < 1:
        raise ValueError("pages must be positive")
    steps = [_("Charged by volume: %(n)d pages in all.") % {"n": pages}]
    total = 0
    for first, last, rate in _bands(1, pages, page_rate):
        count = last - first + 1
        total += count * rate
        steps.append(
            _("Pages %(first)d–%(last)d: %(count)d pages × %(rate)d yuan = %(sum)d yuan")
            % {"first": first, "last": last, "count": count, "rate": rate, "sum": count * rate}
        )
    steps.append(_("Total: %(total)d yuan.") % {"total": total})
    return Decimal(total), steps
