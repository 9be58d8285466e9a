"""Booking seats of a village experience through the shop's own basket and checkout:
the slot is a product, its seats its stock; the experience rule decides what can be
booked; nothing is shipped, and the host is paid on arrival (or Stripe, as for goods)."""

from datetime import timedelta
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from oscar.core.loading import get_model

import pytest

from catalogue.register import Producer
from shop.experiences import bookings
from shop.experiences.models import Booking
from shop.experiences.rules import bookable_slots
from shop.payment.stripe_models import StripeCheckout
from tests.checkout.shop import checkout_up_to_preview, place_order

from .shop import add_seats, book_up_to_preview, guest_checkout, seats

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_a_booking_alone_needs_no_address_and_is_paid_to_the_host_on_arrival(
    client, village
):
    slot = village.slot(seats=10)
    book_up_to_preview(client, slot, 2)

    preview = client.get("/th/checkout/preview/")
    page = preview.content.decode()
    assert "ชำระเงินกับเจ้าบ้านเมื่อไปถึง" in page  # pay the host on arrival
    response = place_order(client)

    assert response.status_code == 302 and response["Location"].endswith("/thank-you/")
    order = Order.objects.get()
    assert order.status == "Processing" and order.shipping_address is None
    assert order.shipping_incl_tax == 0 and order.total_incl_tax == Decimal("900.00")
    assert order.sources.get().source_type.code == "pay-on-arrival"
    booking = Booking.objects.get()
    assert (booking.slot, booking.participants, booking.status) == (slot, 2, "booked")
    assert seats(slot) == (10, 2)
    thanks = client.get("/th/checkout/thank-you/").content.decode()
    assert "ศาลากลางบ้านดอนหลวง" in thanks  # the meeting point


def test_the_payment_choice_offers_the_host_on_arrival_not_cash_on_delivery(
    client, village
):
    slot = village.slot()
    book_up_to_preview(client, slot, 1)

    page = client.get("/th/checkout/payment-method/").content.decode()

    assert 'value="pay-on-arrival"' in page and 'value="cash-on-delivery"' not in page
    assert 'value="stripe"' in page
    refused = client.post(
        "/th/checkout/payment-method/", {"method": "cash-on-delivery"}
    )
    assert refused.status_code == 200 and "method" in refused.context["form"].errors


def test_goods_and_a_booking_in_one_basket_charge_shipping_for_the_goods_only(
    client, village
):
    slot = village.slot(seats=5)
    add_seats(client, slot, 2)
    # The cooks' chili (฿120 × 2) travels by parcel: ฿50 under the ฿1,000 threshold.
    checkout_up_to_preview(client, (village.shop.chili, 2))

    response = place_order(client)

    assert response.status_code == 302
    order = Order.objects.get()
    assert order.shipping_address is not None
    assert order.sources.get().source_type.code == "cash-on-delivery"
    charges = dict(
        order.shipments.values_list("partner__producer__name_th", "shipping_charge")
    )
    assert charges == {
        "กลุ่มทอผ้าบ้านดอนหลวง": Decimal("0.00"),
        "แม่บุญมีน้ำพริก": Decimal("50.00"),
    }
    assert order.total_incl_tax == Decimal("900.00") + Decimal("240.00") + 50
    assert seats(slot) == (5, 2) and village.shop.stock(village.shop.chili) == (20, 2)


def test_a_booking_can_be_paid_by_card_or_promptpay_on_stripe(
    client, village, fake_stripe
):
    slot = village.slot()
    book_up_to_preview(client, slot, 3, method="stripe")

    response = place_order(client)

    checkout = StripeCheckout.objects.get()
    assert response.status_code == 303 and response["Location"] == checkout.url
    assert checkout.amount == 3 * 45000  # satang
    assert checkout.order.status == "Pending payment" and seats(slot) == (10, 3)
    assert Booking.objects.get().participants == 3


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda slot, v: bookings.close(slot), id="closed by the host"),
        pytest.param(
            lambda slot, v: slot.__class__.objects.filter(pk=slot.pk).update(
                starts_at=timezone.now() - timedelta(hours=2),
                booking_closes_at=timezone.now() - timedelta(hours=14),
            ),
            id="past",
        ),
        pytest.param(
            lambda slot, v: Producer.objects.filter(pk=v.shop.weavers.pk).update(
                status="suspended"
            ),
            id="host suspended",
        ),
        pytest.param(lambda slot, v: v.page.unpublish(), id="village unpublished"),
    ],
)
def test_a_slot_that_cannot_be_booked_is_refused_in_the_basket(client, village, spoil):
    slot = village.slot()
    spoil(slot, village)

    response = add_seats(client, slot, 1)

    assert response.status_code == 302
    basket = client.get("/th/basket/")
    assert basket.context["basket"].num_lines == 0
    messages = [str(m) for m in basket.context["messages"]]
    assert any("ไม่สามารถจองวันนี้ได้แล้ว" in m for m in messages), messages
    assert slot not in bookable_slots()


