"""The calls we make to Stripe, through the official SDK, and nothing else.

Keys come from settings (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET). The SDK sends its
requests through `stripe.default_http_client`; tests put a fake there, and this code
stays the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.conf import settings

import stripe

# Stripe signs each delivery with its time; older ones are refused (replayed captures).
WEBHOOK_TOLERANCE_SECONDS = 300


def _options() -> dict:
    return {"api_key": settings.STRIPE_SECRET_KEY}


def create_checkout_session(params: dict, idempotency_key: str) -> dict:
    """Create a Checkout Session; the same key within 24 hours returns the same one."""
    session = stripe.checkout.Session.create(
        **params, idempotency_key=idempotency_key, **_options()
    )
    return session.to_dict()


def retrieve_checkout_session(session_id: str) -> dict:
    return stripe.checkout.Session.retrieve(session_id, **_options()).to_dict()


def expire_checkout_session(session_id: str) -> dict:
    """Close an open session so that nobody can pay it any more."""
    return stripe.checkout.Session.expire(session_id, **_options()).to_dict()


def create_refund(
    payment_intent: str, amount: int, idempotency_key: str, metadata: dict
) -> dict:
    """Give back `amount` satang of this payment; the same key returns the same refund."""
    refund = stripe.Refund.create(
        payment_intent=payment_intent,
        amount=amount,
        reason="requested_by_customer",
        metadata=metadata,
        idempotency_key=idempotency_key,
        **_options(),
    )
    return refund.to_dict()


def checkout_sessions_created_since(when: datetime) -> Iterator[dict]:
    sessions = stripe.checkout.Session.list(
        created={"gte": int(when.timestamp())}, limit=100, **_options()
    )
    for session in sessions.auto_paging_iter():
        yield session.to_dict()


def verified_event(payload: bytes, signature: str | None) -> dict:
    """The webhook event, once its signature over the raw body is checked.

    Raises stripe.SignatureVerificationError (or ValueError for a body that is not
    UTF-8 JSON)."""
    event = stripe.Webhook.construct_event(
        payload,
        signature,
        settings.STRIPE_WEBHOOK_SECRET,
        tolerance=WEBHOOK_TOLERANCE_SECONDS,
        api_key=settings.STRIPE_SECRET_KEY,
    )
    return event.to_dict()
