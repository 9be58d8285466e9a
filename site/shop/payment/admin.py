from django.contrib import admin

from oscar.apps.payment.admin import *  # noqa: F403

from .stripe_models import StripeCheckout, StripeEvent, StripeRefund


@admin.register(StripeCheckout)
class StripeCheckoutAdmin(admin.ModelAdmin):
    """What Stripe was asked to collect, read-only: Stripe and the webhooks own it."""

    list_display = ["order", "status", "amount", "currency", "session_id", "expires_at"]
    list_filter = ["status"]
    search_fields = ["order__number", "session_id", "payment_intent"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ["event_id", "type", "session_id", "outcome", "received_at"]
    list_filter = ["type"]
    search_fields = ["event_id", "session_id"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(StripeRefund)
class StripeRefundAdmin(admin.ModelAdmin):
    list_display = ["refund_id", "checkout", "amount", "status", "reason", "created_at"]
    search_fields = ["refund_id", "checkout__order__number"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
