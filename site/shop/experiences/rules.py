"""The experience rule, the companion of the OTOP rule (`catalogue.eligibility`).

An experience carries no OPC stars, so `eligible()` never lets one through. A slot is
**bookable** instead: public, its host's registration in force, its village page live
(published in Wagtail), not closed by the host, and its booking cut-off still ahead
(which also makes past slots unbookable). `bookable()` is the one definition; the
partner strategy (basket, checkout), order placement and the village pages use it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from oscar.core.loading import get_model

from catalogue.register import Producer

from .models import Slot

Product = get_model("catalogue", "Product")


def _bookable(product: str, slot: str, *, cutoff: bool = True) -> Q:
    """The rule as a filter; `product` and `slot` lead from the model filtered to the
    slot's product and to the slot. Without its `cutoff` (booking_closes_at after now)
    for a statement that binds the time itself."""
    rule = {
        f"{product}is_public": True,
        f"{product}parent__is_public": True,
        f"{slot}closed_at__isnull": True,
        f"{slot}booking_closes_at__gt": timezone.now(),
        f"{slot}experience__village_page__live": True,
        f"{product}producer__in": Producer.objects.registered(),
    }
    if not cutoff:
        del rule[f"{slot}booking_closes_at__gt"]
    return Q(**rule)


def bookable(products: QuerySet | None = None) -> QuerySet:
    """The slot products among `products` (default: all) that can be booked now."""
    products = Product.objects.all() if products is None else products
    return products.filter(_bookable(product="", slot="slot__"))


def bookable_slots() -> QuerySet:
    """Slots whose product is bookable now, soonest first."""
    # The rule on the slot's own joins, not `product__in=bookable()`: a subquery
    # joining the slot, its product and its village page again.
    return Slot.objects.filter(_bookable(product="product__", slot="")).order_by(
        "starts_at", "pk"
    )


def bookable_slots_but_cutoff() -> QuerySet:
    """`bookable_slots()` without its cut-off: filtered by `booking_closes_at__gt`
    now, it is the rule (for a statement compiled once that binds the time each time,
    `shop.experiences.listing`)."""
    return Slot.objects.filter(
        _bookable(product="product__", slot="", cutoff=False)
    ).order_by("starts_at", "pk")


def is_bookable(product) -> bool:
    if product.pk is None:
        return False
    return bookable(Product.objects.filter(pk=product.pk)).exists()


def is_slot(product) -> bool:
    return product.pk is not None and Slot.objects.filter(product=product).exists()


def sellable_ids(product_ids: Iterable[int]) -> set[int]:
    """Which of these products may be sold now: eligible goods or bookable slots."""
    wanted = set(product_ids)
    eligible = Product.objects.eligible().filter(pk__in=wanted)
    slots = bookable(Product.objects.filter(pk__in=wanted))
    return set(eligible.values_list("pk", flat=True)) | set(
        slots.values_list("pk", flat=True)
    )
