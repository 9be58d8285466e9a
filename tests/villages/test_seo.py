"""Sitemap, JSON-LD, OpenGraph, canonical and hreflang: what they list, and that they
never list what the OTOP rule hides."""

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote

from django.utils import translation

from wagtail.models import Locale

import pytest

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    # The breadcrumb trail's BreadcrumbList is tested in test_search_engine_data.
    found = [json.loads(block) for block in blocks]
    return [data for data in found if data.get("@type") != "BreadcrumbList"]


def sitemap_urls(client) -> dict[str, list[str]]:
    """Every <loc> of every section, with its hreflang alternates."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    found = {}
    for section in index.findall("s:sitemap/s:loc", NS):
        path = section.text.split("testserver", 1)[1]
        tree = ET.fromstring(client.get(path).content)
        for url in tree.findall("s:url", NS):
            loc = unquote(url.find("s:loc", NS).text.split("testserver", 1)[1])
            found[loc] = [
                unquote(link.get("href").split("testserver", 1)[1])
                for link in url.findall("x:link", NS)
            ]
    return found


def test_sitemap_lists_pages_in_both_languages_and_only_eligible_products(client, site):
    urls = sitemap_urls(client)
    products = site["products"]
    village = site["village"]
    english_village = village.get_translation(Locale.objects.get(language_code="en"))

    assert unquote(village.url) in urls and english_village.url in urls
    assert set(urls[english_village.url]) == {unquote(village.url), english_village.url}
    for key in ("silk", "umbrella", "batik"):
        for language in ("th", "en"):
            with translation.override(language):
                assert unquote(products[key].get_absolute_url()) in urls, key
    hidden = [products[k].pk for k in ("unrated", "pot", "lapsed")]
    assert not [u for u in urls if any(u.endswith(f"_{pk}/") for pk in hidden)]
    weavers, lapsed = site["producers"]["weavers"], site["producers"]["lapsed"]
    assert f"/en/producers/{weavers.registration_number}/" in urls
    assert not [u for u in urls if lapsed.registration_number in u]
    assert "/th/places/province/50/" in urls and "/en/places/region/north/" in urls


def test_product_json_ld_has_the_offer_and_the_producer(client, site):
    silk = site["products"]["silk"]
    with translation.override("en"):
        url = silk.get_absolute_url()
    [product] = json_ld(client.get(url).content.decode())
    weavers = site["producers"]["weavers"]
    assert product["@type"] == "Product"
    assert product["name"] == "ผ้าไหมยกดอก (en)"
    assert product["offers"]["price"] == "1290.00"
    assert product["offers"]["priceCurrency"] == "THB"
    assert product["offers"]["availability"] == "https://schema.org/InStock"
    assert product["manufacturer"]["url"].endswith(
        f"/en/producers/{weavers.registration_number}/"
    )


def test_village_json_ld_is_a_tourist_attraction_listing_only_eligible_products(
    client, site
):
    html = client.get(site["village"].url).content.decode()
    place, products = json_ld(html)
    assert place["@type"] == ["TouristAttraction", "Place"]
    assert place["name"] == "บ้านออนใต้"
    assert place["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 18.75,
        "longitude": 99.15,
    }
    assert place["address"]["addressRegion"] == "เชียงใหม่"
    assert place["address"]["postalCode"] == "50130"
    listed = [item["url"] for item in products["itemListElement"]]
    assert len(listed) == 1 and listed[0].endswith(f"_{site['products']['silk'].pk}/")


def test_producer_json_ld_is_an_organization_offering_only_eligible_products(
    client, site
):
    weavers = site["producers"]["weavers"]
    html = client.get(f"/th/producers/{weavers.registration_number}/").content.decode()
    [organization] = json_ld(html)
    assert organization["@type"] == "Organization"
    assert organization["identifier"] == weavers.registration_number
    offered = [offer["itemOffered"]["url"] for offer in organization["makesOffer"]]
    assert len(offered) == 1 and offered[0].endswith(f"_{site['products']['silk'].pk}/")
    # Its price and availability, as the product's own page offers it.
    silk = site["products"]["silk"]
    [offer] = organization["makesOffer"]
    record = silk.stockrecords.get()
    assert offer["price"] == f"{record.price:.2f}" and offer["priceCurrency"] == "THB"
    assert offer["availability"] == "https://schema.org/InStock"
    record.num_allocated = record.num_in_stock
    record.save()
    [organization] = json_ld(
        client.get(f"/th/producers/{weavers.registration_number}/").content.decode()
    )
    assert organization["makesOffer"][0]["availability"] == (
        "https://schema.org/OutOfStock"
    )


def test_fair_and_kbo_json_ld(client, site):
    [event] = json_ld(client.get(site["fair"].url).content.decode())
    assert event["@type"] == "Event" and event["startDate"] == "2027-06-20"
    assert [p["name"] for p in event["performer"]] == [
        "กลุ่มทอผ้าบ้านออนใต้"
    ]  # not the lapsed one
    network, _products = json_ld(client.get(site["kbo"].url).content.decode())
    assert network["@type"] == "Organization" and network["member"][0]["name"] == "มาลี"


def test_head_has_canonical_hreflang_and_opengraph(client, site):
    html = client.get("/en/villages/ban-on-tai/").content.decode()
    assert (
        '<link rel="canonical" href="http://testserver/en/villages/ban-on-tai/">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/villages/ban-on-tai/">'
        in html
    )
    thai = re.search(
        r'<link rel="alternate" hreflang="th" href="([^"]+)">', html
    ).group(1)
    assert unquote(thai) == "http://testserver/th/villages/บ้านออนใต้/"
    assert re.search(r'hreflang="x-default" href="[^"]+/th/villages/', html)
    assert '<meta property="og:title" content="Ban On Tai">' in html
    assert '<meta property="og:locale" content="en_US">' in html
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith("http://testserver/media/images/") and image.endswith(
        ".jpg"
    )


def test_storefront_pages_have_no_inline_scripts_or_styles(client, site):
    with translation.override("th"):
        pages = [
            "/th/",
            site["village"].url,
            site["kbo"].url,
            site["story"].url,
            site["fair"].url,
            site["products"]["silk"].get_absolute_url(),
            f"/th/producers/{site['producers']['weavers'].registration_number}/",
            "/th/places/province/50/",
        ]
    for url in pages:
        html = client.get(url).content.decode()
        scripts = re.findall(r"<script\b([^>]*)>", html)
        assert all(
            'type="application/ld+json"' in attrs or "src=" in attrs
            for attrs in scripts
        ), url
        assert " style=" not in html, url


def test_responsive_images_offer_avif_and_webp_with_a_jpeg_fallback(client, site):
    html = client.get(site["village"].url).content.decode()
    hero = html[
        html.index('<header class="story-hero') : html.index(
            "</header>", html.index('<header class="story-hero')
        )
    ]
    assert 'type="image/avif"' in hero and 'type="image/webp"' in hero
    assert re.search(
        r'<img [^>]*alt="บ้านไม้กลางทุ่งนา"[^>]*src="[^"]+\.jpg"', hero
    ) or re.search(r'<img [^>]*src="[^"]+\.jpg"[^>]*alt="บ้านไม้กลางทุ่งนา"', hero)
