"""Settings for an RQ worker started by the test suite against the test database.

The test passes the test database's name and the queue in the environment, so
the worker sees exactly the rows the test committed.
"""

import os

from tests.settings import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["GK_WORKER_DB_NAME"]  # noqa: F405
_queue = os.environ.get("GK_WORKER_QUEUE", "gk_test")
RQ_QUEUES = {_queue: {"URL": os.environ["REDIS_URL"], "DEFAULT_TIMEOUT": 120}}
TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [_queue]}}
