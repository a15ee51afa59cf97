"""Names of the steps of a request's timeline, for the review ledger
(recorded as ``foia.<step>``) and the archived timeline: the officer's
actions of :mod:`wagtail_gk_foia.actions` and the steps that are not actions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def _steps_outside_the_registry() -> dict:
    return {
        "register": _("Registration of the request"),
        "assign": _("Change of case officer"),
        "note": _("Case note added"),
        "attachment": _("Upload of an attachment"),
        "issue_document": _("Issue of a document"),
        "recalculate_deadlines": _("Time limits recalculated"),
    }


def step_labels() -> dict:
    """Step code → label, e.g. ``{"register": "Request registered", …}``."""
    from .actions import registry

    labels = _steps_outside_the_registry()
    labels.update({action.code: action.label for action in registry})
    return labels


def step_label(code: str) -> str:
    return str(step_labels().get(code, code))


def ledger_action_labels() -> dict:
    """The labels as the ``register_gk_ledger_actions`` hook expects them."""
    return {f"foia.{code}": label for code, label in step_labels().items()}


def ledger_decision_labels() -> dict:
    """A disclosure step records the request's new status as the ledger's conclusion."""
    from .models import Status

    return dict(Status.choices)
