"""Fifty tourists racing for the last seat of a slot, with real parallel requests and
real PostgreSQL row locks (SQLite serialises writers and cannot show the race)."""

from __future__ import annotations

from django.db import connection
from django.test import Client

from oscar.core.loading import get_model

import pytest

from shop.experiences.models import Booking
from tests.checkout.shop import place_order
from tests.checkout.test_concurrency import kinds, race

from .shop import book_up_to_preview, build_village, seats

Order = get_model("order", "Order")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: the race needs PostgreSQL's row locks",
    ),
]


@pytest.mark.parametrize("method", ["pay-on-arrival", "stripe"])
def test_fifty_tourists_for_the_last_seat_make_exactly_one_booking(method, fake_stripe):
    village = build_village()
    slot = village.slot(seats=1)
    clients = []
    for i in range(50):
        client = Client()
        book_up_to_preview(client, slot, 1, method=method, email=f"t{i}@example.com")
        clients.append(client)

    answers, seconds = race(clients, place_order)

    summary = kinds(answers)
    print(
        f"\n{method}: 50 tourists, 1 seat: bookings {Booking.objects.count()}, seats "
        f"{seats(slot)}, answers {dict(summary)}, {seconds:.1f}s"
    )
    assert Order.objects.count() == 1 and Booking.objects.count() == 1
    assert seats(slot) == (1, 1)
    assert not any(a is None or a.status >= 500 for a in answers)
    winners = [
        a for a in answers if a.status in (302, 303) and "/basket/" not in a.location
    ]
    losers = [a for a in answers if a not in winners]
    assert len(winners) == 1 and len(losers) == 49
    # A loser lost the lock race (409: the preview says why) or came after the winner
    # and was sent back to the basket by the availability check, with a message.
    for loser in losers:
        if loser.status == 409:
            assert "เวิร์กช็อปทอผ้าไหมกับแม่ครู" in loser.body and "alert" in loser.body
        else:
            assert loser.status == 302 and loser.location.endswith("/basket/")
