"""The header's basket count, in one query.

Oscar's BasketMiddleware loads the whole basket the moment a template asks for
`request.basket.num_items`: the basket, its lines, their attributes and photos, a line
count, the vouchers and the site offers (7 queries on every page a buyer sees). The
header only needs the number of items, a sum over the open basket's lines. The full
basket is still loaded, and used, whenever something else has asked for it already
(the basket page, a product page's form), and whenever Oscar has work to do on it: a
signed-in visitor who still carries an anonymous basket cookie (just signed in: Oscar
merges the two baskets), or a cookie whose signature does not hold (Oscar deletes it).
The count is a prepared statement (catalogue.statements): composing and compiling
the aggregate cost a signed-in page more CPU than running it.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.signing import BadSignature, Signer
from django.db.models import Sum
from django.http import HttpRequest
from django.utils.functional import empty

from oscar.core.loading import get_model

from catalogue.statements import Prepared

Basket = get_model("basket", "Basket")


@cache
def _items_in(key: str) -> Prepared:
    """The items in each open basket with this owner (key "owner") or id and no
    owner (key "pk"): Oscar keeps one open basket an owner, merging any others."""
    baskets = Basket.objects.filter(status=Basket.OPEN)
    if key == "pk":
        baskets = baskets.filter(owner=None)
    items = baskets.annotate(items=Sum("lines__quantity")).order_by()
    return Prepared(items.values_list("items", flat=True), key)


def _sum(counts: list) -> int:
    return sum(n or 0 for n in counts)


def _loaded(request: HttpRequest) -> bool:
    basket = getattr(request, "basket", None)
    return basket is not None and getattr(basket, "_wrapped", None) is not empty


def _full_count(request: HttpRequest) -> int:
    return request.basket.num_items if hasattr(request, "basket") else 0


def item_count(request: HttpRequest) -> int:
    """What `request.basket.num_items` would say, without loading the basket."""
    if not hasattr(request, "basket") or _loaded(request):
        return _full_count(request)
    cookie = request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if cookie is not None:
            return _full_count(request)  # Oscar merges the cookie's basket
        return _sum(_items_in("owner").fetch(owner=user.pk))
    if cookie is not None:
        try:
            basket_id = Signer().unsign(cookie)
        except BadSignature:
            return _full_count(request)  # Oscar deletes the cookie
        return _sum(_items_in("pk").fetch(pk=basket_id))
    return 0  # no basket yet: Oscar would make an empty, unsaved one
