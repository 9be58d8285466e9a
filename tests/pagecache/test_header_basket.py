"""The header's basket count is right, and costs one query instead of loading the
whole basket on every page."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import UserFactory

from .pages import text

pytestmark = pytest.mark.django_db

SAME = {"sec-fetch-site": "same-origin"}


def header_count(client, url: str = "/th/catalogue/") -> int:
    html = text(client.get(url))
    return int(re.search(r'basket-link__count">(\d+)<', html).group(1))


def add(client, product, quantity: int) -> None:
    response = client.post(
        f"/th/basket/add-from-page/{product.pk}/", {"quantity": quantity}, headers=SAME
    )
    assert response.status_code == 302


def test_a_signed_in_buyer_sees_the_items_in_their_basket(client, site):
    client.force_login(UserFactory())
    assert header_count(client) == 0
    add(client, site["products"]["silk"], 2)
    add(client, site["products"]["umbrella"], 1)
    assert header_count(client) == 3
    assert header_count(client, "/th/") == 3


def test_an_anonymous_basket_is_counted_and_merged_at_sign_in(client, site):
    add(client, site["products"]["silk"], 2)
    assert header_count(client) == 2
    client.force_login(UserFactory())  # the basket cookie is still there: Oscar merges
    assert header_count(client) == 2
    assert header_count(client) == 2  # and the cookie is gone


def test_a_forged_basket_cookie_counts_nothing(client, site):
    from django.conf import settings

    client.cookies[settings.OSCAR_BASKET_COOKIE_OPEN] = "12:forged"
    assert header_count(client) == 0


def test_the_count_takes_one_query(client, site):
    buyer = UserFactory()
    client.force_login(buyer)
    add(client, site["products"]["silk"], 1)
    client.get("/th/catalogue/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/th/catalogue/")
    basket = [q["sql"] for q in queries if "basket_" in q["sql"]]
    assert len(basket) == 1, basket
