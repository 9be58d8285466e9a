"""Template tags for places and provenance: links back from a product or producer to
its village, KBO network and places, the site's sections, and JSON-LD builders."""

from __future__ import annotations

from django import template
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe

from wagtail.models import Page
from wagtail.templatetags.wagtailcore_tags import pageurl

from catalogue.romanization import romanize

from .. import seo
from ..blocks import TOPIC_CHOICES
from ..provenance import current_language, provenance_of, story_pages_for
from .otop_site import json_ld

register = template.Library()


def _blocks(*data) -> str:
    # Each piece comes from json_ld(), which builds it with format_html.
    return mark_safe("".join(json_ld(d) for d in data))


@register.filter
def topic_label(area: str) -> str:
    return str(dict(TOPIC_CHOICES).get(area, area))


@register.simple_tag
def provenance_for(product):
    """The producer → village → tambon → … → KBO chain of a product (two queries)."""
    return provenance_of(product.producer)


@register.simple_tag
def producer_provenance(producer):
    """The village → tambon → … → KBO chain of a producer (two queries)."""
    return provenance_of(producer)


@register.simple_tag
def producer_stories(producer) -> list:
    """The producer's live story pages in the visitor's language (one query)."""
    return list(story_pages_for(producer))


@register.simple_tag(takes_context=True)
def site_sections(context: template.Context) -> list:
    """The home page's menu children in the visitor's language (one query a request)."""
    request = context.get("request")
    cached = getattr(request, "_otop_sections", None)
    if cached is not None:
        return cached
    language = current_language()
    sections = list(
        Page.objects.live()
        .public()
        .in_menu()
        .filter(depth=3, locale__language_code=language)
        .order_by("path")
    )
    if request is not None:
        request._otop_sections = sections
    return sections


@register.simple_tag(takes_context=True)
def village_json_ld(context, page, place, products, experiences=()) -> str:
    request = context["request"]
    return _blocks(
        seo.village_data(request, page, place),
        seo.products_item_list(request, products),
        *seo.experience_events(request, page, place, experiences),
    )


@register.simple_tag(takes_context=True)
def producer_json_ld(context, producer, products) -> str:
    return json_ld(seo.producer_data(context["request"], producer, products))


@register.simple_tag(takes_context=True)
def product_json_ld(context, product, purchase_info, image_url="") -> str:
    request = context["request"]
    return json_ld(
        seo.product_data(
            request,
            product,
            purchase_info,
            request.build_absolute_uri(image_url) if image_url else None,
        )
    )


@register.simple_tag(takes_context=True)
def kbo_json_ld(context, page, members, products) -> str:
    request = context["request"]
    return _blocks(
        seo.kbo_data(request, page, members),
        seo.products_item_list(request, products),
    )


@register.simple_tag(takes_context=True)
def fair_json_ld(context, page, participants) -> str:
    return json_ld(seo.fair_data(context["request"], page, participants))


@register.simple_tag(takes_context=True)
def story_json_ld(context, page, producer) -> str:
    return json_ld(seo.story_data(context["request"], page, producer))


@register.simple_tag(takes_context=True)
def page_here(context: template.Context, page) -> dict:
    """A listed page's link and title for this visitor (a village card, a KBO
    network, a product's village). A Thai page nobody has translated into the
    visitor's language yet (`InLanguageQuerySet.in_language` lists it) is linked at
    its own path under the language's prefix, where `villages.page_urls` serves it,
    and titled in Latin letters as that page is."""
    url = pageurl(context, page)
    language = current_language()
    if page.locale.language_code == language:
        return {"url": url, "title": page.title, "untranslated": False}
    with translation.override(page.locale.language_code):
        # translate_url() resolves the path in the active language's prefix.
        url = translate_url(url, language)
    return {
        "url": url,
        "title": romanize(page.title),
        "untranslated": True,
    }
