"""The host's URLs, with the suite's included before Wagtail's (docs/install.md, step 3)."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("wagtail_gk.public_urls")),
    path("", include("wagtail_gk.policy.urls")),
    path("", include("wagtail_gk_catalog.urls")),
    path("", include("wagtail_gk_foia.urls")),
    path("", include("wagtail_gk_village.urls")),
    path("", include(wagtail_urls)),
]
