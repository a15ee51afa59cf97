"""The hard gate: nothing goes live while blocking findings stand.

Every way content goes live through a publish in Wagtail ends in
``PublishRevisionAction.execute`` (admin edit/create views, bulk publish,
the end of a workflow, ``publish_scheduled``, the admin API, API v3,
``revision.publish()``, ``page.publish()``, publishable snippets). A guard
only on ``Page.publish`` or in the action registry is bypassed by several of
them, so :func:`guarded_execute` wraps that one method: it runs the gate on
the revision being published and raises :class:`PublicationBlocked` — a
Django ``ValidationError``, which both APIs already turn into a 4xx response
with the message. See docs/gate-wagtail.md, "Every publish path".

The admin paths catch it earlier or turn it into a message (see
``gate/wagtail_hooks.py`` and :func:`catching_refusals`), so a person always
sees what blocked and where, never a server error.

The wrappers are applied to Wagtail's classes by :mod:`wagtail_gk.gate.compat`,
the one module that patches Wagtail internals.
"""

from __future__ import annotations

import contextvars
import functools
import logging
from collections.abc import Callable
from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .live_saves import checked_publish, new_pages_saved_as_drafts
from .runner import GateReport, run_checks

logger = logging.getLogger(__name__)

# Set by ``publish_scheduled``: instead of raising, a refusal is reported to
# this callback and the loop goes on with the next revision.
_on_refusal: contextvars.ContextVar[Callable | None] = contextvars.ContextVar("gk_on_refusal", default=None)

#: ``extra_tags`` of every message that tells a person the gate refused; the
#: editor's findings message is not added again while one is pending.
REFUSAL_TAG = "gk-gate-refusal"


@contextmanager
def refusals_reported_to(callback: Callable):
    """Within the block, a refused publish calls ``callback(exc)`` and returns
    without publishing instead of raising :class:`PublicationBlocked`."""
    token = _on_refusal.set(callback)
    try:
        yield
    finally:
        _on_refusal.reset(token)


def blocked_message(obj, report: GateReport) -> str:
    return _("“%(title)s” has %(count)d problem(s) that must be dealt with, so it cannot be published: %(details)s") % {
        "title": str(obj),
        "count": len(report.blocking),
        "details": report.summary(),
    }


class PublicationBlocked(ValidationError):
    """Publishing *obj* was refused because of blocking findings."""

    def __init__(self, obj, revision, report: GateReport, user=None):
        self.obj = obj
        self.revision = revision
        self.report = report
        self.user = user
        self.user_message = blocked_message(obj, report)
        self.ledger_entry = None
        super().__init__({NON_FIELD_ERRORS: [self.user_message]}, code="publication_blocked")

    def __str__(self):
        return self.user_message

    def ensure_recorded(self, action: str = "gate.publish"):
        """Record the refusal in the ledger unless a record made earlier
        survives (it is lost when the refusal rolled back a transaction)."""
        from ..models.ledger import LedgerDecision
        from .ledger import LedgerEntry, record_decision

        if self.ledger_entry is not None and LedgerEntry.objects.filter(pk=self.ledger_entry.pk).exists():
            return self.ledger_entry
        self.ledger_entry = record_decision(
            self.obj,
            action,
            user=self.user,
            decision=LedgerDecision.REFUSED,
            findings=self.report.findings,
            revision=self.revision,
        )
        return self.ledger_entry


def check_before_publish(revision, user=None):
    """Run the gate on *revision*; raise :class:`PublicationBlocked` when a
    blocking finding stands, else return the report."""
    report = run_checks(revision)
    if report.blocks:
        exc = PublicationBlocked(revision.as_object(), revision, report, user=user)
        exc.ensure_recorded()
        raise exc
    return report


def guarded_execute(original):
    """Wrap ``PublishRevisionAction.execute``: check the revision, refuse a
    blocked one (or report it to :func:`refusals_reported_to`), publish and
    record the others."""

    @functools.wraps(original)
    def execute(self, skip_permission_checks=False):
        from ..models.ledger import LedgerDecision
        from .ledger import record_decision

        # Permission errors come first, as without the gate.
        self.check(skip_permission_checks=skip_permission_checks)
        report = run_checks(self.object)
        if report.blocks:
            exc = PublicationBlocked(self.object, self.revision, report, user=self.user)
            exc.ensure_recorded()
            logger.info("Publication of %r (revision %s) refused by the gate", self.object, self.revision.pk)
            callback = _on_refusal.get()
            if callback is None:
                raise exc
            callback(exc)
            return None
        with checked_publish(self.object):
            result = original(self, skip_permission_checks=True)
        went_live = getattr(self.object, "live", True) and self.object.live_revision_id == self.revision.pk
        record_decision(
            self.object,
            "gate.publish" if went_live else "gate.schedule",
            user=self.user,
            decision=LedgerDecision.PUBLISHED if went_live else LedgerDecision.RECORDED,
            findings=report.findings,
            revision=self.revision,
        )
        return result

    return execute


