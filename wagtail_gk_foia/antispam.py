"""Protection of the public forms without outside services: core's shared
intake protection (:mod:`wagtail_gk.intake.antispam`) with the disclosure
request settings read at call time.

- a one-time form token, signed and time-limited, carrying a nonce that the
  registration stores (so the same form cannot create two requests);
- an arithmetic question whose answer is bound to the token by an HMAC;
- fixed-window rate limits on the Django cache, per client address;
- the status look-up's failure counters: per address (the question, then
  waits doubling up to a cap) and per tracking number (the question), never
  a lock of the right code (docs/foia.md, "The status look-up").
"""

from __future__ import annotations

from wagtail_gk.intake import antispam as core
from wagtail_gk.intake.antispam import NUMERALS, TokenError, address_key, backoff_seconds  # noqa: F401

from .conf import StatusLookupLimits, foia_setting

SALT = "wagtail_gk_foia.form-token"


def protection() -> core.Protection:
    """The disclosure-request forms' protection, from the settings of the moment."""
    return core.Protection(
        namespace="gk_foia",
        salt="wagtail_gk_foia",
        captcha_enabled=bool(foia_setting("GK_FOIA_CAPTCHA_ENABLED")),
        rate_limits_enabled=bool(foia_setting("GK_FOIA_RATE_LIMITS_ENABLED")),
        form_max_age=foia_setting("GK_FOIA_FORM_MAX_AGE"),
        client_ip_header=foia_setting("GK_FOIA_CLIENT_IP_HEADER"),
    )


def issue_form_token() -> tuple[str, str]:
    return core.issue_form_token(protection())


def check_form_token(token: str, answer) -> str:
    return core.check_form_token(protection(), token, answer)


def check_question_once(token: str, answer) -> None:
    core.check_question_once(protection(), token, answer)


def client_ip(request) -> str:
    return core.client_ip(protection(), request)


def rate_limited(scope: str, ident: str, rate: str) -> bool:
    return core.rate_limited(protection(), scope, ident, rate)


def is_blocked(scope: str, ident: str, rate: str) -> bool:
    return core.is_blocked(protection(), scope, ident, rate)


def status_wait(address: str) -> int:
    return core.status_wait(protection(), address)


def status_needs_question(address: str, number: str | None, limits: StatusLookupLimits) -> bool:
    return core.status_needs_question(protection(), address, number, limits)


def record_status_failure(address: str, number: str, limits: StatusLookupLimits) -> int:
    return core.record_status_failure(protection(), address, number, limits)
