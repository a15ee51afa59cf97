"""Public URLs of ``wagtail_gk_village``; the host includes them before Wagtail's catch-all."""

app_name = "wagtail_gk_village"

urlpatterns = []
