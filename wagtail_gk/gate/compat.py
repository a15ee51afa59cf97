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
    """One wrapped attribute of a Wagtail class (or, with an empty *owner*, a
    function of a Wagtail module), for the Wagtail versions in
    [*since*, *before*)."""

    module: str
    owner: str
    attribute: str
    wrap: Callable[[Callable], Callable]  # takes the original, returns its replacement
    reason: str
    doc_section: str  # the section of docs/gate-wagtail.md that explains it
    since: tuple[int, ...] = ()
    before: tuple[int, ...] = ()

    @property
    def target(self) -> str:
        return ".".join(part for part in (self.module, self.owner, self.attribute) if part)

    def applies(self, version: tuple[int, ...] | None = None) -> bool:
        """Whether this patch is meant for the running (or the given) Wagtail version."""
        version = version or wagtail_version_info()
        return (not self.since or version >= self.since) and (not self.before or version < self.before)

    def resolve_owner(self):
        """The class (or module) to patch; raises ``ImportError`` or
        ``AttributeError`` when this Wagtail no longer has it."""
        module = importlib.import_module(self.module)
        return getattr(module, self.owner) if self.owner else module


def _guarded_execute(original):
    from .guard import guarded_execute

    return guarded_execute(original)


def _catching_modal(original):
    from .guard import catching_refusals

    return catching_refusals(original, modal_aware=True)


def _catching(original):
    from .guard import catching_refusals

    return catching_refusals(original, modal_aware=False)


def _atomic(action):
    def wrap(original):
        from .guard import refusing_atomically

        return refusing_atomically(original, action=action)

    return wrap


def _recording(original):
    from .guard import recording_refusals

    return recording_refusals(original, action="gate.live_save")


def _copy_view(original):
    from .guard import copy_view_refusals

    return copy_view_refusals(original)


def _copy_function_view(original):
    from .guard import copy_function_view_refusals

    return copy_function_view_refusals(original)


def _create_view(original):
    from .guard import create_view_publish

    return create_view_publish(original)


def _scheduled(original):
    from .guard import scheduled_refusals_reported

    return scheduled_refusals_reported(original)


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
    Patch(
        "wagtail.models.pages",
        "Page",
        "save",
        _recording,
        "save() of a live page writes public content without a publish; the live-save check refuses it, "
        "and the wrapper records the refusal after save()'s transaction rolled back.",
        "add_child and save()",
    ),
    Patch(
        "wagtail.models.pages",
        "Page",
        "add_child",
        _recording,
        "add_child(instance=…) of a live instance makes it live at once; the refusal is recorded after the tree "
        "update rolled back.",
        "add_child and save()",
    ),
    Patch(
        "wagtail.models.pages",
        "Page",
        "add_sibling",
        _recording,
        "add_sibling(instance=…) of a live instance, as add_child.",
        "add_child and save()",
    ),
    Patch(
        "wagtail.actions.copy_page",
        "CopyPageAction",
        "execute",
        _atomic("gate.copy"),
        "A copy kept live is saved live without a publish; the live-save check refuses a blocked copy, "
        "and the whole copy (subpages too) rolls back.",
        "Copies",
    ),
    Patch(
        "wagtail.actions.create_alias",
        "CreatePageAliasAction",
        "execute",
        _atomic("gate.alias"),
        "An alias of a live page is created live without a publish; a blocked alias (and its subpages) rolls back.",
        "Aliases",
    ),
    Patch(
        "wagtail.actions.copy_for_translation",
        "CopyPageForTranslationAction",
        "execute",
        _atomic("gate.translation"),
        "copy_for_translation(alias=True) creates live aliases in another locale (with their parents); "
        "a refusal rolls the whole copy back.",
        "Aliases",
    ),
    Patch(
        "wagtail.admin.views.pages.copy",
        "CopyView",
        "form_valid",
        _copy_view,
        "The admin copy form (publish copies, alias) calls the actions above; a refusal becomes a message on the form.",
        "Copies",
        since=(8, 0),
    ),
    Patch(
        "wagtail.admin.views.pages.copy",
        "",
        "copy",
        _copy_function_view,
        "Wagtail 7.4's copy view is a function: as above, a refusal becomes a message on the copy form.",
        "Copies",
        before=(8, 0),
    ),
    Patch(
        "wagtail.admin.views.pages.create",
        "CreateView",
        "publish_action",
        _create_view,
        "The create view saves a new page with live=True before the before_publish_page hook can refuse; "
        "it is written as a draft and goes live only through the checked publish.",
        "Hooks that can stop a publish",
    ),
    Patch(
        "wagtail.management.commands.publish_scheduled",
        "Command",
        "handle",
        _scheduled,
        "Wagtail's publish_scheduled stops at the first refusal whatever the order of INSTALLED_APPS; "
        "the wrapper records a refusal and goes on.",
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
        if not patch.applies():
            continue
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
        if not patch.applies():
            continue
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


def wagtail_version_info() -> tuple[int, ...]:
    """The running Wagtail's (major, minor) as numbers, for :meth:`Patch.applies`."""
    import wagtail

    return tuple(wagtail.VERSION[:2])
