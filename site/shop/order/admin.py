from django.contrib import admin

from oscar.apps.order.admin import *  # noqa: F403

from .shipments import ProducerShipment


@admin.register(ProducerShipment)
class ProducerShipmentAdmin(admin.ModelAdmin):
    list_display = [
        "order",
        "partner",
        "status",
        "lines_total",
        "shipping_charge",
        "tracking_number",
    ]
    list_filter = ["status"]
    search_fields = ["order__number", "partner__name", "tracking_number"]
    raw_id_fields = ["order", "partner"]
    # Steps go through the producer's page (ProducerShipment.accept/ship/deliver),
    # which records Oscar's shipping events, moves stock and e-mails the buyer.
    readonly_fields = ["status", "accepted_at", "shipped_at", "delivered_at"]
