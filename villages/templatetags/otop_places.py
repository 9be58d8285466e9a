"""Template tags for places and provenance: links back from a product or producer to
its village, KBO network and places, the site's sections, and JSON-LD builders."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.models import Page
from wagtail.templatetags.wagtailcore_tags import pageurl

from catalogue import content_version
from catalogue.cards import request_version
from catalogue.romanization import romanize
from catalogue.version_memo import VersionMemo
from shop.experiences.listing import shown

from .. import seo
from ..blocks import TOPIC_CHOICES
from ..cards import PRODUCT_PROVENANCE, VILLAGE_CARDS
from ..provenance import current_language, provenance_of, story_pages_for
from .otop_site import json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def village_cards(context: template.Context, villages) -> list:
    """The cards of a list of village pages, in order (`villages.cards`): the pages
    are loaded only for the cards not rendered yet."""
    return VILLAGE_CARDS.cards_of(villages, context.get("request"))


def _blocks(*data) -> str:
    # Each piece comes from json_ld(), which builds it with format_html.
    return mark_safe("".join(json_ld(d) for d in data))


@register.filter
def topic_label(area: str) -> str:
    return str(dict(TOPIC_CHOICES).get(area, area))


@register.simple_tag(takes_context=True)
def product_provenance(context: template.Context, producer) -> str:
    """The producer → tambon → … → KBO network and village chain shown on its
    products' pages, as links (`villages.cards.PRODUCT_PROVENANCE`)."""
    return PRODUCT_PROVENANCE.card(producer, context.get("request"))


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
    ) + _experience_blocks(request, page, place, experiences)


# (language, origin, page, place, experiences and slots shown) -> their JSON-LD
_events = VersionMemo(2_000)


def _experience_blocks(request, page, place, listings) -> str:
    """The Events of a village's upcoming slots (seo.experience_events), made once
    per content version for the same slots shown: two dozen events, each with its
    offer, place and organizer, were ~1.5 ms of a village page. Their text is the
    content version's (experiences, slots, stock records, the page and its place);
    their URLs are absolute, so the origin is in the key with the language."""
    version = request_version(request)
    if version.startswith(content_version.UNCACHED) or _previewed(request, page):
        return _blocks(*seo.experience_events(request, page, place, listings))
    key = (
        get_language(),
        request.scheme,
        request.get_host(),
        page.pk,
        place.pk,
        shown(listings),
    )
    html = _events.get(version, key)
    if html is None:
        html = _blocks(*seo.experience_events(request, page, place, listings))
        _events.put(version, key, html)
    return html


def _previewed(request, page) -> bool:
    """A Wagtail preview shows the page as edited, not as the version has it."""
    return getattr(request, "is_preview", False) or page.pk is None


PRODUCER_LIST = "villages/partials/producer_list.html"
# (language, village or KBO network page) -> its producer list's HTML ("" for none)
_producer_lists = VersionMemo(2_000)


@register.simple_tag(takes_context=True)
def page_producers(context: template.Context, page) -> str:
    """The producer list (PRODUCER_LIST, "" when it has none) of a village page or a
    KBO network page (`page.producers()`), made once per content version: who the
    page's producers are and what the list says of them (names, kinds, places,
    eligible product counts) change only with the content (the page's tambon, moo,
    province and picks, the register, whose registrations lapse by the date the
    version carries, and products). Its query and nine producers' rows with their
    places were ~1.5 ms of a village page, ~2 ms of a KBO network page."""
    request = context.get("request")
    version = request_version(request)
    if version.startswith(content_version.UNCACHED) or _previewed(request, page):
        return _producer_list(page)
    key = (get_language(), page.pk)
    html = _producer_lists.get(version, key)
    if html is None:
        html = _producer_list(page)
        _producer_lists.put(version, key, html)
    return html


def _producer_list(page) -> str:
    producers = page.producers()
    if not producers:
        return ""
    return mark_safe(render_to_string(PRODUCER_LIST, {"producers": producers}))


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
