"""The header's basket count, in one query.

Oscar's BasketMiddleware loads the whole basket the moment a template asks for
`request.basket.num_items`: the basket, its lines, their attributes and photos, a line
count, the vouchers and the site offers (7 queries on every page a buyer sees). The
header only needs the number of items, a sum over the open basket's lines. The full
basket is still loaded, and used, whenever something else has asked for it already
(the basket page, a product page's form), and whenever Oscar has work to do on it: a
signed-in visitor who still carries an anonymous basket cookie (just signed in: Oscar
merges the two baskets), or a cookie whose signature does not hold (Oscar deletes it).
"""

from __future__ import annotations

from django.conf import settings
from django.core.signing import BadSignature, Signer
from django.db.models import Sum
from django.http import HttpRequest
from django.utils.functional import empty

from oscar.core.loading import get_model

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")


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
        lines = Line.objects.filter(basket__owner=user, basket__status=Basket.OPEN)
    elif cookie is not None:
        try:
            basket_id = Signer().unsign(cookie)
        except BadSignature:
            return _full_count(request)  # Oscar deletes the cookie
        lines = Line.objects.filter(
            basket_id=basket_id, basket__owner=None, basket__status=Basket.OPEN
        )
    else:
        return 0  # no basket yet: Oscar would make an empty, unsaved one
    return lines.aggregate(items=Sum("quantity"))["items"] or 0
