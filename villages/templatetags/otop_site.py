"""Site-wide template tags: the language switcher, alternate-language and canonical
links, OpenGraph tags, JSON-LD blocks and breadcrumbs (with their BreadcrumbList)."""

from __future__ import annotations

import json
import re
from functools import cache
from html.parser import HTMLParser
from urllib.parse import urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import override

from wagtail.models import Page

from catalogue.statements import Prepared
from catalogue.urls_cache import remembered_reverse

from ..image_filters import filter_for
from ..models.languages import visitor_language

register = template.Library()

OG_LOCALES = {"th": "th_TH", "en": "en_US"}
DEFAULT_OG_IMAGE = "img/og-default.jpg"
# The characters that could end a <script> data block early, as JSON escapes.
_JSON_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


@cache
def _translations() -> Prepared:
    """A page's live translations (itself among them), compiled once: every Wagtail
    page asks for its own (~0.4 ms of Django building and compiling it)."""
    return Prepared(Page.objects.live().select_related("locale"), "translation_key")


def _page_translations(context: template.Context) -> dict[str, str] | None:
    """For a Wagtail page, its live translations' URLs by language (one query, kept on
    the request); None for other views, whose URLs translate by their prefix."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return None
    cache = getattr(request, "_otop_page_translations", None)
    if cache is None or cache[0] != page.pk:
        urls = {}
        translations = _translations().fetch(translation_key=page.translation_key)
        for translation in translations:
            url = translation.get_url(request)
            if url:
                urls[translation.locale.language_code] = url
        cache = (page.pk, urls)
        request._otop_page_translations = cache
    return cache[1]


def _url_in(context: template.Context, language: str) -> str | None:
    """This page in another language, or None when it has no such translation."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    translations = _page_translations(context)
    if translations is not None:
        return translations.get(language)
    # The switcher and the hreflang links both ask, for every language: Django's
    # translate_url() resolves the path and reverses it again (~0.1 ms each).
    path = request.get_full_path()
    known = getattr(request, "_otop_translated_urls", None)
    if known is None or known[0] != path:
        known = (path, {})
        request._otop_translated_urls = known
    if language not in known[1]:
        known[1][language] = _translated(request, path, language)
    return known[1][language]


def _translated(request, path: str, language: str) -> str:
    """Django's translate_url(path, language) for the request's own path. Django's
    resolves the path again, which the handler did already (request.resolver_match),
    then reverses the match in the other language; here the handler's match is
    reversed, remembered (catalogue.urls_cache): the same URL."""
    match = getattr(request, "resolver_match", None)
    if (
        match is None
        or match.url_name is None
        or request.path != request.path_info  # a script prefix: Django's own way
        or path != request.get_full_path()
    ):
        return translate_url(path, language)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    parsed = urlsplit(path)
    with override(language):
        try:
            url = remembered_reverse(name, match.args, match.kwargs)
        except NoReverseMatch:
            return path
    return urlunsplit(
        (parsed.scheme, parsed.netloc, url, parsed.query, parsed.fragment)
    )


@register.simple_tag(takes_context=True)
def untranslated_page(context: template.Context) -> bool:
    """A Wagtail page shown in a language it has not been translated into (its Thai
    page under /en/): villages.page_urls marks the request, so no query is needed."""
    request = context.get("request")
    return bool(getattr(request, "otop_untranslated", False))


@register.filter
def romanized(text: str) -> str:
    """Thai text in Latin letters (RTGS), for a title shown on an English page."""
    from catalogue.romanization import romanize

    return romanize(text)


@register.simple_tag(takes_context=True)
def translated_url(context: template.Context, language: str) -> str:
    """The current page in another language. A Wagtail page not translated into it
    yet is shown at its own path under that language's prefix (villages.page_urls);
    anything else untranslated falls back to that language's home page."""
    if url := _url_in(context, language):
        return url
    request = context.get("request")
    if request is not None and _page_translations(context) is not None:
        # The decoded path: a percent-encoded Thai slug would not resolve.
        if (fallback := translate_url(request.path, language)) != request.path:
            return fallback
    return f"/{language}/"


@register.inclusion_tag("partials/language_switcher.html", takes_context=True)
def language_switcher(context: template.Context) -> dict:
    """A no-JavaScript switcher: a link to this page in each other language. Not a form
    to `set_language`: its CSRF token would make every page uncacheable, and the
    language is in the URL anyway."""
    current = visitor_language()
    request = context.get("request")
    languages = [
        {
            "code": code,
            "name": name,
            "is_current": code == current,
            "url": translated_url(context, code),
        }
        for code, name in settings.LANGUAGES
    ]
    return {"languages": languages, "request": request}


