"""The read-only JSON API over the catalogue (Django REST framework): eligible products
and the producers of the register, in pages. Villages are served by `villages.api`."""

from __future__ import annotations

from django.db.models import Min, OuterRef, Prefetch, Subquery

from oscar.core.loading import get_model

from rest_framework import serializers, viewsets
from rest_framework.pagination import PageNumberPagination

from .certificates import Certificate
from .open_data import eligible_products, published_producers

StockRecord = get_model("partner", "StockRecord")


class Pages(PageNumberPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


class CertificateSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="kind")

    class Meta:
        model = Certificate
        fields = ["type", "number", "issuer", "issued_on", "expires_on"]


class ProducerSerializer(serializers.Serializer):
    registration_number = serializers.CharField()
    name_th = serializers.CharField()
    name_en = serializers.CharField()
    type = serializers.CharField(source="kind")
    status = serializers.CharField()
    tambon_code = serializers.CharField(source="tambon_id")
    district_th = serializers.CharField(source="tambon.district.name_th")
    province_code = serializers.CharField(source="tambon.district.province_id")
    province_th = serializers.CharField(source="tambon.district.province.name_th")
    province_en = serializers.CharField(source="tambon.district.province.name_en")
    url = serializers.SerializerMethodField()

    def get_url(self, producer) -> str:
        from django.urls import reverse

        path = reverse("producers:profile", args=[producer.registration_number])
        return self.context["request"].build_absolute_uri(path)


class ProductSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title_th = serializers.CharField(source="title")
    title_en = serializers.CharField()
    producer = serializers.CharField(source="producer.registration_number")
    categories = serializers.SerializerMethodField()
    stars = serializers.IntegerField(source="opc_stars")
    selection_year = serializers.IntegerField(source="opc_year")
    price_thb = serializers.DecimalField(max_digits=12, decimal_places=2)
    certificates = serializers.SerializerMethodField()
    tambon_code = serializers.CharField(source="producer.tambon_id")
    url = serializers.SerializerMethodField()

    def get_categories(self, product) -> list[dict]:
        return [
            {"th": c.name, "en": c.name_en or c.name} for c in product.categories.all()
        ]

    def get_certificates(self, product) -> list[dict]:
        held = product.current_certificates + product.producer.general_certificates
        return CertificateSerializer(held, many=True).data

    def get_url(self, product) -> str:
        return self.context["request"].build_absolute_uri(product.get_absolute_url())


class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    """Eligible products, by id."""

    serializer_class = ProductSerializer
    pagination_class = Pages
    lookup_value_regex = r"\d{1,18}"  # a longer number overflows SQLite

    def get_queryset(self):
        lowest_price = (
            StockRecord.objects.filter(product=OuterRef("pk"), price__isnull=False)
            .order_by()
            .values("product")
            .annotate(low=Min("price"))
            .values("low")
        )
        current = Certificate.objects.current().order_by("kind", "pk")
        return (
            eligible_products()
            .with_current_rating()
            .annotate(price_thb=Subquery(lowest_price))
            .select_related("producer")
            .prefetch_related(
                "categories",
                Prefetch("certificates", current, to_attr="current_certificates"),
                Prefetch(
                    "producer__certificates",
                    current.filter(product__isnull=True),
                    to_attr="general_certificates",
                ),
            )
            .order_by("pk")
        )


class ProducerViewSet(viewsets.ReadOnlyModelViewSet):
    """Producers in the register, by registration number."""

    serializer_class = ProducerSerializer
    pagination_class = Pages
    lookup_field = "registration_number"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return (
            published_producers()
            .select_related("tambon__district__province")
            .order_by("registration_number")
        )
