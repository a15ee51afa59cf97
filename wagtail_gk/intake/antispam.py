"""Protection of public forms without outside services.

- a one-time form token, signed and time-limited, carrying a nonce that the
  caller stores with what the form created (so one form cannot create two);
- an arithmetic question whose answer is bound to the token by an HMAC;
- fixed-window rate limits on the Django cache, per client address;
- a status look-up's failure counters: per address (the question, then
  waits doubling up to a cap) and per tracking number (the question), never
  a lock of the right code.

Every function takes a :class:`Protection`: the calling app's namespace and
settings, read by the app at call time.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

NUMERALS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class Protection:
    """One app's protection in force.

    *namespace* prefixes its cache keys (``"gk_foia"``); *salt* names its
    signing and HMAC keys (``"wagtail_gk_foia"``); the rest are the app's
    settings of the moment.
    """

    namespace: str
    salt: str
    captcha_enabled: bool = True
    rate_limits_enabled: bool = True
    form_max_age: int = 2 * 60 * 60
    client_ip_header: str = ""


@dataclass(frozen=True)
class StatusLookupLimits:
    """A status look-up's limits in force."""

    free_failures: int
    backoff_max: int
    number_captcha_after: int
    failure_window: int


def parse_rate(value: str) -> tuple[int, int]:
    """``"10/h"`` → ``(10, 3600)``. Raises ``ValueError`` on a malformed rate."""
    count, _sep, period = str(value).partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period.strip().lower()[:1]]
    number = int(count)
    if number < 1:
        raise ValueError("rate count must be positive")
    return number, seconds


def _answer_mac(protection: Protection, nonce: str, answer: int) -> str:
    key = hashlib.sha256(f"{protection.salt}.captcha:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, f"{nonce}:{answer}".encode(), hashlib.sha256).hexdigest()[:32]


def _signer(protection: Protection) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"{protection.salt}.form-token")


def numeral(n: int) -> str:
    """*n* in Chinese numerals for a Chinese question (harder for a script to
    read than digits), in digits for any other language."""
    if not (translation.get_language() or "").lower().startswith("zh"):
        return str(n)
    if n <= 10:
        return NUMERALS[n]
    return ("" if n < 20 else NUMERALS[n // 10]) + "十" + (NUMERALS[n % 10] if n % 10 else "")


def issue_form_token(protection: Protection) -> tuple[str, str]:
    """A fresh (token, question): "七加五等于几？" in Chinese, "What is 7 plus 5?"
    in another language. The answer is always given in digits."""
    nonce = secrets.token_hex(16)
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2) and a != b:
        a, b = max(a, b), min(a, b)
        answer, question = a - b, _("What is %(a)s minus %(b)s?") % {"a": numeral(a), "b": numeral(b)}
    else:
        answer, question = a + b, _("What is %(a)s plus %(b)s?") % {"a": numeral(a), "b": numeral(b)}
    token = _signer(protection).sign(f"{nonce}:{_answer_mac(protection, nonce, answer)}")
    return token, question


class TokenError(Exception):
    pass


def _burnt_key(protection: Protection, nonce: str) -> str:
    return f"{protection.namespace}:burnt:{nonce}"


def check_form_token(protection: Protection, token: str, answer) -> str:
    """Validate *token* (and *answer* when the question is enabled); return its nonce."""
    try:
        payload = _signer(protection).unsign(token or "", max_age=protection.form_max_age)
    except signing.SignatureExpired:
        raise TokenError(_("The form has expired. Please answer the verification question again and submit.")) from None
    except signing.BadSignature:
        raise TokenError(_("The form could not be verified. Please reload the page and submit again.")) from None
    nonce, _sep, mac = payload.partition(":")
    if not protection.captcha_enabled:
        return nonce
    if cache.get(_burnt_key(protection, nonce)):
        raise TokenError(_("The verification question has expired. Please answer the new question."))
    try:
        value = int(str(answer).strip())
    except (TypeError, ValueError):
        value = None
    if value is None or not hmac.compare_digest(mac, _answer_mac(protection, nonce, value)):
        # One guess per question: a wrong answer burns it.
        cache.set(_burnt_key(protection, nonce), 1, protection.form_max_age)
        raise TokenError(_("Wrong answer to the verification question. Please answer the new question."))
    return nonce


def check_question_once(protection: Protection, token: str, answer) -> None:
    """Like :func:`check_form_token`, and the solved question is then burnt:
    one use per answered question (an intake needs no burning when its nonce
    is stored with what it created). Raises :class:`TokenError`."""
    nonce = check_form_token(protection, token, answer)
    if not cache.add(_burnt_key(protection, nonce), 1, protection.form_max_age):
        raise TokenError(_("The verification question has expired. Please answer the new question."))


def client_ip(protection: Protection, request) -> str:
    header = protection.client_ip_header
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(protection: Protection, scope: str, ident: str) -> str:
    return "%s:rl:%s:%s" % (protection.namespace, scope, hashlib.sha256(ident.encode()).hexdigest()[:32])


def rate_limited(protection: Protection, scope: str, ident: str, rate: str) -> bool:
    """Count one hit of *ident* in *scope*; True when the limit is exceeded."""
    if not protection.rate_limits_enabled:
        return False
    limit, period = parse_rate(rate)
    key = _rate_key(protection, scope, ident)
    if cache.add(key, 1, period):  # the first hit in the window: one round trip
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period)
        count = 1
    return count > limit


def is_blocked(protection: Protection, scope: str, ident: str, rate: str) -> bool:
    """Whether *ident* has already used up *scope* (without counting a hit)."""
    if not protection.rate_limits_enabled:
        return False
    limit, _period = parse_rate(rate)
    return (cache.get(_rate_key(protection, scope, ident)) or 0) >= limit


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


def _key(protection: Protection, kind: str, ident: str) -> str:
    return "%s:sf:%s:%s" % (protection.namespace, kind, hashlib.sha256(ident.encode()).hexdigest()[:32])


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


def status_wait(protection: Protection, address: str) -> int:
    """Seconds *address* must still wait before its next look-up (0: none).
    The deadline is kept as a timestamp, so it holds on any cache backend."""
    if not protection.rate_limits_enabled:
        return 0
    until = cache.get(_key(protection, "w", address))
    return max(0, math.ceil(until - time.time())) if until else 0


def status_needs_question(protection: Protection, address: str, number: str | None, limits: StatusLookupLimits) -> bool:
    """Whether a look-up from *address* (of *number*, when known) must answer
    the question: the address has used its free failures, or the number has
    had ``number_captcha_after`` failures from anywhere. Counted the same for
    numbers that exist and numbers that do not."""
    if not protection.rate_limits_enabled:
        return False
    keys = [_key(protection, "a", address)] + ([_key(protection, "n", number)] if number is not None else [])
    counts = cache.get_many(keys)
    if (counts.get(keys[0]) or 0) >= limits.free_failures:
        return True
    return number is not None and (counts.get(keys[1]) or 0) >= limits.number_captcha_after


def record_status_failure(protection: Protection, address: str, number: str, limits: StatusLookupLimits) -> int:
    """Count a wrong look-up of *number* from *address*; start the address's
    wait. Returns the wait in seconds (0: none). The number gets no wait of
    its own: that would let anyone keep the applicant out."""
    if not protection.rate_limits_enabled:
        return 0
    window = max(1, limits.failure_window)
    _count(_key(protection, "n", number), window)
    wait = backoff_seconds(_count(_key(protection, "a", address), window), limits)
    if wait:
        cache.set(_key(protection, "w", address), time.time() + wait, wait + 60)
    return wait
