"""`catalogue.statements.Prepared`: a statement compiled once answers each later value
as the queryset itself would, and the product page built on it behaves as before."""

from __future__ import annotations

from django.db.models import Count

import pytest

from catalogue.models import Product
from catalogue.statements import Prepared
from tests.factories import EligibleProductFactory, make_ineligible_product
from tests.factories.catalogue import OpcRatingFactory

pytestmark = pytest.mark.django_db


def test_each_value_gets_the_rows_annotations_and_prefetches_of_its_own_filter():
    first, second = EligibleProductFactory(), EligibleProductFactory()
    OpcRatingFactory(product=second, stars=5, year=2025)
    queryset = (
        Product.objects.eligible()
        .select_related("producer__tambon")
        .annotate(ratings=Count("opc_ratings"))
        .prefetch_related("stockrecords")
    )
    prepared = Prepared(queryset, "pk")

    for product in (first, second, first):
        (found,) = prepared.fetch(pk=product.pk)
        (expected,) = queryset.filter(pk=product.pk)
        assert found.pk == expected.pk and found.title == expected.title
        assert found.ratings == expected.ratings
        assert found.producer.tambon.name == expected.producer.tambon.name
        assert [s.pk for s in found.stockrecords.all()] == [
            s.pk for s in expected.stockrecords.all()
        ]
    assert first.opc_ratings.count() == 1 and second.opc_ratings.count() == 2


def test_values_the_queryset_excludes_or_the_column_cannot_hold_find_nothing():
    prepared = Prepared(Product.objects.eligible(), "pk")
    hidden = make_ineligible_product("suspended")

    assert prepared.fetch(pk=hidden.pk) == []
    assert prepared.fetch(pk=10**30) == []
    assert prepared.fetch(pk="12345678") == []
    with pytest.raises(TypeError):
        prepared.fetch(title="x")


def test_product_pages_answer_for_each_product_and_404_for_the_rest(client):
    shown = [EligibleProductFactory(title=f"ผ้าทอมือ {n}") for n in range(3)]
    hidden = make_ineligible_product("unrated", title="ผ้าทอมือ ซ่อน")

    for product in shown:
        response = client.get(product.get_absolute_url())
        assert response.status_code == 200
        assert product.title in response.content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    huge = shown[0].get_absolute_url().replace(f"_{shown[0].pk}/", "_" + "9" * 30 + "/")
    assert client.get(huge).status_code == 404
