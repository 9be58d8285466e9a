"""What a product card costs once a listing has been shown: no thumbnail lookup in
sorl's key-value store, a product's URL reversed once per process, prices and stars
formatted once; and what it shows is what Oscar's own calls give."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import pytest
from sorl.thumbnail import default as sorl_default

from catalogue import thumbnails
from catalogue.urls_cache import cached_reverse

from .conftest import rate

pytestmark = pytest.mark.django_db


def test_a_listing_asks_sorl_nothing_once_its_thumbnails_are_known(
    client, site, monkeypatch
):
    thumbnails.forget()
    first = client.get("/th/catalogue/")
    assert first.status_code == 200

    asked = []
    real_get = sorl_default.kvstore.get
    monkeypatch.setattr(
        sorl_default.kvstore,
        "get",
        lambda *a, **kw: asked.append(a) or real_get(*a, **kw),
    )
    again = client.get("/th/catalogue/")
    assert asked == []
    assert again.content == first.content


def test_a_remembered_url_is_the_one_reverse_gives(site):
    silk = site["products"]["silk"]
    for language in ("th", "en"):
        with translation.override(language):
            expected = reverse(
                "catalogue:detail", kwargs={"product_slug": silk.slug, "pk": silk.pk}
            )
            assert silk.get_absolute_url() == expected
            assert (
                cached_reverse("catalogue:detail", product_slug=silk.slug, pk=silk.pk)
                == expected
            )
            assert expected.startswith(f"/{language}/")


def test_cards_show_each_products_own_price_and_stars(client, site):
    weavers = site["producers"]["weavers"]
    cheap = rate(weavers, "ผ้าเช็ดหน้า", "3", price="120")
    dear = rate(weavers, "ผ้าคลุมไหล่", "5", price="2450")
    page = client.get("/th/catalogue/").content.decode()
    for product, price, stars in ((cheap, "฿120.00", 3), (dear, "฿2,450.00", 5)):
        card = page.split(f'href="{product.get_absolute_url()}"', 1)[1][:3000]
        assert price in card
        assert (
            "★" * stars + '<span class="opc-stars__empty">' + "☆" * (5 - stars) in card
        )


def test_a_card_is_rendered_once_until_something_changes(client, site, monkeypatch):
    """Cards are kept per content version (catalogue.cards): a signed-in buyer, whose
    pages are never cached whole, sees a price change and a sell-out on the next
    request, and a page renders only the cards it has not shown since."""
    from catalogue import cards
    from tests.factories import UserFactory

    client.force_login(UserFactory())  # no page cache for this visitor
    silk = site["products"]["silk"]
    rendered = []
    real_render = cards.PRODUCT_CARDS.render
    monkeypatch.setattr(
        cards.PRODUCT_CARDS,
        "render",
        lambda p, r: rendered.append(p.pk) or real_render(p, r),
    )

    def silk_card() -> str:
        page = client.get("/th/catalogue/").content.decode()
        return page.split(f'href="{silk.get_absolute_url()}"', 1)[1][:3000]

    assert "฿1,290.00" in silk_card()
    assert silk.pk in rendered
    rendered.clear()
    with CaptureQueriesContext(connection) as captured:
        assert "฿1,290.00" in silk_card()
    assert rendered == []
    # Known cards: the listing asks for its ids only, not for prices and photos.
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert 'FROM "partner_stockrecord"' not in sql
    assert 'FROM "catalogue_productimage"' not in sql

    record = silk.stockrecords.get()
    record.price = "990.00"
    record.save()
    card = silk_card()
    assert "฿990.00" in card and "฿1,290.00" not in card
    assert "add-to-basket" in card

    record.num_in_stock = 0
    record.save()
    card = silk_card()
    assert "add-to-basket" not in card
    assert "availability--outofstock" in card


def card_of(page: str, marker: str) -> str:
    (found,) = [
        a for a in re.findall(r"<article.*?</article>", page, re.S) if marker in a
    ]
    return found


def test_a_card_is_the_same_for_every_visitor(client, site):
    from tests.factories import UserFactory

    buyer = type(client)()
    buyer.force_login(UserFactory())
    silk = site["products"]["silk"]
    for language in ("th", "en"):
        url = f"/{language}/catalogue/"
        with translation.override(language):
            marker = f'href="{silk.get_absolute_url()}"'
        anonymous = client.get(url).content.decode()
        signed_in = buyer.get(url).content.decode()
        assert "add-to-basket" in card_of(anonymous, marker)
        assert card_of(anonymous, marker) == card_of(signed_in, marker)


def test_a_village_card_is_rendered_once_until_its_page_changes(
    client, site, monkeypatch
):
    """Village cards are kept as product cards are (villages.cards): the home page and
    a place page render a village's card once, and show an edit at once."""
    from tests.factories import UserFactory
    from villages.cards import VILLAGE_CARDS

    client.force_login(UserFactory())  # no page cache for this visitor
    rendered = []
    real_render = VILLAGE_CARDS.render
    monkeypatch.setattr(
        VILLAGE_CARDS,
        "render",
        lambda v, r: rendered.append(v.pk) or real_render(v, r),
    )
    place = "/th/places/tambon/501306/"
    assert "บ้านออนใต้" in client.get("/th/").content.decode()
    assert "บ้านออนใต้" in client.get(place).content.decode()
    assert rendered == [site["village"].pk]  # once, for both pages
    rendered.clear()
    assert "บ้านออนใต้" in client.get("/th/").content.decode()
    assert "Ban On Tai" in client.get("/en/").content.decode()  # its own card
    assert rendered == [site["village"].get_translations().get().pk]

    village = site["village"]
    village.title = "บ้านออนใต้ หมู่บ้านทอผ้า"
    village.save_revision().publish()
    for url in ("/th/", place):
        assert "บ้านออนใต้ หมู่บ้านทอผ้า" in client.get(url).content.decode()
