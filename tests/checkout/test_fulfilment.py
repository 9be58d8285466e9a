"""After the order: each producer accepts, ships (with a tracking number) and delivers
its own parcel; the buyer hears of each dispatch; the order completes with the last."""

from decimal import Decimal

from django.core import mail
from django.test import Client

from oscar.core.loading import get_model

import pytest

from .shop import checkout_up_to_preview, place_order

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(client, shop, django_capture_on_commit_callbacks):
    checkout_up_to_preview(client, (shop.silk, 1), (shop.chili, 2))
    with django_capture_on_commit_callbacks(execute=True):
        place_order(client)
    mail.outbox.clear()
    return Order.objects.get()


def test_each_producer_sends_its_own_parcel_and_the_buyer_hears_of_each(
    shop, order, django_capture_on_commit_callbacks
):
    weaver = Client()
    weaver.force_login(shop.weavers.partner.users.get())
    listing = weaver.get("/th/producer/shipments/").content.decode()
    assert order.number in listing
    [mine] = weaver.get("/th/producer/shipments/").context["shipments"]
    page = weaver.get(f"/th/producer/shipments/{mine.pk}/").content.decode()
    assert "ผ้าไหมมัดหมี่ทอมือ" in page and "น้ำพริกนรกปลาย่าง" not in page  # its lines only
    theirs = order.shipments.exclude(pk=mine.pk).get()
    assert weaver.get(f"/th/producer/shipments/{theirs.pk}/").status_code == 404

    url = f"/th/producer/shipments/{mine.pk}/"
    weaver.post(url, {"action": "accept"})
    response = weaver.post(url, {"action": "ship", "tracking_number": " "})
    assert response.status_code == 200 and response.context["ship_form"].errors
    # The courier is asked for too: the buyer's order page names it.
    response = weaver.post(url, {"action": "ship", "tracking_number": "EX123456789TH"})
    assert set(response.context["ship_form"].errors) == {"courier"}
    with django_capture_on_commit_callbacks(execute=True):
        weaver.post(
            url,
            {
                "action": "ship",
                "courier": "thailand-post",
                "tracking_number": "EX123456789TH",
            },
        )
    mine.refresh_from_db()
    print(
        f"\nweavers' parcel: {mine.status} {mine.tracking_number}; silk stock {shop.stock(shop.silk)}"
    )
    assert mine.status == "shipped" and mine.accepted_at and mine.shipped_at
    assert shop.stock(shop.silk) == (4, 0)  # the unit has left the shelf
    [notice] = mail.outbox
    assert notice.to == ["somsri@example.com"] and "EX123456789TH" in notice.body
    assert "ไปรษณีย์ไทย" in notice.body  # the courier, in the buyer's language
    assert "ผ้าไหมมัดหมี่ทอมือ" in notice.body and "น้ำพริกนรกปลาย่าง" not in notice.body
    assert "1,290" in notice.body  # cash to have ready for this parcel

    weaver.post(url, {"action": "deliver"})
    order.refresh_from_db()
    assert order.status == "Processing"  # the other parcel is still on its way
    cash = order.sources.get(source_type__code="cash-on-delivery")
    assert cash.amount_debited == Decimal("1290.00")

    theirs.ship("TH0001234567")
    theirs.deliver()
    order.refresh_from_db()
    cash.refresh_from_db()
    print(
        f"order {order.number}: {order.status}; cash collected ฿{cash.amount_debited}"
    )
    assert order.status == "Complete" and cash.amount_debited == order.total_incl_tax
    events = list(order.shipping_events.values_list("event_type__code", flat=True))
    assert events.count("shipped") == 2 and events.count("delivered") == 2


def test_a_step_out_of_turn_is_refused(shop, order):
    weaver = Client()
    weaver.force_login(shop.weavers.partner.users.get())
    shipment = order.shipments.get(partner=shop.weavers.partner)
    response = weaver.post(
        f"/th/producer/shipments/{shipment.pk}/", {"action": "deliver"}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    print("\n", messages)
    assert messages and order.shipments.get(pk=shipment.pk).status == "new"


def test_strangers_see_no_parcels(client, order):
    assert client.get("/th/producer/shipments/").status_code == 302  # to sign in
    stranger = Client()
    from django.contrib.auth import get_user_model

    stranger.force_login(
        get_user_model().objects.create_user("x", "x@example.com", "x")
    )
    assert list(stranger.get("/th/producer/shipments/").context["shipments"]) == []