def _edit_url(obj) -> str:
    from wagtail.admin.admin_url_finder import AdminURLFinder

    return AdminURLFinder().get_edit_url(obj) or ""


def refusal_message(request, text: str, obj=None) -> None:
    """The one message a person gets for one refusal: tagged
    :data:`REFUSAL_TAG` (the editor does not repeat it as a findings message)
    and with a link to the findings of *obj*."""
    from wagtail.admin import messages as admin_messages

    buttons = []
    if obj is not None and getattr(obj, "pk", None) is not None:
        from .views.findings import findings_url

        buttons.append(admin_messages.button(findings_url(obj), _("See all problems")))
    admin_messages.error(request, text, buttons=buttons, extra_tags=REFUSAL_TAG)


def refusal_pending(request) -> bool:
    """Whether a refusal message is already waiting to be shown to this person."""
    storage = messages.get_messages(request)
    # Iterating marks the messages as read; they are still shown by the page
    # being rendered, which iterates them again.
    return any(REFUSAL_TAG in message.tags.split() for message in storage)


def _drop_success_messages(request) -> None:
    """Remove the success messages queued in this request (the view's
    "submitted for moderation"), keeping the others."""
    storage = messages.get_messages(request)
    kept = [message for message in storage if message.level != messages.SUCCESS]
    for message in kept:
        messages.add_message(request, message.level, message.message, extra_tags=message.extra_tags)


def automated_rejection_response(request, obj):
    """``after_edit_page`` / ``after_create_page`` (and the snippet hooks):
    when the editor has just submitted and the automated check rejected the
    draft at once, Wagtail would still say "submitted for moderation" and
    show the workflow as in moderation with changes requested. Instead the
    submission is withdrawn (the workflow is cancelled, so the status reads
    draft), the success message is removed, and the editor lands on the edit
    page with one message saying why (docs/gate.md, "What the editor sees")."""
    from wagtail.models import TaskState, WorkflowState

    from ..models.gate import AutomatedCheckTaskState

    if request.method != "POST" or "action-submit" not in request.POST:
        return None
    state = getattr(obj, "current_workflow_state", None)
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    check = AutomatedCheckTaskState.objects.filter(workflow_state=state).order_by("-started_at", "-pk").first()
    if check is None or check.status != TaskState.STATUS_REJECTED or check.revision_id != getattr(obj, "latest_revision_id", None):
        return None
    state.cancel(user=request.user)
    _drop_success_messages(request)
    refusal_message(
        request,
        _("“%(title)s” was not submitted for review: the automated check found %(count)d problem(s) that must be fixed first: %(details)s")
        % {"title": str(obj), "count": check.blocking_count, "details": check.comment},
        obj,
    )
    return redirect(_edit_url(obj) or request.get_full_path())


def _refusal_response(request, exc: PublicationBlocked, *, modal: bool = False):
    from wagtail.admin.modal_workflow import render_modal_workflow

    exc.ensure_recorded()
    refusal_message(request, exc.user_message, exc.obj)
    target = _edit_url(exc.obj) or request.get_full_path()
    if modal:
        return render_modal_workflow(request, "", None, {}, json_data={"step": "success", "redirect": target})
    return redirect(target)


def catching_refusals(method, *, modal_aware: bool):
    """Wrap an admin view method that may finish a workflow: a workflow's
    last approval publishes, and a refusal there rolls the approval back and
    would show the reviewer a server error. The wrapper turns it into a
    message on the edit page instead (see docs/gate-wagtail.md, "Traps").
    With *modal_aware*, an XHR request (the workflow action modal) gets a
    modal response that redirects there."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except PublicationBlocked as exc:
            modal = modal_aware and self.request.headers.get("x-requested-with") == "XMLHttpRequest"
            return _refusal_response(self.request, exc, modal=modal)

    return wrapper


def refuse_page_publish(request, page):
    """``before_publish_page``: the edit and create views have just saved the
    revision; refuse with a message on the edit page if it is blocked (see
    docs/gate-wagtail.md, "Hooks that can stop a publish")."""
    revision = page.get_latest_revision()
    if revision is None:
        return None
    try:
        check_before_publish(revision, user=request.user)
    except PublicationBlocked as exc:
        if page.live and page.live_revision_id is None:
            # The create view saves a new page with live=True before publishing;
            # a refused new page must not stay visible.
            from wagtail.models import Page

            Page.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
        return _refusal_response(request, exc)
    return None


def refuse_snippet_publish(request, obj):
    """``before_publish`` for snippets with ``DraftStateMixin``."""
    revision = getattr(obj, "latest_revision", None)
    if revision is None:
        return None
    try:
        check_before_publish(revision, user=request.user)
    except PublicationBlocked as exc:
        return _refusal_response(request, exc)
    return None


def refuse_bulk_publish(request, action_type, objects, action):
    """``before_bulk_action``: refuse the whole bulk publish, naming every
    blocked page, before anything is published."""

    if action_type != "publish":
        return None
    candidates = list(objects)
    form = getattr(action, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in list(candidates):
            if hasattr(page, "get_descendants"):
                candidates.extend(page.get_descendants().not_live().specific())
    refused = []
    for obj in candidates:
        revision = obj.get_latest_revision() if hasattr(obj, "get_latest_revision") else None
        report = run_checks(revision if revision is not None else getattr(obj, "specific", obj))
        if report.blocks:
            exc = PublicationBlocked(obj, revision, report, user=request.user)
            exc.ensure_recorded()
            refused.append(exc)
    if not refused:
        return None
    messages.error(
        request,
        _("Bulk publishing was not done: %(count)d page(s) have problems that must be dealt with — %(pages)s") % {
            "count": len(refused),
            "pages": "；".join(exc.user_message for exc in refused[:5]),
        },
        extra_tags=REFUSAL_TAG,
    )
    target = getattr(action, "next_url", None)
    if not target or target == request.path:
        # Without ?next= the bulk view would send the person back to itself (a 404 without ids).
        from django.urls import reverse

        parent = refused[0].obj.get_parent() if hasattr(refused[0].obj, "get_parent") else None
        target = reverse("wagtailadmin_explore", args=[parent.pk]) if parent else reverse("wagtailadmin_home")
    return redirect(target)


# --- wrappers for the paths that bypass the publish action (docs/gate-wagtail.md,
# "Paths that bypass the publish action"); applied by compat.py --------------


def recording_refusals(method, *, action: str):
    """Wrap a method that runs in its own transaction (``Page.save``,
    ``add_child``): a refusal raised inside rolled back its ledger record, so
    it is recorded again once the transaction is over."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except PublicationBlocked as exc:
            exc.ensure_recorded(action)
            raise

    return wrapper


