"""Cards of products (and of villages, `villages.cards`), rendered once per object and
language for each content version.

A listing page's 24 cards were about a third of its CPU: for each, the strategy's
purchase info, a thumbnail, the price and stars, two URLs, a form and some forty template
variables. A card shows only the product's own content (title, photo, price and
availability, rating, producer and province) and is the same for every visitor (its
add-to-basket form carries no CSRF token: shop.pagecache.basket_add); every change to
any of that changes the content version (`catalogue.content_version`: saves of
products, stock records, ratings, producers, photos and places, bulk changes, and the
date, for registrations that expire by it). So each server process keeps the card HTML
of the current version, per product and language, and a page renders only the cards
it has not shown since the last change, for anonymous visitors whose page the page
cache missed as for signed-in buyers, whose pages it never holds.

The memory is per process (no round trip; a few KB per card), bounded, and dropped
whole when the version changes. With the cache down (no version), nothing is kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.dispatch import receiver
from django.http import HttpRequest
from django.template.loader import get_template
from django.utils.autoreload import file_changed
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from . import content_version
from .version_memo import VersionMemo

_NAMES = "_otop_names"  # where names_of() leaves a page's names, for cards_of()


def request_version(request: HttpRequest | None) -> str:
    """The content version, asked of the cache once per request."""
    if request is None:
        return content_version.current()
    version = getattr(request, "_otop_content_version", None)
    if version is None:
        version = request._otop_content_version = content_version.current()
    return version


class Cards:
    """The cards of one kind of object (its template, given the object as `name`
    and the fixed `context`), kept per object, language and content version."""

    def __init__(
        self, template: str, name: str, limit: int, context: dict | None = None
    ) -> None:
        self.template = template
        self.name = name
        self.context = context or {}
        self._memo = VersionMemo(limit)  # (pk, language) -> card HTML
        _all.append(self)

    def render(self, obj, request: HttpRequest | None) -> SafeString:
        return mark_safe(
            get_template(self.template).render(
                {**self.context, self.name: obj, "request": request}
            )
        )

    def card(self, obj, request: HttpRequest | None) -> SafeString:
        """The object's card, from memory when this version has rendered it."""
        version = request_version(request)
        if version.startswith(content_version.UNCACHED):
            return self.render(obj, request)
        key = (obj.pk, get_language())
        html = self._memo.get(version, key)
        if html is None:
            html = self.render(obj, request)
            self._memo.put(version, key, html)
        return html

    def known(self, pks, request: HttpRequest | None = None) -> set[int]:
        """Which of these objects' cards this process holds for the current
        version and language (their objects need no loading of what a card
        shows)."""
        version = request_version(request)
        if version.startswith(content_version.UNCACHED):
            return set()
        language = get_language()
        held = self._memo.get_many(version, [(pk, language) for pk in pks])
        return {pk for (pk, _language), html in held.items() if html is not None}

    def cards_of(self, objects, request: HttpRequest | None) -> list[SafeString]:
        """The cards of a page of objects, in order. A queryset not yet loaded is
        asked for its ids first (or they are read from its names, `names_of`), and
        only the objects whose card is not known are loaded (with what a card
        reads: the queryset's own joins and prefetches): a page whose cards are all
        known costs one light query instead of several heavy ones."""
        named = getattr(objects, _NAMES, None)
        objects = getattr(objects, "object_list", objects)  # a Paginator's Page
        version = request_version(request)
        if (
            not isinstance(objects, QuerySet)
            or objects._result_cache is not None
            or version.startswith(content_version.UNCACHED)
        ):
            return [self.card(obj, request) for obj in objects]
        language = get_language()
        if named is not None:
            pks = [obj.pk for obj in named]
        else:
            pks = list(objects.values_list("pk", flat=True))
        known = self._memo.get_many(version, [(pk, language) for pk in pks])
        found = {pk: known[(pk, language)] for pk in pks}
        if missing := [pk for pk, html in found.items() if html is None]:
            rest = objects._chain()
            rest.query.clear_limits()
            for obj in rest.filter(pk__in=missing):
                found[obj.pk] = html = self.render(obj, request)
                self._memo.put(version, (obj.pk, language), html)
        # An object that left the list between the two queries is left out.
        return [found[pk] for pk in pks if found[pk] is not None]

    def clear(self) -> None:
        self._memo.clear()


_all: list[Cards] = []

TEMPLATE = "oscar/catalogue/partials/product.html"
LIMIT = 20_000  # cards per process (two languages of a 10,000-product catalogue)
PRODUCT_CARDS = Cards(TEMPLATE, "product", LIMIT)
card = PRODUCT_CARDS.card
known = PRODUCT_CARDS.known
cards_of = PRODUCT_CARDS.cards_of


def names_of(products) -> Iterable:
    """A page of a listing's products as a list of names and links reads them (title
    and URL): a listing not loaded yet is asked for just that, once, not for what its
    cards show, which the cards may already hold; `cards_of` then reads the page's
    ids from it."""
    holder = products
    products = getattr(products, "object_list", products)  # a Paginator's Page
    if not isinstance(products, QuerySet) or products._result_cache is not None:
        return products
    names = getattr(holder, _NAMES, None)
    if names is None:
        light = (
            products.select_related(None)
            .prefetch_related(None)
            .only(*products.model.NAME_FIELDS)
        )
        light.query.set_annotation_mask(())  # stars, options: not a name or a link
        names = list(light)
        setattr(holder, _NAMES, names)
    return names


@receiver(file_changed)
def forget(**kwargs) -> None:
    """Forget every card (the development server saw a template or translation change;
    a deployment restarts the processes)."""
    for cards in _all:
        cards.clear()
