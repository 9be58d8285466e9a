"""Slot dates in the visitor's language (Buddhist Era on Thai pages)."""

from django import template

from shop.experiences import dates
from shop.experiences.bookings import bookings_of

register = template.Library()

register.filter("long_date", dates.long_date)
register.filter("short_date", dates.short_date)
register.filter("time_of_day", dates.time_of_day)
register.filter("long_datetime", dates.long_datetime)


@register.simple_tag
def order_bookings(order) -> list:
    """`{% order_bookings order as bookings %}`: the order's bookings, soonest first."""
    return bookings_of(order)
