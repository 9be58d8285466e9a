"""The shipping methods a buyer may choose from, each priced per producer parcel."""

from oscar.apps.shipping.methods import NoShippingRequired
from oscar.apps.shipping.repository import Repository as OscarRepository
from oscar.core.loading import get_model

from shop.experiences.pickup import pickups

from .methods import PerProducerRate, VillagePickup, default_rate

OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")


class Repository(OscarRepository):
    def get_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        # Oscar's shipping offers discount the order's single charge; ours are per
        # producer and must add up, so shipping offers are not applied.
        if not basket.is_shipping_required():  # only bookings: nothing travels
            return [NoShippingRequired()]
        return self.get_available_shipping_methods(
            basket=basket, shipping_addr=shipping_addr, **kwargs
        )

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        methods = [
            PerProducerRate.from_charges(charges)
            for charges in OrderAndItemCharges.objects.order_by("name")
        ] or [default_rate()]
        collected = pickups(basket)
        if collected:  # the basket books a village whose producers it buys from
            methods.append(VillagePickup(methods[0], collected))
        return methods
