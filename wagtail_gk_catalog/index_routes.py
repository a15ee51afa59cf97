"""Routes of :class:`~wagtail_gk_catalog.models.CatalogIndexPage` (see
:mod:`wagtail_gk_catalog.routes`)."""

from django.urls import path

from .routes import index_view

urlpatterns = [path("", index_view, name="index_view")]
