"""A product page's optional panels (rating history, attributes, certificates,
recommendations) show what the product has, and stay away when it has nothing.

The page asks whether each panel has anything in the product's own statement
(ProductDetailView._panel_flags) and queries a panel only then, so each test checks
both sides: present when there is something, absent when there is not."""

from __future__ import annotations

from oscar.core.loading import get_model

import pytest

from catalogue.models import Certificate
from tests.factories import (
    ChildProductFactory,
    EligibleProductFactory,
    ParentProductFactory,
)
from tests.factories.catalogue import OpcRatingFactory

ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductRecommendation = get_model("catalogue", "ProductRecommendation")

pytestmark = pytest.mark.django_db


def page_of(client, product) -> str:
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_rating_history_shows_every_selection_year_only_when_there_are_several(client):
    single = EligibleProductFactory()
    rated_twice = EligibleProductFactory()
    OpcRatingFactory(product=rated_twice, stars=5, year=2025)

    assert "opc-history" not in page_of(client, single)
    page = page_of(client, rated_twice)
    assert "opc-history" in page
    # Thai pages give the selection years in the Buddhist era.
    assert "2567" in page and "2568" in page


def test_attribute_values_are_listed_for_the_product_and_for_a_variant_of_it(client):
    plain = EligibleProductFactory()
    parent = ParentProductFactory()
    material = ProductAttribute.objects.create(
        product_class=parent.product_class, name="วัสดุ", code="material", type="text"
    )
    ProductAttributeValue.objects.create(
        attribute=material, product=parent, value_text="ไหมย้อมคราม"
    )
    variant = ChildProductFactory(parent=parent)

    assert "ไหมย้อมคราม" not in page_of(client, plain)
    assert "ไหมย้อมคราม" in page_of(client, parent)
    assert "ไหมย้อมคราม" in page_of(client, variant)


def test_recommendations_show_only_on_the_product_that_has_them(client):
    product = EligibleProductFactory()
    other = EligibleProductFactory(title="ผ้าขาวม้าทอมือ")
    ProductRecommendation.objects.create(primary=product, recommendation=other)

    assert "recommended-heading" in page_of(client, product)
    assert "ผ้าขาวม้าทอมือ" in page_of(client, product)
    assert "recommended-heading" not in page_of(client, other)


def test_certificates_show_on_the_products_they_cover_and_their_variants(client):
    parent = ParentProductFactory()
    variant = ChildProductFactory(parent=parent)
    sibling = EligibleProductFactory(producer=parent.producer)
    elsewhere = EligibleProductFactory()
    verified = Certificate.Status.VERIFIED
    Certificate.objects.create(
        producer=parent.producer,
        kind=Certificate.Kind.GMP,
        number="GMP-0042",
        status=verified,
    )
    Certificate.objects.create(
        producer=parent.producer,
        product=parent,
        kind=Certificate.Kind.COMMUNITY,
        number="มผช. 1234/2567",
        status=verified,
    )

    for product in (parent, variant):
        page = page_of(client, product)
        assert "GMP-0042" in page and "มผช. 1234/2567" in page
    page = page_of(client, sibling)
    assert "GMP-0042" in page and "มผช. 1234/2567" not in page
    assert "certificates-heading" not in page_of(client, elsewhere)
