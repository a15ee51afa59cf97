"""Settings read by ``wagtail_gk_interaction``, each with its default.

Every setting is read at call time through :func:`interaction_setting`, so
``override_settings`` works in tests and a host project can change a value
without touching imports. The reference is
``docs/reference/settings-wagtail_gk_interaction.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail_gk.intake.antispam import Protection, StatusLookupLimits

DEFAULTS = {
    # Changes to the built-in kinds of letter, or added kinds: {code: {"label":
    # str, "reply_days": int, "anonymous": bool}}; a key left out keeps the
    # built-in value. Reply limits are working days after the day received.
    "GK_INTERACTION_KINDS": {},
    # Working days the 领导信箱 has to reply (local practice varies).
    "GK_INTERACTION_LEADER_REPLY_DAYS": 10,
    # The longest single extension an officer may give, in working days.
    "GK_INTERACTION_MAX_EXTENSION_DAYS": 10,
    # A reply due within this many working days is "due soon" (inbox highlight).
    "GK_INTERACTION_DUE_SOON_DAYS": 2,
    # Months after which an unanswered 咨询 fails the national inspection (互动回应差).
    "GK_INTERACTION_ALARM_MONTHS": 3,
    # Tracking number pattern; placeholders {year} and {serial}.
    "GK_INTERACTION_TRACKING_NUMBER_FORMAT": "HD{year}{serial:06d}",
    # Longest subject and letter text, in characters.
    "GK_INTERACTION_SUBJECT_MAX_LENGTH": 100,
    "GK_INTERACTION_BODY_MAX_LENGTH": 3000,
    # The form's arithmetic question and the rate limits; turn off only in a
    # benchmark or test settings module (a system check warns).
    "GK_INTERACTION_CAPTCHA_ENABLED": True,
    "GK_INTERACTION_RATE_LIMITS_ENABLED": True,
    # Letters allowed per client address: "count/period", period s, m, h or d.
    "GK_INTERACTION_INTAKE_RATE": "5/h",
    # Status look-ups per client address before each further one needs the question.
    "GK_INTERACTION_STATUS_RATE": "30/h",
    # Wrong look-ups an address may make before it must answer the question
    # and wait 2, 4, 8 … seconds (at most GK_INTERACTION_STATUS_BACKOFF_MAX).
    "GK_INTERACTION_STATUS_FREE_FAILURES": 3,
    "GK_INTERACTION_STATUS_BACKOFF_MAX": 300,
    # Wrong look-ups of one tracking number after which every look-up of it needs the question.
    "GK_INTERACTION_STATUS_NUMBER_CAPTCHA_AFTER": 5,
    # Seconds wrong look-ups are remembered.
    "GK_INTERACTION_STATUS_FAILURE_WINDOW": 24 * 60 * 60,
    # WSGI environ key holding the client address behind a trusted proxy; empty: REMOTE_ADDR.
    "GK_INTERACTION_CLIENT_IP_HEADER": "",
    # Seconds a form (its one-time token and question) stays valid.
    "GK_INTERACTION_FORM_MAX_AGE": 2 * 60 * 60,
    # Seconds the receipt stays readable from the writer's signed cookie.
    "GK_INTERACTION_RECEIPT_MAX_AGE": 24 * 60 * 60,
    # Published letters per page of the public list.
    "GK_INTERACTION_PUBLIC_PAGE_SIZE": 20,
}


def interaction_setting(name: str):
    """Return the value of the ``GK_INTERACTION_`` setting *name*, or its documented default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown wagtail_gk_interaction setting {name}")
    return getattr(settings, name, DEFAULTS[name])


@dataclass(frozen=True)
class LetterKind:
    code: str
    label: str
    reply_days: int
    anonymous: bool  # whether a letter of this kind may be sent without a name


def _builtin_kinds() -> dict[str, dict]:
    return {
        "leader": {"label": _("Leader's mailbox"), "reply_days": interaction_setting("GK_INTERACTION_LEADER_REPLY_DAYS"), "anonymous": False},
        "consultation": {"label": _("Enquiry"), "reply_days": 5, "anonymous": True},
        "complaint": {"label": _("Complaint"), "reply_days": 7, "anonymous": False},
        "suggestion": {"label": _("Suggestion"), "reply_days": 10, "anonymous": True},
        "help": {"label": _("Request for help"), "reply_days": 7, "anonymous": False},
    }


def letter_kinds() -> dict[str, LetterKind]:
    """The kinds of letter in force: the built-in ones with ``GK_INTERACTION_KINDS`` applied."""
    merged = _builtin_kinds()
    for code, values in (interaction_setting("GK_INTERACTION_KINDS") or {}).items():
        merged[code] = {**merged.get(code, {"label": code, "reply_days": 10, "anonymous": False}), **values}
    return {
        code: LetterKind(code, values["label"], int(values["reply_days"]), bool(values["anonymous"]))
        for code, values in merged.items()
    }


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.code, kind.label) for kind in letter_kinds().values()]


def kind_label(code: str) -> str:
    kind = letter_kinds().get(code)
    return str(kind.label) if kind else code


def protection() -> Protection:
    """The letter forms' protection (core's shared intake), from the settings of the moment."""
    return Protection(
        namespace="gk_interaction",
        salt="wagtail_gk_interaction",
        captcha_enabled=bool(interaction_setting("GK_INTERACTION_CAPTCHA_ENABLED")),
        rate_limits_enabled=bool(interaction_setting("GK_INTERACTION_RATE_LIMITS_ENABLED")),
        form_max_age=int(interaction_setting("GK_INTERACTION_FORM_MAX_AGE")),
        client_ip_header=interaction_setting("GK_INTERACTION_CLIENT_IP_HEADER"),
    )


def status_lookup_limits() -> StatusLookupLimits:
    return StatusLookupLimits(
        free_failures=int(interaction_setting("GK_INTERACTION_STATUS_FREE_FAILURES")),
        backoff_max=int(interaction_setting("GK_INTERACTION_STATUS_BACKOFF_MAX")),
        number_captcha_after=int(interaction_setting("GK_INTERACTION_STATUS_NUMBER_CAPTCHA_AFTER")),
        failure_window=int(interaction_setting("GK_INTERACTION_STATUS_FAILURE_WINDOW")),
    )
