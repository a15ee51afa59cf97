"""Admin URLs of ``wagtail_gk_village`` (registered under ``/admin/gk-village/``
with the namespace ``wagtail_gk_village_admin``)."""

from django.urls import path

from .views import editor, township

app_name = "wagtail_gk_village_admin"

urlpatterns = [
    path("", editor.home, name="home"),
    path("<int:village_page_id>/new/", editor.create, name="create"),
    path("notice/<int:notice_id>/edit/", editor.edit, name="edit"),
    path("notice/<int:notice_id>/preview/", editor.preview, name="preview"),
    path("notice/<int:notice_id>/submit/", editor.submit, name="submit"),
    path("notice/<int:notice_id>/sign-off/", editor.sign_off, name="sign_off"),
    path("templates/<slug:kind>.xlsx", editor.spreadsheet_template, name="spreadsheet_template"),
    path("township/", township.index, name="township_index"),
    path("township/<int:township_id>/", township.overview, name="overview"),
    path("township/<int:township_id>/alignment/", township.alignment, name="alignment"),
]
