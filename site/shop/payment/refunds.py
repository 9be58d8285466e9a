"""Refunds of Stripe payments: the ones we make (a booking cancelled within its
policy) and the ones Stripe tells us of (`charge.refunded`, e.g. made in Stripe's
Dashboard).

A refund we make is asked of Stripe with a fixed idempotency key while the order's
checkout row is locked, and recorded in the same transaction: a retry after a crash
gets the same refund back from Stripe, and the `charge.refunded` webhook that follows
(it may arrive before our commit: it waits on the lock) finds it already recorded.
The webhook compares the charge's total refunded with what we recorded, so however
often Stripe sends it, a refund is counted once.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.db import transaction

from oscar.core.loading import get_model

from shop.order import lifecycle

from . import stripe_gateway
from .stripe_checkout import to_satang
from .stripe_models import StripeCheckout, StripeRefund

logger = logging.getLogger("otop.payments")

CHARGE_REFUNDED = "charge.refunded"


def paid_checkout(order) -> StripeCheckout | None:
    """The order's Stripe checkout, locked, if the order was paid on Stripe."""
    assert transaction.get_connection().in_atomic_block, "needs a transaction"
    return (
        StripeCheckout.objects.select_for_update()
        .filter(order=order, status=StripeCheckout.Status.PAID)
        .exclude(payment_intent="")
        .first()
    )


def refund(order, amount: Decimal, *, key: str, reason: str) -> StripeRefund | None:
    """Give `amount` baht of this order's Stripe payment back to the buyer; None if
    the order was not paid on Stripe. Raises stripe.StripeError if Stripe refuses or
    cannot be reached (the caller's transaction then changes nothing)."""
    checkout = paid_checkout(order)
    if checkout is None:
        return None
    done = StripeRefund.objects.filter(idempotency_key=key).first()
    if done is not None:
        return done
    satang = to_satang(amount)
    answer = stripe_gateway.create_refund(
        checkout.payment_intent,
        satang,
        key,
        {"order_number": order.number, "reason": reason[:450]},
    )
    record = StripeRefund.objects.create(
        checkout=checkout,
        refund_id=answer["id"],
        idempotency_key=key,
        amount=satang,
        status=answer.get("status") or "",
        reason=reason[:255],
    )
    _record_on_source(order, amount, answer["id"])
    return record


def _record_on_source(order, amount: Decimal, reference: str) -> None:
    source = order.sources.filter(source_type__code="stripe").first()
    if source is not None:
        source.refund(amount, reference=reference)
    PaymentEventType = get_model("order", "PaymentEventType")
    event_type, _created = PaymentEventType.objects.get_or_create(
        code="refunded", defaults={"name": "Refunded"}
    )
    order.payment_events.create(
        event_type=event_type, amount=amount, reference=reference
    )


def charge_refunded(charge: dict) -> str:
    """Stripe says this charge has `amount_refunded` satang refunded in all: record
    what we do not know of yet, and say what was done."""
    payment_intent = charge.get("payment_intent") or ""
    if isinstance(payment_intent, dict):
        payment_intent = payment_intent.get("id", "")
    with transaction.atomic():
        found = StripeCheckout.objects.filter(payment_intent=payment_intent).first()
        if not payment_intent or found is None:
            logger.error(
                "Stripe charge %s (PaymentIntent %r) refunded: no such payment here",
                charge.get("id"),
                payment_intent,
            )
            return "no such payment"
        # Order first, then its checkout: the same order of locks as everywhere.
        order = lifecycle.locked(found.order_id)
        checkout = StripeCheckout.objects.select_for_update().get(pk=found.pk)
        total = int(charge.get("amount_refunded") or 0)
        known = sum(checkout.refunds.values_list("amount", flat=True))
        if total <= known:
            return "refund already recorded"
        extra = total - known
        latest = ((charge.get("refunds") or {}).get("data") or [{}])[0].get("id")
        refund_id = (
            latest
            if latest and not StripeRefund.objects.filter(refund_id=latest).exists()
            else f"{charge.get('id')}@{total}"
        )
        StripeRefund.objects.create(
            checkout=checkout,
            refund_id=refund_id,
            amount=extra,
            status="succeeded",
            reason="Refunded at Stripe",
        )
        baht = Decimal(extra) / 100
        _record_on_source(order, baht, refund_id)
        lifecycle.note(
            order,
            f"Stripe refunded {baht:.2f} baht ({refund_id}) outside the shop. If it "
            "comes off a producer's share, record it against that producer's parcel "
            "on the settlement desk.",
            note_type="Error",
        )
        logger.error(
            "Order %s: Stripe refund %s of %s satang made outside the shop",
            order.number,
            refund_id,
            extra,
        )
        return f"refund recorded: {extra} satang"
