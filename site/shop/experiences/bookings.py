"""Bookings: recorded with the order that sells the seats, cancelled within the
experience's policy (the seats go back on sale), marked attended or no-show."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from shop.partner import stock

from . import freshness
from .dates import long_datetime
from .models import CHILD, CHILD_OPTION, NOTES_OPTION, PHONE_OPTION, Booking, Slot


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
    """The buyer cancels within the policy: the seats go back on sale. Returns them."""
    current = Booking.objects.select_for_update().select_related("slot__experience")
    booking = current.get(pk=booking.pk)
    if not booking.is_cancellable:
        raise BookingError(
            _("This booking can no longer be cancelled (free until %(until)s).")
            % {"until": long_datetime(booking.slot.cancellable_until)}
        )
    released = stock.release([booking.line])
    booking.status = Booking.Status.CANCELLED
    booking.save(update_fields=["status"])
    return released


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
