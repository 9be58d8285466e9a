"""Order placement that applies the OTOP rule (and the experience rule, for slots)
inside the order transaction.

Oscar's `OrderCreator.place_order` never asks the strategy whether a line may still be
sold; the checkout's own check runs earlier, outside the transaction. A producer that
lapsed, or a rating withdrawn, in between would otherwise still be ordered.
"""

from django.utils.translation import gettext as _

from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.order.utils import OrderCreator as OscarOrderCreator

from shop.experiences.rules import is_slot, sellable_ids


class NotEligible(UnableToPlaceOrder):
    """A basket line's product may no longer be sold (OTOP rule, experience rule)."""


class OrderCreator(OscarOrderCreator):
    def place_order(self, basket, *args, **kwargs):
        lines = list(basket.all_lines())
        wanted = {line.product_id for line in lines}
        eligible = sellable_ids(wanted)
        refused = [
            line.product.get_title()
            for line in lines
            if line.product_id not in eligible
        ]
        slots = [
            line.product.get_title()
            for line in lines
            if line.product_id not in eligible and is_slot(line.product)
        ]
        if refused and refused == slots:
            raise NotEligible(
                _("This date can no longer be booked: %s") % ", ".join(refused)
            )
        if refused:
            raise NotEligible(
                _("No longer available as a registered, star-rated OTOP product: %s")
                % ", ".join(refused)
            )
        return super().place_order(basket, *args, **kwargs)
