"""Stripe's webhook endpoint: the only way an order paid on Stripe goes ahead.

The signature is checked over the raw body before anything is read from it; each
event is stored once, in the same transaction as its effect, so a replay (or Stripe
retrying after a timeout) answers 200 and changes nothing.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

import stripe

from . import refunds, stripe_checkout, stripe_gateway
from .stripe_models import StripeEvent

logger = logging.getLogger("otop.payments")


@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    try:
        event = stripe_gateway.verified_event(
            request.body, request.headers.get("Stripe-Signature")
        )
    except (stripe.SignatureVerificationError, ValueError) as error:
        logger.warning("Stripe webhook refused: %s", error)
        return HttpResponseBadRequest("invalid signature", content_type="text/plain")

    session = event.get("data", {}).get("object") or {}
    with transaction.atomic():
        record, created = StripeEvent.objects.get_or_create(
            event_id=event["id"],
            defaults={
                "type": event.get("type", ""),
                "session_id": session.get("id", "")
                if session.get("object") == "checkout.session"
                else "",
            },
        )
        if not created:
            return HttpResponse(
                f"already processed: {record.outcome}", content_type="text/plain"
            )
        if record.type in stripe_checkout.EVENT_TYPES:
            record.outcome = stripe_checkout.settle(session, record.type)
        elif record.type == refunds.CHARGE_REFUNDED:
            record.outcome = refunds.charge_refunded(session)
        else:
            record.outcome = "ignored"
        record.save(update_fields=["outcome"])
    logger.info("Stripe event %s %s: %s", record.event_id, record.type, record.outcome)
    return HttpResponse(record.outcome, content_type="text/plain")
