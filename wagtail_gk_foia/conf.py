"""Settings read by ``wagtail_gk_foia``, each with its default.

Every setting is read at call time through :func:`foia_setting`, so
``override_settings`` works in tests and a host project can change a value
without touching imports. The reference is
``docs/reference/settings-wagtail_gk_foia.md``.
"""

from django.conf import settings

DEFAULTS = {
    # 第33条: working days to reply, counted from the (corrected) receipt date.
    "GK_FOIA_REPLY_DAYS": 20,
    # 第33条: the longest extension the office head may approve, in working days.
    "GK_FOIA_MAX_EXTENSION_DAYS": 20,
    # 第30条: the correction notice must go out within this many working days of receipt.
    "GK_FOIA_CORRECTION_NOTICE_DAYS": 7,
    # Default "reasonable period" (working days) given to the applicant to correct.
    "GK_FOIA_CORRECTION_PERIOD_DAYS": 15,
    # 第32条/第34条: working days a third party or co-producing agency has to answer.
    "GK_FOIA_CONSULTATION_DAYS": 15,
    # 国办函〔2020〕109号: working days to pay after the fee notice; unpaid → 视为放弃.
    "GK_FOIA_FEE_PAYMENT_DAYS": 20,
    # Whether the daily task closes a request as 逾期未缴费 on its own once the
    # payment deadline has passed (otherwise the officer does it).
    "GK_FOIA_AUTO_CLOSE_UNPAID": True,
    # A reply due within this many working days is "due soon" (inbox highlight, reminder).
    "GK_FOIA_DUE_SOON_DAYS": 3,
    # Largest identity-proof or attachment upload, in bytes.
    "GK_FOIA_UPLOAD_MAX_BYTES": 5 * 1024 * 1024,
    # Whether the public form asks the arithmetic question. Turn off only in a
    # benchmark or test settings module; a system check warns when it is off.
    "GK_FOIA_CAPTCHA_ENABLED": True,
    # Whether the public intake and status pages are rate limited (Django cache).
    # Turn off only in a benchmark or test settings module (system check warns).
    "GK_FOIA_RATE_LIMITS_ENABLED": True,
    # Submissions allowed per client address: "count/period", period s, m, h or d.
    "GK_FOIA_INTAKE_RATE": "10/h",
    # Status look-ups allowed per client address.
    "GK_FOIA_STATUS_RATE": "30/h",
    # Failed look-ups allowed per tracking number (whether it exists or not).
    "GK_FOIA_STATUS_FAILURE_RATE": "10/d",
    # WSGI environ key holding the client address behind a trusted proxy,
    # e.g. "HTTP_X_FORWARDED_FOR" (first address is used). Empty: REMOTE_ADDR.
    "GK_FOIA_CLIENT_IP_HEADER": "",
    # Seconds a public form (its one-time token and question) stays valid.
    "GK_FOIA_FORM_MAX_AGE": 2 * 60 * 60,
    # Seconds a process serves the intake pages from its snapshot of routes and
    # site frame before rebuilding it; changes made in the admin rebuild it at
    # once where the cache is shared (Redis). 0: every request through Wagtail.
    "GK_FOIA_ROUTE_CACHE_SECONDS": 10,
    # Seconds the receipt (tracking number and query code) stays readable from
    # the applicant's signed cookie after submitting.
    "GK_FOIA_RECEIPT_MAX_AGE": 24 * 60 * 60,
    # Tracking number pattern; placeholders {year} and {serial}.
    "GK_FOIA_TRACKING_NUMBER_FORMAT": "YSQ{year}{serial:06d}",
    # Document number pattern; placeholders {prefix}, {year}, {serial}.
    "GK_FOIA_DOCUMENT_NUMBER_FORMAT": "{prefix}〔{year}〕{serial}号",
    # Prefix used when the office settings leave it empty.
    "GK_FOIA_DOCUMENT_NUMBER_PREFIX": "政府公开办复",
    # Remedy wording for refusals (不予公开): since 2024-01-01 行政复议 comes first.
    "GK_FOIA_REMEDY_RECONSIDERATION_FIRST": (
        "如对本答复不服，可以自收到本告知书之日起六十日内向{reconsideration_body}申请行政复议；"
        "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。"
    ),
    # Remedy wording for the other replies.
    "GK_FOIA_REMEDY_GENERAL": (
        "如对本答复不服，可以自收到本告知书之日起六十日内向{reconsideration_body}申请行政复议，"
        "或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。"
    ),
    # Where applicant identity proofs, attachments and issued documents are
    # stored: a folder that the web server does NOT serve. Empty: MEDIA_ROOT + "-private".
    "GK_FOIA_PRIVATE_ROOT": "",
    # Sender of reminder e-mails; empty: DEFAULT_FROM_EMAIL.
    "GK_FOIA_REMINDER_FROM_EMAIL": "",
}


def foia_setting(name: str):
    """Return the value of the ``GK_FOIA_`` setting *name*, or its documented default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown wagtail_gk_foia setting {name}")
    return getattr(settings, name, DEFAULTS[name])


def parse_rate(value: str) -> tuple[int, int]:
    """``"10/h"`` → ``(10, 3600)``. Raises ``ValueError`` on a malformed rate."""
    count, _sep, period = str(value).partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period.strip().lower()[:1]]
    number = int(count)
    if number < 1:
        raise ValueError("rate count must be positive")
    return number, seconds
