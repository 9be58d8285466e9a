"""Paying an order on Stripe Checkout (card and PromptPay, in baht).

The order and its stock are in place before the buyer leaves for Stripe's page; what
Stripe later says about the session (webhook, or the reconciliation) decides whether
the order goes ahead (`settle`). The success page never does.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from oscar.core.loading import get_model

import stripe

from shop.order import lifecycle, statuses

from . import stripe_gateway
from .stripe_models import StripeCheckout

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
PaymentEventType = get_model("order", "PaymentEventType")

logger = logging.getLogger("otop.payments")

CURRENCY = "thb"
# Stripe accepts 30 minutes to 24 hours; long enough to open a banking app for
# PromptPay, short enough not to hold the last unit of a product all day.
SESSION_LIFETIME = timedelta(minutes=60)

COMPLETED = "checkout.session.completed"
ASYNC_SUCCEEDED = "checkout.session.async_payment_succeeded"
ASYNC_FAILED = "checkout.session.async_payment_failed"
EXPIRED = "checkout.session.expired"
EVENT_TYPES = (COMPLETED, ASYNC_SUCCEEDED, ASYNC_FAILED, EXPIRED)


def to_satang(amount: Decimal) -> int:
    """Baht to satang, Stripe's unit for THB (1 baht = 100 satang)."""
    return int((Decimal(amount) * 100).to_integral_exact())


def start(order) -> StripeCheckout:
    """Record, with the order, the payment Stripe is to collect for it."""
    return StripeCheckout.objects.create(
        order=order,
        idempotency_key=f"otop-order-{order.number}-checkout",
        amount=to_satang(order.total_incl_tax),
        currency=CURRENCY,
        expires_at=timezone.now() + SESSION_LIFETIME,
    )


