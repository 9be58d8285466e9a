"""What a visitor's browser gets for a page, and the storefront pages to ask for."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from catalogue.models import Category


def storefront_urls(site, language: str = "th") -> dict[str, str]:
    """One URL of every kind of page the cache serves."""
    weavers = site["producers"]["weavers"]
    with translation.override(language):
        return {
            "home": f"/{language}/",
            "catalogue": f"/{language}/catalogue/",
            "category": Category.objects.get(slug="textiles").get_absolute_url(),
            "product": site["products"]["silk"].get_absolute_url(),
            "search": f"/{language}/search/?q=ผ้าไหม",
            "village": site["village"].localized.url,
            "kbo": site["kbo"].localized.url,
            "producer": f"/{language}/producers/{weavers.registration_number}/",
            "fair": site["fair"].localized.url,
            "place": f"/{language}/places/tambon/501306/",
        }


def get(client, url: str, **headers):
    """(response, SQL statements it took)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def text(response) -> str:
    return response.content.decode()
