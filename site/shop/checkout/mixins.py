"""Placing an order: one order per basket, never a unit sold twice.

Oscar checks availability before its order transaction and allocates stock without
looking at what is on hand. Here the whole placement is one transaction that first
locks the basket row (simultaneous "place order" clicks queue up and find the order
the first one made), then locks the stock rows and checks them again (see
`shop.partner.stock`), then writes the order and its producer shipments.
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation

from oscar.apps.checkout.mixins import OrderPlacementMixin as OscarOrderPlacementMixin
from oscar.core.loading import get_model

from shop.experiences import bookings
from shop.order import statuses
from shop.order.notifications import ShipmentNotifications
from shop.order.shipments import ProducerShipment
from shop.partner import stock
from shop.payment import stripe_checkout
from shop.shipping.parcels import parcels

from .payment_methods import PAID_IN_PERSON, PaymentMethod

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

STOCK_CONSTRAINT = "stock_allocated_within_stock"


def buyer_language() -> str:
    """The language the buyer is checking out in (/th/ or /en/), one of LANGUAGES."""
    language = (translation.get_language() or "").split("-")[0]
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


class OrderPlacementMixin(OscarOrderPlacementMixin):
    def generate_order_number(self, basket) -> str:
        # Oscar's number is 100000 + basket id; a basket whose earlier order was
        # cancelled (payment expired) gets a suffix for the next attempt.
        base = str(100000 + basket.id)
        earlier = Order.objects.filter(basket_id=basket.id).count()
        return base if not earlier else f"{base}-{earlier + 1}"

    def place_order_once(self, method: PaymentMethod, submission: dict) -> tuple:
        """Place the basket's order, or find the one a simultaneous request placed.

        Returns (order, created). Raises stock.OutOfStock, having written nothing."""
        basket = submission["basket"]
        try:
            with transaction.atomic():
                list(
                    Basket.objects.select_for_update()
                    .filter(pk=basket.pk)
                    .values_list("pk")
                )
                existing = (
                    Order.objects.filter(basket_id=basket.pk)
                    .exclude(status=statuses.CANCELLED)
                    .first()
                )
                if existing is not None:
                    return existing, False
                return self._place(method, submission), True
        except IntegrityError as error:
            # The database refused an allocation the check above should have caught.
            if STOCK_CONSTRAINT in str(error):
                raise stock.OutOfStock([]) from error
            raise

    def _place(self, method: PaymentMethod, submission: dict):
        basket, total = submission["basket"], submission["order_total"]
        cash = method.code in PAID_IN_PERSON
        if cash:
            source_type, _created = SourceType.objects.get_or_create(
                code=method.code,
                defaults={"name": method.code.replace("-", " ").capitalize()},
            )
            self.add_payment_source(
                Source(
                    source_type=source_type,
                    currency=total.currency,
                    amount_allocated=total.incl_tax,
                )
            )
        stock.reserve(basket.all_lines())
        order = self.place_order(
            order_number=self.generate_order_number(basket),
            user=submission["user"],
            basket=basket,
            shipping_address=submission["shipping_address"],
            shipping_method=submission["shipping_method"],
            shipping_charge=submission["shipping_charge"],
            order_total=total,
            billing_address=submission["billing_address"],
            surcharges=submission["surcharges"],
            status=statuses.PROCESSING if cash else statuses.PENDING_PAYMENT,
            language=buyer_language(),
            **submission["order_kwargs"],
        )
        bookings.record(order)
        shipment_status = (
            ProducerShipment.Status.NEW
            if cash
            else ProducerShipment.Status.AWAITING_PAYMENT
        )
        for parcel in parcels(basket, submission["shipping_method"]):
            ProducerShipment.objects.create(
                order=order,
                partner=parcel.partner,
                status=shipment_status,
                lines_total=parcel.subtotal,
                shipping_charge=parcel.shipping,
            )
        if cash:
            basket.submit()
            transaction.on_commit(lambda: ShipmentNotifications().confirmed(order))
        else:
            stripe_checkout.start(order)
            basket.freeze()
        return order

    def restore_frozen_basket(self) -> None:
        """The basket of an order that was not paid becomes the buyer's basket again.

        Oscar's version merges the request's basket into it even when that basket is
        a new, unsaved one (a guest whose basket was frozen), which fails."""
        basket = Basket.objects.filter(
            pk=self.checkout_session.get_submitted_basket_id()
        ).first()
        if basket is None:
            return
        if basket.status == Basket.FROZEN:
            basket.thaw()
        current = self.request.basket
        if current.id and current.id != basket.id:
            basket.merge(current)
        basket.strategy = current.strategy
        self.request.basket = basket

    def send_order_placed_email(self, order) -> None:
        # Sent by ShipmentNotifications once the order is confirmed (cash on delivery
        # at once, Stripe when paid), together with each producer's notice.
        pass
