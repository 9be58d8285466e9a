"""The host sees the bookings of its own slots by date, records who came and closes
a date; another host's slots and bookings are out of its reach (404)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

import pytest

from shop.experiences.catalogue import add_slot, create_experience
from shop.experiences.models import Booking
from shop.experiences.rules import bookable_slots
from tests.checkout.shop import place_order

from .shop import book_up_to_preview

pytestmark = pytest.mark.django_db


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def two_hosts(village):
    cooks = village.shop.cooks
    cook = get_user_model().objects.create_user(
        username="cook-staff", email="cook@boonmee.example", password="x"
    )
    cooks.partner.users.add(cook)
    class_ = create_experience(
        host=cooks,
        village_page=village.page,
        title="ทำน้ำพริกกับแม่บุญมี",
        title_en="Chili paste with Mae Boonmee",
        meeting_point="ครัวแม่บุญมี",
    )
    cooking = add_slot(
        class_,
        starts_at=timezone.now() + timedelta(days=2),
        seats=6,
        price=300,
        duration_minutes=90,
    )
    weaving = village.slot(seats=6, starts_at=timezone.now() + timedelta(days=2))
    tourist = Client()
    book_up_to_preview(tourist, weaving, 2)
    place_order(tourist)
    other = Client()
    book_up_to_preview(other, cooking, 1, email="cookfan@example.com")
    place_order(other)
    return village, weaving, cooking


def test_the_host_sees_its_bookings_by_date_with_contact_and_notes(two_hosts):
    village, weaving, cooking = two_hosts
    booking = Booking.objects.get(slot=weaving)
    Booking.objects.filter(pk=booking.pk).update(phone="0812345678", notes="มังสวิรัติ")
    host = signed_in("weaver-staff")

    page = host.get("/th/experiences/host/").content.decode()

    assert (
        f'data-slot="{weaving.pk}"' in page and f'data-slot="{cooking.pk}"' not in page
    )
    assert "tourist@example.com" in page and "0812345678" in page and "มังสวิรัติ" in page
    assert "cookfan@example.com" not in page
    day = timezone.localtime(weaving.starts_at).date()
    on_day = host.get("/th/experiences/host/", {"date": day.isoformat()})
    assert f'data-booking="{booking.pk}"' in on_day.content.decode()
    other_day = host.get(
        "/th/experiences/host/", {"date": (day + timedelta(days=1)).isoformat()}
    )
    assert f'data-booking="{booking.pk}"' not in other_day.content.decode()
    assert host.get("/th/experiences/host/", {"date": "nonsense"}).status_code == 200


def test_the_host_marks_attended_or_no_show(two_hosts):
    village, weaving, cooking = two_hosts
    booking = Booking.objects.get(slot=weaving)
    host = signed_in("weaver-staff")
    url = f"/th/experiences/host/bookings/{booking.pk}/attendance/"

    assert host.post(url, {"status": "attended"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == "attended"
    assert host.post(url, {"status": "no_show"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == "no_show"
    assert host.post(url, {"status": "teleported"}).status_code == 400


def test_the_host_closes_a_date(two_hosts):
    village, weaving, cooking = two_hosts
    host = signed_in("weaver-staff")

    response = host.post(f"/th/experiences/host/slots/{weaving.pk}/close/")

    assert response.status_code == 302
    assert weaving not in bookable_slots() and cooking in bookable_slots()
    assert Booking.objects.get(slot=weaving).status == "booked"  # bookings stand


def test_another_hosts_slots_and_bookings_answer_404(two_hosts):
    village, weaving, cooking = two_hosts
    theirs = Booking.objects.get(slot=cooking)
    host = signed_in("weaver-staff")

    attend = host.post(
        f"/th/experiences/host/bookings/{theirs.pk}/attendance/",
        {"status": "no_show"},
    )
    close = host.post(f"/th/experiences/host/slots/{cooking.pk}/close/")

    assert attend.status_code == 404 and close.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "booked" and cooking in bookable_slots()
    assert Client().get("/th/experiences/host/").status_code == 302  # sign in first
