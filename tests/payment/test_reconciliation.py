"""The reconciliation settles what the webhooks missed, so that a crash anywhere
between Stripe and our database leaves nothing unresolved."""

import logging
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from oscar.core.loading import get_model

import pytest

from shop.order import lifecycle
from shop.payment import stripe_checkout
from shop.payment.stripe_models import StripeCheckout
from tests.checkout.shop import checkout_up_to_preview, place_order

from .test_webhooks import COMPLETED, send, state

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(client, shop, fake_stripe):
    checkout_up_to_preview(client, (shop.silk, 1), (shop.chili, 2), method="stripe")
    assert place_order(client).status_code == 303
    return StripeCheckout.objects.get()


def reconcile() -> str:
    out = StringIO()
    call_command("reconcile_payments", stdout=out)
    print(out.getvalue())
    return out.getvalue()


def overdue(checkout) -> None:
    """Let the payment time run out (as if an hour and more had passed)."""
    StripeCheckout.objects.filter(pk=checkout.pk).update(
        expires_at=timezone.now() - timedelta(minutes=10)
    )


def test_a_crash_while_handling_the_paid_webhook_is_resolved(
    client, shop, pending, fake_stripe, monkeypatch
):
    paid = fake_stripe.pay(pending.session_id)

    def crash(*args, **kwargs):
        raise RuntimeError("worker killed")

    with monkeypatch.context() as patch:
        patch.setattr(lifecycle, "confirm", crash)
        client.raise_request_exception = False
        response = send(client, COMPLETED, paid)
    print(
        f"\nwebhook during the crash: HTTP {response.status_code} -> {state(shop, pending)}"
    )
    assert response.status_code == 500
    assert state(shop, pending)["status"] == "Pending payment"
    assert state(shop, pending)["events"] == 0  # nothing half-written: Stripe may retry

    output = reconcile()
    assert "paid: 1" in output
    after = state(shop, pending)
    assert after["status"] == "Processing" and after["sources"] == 1
    reconcile()  # and again: nothing more happens
    assert state(shop, pending) == after


def test_a_crash_after_stripe_made_the_session_but_before_we_saved_it(
    shop, client, fake_stripe, monkeypatch
):
    checkout_up_to_preview(client, (shop.silk, 1), method="stripe")

    def crash(*args, **kwargs):
        raise RuntimeError("process killed after Stripe answered")

    with monkeypatch.context() as patch:
        patch.setattr(stripe_checkout, "_link", crash)
        client.raise_request_exception = False
        assert place_order(client).status_code == 500
    checkout = StripeCheckout.objects.get()
    print(
        f"\nafter the crash: session at Stripe {list(fake_stripe.sessions)}, ours {checkout.session_id}"
    )
    assert checkout.session_id is None and len(fake_stripe.sessions) == 1
    assert shop.stock(shop.silk) == (5, 1)  # held, pending

    # The buyer paid after all (a retried request reached the same session).
    [session_id] = fake_stripe.sessions
    fake_stripe.pay(session_id)
    assert "paid: 1" in reconcile()
    checkout.refresh_from_db()
    assert checkout.session_id == session_id and checkout.order.status == "Processing"


def test_an_overdue_unpaid_order_is_closed_at_stripe_and_its_stock_released(
    client, shop, pending, fake_stripe
):
    before = state(shop, pending)
    reconcile()
    assert state(shop, pending) == before  # not overdue yet: untouched

    overdue(pending)
    output = reconcile()
    after = state(shop, pending)
    print(
        f"stock silk {before['silk']} -> {after['silk']}, chili {before['chili']} -> {after['chili']}"
    )
    assert "cancelled, 3 unit(s) released: 1" in output
    assert (
        fake_stripe.sessions[pending.session_id]["status"] == "expired"
    )  # nobody can pay it now
    assert (
        after["status"] == "Cancelled"
        and after["silk"] == (5, 0)
        and after["chili"] == (20, 0)
    )
    reconcile()
    assert state(shop, pending) == after


def test_an_overdue_order_that_was_paid_is_placed_not_cancelled(
    client, shop, pending, fake_stripe
):
    fake_stripe.pay(pending.session_id)  # the webhook never arrives
    overdue(pending)
    reconcile()
    after = state(shop, pending)
    assert after["status"] == "Processing" and after["silk"] == (5, 1)


def test_an_order_that_never_reached_stripe_is_closed(client, shop, fake_stripe):
    checkout_up_to_preview(client, (shop.silk, 2), method="stripe")
    fake_stripe.outage = True
    client.raise_request_exception = False
    response = place_order(client)
    print(f"\nStripe down: HTTP {response.status_code} to {response['Location']}")
    # The buyer is told at once, the order cancelled and the stock back on sale.
    assert response.status_code == 302 and response["Location"].endswith(
        "/payment-method/"
    )
    order = Order.objects.get()
    assert order.status == "Cancelled" and shop.stock(shop.silk) == (5, 0)
    fake_stripe.outage = False
    reconcile()
    assert Order.objects.get().status == "Cancelled"


def test_a_stripe_payment_with_no_order_here_is_reported(db, fake_stripe, caplog):
    import stripe

    session = stripe.checkout.Session.create(
        api_key="sk_test_otop",
        mode="payment",
        payment_method_types=["card", "promptpay"],
        currency="thb",
        line_items=[
            {
                "price_data": {
                    "currency": "thb",
                    "unit_amount": 50000,
                    "product_data": {"name": "?"},
                },
                "quantity": 1,
            }
        ],
        client_reference_id="999999",
        metadata={"order_number": "999999"},
        expires_at=int((timezone.now() + timedelta(hours=1)).timestamp()),
        success_url="https://shop.example/ok",
        cancel_url="https://shop.example/cancel",
    )
    fake_stripe.pay(session.id)
    with caplog.at_level(logging.ERROR, logger="otop"):
        output = reconcile()
    assert f"NO ORDER for Stripe session {session.id}" in output
    assert any("matches no order" in r.getMessage() for r in caplog.records)
