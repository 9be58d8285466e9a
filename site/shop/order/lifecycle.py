"""What happens to an order after it is placed: its payment is confirmed, it is
cancelled for want of payment, or it is held for staff to review.

Every function expects the order row to be locked by the caller (`locked()`), inside
the caller's transaction, and checks the order's status itself: a repeated or late
message finds the order already moved on and changes nothing.
"""

from __future__ import annotations

import logging

from django.db import transaction

from oscar.core.loading import get_model

from shop.partner import stock

from . import statuses
from .notifications import ShipmentNotifications
from .shipments import ProducerShipment

Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")

logger = logging.getLogger("otop.orders")


def locked(order_id: int) -> Order:
    """The order, locked until the end of the current transaction."""
    assert transaction.get_connection().in_atomic_block, "locked() needs a transaction"
    return Order.objects.select_for_update().get(pk=order_id)


def note(order: Order, message: str, note_type: str = "System") -> None:
    OrderNote.objects.create(order=order, message=message, note_type=note_type)


def confirm(order: Order, message: str) -> bool:
    """A pending order is paid: producers may start; buyer and producers are told."""
    if order.status != statuses.PENDING_PAYMENT:
        return False
    order.set_status(statuses.PROCESSING)
    order.shipments.filter(status=ProducerShipment.Status.AWAITING_PAYMENT).update(
        status=ProducerShipment.Status.NEW
    )
    basket = order.basket
    if basket is not None and basket.status == basket.FROZEN:
        basket.submit()
    note(order, message)
    transaction.on_commit(lambda: ShipmentNotifications().confirmed(order))
    return True


def cancel_unpaid(order: Order, message: str) -> int | None:
    """A pending order whose payment failed or expired: its stock goes back on sale
    and its basket can be checked out again. Returns the units released, or None if
    the order was not pending."""
    if order.status != statuses.PENDING_PAYMENT:
        return None
    released = stock.release(order.lines.all())
    order.set_status(statuses.CANCELLED)
    order.shipments.update(status=ProducerShipment.Status.CANCELLED)
    basket = order.basket
    if basket is not None and basket.status == basket.FROZEN:
        basket.thaw()
    note(order, f"{message} Stock released: {released} unit(s).")
    return released


def hold_for_review(order: Order, message: str) -> bool:
    """Money and order disagree (wrong amount, or paid after cancellation): nothing is
    marked paid; staff see the note on the order in the dashboard."""
    if order.status not in (statuses.PENDING_PAYMENT, statuses.CANCELLED):
        return False
    order.set_status(statuses.PAYMENT_REVIEW)
    note(order, message, note_type="Error")
    logger.error("Order %s held for payment review: %s", order.number, message)
    return True
