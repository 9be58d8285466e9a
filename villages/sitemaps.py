"""The XML sitemap: Wagtail pages in every language, eligible products, registered
producers and the region/province pages, each with its hreflang alternates.

URLs are built from the request's host (the sites framework's example.com and
Wagtail's site hostname are not the public address in every deployment)."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.contrib.sitemaps.views import sitemap as sitemap_section
from django.contrib.sites.requests import RequestSite
from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.models import Page

from catalogue.register import Producer
from places.models import Province, Region


class RequestSitemap(Sitemap):
    """Builds absolute URLs for the host the sitemap was requested on."""

    limit = 2000

    def __init__(self, request):
        self.request = request

    def get_urls(self, page=1, site=None, protocol=None):
        return super().get_urls(
            page=page, site=RequestSite(self.request), protocol=self.request.scheme
        )


def _default_language_alternate(alternates: list[dict]) -> list[dict]:
    """hreflang alternates with x-default pointing at the default language's page.

    Django writes x-default as the URL with the default language's prefix removed,
    which suits `prefix_default_language=False`; here every page has its prefix, and
    the unprefixed address only redirects (302)."""
    by_language = {a["lang_code"]: a["location"] for a in alternates}
    default = by_language.get(settings.LANGUAGE_CODE)
    kept = [a for a in alternates if a["lang_code"] != "x-default"]
    if default is None or len(kept) < 2:
        return kept
    return [*kept, {"lang_code": "x-default", "location": default}]


class TranslatedSitemap(RequestSitemap):
    """Django-routed pages in both languages (`i18n`), with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["alternates"] = _default_language_alternate(url["alternates"])
        return urls


class ProductSitemap(TranslatedSitemap):
    changefreq = "weekly"

    def items(self):
        from catalogue.models import Product

        return (
            Product.objects.browsable()
            .only("id", "slug", "date_updated")
            .order_by("id")
        )

    def lastmod(self, product):
        return product.date_updated


class ProducerSitemap(TranslatedSitemap):
    changefreq = "monthly"

    def items(self):
        return (
            Producer.objects.registered()
            .only("registration_number", "updated_at")
            .order_by("registration_number")
        )

    def location(self, producer):
        return reverse("producers:profile", args=[producer.registration_number])

    def lastmod(self, producer):
        return producer.updated_at


class PlaceSitemap(TranslatedSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            ("villages:places", None),
            *(
                ("villages:region", r.code)
                for r in Region.objects.order_by("sort_order")
            ),
            *(("villages:province", p.code) for p in Province.objects.order_by("code")),
        ]

    def location(self, item):
        name, code = item
        return reverse(name, args=[code] if code else [])


class PageSitemap(RequestSitemap):
    """Every live, public Wagtail page in every language, linked to its translations."""

    changefreq = "weekly"

    def items(self):
        return list(
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .defer_streamfields()
            .order_by("path")
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        by_key = defaultdict(dict)
        locales = {}
        urls = []
        for item in self.items():
            url = item.get_url(self.request)
            if url:
                by_key[item.translation_key][item.locale_id] = url
        from wagtail.models import Locale

        locales = dict(Locale.objects.values_list("pk", "language_code"))
        for item in pages:
            url = item.get_url(self.request)
            if not url:
                continue
            translations = by_key[item.translation_key]
            urls.append(
                {
                    "item": item,
                    "location": self.request.build_absolute_uri(url),
                    "lastmod": item.last_published_at,
                    "changefreq": self.changefreq,
                    "priority": "",
                    "alternates": _default_language_alternate(
                        [
                            {
                                "lang_code": locales[locale_id],
                                "location": self.request.build_absolute_uri(other),
                            }
                            for locale_id, other in sorted(translations.items())
                        ]
                    ),
                }
            )
        return urls


SECTIONS = {
    "pages": PageSitemap,
    "places": PlaceSitemap,
    "producers": ProducerSitemap,
    "products": ProductSitemap,
}


def _sections(request) -> dict:
    return {name: section(request) for name, section in SECTIONS.items()}


def index(request):
    """Django's index view writes the sites framework's domain; this one the request's."""
    items = []
    for name, section in _sections(request).items():
        url = request.build_absolute_uri(reverse("sitemap-section", args=[name]))
        items.append(SitemapIndexItem(url, None))
        items += [
            SitemapIndexItem(f"{url}?p={page}", None)
            for page in range(2, section.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": items},
        content_type="application/xml",
    )


def section(request, section: str):
    return sitemap_section(request, _sections(request), section=section)
