"""Protection of the public forms without outside services.

- a one-time form token, signed and time-limited, carrying a nonce that the
  registration stores (so the same form cannot create two requests);
- an arithmetic question whose answer is bound to the token by an HMAC;
- fixed-window rate limits on the Django cache, per client address.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _

from .conf import foia_setting, parse_rate

SALT = "wagtail_gk_foia.form-token"
NUMERALS = "零一二三四五六七八九十"


def _answer_mac(nonce: str, answer: int) -> str:
    key = hashlib.sha256(f"wagtail_gk_foia.captcha:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, f"{nonce}:{answer}".encode(), hashlib.sha256).hexdigest()[:32]


def _numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n]
    return ("" if n < 20 else NUMERALS[n // 10]) + "十" + (NUMERALS[n % 10] if n % 10 else "")


def issue_form_token() -> tuple[str, str]:
    """A fresh (token, question). The question is in Chinese numerals, e.g. "七加五等于几？"."""
    nonce = secrets.token_hex(16)
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2) and a != b:
        a, b = max(a, b), min(a, b)
        answer, question = a - b, _("%(a)s减%(b)s等于几？") % {"a": _numeral(a), "b": _numeral(b)}
    else:
        answer, question = a + b, _("%(a)s加%(b)s等于几？") % {"a": _numeral(a), "b": _numeral(b)}
    token = signing.TimestampSigner(salt=SALT).sign(f"{nonce}:{_answer_mac(nonce, answer)}")
    return token, question


class TokenError(Exception):
    pass


def check_form_token(token: str, answer) -> str:
    """Validate *token* (and *answer* when the question is enabled); return its nonce."""
    try:
        payload = signing.TimestampSigner(salt=SALT).unsign(token or "", max_age=foia_setting("GK_FOIA_FORM_MAX_AGE"))
    except signing.SignatureExpired:
        raise TokenError(_("表单已过期，请重新填写验证问题后提交。")) from None
    except signing.BadSignature:
        raise TokenError(_("表单校验失败，请刷新页面后重新提交。")) from None
    nonce, _sep, mac = payload.partition(":")
    if not foia_setting("GK_FOIA_CAPTCHA_ENABLED"):
        return nonce
    if cache.get(f"gk_foia:burnt:{nonce}"):
        raise TokenError(_("验证问题已失效，请回答新的问题。"))
    try:
        value = int(str(answer).strip())
    except (TypeError, ValueError):
        value = None
    if value is None or not hmac.compare_digest(mac, _answer_mac(nonce, value)):
        # One guess per question: a wrong answer burns it.
        cache.set(f"gk_foia:burnt:{nonce}", 1, foia_setting("GK_FOIA_FORM_MAX_AGE"))
        raise TokenError(_("验证问题回答错误，请回答新的问题。"))
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
