"""The gate on writes that make content public without a publish.

``parent.add_child(instance=page)`` of a page with ``live=True``, a copy
kept live, a new alias, and a plain ``save()`` of a live page or live snippet
write public content straight to the row Wagtail serves (docs/gate-wagtail.md,
"Paths that bypass the publish action"). :func:`check_live_save`, a
``pre_save`` receiver on every page model and every model with
``DraftStateMixin``, checks such a write *before* the row is written and
raises :class:`~wagtail_gk.gate.guard.PublicationBlocked` when it would put a
blocking finding live; the refusal is recorded in the review ledger.

Wagtail's own bookkeeping saves must not be blocked or slowed, so the check
runs only when all of these hold:

- the instance is live and the save is not a fixture load (``raw``);
- ``update_fields``, when given, names at least one content field (the
  bookkeeping of ``save_revision``, locking, ``live_revision`` … does not);
- the object is not the one a checked publish is writing right now, nor an
  alias that publish is updating (:func:`checked_publish`);
- the row is new, was not live, or its public text differs from the row in
  the database (a move or a tree update changes no text).
"""

from __future__ import annotations

import contextvars
import logging
from contextlib import contextmanager

from django.db import models

logger = logging.getLogger(__name__)

#: Fields Wagtail writes for its own bookkeeping; a save limited to these
#: changes nothing the public reads.
BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "live_revision",
        "has_unpublished_changes",
        "draft_title",
        "first_published_at",
        "last_published_at",
        "locked",
        "locked_at",
        "locked_by",
        "numchild",
        "path",
        "depth",
        "url_path",
        "owner",
        "go_live_at",
        "expire_at",
        "expired",
        "live",
        "wagtail_admin_comments",
    }
)

# (base model label, pk) of the objects a checked publish is writing, and the
# aliases it updates; their saves inside the publish need no second check.
_checked: contextvars.ContextVar[frozenset] = contextvars.ContextVar("gk_checked_publish", default=frozenset())
# Set while the admin create view saves a new page it is about to publish:
# the page is written as a draft and becomes live only through the publish.
_new_pages_as_drafts: contextvars.ContextVar[bool] = contextvars.ContextVar("gk_new_pages_as_drafts", default=False)


def _key(obj) -> tuple[str, str]:
    base = getattr(obj, "get_base_content_type", None)
    label = base().model_class()._meta.label if base is not None else obj._meta.concrete_model._meta.label
    return label, str(obj.pk)


@contextmanager
def checked_publish(obj):
    """Within the block, saves of *obj* and of its aliases are part of a
    publish the gate has already checked."""
    token = _checked.set(_checked.get() | {_key(obj)})
    try:
        yield
    finally:
        _checked.reset(token)


@contextmanager
def new_pages_saved_as_drafts():
    """Within the block, a new page saved with ``live=True`` is written with
    ``live=False``; it goes live only when its revision is published (and so
    checked). Used around the admin create view's publish action."""
    token = _new_pages_as_drafts.set(True)
    try:
        yield
    finally:
        _new_pages_as_drafts.reset(token)


def content_field_names(model) -> frozenset[str]:
    """Names of the fields of *model* whose values the public can read: every
    concrete field and child relation not in :data:`BOOKKEEPING_FIELDS`."""
    cached = model.__dict__.get("_gk_content_fields")
    if cached is not None:
        return cached
    names = {f.name for f in model._meta.concrete_fields if not f.auto_created} | {f.attname for f in model._meta.concrete_fields}
    try:
        from modelcluster.models import get_all_child_relations

        names |= {relation.get_accessor_name() for relation in get_all_child_relations(model)}
    except ImportError:  # pragma: no cover — modelcluster ships with Wagtail
        pass
    result = frozenset(names - BOOKKEEPING_FIELDS - {"latest_revision_id", "live_revision_id", "locked_by_id", "owner_id"})
    model._gk_content_fields = result
    return result


def _public_text(obj) -> list[tuple[str, str]]:
    from .extraction import extract_object

    extraction = extract_object(obj, include_documents=False)
    return [(source.location, source.text) for source in extraction.sources] + [
        ("document", str(document.pk)) for document in extraction.documents
    ]


def _is_checked(instance) -> bool:
    checked = _checked.get()
    if not checked:
        return False
    if _key(instance) in checked:
        return True
    alias_of = getattr(instance, "alias_of_id", None)
    if alias_of is not None:
        from wagtail.models import Page

        if (Page._meta.label, str(alias_of)) in checked:
            # An alias takes the content of the page being published; its own
            # aliases follow it.
            _checked.set(checked | {_key(instance)})
            return True
    return False


def needs_check(instance, update_fields=None) -> bool:
    """Whether saving *instance* now would change what the public sees."""
    if not getattr(instance, "live", False):
        return False
    if update_fields is not None and not (set(update_fields) & content_field_names(type(instance))):
        return False
    if instance.pk is None:
        return True
    if _is_checked(instance):
        return False
    stored = type(instance)._default_manager.filter(pk=instance.pk).first()
    if stored is None or not stored.live:
        return True
    return _public_text(stored) != _public_text(instance)


def check_live_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """``pre_save``: refuse a write that would put blocking content live."""
    if raw:
        return
    if _new_pages_as_drafts.get() and instance.pk is None and getattr(instance, "live", False):
        instance.live = False
        instance.has_unpublished_changes = True
        return
    if not needs_check(instance, update_fields):
        return
    from .guard import PublicationBlocked
    from .runner import run_checks

    report = run_checks(instance)
    if report.blocks:
        exc = PublicationBlocked(instance, None, report)
        exc.ensure_recorded("gate.live_save")
        logger.info("Live save of %r refused by the gate", instance)
        raise exc


def gated_models() -> list[type[models.Model]]:
    """Every concrete page model and every concrete model with ``DraftStateMixin``."""
    from django.apps import apps
    from wagtail.models import DraftStateMixin, Page

    return [
        model
        for model in apps.get_models()
        if not model._meta.abstract and not model._meta.proxy and (issubclass(model, Page) or issubclass(model, DraftStateMixin))
    ]


def connect() -> None:
    from django.db.models.signals import pre_save

    for model in gated_models():
        pre_save.connect(check_live_save, sender=model, dispatch_uid=f"wagtail_gk_live_save_{model._meta.label_lower}")
