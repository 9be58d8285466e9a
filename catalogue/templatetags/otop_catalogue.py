"""Catalogue template tags: OPC star ratings, Buddhist Era years, the category menu and
the product card's price and form address."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils import dateformat
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

from oscar.core.loading import get_class

from catalogue import cards
from catalogue.menu import menu_categories, menu_html
from catalogue.models import Product
from catalogue.register import BUDDHIST_ERA_OFFSET
from catalogue.urls_cache import cached_reverse

register = template.Library()

MAX_STARS = 5


@lru_cache(maxsize=4096)
def _price_text(amount, currency: str, language: str | None) -> str:
    from oscar.templatetags.currency_filters import currency as format_currency

    return format_currency(amount, currency)


@register.filter
def baht(amount) -> str:
    """An amount in baht as Oscar's `currency` filter writes it, remembered."""
    if amount is None or amount == "":
        return ""
    return _price_text(amount, "THB", get_language())


@register.filter
def card_price(price) -> str:
    """A card's price as Oscar's `currency` filter writes it (tax included when known),
    remembered: Babel formats the same few prices again on every card."""
    amount = price.incl_tax if price.is_tax_known else price.excl_tax
    return _price_text(amount, price.currency, get_language())


@register.simple_tag(takes_context=True)
def product_card(context: template.Context, product) -> str:
    """A product card (oscar/catalogue/partials/product.html), rendered once per
    product, language and content version (catalogue.cards)."""
    return cards.card(product, context.get("request"))


@register.simple_tag(takes_context=True)
def product_cards(context: template.Context, products) -> list:
    """The cards of a page of products, in order (catalogue.cards.cards_of): a
    listing's products are loaded only for the cards not rendered yet."""
    return cards.cards_of(products, context.get("request"))


@register.simple_tag
def first_of(products):
    """The first product of a listing's page, by name and link only (`names_of`: the
    same light query the page's cards start from), or None; its photo is asked of
    it (`primary_image`) on its own."""
    return next(iter(cards.names_of(products)), None)


@register.filter
def basket_add_url(product) -> str:
    """Where a card's add-to-basket form posts (shop.pagecache.basket_add)."""
    return cached_reverse("basket-add-from-page", pk=product.pk)


def _thai() -> bool:
    return not (get_language() or "th").startswith("en")


@register.filter
def opc_year(year: int | None) -> str:
    """An OPC selection year (stored C.E.) as readers expect it: B.E. in Thai, C.E. in English."""
    if year in (None, ""):
        return ""
    year = int(year)
    return str(year + BUDDHIST_ERA_OFFSET if _thai() else year)


@register.filter
def local_date(value) -> str:
    """A date as the visitor reads it: "1 ธันวาคม 2569" (Buddhist Era) in Thai,
    "1 December 2026" in English."""
    if not value:
        return ""
    year = value.year + BUDDHIST_ERA_OFFSET if _thai() else value.year
    return f"{value.day} {dateformat.format(value, 'E')} {year}"


@register.simple_tag
def opc_stars(stars: int | None, year: int | None = None, size: str = "") -> str:
    """★★★★☆ with the accessible text "4 stars (OPC 2568)"; nothing when unrated.
    Remembered per language: every product card shows one of a few dozen."""
    stars = int(stars) if stars else 0
    year = int(year) if year not in (None, "") else None
    return _opc_stars_html(stars, year, str(size or ""), get_language())


@lru_cache(maxsize=1024)
def _opc_stars_html(stars: int, year: int | None, size: str, language: str | None):
    return render_to_string(
        "catalogue/partials/opc_stars.html",
        {
            "stars": stars,
            "year": year,
            "filled": "★" * stars,
            "empty": "☆" * (MAX_STARS - stars),
            "size": size,
        },
    )


@register.simple_tag
def get_menu_categories() -> list:
    return menu_categories()


@register.simple_tag(takes_context=True)
def category_nav(context: template.Context) -> str:
    """The category menu (catalogue/partials/category_nav.html), remembered per
    language, categories and current page (catalogue.menu.menu_html)."""
    current_pk = getattr(context.get("category"), "pk", None)
    request = context.get("request")
    categories = menu_categories()
    index_url = cached_reverse("catalogue:index")
    on_index = request is not None and request.path == index_url

    def render() -> str:
        return render_to_string(
            "catalogue/partials/category_nav.html",
            {"categories": categories, "current_pk": current_pk, "request": request},
        )

    return menu_html(categories, get_language(), current_pk, on_index, render)


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
    return _in_order(Product.objects.listed().in_bulk(pks), pks)


@register.simple_tag
def recommended_for(product, limit: int = 4) -> list:
    """The product's recommendations that are eligible, loaded like a product list (Oscar's
    `sorted_recommended_products` ignores the OTOP rule and loads each product alone).
    A product page's product knows whether it has any (`has_recommendations`)."""
    if not getattr(product, "has_recommendations", True):
        return []
    pks = list(
        product.primary_recommendations.order_by(
            "-ranking", "recommendation__title"
        ).values_list("recommendation_id", flat=True)[:limit]
    )
    if not pks:
        return []
    return _in_order(Product.objects.listed().in_bulk(pks), pks)


@register.filter
def shown_title(product) -> str:
    """A product's title as a heading shows it: on English pages without an English
    title, the Thai title (marked as Thai) with its RTGS romanisation beside it."""
    if _thai() or product.has_english_title:
        return conditional_escape(product.get_title())
    rated = product.parent if product.is_child and not product.title else product
    return _thai_beside_latin(rated.title, rated.title_rtgs)


@register.filter
def shown_name(producer) -> str:
    """A producer's name likewise: the Thai name beside its RTGS romanisation."""
    if _thai() or producer.name_en:
        return conditional_escape(producer.name)
    return _thai_beside_latin(producer.name_th, producer.name_rtgs)


def _thai_beside_latin(thai: str, latin: str) -> str:
    if not latin:
        return format_html('<span lang="th">{}</span>', thai)
    return format_html(
        '<span lang="th">{}</span> <span class="romanized">({})</span>', thai, latin
    )
