"""A village or KBO page its editors never translated: under /en/ it is shown in the
English interface, its Thai content marked as Thai, its title romanised (RTGS), not
indexed; the language switcher of the Thai page links there; a page that has an
English translation sends /en/ visitors to it."""

from urllib.parse import quote

from django.utils import translation

import pytest

from catalogue.romanization import romanize
from tests.i18n.page_text import read, thai_on_english_page
from villages.models import KboIndexPage, KboNetworkPage, VillageIndexPage, VillagePage

from .conftest import drawn_image, publish, rate, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def untranslated(places, home):
    index = publish(
        home, VillageIndexPage(title="หมู่บ้าน", slug="villages"), title="Villages"
    )
    village = VillagePage(
        title="บ้านหนองขาว",
        slug="บ้านหนองขาว",
        tambon=places["on_tai"],
        hero_image=drawn_image(),
        hero_alt="ทุ่งนาหน้าหมู่บ้าน",
        intro="หมู่บ้านจักสาน",
        body=[{"type": "text", "value": "<p>ชาวบ้านสานกระติ๊บข้าวเหนียว</p>"}],
    )
    index.add_child(instance=village)
    village.save_revision().publish()
    kbo_index = publish(
        home, KboIndexPage(title="เครือข่าย KBO", slug="kbo"), title="KBO networks"
    )
    kbo = KboNetworkPage(
        title="เครือข่าย KBO เชียงใหม่",
        slug="kbo-50",
        province=places["on_tai"].district.province,
    )
    kbo_index.add_child(instance=kbo)
    kbo.save_revision().publish()
    return village, kbo


def translated_village(index, places) -> VillagePage:
    """Ban On Tai, published in Thai and in English."""
    return publish(
        index,
        VillagePage(
            title="บ้านออนใต้",
            slug="บ้านออนใต้",
            tambon=places["on_tai"],
            hero_image=drawn_image(),
            hero_alt="บ้านไม้กลางทุ่งนา",
            intro="หมู่บ้านทอผ้า",
        ),
        title="Ban On Tai",
        slug="ban-on-tai",
        hero_alt="Wooden houses among rice fields",
        intro="A weaving village",
    )


def english_fallback(client, page):
    thai_path = page.get_url()
    assert thai_path.startswith("/th/")
    return client.get("/en/" + thai_path[len("/th/") :])


def test_an_untranslated_village_is_shown_in_thai_inside_the_english_interface(
    client, untranslated
):
    village, _kbo = untranslated
    response = english_fallback(client, village)
    assert response.status_code == 200
    html = response.content.decode()

    assert '<html lang="en"' in html
    assert "<title>Ban Nong Khao | " in html
    assert "Ban Nong Khao: this page has not been translated into English yet" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "ชาวบ้านสานกระติ๊บข้าวเหนียว" in html  # its content, as written
    assert thai_on_english_page(read(html), data=[]) == []  # all marked lang="th"
    assert "Product categories" in html  # the interface is English


def test_an_untranslated_kbo_network_likewise(client, untranslated):
    _village, kbo = untranslated
    response = english_fallback(client, kbo)
    assert response.status_code == 200
    html = response.content.decode()
    title = html.split("<title>")[1].split("</title>")[0]
    assert title.startswith(f"{romanize('เครือข่าย KBO เชียงใหม่')} | ")
    assert not any("\u0e00" <= ch <= "\u0e7f" for ch in title)
    assert thai_on_english_page(read(html), data=[]) == []


def test_the_thai_pages_switcher_links_to_the_english_fallback(client, untranslated):
    village, _kbo = untranslated
    html = client.get(village.get_url()).content.decode()
    english = "/en/villages/" + quote("บ้านหนองขาว") + "/"
    assert f'href="{english}" hreflang="en"' in html or (
        'href="/en/villages/บ้านหนองขาว/" hreflang="en"' in html
    )


def test_a_translated_page_sends_english_visitors_to_its_translation(
    client, places, home
):
    index = publish(
        home, VillageIndexPage(title="หมู่บ้าน", slug="villages"), title="Villages"
    )
    village = translated_village(index, places)
    response = english_fallback(client, village)
    assert response.status_code == 302
    assert response["Location"] == "/en/villages/ban-on-tai/"
    assert client.get("/en/villages/no-such-village/").status_code == 404


def test_english_lists_show_an_untranslated_village_at_its_english_fallback(
    client, places, untranslated
):
    village, _kbo = untranslated
    index = village.get_parent().specific
    translated = translated_village(index, places)
    fallback = "/en/villages/" + quote("บ้านหนองขาว") + "/"
    province = places["on_tai"].district.province
    for listing in ("/en/villages/", f"/en/places/province/{province.code}/"):
        html = client.get(listing).content.decode()
        assert f'href="{fallback}"' in html, listing
        assert ">Ban Nong Khao</a>" in html
        assert 'href="/en/villages/ban-on-tai/"' in html
        # The translated village is listed once, as its translation.
        assert quote("บ้านออนใต้") not in html and "บ้านออนใต้" not in html
        assert thai_on_english_page(read(html), data=[]) == []
    assert client.get(fallback).status_code == 200
    # The Thai list is as before: both villages, at their Thai pages.
    html = client.get("/th/villages/").content.decode()
    assert village.get_url() in html and translated.get_url() in html


def test_english_pages_link_an_untranslated_kbo_network_and_village_at_their_fallbacks(
    client, places, untranslated
):
    """The KBO list, the province page and a product's provenance, under /en/:
    the Thai network and village nobody translated are linked at their English
    fallbacks with their romanised titles (before, the list and the product page
    left them out)."""
    village, kbo = untranslated
    province = places["on_tai"].district.province
    kbo_fallback = "/en/kbo/kbo-50/"
    village_fallback = "/en/villages/" + quote("บ้านหนองขาว") + "/"
    kbo_title = romanize("เครือข่าย KBO เชียงใหม่")

    for listing in ("/en/kbo/", f"/en/places/province/{province.code}/"):
        html = client.get(listing).content.decode()
        assert f'<a href="{kbo_fallback}">{kbo_title}</a>' in html, listing
        assert thai_on_english_page(read(html), data=[]) == []

    weavers = register(places["on_tai"], "กลุ่มจักสานหนองขาว")
    product = rate(weavers, "กระติ๊บข้าวเหนียว", "4")
    with translation.override("th"):
        thai_product = product.get_absolute_url()
        kbo_page, village_page = kbo.get_url(), village.get_url()
    html = client.get("/en/" + thai_product[len("/th/") :]).content.decode()
    assert f'<a href="{kbo_fallback}">{kbo_title}</a>' in html
    assert f'<a href="{village_fallback}">Ban Nong Khao</a>' in html
    # On Thai pages they are the Thai pages, as before.
    html = client.get(thai_product).content.decode()
    assert f'<a href="{kbo_page}">เครือข่าย KBO เชียงใหม่</a>' in html
    assert f'<a href="{village_page}">บ้านหนองขาว</a>' in html
    html = client.get("/th/kbo/").content.decode()
    assert f'<a href="{kbo_page}">เครือข่าย KBO เชียงใหม่</a>' in html
