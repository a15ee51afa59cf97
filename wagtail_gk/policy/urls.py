"""Public URLs of ``wagtail_gk_policy``; the host includes them before Wagtail's catch-all."""

from django.urls import path

from .views import public

app_name = "wagtail_gk_policy"

urlpatterns = [
    path("policy/search/", public.search, name="search"),
    path("policy/subscribe/", public.subscribe, name="subscribe"),
    path("policy/subscriptions/<str:token>/", public.subscription, name="subscription"),
    path("policy/subscriptions/<str:token>/unsubscribe/", public.unsubscribe, name="unsubscribe"),
    path("policy/packages/<slug:slug>/", public.package, name="package"),
]
