"""Every patch the gate makes to Wagtail's internals, in one place.

Wagtail has no hook that can stop every publish, nor one that turns a refusal
during the final workflow approval into a message, so the gate wraps a few
Wagtail methods. Each :class:`Patch` in :data:`PATCHES` names its target, the
wrapper and why it is needed; :func:`install` applies them once, from
``AppConfig.ready()``. A wrapped attribute carries the marker attribute
:data:`MARKER`, and the system check ``wagtail_gk.E106``
(:func:`wagtail_gk.gate.checks.check_wagtail_patches`) reports any target the
running Wagtail no longer has and any patch that is not in place.

When upgrading Wagtail, read docs/gate-wagtail.md (the facts each patch
relies on, and the table of patches) and re-run the publish-path tests.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

#: Set to ``True`` on every function this module puts in place of a Wagtail one.
MARKER = "gk_gate"


@dataclass(frozen=True)
class Patch:
    """One wrapped attribute of a Wagtail class."""

    module: str
    owner: str
    attribute: str
    wrap: Callable[[Callable], Callable]  # takes the original, returns its replacement
    reason: str
    doc_section: str  # the section of docs/gate-wagtail.md that explains it

    @property
    def target(self) -> str:
        return f"{self.module}.{self.owner}.{self.attribute}"

    def resolve_owner(self):
        """The class to patch; raises ``ImportError`` or ``AttributeError``
        when this Wagtail no longer has it."""
        return getattr(importlib.import_module(self.module), self.owner)


def _guarded_execute(original):
    from .guard import guarded_execute

    return guarded_execute(original)


def _catching_modal(original):
    from .guard import catching_refusals

    return catching_refusals(original, modal_aware=True)


def _catching(original):
    from .guard import catching_refusals

    return catching_refusals(original, modal_aware=False)


PATCHES: tuple[Patch, ...] = (
    Patch(
        "wagtail.actions.publish_revision",
        "PublishRevisionAction",
        "execute",
        _guarded_execute,
        "Every publish (admin views, bulk, workflow end, publish_scheduled, both APIs, "
        "revision.publish(), page.publish(), snippets) ends here; the gate refuses blocked revisions.",
        "Every publish path",
    ),
    Patch(
        "wagtail.admin.views.generic.workflow",
        "WorkflowAction",
        "post",
        _catching_modal,
        "The workflow action modal can approve the last task, which publishes; a refusal becomes a message.",
        "Traps",
    ),
    Patch(
        "wagtail.admin.views.pages.edit",
        "EditView",
        "perform_workflow_action",
        _catching,
        "Approving the last task from the page editor publishes; a refusal becomes a message.",
        "Traps",
    ),
    Patch(
        "wagtail.admin.views.generic.mixins",
        "CreateEditViewOptionalFeaturesMixin",
        "workflow_action_action",
        _catching,
        "Approving the last task from the snippet editor publishes; a refusal becomes a message.",
        "Traps",
    ),
)


def is_patched(function) -> bool:
    return bool(getattr(function, MARKER, False))


def install(patches: tuple[Patch, ...] | None = None) -> None:
    """Apply each patch unless it is already in place. A target this Wagtail
    no longer has stops the start-up (``ImproperlyConfigured``) rather than
    let content be published unchecked."""
    missing = []
    for patch in PATCHES if patches is None else patches:
        try:
            owner = patch.resolve_owner()
            original = getattr(owner, patch.attribute)
        except (ImportError, AttributeError):
            missing.append(patch.target)
            continue
        if is_patched(original):
            continue
        replacement = patch.wrap(original)
        setattr(replacement, MARKER, True)
        setattr(owner, patch.attribute, replacement)
    if missing:
        raise ImproperlyConfigured(
            f"The publication gate cannot patch {', '.join(missing)} in Wagtail {wagtail_version()}; "
            "see docs/gate-wagtail.md."
        )


def problems(patches: tuple[Patch, ...] | None = None) -> list[tuple[Patch, str]]:
    """``(patch, what is wrong)`` for every patch that is not in place."""
    found = []
    for patch in PATCHES if patches is None else patches:
        try:
            owner = patch.resolve_owner()
        except (ImportError, AttributeError):
            found.append((patch, "it no longer exists"))
            continue
        current = getattr(owner, patch.attribute, None)
        if current is None:
            found.append((patch, "it no longer exists"))
        elif not is_patched(current):
            found.append((patch, "the patch is not in place"))
    return found


def wagtail_version() -> str:
    import wagtail

    return wagtail.__version__
