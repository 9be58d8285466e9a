"""The host hears of each booking made and cancelled, in the language its producer
group chose (Producer.language), whatever language the tourist booked in; a part of
an order holding only bookings sends no "pack and send" notice."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from shop.experiences import bookings
from shop.experiences.models import Booking
from tests.checkout.shop import place_order

from .shop import book_up_to_preview

pytestmark = pytest.mark.django_db

HOST = "weavers@otop.example"


def to_host():
    return [m for m in mail.outbox if HOST in m.to]


def book(client, village, django_capture_on_commit_callbacks, language: str):
    village.shop.weavers.language = language
    village.shop.weavers.save()
    slot = village.slot(starts_at=timezone.now() + timedelta(days=10))
    book_up_to_preview(client, slot, 3)  # the tourist books on the Thai pages
    with django_capture_on_commit_callbacks(execute=True):
        assert place_order(client).status_code == 302
    return slot


def test_a_thai_host_hears_of_a_booking_in_thai(
    client, village, django_capture_on_commit_callbacks, settings
):
    slot = book(client, village, django_capture_on_commit_callbacks, "th")
    local = timezone.localtime(slot.starts_at)

    [notice] = to_host()  # the booking notice only: nothing to pack and send
    assert notice.subject.startswith("มีการจองใหม่: เวิร์กช็อปทอผ้าไหมกับแม่ครู")
    assert "3 คน" in notice.subject and str(local.year + 543) in notice.subject
    assert "มีผู้มาเยือนจองกิจกรรมในหมู่บ้านของท่าน" in notice.body
    assert f"{local.year + 543}" in notice.body and f"{local:%H:%M} น." in notice.body
    assert "tourist@example.com" in notice.body
    assert "ชำระกับท่านเมื่อมาถึง" in notice.body  # pay on arrival
    assert f"{settings.SITE_URL}/th/experiences/host/" in notice.body
    assert "booked" not in notice.body and "Booking" not in notice.subject
    assert notice.from_email == settings.DEFAULT_FROM_EMAIL


def test_an_english_host_hears_of_a_thai_booking_in_english(
    client, village, django_capture_on_commit_callbacks, settings
):
    slot = book(client, village, django_capture_on_commit_callbacks, "en")
    local = timezone.localtime(slot.starts_at)

    [notice] = to_host()
    assert notice.subject == (
        "New booking: Silk weaving workshop with the village's master weavers, "
        f"{local:%-d %b %Y}, 3 people"
    )
    assert "A visitor has booked your village experience" in notice.body
    assert "Participants: 3" in notice.body
    assert notice.body.startswith("Hello Ban Don Luang Weaving Group,")
    assert "to be paid to you on arrival" in notice.body
    assert f"{settings.SITE_URL}/en/experiences/host/" in notice.body
    assert str(local.year + 543) not in notice.body
    assert "Booked by: tourist@example.com\n" in notice.body
    thai = [ch for ch in notice.subject + notice.body if "\u0e00" <= ch <= "\u0e7f"]
    assert set(thai) <= {"฿"}  # the baht sign is Thai script too
    # The tourist's own confirmation stays in the tourist's language.
    [confirmation] = [m for m in mail.outbox if m.attachments]
    assert "ยืนยันการจอง" in confirmation.subject


@pytest.mark.parametrize(
    ("language", "subject", "sentence"),
    [
        ("th", "ยกเลิกการจอง: ", "ผู้มาเยือนได้ยกเลิกการจอง"),
        ("en", "Booking cancelled: ", "A visitor has cancelled a booking"),
    ],
)
def test_the_host_hears_of_a_cancellation_in_its_language(
    client, village, django_capture_on_commit_callbacks, language, subject, sentence
):
    book(client, village, django_capture_on_commit_callbacks, language)
    mail.outbox.clear()
    booking = Booking.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        bookings.cancel(booking)

    [notice] = to_host()
    assert notice.subject.startswith(subject) and sentence in notice.body
    assert "3" in notice.body and "tourist@example.com" in notice.body
