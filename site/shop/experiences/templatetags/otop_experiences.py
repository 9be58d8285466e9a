"""Slot dates in the visitor's language (Buddhist Era on Thai pages)."""

from django import template
from django.urls import reverse

from shop.experiences import dates, listing
from shop.experiences.bookings import bookings_of
from shop.experiences.models import Slot

register = template.Library()

register.filter("long_date", dates.long_date)
register.filter("short_date", dates.short_date)
register.filter("time_of_day", dates.time_of_day)
register.filter("long_datetime", dates.long_datetime)


@register.simple_tag(takes_context=True)
def village_slots(context: template.Context, experiences) -> str:
    """A village page's bookable slots (shop.experiences.listing.slot_list)."""
    return listing.slot_list(experiences, context.get("request"))


@register.simple_tag
def order_bookings(order) -> list:
    """`{% order_bookings order as bookings %}`: the order's bookings, soonest first."""
    return bookings_of(order)


@register.filter
def product_url(product) -> str:
    """A product's page; for a slot, its booking page (slots have no catalogue page)."""
    if product.parent_id:
        slot = Slot.objects.filter(product=product).only("pk").first()
        if slot is not None:
            return reverse("experiences:slot", args=[slot.pk])
    return product.get_absolute_url()
