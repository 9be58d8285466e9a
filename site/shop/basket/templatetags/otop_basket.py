"""`{% basket_item_count as num_items %}`: the header's basket count (`basket/header.py`)."""

from django import template

from shop.basket.header import item_count

register = template.Library()


@register.simple_tag(takes_context=True)
def basket_item_count(context) -> int:
    request = context.get("request")
    return 0 if request is None else item_count(request)
