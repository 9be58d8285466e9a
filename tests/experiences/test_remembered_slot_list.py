"""Without the page cache (a signed-in buyer, a cold cache) a village page's slot list
and its slots' events are made once per content version and reused
(shop.experiences.listing.slot_list, villages' village_json_ld): each change still
shows on the very next view."""

import json
import re
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

import pytest

from shop.experiences import listing
from tests.checkout.shop import place_order

from .shop import book_up_to_preview

pytestmark = pytest.mark.django_db


def view(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def events(page: str) -> dict[str, dict]:
    """The page's Event blocks by the slot URL they point to."""
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.S
    )
    found = [json.loads(b) for b in blocks]
    return {e["url"]: e for e in found if "Event" in e.get("@type", [])}


def test_a_second_view_reuses_the_slot_list_and_the_same_page_comes_out(
    village, monkeypatch
):
    village.slot(seats=5)
    first = view(village.page.url)
    renders = []
    monkeypatch.setattr(
        listing,
        "_render_slot_list",
        lambda listings: renders.append(listings) or "never",
    )

    assert view(village.page.url) == first
    assert renders == []


def test_seats_sold_show_on_the_next_view_in_the_list_and_the_events(village):
    slot = village.slot(seats=5)
    page = view(village.page.url)
    assert "เหลือ 5 ที่" in page
    (event,) = events(page).values()
    assert event["remainingAttendeeCapacity"] == 5

    tourist = Client()
    book_up_to_preview(tourist, slot, 2)
    assert place_order(tourist)["Location"].endswith("/thank-you/")

    page = view(village.page.url)
    assert "เหลือ 3 ที่" in page and "เหลือ 5 ที่" not in page
    (event,) = events(page).values()
    assert event["remainingAttendeeCapacity"] == 3


def test_a_slot_past_its_cut_off_leaves_the_list_with_nothing_saved(
    village, monkeypatch
):
    # Booking closes 12 hours before the start: in 2 hours.
    soon = village.slot(seats=5, starts_at=timezone.now() + timedelta(hours=14))
    later = village.slot(seats=5, starts_at=timezone.now() + timedelta(days=3))
    page = view(village.page.url)
    assert f'data-slot="{soon.pk}"' in page and len(events(page)) == 2

    real_now, today = timezone.now, timezone.localdate()
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(hours=3))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)

    page = view(village.page.url)
    assert f'data-slot="{soon.pk}"' not in page and f'data-slot="{later.pk}"' in page
    (url,) = events(page)
    assert url.endswith(f"/slots/{later.pk}/")


def test_each_language_and_host_gets_its_own(village):
    slot = village.slot(seats=4)
    with translation.override("en"):
        english_url = village.page.localized.url

    thai = view(village.page.url)
    english = view(english_url)
    other_host = Client(HTTP_HOST="127.0.0.1").get(village.page.url).content.decode()

    assert "เหลือ 4 ที่" in thai and "4 seats left" in english
    assert f'href="/en/experiences/slots/{slot.pk}/"' in english
    assert [*events(thai)] == [f"http://testserver/th/experiences/slots/{slot.pk}/"]
    assert [*events(other_host)] == [
        f"http://127.0.0.1/th/experiences/slots/{slot.pk}/"
    ]


def test_a_remembered_slot_list_asks_only_which_slots_are_bookable(village):
    for days in range(3, 9):
        village.slot(seats=5, starts_at=timezone.now() + timedelta(days=days))
    view(village.page.url)

    with CaptureQueriesContext(connection) as remembered:
        view(village.page.url)
    village.slot(seats=5, starts_at=timezone.now() + timedelta(days=10))
    with CaptureQueriesContext(connection) as after_a_change:
        view(village.page.url)

    def about(captured, table: str) -> int:
        return sum(f'FROM "{table}"' in q["sql"] for q in captured.captured_queries)

    # Which slots are bookable changes with the clock: asked on every view (one light
    # statement); the slots and their seats only when the list is made again.
    assert about(remembered, "experiences_slot") == 1
    assert about(remembered, "partner_stockrecord") == 0
    assert about(after_a_change, "experiences_slot") == 2
