"""Test settings: the example site, with services chosen by environment.

- ``DATABASE_URL`` unset: SQLite (in memory for the test run).
- ``DATABASE_URL=postgres://…``: PostgreSQL; ``GK_TEST_DB_NAME`` names the
  test database so that parallel runs do not collide.
- ``REDIS_URL``: tests marked ``redis`` use it; tasks still run inline unless
  a test switches the backend.
"""

import os
import tempfile

from example_site.settings import *  # noqa: F403

SECRET_KEY = "tests-only"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="gk-test-media-")
GK_FOIA_PRIVATE_ROOT = MEDIA_ROOT + "-private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if "django_rq" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS += ["django_rq"]  # noqa: F405
INSTALLED_APPS += ["tests.gate_snippets"]  # noqa: F405  (a publishable snippet for the gate tests)
RQ_QUEUES = {"default": {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"), "DEFAULT_TIMEOUT": 60}}
if os.environ.get("GK_TEST_DB_NAME"):
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ["GK_TEST_DB_NAME"]  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
