"""Admin URLs of the policy library, mounted by ``wagtail_hooks`` under
``register_admin_urls`` with the namespace ``wagtail_gk_policy_admin``."""

from django.urls import path

from .views import admin

urlpatterns = [
    path("qr/<int:page_id>/", admin.qr_overview, name="qr"),
    path("qr/<int:page_id>/qr.<str:fmt>", admin.qr_download, name="qr_download"),
    path("qr/<int:page_id>/poster.pdf", admin.poster, name="poster"),
    path("posters/", admin.poster_sheet, name="sheet"),
    path("scans/", admin.scan_report, name="scans"),
    path("deliveries/<int:delivery_id>/retry/", admin.retry_delivery, name="retry_delivery"),
    path("index/rebuild/", admin.rebuild_index, name="rebuild_index"),
]
