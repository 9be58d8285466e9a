"""Every page type renders in Thai and English; villages list only eligible products;
the product page links back to everything behind it."""

import re
from urllib.parse import unquote

from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, Page

import pytest

from villages.models import VillagePage, VillageProducer, VillageProduct

pytestmark = pytest.mark.django_db


def english(page: Page) -> Page:
    return page.get_translation(Locale.objects.get(language_code="en"))


def product_pks(html: str) -> set[int]:
    """The products shown as cards on a page."""
    return {
        int(pk)
        for pk in re.findall(
            r'class="product-card__title"><a href="[^"]+_(\d+)/"', html
        )
    }


def links(html: str, section_id: str) -> list[str]:
    """The hrefs inside the <section> whose heading has the given id."""
    start = html.index(f'aria-labelledby="{section_id}"')
    end = html.index("</section>", start)
    return [unquote(h) for h in re.findall(r'href="([^"]+)"', html[start:end])]


def test_every_page_type_renders_in_both_languages(client, site):
    weavers = site["producers"]["weavers"]
    pages = [Page.objects.get(locale__language_code="th", depth=2)]
    pages += [p for p in Page.objects.filter(locale__language_code="th", depth__gt=2)]
    assert {type(p.specific).__name__ for p in pages} >= {
        "HomePage",
        "VillageIndexPage",
        "VillagePage",
        "KboIndexPage",
        "KboNetworkPage",
        "StoryIndexPage",
        "ProducerStoryPage",
        "FairIndexPage",
        "FairPage",
    }
    for thai in pages:
        for page, language in ((thai, "th"), (english(thai), "en")):
            url = page.get_url()
            assert url.startswith(f"/{language}/"), url
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert f'<html lang="{language}"' in html
            if page.depth > 2:
                assert page.title in html

    django_views = [
        reverse("producers:profile", args=[weavers.registration_number]),
        reverse("villages:places"),
        reverse("villages:region", args=["north"]),
        reverse("villages:province", args=["50"]),
        reverse("villages:district", args=["5013"]),
        reverse("villages:tambon", args=["501306"]),
    ]
    for url in django_views:
        for language in ("th", "en"):
            with translation.override(language):
                localized = translation.get_language() and url.replace(
                    "/th/", f"/{language}/", 1
                )
            response = client.get(localized)
            assert response.status_code == 200, localized
    assert (
        "กลุ่มทอผ้าบ้านออนใต้"
        in client.get(django_views[0].replace("/en/", "/th/")).content.decode()
    )


def test_thai_slugs_keep_their_vowel_and_tone_marks(client, site):
    village = site["village"]
    assert village.slug == "บ้านออนใต้"  # ้ and ใ survive
    response = client.get("/th/villages/บ้านออนใต้/")
    assert response.status_code == 200
    assert english(village).url == "/en/villages/ban-on-tai/"


def test_village_lists_only_eligible_products_of_its_producers(client, site):
    products, producers = site["products"], site["producers"]
    html = client.get(site["village"].url).content.decode()
    # unrated, withdrawn, lapsed producer's and other tambons' products: hidden
    assert product_pks(html) == {products["silk"].pk}
    assert producers["weavers"].name_th in html and producers["potters"].name_th in html
    assert producers["lapsed"].name_th not in html  # suspended: no public profile
    assert producers["elsewhere"].name_th not in html


def test_editors_can_add_producers_and_products_but_not_ineligible_ones(client, site):
    products, producers = site["products"], site["producers"]
    village = VillagePage.objects.get(pk=site["village"].pk)
    village.extra_producers.add(VillageProducer(producer=producers["elsewhere"]))
    village.extra_products.add(VillageProduct(product=products["batik"]))
    village.extra_products.add(VillageProduct(product=products["lapsed"]))
    village.save_revision().publish()

    html = client.get(village.url).content.decode()
    assert product_pks(html) == {
        products["silk"].pk,
        products["umbrella"].pk,
        products["batik"].pk,
    }
    assert producers["elsewhere"].name_th in html


