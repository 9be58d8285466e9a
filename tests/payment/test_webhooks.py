"""Stripe's webhooks decide a Stripe order's fate: verified signatures only, each event
once, never backwards, and money that does not match the order is never "paid"."""

import logging
import time

from django.core import mail

from oscar.core.loading import get_model

import pytest

from shop.payment.stripe_models import StripeCheckout, StripeEvent
from tests.checkout.shop import checkout_up_to_preview, place_order

from .fake_stripe import event_payload, sign

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

WEBHOOK = "/payments/stripe/webhook/"
COMPLETED = "checkout.session.completed"
SUCCEEDED = "checkout.session.async_payment_succeeded"
FAILED = "checkout.session.async_payment_failed"
EXPIRED = "checkout.session.expired"


@pytest.fixture
def pending(client, shop, fake_stripe):
    """A buyer has placed an order (silk × 1, chili × 2: ฿1,580) and is on Stripe's page."""
    checkout_up_to_preview(client, (shop.silk, 1), (shop.chili, 2), method="stripe")
    assert place_order(client).status_code == 303
    return StripeCheckout.objects.select_related("order").get()


def deliver(client, payload: str, signature: str | None):
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature is not None else {}
    return client.post(
        WEBHOOK, data=payload.encode(), content_type="application/json", **headers
    )


def send(client, event_type: str, session: dict, event_id: str | None = None):
    payload = event_payload(event_type, session, event_id)
    return deliver(client, payload, sign(payload))


def state(shop, checkout) -> dict:
    order = Order.objects.get(pk=checkout.order_id)
    return {
        "status": order.status,
        "silk": shop.stock(shop.silk),
        "chili": shop.stock(shop.chili),
        "events": StripeEvent.objects.count(),
        "sources": order.sources.count(),
    }


@pytest.mark.parametrize(
    "forgery",
    [
        "no signature header",
        "wrong secret",
        "a changed byte",
        "a byte that is not UTF-8",
        "stale timestamp",
        "no v1 signature",
    ],
)
def test_a_forged_or_stale_message_is_refused_and_writes_nothing(
    client, shop, pending, fake_stripe, forgery
):
    paid = fake_stripe.pay(pending.session_id)
    payload = event_payload(COMPLETED, paid)
    before = state(shop, pending)
    body, signature = payload.encode(), sign(payload)
    if forgery == "no signature header":
        signature = None
    elif forgery == "wrong secret":
        signature = sign(payload, secret="whsec_someone_else")
    elif forgery == "a changed byte":
        body = payload.replace(
            '"amount_total": 158000', '"amount_total": 158001'
        ).encode()
        assert body != payload.encode()
    elif forgery == "a byte that is not UTF-8":
        body = body[:40] + b"\xff" + body[41:]
    elif forgery == "stale timestamp":
        signature = sign(payload, timestamp=int(time.time()) - 301)
    elif forgery == "no v1 signature":
        signature = signature.replace("v1=", "v0=")
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature is not None else {}

    response = client.post(
        WEBHOOK, data=body, content_type="application/json", **headers
    )

    print(f"\n{forgery}: HTTP {response.status_code}")
    assert response.status_code == 400
    assert state(shop, pending) == before
    assert before["status"] == "Pending payment" and before["events"] == 0


def test_a_paid_session_places_the_order_and_a_replay_changes_nothing(
    client, shop, pending, fake_stripe, django_capture_on_commit_callbacks
):
    paid = fake_stripe.pay(pending.session_id)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, COMPLETED, paid, event_id="evt_paid_1")
    after = state(shop, pending)
    print(
        f"\npaid: HTTP {response.status_code} {response.content.decode()!r} -> {after}"
    )
    assert response.status_code == 200
    assert after == {
        "status": "Processing",
        "silk": (5, 1),
        "chili": (20, 2),
        "events": 1,
        "sources": 1,
    }
    order = Order.objects.get(pk=pending.order_id)
    source = order.sources.get()
    assert (
        source.amount_debited == order.total_incl_tax
        and source.reference == paid["payment_intent"]
    )
    assert set(order.shipments.values_list("status", flat=True)) == {"new"}
    assert Basket.objects.get(pk=order.basket_id).status == "Submitted"
    assert len(mail.outbox) == 4  # buyer, two weavers' addresses, the cook

    with django_capture_on_commit_callbacks(execute=True):
        replay = send(client, COMPLETED, paid, event_id="evt_paid_1")
        # Stripe also reports the same payment as a separate event: still once.
        again = send(client, SUCCEEDED, paid, event_id="evt_paid_2")
    print(
        f"replay: HTTP {replay.status_code} {replay.content.decode()!r}; other event: {again.content.decode()!r}"
    )
    assert replay.status_code == 200 and again.status_code == 200
    assert state(shop, pending) == {**after, "events": 2}
    assert len(mail.outbox) == 4


