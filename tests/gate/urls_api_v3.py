"""The example site's URLs plus Wagtail's API v3 (not mounted by the example site)."""

from django.urls import path
from wagtail.api.v3.urls import api

from example_site.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("api/v3/", api.urls), *site_urlpatterns]
