"""Producers, OPC ratings, products and categories, built on `oscar.test.factories`.

`EligibleProductFactory` makes a product the storefront lists and sells; each of its
traits breaks exactly one part of the OTOP rule (see `INELIGIBLE_VARIANTS`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from oscar.test import factories as oscar_factories

import factory

from catalogue.models import Category, OpcRating, Producer, Product

from .geography import TambonFactory


def today() -> datetime.date:
    return timezone.localdate()


def yesterday() -> datetime.date:
    return today() - datetime.timedelta(days=1)


def next_year() -> datetime.date:
    return today() + datetime.timedelta(days=365)


class ProducerFactory(factory.django.DjangoModelFactory):
    """An active producer whose registration runs for another year."""

    class Meta:
        model = Producer

    class Params:
        pending = factory.Trait(status=Producer.Status.PENDING)
        suspended = factory.Trait(status=Producer.Status.SUSPENDED)
        expired = factory.Trait(status=Producer.Status.EXPIRED)
        # Still marked active, but the registration date has passed.
        lapsed = factory.Trait(expires_on=factory.LazyFunction(yesterday))

    registration_number = factory.Sequence(lambda n: f"OTOP-50-{n:06d}")
    kind = Producer.Kind.COMMUNITY_GROUP
    name_th = factory.Sequence(lambda n: f"กลุ่มแม่บ้านหมู่ {n}")
    name_en = factory.Sequence(lambda n: f"Housewives group {n}")
    tambon = factory.SubFactory(TambonFactory)
    status = Producer.Status.ACTIVE
    registered_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=365))
    expires_on = factory.LazyFunction(next_year)


class OpcRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpcRating

    product = factory.SubFactory("tests.factories.catalogue.ProductFactory")
    stars = 4
    year = 2024


class ProductClassFactory(oscar_factories.ProductClassFactory):
    class Meta:
        model = oscar_factories.ProductClassFactory._meta.model
        django_get_or_create = ("name",)

    name = "สินค้าโอทอป"


class StockRecordFactory(oscar_factories.StockRecordFactory):
    """Ten in stock at 350 baht, sold by the product's producer."""

    partner = factory.LazyAttribute(lambda o: o.product.producer.partner)
    price_currency = "THB"
    price = Decimal("350.00")
    num_in_stock = 10


class ProductFactory(oscar_factories.ProductFactory):
    """A public product with a producer and a stock record, but no OPC rating."""

    class Meta:
        model = Product
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"สินค้า{n}")
    producer = factory.SubFactory(ProducerFactory)
    product_class = factory.SubFactory(ProductClassFactory)
    is_public = True
    stockrecords = factory.RelatedFactory(StockRecordFactory, "product")

    # Oscar's factory puts every product in a category of its own; here a product is
    # in the categories it is given, if any.
    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            for category in extracted:
                obj.categories.add(category)


class EligibleProductFactory(ProductFactory):
    """A product the OTOP rule lets the storefront show and sell."""

    class Params:
        # Whole sub-factories: factory_boy traits that set `producer__status` would
        # reset the producer's status to the model default even when switched off.
        pending = factory.Trait(
            producer=factory.SubFactory(ProducerFactory, pending=True)
        )
        suspended = factory.Trait(
            producer=factory.SubFactory(ProducerFactory, suspended=True)
        )
        expired = factory.Trait(
            producer=factory.SubFactory(ProducerFactory, expired=True)
        )
        lapsed = factory.Trait(
            producer=factory.SubFactory(ProducerFactory, lapsed=True)
        )
        unrated = factory.Trait(opc_rating=None)
        not_public = factory.Trait(is_public=False)

    opc_rating = factory.RelatedFactory(OpcRatingFactory, "product")


# Each name is a trait of EligibleProductFactory that breaks one part of the rule.
INELIGIBLE_VARIANTS = [
    "pending",
    "suspended",
    "expired",
    "lapsed",
    "unrated",
    "not_public",
]


def make_ineligible_product(variant: str, **kwargs) -> Product:
    return EligibleProductFactory(**{variant: True}, **kwargs)


class ParentProductFactory(EligibleProductFactory):
    """A parent product (its variants are sold, it is not): no stock record."""

    structure = Product.PARENT
    stockrecords = factory.PostGeneration(lambda obj, create, extracted, **kwargs: None)


class ChildProductFactory(ProductFactory):
    """A variant: producer and rating come from the parent."""

    structure = Product.CHILD
    parent = factory.SubFactory(ParentProductFactory)
    producer = factory.SelfAttribute("parent.producer")
    product_class = None
    title = factory.Sequence(lambda n: f"ขนาด {n}")


# The five official OTOP product categories (Thai name, English name).
OFFICIAL_CATEGORIES = [
    ("อาหาร", "Food"),
    ("เครื่องดื่ม", "Beverages"),
    ("ผ้า เครื่องแต่งกาย", "Textiles and clothing"),
    ("ของใช้ ของตกแต่ง ของที่ระลึก", "Household items, decorations and souvenirs"),
    ("สมุนไพรที่ไม่ใช่อาหาร", "Herbal products other than food"),
]


class CategoryFactory(factory.django.DjangoModelFactory):
    """One of the official categories, a root node (reused if it exists already)."""

    class Meta:
        model = Category

    class Params:
        official = factory.Iterator(OFFICIAL_CATEGORIES)

    name = factory.LazyAttribute(lambda o: o.official[0])
    name_en = factory.LazyAttribute(lambda o: o.official[1])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        existing = model_class.objects.filter(depth=1, name=kwargs["name"]).first()
        return existing or model_class.add_root(**kwargs)
