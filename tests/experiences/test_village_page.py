"""A village page shows its experiences' upcoming slots with the seats left, and a
slot's booking page takes the booking without JavaScript."""

import json
import re
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from shop.experiences import bookings

from .shop import seats

pytestmark = pytest.mark.django_db


def json_ld(page: str) -> list:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.S
    )
    return [json.loads(b) for b in blocks]


def test_the_village_page_lists_bookable_slots_with_seats_left(client, village):
    open_slot = village.slot(seats=8, starts_at=timezone.now() + timedelta(days=3))
    full = village.slot(seats=0, starts_at=timezone.now() + timedelta(days=4))
    closed = village.slot(seats=8, starts_at=timezone.now() + timedelta(days=5))
    bookings.close(closed)
    past = village.slot(seats=8, starts_at=timezone.now() + timedelta(hours=3))

    response = client.get(village.page.url)
    page = response.content.decode()

    assert response.status_code == 200
    assert "เวิร์กช็อปทอผ้าไหมกับแม่ครู" in page
    assert f'data-slot="{open_slot.pk}"' in page and "เหลือ 8 ที่" in page
    assert f'data-slot="{full.pk}"' in page and "เต็มแล้ว" in page
    assert f'data-slot="{closed.pk}"' not in page
    assert f'data-slot="{past.pk}"' not in page  # within its booking cut-off
    assert f'href="/th/experiences/slots/{open_slot.pk}/"' in page
    # A GET form to the booking page, no CSRF token: the section stays cacheable.
    section = page[page.index('<section class="story-section experiences"') :]
    section = section[: section.index("</section>")]
    assert '<form method="get" action="/th/experiences/book/"' in section
    assert "csrfmiddlewaretoken" not in section and 'method="post"' not in section
    assert re.search(r"(วัน\S+ที่ \d+ \S+ 25\d\d)", page)  # Buddhist Era


def test_the_english_village_page_lists_the_same_slots_in_english(client, village):
    slot = village.slot(seats=3)
    english = village.page.get_translation(
        village.page.locale.__class__.objects.get(language_code="en")
    )

    page = client.get(english.url).content.decode()

    assert "Silk weaving workshop" in page and "3 seats left" in page
    assert f'href="/en/experiences/slots/{slot.pk}/"' in page
    assert str(slot.starts_at.astimezone(timezone.get_current_timezone()).year) in page


def test_each_slot_is_an_event_with_its_offer_in_the_structured_data(client, village):
    slot = village.slot(seats=2, price=Decimal("450"))
    village.slot(seats=0)

    page = client.get(village.page.url).content.decode()

    events = [d for d in json_ld(page) if "Event" in d.get("@type", [])]
    assert len(events) == 2
    event = next(e for e in events if e["url"].endswith(f"/slots/{slot.pk}/"))
    assert "TouristTrip" in event["@type"]
    assert event["offers"]["price"] == "450.00"
    assert event["offers"]["priceCurrency"] == "THB"
    assert event["offers"]["availability"] == "https://schema.org/InStock"
    assert event["remainingAttendeeCapacity"] == 2
    assert event["startDate"] == slot.starts_at.isoformat()
    sold_out = next(e for e in events if e is not event)
    assert sold_out["offers"]["availability"] == "https://schema.org/SoldOut"


def test_the_slot_choice_leads_to_the_booking_page(client, village):
    slot = village.slot()

    response = client.get("/th/experiences/book/", {"slot": slot.pk})

    assert response.status_code == 302
    assert response["Location"] == f"/th/experiences/slots/{slot.pk}/"
    assert client.get("/th/experiences/book/", {"slot": "x"}).status_code == 400
    assert client.get("/th/experiences/book/", {"slot": "999999"}).status_code == 404


def test_the_booking_page_puts_adults_and_children_in_the_basket(client, village):
    slot = village.slot(seats=5, child_price=Decimal("200"))
    url = f"/th/experiences/slots/{slot.pk}/"
    page = client.get(url).content.decode()
    assert "csrfmiddlewaretoken" in page and 'name="children"' in page

    response = client.post(
        url, {"adults": 2, "children": 1, "phone": "081 234 5678", "notes": "มังสวิรัติ"}
    )

    assert response.status_code == 302 and response["Location"].endswith("/basket/")
    basket = client.get("/th/basket/").context["basket"]
    assert basket.num_items == 3
    assert basket.total_incl_tax == Decimal("1100.00")  # 2 × 450 + 200
    assert seats(slot) == (5, 0)  # held only once the order is placed


def test_the_booking_page_refuses_more_seats_than_are_left(client, village):
    slot = village.slot(seats=2)

    response = client.post(
        f"/th/experiences/slots/{slot.pk}/", {"adults": 3, "phone": "0812345678"}
    )

    assert response.status_code == 409
    assert "alert" in response.content.decode()
    assert client.get("/th/basket/").context["basket"].num_lines == 0


def test_the_booking_page_of_a_closed_slot_says_so_and_refuses_a_post(client, village):
    slot = village.slot()
    bookings.close(slot)
    url = f"/th/experiences/slots/{slot.pk}/"

    page = client.get(url).content.decode()
    response = client.post(url, {"adults": 1, "phone": "0812345678"})

    assert "ไม่สามารถจองวันนี้ได้แล้ว" in page and 'name="adults"' not in page
    assert response.status_code == 409
    assert client.get("/th/basket/").context["basket"].num_lines == 0


def test_bad_input_gets_a_form_error_not_a_crash(client, village):
    slot = village.slot()

    response = client.post(
        f"/th/experiences/slots/{slot.pk}/", {"adults": "lots", "phone": ""}
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"adults", "phone"}
