"""The ways a buyer can pay. Cash on delivery needs nothing configured, so a fresh
install can take orders; card and PromptPay appear once Stripe keys are set. When
nothing travels by courier (only bookings, or goods collected in the village), the
buyer pays the hosts on arrival instead of cash on delivery."""

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
PAY_ON_ARRIVAL = PaymentMethod(
    "pay-on-arrival",
    _("Pay the host on arrival"),
    _(
        "Nothing is charged now: pay each host in cash or by PromptPay when you "
        "arrive for your booking (and for any products you collect there)."
    ),
)
# Paid later, in person: the order is confirmed at once (no payment to wait for).
PAID_IN_PERSON = {CASH_ON_DELIVERY.code, PAY_ON_ARRIVAL.code}
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


def available_methods(by_courier: bool = True) -> list[PaymentMethod]:
    """What is offered; `by_courier`: whether anything of the order is delivered."""
    methods = [STRIPE] if stripe_enabled() else []
    return [*methods, CASH_ON_DELIVERY if by_courier else PAY_ON_ARRIVAL]


def method_for(code: str | None, by_courier: bool = True) -> PaymentMethod | None:
    """The method with this code, if it is offered now."""
    return next((m for m in available_methods(by_courier) if m.code == code), None)
