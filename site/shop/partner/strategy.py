"""Pricing and availability: Oscar's default strategy, gated by the OTOP rule and, for
village experiences, by the experience rule (`shop.experiences.rules.bookable`).

The basket, checkout and order placement all ask the strategy whether a product can
be bought, so refusing ineligible products here closes every purchase path at once
(Oscar's basket itself never checks `is_public`).
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from oscar.apps.partner import availability, prices
from oscar.apps.partner.strategy import Default, PurchaseInfo

from shop.experiences import rules
from shop.experiences.models import CHILD, CHILD_OPTION


class NotEligible(availability.Unavailable):
    """Availability of a product the OTOP rule does not let us sell."""

    message = _("Not available: this is not a registered, star-rated OTOP product.")


class NotBookable(availability.Unavailable):
    """Availability of a slot that is past, closed, or whose host or village is off."""

    message = _("This date can no longer be booked.")

    def is_purchase_permitted(self, quantity):
        return False, self.message


NOT_ELIGIBLE = PurchaseInfo(
    price=prices.Unavailable(), availability=NotEligible(), stockrecord=None
)


def is_child_seat(line) -> bool:
    # Basket lines arrive with their attributes prefetched (Basket.all_lines()).
    return any(
        a.option.code == CHILD_OPTION and a.value == CHILD
        for a in line.attributes.all()
    )


class OtopStrategy(Default):
    """Oscar's default strategy (first stock record, stock required, prices in baht, VAT
    included), refusing any product that is neither eligible nor a bookable slot."""

    def fetch_for_product(self, product, stockrecord=None):
        if not product.is_eligible:
            # Only refusals and experiences get here: listed products are annotated.
            if rules.is_bookable(product):
                return super().fetch_for_product(product, stockrecord)
            if rules.is_slot(product):
                # Its price still shows; the basket refuses it with the reason.
                info = super().fetch_for_product(product, stockrecord)
                return PurchaseInfo(
                    price=info.price,
                    availability=NotBookable(),
                    stockrecord=info.stockrecord,
                )
            return NOT_ELIGIBLE
        return super().fetch_for_product(product, stockrecord)

    def fetch_for_parent(self, product):
        if not product.is_eligible:
            return NOT_ELIGIBLE
        return super().fetch_for_parent(product)

    def fetch_for_line(self, line, stockrecord=None):
        info = self.fetch_for_product(line.product)
        if info.price.exists and line.product.parent_id and is_child_seat(line):
            child_price = line.product.slot.child_price
            if child_price is not None:
                info = PurchaseInfo(
                    price=prices.FixedPrice(
                        currency=info.price.currency,
                        excl_tax=child_price,
                        tax=Decimal("0.00"),
                    ),
                    availability=info.availability,
                    stockrecord=info.stockrecord,
                )
        return info


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return OtopStrategy(request)
