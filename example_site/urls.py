from django.apps import apps
from django.conf import settings
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page links; the icon is an SVG.
    path("favicon.ico", lambda request: redirect(static_url("favicon.svg"), permanent=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("wagtail_gk.public_urls")),
    path("", include("wagtail_gk.policy.urls")),
]
# A host may leave any feature app out of INSTALLED_APPS.
urlpatterns += [path("", include(f"{app}.urls")) for app in ("wagtail_gk_catalog", "wagtail_gk_foia", "wagtail_gk_village") if apps.is_installed(app)]

if settings.REDIS_URL:
    urlpatterns += [path("django-rq/", include("django_rq.urls"))]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
