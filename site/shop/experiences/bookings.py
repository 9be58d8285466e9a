"""Bookings: recorded with the order that sells the seats, cancelled within the
experience's policy (the seats go back on sale), marked attended or no-show."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import stripe

from shop.order import lifecycle, statuses
from shop.order.settlement import ParcelRefund
from shop.order.shipments import ProducerShipment
from shop.partner import stock
from shop.payment import refunds
from shop.payment.stripe_models import StripeRefund

from . import freshness, notifications
from .dates import long_datetime
from .models import CHILD, CHILD_OPTION, NOTES_OPTION, PHONE_OPTION, Booking, Slot

logger = logging.getLogger("otop.experiences")


class BookingError(Exception):
    """A step the booking's state or the cancellation policy does not allow."""


def _attribute(line, code: str) -> str:
    for attribute in line.attributes.all():
        if attribute.option_id and attribute.option.code == code:
            return str(attribute.value or "")
    return ""


def record(order) -> list[Booking]:
    """One booking per order line that holds seats; inside the order's transaction."""
    language = (translation.get_language() or "th")[:2]
    lines = list(order.lines.prefetch_related("attributes__option"))
    slots = Slot.objects.in_bulk(
        [line.product_id for line in lines if line.product_id], field_name="product_id"
    )
    return [
        Booking.objects.create(
            slot=slots[line.product_id],
            line=line,
            participants=line.quantity,
            children=_attribute(line, CHILD_OPTION) == CHILD,
            phone=_attribute(line, PHONE_OPTION)[:32],
            notes=_attribute(line, NOTES_OPTION),
            language=language if language in ("th", "en") else "th",
        )
        for line in lines
        if line.product_id in slots
    ]


@transaction.atomic
def cancel(booking: Booking) -> int:
    """The buyer cancels within the policy: the seats go back on sale and, if the
    order was paid on Stripe, the booking's price is refunded there (and comes off
    the host's statement). Returns the seats given back.

    Raises BookingError, having changed nothing, outside the policy, while the
    order's payment is still awaited, or when Stripe cannot make the refund now."""
    # The order first, as payments and placement lock it, then the booking.
    order = lifecycle.locked(booking.line.order_id)
    current = Booking.objects.select_for_update().select_related(
        "slot__experience", "line"
    )
    booking = current.get(pk=booking.pk)
    if not booking.is_cancellable:
        raise BookingError(
            _("This booking can no longer be cancelled (free until %(until)s).")
            % {"until": long_datetime(booking.slot.cancellable_until)}
        )
    if order.status == statuses.PENDING_PAYMENT:
        raise BookingError(
            _(
                "This order is awaiting payment: cancel the payment instead, or "
                "cancel the booking once it is paid."
            )
        )
    line = booking.line
    released = stock.release([line])
    booking.status = Booking.Status.CANCELLED
    booking.save(update_fields=["status"])
    shipment = order.shipments.filter(partner_id=line.partner_id).first()
    try:
        refunded = refunds.refund(
            order,
            line.line_price_incl_tax,
            key=refund_key(booking),
            reason=f"Booking {booking.pk} cancelled: {line.title}",
        )
    except stripe.StripeError as error:
        logger.warning("Refund of booking %s failed: %s", booking.pk, error)
        raise BookingError(
            _(
                "The refund could not be made just now, so the booking stands. "
                "Please try again in a few minutes."
            )
        ) from error
    if refunded is not None and shipment is not None:
        refunded.parcel_refund = ParcelRefund.objects.create(
            shipment=shipment,
            amount=line.line_price_incl_tax,
            reason=f"Booking cancelled: {line.title} (Stripe {refunded.refund_id})"[
                :255
            ],
            refunded_on=timezone.localdate(),
        )
        refunded.save(update_fields=["parcel_refund"])
    if shipment is not None:
        _close_visits(shipment)
    transaction.on_commit(
        lambda: notifications.host_cancelled(
            notifications.bookings_with_details(pk=booking.pk).get()
        )
    )
    return released


def refund_key(booking: Booking) -> str:
    """Stripe's idempotency key for the refund of this booking: one refund, ever."""
    return f"otop-booking-{booking.pk}-refund"


def stripe_refund_of(booking: Booking):
    """The Stripe refund made when this booking was cancelled, if any."""
    return StripeRefund.objects.filter(idempotency_key=refund_key(booking)).first()


def _close_visits(shipment) -> None:
    """A part of an order holding only bookings follows them: cancelled when all
    are, delivered (it counts on the host's statement) once every booking that
    stands has been attended or missed."""
    if not type(shipment).objects.filter(pk=shipment.pk).visits_only().exists():
        return
    if shipment.status not in (shipment.Status.NEW, shipment.Status.ACCEPTED):
        return
    statuses_ = set(
        Booking.objects.filter(
            line__order_id=shipment.order_id, line__partner_id=shipment.partner_id
        ).values_list("status", flat=True)
    )
    if statuses_ == {Booking.Status.CANCELLED}:
        shipment.status = shipment.Status.CANCELLED
        shipment.save(update_fields=["status"])
    elif statuses_ and not statuses_ & {Booking.Status.BOOKED}:
        shipment.visited()


@transaction.atomic
def mark(booking: Booking, status: str) -> None:
    """The host records who came: attended or no-show, once the slot has started."""
    if status not in (Booking.Status.ATTENDED, Booking.Status.NO_SHOW):
        raise BookingError(_("Unknown attendance."))
    booking = (
        Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
    )
    if booking.status == Booking.Status.CANCELLED:
        raise BookingError(_("This booking was cancelled."))
    booking.status = status
    booking.save(update_fields=["status"])
    line = booking.line
    shipment = ProducerShipment.objects.filter(
        order_id=line.order_id, partner_id=line.partner_id
    ).first()
    if shipment is not None:
        _close_visits(shipment)


def close(slot: Slot) -> None:
    """The host closes a slot: nothing more can be booked; bookings stand."""
    Slot.objects.filter(pk=slot.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
    freshness.changed()  # update() sends no signal


def bookings_of(order) -> list[Booking]:
    """An order's bookings, with their slot and experience, soonest first."""
    return list(
        Booking.objects.filter(line__order=order)
        .select_related("slot__experience__product__producer", "line")
        .order_by("slot__starts_at", "pk")
    )
