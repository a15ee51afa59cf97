"""Settings read by ``wagtail_gk_foia``, each with its default.

Every setting is read at call time through :func:`foia_setting`, so
``override_settings`` works in tests and a host project can change a value
without touching imports. The reference is
``docs/reference/settings-wagtail_gk_foia.md``.
"""

from django.conf import settings

# The parser and the limits are core's shared intake (wagtail_gk.intake).
from wagtail_gk.intake.antispam import StatusLookupLimits, parse_rate  # noqa: F401

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
    # 第44条: requests whose titles share at least this share of character
    # bigrams (Jaccard, 0–1) count as asking for the same information.
    "GK_FOIA_SIMILAR_REQUEST_THRESHOLD": 0.5,
    # 第44条: how many different applicants make information "requested by several".
    "GK_FOIA_SEVERAL_APPLICANTS": 2,
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
    # Status look-ups per client address before each further one in the period
    # needs the arithmetic question (never refused outright: docs/foia.md,
    # "The status look-up").
    "GK_FOIA_STATUS_RATE": "30/h",
    # Wrong look-ups an address may make before each further look-up from it
    # needs the question and waits 2, 4, 8 … seconds after its last failure.
    "GK_FOIA_STATUS_FREE_FAILURES": 3,
    # Longest of those waits, in seconds: the most an applicant behind the same
    # address as a guesser ever waits for the right code to be checked.
    "GK_FOIA_STATUS_BACKOFF_MAX": 300,
    # Wrong look-ups of one tracking number (from any address, whether the
    # number exists or not) after which every look-up of it needs the question.
    "GK_FOIA_STATUS_NUMBER_CAPTCHA_AFTER": 5,
    # Seconds wrong look-ups are remembered, counted from an address's or a
    # number's first failure.
    "GK_FOIA_STATUS_FAILURE_WINDOW": 24 * 60 * 60,
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


# Settings that are no longer read; check wagtail_gk_foia.W003 reports them.
# GK_FOIA_STATUS_FAILURE_RATE ("count/period", failures per tracking number
# after which even the right code was refused) is translated by
# :func:`status_lookup_limits` into the question threshold and window.
OBSOLETE = ("GK_FOIA_STATUS_FAILURE_RATE",)


def foia_setting(name: str):
    """Return the value of the ``GK_FOIA_`` setting *name*, or its documented default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown wagtail_gk_foia setting {name}")
    return getattr(settings, name, DEFAULTS[name])


def status_lookup_limits() -> StatusLookupLimits:
    """The GK_FOIA_STATUS_* limits, read now. A deployment that still sets the
    obsolete ``GK_FOIA_STATUS_FAILURE_RATE = "count/period"`` (and not the new
    settings) gets *count* as the per-number question threshold and *period*
    as the failure window, never the old lock."""
    number_after = foia_setting("GK_FOIA_STATUS_NUMBER_CAPTCHA_AFTER")
    window = foia_setting("GK_FOIA_STATUS_FAILURE_WINDOW")
    legacy = getattr(settings, "GK_FOIA_STATUS_FAILURE_RATE", None)
    if legacy is not None:
        try:
            count, period = parse_rate(legacy)
        except (ValueError, KeyError, IndexError):
            count = period = None
        if count is not None and not hasattr(settings, "GK_FOIA_STATUS_NUMBER_CAPTCHA_AFTER"):
            number_after = count
        if period is not None and not hasattr(settings, "GK_FOIA_STATUS_FAILURE_WINDOW"):
            window = period
    return StatusLookupLimits(
        free_failures=int(foia_setting("GK_FOIA_STATUS_FREE_FAILURES")),
        backoff_max=int(foia_setting("GK_FOIA_STATUS_BACKOFF_MAX")),
        number_captcha_after=int(number_after),
        failure_window=int(window),
    )
