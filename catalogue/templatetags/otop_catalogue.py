"""Catalogue template tags: OPC star ratings, Buddhist Era years and the category menu."""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from oscar.core.loading import get_class, get_model

from catalogue.register import BUDDHIST_ERA_OFFSET
from catalogue.views import listed_products

register = template.Library()

MAX_STARS = 5
MENU_CACHE_KEY = "otop:menu-categories"
MENU_CACHE_SECONDS = 300


def _thai() -> bool:
    return not (get_language() or "th").startswith("en")


@register.filter
def opc_year(year: int | None) -> str:
    """An OPC selection year (stored C.E.) as readers expect it: B.E. in Thai, C.E. in English."""
    if year in (None, ""):
        return ""
    year = int(year)
    return str(year + BUDDHIST_ERA_OFFSET if _thai() else year)


@register.inclusion_tag("catalogue/partials/opc_stars.html")
def opc_stars(stars: int | None, year: int | None = None, size: str = "") -> dict:
    """★★★★☆ with the accessible text "4 stars (OPC 2568)"; nothing when unrated."""
    stars = int(stars) if stars else 0
    return {
        "stars": stars,
        "year": year,
        "filled": "★" * stars,
        "empty": "☆" * (MAX_STARS - stars),
        "size": size,
    }


def menu_categories() -> list:
    """The top-level browsable categories, cached: one query per cache period, not per page.

    Category objects are cached, not their names, so `display_name` still follows the
    visitor's language; a root category's URL needs no query (no ancestors to look up).
    """
    categories = cache.get(MENU_CACHE_KEY)
    if categories is None:
        Category = get_model("catalogue", "Category")
        categories = list(Category.objects.browsable().filter(depth=1).order_by("path"))
        cache.set(MENU_CACHE_KEY, categories, MENU_CACHE_SECONDS)
    return categories


@receiver(
    post_save, sender="catalogue.Category", dispatch_uid="otop-menu-categories-saved"
)
@receiver(
    post_delete,
    sender="catalogue.Category",
    dispatch_uid="otop-menu-categories-deleted",
)
def forget_menu_categories(**kwargs) -> None:
    # Connected when Django loads the template libraries, which is before any menu can
    # have been cached. A tree move (treebeard's move()) sends no signal: the timeout
    # bounds that staleness.
    cache.delete(MENU_CACHE_KEY)


@register.simple_tag
def get_menu_categories() -> list:
    return menu_categories()


@register.inclusion_tag("catalogue/partials/category_nav.html", takes_context=True)
def category_nav(context: template.Context) -> dict:
    current = context.get("category")
    return {
        "categories": menu_categories(),
        "current_pk": getattr(current, "pk", None),
        "request": context.get("request"),
    }


def _in_order(products_by_pk: dict, pks: list) -> list:
    return [products_by_pk[pk] for pk in pks if pk in products_by_pk]


@register.simple_tag(takes_context=True)
def recently_viewed(
    context: template.Context, current_product=None, limit: int = 4
) -> list:
    """Oscar's recently-viewed products (from its history cookie), loaded like a product
    list (eligible only, annotated, in a fixed number of queries)."""
    request = context.get("request")
    if request is None:
        return []
    history = get_class("customer.history", "CustomerHistoryManager")
    pks = [
        pk
        for pk in reversed(history.extract(request))
        if pk != getattr(current_product, "pk", None)
    ]
    pks = pks[:limit]
    if not pks:
        return []
    return _in_order(listed_products().in_bulk(pks), pks)


@register.simple_tag
def recommended_for(product, limit: int = 4) -> list:
    """The product's recommendations that are eligible, loaded like a product list (Oscar's
    `sorted_recommended_products` ignores the OTOP rule and loads each product alone)."""
    pks = list(
        product.primary_recommendations.order_by(
            "-ranking", "recommendation__title"
        ).values_list("recommendation_id", flat=True)[:limit]
    )
    if not pks:
        return []
    return _in_order(listed_products().in_bulk(pks), pks)
