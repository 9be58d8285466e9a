"""URL map: Thai (/th/, default) and English (/en/) prefixes for every storefront page;
Wagtail serves the home and story pages, Oscar the shop under the same prefixes."""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    # The home page is Wagtail's; Oscar's own "" route (named "home") is shadowed by it.
    path("", wagtail_views.serve, {"path": ""}, name="wagtail_home"),
    path("producers/", include("producers.urls")),
    path("", include(apps.get_app_config("oscar").urls[0])),
    path("", include(wagtail_urls)),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