def session_params(
    order, checkout: StripeCheckout, success_url: str, cancel_url: str
) -> dict:
    """Everything Stripe needs; the same for every retry of the same order (Stripe
    refuses a reused idempotency key with different parameters)."""
    items = []
    for line in order.lines.order_by("pk"):
        unit, total = (
            to_satang(line.unit_price_incl_tax),
            to_satang(line.line_price_incl_tax),
        )
        quantity = line.quantity if unit * line.quantity == total else 1
        name = (
            line.title
            if quantity == line.quantity
            else f"{line.title} × {line.quantity}"
        )
        items.append(_item(name, total // quantity, quantity))
    for shipment in order.shipments.select_related("partner").order_by("pk"):
        if shipment.shipping_charge:
            name = f"ค่าจัดส่ง / Shipping: {shipment.partner.name}"
            items.append(_item(name, to_satang(shipment.shipping_charge), 1))
    if (
        sum(i["price_data"]["unit_amount"] * i["quantity"] for i in items)
        != checkout.amount
    ):
        # Order-level discounts do not split over lines; charge the total as one item.
        items = [_item(f"OTOP order {order.number}", checkout.amount, 1)]
    return {
        "mode": "payment",
        "payment_method_types": ["card", "promptpay"],
        "currency": CURRENCY,
        "line_items": items,
        "client_reference_id": order.number,
        "metadata": {"order_number": order.number},
        "payment_intent_data": {"metadata": {"order_number": order.number}},
        "customer_email": order.email or None,
        "expires_at": int(checkout.expires_at.timestamp()),
        "locale": "auto",
        "success_url": success_url,
        "cancel_url": cancel_url,
    }


def _item(name: str, unit_amount: int, quantity: int) -> dict:
    return {
        "price_data": {
            "currency": CURRENCY,
            "unit_amount": unit_amount,
            "product_data": {"name": name[:250]},
        },
        "quantity": quantity,
    }


def open_session(order, success_url: str, cancel_url: str) -> StripeCheckout:
    """The order's Checkout Session, created at Stripe at most once.

    The row lock makes simultaneous requests for the same order wait for the first
    one; the fixed idempotency key covers a crash between Stripe's answer and our
    commit. Raises stripe.StripeError if Stripe cannot be reached."""
    with transaction.atomic():
        checkout = StripeCheckout.objects.select_for_update().get(order=order)
        if checkout.session_id or checkout.status != StripeCheckout.Status.CREATING:
            return checkout
        session = stripe_gateway.create_checkout_session(
            session_params(order, checkout, success_url, cancel_url),
            checkout.idempotency_key,
        )
        _link(checkout, session)
        checkout.save()
    return checkout


def _link(checkout: StripeCheckout, session: dict) -> None:
    checkout.session_id = session["id"]
    checkout.url = session.get("url") or ""
    if checkout.status == StripeCheckout.Status.CREATING:
        checkout.status = StripeCheckout.Status.OPEN


def settle(session: dict, event_type: str | None = None) -> str:
    """Bring our order in line with what Stripe says about its Checkout Session, and
    say what was done. `event_type` is the webhook event; None when the reconciliation
    read the session itself. Never moves an order backwards."""
    number = session.get("client_reference_id") or (session.get("metadata") or {}).get(
        "order_number"
    )
    with transaction.atomic():
        found = (
            StripeCheckout.objects.filter(
                Q(session_id=session["id"]) | Q(order__number=number)
            )
            .values_list("pk", "order_id")
            .first()
        )
        if found is None:
            logger.error(
                "Stripe session %s (order %r, %s, %s) matches no order here",
                session["id"],
                number,
                session.get("status"),
                session.get("payment_status"),
            )
            return "no such order"
        # Order first, then its checkout: the same order of locks as everywhere else.
        order = lifecycle.locked(found[1])
        checkout = StripeCheckout.objects.select_for_update().get(pk=found[0])
        if checkout.session_id is None:
            _link(checkout, session)  # the crash came between Stripe and our commit
            checkout.save()
        elif checkout.session_id != session["id"]:
            logger.error(
                "Order %s: unexpected second session %s", order.number, session["id"]
            )
            return "not this order's session"

        paid = session.get("payment_status") == "paid"
        if paid and event_type in (None, COMPLETED, ASYNC_SUCCEEDED):
            return _paid(order, checkout, session)
        if event_type == ASYNC_FAILED:
            return _unpaid(order, checkout, StripeCheckout.Status.FAILED, session)
        if event_type == EXPIRED or session.get("status") == "expired":
            return _unpaid(order, checkout, StripeCheckout.Status.EXPIRED, session)
        if session.get("status") == "complete":
            return "awaiting payment"  # PromptPay and other delayed methods
        return "no change"


def _paid(order, checkout: StripeCheckout, session: dict) -> str:
    amount, currency = (
        session.get("amount_total"),
        (session.get("currency") or "").lower(),
    )
    payment_intent = session.get("payment_intent") or ""
    if isinstance(payment_intent, dict):
        payment_intent = payment_intent.get("id", "")
    if checkout.status in (StripeCheckout.Status.PAID, StripeCheckout.Status.MISMATCH):
        return "already settled"
    expected = to_satang(order.total_incl_tax)
    if amount != checkout.amount or amount != expected or currency != checkout.currency:
        checkout.status = StripeCheckout.Status.MISMATCH
        checkout.payment_intent = payment_intent
        checkout.save()
        lifecycle.hold_for_review(
            order,
            f"Stripe session {session['id']} reports {amount} {currency or '?'} "
            f"(satang) but the order is {expected} {checkout.currency}: NOT marked "
            "paid. Check the payment in Stripe, then refund it or accept it.",
        )
        return "amount mismatch"
    checkout.status = StripeCheckout.Status.PAID
    checkout.payment_intent = payment_intent
    checkout.save()
    _record_payment(order, payment_intent)
    if order.status == statuses.CANCELLED:
        lifecycle.hold_for_review(
            order,
            f"Paid on Stripe ({payment_intent}) after the order was cancelled and its "
            "stock released: re-allocate and ship, or refund.",
        )
        return "paid after cancellation"
    if not lifecycle.confirm(order, f"Paid on Stripe ({payment_intent})."):
        return "already settled"
    return "paid"


def _record_payment(order, payment_intent: str) -> None:
    source_type, _created = SourceType.objects.get_or_create(
        code="stripe", defaults={"name": "Stripe"}
    )
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency=order.currency,
        amount_allocated=order.total_incl_tax,
        amount_debited=order.total_incl_tax,
        reference=payment_intent,
    )
    event_type, _created = PaymentEventType.objects.get_or_create(
        code="paid", defaults={"name": "Paid"}
    )
    order.payment_events.create(
        event_type=event_type, amount=order.total_incl_tax, reference=payment_intent
    )


def _unpaid(order, checkout: StripeCheckout, status: str, session: dict) -> str:
    if checkout.status in (StripeCheckout.Status.PAID, StripeCheckout.Status.MISMATCH):
        return "ignored: already paid"
    checkout.status = status
    checkout.save()
    released = lifecycle.cancel_unpaid(
        order, f"Stripe session {session['id']}: {StripeCheckout.Status(status).label}."
    )
    return (
        "no change" if released is None else f"cancelled, {released} unit(s) released"
    )


def cancel_open(order) -> bool:
    """The buyer gave up on Stripe's page: close the session there first (so that it
    cannot be paid any more), then cancel the order here. False if it was paid."""
    checkout = StripeCheckout.objects.get(order=order)
    if checkout.session_id is None:
        with transaction.atomic():
            locked_order = lifecycle.locked(order.pk)
            checkout = StripeCheckout.objects.select_for_update().get(pk=checkout.pk)
            if checkout.session_id is None:
                checkout.status = StripeCheckout.Status.EXPIRED
                checkout.save()
                lifecycle.cancel_unpaid(locked_order, "Stripe session never created.")
    if checkout.session_id is not None:
        try:
            session = stripe_gateway.expire_checkout_session(checkout.session_id)
        except stripe.InvalidRequestError:
            # Only an open session can be expired: this one was paid or has expired.
            session = stripe_gateway.retrieve_checkout_session(checkout.session_id)
        settle(session, None)
    order.refresh_from_db()
    return order.status == statuses.CANCELLED
