"""Awarding OPC stars from the review desk, one product or a whole selection round."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from catalogue.register import BUDDHIST_ERA_OFFSET, FIRST_OPC_YEAR, OpcRating


def common_era(year: int) -> int:
    """Years are entered as the department writes them (B.E. 2568) or in C.E."""
    return year - BUDDHIST_ERA_OFFSET if year > 2400 else year


def selection_years() -> range:
    return range(FIRST_OPC_YEAR, timezone.localdate().year + 2)


@transaction.atomic
def award_stars(products: Iterable, stars: int, year: int) -> Counter:
    """Give every product `stars` for the selection `year` (C.E.); counts what changed."""
    counts: Counter = Counter()
    for product in products:
        rating, created = OpcRating.objects.get_or_create(
            product=product, year=year, defaults={"stars": stars}
        )
        if created:
            counts["created"] += 1
        elif rating.stars != stars:
            rating.stars = stars
            rating.save(update_fields=["stars"])
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts
