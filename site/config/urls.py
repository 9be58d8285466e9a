"""URL map: Thai (/th/, default) and English (/en/) prefixes for every storefront page;
Wagtail serves the home and story pages, Oscar the shop under the same prefixes."""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from catalogue.apps import SLUG
from config.robots import favicon, robots_txt
from shop.pagecache.basket_add import add_from_page
from shop.pagecache.stock_alert import alert_from_page
from shop.search.browse import FacetedCatalogueView, FacetedCategoryView
from villages import open_data, sitemaps
from villages import routing as page_routing
from villages.page_urls import wagtail_serve_thai

urlpatterns = [
    path("robots.txt", robots_txt, name="robots-txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.section, name="sitemap-section"),
    # Open data: fixed, language-free addresses (the files are bilingual).
    path(
        "open-data/producers.csv", open_data.producers_csv, name="open-data-producers"
    ),
    path("open-data/products.csv", open_data.products_csv, name="open-data-products"),
    path("open-data/kbo.csv", open_data.kbo_csv, name="open-data-kbo"),
    path(
        "open-data/villages.geojson",
        open_data.villages_file,
        name="open-data-villages",
    ),
    # The read-only JSON API (products, producers, villages; Wagtail's pages).
    path("api/", include("villages.api")),
    # Stripe's webhooks: one fixed address, outside the language prefixes.
    path("payments/", include("shop.payment.urls")),
]

urlpatterns += i18n_patterns(
    # The home page is Wagtail's; Oscar's own "" route (named "home") is shadowed by it.
    path("", page_routing.serve, {"path": ""}, name="wagtail_home"),
    # A producer's parcels to send (accept, ship with tracking number, delivered).
    path("producer/", include("shop.dashboard.parcels.urls")),
    path("producers/", include("catalogue.producers.urls")),
    # The add-to-basket forms of cached pages (no CSRF token; see the view).
    path("basket/add-from-page/<int:pk>/", add_from_page, name="basket-add-from-page"),
    path(
        "alerts/create-from-page/<int:pk>/",
        alert_from_page,
        name="alert-create-from-page",
    ),
    # The catalogue and its category pages with facets (shop.search.browse), at
    # Oscar's own addresses: these come first, so they answer catalogue:index and
    # catalogue:category.
    path("catalogue/", FacetedCatalogueView.as_view(), name="faceted-catalogue"),
    re_path(
        rf"^catalogue/category/(?P<category_slug>{SLUG}(/{SLUG})*)_(?P<pk>\d{{1,18}})/$",  # as catalogue.apps: SQLite integers
        FacetedCategoryView.as_view(),
        name="faceted-category",
    ),
    # Village experiences: booking a slot, cancelling, the host's bookings.
    path("experiences/", include("shop.experiences.urls")),
    path("", include(apps.get_app_config("oscar").urls[0])),
    path("", include("villages.urls")),
    wagtail_serve_thai,
    path("", include(wagtail_urls)),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