def test_the_booking_cut_off_closes_a_slot_before_it_starts(client, village):
    soon = village.slot(starts_at=timezone.now() + timedelta(hours=6), cutoff_hours=12)
    later = village.slot(starts_at=timezone.now() + timedelta(hours=6), cutoff_hours=2)

    assert list(bookable_slots()) == [later]
    add_seats(client, soon, 1)
    add_seats(client, later, 1)
    lines = client.get("/th/basket/").context["basket"].all_lines()
    assert [line.product for line in lines] == [later.product]


def test_a_slot_closed_during_checkout_is_refused_at_placement(client, village):
    slot = village.slot()
    book_up_to_preview(client, slot, 2)
    bookings.close(slot)

    response = place_order(client)

    assert response.status_code in (302, 409)
    assert Order.objects.count() == 0 and seats(slot) == (10, 0)


def test_more_seats_than_left_are_refused(client, village):
    slot = village.slot(seats=3)

    add_seats(client, slot, 4)

    assert client.get("/th/basket/").context["basket"].num_lines == 0


def test_children_pay_the_childrens_price_from_the_same_seats(client, village):
    slot = village.slot(seats=4, child_price=Decimal("200"))
    add_seats(client, slot, 2)
    add_seats(client, slot, 1, participant="child")
    response = add_seats(client, slot, 2, participant="child")  # 5 > 4 seats
    basket = client.get("/th/basket/").context["basket"]
    assert response.status_code == 302
    assert sorted(line.line_price_incl_tax for line in basket.all_lines()) == [
        Decimal("200.00"),
        Decimal("900.00"),
    ]
    guest_and_pay(client)
    assert seats(slot) == (4, 3)
    assert sorted(Booking.objects.values_list("participants", "children")) == [
        (1, True),
        (2, False),
    ]


def guest_and_pay(client) -> None:
    response = guest_checkout(client, "t@example.com")
    client.get(response["Location"], follow=True)
    client.post("/th/checkout/payment-method/", {"method": "pay-on-arrival"})
    assert place_order(client)["Location"].endswith("/thank-you/")


def test_cancelling_within_the_policy_gives_the_seats_back(client, village):
    slot = village.slot(seats=6, starts_at=timezone.now() + timedelta(days=5))
    book_up_to_preview(client, slot, 2)
    place_order(client)
    booking = Booking.objects.get()
    assert seats(slot) == (6, 2)

    assert bookings.cancel(booking) == 2

    booking.refresh_from_db()
    assert booking.status == "cancelled" and seats(slot) == (6, 0)
    with pytest.raises(bookings.BookingError):
        bookings.cancel(booking)  # a second time gives nothing more back


def test_cancelling_after_the_policy_is_refused_and_keeps_the_seats(client, village):
    # Free cancellation until 48 hours before; this slot starts in 30 hours.
    slot = village.slot(seats=6, starts_at=timezone.now() + timedelta(hours=30))
    book_up_to_preview(client, slot, 2)
    place_order(client)
    booking = Booking.objects.get()

    with pytest.raises(bookings.BookingError):
        bookings.cancel(booking)

    booking.refresh_from_db()
    assert booking.status == "booked" and seats(slot) == (6, 2)


def test_a_guest_cancels_from_the_order_page_and_a_stranger_cannot(client, village):
    slot = village.slot(seats=6, starts_at=timezone.now() + timedelta(days=5))
    book_up_to_preview(client, slot, 2)
    place_order(client)
    booking = Booking.objects.get()
    order = booking.line.order
    # Oscar's guest order page asks for the order's e-mail address first.
    confirm = client.get(
        f"/th/accounts/order-status/{order.number}/{order.verification_hash()}/"
    )["Location"]
    response = client.post(confirm, {"email": order.email}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "ยกเลิกการจองนี้" in page and "ศาลากลางบ้านดอนหลวง" in page
    url = f"/th/experiences/bookings/{booking.pk}/cancel/"

    stranger = Client().post(url, {"hash": "not-the-hash"})
    assert stranger.status_code == 403 and seats(slot) == (6, 2)

    response = client.post(url, {"hash": order.verification_hash()})
    assert response.status_code == 302
    assert seats(slot) == (6, 0)
    booking.refresh_from_db()
    assert booking.status == "cancelled"
