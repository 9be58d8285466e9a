"""Shipping is charged per producer parcel; the methods are Oscar's (Dashboard →
Shipping), each read per parcel, with its free-shipping threshold per producer."""

from decimal import Decimal

from oscar.core.loading import get_model

import pytest

from .shop import ADDRESS, fill_basket, place_order

OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_each_producer_parcel_is_charged_under_the_chosen_method(client, shop):
    OrderAndItemCharges.objects.create(
        code="kerry",
        name="Kerry Express",
        price_per_order=Decimal("60"),
        price_per_item=Decimal("10"),
        free_shipping_threshold=Decimal("1500"),
    )
    OrderAndItemCharges.objects.create(
        code="thai-post",
        name="ไปรษณีย์ไทย ลงทะเบียน",
        price_per_order=Decimal("35"),
    )
    fill_basket(client, (shop.silk, 1), (shop.chili, 2))
    client.post("/th/checkout/", {"username": "b@example.com", "options": "anonymous"})
    client.post("/th/checkout/shipping-address/", ADDRESS)

    page = client.get("/th/checkout/shipping-method/")
    quotes = {q["method"].code: q for q in page.context["quotes"]}
    per_producer = {
        code: [
            (p.producer.registration_number, p.subtotal, p.shipping)
            for p in q["parcels"]
        ]
        for code, q in quotes.items()
    }
    print("\n", per_producer)
    assert per_producer["kerry"] == [
        ("OTOP-50-000001", Decimal("1290.00"), Decimal("70")),  # 60 + 1 item × 10
        ("OTOP-34-000002", Decimal("240.00"), Decimal("80")),  # 60 + 2 items × 10
    ]
    assert [s for *_, s in per_producer["thai-post"]] == [Decimal("35"), Decimal("35")]
    assert quotes["kerry"]["charge"].incl_tax == Decimal("150")
    assert "Kerry Express" in page.content.decode()

    client.post("/th/checkout/shipping-method/", {"method_code": "kerry"})
    client.post("/th/checkout/payment-method/", {"method": "cash-on-delivery"})
    preview = client.get("/th/checkout/preview/")
    assert preview.context["order_total"].incl_tax == Decimal("1680.00")
    place_order(client)

    order = Order.objects.get()
    assert (
        order.shipping_incl_tax == Decimal("150.00")
        and order.shipping_method == "Kerry Express"
    )
    assert sorted(order.shipments.values_list("shipping_charge", flat=True)) == [70, 80]
    assert sum(s.total for s in order.shipments.all()) == order.total_incl_tax


def test_the_free_shipping_threshold_applies_to_each_producer(client, shop):
    fill_basket(client, (shop.chili, 9))  # ฿1,080 from one producer: free by default
    client.post("/th/checkout/", {"username": "b@example.com", "options": "anonymous"})
    client.post("/th/checkout/shipping-address/", ADDRESS)
    client.get("/th/checkout/shipping-method/")
    client.post("/th/checkout/payment-method/", {"method": "cash-on-delivery"})
    preview = client.get("/th/checkout/preview/")
    assert [p.shipping for p in preview.context["parcels"]] == [Decimal("0.00")]
    assert preview.context["order_total"].incl_tax == Decimal("1080.00")
