"""Finds what the webhooks missed and settles it: payments on Stripe whose order here
is not placed (or not known), and orders still waiting for a payment past their time.

Run it from cron or any scheduler (`manage.py reconcile_payments`, or call `run()`);
every step is safe to repeat.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

import stripe

from shop.order import lifecycle, statuses

from . import stripe_checkout, stripe_gateway
from .stripe_models import StripeCheckout

logger = logging.getLogger("otop.payments")

# Sessions live at most 24 hours; looking two days back sees every one still open.
LOOKBACK = timedelta(days=2)
# Stripe expires a session on time, but its event may take a moment to arrive.
GRACE = timedelta(minutes=5)


@dataclass
class Report:
    sessions_checked: int = 0
    orders_checked: int = 0
    outcomes: Counter = field(default_factory=Counter)
    unknown: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        result = [
            f"Stripe sessions checked: {self.sessions_checked}",
            f"Overdue pending orders checked: {self.orders_checked}",
        ]
        result += [f"  {outcome}: {n}" for outcome, n in sorted(self.outcomes.items())]
        result += [f"  NO ORDER for Stripe session {s}" for s in self.unknown]
        return result


def run(now: datetime | None = None) -> Report:
    now = now or timezone.now()
    report = Report()
    _settle_recent_sessions(now, report)
    _close_overdue_orders(now, report)
    return report


def _settle_recent_sessions(now: datetime, report: Report) -> None:
    for session in stripe_gateway.checkout_sessions_created_since(now - LOOKBACK):
        if not (session.get("client_reference_id") or session.get("metadata")):
            continue  # not made by this shop
        report.sessions_checked += 1
        outcome = stripe_checkout.settle(session)
        if outcome == "no such order":
            report.unknown.append(session["id"])
            if session.get("status") == "open":
                stripe_gateway.expire_checkout_session(session["id"])
        elif outcome == "no change" and session.get("status") == "open":
            # Open at Stripe, but its order here is no longer waiting: close it.
            checkout = StripeCheckout.objects.filter(session_id=session["id"]).first()
            if checkout and checkout.order.status != statuses.PENDING_PAYMENT:
                stripe_gateway.expire_checkout_session(session["id"])
                outcome = "closed session of a settled order"
        if outcome != "no change":
            report.outcomes[outcome] += 1


def _close_overdue_orders(now: datetime, report: Report) -> None:
    overdue = StripeCheckout.objects.filter(
        order__status=statuses.PENDING_PAYMENT, expires_at__lt=now - GRACE
    ).select_related("order")
    for checkout in overdue:
        report.orders_checked += 1
        if checkout.session_id is None:
            # Never reached Stripe (the step above would have found the session).
            with transaction.atomic():
                order = lifecycle.locked(checkout.order_id)
                locked = StripeCheckout.objects.select_for_update().get(pk=checkout.pk)
                if locked.session_id is None:
                    locked.status = StripeCheckout.Status.EXPIRED
                    locked.save()
                    lifecycle.cancel_unpaid(
                        order, "No Stripe session was created in time."
                    )
                    report.outcomes["cancelled, never reached Stripe"] += 1
            continue
        try:
            session = stripe_gateway.expire_checkout_session(checkout.session_id)
        except stripe.InvalidRequestError:
            session = stripe_gateway.retrieve_checkout_session(checkout.session_id)
        report.outcomes[stripe_checkout.settle(session)] += 1
