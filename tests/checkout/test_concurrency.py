"""Buyers racing each other, with real parallel requests and real database locks.

Each buyer is a Django test client in its own thread, hence its own PostgreSQL
connection and transaction; a barrier releases the "place order" clicks together.
SQLite serialises every writer, so it cannot show these races: PostgreSQL only.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass

from django.db import connection, connections
from django.test import Client

from oscar.core.loading import get_model

import pytest

from shop.payment.stripe_models import StripeCheckout

from .shop import build_shop, checkout_up_to_preview, place_order

Order = get_model("order", "Order")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: the race needs PostgreSQL's row locks",
    ),
]


@dataclass
class Answer:
    status: int
    location: str
    body: str


def race(clients: list[Client], request) -> tuple[list[Answer], float]:
    """Send `request(client)` from every client at the same moment; collect answers."""
    barrier = threading.Barrier(len(clients))
    answers: list[Answer | None] = [None] * len(clients)

    def buyer(index: int, client: Client) -> None:
        client.raise_request_exception = False  # a crash must show as an HTTP 500
        try:
            barrier.wait()
            response = request(client)
            answers[index] = Answer(
                response.status_code,
                response.get("Location", ""),
                response.content.decode(errors="replace"),
            )
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=buyer, args=(i, c)) for i, c in enumerate(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers, time.perf_counter() - started


def kinds(answers: list[Answer]) -> Counter:
    def kind(answer: Answer) -> str:
        if answer is None:
            return "no answer"
        if answer.status in (302, 303):
            return f"{answer.status} → {answer.location.rstrip('/').rsplit('/', 1)[-1] or 'stripe'}"
        return str(answer.status)

    return Counter(kind(a) for a in answers)


@pytest.mark.parametrize("method", ["cash-on-delivery", "stripe"])
def test_fifty_buyers_for_the_last_unit_make_exactly_one_order(method, fake_stripe):
    shop = build_shop(silk_stock=1)
    clients = []
    for i in range(50):
        client = Client()
        checkout_up_to_preview(
            client, (shop.silk, 1), method=method, email=f"buyer{i}@example.com"
        )
        clients.append(client)
    before = shop.stock(shop.silk)

    answers, seconds = race(clients, place_order)

    after = shop.stock(shop.silk)
    summary = kinds(answers)
    print(
        f"\n{method}: 50 buyers, 1 unit: orders {Order.objects.count()}, stock (on hand, "
        f"allocated) {before} -> {after}, answers {dict(summary)}, {seconds:.1f}s"
    )
    assert Order.objects.count() == 1
    assert before == (1, 0) and after == (1, 1)
    winners = [
        a
        for a in answers
        if a.status in (302, 303) and not a.location.endswith("/basket/")
    ]
    assert len(winners) == 1
    losers = [a for a in answers if a not in winners]
    assert len(losers) == 49 and all(
        a is not None and a.status in (302, 409) for a in losers
    )
    # A loser either lost the lock race (409, the preview with the reason) or came
    # after the winner and was sent back to the basket by Oscar's availability check.
    for loser in losers:
        if loser.status == 409:
            assert "ผ้าไหมมัดหมี่ทอมือ" in loser.body and "alert" in loser.body
        else:
            assert loser.location.endswith("/basket/")
    if method == "stripe":
        assert len(fake_stripe.sessions) == 1 and StripeCheckout.objects.count() == 1


def test_baskets_sharing_products_in_opposite_order_all_complete():
    shop = build_shop(silk_stock=40, chili_stock=40)
    clients = []
    for i in range(20):
        client = Client()
        items = [(shop.silk, 1), (shop.chili, 1)]
        checkout_up_to_preview(
            client, *(items if i % 2 else items[::-1]), email=f"b{i}@example.com"
        )
        clients.append(client)

    answers, seconds = race(clients, place_order)

    summary = kinds(answers)
    print(
        f"\n20 baskets, opposite orders: orders {Order.objects.count()}, silk "
        f"{shop.stock(shop.silk)}, chili {shop.stock(shop.chili)}, answers {dict(summary)}, {seconds:.1f}s"
    )
    assert summary == Counter({"302 → thank-you": 20})
    assert Order.objects.count() == 20
    assert shop.stock(shop.silk) == (40, 20) and shop.stock(shop.chili) == (40, 20)


@pytest.mark.parametrize("method", ["cash-on-delivery", "stripe"])
def test_the_same_place_order_sent_ten_times_makes_one_order(method, fake_stripe):
    shop = build_shop()
    buyer = Client()
    checkout_up_to_preview(buyer, (shop.silk, 2), (shop.chili, 1), method=method)
    clicks = []
    for _ in range(10):  # the same browser: the same session and basket cookies
        click = Client()
        click.cookies = buyer.cookies
        clicks.append(click)

    answers, seconds = race(clicks, place_order)

    summary = kinds(answers)
    print(
        f"\n{method}, 10 identical POSTs: orders {Order.objects.count()}, Stripe sessions "
        f"{len(fake_stripe.sessions)}, silk {shop.stock(shop.silk)}, answers {dict(summary)}, {seconds:.1f}s"
    )
    assert Order.objects.count() == 1
    assert shop.stock(shop.silk) == (5, 2) and shop.stock(shop.chili) == (20, 1)
    assert all(a is not None and a.status in (302, 303) for a in answers)
    if method == "stripe":
        order = Order.objects.get()
        requests = fake_stripe.created_sessions()
        assert len(fake_stripe.sessions) == 1
        assert {r["idempotency_key"] for r in requests} == {
            f"otop-order-{order.number}-checkout"
        }
        url = StripeCheckout.objects.get().url
        assert all(
            a.location in (url,) or a.location.endswith("/basket/") for a in answers
        )


def test_the_same_webhook_delivered_ten_times_at_once_is_processed_once(fake_stripe):
    from tests.payment.fake_stripe import event_payload, sign

    shop = build_shop()
    buyer = Client()
    checkout_up_to_preview(buyer, (shop.silk, 1), method="stripe")
    place_order(buyer)
    checkout = StripeCheckout.objects.get()
    payload = event_payload(
        "checkout.session.completed", fake_stripe.pay(checkout.session_id), "evt_same"
    )

    def deliver(client: Client):
        return client.post(
            "/payments/stripe/webhook/",
            data=payload.encode(),
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(payload),
        )

    answers, seconds = race([Client() for _ in range(10)], deliver)

    order = Order.objects.get()
    print(
        f"\n10 simultaneous deliveries: statuses {Counter(a.status for a in answers)}, "
        f"bodies {Counter(a.body.split(':')[0] for a in answers)}, order {order.status}, "
        f"payments recorded {order.sources.count()}, {seconds:.1f}s"
    )
    assert [a.status for a in answers] == [200] * 10
    assert sum(a.body == "paid" for a in answers) == 1
    assert order.status == "Processing" and order.sources.count() == 1