def test_a_village_viewed_before_its_editor_adds_picks_shows_them_after(client, site):
    # The query that loads the page says whether it has picks (serve_annotations).
    products, producers = site["products"], site["producers"]
    village = VillagePage.objects.get(pk=site["village"].pk)
    html = client.get(village.url).content.decode()
    assert producers["elsewhere"].name_th not in html

    village.extra_producers.add(VillageProducer(producer=producers["elsewhere"]))
    village.extra_products.add(VillageProduct(product=products["batik"]))
    village.save_revision().publish()

    html = client.get(village.url).content.decode()
    assert producers["elsewhere"].name_th in html
    assert products["batik"].pk in product_pks(html)


def test_a_moo_narrows_the_village_to_that_moo(client, site):
    village = VillagePage.objects.get(pk=site["village"].pk)
    village.moo = 5  # the potters' moo; their only product is withdrawn
    village.save_revision().publish()
    html = client.get(village.url).content.decode()
    assert product_pks(html) == set()
    assert site["producers"]["potters"].name_th in html
    assert site["producers"]["weavers"].name_th not in html


@pytest.mark.parametrize("language", ["th", "en"])
def test_product_page_links_back_to_producer_places_kbo_and_village(
    client, site, language
):
    silk = site["products"]["silk"]
    with translation.override(language):
        url = silk.get_absolute_url()
    html = client.get(url).content.decode()
    hrefs = links(html, "provenance-heading")
    weavers = site["producers"]["weavers"]
    village = site["village"] if language == "th" else english(site["village"])
    kbo = site["kbo"] if language == "th" else english(site["kbo"])
    assert hrefs == [
        f"/{language}/producers/{weavers.registration_number}/",
        f"/{language}/places/tambon/501306/",
        f"/{language}/places/district/5013/",
        f"/{language}/places/province/50/",
        f"/{language}/places/region/north/",
        unquote(kbo.url),
        unquote(village.url),
    ]
    for href in hrefs:
        response = client.get(href)
        assert response.status_code == 200, href
    # …and back: the producer profile and the village page list the product.
    profile = client.get(hrefs[0]).content.decode()
    assert f"_{silk.pk}/" in profile and unquote(village.url) in unquote(profile)
    assert f"_{silk.pk}/" in client.get(village.url).content.decode()


def test_lapsed_producer_has_no_profile_and_empty_places_404(client, site):
    lapsed = site["producers"]["lapsed"]
    assert client.get(f"/th/producers/{lapsed.registration_number}/").status_code == 404
    assert client.get("/th/places/tambon/999999/").status_code == 404


def test_fair_lists_only_registered_participants(client, site):
    html = client.get(site["fair"].url).content.decode()
    assert site["producers"]["weavers"].name_th in html
    assert site["producers"]["lapsed"].name_th not in html


def test_language_switcher_keeps_the_visitor_on_the_same_village(client, site):
    html = client.get(site["village"].url).content.decode()
    assert 'class="lang-switch__link" href="/en/villages/ban-on-tai/"' in html
    english_html = client.get("/en/villages/ban-on-tai/").content.decode()
    assert "Ban On Tai" in english_html
    assert unquote('lang-switch__link" href="' + site["village"].url) in unquote(
        english_html
    )


def test_hero_alt_text_is_required(site):
    from django.core.exceptions import ValidationError

    village = VillagePage.objects.get(pk=site["village"].pk)
    village.hero_alt = ""
    with pytest.raises(ValidationError, match="alt text"):
        village.full_clean()


