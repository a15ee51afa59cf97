"""Background work through a real RQ worker: one of our tasks and one of Wagtail's."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from example_site.home.models import ArticlePage
from wagtail_gk.models import ShortLink, ShortLinkScan
from wagtail_gk.tasks import enqueue_on_commit, record_short_link_scan

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def rq_queue(settings, redis_url, postgres):
    # Tasks name their queue ("default"); isolation comes from REDIS_URL's database.
    queue = "default"
    settings.RQ_QUEUES = {queue: {"URL": redis_url, "DEFAULT_TIMEOUT": 120}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue]}}
    return queue


def run_worker(queue: str, redis_url: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "GK_WORKER_DB_NAME": connection.settings_dict["NAME"],
        "GK_WORKER_QUEUE": queue,
        "REDIS_URL": redis_url,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "rqworker", queue, "--burst", "--job-class", "django_tasks_rq.Job"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rq_worker_runs_our_task_and_wagtails(rq_queue, redis_url):
    from wagtail.models import ReferenceIndex
    from wagtail.tasks import update_reference_index_task

    from example_site.home.demo import build_base

    build_base()
    page = ArticlePage.objects.live().first()
    link = ShortLink.objects.for_page(page)
    ReferenceIndex.objects.all().delete()

    enqueue_on_commit(record_short_link_scan, link.pk, timezone.localdate().isoformat())
    update_reference_index_task.enqueue("home", "articlepage", page.pk)
    assert not ShortLinkScan.objects.filter(link=link).exists()  # nothing ran in this process

    result = run_worker(rq_queue, redis_url)
    assert result.returncode == 0, result.stderr[-2000:]
    assert ShortLinkScan.objects.get(link=link).count == 1
    assert ReferenceIndex.objects.filter(object_id=str(page.pk)).exists()
