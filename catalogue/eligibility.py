"""The OTOP rule: only registered, star-rated, public products are listed or sold.

`ProductQuerySet.eligible()` is the single definition; `Product.is_eligible` and the
partner strategy (which basket, checkout and order placement consult) reuse it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from django.db import models
from django.db.models import (
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from oscar.apps.catalogue.managers import ProductQuerySet as OscarProductQuerySet

from .register import OpcRating, Producer


def _ratings_of(product_ref: str = "pk"):
    # A variant (child product) carries its parent's rating.
    return OpcRating.objects.filter(
        product_id=Coalesce(OuterRef("parent_id"), OuterRef(product_ref))
    )


class ProductQuerySet(OscarProductQuerySet):
    def eligible(self) -> ProductQuerySet:
        """Products that may be seen and sold: public, rated, from a registered producer.

        The date is its only changing input: search's `relist()` compiles it once a day."""
        today = timezone.localdate()
        return (
            self.filter(is_public=True, producer__status=Producer.Status.ACTIVE)
            # EXISTS rather than a join on the parent: the same rows, and PostgreSQL
            # plans a listing in 3 ms instead of 14 (the outer join multiplies the
            # join orders it weighs).
            .filter(
                Q(parent__isnull=True)
                | Exists(
                    self.model.objects.filter(pk=OuterRef("parent_id"), is_public=True)
                )
            )
            .filter(
                Q(producer__expires_on__isnull=True)
                | Q(producer__expires_on__gte=today)
            )
            .filter(Exists(_ratings_of()))
            # Lets Product.is_eligible answer without another query.
            .annotate(registry_eligible=Value(True, output_field=models.BooleanField()))
        )

    def browsable(self) -> ProductQuerySet:
        """Oscar's browsable products, narrowed to eligible ones (used by every listing)."""
        return super().browsable().eligible()

    def listed(self) -> ProductQuerySet:
        """Eligible, browsable products with what a product card shows, newest first, in
        a fixed number of queries however many products there are (every listing).

        Three queries for a page of cards: the products (with their class, producer
        and place, rating and whether they have options), their stock records and
        their photos. Oscar's base_queryset() also prefetches every product's
        options and children, which a card does not show: a parent's children (and
        their stock records, for its price) are fetched only when the page holds a
        parent (`_prefetch_related_objects`)."""
        return (
            self.browsable()
            .select_related("product_class", "producer__tambon__district__province")
            .with_option_flags()
            .with_current_rating()
            .prefetch_related("stockrecords", "images")
            .order_by("-priority", "-date_created", "-id")
        )

    def _prefetch_related_objects(self) -> None:
        super()._prefetch_related_objects()
        lookups = {
            getattr(lookup, "prefetch_to", lookup)
            for lookup in self._prefetch_related_lookups
        }
        if "children" in lookups:
            return
        parents = [
            product
            for product in self._result_cache
            if isinstance(product, self.model) and product.is_parent
        ]
        if parents:
            prefetch_related_objects(parents, "children__stockrecords")

    def with_option_flags(self, variants: bool = False) -> ProductQuerySet:
        """Oscar's `has_options` answered from two EXISTS columns (as its
        base_queryset() does) instead of two queries per product. A variant has its
        parent's class (`variants=True` looks there; listings hold no variants, and
        the join it takes costs their plan)."""
        Option = OpcRating._meta.apps.get_model("catalogue", "Option")
        product_class = (
            Coalesce(OuterRef("product_class"), OuterRef("parent__product_class"))
            if variants
            else OuterRef("product_class")
        )
        return self.annotate(
            has_product_class_options=Exists(
                Option.objects.filter(productclass=product_class)
            ),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )

    def for_basket(self) -> ProductQuerySet:
        """Any product (the strategy refuses ineligible ones with a reason), with what
        adding it to a basket reads: its class, option flags, stock records and
        whether it is eligible, in two queries instead of eight."""
        eligible = self.model.objects.eligible().filter(pk=OuterRef("pk"))
        return (
            self.select_related("product_class", "parent__product_class")
            .with_option_flags(variants=True)
            .annotate(registry_eligible=Exists(eligible))
            .prefetch_related("stockrecords")
        )

    def with_current_rating(self) -> ProductQuerySet:
        """Annotate the latest OPC rating (stars and year) without a query per product."""
        latest = _ratings_of().order_by("-year")
        return self.annotate(
            opc_stars=Subquery(latest.values("stars")[:1]),
            opc_year=Subquery(latest.values("year")[:1]),
        )


_built: dict[Hashable, object] = {}
T = TypeVar("T")


def built_today(key: Hashable, build: Callable[[], QuerySet]) -> QuerySet:
    """A clone of the queryset `build()` made once a day in this process, for a
    queryset whose only changing input is today's date (the OTOP rule's, through
    `eligible()`). Building one is Django composing its filters, subqueries and
    annotations: ~3 ms of CPU for `listed()`, on every page; a clone costs ~0.1 ms."""
    return made_today(key, build).all()


def made_today(key: Hashable, make: Callable[[], T]) -> T:
    """`make()`, once a day in this process: for what is built from querysets whose
    only changing input is today's date (`built_today`, `statements.Prepared`)."""
    dated = (key, timezone.localdate())
    made = _built.get(dated)
    if made is None:
        made = make()
        if len(_built) > 64:  # mostly yesterday's
            _built.clear()
        _built[dated] = made
    return made


class ProductManager(models.Manager.from_queryset(ProductQuerySet)):
    """`Product.objects`: `eligible()`, `browsable()` and `listed()` asked of the whole
    table (as nearly every page does) come from `built_today`. Chained on a filtered
    queryset they are built as usual."""

    def _daily(self, name: str) -> ProductQuerySet:
        return built_today(
            (self.model, self.db, name), getattr(super().get_queryset(), name)
        )

    def eligible(self) -> ProductQuerySet:
        return self._daily("eligible")

    def browsable(self) -> ProductQuerySet:
        return self._daily("browsable")

    def listed(self) -> ProductQuerySet:
        return self._daily("listed")
