"""Settings of the example host project.

The embedded default needs no services: SQLite, the database search backend,
background tasks run inline, media in a local folder. Production is chosen by
environment variables only:

- ``DATABASE_URL`` (e.g. ``postgres://user@127.0.0.1:5432/gk``)
- ``REDIS_URL`` (e.g. ``redis://127.0.0.1:6379/0``): background tasks, ours and
  Wagtail's, go to RQ; start a worker with
  ``python manage.py rqworker default --job-class django_tasks_rq.Job --with-scheduler``
- ``GK_ELASTICSEARCH_URL``: the policy library searches Elasticsearch
- ``SECRET_KEY``, ``ALLOWED_HOSTS`` (comma separated), ``DEBUG`` (``0``/``1``),
  ``GK_PUBLIC_BASE_URL``, ``MEDIA_ROOT``, ``STATIC_ROOT``, ``EMAIL_HOST`` (else
  mail is saved as files in ``EMAIL_FILE_PATH``, default ``example_site/mail``)
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = Path(__file__).resolve().parent


def env_flag(name, default=False):
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DEBUG", default="SECRET_KEY" not in os.environ)
SECRET_KEY = os.environ.get("SECRET_KEY", "example-site-insecure-key-for-local-demo-only")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
# A refused form post gets a translated page that leads back to the form (docs/install.md).
CSRF_FAILURE_VIEW = "wagtail_gk.views.csrf.csrf_failure"

INSTALLED_APPS = [
    "example_site.home",
    "wagtail_gk",
    "wagtail_gk.policy",
    "wagtail_gk_catalog",
    "wagtail_gk_foia",
    "wagtail_gk_village",
    "wagtail_gk_interaction",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "wagtail_gk_village.middleware.VillageOnlyAdminMiddleware",
]

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "example_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# No avatars from gravatar.com: government intranets cannot reach it, and it
# would send a hash of every editor's e-mail address abroad.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
# Identity proofs and documents of disclosure requests: outside MEDIA_ROOT, never served.
GK_FOIA_PRIVATE_ROOT = os.environ.get("GK_FOIA_PRIVATE_ROOT", str(PROJECT_DIR / "media-private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

WAGTAIL_SITE_NAME = "永宁县人民政府"
# Admin links in e-mails (Wagtail's moderation mail, reminders); ``HOST`` is
# the address ``make demo HOST=…`` serves on.
_HOST = os.environ.get("HOST") or "127.0.0.1:8000"
WAGTAILADMIN_BASE_URL = os.environ.get("GK_PUBLIC_BASE_URL") or (_HOST if "://" in _HOST else "http://" + _HOST).rstrip("/")
GK_PUBLIC_BASE_URL = os.environ.get("GK_PUBLIC_BASE_URL", "")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "doc", "odt", "pdf", "txt", "xlsx", "xls", "zip", "jpg", "png"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Uploaded and replacing document files pass the publication gate (docs/gate.md).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "wagtail_gk.gate.document_guard.GatedDocumentForm"
# Wagtail's database search with Chinese segmented (admin search, choosers, header search).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail_gk.search.backends.database"}}

# Background tasks: inline by default, RQ through django-rq when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

GK_ELASTICSEARCH_URL = os.environ.get("GK_ELASTICSEARCH_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"wagtail_gk": {"handlers": ["console"], "level": os.environ.get("GK_LOG_LEVEL", "INFO")}},
}

if not DEBUG:
    SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Mail: saved as files in EMAIL_FILE_PATH (one file per message; gk_demo names
# the folder) unless an SMTP host is given, so that the demo's policy
# notifications and reminders never try a mail server that is not there.
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(PROJECT_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gk@example.gov.cn")
