"""The OTOP rule: only registered, star-rated, public products are listed or sold.

`ProductQuerySet.eligible()` is the single definition; `Product.is_eligible` and the
partner strategy (which basket, checkout and order placement consult) reuse it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery, Value
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
        """Products that may be seen and sold: public, rated, from a registered producer."""
        today = timezone.localdate()
        return (
            self.filter(is_public=True, producer__status=Producer.Status.ACTIVE)
            .filter(Q(parent__isnull=True) | Q(parent__is_public=True))
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
        a fixed number of queries however many products there are (every listing)."""
        return (
            self.browsable()
            .base_queryset()
            .with_current_rating()
            .select_related("producer__tambon__district__province")
            .order_by("-priority", "-date_created", "-id")
        )

    def with_current_rating(self) -> ProductQuerySet:
        """Annotate the latest OPC rating (stars and year) without a query per product."""
        latest = _ratings_of().order_by("-year")
        return self.annotate(
            opc_stars=Subquery(latest.values("stars")[:1]),
            opc_year=Subquery(latest.values("year")[:1]),
        )
