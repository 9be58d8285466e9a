"""Order placement that applies the OTOP rule inside the order transaction.

Oscar's `OrderCreator.place_order` never asks the strategy whether a line may still be
sold; the checkout's own check runs earlier, outside the transaction. A producer that
lapsed, or a rating withdrawn, in between would otherwise still be ordered.
"""

from django.utils.translation import gettext as _

from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


class NotEligible(UnableToPlaceOrder):
    """A basket line's product may no longer be sold under the OTOP rule."""


class OrderCreator(OscarOrderCreator):
    def place_order(self, basket, *args, **kwargs):
        lines = list(basket.all_lines())
        wanted = {line.product_id for line in lines}
        eligible = set(
            Product.objects.eligible()
            .filter(pk__in=wanted)
            .values_list("pk", flat=True)
        )
        refused = [
            line.product.get_title()
            for line in lines
            if line.product_id not in eligible
        ]
        if refused:
            raise NotEligible(
                _("No longer available as a registered, star-rated OTOP product: %s")
                % ", ".join(refused)
            )
        return super().place_order(basket, *args, **kwargs)
