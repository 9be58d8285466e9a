"""Search engines get what a visitor sees: on every page type, in both languages, a
meta description, og:title, og:image and og:url, and a BreadcrumbList that is the
page's own breadcrumb trail; the sitemap's x-default alternates answer 200; Thai fair
pages give dates in the Buddhist era."""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from oscar.test.factories import UserFactory

import pytest

from tests.pagecache.pages import storefront_urls

pytestmark = pytest.mark.django_db

PAGE_TYPES = ("product", "village", "kbo", "producer", "fair", "place")


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    return [json.loads(block) for block in blocks]


class Head(HTMLParser):
    """Meta tags and the breadcrumb trail's items (text, href) of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.crumbs: list[list] = []
        self._nav = self._li = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key and key not in self.meta:
                self.meta[key] = attrs.get("content", "")
        elif tag == "nav" and "breadcrumbs" in (attrs.get("class") or ""):
            self._nav = True
        elif tag == "li" and self._nav:
            self._li = True
            self.crumbs.append(["", None])
        elif tag == "a" and self._li and self.crumbs[-1][1] is None:
            self.crumbs[-1][1] = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "nav":
            self._nav = False
        elif tag == "li":
            self._li = False

    @classmethod
    def of(cls, response) -> "Head":
        head = cls()
        head.feed(response.content.decode())
        return head

    def handle_data(self, data):
        if self._li:
            self.crumbs[-1][0] += data


def read(client, url: str) -> tuple[Head, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    head = Head()
    head.feed(html)
    return head, html


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_has_description_and_opengraph(client, site, kind, language):
    url = storefront_urls(site, language)[kind]
    head, _html = read(client, url)

    assert head.meta.get("description", "").strip(), (kind, language)
    assert head.meta.get("og:title", "").strip(), (kind, language)
    assert head.meta.get("og:image", "").startswith("http://testserver/"), (
        kind,
        language,
    )
    assert unquote(head.meta.get("og:url", "")) == unquote(
        f"http://testserver{urlsplit(url).path}"
    )
    assert image_exists(urlsplit(head.meta["og:image"]).path), head.meta["og:image"]


def image_exists(path: str) -> bool:
    """The file behind an image URL (the test server serves neither static nor media)."""
    path = unquote(path)
    if path.startswith(settings.STATIC_URL):
        return finders.find(path.removeprefix(settings.STATIC_URL)) is not None
    return default_storage.exists(path.removeprefix(settings.MEDIA_URL))


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_the_breadcrumb_list_is_the_pages_own_trail(client, site, kind, language):
    url = storefront_urls(site, language)[kind]
    head, html = read(client, url)
    trails = [d for d in json_ld(html) if d.get("@type") == "BreadcrumbList"]

    assert len(trails) == 1, (kind, language)
    items = trails[0]["itemListElement"]
    shown = [(" ".join(name.split()), href) for name, href in head.crumbs]
    assert [i["position"] for i in items] == list(range(1, len(shown) + 1))
    assert [i["name"] for i in items] == [name for name, _href in shown]
    for item, (_name, href) in zip(items, shown, strict=True):
        expected = href or urlsplit(url).path
        assert unquote(item["item"]) == unquote(f"http://testserver{expected}")
    assert items[0]["item"] == f"http://testserver/{language}/"


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize(
    "kind", ["catalogue", "category", "search", "basket", "login", "register"]
)
def test_listing_basket_and_login_trails_have_their_breadcrumb_list(
    client, site, kind, language
):
    urls = storefront_urls(site, language)
    with translation.override(language):
        urls |= {
            "basket": reverse("basket:summary"),
            "login": reverse("customer:login"),
            "register": reverse("customer:register"),
        }
    head, html = read(client, urls[kind])
    [trail] = [d for d in json_ld(html) if d.get("@type") == "BreadcrumbList"]

    names = [i["name"] for i in trail["itemListElement"]]
    assert names == [" ".join(name.split()) for name, _href in head.crumbs]
    assert len(names) >= 2, names
    assert names[0] == ("หน้าแรก" if language == "th" else "Home")
    assert trail["itemListElement"][0]["item"] == f"http://testserver/{language}/"
    here = trail["itemListElement"][-1]["item"]
    assert unquote(here) == unquote(f"http://testserver{urlsplit(urls[kind]).path}")


def test_sitemap_x_default_alternates_answer_200(client, site):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    defaults = []
    for section in index.findall("s:sitemap/s:loc", ns):
        tree = ET.fromstring(client.get(urlsplit(section.text).path).content)
        for url in tree.findall("s:url", ns):
            links = {
                link.get("hreflang"): link.get("href")
                for link in url.findall("x:link", ns)
            }
            if links:
                assert set(links) == {"th", "en", "x-default"}, links
                assert links["x-default"] == links["th"]
                defaults.append(links["x-default"])
    assert len(defaults) > 10
    for href in defaults[::5]:
        response = client.get(urlsplit(href).path)
        assert response.status_code == 200, href


def visible_text(html: str) -> str:
    """What a reader sees: no head, no data blocks, no tags or attributes."""
    body = html[html.index("<body") :]
    body = re.sub(r"<script.*?</script>", "", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def test_thai_fair_pages_give_buddhist_era_dates(client, site):
    fair = site["fair"]
    year, buddhist = str(fair.start_date.year), str(fair.start_date.year + 543)
    for url in (fair.url, fair.get_parent().url):
        response = client.get(url)
        text = visible_text(response.content.decode())
        assert buddhist in text and year not in text, url
        description = Head()
        description.feed(response.content.decode())
        assert year not in description.meta.get("description", ""), url
    with translation.override("en"):
        english = fair.localized
    text = visible_text(client.get(english.url).content.decode())
    assert year in text and buddhist not in text


def test_producer_offers_carry_price_currency_and_availability(client, site):
    weavers, silk = site["producers"]["weavers"], site["products"]["silk"]
    html = client.get(f"/th/producers/{weavers.registration_number}/").content.decode()
    [organization] = [d for d in json_ld(html) if d.get("@type") == "Organization"]
    [offer] = organization["makesOffer"]
    assert offer["itemOffered"]["url"].endswith(f"_{silk.pk}/")
    assert offer["price"] == f"{silk.stockrecords.get().price:.2f}"
    assert offer["priceCurrency"] == "THB"
    assert offer["availability"] == "https://schema.org/InStock"


def test_kbo_member_enterprises_are_organizations(client, site):
    from villages.models import KboMember

    weavers = site["producers"]["weavers"]
    KboMember.objects.create(
        page=site["kbo"], name=weavers.name, role="วิสาหกิจสมาชิก", producer=weavers
    )
    html = client.get(site["kbo"].url).content.decode()
    [network] = [
        d for d in json_ld(html) if d.get("@type") == "Organization" and "member" in d
    ]
    types = {m["name"]: m for m in network["member"]}
    # The chair is a person working for a member enterprise.
    assert types["มาลี"]["@type"] == "Person"
    assert types["มาลี"]["worksFor"]["name"] == weavers.name
    enterprise = types[weavers.name]
    assert enterprise["@type"] == "Organization"
    assert enterprise["url"].endswith(f"/th/producers/{weavers.registration_number}/")


@pytest.mark.parametrize("language", ["th", "en"])
def test_account_basket_and_checkout_pages_are_not_indexed(client, site, language):
    with translation.override(language):
        private = [
            reverse("basket:summary"),
            reverse("customer:login"),
            reverse("customer:register"),
            reverse("password-reset"),
        ]
    for url in private:
        response = client.get(url)
        assert response.status_code == 200, url
        assert Head.of(response).meta.get("robots") == "noindex, nofollow", url

    user = UserFactory()
    client.force_login(user)
    with translation.override(language):
        account = reverse("customer:summary")
    response = client.get(account, follow=True)
    assert Head.of(response).meta.get("robots") == "noindex, nofollow", account

    client.logout()
    for kind in PAGE_TYPES:
        head, _html = read(client, storefront_urls(site, language)[kind])
        assert "robots" not in head.meta, kind
