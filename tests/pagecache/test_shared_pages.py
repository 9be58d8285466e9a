"""Anonymous pages come from the shared cache: the same bytes for every anonymous
visitor, with the headers a proxy or CDN needs, and no cookie."""

from __future__ import annotations

import gzip

import pytest

from .pages import get, storefront_urls, text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_storefront_page_is_shared_and_revalidates(client, site, language):
    for name, url in storefront_urls(site, language).items():
        first, _ = get(client, url)
        assert first.status_code == 200, (name, url)
        assert not first.cookies, (name, first.cookies)
        control = first["Cache-Control"]
        assert "public" in control and "s-maxage=60" in control, (name, control)
        assert "Cookie" in first["Vary"], name
        assert first["ETag"] and first["Last-Modified"], name

        again, queries = get(client, url)
        assert queries == 0, (name, "a second visitor's page is rendered again")
        assert again.content == first.content, name

        not_modified, queries = get(client, url, if_none_match=first["ETag"])
        assert (not_modified.status_code, queries) == (304, 0), name
        assert not not_modified.content


def test_each_language_has_its_own_page(client, site):
    thai = text(client.get("/th/catalogue/"))
    english = text(client.get("/en/catalogue/"))
    assert "ผ้าไหมยกดอก" in thai and 'lang="th"' in thai
    assert "ผ้าไหมยกดอก (en)" in english and 'lang="en"' in english


def test_pages_are_compressed_for_browsers_that_accept_it(client, site):
    plain = client.get("/th/catalogue/")
    packed = client.get("/th/catalogue/", headers={"accept-encoding": "gzip, br"})
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    assert packed["ETag"] != plain["ETag"]  # two representations, two validators
    assert "Accept-Encoding" in packed["Vary"]


def test_a_signed_in_visitor_gets_their_own_page(client, site):
    from tests.factories import UserFactory

    client.get("/th/catalogue/")  # cached for anonymous visitors
    client.force_login(UserFactory())
    response, queries = get(client, "/th/catalogue/")
    assert queries > 0
    assert "private" in response["Cache-Control"]
    assert "Content-Encoding" not in response  # it carries secrets: never compressed
    assert "/th/accounts/" in text(response)  # "My account", not "Log in"


def test_a_visitor_with_a_basket_sees_its_count(client, site):
    client.get("/th/catalogue/")
    silk = site["products"]["silk"]
    response = client.post(
        f"/th/basket/add-from-page/{silk.pk}/",
        {"quantity": "2"},
        headers={"sec-fetch-site": "same-origin"},
    )
    assert response.status_code == 302
    page, queries = get(client, "/th/catalogue/")
    assert queries > 0 and "private" in page["Cache-Control"]
    assert '<span class="basket-link__count">2</span>' in text(page)
    # Once the flash message is shown, the next page is still the visitor's own.
    assert '<span class="basket-link__count">2</span>' in text(
        client.get("/th/catalogue/")
    )


def test_a_cache_that_is_down_does_not_break_pages(client, site, settings):
    from django.core.cache import caches

    from config.cache import tolerant

    # Redis as production configures it, at a port where nothing listens.
    settings.CACHES = {
        "default": tolerant(
            {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:9/0",
            }
        )
    }
    try:
        for name, url in storefront_urls(site).items():
            response = client.get(url)
            assert response.status_code == 200, (name, url)
    finally:
        caches["default"].close()