@register.inclusion_tag("partials/seo_links.html", takes_context=True)
def seo_links(context: template.Context) -> dict:
    """Canonical link and hreflang alternates (only to translations that exist)."""
    request = context.get("request")
    if request is None:
        return {}
    canonical = request.path
    if (page_number := request.GET.get("page")) and page_number != "1":
        canonical += f"?page={page_number}"
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = _url_in(context, code)
        if url:
            alternates.append((code, request.build_absolute_uri(url)))
    default = dict(alternates).get(settings.LANGUAGE_CODE)
    return {
        "canonical": request.build_absolute_uri(canonical),
        "alternates": alternates,
        "x_default": default,
    }


@register.inclusion_tag("partials/opengraph.html", takes_context=True)
def opengraph(
    context: template.Context,
    title: str = "",
    description: str = "",
    image_url: str = "",
    kind: str = "website",
) -> dict:
    """OpenGraph tags; title, description and image default to the Wagtail page's."""
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page):
        title = title or page.seo_title or page.title
        description = (
            description or getattr(page, "summary", "") or page.search_description
        )
        hero = getattr(page, "hero_image", None)
        if not image_url and hero is not None:
            image_url = hero.get_rendition(filter_for("fill-1200x630|format-jpeg")).url
    if not image_url:
        # Every shared page gets a picture: the site's own when the page has none.
        image_url = static(DEFAULT_OG_IMAGE)
    current = visitor_language()
    return {
        "title": title,
        "description": description,
        "image": request.build_absolute_uri(image_url) if image_url and request else "",
        "url": request.build_absolute_uri(request.path) if request else "",
        "kind": kind,
        "locale": OG_LOCALES.get(current, current),
        "alternate_locales": [
            OG_LOCALES.get(code, code)
            for code, _ in settings.LANGUAGES
            if code != current
        ],
        "site_name": context.get("shop_name", ""),
    }


@register.simple_tag
def json_ld(data: dict | list | None) -> str:
    """A `<script type="application/ld+json">` data block (not executable: allowed by a
    strict CSP); `<`, `>` and `&` are escaped so the data cannot close the element."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    # str.replace, not str.translate: translate looks up every character of the
    # (mostly Thai) text in a dict, replace scans it in C.
    for character, escape in _JSON_ESCAPES:
        text = text.replace(character, escape)
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(text)
    )


@register.simple_tag
def page_range(page_obj) -> list:
    """Page numbers around the current one, with `…` gaps (Paginator.ELLIPSIS)."""
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        )
    )


class _Crumbs(HTMLParser):
    """The items of a rendered breadcrumb trail: each `<li>`'s text and link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[list] = []  # [name, href or None]
        self._depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "li":
            self._depth += 1
            if self._depth == 1:
                self.items.append(["", None])
        elif tag == "a" and self._depth and self.items[-1][1] is None:
            self.items[-1][1] = dict(attrs).get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.items[-1][0] += data


def breadcrumb_list(html: str, request) -> dict | None:
    """schema.org BreadcrumbList of a rendered trail (`<li>` items, the last one the
    current page); None for an empty trail."""
    parser = _Crumbs()
    parser.feed(html)
    parser.close()
    items = [(" ".join(name.split()), href) for name, href in parser.items]
    items = [(name, href) for name, href in items if name]
    if not items:
        return None
    here = request.path if request is not None else ""

    def absolute(url: str) -> str:
        return request.build_absolute_uri(url) if request is not None else url

    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute(href or here),
            }
            for position, (name, href) in enumerate(items, start=1)
        ],
    }


# A breadcrumb trail: ours (nav.breadcrumbs) or Oscar's (ol.breadcrumb).
_TRAIL = re.compile(r'class="breadcrumbs?"')


class BreadcrumbsNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        html = self.nodelist.render(context)
        # base.html wraps every page's breadcrumbs block, so Oscar's own trails
        # (account pages, password reset) get their list too; a trail that already
        # has one, and a block that holds no trail (checkout's steps), are left as
        # they are.
        if "BreadcrumbList" in html or not _TRAIL.search(html):
            return html
        data = breadcrumb_list(html, context.get("request"))
        return mark_safe(html + json_ld(data)) if data else html


@register.tag("breadcrumbs")
def breadcrumbs(parser, token) -> BreadcrumbsNode:
    """`{% breadcrumbs %}<nav class="breadcrumbs"><ol><li>…</li></ol></nav>{% endbreadcrumbs %}`:
    the trail as written, followed by the same trail as BreadcrumbList JSON-LD (a data
    block, allowed by a strict CSP), so the two can never disagree."""
    nodelist = parser.parse(("endbreadcrumbs",))
    parser.delete_first_token()
    return BreadcrumbsNode(nodelist)
