"""The demo data command keeps working (a small run of the same code the setup uses)."""

import io

from django.core.management import call_command

import pytest

from catalogue.models import OpcRating, Producer, Product, ProductImage

pytestmark = pytest.mark.django_db


def test_load_demo_builds_a_small_shop_with_hidden_items_and_is_idempotent():
    out = io.StringIO()
    call_command("load_demo", producers=36, products=120, stdout=out)

    goods = Product.objects.exclude(product_class__slug="experience").exclude(
        parent__product_class__slug="experience"
    )
    assert Producer.objects.count() == 36
    assert goods.count() == 120
    assert ProductImage.objects.count() == 120
    # One photo per product, no two alike (the drawer is given no name: see
    # tests/demo/test_photos.py).
    photos = {image.original.read() for image in ProductImage.objects.all()}
    assert len(photos) == 120
    assert (
        Producer.objects.values("tambon__district__province__region").distinct().count()
        == 6
    )
    assert OpcRating.objects.values("year").distinct().count() > 2
    listed = Product.objects.browsable().count()
    assert 0 < listed < 120  # some products are hidden by the OTOP rule
    assert "rejected rows: 0" in out.getvalue()

    call_command("load_demo", producers=36, products=120, stdout=io.StringIO())
    assert (goods.count(), ProductImage.objects.count()) == (120, 120)
