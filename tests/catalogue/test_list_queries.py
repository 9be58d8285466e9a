"""Product listings run a fixed number of SQL queries, however many products there are.

A page shows at most 24 products, so 20 products fill part of a page and 200 fill it:
any query made per product card (N+1) shows up as a difference between the two counts.
"""

from __future__ import annotations

from itertools import cycle

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from catalogue.models import Category
from tests.factories import (
    INELIGIBLE_VARIANTS,
    CategoryFactory,
    EligibleProductFactory,
    ProducerFactory,
    make_ineligible_product,
)

pytestmark = pytest.mark.django_db

WORD = "ข้าวแต๋น"
PER_PAGE = 24


def add_products(count: int, category: Category, start: int) -> None:
    """`count` eligible products from ten producers, and one ineligible product of
    each kind alongside (they must cost nothing either)."""
    producers = cycle(ProducerFactory.create_batch(10))
    for i in range(start, start + count):
        EligibleProductFactory(
            title=f"{WORD} {i}", producer=next(producers), categories=[category]
        )
    for variant in INELIGIBLE_VARIANTS:
        make_ineligible_product(
            variant, title=f"{WORD} {variant}", categories=[category]
        )


def measure(client, url: str, params: dict | None = None) -> tuple[int, int]:
    """(queries, products shown) for one page view, after a first view has filled
    per-process caches (content types, site, thumbnails)."""
    assert client.get(url, params).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), len(response.context["products"])


@pytest.mark.parametrize("page", ["catalogue", "category", "search"])
def test_listing_query_count_does_not_grow_with_products(client, page):
    category = CategoryFactory(name="อาหาร", name_en="Food")
    url, params = {
        "catalogue": (reverse("catalogue:index"), None),
        "category": (category.get_absolute_url(), None),
        "search": (reverse("search:search"), {"q": WORD}),
    }[page]

    add_products(20, category, start=0)
    queries_20, shown_20 = measure(client, url, params)
    add_products(180, category, start=20)
    queries_200, shown_200 = measure(client, url, params)

    print(f"\n{page}: {queries_20} queries with 20 products, {queries_200} with 200")
    assert (shown_20, shown_200) == (20, PER_PAGE)
    assert queries_20 == queries_200
