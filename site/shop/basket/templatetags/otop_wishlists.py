"""`{% wish_list_menu user product as wishlists %}`: the buyer's wish lists, each with
`holds_product` (`basket/wishlist_menu.py`)."""

from django import template

from shop.basket.wishlist_menu import wish_lists

register = template.Library()


@register.simple_tag
def wish_list_menu(user, product) -> list:
    return wish_lists(user, product)
