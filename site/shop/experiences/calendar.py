"""A booking as an iCalendar event (.ics), for the tourist's calendar app."""

from __future__ import annotations

from django.contrib.sites.models import Site

import icalendar

from .models import Booking


def booking_calendar(booking: Booking) -> bytes:
    slot, experience = booking.slot, booking.slot.experience
    host = experience.host
    event = icalendar.Event()
    event.add("uid", f"booking-{booking.pk}@{Site.objects.get_current().domain}")
    event.add("dtstamp", booking.created_at)
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at)
    event.add("summary", experience.title)
    event.add("location", slot.localized_meeting_point)
    contact = ", ".join(x for x in (host.name, host.phone, host.email) if x)
    event.add("description", f"{booking.participants} × {experience.title}\n{contact}")
    event.add("status", "CANCELLED" if booking.status == "cancelled" else "CONFIRMED")
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//OTOP Marketplace//Village experiences//TH")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical()
