"""With the shared page cache on, a village page never shows seats that have sold or
a slot that can no longer be booked: each change shows on the very next request of an
anonymous visitor, though the page before it was cached."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

import pytest

from shop.experiences.models import Booking
from tests.checkout.shop import place_order
from tests.payment.test_webhooks import send

from .shop import book_up_to_preview, seats

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.PAGE_CACHE_SHARED_SECONDS = 60


def cached(url: str) -> str:
    """The page as an anonymous visitor gets it once it is in the cache (the second
    view runs no SQL and is byte for byte the first)."""
    first = Client().get(url)
    assert first.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(url)
    assert len(queries) == 0 and again.content == first.content, url
    assert "public" in again["Cache-Control"]
    return again.content.decode()


def fresh(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def english_url(village) -> str:
    with translation.override("en"):
        return village.page.localized.url


def book(slot, quantity: int, email: str = "tourist@example.com") -> Client:
    tourist = Client()
    book_up_to_preview(tourist, slot, quantity, email=email)
    assert place_order(tourist)["Location"].endswith("/thank-you/")
    return tourist


def test_seats_sold_and_given_back_show_at_once(village):
    slot = village.slot(seats=5)
    assert "เหลือ 5 ที่" in cached(village.page.url)
    assert "5 seats left" in cached(english_url(village))

    tourist = book(slot, 2)

    assert seats(slot) == (5, 2)
    assert "เหลือ 3 ที่" in fresh(village.page.url)
    assert "3 seats left" in fresh(english_url(village))

    # The tourist cancels from the order page (a guest: the order's hash).
    booking = Booking.objects.get()
    order = booking.line.order
    assert "เหลือ 3 ที่" in cached(village.page.url)
    response = tourist.post(
        f"/th/experiences/bookings/{booking.pk}/cancel/",
        {"hash": order.verification_hash()},
    )
    assert response.status_code == 302 and seats(slot) == (5, 0)
    assert "เหลือ 5 ที่" in fresh(village.page.url)
    assert "5 seats left" in fresh(english_url(village))


def test_the_last_seats_sold_make_the_slot_full(village):
    slot = village.slot(seats=2)
    page = cached(village.page.url)
    assert "เหลือ 2 ที่" in page and "เต็มแล้ว" not in page

    book(slot, 2)

    page = fresh(village.page.url)
    assert "เต็มแล้ว" in page and "เหลือ 2 ที่" not in page


def test_seats_held_by_an_unpaid_stripe_order_come_back_when_it_expires(
    village, settings, fake_stripe
):
    settings.STRIPE_SECRET_KEY = "sk_test_otop"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_otop"
    slot = village.slot(seats=4)
    assert "เหลือ 4 ที่" in cached(village.page.url)
    tourist = Client()
    book_up_to_preview(tourist, slot, 3, method="stripe")
    assert place_order(tourist).status_code == 303
    assert "เหลือ 1 ที่" in cached(village.page.url)

    (session_id,) = fake_stripe.sessions
    response = send(
        Client(), "checkout.session.expired", fake_stripe.expire(session_id)
    )
    assert response.status_code == 200 and seats(slot) == (4, 0)

    assert "เหลือ 4 ที่" in fresh(village.page.url)


def test_a_slot_the_host_closes_leaves_the_page(village):
    slot = village.slot(seats=5)
    assert f'data-slot="{slot.pk}"' in cached(village.page.url)
    host = Client()
    host.force_login(get_user_model().objects.get(username="weaver-staff"))

    response = host.post(f"/th/experiences/host/slots/{slot.pk}/close/")

    assert response.status_code == 302
    assert f'data-slot="{slot.pk}"' not in fresh(village.page.url)


def test_a_slot_leaves_the_page_when_its_booking_cut_off_passes(village, monkeypatch):
    # Booking closes 12 hours before the start: in 2 hours. Nothing is saved then.
    soon = village.slot(seats=5, starts_at=timezone.now() + timedelta(hours=14))
    later = village.slot(seats=5, starts_at=timezone.now() + timedelta(days=3))
    page = cached(village.page.url)
    assert f'data-slot="{soon.pk}"' in page and f'data-slot="{later.pk}"' in page

    real_now, today = timezone.now, timezone.localdate()
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(hours=3))
    # The same day in Bangkok (the content version changes at midnight anyway).
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)

    page = fresh(village.page.url)
    assert f'data-slot="{soon.pk}"' not in page and f'data-slot="{later.pk}"' in page
    # Cached again from then on.
    assert f'data-slot="{later.pk}"' in cached(village.page.url)


def test_a_new_slot_shows_at_once(village):
    village.slot(seats=5)
    cached(village.page.url)

    new = village.slot(seats=7, starts_at=timezone.now() + timedelta(days=9))

    page = fresh(village.page.url)
    assert f'data-slot="{new.pk}"' in page and "เหลือ 7 ที่" in page
