"""Background work of the policy library (django-tasks ``@task`` functions).

- Search indexing on publish, unpublish and delete: the database index is
  always written (it is the fallback), the configured backend too when it is
  another one; an unreachable backend is retried with back-off.
- Pushing newly published policies to matching subscribers, one delivery
  per subscription and policy, each retried on failure.

Arguments are ids only, so tasks can run on RQ workers.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone
from django_tasks import task

from .conf import policy_setting

logger = logging.getLogger("wagtail_gk.policy.tasks")


def retry_later(task_obj, delay_seconds: float, *args) -> bool:
    """Enqueue *task_obj* again after *delay_seconds*. Returns False when the
    task backend cannot defer (the inline backend): retrying at once would
    only hold up the editor's request, so the caller leaves the work for
    ``gk_policy_deliver`` / ``gk_policy_index --sync``."""
    if not task_obj.get_backend().supports_defer:
        return False
    run_after = timezone.now() + datetime.timedelta(seconds=delay_seconds)
    task_obj.using(run_after=run_after).enqueue(*args)
    return True


def _backends():
    from .search import database_backend, get_backend

    configured = get_backend()
    backends = [database_backend()]
    if configured.name != "database":
        backends.append(configured)
    return backends


def _index_with_retry(task_obj, page_id: int, attempt: int, operation) -> str:
    from .search import BackendUnavailable

    outcome = "ok"
    for backend in _backends():
        try:
            operation(backend)
        except BackendUnavailable as exc:
            max_attempts = policy_setting("GK_POLICY_INDEX_MAX_ATTEMPTS")
            if attempt >= max_attempts:
                logger.error("Giving up indexing policy %s in %s after %d attempts: %s", page_id, backend.name, attempt, exc)
                return "failed"
            if retry_later(task_obj, 30 * 2 ** (attempt - 1), page_id, attempt + 1):
                logger.warning("Indexing policy %s in %s failed (attempt %d), retrying: %s", page_id, backend.name, attempt, exc)
                outcome = "retrying"
            else:
                logger.error(
                    "Indexing policy %s in %s failed and cannot be retried by this task backend "
                    "(run manage.py gk_policy_index --sync): %s", page_id, backend.name, exc)
                outcome = "failed"
    return outcome


@task()
def index_policy(page_id: int, attempt: int = 1) -> str:
    """Put the live version of policy *page_id* into the search indexes, or
    take it out if it is no longer live."""
    from .models import PolicyDocumentPage
    from .search.documents import build_document

    page = PolicyDocumentPage.objects.live().select_related("publishing_agency", "topic").filter(pk=page_id).first()
    if page is None:
        return _index_with_retry(remove_policy, page_id, attempt, lambda backend: backend.delete([page_id]))
    document = build_document(page)
    return _index_with_retry(index_policy, page_id, attempt, lambda backend: backend.index([document]))


@task()
def remove_policy(page_id: int, attempt: int = 1) -> str:
    return _index_with_retry(remove_policy, page_id, attempt, lambda backend: backend.delete([page_id]))


@task()
def rebuild_policy_index() -> int:
    """Rebuild every index from the live policies (after a dictionary change)."""
    from .search.documents import live_documents

    written = 0
    for backend in _backends():
        written = backend.rebuild(live_documents())
    return written


@task()
def notify_subscribers(page_id: int) -> int:
    """Create the deliveries for newly published policy *page_id* and send them."""
    from .notifications import create_deliveries

    deliveries = create_deliveries(page_id)
    for delivery in deliveries:
        deliver_notification.enqueue(delivery.pk)
    return len(deliveries)


@task()
def deliver_notification(delivery_id: int) -> str:
    from .notifications import attempt_delivery

    status, retry_in = attempt_delivery(delivery_id)
    if retry_in is not None:
        # Without a deferring backend, ``manage.py gk_policy_deliver`` (cron) retries.
        retry_later(deliver_notification, retry_in, delivery_id)
    return status


@task()
def deliver_due_notifications() -> int:
    """Periodic: send the notifications whose retry is due (or that a lost task
    left pending). Registered through ``register_gk_periodic_task``."""
    from .notifications import attempt_delivery, due_deliveries

    ids = list(due_deliveries().values_list("pk", flat=True))
    for delivery_id in ids:
        attempt_delivery(delivery_id)
    return len(ids)
