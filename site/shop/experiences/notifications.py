"""E-mails about a booking: to the tourist in the language the booking was made in
(the confirmation with an .ics attachment, the reminder the day before); to the host
in the language its producer group chose (Producer.language), when a booking is made
and when it is cancelled."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from catalogue.producers.membership import notice_addresses

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


def _tell_host(booking: Booking, template: str) -> None:
    host = booking.slot.experience.host
    if host is None or not (recipients := notice_addresses(host)):
        return
    with translation.override(host.language or settings.LANGUAGE_CODE):
        order = booking.line.order
        context = {
            "booking": booking,
            "order": order,
            "slot": booking.slot,
            "host": host,
            "paid_on_arrival": order.sources.filter(
                source_type__code="pay-on-arrival"
            ).exists(),
            "bookings_url": f"{settings.SITE_URL}{reverse('experiences:host')}",
        }
        subject = render_to_string(
            f"experiences/emails/{template}_subject.txt", context
        )
        body = render_to_string(f"experiences/emails/{template}_body.txt", context)
    EmailMessage(
        " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients
    ).send()


def host_cancelled(booking: Booking) -> None:
    """The tourist cancelled: the host learns the seats are free again."""
    _tell_host(booking, "host_booking_cancelled")


def bookings_with_details(**filters):
    return Booking.objects.filter(**filters).select_related(
        "slot__experience__product__producer", "line__order"
    )


def confirmed(order) -> None:
    """The order holding these bookings is placed for good (paid, or paid on arrival)."""
    for booking in bookings_with_details(line__order=order):
        _send(booking, "booking_confirmed")
        _tell_host(booking, "host_booking_made")


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
