"""Cancelling a booking paid on Stripe refunds it there (through the SDK), once,
whatever Stripe's webhooks repeat; a part of an order that holds only bookings never
waits to be shipped, and settles on the host's statement once the visit took place."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from oscar.core.loading import get_model

import pytest

from shop.experiences import bookings
from shop.experiences.models import Booking
from shop.order.settlement import ParcelRefund, month_start, statement_for
from shop.order.shipments import ProducerShipment
from shop.payment.stripe_models import StripeCheckout, StripeEvent, StripeRefund
from tests.checkout.shop import checkout_up_to_preview, place_order
from tests.payment.test_webhooks import send

from .shop import add_seats, book_up_to_preview, guest_checkout, seats

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

REFUNDED = "charge.refunded"


def pay_on_stripe(client, fake_stripe) -> StripeCheckout:
    """The tourist placed the order and pays on Stripe's page; the webhook says so."""
    assert place_order(client).status_code == 303
    checkout = StripeCheckout.objects.latest("pk")
    session = fake_stripe.pay(checkout.session_id)
    assert send(Client(), "checkout.session.completed", session).status_code == 200
    checkout.refresh_from_db()
    assert checkout.status == "paid" and checkout.order.status == "Processing"
    return checkout


def refund_requests(fake_stripe) -> list[dict]:
    return [r for r in fake_stripe.requests if r["path"] == "/v1/refunds"]


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def cancel_from_order_page(client, booking):
    order = booking.line.order
    return client.post(
        f"/th/experiences/bookings/{booking.pk}/cancel/",
        {"hash": order.verification_hash()},
    )


@pytest.fixture
def paid_booking(client, village, fake_stripe):
    """Three seats at ฿450 paid by card, five days ahead (free cancellation: 48 h)."""
    slot = village.slot(seats=6, starts_at=timezone.now() + timedelta(days=5))
    book_up_to_preview(client, slot, 3, method="stripe")
    checkout = pay_on_stripe(client, fake_stripe)
    return slot, checkout, Booking.objects.get()


def test_cancelling_a_stripe_booking_refunds_it_through_stripe(
    client, paid_booking, fake_stripe
):
    slot, checkout, booking = paid_booking
    assert seats(slot) == (6, 3)

    response = cancel_from_order_page(client, booking)

    assert response.status_code == 302 and seats(slot) == (6, 0)
    told = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("฿1,350.00" in m and "พร้อมเพย์" in m for m in told), told
    (request,) = refund_requests(fake_stripe)
    assert request["method"] == "post"
    assert request["params"]["payment_intent"] == checkout.payment_intent
    assert request["params"]["amount"] == str(3 * 45000)  # satang
    assert request["idempotency_key"] == f"otop-booking-{booking.pk}-refund"
    refund = StripeRefund.objects.get()
    assert refund.amount == 135000 and refund.refund_id in fake_stripe.refunds
    assert refund.parcel_refund.amount == Decimal("1350.00")
    order = checkout.order
    assert order.sources.get().amount_refunded == Decimal("1350.00")
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    # The host's only part of the order is cancelled: nothing to deliver, nothing owed.
    assert ProducerShipment.objects.get(order=order).status == "cancelled"


def test_the_charge_refunded_webhook_counts_our_refund_once(
    client, paid_booking, fake_stripe
):
    slot, checkout, booking = paid_booking
    cancel_from_order_page(client, booking)
    charge = fake_stripe.charge(checkout.payment_intent)
    assert charge["amount_refunded"] == 135000

    first = send(Client(), REFUNDED, charge, event_id="evt_refund_1")
    replay = send(Client(), REFUNDED, charge, event_id="evt_refund_1")
    another = send(Client(), REFUNDED, charge, event_id="evt_refund_2")

    assert first.content == b"refund already recorded"
    assert replay.content.startswith(b"already processed")
    assert another.content == b"refund already recorded"
    assert StripeRefund.objects.count() == 1 and ParcelRefund.objects.count() == 1
    assert StripeEvent.objects.filter(type=REFUNDED).count() == 2
    assert checkout.order.sources.get().amount_refunded == Decimal("1350.00")


def test_a_refund_made_in_stripes_dashboard_is_recorded_once_for_staff(
    paid_booking, fake_stripe
):
    slot, checkout, booking = paid_booking
    fake_stripe.refund_at_stripe(checkout.payment_intent, 20000)
    charge = fake_stripe.charge(checkout.payment_intent)

    assert send(Client(), REFUNDED, charge).content == b"refund recorded: 20000 satang"
    assert send(Client(), REFUNDED, charge).content == b"refund already recorded"

    refund = StripeRefund.objects.get()
    assert refund.amount == 20000 and refund.parcel_refund is None
    order = checkout.order
    assert order.sources.get().amount_refunded == Decimal("200.00")
    assert "200.00" in order.notes.get(note_type="Error").message
    # The booking itself stands: seats held.
    assert seats(slot) == (6, 3)


def test_stripe_down_keeps_the_booking_and_its_seats(client, paid_booking, fake_stripe):
    slot, checkout, booking = paid_booking
    fake_stripe.outage = True

    response = cancel_from_order_page(client, booking)

    assert response.status_code == 302  # back to the order page, with the reason
    booking.refresh_from_db()
    assert booking.status == "booked" and seats(slot) == (6, 3)
    assert not StripeRefund.objects.exists() and not ParcelRefund.objects.exists()
    fake_stripe.outage = False
    assert bookings.cancel(booking) == 3
    assert StripeRefund.objects.count() == 1


