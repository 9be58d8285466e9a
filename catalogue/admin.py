"""Django admin for the producer register and OPC ratings (staff only), on top of Oscar's."""

from django.contrib import admin

from oscar.apps.catalogue.admin import *  # noqa: F403

from .models import Certificate, OpcRating, Producer, Product


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = [
        "registration_number",
        "name_th",
        "kind",
        "status",
        "expires_on",
        "tambon",
    ]
    list_filter = ["status", "kind", "tambon__district__province__region"]
    search_fields = ["registration_number", "name_th", "name_en"]
    autocomplete_fields = ["tambon"]
    list_select_related = ["tambon"]


@admin.register(OpcRating)
class OpcRatingAdmin(admin.ModelAdmin):
    list_display = ["product", "stars", "year"]
    list_filter = ["stars", "year"]
    search_fields = ["product__title", "product__title_en", "product__upc"]
    raw_id_fields = ["product"]


class OpcRatingInline(admin.TabularInline):
    model = OpcRating
    extra = 1


admin.site.unregister(Product)


@admin.register(Product)
class OtopProductAdmin(ProductAdmin):  # noqa: F405
    inlines = [*ProductAdmin.inlines, OpcRatingInline]  # noqa: F405
    raw_id_fields = ["producer"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["kind", "number", "producer", "product", "status", "expires_on"]
    list_filter = ["kind", "status"]
    search_fields = ["number", "producer__registration_number", "product__title"]
    raw_id_fields = ["producer", "product", "verified_by"]
