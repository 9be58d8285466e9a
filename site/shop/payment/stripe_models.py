"""What we keep of Stripe: each order's Checkout Session, and every webhook event seen."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class StripeCheckout(models.Model):
    """The Stripe Checkout Session (hosted payment page) that collects one order's
    payment; created with a fixed idempotency key, so a retry never makes a second."""

    class Status(models.TextChoices):
        CREATING = "creating", _("Being created")
        OPEN = "open", _("Open")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Payment failed")
        EXPIRED = "expired", _("Expired")
        MISMATCH = "mismatch", _("Amount does not match the order")

    order = models.OneToOneField(
        "order.Order",
        models.PROTECT,
        related_name="stripe_checkout",
        verbose_name=_("order"),
    )
    idempotency_key = models.CharField(max_length=64, unique=True)
    session_id = models.CharField(
        _("Checkout Session"), max_length=255, unique=True, null=True, blank=True
    )
    url = models.URLField(_("payment page"), max_length=2000, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (satang)"))
    currency = models.CharField(_("currency"), max_length=3, default="thb")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CREATING
    )
    payment_intent = models.CharField(_("PaymentIntent"), max_length=255, blank=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "payment"
        verbose_name = _("Stripe checkout")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.session_id or self.idempotency_key


class StripeEvent(models.Model):
    """A Stripe webhook event, kept once: a replay finds it here and changes nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    session_id = models.CharField(max_length=255, blank=True, db_index=True)
    outcome = models.CharField(max_length=255, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "payment"
        verbose_name = _("Stripe event")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class StripeRefund(models.Model):
    """Money Stripe gave back on one order's payment: one we asked for (a booking
    cancelled within its policy; `idempotency_key` set) or one made at Stripe itself
    that a `charge.refunded` webhook told us of."""

    checkout = models.ForeignKey(
        StripeCheckout,
        models.PROTECT,
        related_name="refunds",
        verbose_name=_("Stripe checkout"),
    )
    refund_id = models.CharField(_("Stripe refund"), max_length=255, unique=True)
    idempotency_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True
    )
    amount = models.PositiveBigIntegerField(_("amount (satang)"))
    status = models.CharField(_("status"), max_length=32, blank=True)
    reason = models.CharField(_("reason"), max_length=255)
    # What it takes off the producer's statement (shop.order.settlement).
    parcel_refund = models.OneToOneField(
        "order.ParcelRefund",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="stripe_refund",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "payment"
        verbose_name = _("Stripe refund")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.refund_id} −{self.amount}"