def test_an_unpaid_stripe_booking_is_not_cancelled_behind_the_payment(
    client, village, fake_stripe
):
    slot = village.slot(seats=6, starts_at=timezone.now() + timedelta(days=5))
    book_up_to_preview(client, slot, 2, method="stripe")
    assert place_order(client).status_code == 303
    booking = Booking.objects.get()

    with pytest.raises(bookings.BookingError):
        bookings.cancel(booking)
    assert seats(slot) == (6, 2) and not refund_requests(fake_stripe)


def test_a_pay_on_arrival_booking_cancelled_asks_stripe_nothing(
    client, village, fake_stripe
):
    slot = village.slot(seats=6, starts_at=timezone.now() + timedelta(days=5))
    book_up_to_preview(client, slot, 2)
    place_order(client)

    assert bookings.cancel(Booking.objects.get()) == 2
    assert not refund_requests(fake_stripe) and not ParcelRefund.objects.exists()


def test_a_bookings_only_order_is_not_on_the_hosts_lists_to_ship(client, village):
    slot = village.slot(seats=6)
    book_up_to_preview(client, slot, 2)
    place_order(client)
    visit = Order.objects.get()
    goods = Client()
    checkout_up_to_preview(goods, (village.shop.silk, 1))
    place_order(goods)
    parcel = Order.objects.exclude(pk=visit.pk).get()
    host = signed_in("weaver-staff")

    shipments = host.get("/th/producer/shipments/").content.decode()
    assert parcel.number in shipments and visit.number not in shipments
    shipment = ProducerShipment.objects.get(order=visit)
    assert host.get(f"/th/producer/shipments/{shipment.pk}/").status_code == 404
    # The host follows the booking on its bookings page instead.
    assert visit.number in host.get("/th/experiences/host/").content.decode()


def test_a_bookings_only_order_is_not_on_the_dashboard_order_list(client, village):
    from catalogue.producers.membership import join_producer

    slot = village.slot(seats=6)
    book_up_to_preview(client, slot, 2)
    place_order(client)
    visit = Order.objects.get()
    goods = Client()
    checkout_up_to_preview(goods, (village.shop.silk, 1))
    place_order(goods)
    parcel = Order.objects.exclude(pk=visit.pk).get()
    user = get_user_model().objects.get(username="weaver-staff")
    join_producer(user, village.shop.weavers)

    listing = signed_in("weaver-staff").get("/th/dashboard/orders/").content.decode()
    assert parcel.number in listing and visit.number not in listing


def book_two_dates(client, first, second) -> None:
    assert add_seats(client, first, 1).status_code == 302
    assert add_seats(client, second, 2).status_code == 302
    response = guest_checkout(client)
    client.get(response["Location"], follow=True)


def test_a_stripe_visit_settles_once_attended_less_a_cancelled_date(
    client, village, fake_stripe
):
    first = village.slot(seats=6, starts_at=timezone.now() + timedelta(days=5))
    second = village.slot(seats=6, starts_at=timezone.now() + timedelta(days=6))
    book_two_dates(client, first, second)
    client.post("/th/checkout/payment-method/", {"method": "stripe"})
    checkout = pay_on_stripe(client, fake_stripe)
    order = checkout.order
    shipment = ProducerShipment.objects.get(order=order)
    assert shipment.lines_total == Decimal("1350.00")
    weavers = village.shop.weavers.partner
    month = month_start(timezone.localdate())

    # The second date is cancelled (2 × ฿450 refunded); the first is attended.
    cancel_from_order_page(client, Booking.objects.get(slot=second))
    assert ProducerShipment.objects.get(pk=shipment.pk).status == "new"
    host = signed_in("weaver-staff")
    booking = Booking.objects.get(slot=first)
    host.post(
        f"/th/experiences/host/bookings/{booking.pk}/attendance/",
        {"status": "attended"},
    )

    shipment.refresh_from_db()
    assert shipment.status == "delivered" and shipment.delivered_at is not None
    order.refresh_from_db()
    assert order.status == "Complete"
    statement = statement_for(weavers, month)
    assert statement.parcels == 1 and statement.online == Decimal("1350.00")
    assert statement.refunds == Decimal("900.00")
    assert statement.owed == Decimal("450.00")
    # Stripe kept 450 of the 1,350 charged: what the host is owed.
    assert (
        to_baht(checkout.amount - sum(r.amount for r in StripeRefund.objects.all()))
        == statement.owed
    )


def test_a_visit_cancelled_in_full_owes_nothing(client, paid_booking):
    slot, checkout, booking = paid_booking
    cancel_from_order_page(client, booking)
    statement = statement_for(
        booking.slot.experience.product.producer.partner,
        month_start(timezone.localdate()),
    )
    assert statement.parcels == 0 and statement.refunds == 0 and statement.owed == 0


def test_a_visit_paid_to_the_host_on_arrival_is_shown_but_not_owed(client, village):
    slot = village.slot(seats=6)
    book_up_to_preview(client, slot, 2)
    place_order(client)
    booking = Booking.objects.get()
    signed_in("weaver-staff").post(
        f"/th/experiences/host/bookings/{booking.pk}/attendance/",
        {"status": "no_show"},
    )

    shipment = ProducerShipment.objects.get()
    assert shipment.status == "delivered"
    source = shipment.order.sources.get()
    assert source.source_type.code == "pay-on-arrival"
    assert source.amount_debited == Decimal("900.00")
    statement = statement_for(
        village.shop.weavers.partner, month_start(timezone.localdate())
    )
    assert statement.parcels == 1 and statement.on_arrival == Decimal("900.00")
    assert statement.collected == 0 and statement.owed == 0


def to_baht(satang: int) -> Decimal:
    return (Decimal(satang) / 100).quantize(Decimal("0.01"))
