"""Protection of the public forms without outside services.

- a one-time form token, signed and time-limited, carrying a nonce that the
  registration stores (so the same form cannot create two requests);
- an arithmetic question whose answer is bound to the token by an HMAC;
- fixed-window rate limits on the Django cache, per client address;
- the status look-up's failure counters: per address (the question, then
  waits doubling up to a cap) and per tracking number (the question), never
  a lock of the right code (docs/foia.md, "The status look-up").
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from .conf import StatusLookupLimits, foia_setting, parse_rate

SALT = "wagtail_gk_foia.form-token"
NUMERALS = "零一二三四五六七八九十"


def _answer_mac(nonce: str, answer: int) -> str:
    key = hashlib.sha256(f"wagtail_gk_foia.captcha:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, f"{nonce}:{answer}".encode(), hashlib.sha256).hexdigest()[:32]


def _numeral(n: int) -> str:
    """*n* in Chinese numerals for a Chinese question (harder for a script to
    read than digits), in digits for any other language."""
    if not (translation.get_language() or "").lower().startswith("zh"):
        return str(n)
    if n <= 10:
        return NUMERALS[n]
    return ("" if n < 20 else NUMERALS[n // 10]) + "十" + (NUMERALS[n % 10] if n % 10 else "")


def issue_form_token() -> tuple[str, str]:
    """A fresh (token, question): "七加五等于几？" in Chinese, "What is 7 plus 5?"
    in another language. The answer is always given in digits."""
    nonce = secrets.token_hex(16)
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2) and a != b:
        a, b = max(a, b), min(a, b)
        answer, question = a - b, _("What is %(a)s minus %(b)s?") % {"a": _numeral(a), "b": _numeral(b)}
    else:
        answer, question = a + b, _("What is %(a)s plus %(b)s?") % {"a": _numeral(a), "b": _numeral(b)}
    token = signing.TimestampSigner(salt=SALT).sign(f"{nonce}:{_answer_mac(nonce, answer)}")
    return token, question


class TokenError(Exception):
    pass


def check_form_token(token: str, answer) -> str:
    """Validate *token* (and *answer* when the question is enabled); return its nonce."""
    try:
        payload = signing.TimestampSigner(salt=SALT).unsign(token or "", max_age=foia_setting("GK_FOIA_FORM_MAX_AGE"))
    except signing.SignatureExpired:
        raise TokenError(_("The form has expired. Please answer the verification question again and submit.")) from None
    except signing.BadSignature:
        raise TokenError(_("The form could not be verified. Please reload the page and submit again.")) from None
    nonce, _sep, mac = payload.partition(":")
    if not foia_setting("GK_FOIA_CAPTCHA_ENABLED"):
        return nonce
    if cache.get(f"gk_foia:burnt:{nonce}"):
        raise TokenError(_("The verification question has expired. Please answer the new question."))
    try:
        value = int(str(answer).strip())
    except (TypeError, ValueError):
        value = None
    if value is None or not hmac.compare_digest(mac, _answer_mac(nonce, value)):
        # One guess per question: a wrong answer burns it.
        cache.set(f"gk_foia:burnt:{nonce}", 1, foia_setting("GK_FOIA_FORM_MAX_AGE"))
        raise TokenError(_("Wrong answer to the verification question. Please answer the new question."))
    return nonce


def client_ip(request) -> str:
    header = foia_setting("GK_FOIA_CLIENT_IP_HEADER")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def rate_limited(scope: str, ident: str, rate: str) -> bool:
    """Count one hit of *ident* in *scope*; True when the limit is exceeded."""
    if not foia_setting("GK_FOIA_RATE_LIMITS_ENABLED"):
        return False
    limit, period = parse_rate(rate)
    key = "gk_foia:rl:%s:%s" % (scope, hashlib.sha256(ident.encode()).hexdigest()[:32])
    if cache.add(key, 1, period):  # the first hit in the window: one round trip
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period)
        count = 1
    return count > limit


def is_blocked(scope: str, ident: str, rate: str) -> bool:
    """Whether *ident* has already used up *scope* (without counting a hit)."""
    if not foia_setting("GK_FOIA_RATE_LIMITS_ENABLED"):
        return False
    limit, _period = parse_rate(rate)
    key = "gk_foia:rl:%s:%s" % (scope, hashlib.sha256(ident.encode()).hexdigest()[:32])
    return (cache.get(key) or 0) >= limit


def check_question_once(token: str, answer) -> None:
    """Like :func:`check_form_token`, and the solved question is then burnt:
    one look-up per answered question (the intake needs no burning, its nonce
    is stored with the request). Raises :class:`TokenError`."""
    nonce = check_form_token(token, answer)
    if not cache.add(f"gk_foia:burnt:{nonce}", 1, foia_setting("GK_FOIA_FORM_MAX_AGE")):
        raise TokenError(_("The verification question has expired. Please answer the new question."))


# --- status look-up failures -----------------------------------------------------


def address_key(ip: str) -> str:
    """Who a failure is counted against: an IPv4 address, or the /64 network
    of an IPv6 address (one subscriber's line hands out a whole /64)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def _key(kind: str, ident: str) -> str:
    return "gk_foia:sf:%s:%s" % (kind, hashlib.sha256(ident.encode()).hexdigest()[:32])


def _count(key: str, window: int) -> int:
    """Add one to the counter *key* (kept *window* seconds from its first hit)."""
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def backoff_seconds(failures: int, limits: StatusLookupLimits) -> int:
    """The wait after an address's *failures*-th wrong look-up: none while
    within the free ones, then 2, 4, 8 … seconds, at most ``backoff_max``."""
    if failures < limits.free_failures:
        return 0
    return min(2 ** min(failures - limits.free_failures + 1, 32), limits.backoff_max)


def status_wait(address: str) -> int:
    """Seconds *address* must still wait before its next look-up (0: none).
    The deadline is kept as a timestamp, so it holds on any cache backend."""
    if not foia_setting("GK_FOIA_RATE_LIMITS_ENABLED"):
        return 0
    until = cache.get(_key("w", address))
    return max(0, math.ceil(until - time.time())) if until else 0


def status_needs_question(address: str, number: str | None, limits: StatusLookupLimits) -> bool:
    """Whether a look-up from *address* (of *number*, when known) must answer
    the question: the address has used its free failures, or the number has
    had ``number_captcha_after`` failures from anywhere. Counted the same for
    numbers that exist and numbers that do not."""
    if not foia_setting("GK_FOIA_RATE_LIMITS_ENABLED"):
        return False
    keys = [_key("a", address)] + ([_key("n", number)] if number is not None else [])
    counts = cache.get_many(keys)
    if (counts.get(keys[0]) or 0) >= limits.free_failures:
        return True
    return number is not None and (counts.get(keys[1]) or 0) >= limits.number_captcha_after


def record_status_failure(address: str, number: str, limits: StatusLookupLimits) -> int:
    """Count a wrong look-up of *number* from *address*; start the address's
    wait. Returns the wait in seconds (0: none). The number gets no wait of
    its own: that would let anyone keep the applicant out."""
    if not foia_setting("GK_FOIA_RATE_LIMITS_ENABLED"):
        return 0
    window = max(1, limits.failure_window)
    _count(_key("n", number), window)
    wait = backoff_seconds(_count(_key("a", address), window), limits)
    if wait:
        cache.set(_key("w", address), time.time() + wait, wait + 60)
    return wait
