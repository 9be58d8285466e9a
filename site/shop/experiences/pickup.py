"""Pick-up in the village: a tourist who books an experience can collect, on the day
of the booking, the goods of the producers of that village instead of having them
sent. Which parcels of a basket qualify is decided here; the shipping method
(`shop.shipping.methods.VillagePickup`) charges them nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from oscar.core.loading import get_model

from .models import Slot

Partner = get_model("partner", "Partner")


@dataclass(frozen=True)
class Pickup:
    """Where and when one producer's parcel is collected."""

    village: str
    starts_at: datetime
    meeting_point: str


def _village_tambon(page) -> int | None:
    # A village page (villages.VillagePage) has a tambon; the shop reads it through
    # Wagtail's `specific` rather than importing the villages app (layers).
    return getattr(page.specific, "tambon_id", None)


def pickups(basket) -> dict[int, Pickup]:
    """Partner id → pick-up, for each producer whose goods in this basket can be
    collected in a village the basket also books (its own tambon, or the host)."""
    lines = list(basket.all_lines())
    slots = Slot.objects.filter(
        product_id__in=[line.product_id for line in lines]
    ).select_related("experience__village_page", "experience__product__producer")
    villages = []
    for slot in sorted(slots, key=lambda s: s.starts_at):
        page = slot.experience.village_page.localized
        host = slot.experience.product.producer
        villages.append(
            (
                {_village_tambon(slot.experience.village_page), host.tambon_id},
                host.partner_id,
                Pickup(page.title, slot.starts_at, slot.localized_meeting_point),
            )
        )
    if not villages:
        return {}
    goods_partners = {
        line.stockrecord.partner_id
        for line in lines
        if line.stockrecord_id and line.product.is_shipping_required
    }
    partners = Partner.objects.filter(pk__in=goods_partners).select_related("producer")
    found: dict[int, Pickup] = {}
    for partner in partners:
        producer = getattr(partner, "producer", None)
        for tambons, host_partner, pickup in villages:  # the earliest booking first
            if partner.pk == host_partner or (
                producer is not None and producer.tambon_id in tambons
            ):
                found.setdefault(partner.pk, pickup)
    return found