def test_story_blocks_render_images_with_alt_text_quotes_and_videos(client, site):
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    from .conftest import drawn_image

    url = "https://www.youtube.com/watch?v=otop-demo"
    # A recorded oEmbed answer, as Wagtail keeps it after fetching (no network here).
    Embed.objects.create(
        url=url,
        max_width=960,
        hash=get_embed_hash(url, 960),
        type="video",
        html='<iframe src="https://www.youtube.com/embed/otop-demo" title="Weaving"></iframe>',
        provider_name="YouTube",
    )
    photo = drawn_image("Loom")
    village = VillagePage.objects.get(pk=site["village"].pk)
    village.body = [
        {
            "type": "image",
            "value": {
                "image": {"image": photo.pk, "alt_text": "กี่ทอผ้า", "decorative": False},
                "caption": "กี่ไม้",
            },
        },
        {"type": "quote", "value": {"quote": "ทอด้วยใจ", "attribution": "แม่ครู"}},
        {"type": "video", "value": {"video": url, "caption": "การทอผ้า"}},
    ]
    village.save_revision().publish()

    html = client.get(village.url).content.decode()
    figure = html[html.index('<figure class="story__figure">') :]
    assert re.search(r'<img [^>]*alt="กี่ทอผ้า"', figure[: figure.index("</figure>")])
    assert "<blockquote><p>ทอด้วยใจ</p></blockquote>" in html
    assert '<iframe src="https://www.youtube.com/embed/otop-demo"' in html


def test_editors_can_open_every_page_type_and_the_choosers(
    client, site, django_user_model
):
    admin = django_user_model.objects.create_superuser(
        username="editor", email="editor@otop.example", password="x"
    )
    client.force_login(admin)
    for page in Page.objects.filter(depth__gt=1):
        response = client.get(f"/cms/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
    villages_index = site["village"].get_parent()
    assert (
        client.get(
            f"/cms/pages/add/villages/villagepage/{villages_index.pk}/"
        ).status_code
        == 200
    )
    for chooser in (
        "otop-producer-chooser",
        "otop-product-chooser",
        "otop-tambon-chooser",
    ):
        response = client.get(f"/cms/{chooser}/results/", {"q": "ออน"})
        assert response.status_code == 200, chooser
    results = client.get(
        "/cms/otop-producer-chooser/results/", {"q": "ทอผ้า"}
    ).content.decode()
    assert "กลุ่มทอผ้าบ้านออนใต้" in results and "กลุ่มบาติก" not in results


def test_home_shows_the_editors_picks_while_they_are_eligible(client, site, home):
    from villages.models import HomeFeaturedProduct, HomeFeaturedVillage

    products = site["products"]
    home.featured_products.add(HomeFeaturedProduct(product=products["umbrella"]))
    home.featured_products.add(HomeFeaturedProduct(product=products["lapsed"]))
    home.featured_villages.add(HomeFeaturedVillage(village=site["village"]))
    home.save_revision().publish()

    html = client.get("/th/").content.decode()
    assert product_pks(html) == {products["umbrella"].pk}  # the lapsed pick is hidden
    assert unquote(site["village"].url) in unquote(html)
    assert 'href="/th/places/region/north/"' in html


def test_the_product_page_s_chain_shows_its_pages_as_they_are_now(client, site):
    """The chain is kept per producer (villages.cards.PRODUCT_PROVENANCE); a village
    page unpublished and a KBO network page retitled show on the next view."""
    silk = site["products"]["silk"]
    with translation.override("th"):
        url = silk.get_absolute_url()
    village_url = unquote(site["village"].url)
    before = client.get(url).content.decode()
    assert village_url in links(before, "provenance-heading")
    assert client.get(url).content.decode() == before  # the kept chain, unchanged

    VillagePage.objects.get(pk=site["village"].pk).unpublish()
    kbo = site["kbo"].specific
    kbo.title = "เครือข่ายผู้ประกอบการโอทอปเชียงใหม่ (ปรับปรุง)"
    kbo.save_revision().publish()

    after = client.get(url).content.decode()
    chain = after[after.index('aria-labelledby="provenance-heading"') :]
    chain = chain[: chain.index("</section>")]
    assert village_url not in links(after, "provenance-heading")
    assert "เครือข่ายผู้ประกอบการโอทอปเชียงใหม่ (ปรับปรุง)" in chain
