"""The read-only JSON API: the catalogue's products and producers (`catalogue.api`),
the OTOP tourism villages, and Wagtail's own API for pages."""

from __future__ import annotations

from django.urls import include, path

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from rest_framework import routers, serializers, viewsets

from catalogue.api import Pages, ProducerViewSet, ProductViewSet

from .models import VillagePage


class VillageSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="title")
    language = serializers.CharField(source="locale.language_code")
    tambon_code = serializers.CharField(source="tambon_id")
    province_code = serializers.CharField(source="tambon.district.province_id")
    province_th = serializers.CharField(source="tambon.district.province.name_th")
    province_en = serializers.CharField(source="tambon.district.province.name_en")
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    url = serializers.SerializerMethodField()

    def get_url(self, village) -> str:
        return village.get_full_url(self.context["request"])


class VillageViewSet(viewsets.ReadOnlyModelViewSet):
    """Live village pages in both languages (`?language=th` or `en` for one)."""

    serializer_class = VillageSerializer
    pagination_class = Pages
    lookup_value_regex = r"\d{1,18}"  # a longer number overflows SQLite

    def get_queryset(self):
        villages = (
            VillagePage.objects.live()
            .public()
            .select_related("locale", "tambon__district__province")
            .order_by("path")
        )
        language = self.request.query_params.get("language")
        if language in ("th", "en"):
            villages = villages.filter(locale__language_code=language)
        return villages


router = routers.DefaultRouter()
router.register("products", ProductViewSet, basename="api-product")
router.register("producers", ProducerViewSet, basename="api-producer")
router.register("villages", VillageViewSet, basename="api-village")

pages_router = WagtailAPIRouter("wagtailapi")
pages_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v2/", pages_router.urls),
]


class ApiNotFoundMiddleware:
    """Keeps the API's 404s as 404s. Django's LocaleMiddleware answers a 404 outside
    the language prefixes with a redirect to /th/… whenever that path resolves, and
    Wagtail's catch-all page route resolves every path. Handing LocaleMiddleware
    this module's URLconf (no language prefixes) for API responses leaves them alone.
    Listed after LocaleMiddleware, so it sees the response first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.path_info.startswith("/api/"):
            request.urlconf = __name__
        return response
