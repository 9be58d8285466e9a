"""Paying by card or PromptPay: the order and its stock are in place before the buyer
is sent to Stripe's hosted page, with one Checkout Session per order."""

from oscar.core.loading import get_model

import pytest

from shop.payment.stripe_models import StripeCheckout
from tests.checkout.shop import (
    ADDRESS,
    checkout_up_to_preview,
    fill_basket,
    place_order,
)

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_order_is_pending_and_stock_held_before_the_redirect_to_stripe(
    client, shop, fake_stripe
):
    checkout_up_to_preview(client, (shop.silk, 1), (shop.chili, 2), method="stripe")

    response = place_order(client)

    checkout = StripeCheckout.objects.get()
    order = checkout.order
    print(
        f"\norder {order.number} {order.status}; redirect {response.status_code} to {response['Location'][:60]}"
    )
    assert response.status_code == 303
    assert response["Location"] == checkout.url and checkout.url.startswith(
        "https://checkout.stripe.com/"
    )
    assert order.status == "Pending payment"
    assert shop.stock(shop.silk) == (5, 1) and shop.stock(shop.chili) == (20, 2)
    assert set(order.shipments.values_list("status", flat=True)) == {"awaiting_payment"}

    [request] = fake_stripe.created_sessions()
    params = request["params"]
    assert request["authorization"] == "Bearer sk_test_otop"
    assert request["idempotency_key"] == f"otop-order-{order.number}-checkout"
    assert params["currency"] == "thb"
    assert params["payment_method_types"] == ["card", "promptpay"]
    assert params["client_reference_id"] == order.number
    items = [
        (
            i["price_data"]["product_data"]["name"],
            int(i["price_data"]["unit_amount"]),
            int(i["quantity"]),
        )
        for i in params["line_items"]
    ]
    print("line items (satang):", items)
    assert ("ผ้าไหมมัดหมี่ทอมือ", 129000, 1) in items
    assert ("น้ำพริกนรกปลาย่าง", 12000, 2) in items
    assert (
        sum(amount * qty for _name, amount, qty in items) == 158000 == checkout.amount
    )
    assert fake_stripe.sessions[checkout.session_id]["amount_total"] == 158000


def test_stripe_is_not_offered_without_keys(client, shop, settings):
    settings.STRIPE_SECRET_KEY = ""
    fill_basket(client, (shop.silk, 1))
    client.post("/th/checkout/", {"username": "a@example.com", "options": "anonymous"})
    client.post("/th/checkout/shipping-address/", ADDRESS)
    client.get("/th/checkout/shipping-method/")
    page = client.get("/th/checkout/payment-method/").content.decode()
    assert 'value="cash-on-delivery"' in page and 'value="stripe"' not in page
    response = client.post("/th/checkout/payment-method/", {"method": "stripe"})
    assert response.status_code == 200  # refused: not a choice
    assert not Order.objects.exists()


def test_back_from_stripe_the_buyer_can_pay_cash_on_delivery_instead(
    client, shop, fake_stripe
):
    checkout_up_to_preview(client, (shop.silk, 1), method="stripe")
    place_order(client)
    first = StripeCheckout.objects.get()

    waiting = client.get("/th/checkout/thank-you/").content.decode()
    assert (
        "Stripe" in waiting and first.order.number in waiting
    )  # not paid yet: says so

    page = client.get("/th/checkout/stripe/cancel/").content.decode()
    assert first.url.replace("&", "&amp;") in page  # may still pay
    response = client.post("/th/checkout/stripe/cancel/")
    assert response.status_code == 302 and response["Location"].endswith(
        "/payment-method/"
    )
    first.refresh_from_db()
    print(
        f"\nfirst order {first.order.number}: {first.order.status}, session {fake_stripe.sessions[first.session_id]['status']}"
    )
    assert first.order.status == "Cancelled" and first.status == "expired"
    assert (
        fake_stripe.sessions[first.session_id]["status"] == "expired"
    )  # closed at Stripe first
    assert shop.stock(shop.silk) == (5, 0)

    # The same basket, paid another way: a new order number, the stock held again.
    client.post("/th/checkout/payment-method/", {"method": "cash-on-delivery"})
    assert place_order(client).status_code == 302
    second = Order.objects.exclude(pk=first.order_id).get()
    print(f"second order {second.number}: {second.status}")
    assert second.number == f"{first.order.number}-2" and second.status == "Processing"
    assert shop.stock(shop.silk) == (5, 1)


def test_a_session_paid_meanwhile_is_not_cancelled(client, shop, fake_stripe):
    checkout_up_to_preview(client, (shop.silk, 1), method="stripe")
    place_order(client)
    checkout = StripeCheckout.objects.get()
    fake_stripe.pay(checkout.session_id)  # paid in another tab; the webhook is late

    response = client.post("/th/checkout/stripe/cancel/")

    checkout.order.refresh_from_db()
    assert response["Location"].endswith("/thank-you/")
    assert checkout.order.status == "Processing" and shop.stock(shop.silk) == (5, 1)
