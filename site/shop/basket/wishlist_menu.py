"""The product page's wish-list menu for a signed-in buyer: their wish lists, each
marked whether it holds the product, in one prepared statement.

Oscar's template asks `user.wishlists.all` and then `wishlists_containing_product`
(the same lists joined to their lines): two queries on every product page a buyer
sees, each composed and compiled by Django again, which cost more CPU than running
them (catalogue.statements).
"""

from __future__ import annotations

from functools import cache

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from oscar.core.loading import get_model

from catalogue.statements import Prepared

WishList = get_model("wishlists", "WishList")
WishListLine = get_model("wishlists", "Line")
Product = get_model("catalogue", "Product")


@cache
def _menu() -> Prepared:
    def build(owner, product):
        holds = WishListLine.objects.filter(wishlist=OuterRef("pk"), product=product)
        return WishList.objects.filter(owner=owner).annotate(
            holds_product=Exists(holds)
        )

    return Prepared.built(
        build, owner=get_user_model()._meta.pk, product=Product._meta.pk
    )


def wish_lists(user, product) -> list:
    """The user's wish lists in Oscar's order, each with `holds_product`."""
    if not user.is_authenticated:
        return []
    return _menu().fetch(owner=user.pk, product=product.pk)
