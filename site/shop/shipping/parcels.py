"""A basket split into parcels: each producer packs and ships its own lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")
ZERO = Decimal("0.00")


@dataclass
class Parcel:
    """The lines of one producer in a basket, with their value and shipping charge."""

    partner: object
    lines: list = field(default_factory=list)
    shipping: Decimal = ZERO
    pickup: object = None  # shop.experiences.pickup.Pickup: collected in a village

    @property
    def producer(self):
        return getattr(self.partner, "producer", None)

    @property
    def subtotal(self) -> Decimal:
        # A line that can no longer be bought has no price; checkout refuses it, the
        # basket page still shows an estimate for the rest.
        return sum(
            (line.line_price_incl_tax_incl_discounts or ZERO for line in self.lines),
            ZERO,
        )

    @property
    def num_items(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def goods(self) -> list:
        """The lines that travel (bookings of village experiences do not)."""
        return [line for line in self.lines if line.product.is_shipping_required]

    @property
    def goods_subtotal(self) -> Decimal:
        return sum(
            (line.line_price_incl_tax_incl_discounts or ZERO for line in self.goods),
            ZERO,
        )

    @property
    def has_bookings(self) -> bool:
        return len(self.goods) < len(self.lines)

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping


def parcels(basket, method=None) -> list[Parcel]:
    """The basket's lines grouped by producer, in basket order; with `method`, each
    parcel carries that method's shipping charge."""
    lines = basket.all_lines()
    # One query for every producer of the basket, with what the pages show of it.
    partners = Partner.objects.select_related(
        "producer__tambon__district__province"
    ).in_bulk({line.stockrecord.partner_id for line in lines if line.stockrecord})
    by_partner: dict[int | None, Parcel] = {}
    for line in lines:
        key = line.stockrecord.partner_id if line.stockrecord else None
        by_partner.setdefault(key, Parcel(partners.get(key))).lines.append(line)
    result = list(by_partner.values())
    # Oscar's NoShippingRequired (a basket of bookings only) charges nothing.
    charge = getattr(method, "parcel_charge", None)
    if charge is not None:
        pickups = getattr(method, "pickups", {})
        for parcel in result:
            parcel.shipping = charge(parcel) if parcel.goods else ZERO
            if parcel.goods and parcel.partner is not None:
                parcel.pickup = pickups.get(parcel.partner.pk)
    return result
