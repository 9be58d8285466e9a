"""What each producer is owed, from real orders: a cash-on-delivery basket of two
producers and a Stripe order (paid through a signed webhook), delivered through the
producers' parcel pages, a refund and a transfer recorded by staff. The statements
reconcile to the orders to the satang; a producer sees only its own."""

import csv
import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from oscar.core.loading import get_model

import pytest

from shop.order.settlement import statements
from shop.payment.stripe_models import StripeCheckout
from tests.payment.fake_stripe import event_payload, sign
from tests.producers.shop import make_staff

from .shop import checkout_up_to_preview, place_order

Order = get_model("order", "Order")
Source = get_model("payment", "Source")

pytestmark = pytest.mark.django_db

DESK = "/th/dashboard/review/"


def deliver_all(shop):
    """Each producer accepts, ships and marks delivered its parcels, on its own page."""
    for producer in (shop.weavers, shop.cooks):
        user = producer.partner.users.first()
        if user is None:
            user = get_user_model().objects.create_user(
                username=f"staff-{producer.pk}", email=f"{producer.pk}@x.example"
            )
            producer.partner.users.add(user)
        member = Client()
        member.force_login(user)
        for shipment in member.get("/th/producer/shipments/").context["shipments"]:
            url = f"/th/producer/shipments/{shipment.pk}/"
            member.post(url, {"action": "accept"})
            member.post(
                url,
                {
                    "action": "ship",
                    "courier": "flash",
                    "tracking_number": f"EX{shipment.pk}TH",
                },
            )
            assert member.post(url, {"action": "deliver"}).status_code == 302


@pytest.fixture
def month(shop, fake_stripe):
    """Two orders delivered this month: cash on delivery (silk × 1, chili × 2) and
    Stripe (silk × 2)."""
    buyer = Client()
    checkout_up_to_preview(buyer, (shop.silk, 1), (shop.chili, 2))
    assert place_order(buyer).status_code == 302
    online = Client()
    checkout_up_to_preview(online, (shop.silk, 2), method="stripe", email="b@x.example")
    assert place_order(online).status_code == 303
    checkout = StripeCheckout.objects.get()
    payload = event_payload(
        "checkout.session.completed", fake_stripe.pay(checkout.session_id)
    )
    webhook = Client().post(
        "/payments/stripe/webhook/",
        data=payload.encode(),
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload),
    )
    assert webhook.status_code == 200
    deliver_all(shop)
    assert set(Order.objects.values_list("status", flat=True)) == {"Complete"}
    return timezone.localdate().replace(day=1)


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(make_staff())
    return client


def statement_rows(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_statements_reconcile_to_the_orders_to_the_satang(shop, month, staff_client):
    rows = {s.partner.pk: s for s in statements(month)}
    weavers, cooks = rows[shop.weavers.partner.pk], rows[shop.cooks.partner.pk]
    # Silk is over the free-shipping threshold; the chili parcel pays ฿50.
    assert (weavers.parcels, weavers.products, weavers.shipping) == (
        2,
        Decimal("3870.00"),
        Decimal("0.00"),
    )
    assert (weavers.cash_on_delivery, weavers.online) == (
        Decimal("1290.00"),
        Decimal("2580.00"),
    )
    assert (cooks.parcels, cooks.cash_on_delivery, cooks.online) == (
        1,
        Decimal("290.00"),
        Decimal("0.00"),
    )

    orders = Order.objects.all()
    assert sum(s.collected for s in rows.values()) == sum(
        o.total_incl_tax for o in orders
    )
    assert sum(s.shipping for s in rows.values()) == sum(
        o.shipping_incl_tax for o in orders
    )
    cash = Source.objects.filter(source_type__code="cash-on-delivery")
    stripe = Source.objects.filter(source_type__code="stripe")
    assert sum(s.cash_on_delivery for s in rows.values()) == sum(
        c.amount_debited for c in cash
    )
    assert sum(s.online for s in rows.values()) == sum(c.amount_debited for c in stripe)

    page = staff_client.get(f"{DESK}settlement/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "กลุ่มทอผ้าบ้านดอนหลวง" in text and "แม่บุญมีน้ำพริก" in text
    assert "฿4,160.00" in text  # the month's total owed


def test_staff_record_a_refund_and_a_transfer(shop, month, staff_client):
    partner = shop.weavers.partner
    url = f"{DESK}settlement/{partner.pk}/{month:%Y-%m}/"
    stripe_order = Order.objects.get(sources__source_type__code="stripe")
    refund = {
        "action": "refund",
        "order_number": stripe_order.number,
        "amount": "129.50",
        "reason": "ผ้าชำรุดหนึ่งผืน",
        "refunded_on": timezone.localdate().isoformat(),
    }
    too_much = staff_client.post(url, {**refund, "amount": "9999"})
    assert too_much.status_code == 200 and "refund-form" in too_much.content.decode()
    not_theirs = staff_client.post(url, {**refund, "order_number": "nope"})
    assert "ไม่มีพัสดุ" in not_theirs.content.decode()
    assert staff_client.post(url, refund).status_code == 302

    (weavers,) = statements(month, [partner])
    assert weavers.refunds == Decimal("129.50")
    assert weavers.owed == Decimal("3740.50")
    assert not weavers.is_settled

    paid = staff_client.post(
        url, {"action": "pay", "reference": "KBANK-2026-1201-0001", "amount": "3740.50"}
    )
    assert paid.status_code == 302
    (weavers,) = statements(month, [partner])
    assert weavers.is_settled and weavers.balance == Decimal("0.00")
    page = staff_client.get(url).content.decode()
    assert "KBANK-2026-1201-0001" in page

    rows = statement_rows(staff_client.get(f"{DESK}settlement/?format=csv"))
    by_number = {row["เลขทะเบียน"]: row for row in rows}
    row = by_number["OTOP-50-000001"]
    assert row["ค้างจ่าย (บาท)"] == "3740.50"
    assert row["โอนแล้ว (บาท)"] == "3740.50"
    assert row["คงเหลือที่ต้องโอน (บาท)"] == "0.00"
    assert by_number["OTOP-34-000002"]["ค้างจ่าย (บาท)"] == "290.00"

    assert staff_client.post(url, {"action": "pay", "reference": ""}).status_code == 200


def test_a_producer_sees_only_its_own_statement(shop, month):
    weaver = Client()
    weaver.force_login(shop.weavers.partner.users.get())
    page = weaver.get("/th/producer/statements/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "กลุ่มทอผ้าบ้านดอนหลวง" in text and "฿3,870.00" in text
    assert "แม่บุญมีน้ำพริก" not in text and "฿290.00" not in text
    assert str(month.year + 543) in text  # the Buddhist Era on Thai pages

    rows = statement_rows(
        weaver.get(f"/th/producer/statements/{month:%Y-%m}/?format=csv")
    )
    assert [row["เลขทะเบียน"] for row in rows] == ["OTOP-50-000001"]

    cooks = shop.cooks.partner
    for url in (
        f"{DESK}settlement/",
        f"{DESK}settlement/?format=csv",
        f"{DESK}settlement/{cooks.pk}/{month:%Y-%m}/",
    ):
        response = weaver.get(url)
        assert response.status_code in (302, 403), url
        assert b"290.00" not in response.content
    assert weaver.get("/th/producer/statements/2026-13/").status_code == 404
    assert weaver.get("/th/producer/statements/last-month/").status_code == 404

    stranger = Client()
    stranger.force_login(get_user_model().objects.create_user("buyer", "b@b.example"))
    assert stranger.get("/th/producer/statements/").status_code == 404
