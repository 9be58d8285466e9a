"""A change shows on the very next request, though the page before it was cached."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone, translation

import pytest

from catalogue.register import OpcRating, Producer

from .pages import get, text

pytestmark = pytest.mark.django_db


def cached(client, url: str) -> str:
    """The page, once it is in the cache (a second view runs no SQL)."""
    first = client.get(url)
    assert first.status_code == 200, url
    again, queries = get(client, url)
    assert queries == 0 and again.content == first.content, url
    return text(again)


def product_url(product, language: str = "th") -> str:
    with translation.override(language):
        return product.get_absolute_url()


def test_a_price_change(client, site):
    silk = site["products"]["silk"]
    assert "฿1,290.00" in cached(client, product_url(silk))
    assert "฿1,290.00" in cached(client, "/th/catalogue/")

    record = silk.stockrecords.get()
    record.price = Decimal("990.00")
    record.save()

    for url in (product_url(silk), "/th/catalogue/"):
        page = text(client.get(url))
        assert "฿990.00" in page and "฿1,290.00" not in page, url


def test_stock_going_to_zero_and_back(client, site):
    silk = site["products"]["silk"]
    buy = f"/th/basket/add-from-page/{silk.pk}/"
    assert buy in cached(client, product_url(silk))
    assert buy in cached(client, "/th/catalogue/")

    record = silk.stockrecords.get()
    record.num_in_stock = 0
    record.save()
    for url in (product_url(silk), "/th/catalogue/"):
        assert buy not in text(client.get(url)), url

    cached(client, "/th/catalogue/")
    record.num_in_stock = 5
    record.save()
    for url in (product_url(silk), "/th/catalogue/"):
        assert buy in text(client.get(url)), url


def test_a_sale_shows_on_its_product_s_page_and_leaves_other_pages_cached(client, site):
    """A sale moves stock: only the product's own page shows the count, so the
    catalogue and other products' pages stay in the cache (catalogue.stock_movements)."""
    silk, umbrella = site["products"]["silk"], site["products"]["umbrella"]
    record = silk.stockrecords.get()
    left = record.net_stock_level
    for language in ("th", "en"):
        cached(client, product_url(silk, language))
    others = [cached(client, url) for url in ("/th/catalogue/", product_url(umbrella))]

    record.allocate(2)  # what placing an order does (Oscar's OrderCreator)

    assert f"In stock ({left - 2} available)" in text(
        client.get(product_url(silk, "en"))
    )
    assert f"In stock ({left} available)" not in text(
        client.get(product_url(silk, "en"))
    )
    assert f"(เหลือ {left - 2} ชิ้น)" in text(client.get(product_url(silk)))
    for url, before in zip(
        ("/th/catalogue/", product_url(umbrella)), others, strict=True
    ):
        again, queries = get(client, url)
        assert queries == 0 and text(again) == before, url


def test_a_sale_of_the_last_units_shows_everywhere(client, site):
    silk = site["products"]["silk"]
    buy = f"/th/basket/add-from-page/{silk.pk}/"
    assert buy in cached(client, "/th/catalogue/")

    record = silk.stockrecords.get()
    record.allocate(record.net_stock_level)

    assert buy not in text(client.get("/th/catalogue/"))
    assert buy not in text(client.get(product_url(silk)))


def test_a_rating_added(client, site):
    unrated = site["products"]["unrated"]
    assert unrated.title not in cached(client, "/th/catalogue/")
    assert client.get(product_url(unrated)).status_code == 404

    OpcRating.objects.create(product=unrated, stars=4, year=2568)

    assert unrated.title in text(client.get("/th/catalogue/"))
    assert client.get(product_url(unrated)).status_code == 200


def test_a_producer_suspended(client, site):
    weavers, silk = site["producers"]["weavers"], site["products"]["silk"]
    profile = f"/th/producers/{weavers.registration_number}/"
    assert silk.title in cached(client, "/th/catalogue/")
    assert silk.title in cached(client, profile)
    assert silk.title in cached(client, site["village"].url)

    weavers.status = Producer.Status.SUSPENDED
    weavers.save()

    assert silk.title not in text(client.get("/th/catalogue/"))
    assert client.get(product_url(silk)).status_code == 404
    assert silk.title not in text(client.get(site["village"].url))


def test_a_registration_that_expires_by_date_with_no_save(client, site, monkeypatch):
    umbrella = site["products"]["umbrella"]
    today = timezone.localdate()
    # The register says the registration ends today; nothing is saved afterwards
    # (update() sends no signal), so no save can tell the cache.
    Producer.objects.filter(pk=site["producers"]["elsewhere"].pk).update(
        expires_on=today
    )
    assert umbrella.title in cached(client, "/th/catalogue/")
    assert umbrella.title in cached(client, product_url(umbrella))
    shared = client.get("/th/catalogue/")["Cache-Control"]
    midnight = datetime.datetime.combine(
        today + datetime.timedelta(days=1),
        datetime.time(),
        tzinfo=timezone.localtime().tzinfo,
    )
    assert (
        int(shared.split("s-maxage=")[1].split(",")[0])
        <= (midnight - timezone.localtime()).total_seconds()
    )

    # Midnight in Bangkok passes.
    real_now = timezone.now
    monkeypatch.setattr(
        timezone, "now", lambda: real_now() + datetime.timedelta(days=1)
    )

    assert umbrella.title not in text(client.get("/th/catalogue/"))
    assert client.get(product_url(umbrella)).status_code == 404


def test_a_product_unpublished(client, site):
    silk = site["products"]["silk"]
    assert silk.title in cached(client, "/th/catalogue/")
    cached(client, product_url(silk))

    silk.is_public = False
    silk.save()

    assert silk.title not in text(client.get("/th/catalogue/"))
    assert client.get(product_url(silk)).status_code == 404


def test_a_wagtail_page_published_and_unpublished(client, site):
    village = site["village"]
    assert "หมู่บ้านทอผ้า" in cached(client, village.url)

    village.intro = "หมู่บ้านทอผ้าไหมและฝ้าย"
    village.save_revision().publish()
    assert "หมู่บ้านทอผ้าไหมและฝ้าย" in text(client.get(village.url))

    cached(client, village.url)
    village.unpublish()
    assert client.get(village.url).status_code == 404


def test_a_translation_edited(client, site):
    with translation.override("en"):
        english_village = site["village"].localized
    assert "A weaving village" in cached(client, english_village.url)
    english_village.intro = "A village of silk weavers"
    english_village.save_revision().publish()
    assert "A village of silk weavers" in text(client.get(english_village.url))

    silk = site["products"]["silk"]
    assert "ผ้าไหมยกดอก (en)" in cached(client, "/en/catalogue/")
    silk.title_en = "Brocade silk"
    silk.save()
    page = text(client.get("/en/catalogue/"))
    assert "Brocade silk" in page and "ผ้าไหมยกดอก (en)" not in page
