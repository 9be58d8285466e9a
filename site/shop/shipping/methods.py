"""Shipping methods charged per producer parcel (each producer ships its own lines)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from oscar.apps.shipping.methods import Base
from oscar.core import prices

from .parcels import Parcel, parcels

ZERO = Decimal("0.00")
VILLAGE_PICKUP = "village-pickup"


class PerProducerRate(Base):
    """A carrier service priced per parcel: a charge per parcel plus one per item,
    nothing for a parcel whose products reach the free-shipping threshold."""

    def __init__(
        self,
        code: str,
        name: str,
        description: str = "",
        per_parcel: Decimal = ZERO,
        per_item: Decimal = ZERO,
        free_over: Decimal | None = None,
        currency: str = "THB",
    ) -> None:
        self.code, self.name, self.description = code, name, description
        self.per_parcel, self.per_item, self.free_over = per_parcel, per_item, free_over
        self.currency = currency

    @classmethod
    def from_charges(cls, charges) -> PerProducerRate:
        """From Oscar's OrderAndItemCharges (edited under Dashboard → Shipping), read
        per parcel: its "per order" price is charged once per producer parcel, its
        free-shipping threshold applies to each parcel's products."""
        return cls(
            code=charges.code,
            name=charges.name,
            description=charges.description,
            per_parcel=charges.price_per_order,
            per_item=charges.price_per_item,
            free_over=charges.free_shipping_threshold,
        )

    def parcel_charge(self, parcel: Parcel) -> Decimal:
        goods = parcel.goods
        if not goods:
            return ZERO
        if self.free_over is not None and parcel.goods_subtotal >= self.free_over:
            return ZERO
        return self.per_parcel + self.per_item * sum(line.quantity for line in goods)

    def calculate(self, basket) -> prices.Price:
        charge = sum((p.shipping for p in parcels(basket, self)), ZERO)
        # Prices are VAT-inclusive, so is shipping.
        return prices.Price(currency=self.currency, excl_tax=charge, incl_tax=charge)


def default_rate() -> PerProducerRate:
    """Offered until staff define their own methods, so a fresh install can sell."""
    return PerProducerRate(
        code="standard-parcel",
        name=_("Standard parcel (Thailand Post EMS)"),
        description=_(
            "Each producer sends its own parcel; free from ฿1,000 a producer."
        ),
        per_parcel=Decimal("50.00"),
        free_over=Decimal("1000.00"),
    )


class VillagePickup(Base):
    """Collect in the village, on the day of the booking there, the parcels of that
    village's producers (free); any other producer's parcel travels by `courier`."""

    code = VILLAGE_PICKUP
    name = _("Pick up in the village")
    description = _(
        "Collect the products of the village's producers when you come for your "
        "booking, with no shipping charge; other producers send their parcels."
    )

    def __init__(self, courier: PerProducerRate, pickups: dict) -> None:
        self.courier, self.pickups = courier, pickups
        self.currency = courier.currency

    def parcel_charge(self, parcel: Parcel) -> Decimal:
        if parcel.partner is not None and parcel.partner.pk in self.pickups:
            return ZERO
        return self.courier.parcel_charge(parcel)

    def collects_everything(self, basket) -> bool:
        """Whether no parcel of goods is left for the courier."""
        return all(
            parcel.partner is not None and parcel.partner.pk in self.pickups
            for parcel in parcels(basket)
            if parcel.goods
        )

    def calculate(self, basket) -> prices.Price:
        charge = sum((p.shipping for p in parcels(basket, self)), ZERO)
        return prices.Price(currency=self.currency, excl_tax=charge, incl_tax=charge)