def refusing_atomically(method, *, action: str):
    """Wrap an action that writes live pages (copy, alias, translation copy):
    it runs in one transaction, so a refusal of any page it would put live
    (raised by :mod:`.live_saves`) leaves nothing behind, and the refusal is
    recorded in the ledger after the rollback."""
    from django.db import transaction

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            with transaction.atomic():
                return method(self, *args, **kwargs)
        except PublicationBlocked as exc:
            if exc.user is None:
                exc.user = getattr(self, "user", None)
            exc.ensure_recorded(action)
            raise

    return wrapper


def copy_view_refusals(form_valid):
    """Wrap the admin copy view's ``form_valid``: a copy or alias the gate
    refuses shows the copy form again with the message, not a server error."""

    @functools.wraps(form_valid)
    def wrapper(self, form):
        try:
            return form_valid(self, form)
        except PublicationBlocked as exc:
            exc.user = self.request.user
            exc.ensure_recorded("gate.copy")
            messages.error(
                self.request,
                _("The copy was not made: %(reason)s Copy it without publishing, or fix the page first.")
                % {"reason": exc.user_message},
                extra_tags=REFUSAL_TAG,
            )
            return self.form_invalid(form)

    return wrapper


def copy_function_view_refusals(view):
    """Wagtail 7.4's copy view is a function ``copy(request, page_id)``: a copy
    or alias the gate refuses sends the editor back to the copy form with the
    message, as :func:`copy_view_refusals` does on Wagtail 8."""

    @functools.wraps(view)
    def wrapper(request, page_id, *args, **kwargs):
        try:
            return view(request, page_id, *args, **kwargs)
        except PublicationBlocked as exc:
            exc.user = request.user
            exc.ensure_recorded("gate.copy")
            messages.error(
                request,
                _("The copy was not made: %(reason)s Copy it without publishing, or fix the page first.")
                % {"reason": exc.user_message},
                extra_tags=REFUSAL_TAG,
            )
            return redirect("wagtailadmin_pages:copy", page_id)

    return wrapper


def create_view_publish(publish_action):
    """Wrap the admin create view's ``publish_action``: it saves the new page
    with ``live=True`` before the ``before_publish_page`` hook can refuse; the
    page is written as a draft instead and goes live through the (checked)
    publish of its revision."""

    @functools.wraps(publish_action)
    def wrapper(self, *args, **kwargs):
        with new_pages_saved_as_drafts():
            return publish_action(self, *args, **kwargs)

    return wrapper


def scheduled_refusals_reported(handle):
    """Wrap Wagtail's ``publish_scheduled`` command, whatever the order of
    apps: a refused revision is recorded, loses its approved go-live time (so
    the next run does not try it again), is named on stderr, and the loop
    goes on with the next revision."""

    @functools.wraps(handle)
    def wrapper(self, *args, **options):
        from wagtail.models import Revision

        refused: list[PublicationBlocked] = []

        def report(exc):
            if exc.revision is not None:
                Revision.objects.filter(pk=exc.revision.pk).update(approved_go_live_at=None)
            refused.append(exc)
            self.stderr.write(f"Refused by the publication gate: {exc.user_message}")

        with refusals_reported_to(report):
            result = handle(self, *args, **options)
        if refused:
            self.stderr.write(f"{len(refused)} scheduled revision(s) refused; see the review ledger.")
        return result

    return wrapper
