"""A signed-in buyer's product page: the wish-list menu, the review offer and the basket
count are right, each asked in one prepared statement, and the page stays within its
statement budget; the buyer's session is read as Django reads it."""

from __future__ import annotations

import re
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from oscar.core.loading import get_model

import pytest

from catalogue.statements import Prepared
from tests.factories import EligibleProductFactory, UserFactory

WishList = get_model("wishlists", "WishList")
WishListLine = get_model("wishlists", "Line")
ProductReview = get_model("reviews", "ProductReview")
Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db

SAME = {"sec-fetch-site": "same-origin"}
BUYER_PAGE_STATEMENTS = 12  # issue 10's budget for a buyer: 16


def page(client, product) -> str:
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def statements(captured) -> list[str]:
    return [
        q["sql"]
        for q in captured.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]


def test_the_wish_list_menu_offers_the_other_lists_and_removing_from_this_one(client):
    buyer, other = UserFactory(), UserFactory()
    product, elsewhere = EligibleProductFactory(), EligibleProductFactory()
    gifts = WishList.objects.create(owner=buyer, name="ของขวัญ")
    later = WishList.objects.create(owner=buyer, name="Later <b>")
    gifts.add(product)
    later.add(elsewhere)
    WishList.objects.create(owner=other, name="Not mine").add(product)
    client.force_login(buyer)

    html = page(client, product)
    assert f"/wishlists/{later.key}/add/{product.pk}/" in html
    assert f"/wishlists/{gifts.key}/add/" not in html
    assert f"/wishlists/{gifts.key}/products/{product.pk}/delete/" in html
    assert "Later &lt;b&gt;" in html and "Not mine" not in html
    html = page(client, elsewhere)
    assert f"/wishlists/{gifts.key}/add/{elsewhere.pk}/" in html
    assert f"/wishlists/{later.key}/products/{elsewhere.pk}/delete/" in html


def test_write_a_review_is_offered_until_the_buyer_has_written_one(client):
    buyer, product = UserFactory(), EligibleProductFactory()
    client.force_login(buyer)
    assert "/reviews/add/" in page(client, product)
    ProductReview.objects.create(
        product=product, user=buyer, score=4, title="ดี", body="ดีมาก"
    )
    assert "/reviews/add/" not in page(client, product)
    assert product.has_review_by(buyer) and not product.has_review_by(UserFactory())


def test_the_buyers_page_takes_one_statement_for_each_of_its_extras(client):
    buyer, product = UserFactory(), EligibleProductFactory()
    WishList.objects.create(owner=buyer, name="ของขวัญ").add(product)
    client.force_login(buyer)
    client.post(
        f"/th/basket/add-from-page/{product.pk}/", {"quantity": 2}, headers=SAME
    )
    page(client, product)  # the first view draws thumbnails, fills per-process memory

    with CaptureQueriesContext(connection) as captured:
        html = page(client, product)
    sql = statements(captured)
    assert len(sql) <= BUYER_PAGE_STATEMENTS, "\n".join(sql)
    assert sum("wishlists_wishlist" in s for s in sql) == 1
    assert sum("reviews_productreview" in s and "user_id" in s for s in sql) == 1
    assert sum("basket_line" in s for s in sql) == 1
    assert re.search(r'basket-link__count">2<', html)


def test_a_built_statement_takes_values_a_filter_cannot_place():
    buyer = UserFactory()
    product, other = EligibleProductFactory(), EligibleProductFactory()
    WishList.objects.create(owner=buyer, name="a").add(product)
    WishList.objects.create(owner=buyer, name="b")

    def build(owner, product):
        from django.db.models import Exists, OuterRef

        holds = WishListLine.objects.filter(wishlist=OuterRef("pk"), product=product)
        return WishList.objects.filter(owner=owner).annotate(holds=Exists(holds))

    prepared = Prepared.built(build, owner=buyer._meta.pk, product=Product._meta.pk)
    for value in (product, other, product):
        found = prepared.fetch(owner=buyer.pk, product=value.pk)
        expected = build(buyer.pk, value.pk)
        assert [(w.pk, w.holds) for w in found] == [(w.pk, w.holds) for w in expected]
    assert prepared.fetch(owner=10**30, product=product.pk) == []


def test_an_expired_session_signs_nobody_in(client):
    buyer = UserFactory()
    client.force_login(buyer)
    assert client.get("/th/accounts/profile/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/th/accounts/profile/")
    assert response.status_code == 302 and "/login/" in response.url
