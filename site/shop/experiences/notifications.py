"""E-mails to the tourist about a booking, in the language the booking was made in:
the confirmation (with an .ics attachment) and the reminder the day before."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .calendar import booking_calendar
from .models import Booking

logger = logging.getLogger("otop.experiences")


def _send(booking: Booking, template: str) -> None:
    order = booking.line.order
    with translation.override(booking.language):
        context = {"booking": booking, "order": order, "slot": booking.slot}
        subject = render_to_string(
            f"experiences/emails/{template}_subject.txt", context
        )
        body = render_to_string(f"experiences/emails/{template}_body.txt", context)
        message = EmailMessage(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [order.email],
        )
        message.attach(
            f"booking-{booking.pk}.ics", booking_calendar(booking), "text/calendar"
        )
        message.send()


def bookings_with_details(**filters):
    return Booking.objects.filter(**filters).select_related(
        "slot__experience__product__producer", "line__order"
    )


def confirmed(order) -> None:
    """The order holding these bookings is placed for good (paid, or paid on arrival)."""
    for booking in bookings_with_details(line__order=order):
        _send(booking, "booking_confirmed")


def send_reminders(now=None) -> int:
    """The day before: remind each confirmed booking whose slot starts within 36 hours
    and was not reminded yet. Safe to run as often as wanted. Returns the number sent."""
    now = now or timezone.now()
    due = (
        bookings_with_details(
            status=Booking.Status.BOOKED,
            reminded_at__isnull=True,
            slot__starts_at__gt=now,
            slot__starts_at__lte=now + timezone.timedelta(hours=36),
        )
        .exclude(line__order__status__in=["Pending payment", "Cancelled"])
        .order_by("slot__starts_at", "pk")
    )
    sent = 0
    for booking in due:
        # Claimed first, so two runs at once never send the same reminder twice.
        if not Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(
            reminded_at=now
        ):
            continue
        _send(booking, "booking_reminder")
        sent += 1
    logger.info("Sent %d booking reminder(s)", sent)
    return sent
