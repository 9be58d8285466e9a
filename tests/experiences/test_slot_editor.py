"""The host's slot editor in the dashboard: a producer's staff add, edit and close the
dates of the experiences their producer hosts, in Thai or English, and can reach no
other host's experience or date (404)."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

import pytest

from catalogue.producers.membership import join_producer
from shop.experiences.catalogue import add_slot, create_experience
from shop.experiences.models import Slot
from tests.checkout.shop import place_order

from .shop import book_up_to_preview, seats

pytestmark = pytest.mark.django_db


def member_of(producer, username: str) -> Client:
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password="x"
    )
    join_producer(user, producer)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def hosts(village):
    weaver = member_of(village.shop.weavers, "weaver-host")
    cook = member_of(village.shop.cooks, "cook-host")
    cooking = create_experience(
        host=village.shop.cooks,
        village_page=village.page,
        title="ทำน้ำพริกกับแม่บุญมี",
        title_en="Chili paste with Mae Boonmee",
        meeting_point="ครัวแม่บุญมี",
    )
    cooking_slot = add_slot(
        cooking,
        starts_at=timezone.now() + timedelta(days=4),
        seats=6,
        price=Decimal("300"),
        duration_minutes=90,
    )
    return weaver, cook, cooking, cooking_slot


def slot_data(day, **changes) -> dict:
    data = {
        "date": day.isoformat(),
        "time": "09:30",
        "duration_minutes": 180,
        "seats": 8,
        "price": "450.00",
        "child_price": "",
        "cutoff_hours": 12,
        "languages": ["th", "en"],
        "meeting_point": "",
    }
    data.update(changes)
    return data


def test_a_host_adds_a_date_that_tourists_can_book(village, hosts):
    weaver, _cook, cooking, _slot = hosts
    listing = weaver.get("/th/dashboard/experiences/")
    page = listing.content.decode()
    assert listing.status_code == 200
    assert "เวิร์กช็อปทอผ้าไหมกับแม่ครู" in page and "ทำน้ำพริก" not in page
    assert "/th/dashboard/experiences/" in weaver.get("/th/dashboard/").content.decode()

    day = timezone.localdate() + timedelta(days=10)
    form = weaver.get(f"/th/dashboard/experiences/{village.workshop.pk}/slots/add/")
    assert form.status_code == 200 and "ราคาต่อคน" in form.content.decode()
    response = weaver.post(
        f"/th/dashboard/experiences/{village.workshop.pk}/slots/add/",
        slot_data(day, child_price="250.00"),
    )

    assert response.status_code == 302
    slot = Slot.objects.get(experience=village.workshop)
    local = timezone.localtime(slot.starts_at)
    assert (local.date(), local.hour, local.minute) == (day, 9, 30)
    assert seats(slot) == (8, 0) and slot.price == Decimal("450.00")
    assert slot.child_price == Decimal("250.00") and slot.language_codes == ["th", "en"]
    listed = weaver.get(response["Location"]).content.decode()
    assert f'data-slot="{slot.pk}"' in listed and f"{day.year + 543}" in listed
    village_page = Client().get(village.page.url).content.decode()
    assert f'data-slot="{slot.pk}"' in village_page and "เหลือ 8 ที่" in village_page


def test_a_host_edits_seats_and_price_but_never_below_the_seats_booked(village, hosts):
    weaver = hosts[0]
    slot = village.slot(seats=6, starts_at=timezone.now() + timedelta(days=6))
    tourist = Client()
    book_up_to_preview(tourist, slot, 4)
    place_order(tourist)
    day = timezone.localtime(slot.starts_at).date()
    time = f"{timezone.localtime(slot.starts_at):%H:%M}"
    url = f"/th/dashboard/experiences/slots/{slot.pk}/"
    assert "4 ที่" in weaver.get(url).content.decode()

    too_few = weaver.post(url, slot_data(day, time=time, seats=3))
    assert too_few.status_code == 200 and seats(slot) == (6, 4)
    assert (
        "errorlist" in too_few.content.decode() or "invalid" in too_few.content.decode()
    )

    moved = weaver.post(url, slot_data(day + timedelta(days=1), time=time, seats=10))
    assert moved.status_code == 200 and seats(slot) == (6, 4)

    saved = weaver.post(url, slot_data(day, time=time, seats=10, price="500.00"))
    assert saved.status_code == 302
    slot.refresh_from_db()
    assert seats(slot) == (10, 4) and slot.price == Decimal("500.00")
    assert "เหลือ 6 ที่" in Client().get(village.page.url).content.decode()


def test_a_date_without_bookings_can_move_and_its_title_follows(village, hosts):
    weaver = hosts[0]
    slot = village.slot(seats=6, starts_at=timezone.now() + timedelta(days=6))
    new_day = timezone.localdate() + timedelta(days=20)

    response = weaver.post(
        f"/th/dashboard/experiences/slots/{slot.pk}/",
        slot_data(new_day, time="14:00", cutoff_hours=24),
    )

    assert response.status_code == 302
    slot.refresh_from_db()
    assert timezone.localtime(slot.starts_at).date() == new_day
    assert slot.booking_closes_at == slot.starts_at - timedelta(hours=24)
    assert str(new_day.year + 543) in slot.product.title
    assert "14:00" in slot.product.title_en


def test_a_date_in_the_past_is_refused(village, hosts):
    weaver = hosts[0]
    response = weaver.post(
        f"/th/dashboard/experiences/{village.workshop.pk}/slots/add/",
        slot_data(timezone.localdate() - timedelta(days=1)),
    )
    assert response.status_code == 200
    assert not Slot.objects.filter(experience=village.workshop).exists()


def test_a_host_closes_a_date(village, hosts):
    weaver = hosts[0]
    slot = village.slot(seats=6)

    response = weaver.post(f"/th/dashboard/experiences/slots/{slot.pk}/close/")

    assert response.status_code == 302
    slot.refresh_from_db()
    assert slot.is_closed
    assert (
        f'data-slot="{slot.pk}"' not in Client().get(village.page.url).content.decode()
    )
    assert weaver.get(f"/th/dashboard/experiences/slots/{slot.pk}/").status_code == 404


def test_another_hosts_experience_and_dates_answer_404(village, hosts):
    weaver, cook, cooking, cooking_slot = hosts
    day = timezone.localdate() + timedelta(days=10)
    assert weaver.get(f"/th/dashboard/experiences/{cooking.pk}/").status_code == 404
    for url in (
        f"/th/dashboard/experiences/{cooking.pk}/slots/add/",
        f"/th/dashboard/experiences/slots/{cooking_slot.pk}/",
    ):
        assert weaver.get(url).status_code == 404, url
        assert weaver.post(url, slot_data(day)).status_code == 404, url
    close = weaver.post(f"/th/dashboard/experiences/slots/{cooking_slot.pk}/close/")
    assert close.status_code == 404
    cooking_slot.refresh_from_db()
    assert not cooking_slot.is_closed and seats(cooking_slot) == (6, 0)
    assert Slot.objects.filter(experience=cooking).count() == 1
    # And the other way round.
    own = village.slot(seats=5)
    assert cook.get(f"/th/dashboard/experiences/slots/{own.pk}/").status_code == 404
    assert (
        cook.get(f"/th/dashboard/experiences/{village.workshop.pk}/").status_code == 404
    )


def test_the_editor_speaks_english_on_en_and_needs_a_producer_account(village, hosts):
    weaver = hosts[0]
    page = weaver.get(
        f"/en/dashboard/experiences/{village.workshop.pk}/slots/add/"
    ).content.decode()
    assert "Price per person (baht)" in page and "Add a date" in page
    assert Client().get("/th/dashboard/experiences/").status_code == 302
    buyer = get_user_model().objects.create_user(username="buyer", password="x")
    client = Client()
    client.force_login(buyer)
    assert client.get("/th/dashboard/experiences/").status_code in (302, 403)
