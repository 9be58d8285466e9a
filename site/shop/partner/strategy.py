"""Pricing and availability: Oscar's default strategy, gated by the OTOP rule.

The basket, checkout and order placement all ask the strategy whether a product can
be bought, so refusing ineligible products here closes every purchase path at once
(Oscar's basket itself never checks `is_public`).
"""

from django.utils.translation import gettext_lazy as _

from oscar.apps.partner import availability, prices
from oscar.apps.partner.strategy import Default, PurchaseInfo


class NotEligible(availability.Unavailable):
    """Availability of a product the OTOP rule does not let us sell."""

    message = _("Not available: this is not a registered, star-rated OTOP product.")


NOT_ELIGIBLE = PurchaseInfo(
    price=prices.Unavailable(), availability=NotEligible(), stockrecord=None
)


class OtopStrategy(Default):
    """Oscar's default strategy (first stock record, stock required, prices in baht, VAT
    included), refusing any product that is not eligible."""

    def fetch_for_product(self, product, stockrecord=None):
        if not product.is_eligible:
            return NOT_ELIGIBLE
        return super().fetch_for_product(product, stockrecord)

    def fetch_for_parent(self, product):
        if not product.is_eligible:
            return NOT_ELIGIBLE
        return super().fetch_for_parent(product)


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return OtopStrategy(request)
