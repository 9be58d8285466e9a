"""Analytics under real concurrency (PostgreSQL row locks, one thread and connection
per visitor): first views at once, and basket additions racing order placement."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from oscar.core.loading import get_model

import pytest

from tests.checkout.shop import build_shop, checkout_up_to_preview, place_order
from tests.checkout.test_concurrency import kinds, race

Order = get_model("order", "Order")
ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: the race needs PostgreSQL's row locks",
    ),
]


def test_twenty_first_views_of_a_product_at_once_all_succeed():
    shop = build_shop()
    buyers = get_user_model().objects.bulk_create(
        get_user_model()(username=f"b{i}", email=f"b{i}@example.com") for i in range(10)
    )
    clients = []
    for i in range(20):
        client = Client()
        # Ten signed-in buyers, each in two tabs (two first views of their own
        # UserRecord at once), against one product that has no record yet.
        client.force_login(buyers[i % 10])
        clients.append(client)
    assert not ProductRecord.objects.exists()

    answers, seconds = race(
        clients, lambda client: client.get(shop.silk.get_absolute_url())
    )

    print(f"\n20 first views: answers {dict(kinds(answers))}, {seconds:.1f}s")
    assert kinds(answers) == {"200": 20}
    assert ProductRecord.objects.get(product=shop.silk).num_views == 20
    assert (
        sorted(UserRecord.objects.values_list("num_product_views", flat=True))
        == [2] * 10
    )


def test_basket_additions_racing_order_placement_never_deadlock():
    shop = build_shop(silk_stock=100, chili_stock=100)
    placing = []
    for i in range(8):
        client = Client()
        checkout_up_to_preview(
            client, (shop.silk, 1), (shop.chili, 1), email=f"p{i}@example.com"
        )
        placing.append(client)
    adding = [Client() for _ in range(12)]
    clients = placing + adding

    def act(client: Client):
        if client in placing:
            return place_order(client)
        return client.post(f"/th/basket/add/{shop.silk.pk}/", {"quantity": 1})

    before = ProductRecord.objects.get(product=shop.silk).num_basket_additions
    answers, seconds = race(clients, act)

    print(f"\n8 orders racing 12 additions: {dict(kinds(answers))}, {seconds:.1f}s")
    assert all(a is not None and a.status < 500 for a in answers)
    assert kinds(answers[:8]) == {"302 → thank-you": 8}
    assert Order.objects.count() == 8
    assert shop.stock(shop.silk) == (100, 8) and shop.stock(shop.chili) == (100, 8)
    silk = ProductRecord.objects.get(product=shop.silk)
    assert silk.num_purchases == 8
    assert silk.num_basket_additions - before == 12
    assert ProductRecord.objects.get(product=shop.chili).num_purchases == 8
