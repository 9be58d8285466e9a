"""Goods collected in the village on the day of a booking there, the booking's
confirmation e-mail with its calendar file, and the reminder the day before."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from oscar.core.loading import get_model

import pytest

from tests.checkout.shop import ADDRESS, fill_basket, place_order

from .shop import add_seats, book_up_to_preview, guest_checkout

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def to_shipping_methods(client):
    response = guest_checkout(client)
    assert response["Location"].endswith("/shipping-address/")
    response = client.post("/th/checkout/shipping-address/", ADDRESS)
    assert response.status_code == 302
    return client.get("/th/checkout/shipping-method/")


def test_the_village_producers_goods_are_collected_free_others_are_sent(
    client, village
):
    slot = village.slot(starts_at=timezone.now() + timedelta(days=6))
    add_seats(client, slot, 2)
    # The silk's weavers host the workshop; the chili comes from Ubon by parcel.
    fill_basket(client, (village.shop.silk, 1), (village.shop.chili, 2))

    page = to_shipping_methods(client).content.decode()

    assert "รับสินค้าที่หมู่บ้าน" in page  # pick up in the village
    assert "รับที่บ้านดอนหลวง" in page  # collect at Ban Don Luang on …
    response = client.post(
        "/th/checkout/shipping-method/", {"method_code": "village-pickup"}
    )
    assert response.status_code == 302
    choices = client.get("/th/checkout/payment-method/").content.decode()
    assert 'value="cash-on-delivery"' in choices  # the chili still travels
    client.post("/th/checkout/payment-method/", {"method": "cash-on-delivery"})
    assert place_order(client)["Location"].endswith("/thank-you/")
    order = Order.objects.get()
    charges = dict(
        order.shipments.values_list("partner__producer__name_th", "shipping_charge")
    )
    assert charges == {"กลุ่มทอผ้าบ้านดอนหลวง": 0, "แม่บุญมีน้ำพริก": 50}
    assert order.shipping_method == "รับสินค้าที่หมู่บ้าน"


def test_when_everything_is_collected_the_host_is_paid_on_arrival(client, village):
    slot = village.slot()
    add_seats(client, slot, 1)
    fill_basket(client, (village.shop.silk, 1))
    to_shipping_methods(client)
    client.post("/th/checkout/shipping-method/", {"method_code": "village-pickup"})

    choices = client.get("/th/checkout/payment-method/").content.decode()

    assert 'value="pay-on-arrival"' in choices
    assert 'value="cash-on-delivery"' not in choices


def test_without_a_booking_there_is_no_pick_up(client, village):
    fill_basket(client, (village.shop.silk, 1))

    page = to_shipping_methods(client).content.decode()

    assert "รับสินค้าที่หมู่บ้าน" not in page


def test_the_confirmation_has_the_meeting_point_date_host_and_a_calendar_file(
    client, village, django_capture_on_commit_callbacks
):
    slot = village.slot(starts_at=timezone.now() + timedelta(days=10))
    village.shop.weavers.phone = "053 111 222"
    village.shop.weavers.save()
    book_up_to_preview(client, slot, 2)

    with django_capture_on_commit_callbacks(execute=True):
        place_order(client)

    [message] = [m for m in mail.outbox if m.attachments]
    local = timezone.localtime(slot.starts_at)
    assert "ยืนยันการจอง" in message.subject
    assert "ศาลากลางบ้านดอนหลวง" in message.body
    assert f"{local.year + 543}" in message.body and f"{local:%H:%M} น." in message.body
    assert "053 111 222" in message.body and "กลุ่มทอผ้าบ้านดอนหลวง" in message.body
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar"
    text = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in text and f"DTSTART:{slot.starts_at:%Y%m%dT%H%M%S}Z" in text
    assert message.to == ["tourist@example.com"]


def test_an_english_booking_is_confirmed_in_english(
    client, village, django_capture_on_commit_callbacks
):
    slot = village.slot()
    client.post(f"/en/basket/add/{slot.product.pk}/", {"quantity": 1})
    client.post("/en/checkout/", {"username": "t@example.com", "options": "anonymous"})
    client.get("/en/checkout/shipping-address/", follow=True)
    client.post("/en/checkout/payment-method/", {"method": "pay-on-arrival"})

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/checkout/preview/", {"action": "place_order"})

    [message] = [m for m in mail.outbox if m.attachments]
    assert "Booking confirmed" in message.subject
    # Plain text: the title's apostrophe is not HTML-escaped.
    assert "the village's master weavers" in message.subject + message.body
    assert "Ban Don Luang village hall" in message.body
    assert str(timezone.localtime(slot.starts_at).year) in message.body


def test_the_reminder_goes_out_once_the_day_before(client, village):
    tomorrow = village.slot(starts_at=timezone.now() + timedelta(hours=20))
    book_up_to_preview(client, tomorrow, 1)
    place_order(client)
    later = village.slot(starts_at=timezone.now() + timedelta(days=3))
    other = type(client)()
    book_up_to_preview(other, later, 1, email="later@example.com")
    place_order(other)
    mail.outbox.clear()

    call_command("send_booking_reminders")
    call_command("send_booking_reminders")

    assert [m.to for m in mail.outbox] == [["tourist@example.com"]]
    assert "พรุ่งนี้" in mail.outbox[0].subject
