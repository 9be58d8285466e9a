"""The ways a buyer can pay. Cash on delivery needs nothing configured, so a fresh
install can take orders; card and PromptPay appear once Stripe keys are set."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PaymentMethod:
    code: str
    label: str
    description: str


CASH_ON_DELIVERY = PaymentMethod(
    "cash-on-delivery",
    _("Cash on delivery"),
    _("Pay in cash when each producer's parcel arrives (the parcel's total)."),
)
STRIPE = PaymentMethod(
    "stripe",
    _("Card or PromptPay"),
    _(
        "Pay now on Stripe's secure page: Visa, Mastercard, JCB, or a PromptPay QR "
        "code from your banking app. Your card details never reach this site."
    ),
)


def stripe_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def available_methods() -> list[PaymentMethod]:
    methods = [STRIPE] if stripe_enabled() else []
    return [*methods, CASH_ON_DELIVERY]


def method_for(code: str | None) -> PaymentMethod | None:
    """The method with this code, if it is offered now."""
    return next((m for m in available_methods() if m.code == code), None)
