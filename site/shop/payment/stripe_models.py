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