def test_promptpay_paid_later_is_placed_when_the_payment_succeeds(
    client, shop, pending, fake_stripe
):
    waiting = fake_stripe.pay(pending.session_id, payment_status="unpaid")
    assert send(client, COMPLETED, waiting).content == b"awaiting payment"
    assert state(shop, pending)["status"] == "Pending payment"

    paid = fake_stripe.pay(pending.session_id)
    assert send(client, SUCCEEDED, paid).content == b"paid"
    assert state(shop, pending)["status"] == "Processing"


def test_events_out_of_order_never_move_an_order_backwards(
    client, shop, pending, fake_stripe
):
    waiting = fake_stripe.pay(pending.session_id, payment_status="unpaid")
    paid = fake_stripe.pay(pending.session_id)
    expired = {**paid, "status": "expired", "payment_status": "unpaid"}

    outcomes = [
        send(client, SUCCEEDED, paid).content.decode(),
        send(client, COMPLETED, waiting).content.decode(),  # older news, arriving late
        send(client, FAILED, waiting).content.decode(),
        send(client, EXPIRED, expired).content.decode(),
    ]
    print("\noutcomes:", outcomes)
    assert outcomes[0] == "paid"
    assert state(shop, pending) == {
        "status": "Processing",
        "silk": (5, 1),
        "chili": (20, 2),
        "events": 4,
        "sources": 1,
    }


@pytest.mark.parametrize("change", [{"amount_total": 157900}, {"currency": "usd"}])
def test_money_that_does_not_match_the_order_is_not_marked_paid(
    client, shop, pending, fake_stripe, caplog, change
):
    wrong = fake_stripe.pay(pending.session_id, **change)
    with caplog.at_level(logging.ERROR, logger="otop"):
        response = send(client, COMPLETED, wrong)

    after = state(shop, pending)
    print(
        f"\n{change}: HTTP {response.status_code} {response.content.decode()!r} -> {after}"
    )
    assert response.status_code == 200 and response.content == b"amount mismatch"
    assert after["status"] == "Payment review" and after["sources"] == 0
    order = Order.objects.get(pk=pending.order_id)
    note = order.notes.get(note_type="Error")
    assert "NOT marked paid" in note.message
    assert any(
        r.levelno == logging.ERROR and order.number in r.getMessage()
        for r in caplog.records
    )
    assert StripeCheckout.objects.get().status == "mismatch"
    # A correct-looking event afterwards does not override the staff's review.
    assert (
        send(client, SUCCEEDED, fake_stripe.pay(pending.session_id)).content
        == b"already settled"
    )
    assert state(shop, pending)["status"] == "Payment review"


def test_a_failed_promptpay_payment_releases_the_stock(
    client, shop, pending, fake_stripe
):
    waiting = fake_stripe.pay(pending.session_id, payment_status="unpaid")
    send(client, COMPLETED, waiting)
    before = state(shop, pending)

    response = send(client, FAILED, waiting)

    after = state(shop, pending)
    print(
        f"\nfailed: {response.content.decode()!r}; stock silk {before['silk']}->{after['silk']}, chili {before['chili']}->{after['chili']}"
    )
    assert after["status"] == "Cancelled"
    assert after["silk"] == (5, 0) and after["chili"] == (20, 0)
    order = Order.objects.get(pk=pending.order_id)
    assert (
        Basket.objects.get(pk=order.basket_id).status == "Open"
    )  # can be bought again
    assert set(order.shipments.values_list("status", flat=True)) == {"cancelled"}


def test_an_expired_session_releases_the_stock_once(client, shop, pending, fake_stripe):
    expired = fake_stripe.expire(pending.session_id)
    first = send(client, EXPIRED, expired, event_id="evt_expired")
    replay = send(client, EXPIRED, expired, event_id="evt_expired")
    print(f"\nexpired: {first.content.decode()!r}; replay: {replay.content.decode()!r}")
    assert first.content == b"cancelled, 3 unit(s) released"
    assert replay.status_code == 200
    assert state(shop, pending) == {
        "status": "Cancelled",
        "silk": (5, 0),
        "chili": (20, 0),
        "events": 1,
        "sources": 0,
    }


def test_a_payment_after_cancellation_is_held_for_staff(
    client, shop, pending, fake_stripe, caplog
):
    send(
        client,
        EXPIRED,
        {**fake_stripe.sessions[pending.session_id], "status": "expired"},
    )
    with caplog.at_level(logging.ERROR, logger="otop"):
        response = send(client, COMPLETED, fake_stripe.pay(pending.session_id))
    assert response.content == b"paid after cancellation"
    after = state(shop, pending)
    assert after["status"] == "Payment review" and after["sources"] == 1
    assert after["silk"] == (5, 0)  # the stock was not silently taken again
    assert (
        Order.objects.get(pk=pending.order_id).notes.filter(note_type="Error").exists()
    )


def test_other_events_are_acknowledged_and_ignored(client, pending):
    response = send(
        client,
        "payment_intent.created",
        {"id": "pi_test_1", "object": "payment_intent"},
    )
    assert response.status_code == 200 and response.content == b"ignored"


def test_get_is_not_allowed(client):
    assert client.get(WEBHOOK).status_code == 405
