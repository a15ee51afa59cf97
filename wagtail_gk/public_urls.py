"""Public URLs of ``wagtail_gk``: include with the ``wagtail_gk`` namespace,
before Wagtail's page serving catch-all::

    path("", include("wagtail_gk.public_urls")),

``/search/`` is the whole-site search (:mod:`wagtail_gk.views.search`).
"""

from django.urls import path

from .views import search, short_links

app_name = "wagtail_gk"

urlpatterns = [
    path("search/", search.site_search, name="search"),
    path("q/<str:code>/", short_links.follow_short_link, name="short_link"),
    path("q/<str:code>/qr.svg", short_links.short_link_qr_svg, name="short_link_qr_svg"),
    path("q/<str:code>/qr.png", short_links.short_link_qr_png, name="short_link_qr_png"),
]
