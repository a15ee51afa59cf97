"""A host project nobody here wrote: settings as ``wagtail start`` makes them
(English, its own page types and workflow), with wagtail-gk merged in exactly
as docs/install.md says. The tests in this folder run against it:

    pytest --ds=tests.foreign_host.settings tests/foreign_host
"""

import os
import tempfile

import dj_database_url

BASE_DIR = os.path.dirname(os.path.abspath(__file__))
SECRET_KEY = "foreign-host-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]

# --- as `wagtail start` writes them ---------------------------------------------
INSTALLED_APPS = [
    "tests.foreign_host.home",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
ROOT_URLCONF = "tests.foreign_host.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
DATABASES = {"default": dj_database_url.config(default="sqlite://:memory:")}
if os.environ.get("GK_TEST_DB_NAME"):
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ["GK_TEST_DB_NAME"] + "_host"
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(tempfile.gettempdir(), "gk-host-static")
MEDIA_URL = "/media/"
MEDIA_ROOT = tempfile.mkdtemp(prefix="gk-host-media-")
WAGTAIL_SITE_NAME = "Harbour Town"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The host offers its editors English and Chinese.
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
MIDDLEWARE.insert(1, "django.middleware.locale.LocaleMiddleware")

# --- merged from docs/install.md, step 2 ------------------------------------------
INSTALLED_APPS += [
    "wagtail_gk",
    "wagtail_gk.policy",
    "wagtail_gk_catalog",
    "wagtail_gk_foia",
    "wagtail_gk_village",
    "django_tasks",
    # The host did not list this yet:
    "wagtail.contrib.settings",
]
TEMPLATES[0]["OPTIONS"]["context_processors"].append("wagtail.contrib.settings.context_processors.settings")
WAGTAIL_GRAVATAR_PROVIDER_URL = None
CSRF_FAILURE_VIEW = "wagtail_gk.views.csrf.csrf_failure"
MIDDLEWARE.append("wagtail_gk_village.middleware.VillageOnlyAdminMiddleware")
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
GK_FOIA_PRIVATE_ROOT = MEDIA_ROOT + "-private"

# --- docs/install.md, step 6 ---------------------------------------------------------
WAGTAILDOCS_DOCUMENT_FORM_BASE = "wagtail_gk.gate.document_guard.GatedDocumentForm"
