"""`catalogue.statements.Prepared`: a statement compiled once answers each later value
as the queryset itself would, and the product page built on it behaves as before."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db.models import Count

from oscar.core.loading import get_model

import pytest

from catalogue.models import Product
from catalogue.statements import Prepared
from tests.factories import (
    CategoryFactory,
    ChildProductFactory,
    EligibleProductFactory,
    ParentProductFactory,
    make_ineligible_product,
)
from tests.factories.catalogue import OpcRatingFactory
from tests.producers.shop import jpeg_bytes

ProductImage = get_model("catalogue", "ProductImage")

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


def test_one_object_comes_with_its_reverse_relations_as_a_prefetch_leaves_them(
    django_assert_num_queries,
):
    product = EligibleProductFactory()
    prepared = Prepared(
        Product.objects.eligible().prefetch_related("stockrecords", "images"), "pk"
    )
    (found,) = prepared.fetch(pk=product.pk)
    expected = [r.pk for r in product.stockrecords.all()]

    with django_assert_num_queries(0):
        records = list(found.stockrecords.all())
        assert [r.pk for r in records] == expected
        assert all(record.product is found for record in records)
        assert list(found.images.all()) == []
    # Filtering a prefetched relation still asks the database, about this product.
    assert found.stockrecords.filter(num_in_stock__gt=0).count() == 1


def test_several_objects_are_prefetched_by_django():
    first, second = EligibleProductFactory(), EligibleProductFactory()
    prepared = Prepared(
        Product.objects.eligible().prefetch_related("stockrecords"), "producer"
    )
    second.producer = first.producer
    second.save()

    found = prepared.fetch(producer=first.producer.pk)
    assert {p.pk for p in found} == {first.pk, second.pk}
    for product in found:
        assert [r.product_id for r in product.stockrecords.all()] == [product.pk]


def test_a_variant_page_shows_its_parents_category_and_a_parent_lists_its_variants(
    client,
):
    category = CategoryFactory(name="ผ้าทอ")
    parent = ParentProductFactory(title="ผ้าซิ่นตีนจก", categories=[category])
    variant = ChildProductFactory(parent=parent, title="ผืนยาว 2 เมตร")

    parent_page = client.get(parent.get_absolute_url()).content.decode()
    assert variant.get_absolute_url() in parent_page
    ProductImage.objects.create(
        product=parent, original=ContentFile(jpeg_bytes(), name="sin.jpg")
    )
    og_image = re.compile(r'<meta property="og:image" content="([^"]+)"')
    parent_page = client.get(parent.get_absolute_url()).content.decode()
    variant_page = client.get(variant.get_absolute_url()).content.decode()
    assert category.get_absolute_url() in variant_page
    assert "ผ้าซิ่นตีนจก" in variant_page
    # A variant without photos of its own shows its parent's.
    assert "/media/" in og_image.search(parent_page)[1]
    assert og_image.search(variant_page)[1] == og_image.search(parent_page)[1]


def test_lookups_through_relations_and_comparisons_bind_their_values():
    first, second = EligibleProductFactory(), EligibleProductFactory()
    prepared = Prepared(
        Product.objects.order_by("pk"),
        "producer__registration_number",
        "date_created__gt",
    )
    # A text value through a relation, a datetime compared: each value as its own
    # filter would find it.
    for product in (first, second):
        number = product.producer.registration_number
        before = product.date_created - timedelta(seconds=1)
        found = prepared.fetch(
            producer__registration_number=number, date_created__gt=before
        )
        assert found == [product]
        assert (
            prepared.fetch(
                producer__registration_number=number,
                date_created__gt=product.date_created,
            )
            == []
        )


def test_uuid_values_and_value_rows():
    from wagtail.models import Locale, Page

    page = Page.objects.filter(depth=1).first() or Page.add_root(
        instance=Page(
            title="Root",
            slug="root",
            locale=Locale.objects.get_or_create(language_code="th")[0],
        )
    )
    prepared = Prepared(Page.objects.values_list("pk", "depth"), "translation_key")

    translations = Page.objects.filter(translation_key=page.translation_key)
    assert prepared.fetch(translation_key=page.translation_key) == list(
        translations.values_list("pk", "depth")
    )
    assert prepared.fetch(translation_key=uuid.uuid4()) == []
    with pytest.raises(ValueError):
        Prepared(Product.objects.all(), "producer__status__in").fetch(
            producer__status__in=["active"]
        )
