"""E-mails about an order: the buyer's confirmation and dispatch notices, and each
producer's notice of the lines it must ship (its own lines only).

Sent through Oscar's communication app, so staff can edit every text in the dashboard
(Communications) and the files under templates/oscar/communication/emails/ are the
defaults.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import translation

from oscar.core.loading import get_class

from catalogue.producers.membership import notice_addresses
from shop.experiences import notifications as booking_notifications

Dispatcher = get_class("communication.utils", "Dispatcher")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")

logger = logging.getLogger("otop.orders")

ORDER_PLACED = "ORDER_PLACED"
ORDER_DISPATCHED = "ORDER_DISPATCHED"
PRODUCER_NEW_ORDER = "PRODUCER_NEW_ORDER"


def order_status_path(order) -> str:
    """Where the buyer follows the order (signed in, or a guest with the secret link)."""
    if order.user_id:
        return reverse("customer:order", kwargs={"order_number": order.number})
    return reverse(
        "customer:anon-order",
        kwargs={"order_number": order.number, "hash": order.verification_hash()},
    )


def producer_recipients(shipment) -> list[str]:
    """The producer's own address and those of its staff (the partner's users)."""
    if shipment.producer is not None:
        return notice_addresses(shipment.producer)
    users = shipment.partner.users.all()
    return list(dict.fromkeys(user.email.lower() for user in users if user.email))


class ShipmentNotifications:
    """Who hears what, and when."""

    def __init__(self) -> None:
        self.dispatcher = Dispatcher(logger=logger)

    def _context(self, order, **extra) -> dict:
        path = order_status_path(order)  # under the language active when called
        site = Site.objects.get_current()
        return {
            "order": order,
            "shipments": order.shipments.select_related("partner__producer"),
            "status_path": path,
            "status_url": f"{settings.SITE_URL}{path}",
            "site": site,
            "cash_on_delivery": order.sources.filter(
                source_type__code="cash-on-delivery"
            ).exists(),
            **extra,
        }

    def confirmed(self, order) -> None:
        """The order is placed for good (cash on delivery, or paid): tell everyone."""
        with translation.override(order.language):
            OrderDispatcher(logger=logger).send_order_placed_email_for_user(
                order, self._context(order)
            )
        # Each producer in the language it chose (Producer.language). The order is
        # read again in that language: stored names (the country, shop.labels) are
        # given their label when loaded. Only parts with something to send: a
        # host hears of its bookings in a booking notice instead (below).
        read_in = {order.language: order}
        for shipment in order.shipments.to_send().select_related("partner__producer"):
            producer = shipment.producer
            language = producer.language if producer else settings.LANGUAGE_CODE
            with translation.override(language):
                if language not in read_in:
                    read_in[language] = type(order).objects.get(pk=order.pk)
                shipment.order = read_in[language]
                messages = self.dispatcher.get_messages(
                    PRODUCER_NEW_ORDER,
                    {
                        **self._context(shipment.order),
                        "shipment": shipment,
                        "lines": shipment.lines.filter(booking__isnull=True),
                    },
                )
                for address in producer_recipients(shipment):
                    self.dispatcher.dispatch_direct_messages(address, messages)
        booking_notifications.confirmed(order)

    def dispatched(self, shipment) -> None:
        """One producer has sent its parcel: tell the buyer, with the tracking number."""
        order = shipment.order
        with translation.override(order.language):
            messages = self.dispatcher.get_messages(
                ORDER_DISPATCHED,
                {**self._context(order), "shipment": shipment, "lines": shipment.lines},
            )
            OrderDispatcher(logger=logger).dispatch_order_messages(
                order, messages, ORDER_DISPATCHED
            )
