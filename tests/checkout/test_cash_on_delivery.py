"""Cash on delivery, end to end through Django's test client: the default install
(no Stripe keys needed) takes an order from two producers."""

from decimal import Decimal

from django.core import mail

from oscar.core.loading import get_model

import pytest

from .shop import checkout_up_to_preview, place_order

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_guest_buys_from_two_producers_and_pays_cash_on_delivery(
    client, shop, settings, django_capture_on_commit_callbacks
):
    settings.STRIPE_SECRET_KEY = ""  # the default install: no Stripe at all
    assert shop.stock(shop.silk) == (5, 0) and shop.stock(shop.chili) == (20, 0)

    checkout_up_to_preview(client, (shop.silk, 1), (shop.chili, 2))
    preview = client.get("/th/checkout/preview/").content.decode()
    assert "กลุ่มทอผ้าบ้านดอนหลวง" in preview and "แม่บุญมีน้ำพริก" in preview

    with django_capture_on_commit_callbacks(execute=True):
        response = place_order(client)
    assert response.status_code == 302 and response["Location"].endswith("/thank-you/")

    order = Order.objects.get()
    print(f"\norder {order.number}: {order.status}, total ฿{order.total_incl_tax}")
    assert order.status == "Processing"
    assert order.total_incl_tax == Decimal("1580.00")  # 1,290 + 2 × 120 + ฿50 shipping
    shipments = {
        s.partner.producer.registration_number: s for s in order.shipments.all()
    }
    assert shipments["OTOP-50-000001"].lines_total == Decimal("1290.00")
    assert shipments["OTOP-50-000001"].shipping_charge == 0  # over the ฿1,000 threshold
    assert shipments["OTOP-34-000002"].lines_total == Decimal("240.00")
    assert shipments["OTOP-34-000002"].shipping_charge == Decimal("50.00")
    assert order.shipping_address.postcode == "10200"
    assert order.shipping_address.line3 == "แขวงพระบรมมหาราชวัง"
    print("stock after: silk", shop.stock(shop.silk), "chili", shop.stock(shop.chili))
    assert shop.stock(shop.silk) == (5, 1) and shop.stock(shop.chili) == (20, 2)

    page = client.get(response["Location"]).content.decode()
    assert order.number in page and "1,580" in page

    by_recipient = {tuple(m.to): m for m in mail.outbox}
    print("e-mails to:", sorted(by_recipient))
    buyer = by_recipient[("somsri@example.com",)]
    assert "ผ้าไหมมัดหมี่ทอมือ" in buyer.body and "น้ำพริกนรกปลาย่าง" in buyer.body
    for weaver in ("weavers@otop.example", "packing@donluang.example"):
        body = by_recipient[(weaver,)].body
        assert "ผ้าไหมมัดหมี่ทอมือ" in body and "น้ำพริกนรกปลาย่าง" not in body
    cook = by_recipient[("boonmee@otop.example",)].body
    assert "น้ำพริกนรกปลาย่าง" in cook and "ผ้าไหมมัดหมี่ทอมือ" not in cook
    assert len(mail.outbox) == 4
