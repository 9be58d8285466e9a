"""What a village page shows of its experiences: the upcoming bookable slots, with
seats left, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.models import Page

from .models import Experience, Slot
from .rules import bookable_slots


@dataclass
class ExperienceListing:
    experience: Experience
    slots: list[Slot] = field(default_factory=list)


def upcoming(village_page, per_experience: int = 8) -> list[ExperienceListing]:
    """Bookable slots of the experiences of this village (either language's page)."""
    pages = Page.objects.filter(translation_key=village_page.translation_key)
    slots = (
        bookable_slots()
        .filter(experience__village_page__in=pages)
        .select_related("experience__product__producer", "product")
        .prefetch_related("product__stockrecords")
    )
    listings: dict[int, ExperienceListing] = {}
    for slot in slots:
        listing = listings.setdefault(
            slot.experience_id, ExperienceListing(slot.experience)
        )
        if len(listing.slots) < per_experience:
            listing.slots.append(slot)
    return list(listings.values())
