"""The storefront search as a buyer uses it, through real HTTP requests: Thai compounds
and sub-words, Thai and English together, English typos, places, facets and their
counts, sorting, pages, and the OTOP rule in every result and every count."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from catalogue.models import OpcRating, Producer, Product
from tests.factories import (
    INELIGIBLE_VARIANTS,
    CategoryFactory,
    DistrictFactory,
    EligibleProductFactory,
    ProducerFactory,
    ProvinceFactory,
    RegionFactory,
    TambonFactory,
    make_ineligible_product,
)
from tests.factories.catalogue import today

pytestmark = pytest.mark.django_db


def search(client, **params):
    response = client.get(reverse("search:search"), params)
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [product.title for product in response.context["products"]]


def facet(response, name: str) -> dict[str, int]:
    """{label: count} of one facet as the page shows it."""
    for f in response.context["facets"]:
        if f["name"] == name:
            return {str(o["label"]): o["count"] for o in f["options"]}
    return {}


def khon_kaen_tambon():
    region = RegionFactory(
        code="northeast", name_en="Northeast", name_th="ภาคตะวันออกเฉียงเหนือ"
    )
    province = ProvinceFactory(
        code="40", name_en="Khon Kaen", name_th="ขอนแก่น", region=region
    )
    district = DistrictFactory(
        code="4010", name_en="Chonnabot", name_th="ชนบท", province=province
    )
    return TambonFactory(
        code="401001", name_en="Chonnabot", name_th="ชนบท", district=district
    )


# --- Thai words -------------------------------------------------------------------


@pytest.mark.parametrize(
    "words", ["ผ้าไหมมัดหมี่ทอมือ", "ผ้าไหม", "ไหม", "มัดหมี่", "ผ้าไหมมัดหมี่", "มัดหมี่ไหม"]
)
def test_thai_compounds_and_the_words_inside_them_find_the_product(client, words):
    silk = EligibleProductFactory(title="ผ้าไหมมัดหมี่ทอมือ ลายนาค")
    EligibleProductFactory(title="น้ำพริกเผาสูตรโบราณ")

    response = search(client, q=words)

    assert titles(response) == [silk.title]
    assert silk.title in response.content.decode()


def test_a_word_inside_another_word_is_not_a_match_when_it_means_something_else(client):
    silk = EligibleProductFactory(title="ผ้าไหมแพรวา")
    yarn = EligibleProductFactory(title="หมวกไหมพรมถักมือ")  # knitting yarn, not silk

    assert titles(search(client, q="ไหม")) == [silk.title]
    assert titles(search(client, q="ไหมพรม")) == [yarn.title]


def test_part_of_a_word_is_still_found_when_segmentation_cuts_it_differently(client):
    bag = EligibleProductFactory(title="กระเป๋าสานผักตบชวา")
    EligibleProductFactory(title="ผักกาดดองเปรี้ยว")

    assert titles(search(client, q="ผักตบ")) == [bag.title]


# --- Thai and English together ------------------------------------------------------


def test_english_finds_thai_only_products_and_thai_finds_english_titles(client):
    balm = EligibleProductFactory(title="ยาหม่องสมุนไพร", title_en="")
    shawl = EligibleProductFactory(title="ผ้าคลุมไหล่", title_en="Indigo Cotton Shawl")
    EligibleProductFactory(title="กาแฟอาราบิก้า", title_en="Arabica Coffee")

    assert titles(search(client, q="herbal balm")) == [balm.title]
    assert titles(search(client, q="ยาหม่อง herbal")) == [balm.title]
    assert titles(search(client, q="ผ้าฝ้าย คราม")) == [shawl.title]
    assert titles(search(client, q="cotton คราม")) == [shawl.title]


def test_places_are_found_in_either_script_and_by_idea(client):
    chiang_mai = ProducerFactory()  # the factories' tambon is in Chiang Mai
    khon_kaen = ProducerFactory(tambon=khon_kaen_tambon())
    food = CategoryFactory(official=("อาหาร", "Food"))
    textiles = CategoryFactory(official=("ผ้า เครื่องแต่งกาย", "Textiles and clothing"))
    sai_ua = EligibleProductFactory(
        title="ไส้อั่วสมุนไพร", producer=chiang_mai, categories=[food]
    )
    sarong = EligibleProductFactory(
        title="ผ้าซิ่นตีนจก", producer=chiang_mai, categories=[textiles]
    )
    silk = EligibleProductFactory(
        title="ผ้าไหมมัดหมี่", producer=khon_kaen, categories=[textiles]
    )

    for words in ("chiang mai", "เชียงใหม่", "Chiang Mai"):
        assert sorted(titles(search(client, q=words))) == sorted(
            [sai_ua.title, sarong.title]
        )
    assert titles(search(client, q="ผ้าไหม ขอนแก่น")) == [silk.title]
    assert titles(search(client, q="อีสาน")) == [silk.title]
    # ของฝาก (something to take home) is local food and crafts, not clothing.
    assert titles(search(client, q="ของฝาก เชียงใหม่")) == [sai_ua.title]


# --- English typos ------------------------------------------------------------------


def test_english_typos_are_corrected_against_the_catalogue_vocabulary(client):
    silk = EligibleProductFactory(title="ผ้าพันคอไหม", title_en="Silk Scarf")
    soap = EligibleProductFactory(title="สบู่ขมิ้น", title_en="Turmeric Soap")
    EligibleProductFactory(title="ไส้อั่ว", title_en="Northern Sausage")

    response = search(client, q="slik scraf")
    assert titles(response) == [silk.title]
    assert "silk scarf" in response.content.decode()  # "Showing results for ..."
    assert titles(search(client, q="tumeric soap")) == [soap.title]
    # A real word that no product uses is not "corrected" into an unrelated one.
    assert titles(search(client, q="massage")) == []


# --- Facets -------------------------------------------------------------------------


@pytest.fixture
def silk_shop():
    """Four eligible products that "ไหม" finds, and one ineligible one of each kind."""
    textiles = CategoryFactory(official=("ผ้า เครื่องแต่งกาย", "Textiles and clothing"))
    herbal = CategoryFactory(
        official=("สมุนไพรที่ไม่ใช่อาหาร", "Herbal products other than food")
    )
    khon_kaen = ProducerFactory(tambon=khon_kaen_tambon())
    made = [
        EligibleProductFactory(
            title="ผ้าไหมมัดหมี่",
            categories=[textiles],
            producer=khon_kaen,
            opc_rating__stars=5,
            stockrecords__price=Decimal("2500"),
        ),
        EligibleProductFactory(
            title="ผ้าไหมแพรวา",
            categories=[textiles],
            opc_rating__stars=5,
            stockrecords__price=Decimal("4500"),
        ),
        EligibleProductFactory(
            title="ผ้าพันคอไหม",
            categories=[textiles],
            opc_rating__stars=4,
            stockrecords__price=Decimal("650"),
        ),
        EligibleProductFactory(
            title="สบู่โปรตีนไหม",
            categories=[herbal],
            opc_rating__stars=4,
            opc_rating__year=2023,
            stockrecords__price=Decimal("89"),
        ),
    ]
    for variant in INELIGIBLE_VARIANTS:
        make_ineligible_product(
            variant,
            title=f"ผ้าไหม {variant}",
            categories=[textiles],
            stockrecords__price=Decimal("2500"),
        )
    return made


def test_facet_counts_match_the_products_found(client, silk_shop):
    response = search(client, q="ไหม")

    assert sorted(titles(response)) == sorted(p.title for p in silk_shop)
    assert response.context["paginator"].count == 4
    assert facet(response, "category") == {"ผ้า เครื่องแต่งกาย": 3, "สมุนไพรที่ไม่ใช่อาหาร": 1}
    assert facet(response, "stars") == {"★★★★★": 2, "★★★★": 2}
    assert facet(response, "year") == {"2567": 3, "2566": 1}  # B.E. on Thai pages
    assert facet(response, "province") == {"เชียงใหม่": 3, "ขอนแก่น": 1}
    assert facet(response, "region") == {"ภาคเหนือ": 3, "ภาคตะวันออกเฉียงเหนือ": 1}
    assert facet(response, "price") == {
        "฿0–99": 1,
        "฿300–999": 1,
        "฿1,000–2,999": 1,
        "฿3,000 ขึ้นไป": 1,
    }


def test_choosing_a_facet_narrows_results_and_counts(client, silk_shop):
    stars = next(
        f for f in search(client, q="ไหม").context["facets"] if f["name"] == "stars"
    )
    five = next(o for o in stars["options"] if o["label"] == "★★★★★")

    response = client.get(reverse("search:search") + five["url"])

    assert sorted(titles(response)) == ["ผ้าไหมมัดหมี่", "ผ้าไหมแพรวา"]
    assert facet(response, "stars") == {"★★★★★": 2}
    assert facet(response, "province") == {"เชียงใหม่": 1, "ขอนแก่น": 1}
    assert [f["label"] for f in response.context["active_filters"]] == ["★★★★★"]
    # The filter's "remove" link brings all four back.
    removed = client.get(
        reverse("search:search") + response.context["active_filters"][0]["url"]
    )
    assert removed.context["paginator"].count == 4


def test_english_pages_label_facets_in_english(client, silk_shop):
    response = client.get("/en/search/", {"q": "silk"})

    assert response.context["paginator"].count == 4
    assert facet(response, "year") == {"2024": 3, "2023": 1}
    assert facet(response, "province") == {"Chiang Mai": 3, "Khon Kaen": 1}


# --- The OTOP rule ------------------------------------------------------------------


@pytest.mark.parametrize("variant", INELIGIBLE_VARIANTS)
def test_no_ineligible_product_in_results_counts_suggestions_or_producers(
    client, variant
):
    textiles = CategoryFactory(official=("ผ้า เครื่องแต่งกาย", "Textiles and clothing"))
    control = EligibleProductFactory(title="ผ้าไหมมัดหมี่ ต้นแบบ", categories=[textiles])
    hidden = make_ineligible_product(
        variant,
        title="ผ้าไหมมัดหมี่ ซ่อน",
        categories=[textiles],
        producer__name_th="กลุ่มทอผ้าไหมซ่อน",
    )

    response = search(client, q="ผ้าไหม")
    assert titles(response) == [control.title]
    assert hidden.title not in response.content.decode()
    assert response.context["paginator"].count == 1
    for f in response.context["facets"]:
        assert sum(o["count"] for o in f["options"]) == 1, f["name"]

    suggested = client.get(reverse("search:suggest"), {"q": "ผ้าไห"}).json()
    assert control.title in suggested["suggestions"]
    assert hidden.title not in suggested["suggestions"]

    producers = search(client, q="ผ้าไหม", tab="producers").context["results"]
    hidden_producer_listed = hidden.producer in producers
    assert hidden_producer_listed == hidden.producer.is_registered


def _suspend(product: Product) -> None:
    producer = product.producer
    producer.status = Producer.Status.SUSPENDED
    producer.save()


def _hide(product: Product) -> None:
    product.is_public = False
    product.save()


def _withdraw_rating(product: Product) -> None:
    product.opc_ratings.get().delete()


@pytest.mark.parametrize(
    "lapse",
    [_suspend, _hide, _withdraw_rating],
    ids=["producer suspended", "product hidden", "rating withdrawn"],
)
def test_a_product_that_becomes_ineligible_leaves_results_and_counts_at_once(
    client, lapse
):
    product = EligibleProductFactory(title="ผ้าไหมแพรวา")
    other = EligibleProductFactory(title="ผ้าไหมยกดอก")
    assert sorted(titles(search(client, q="ผ้าไหม"))) == sorted(
        [product.title, other.title]
    )

    lapse(product)

    response = search(client, q="ผ้าไหม")
    assert titles(response) == [other.title]
    assert response.context["paginator"].count == 1
    assert sum(facet(response, "stars").values()) == 1


def test_a_registration_that_ends_overnight_takes_its_products_out(client, monkeypatch):
    """Nothing is written when a registration reaches its end date; the next day the
    products are gone from results and counts (the date is compared at query time)."""
    product = EligibleProductFactory(title="ผ้าไหมแพรวา", producer__expires_on=today())
    other = EligibleProductFactory(title="ผ้าไหมยกดอก")
    assert search(client, q="ผ้าไหม").context["paginator"].count == 2

    tomorrow = today() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    response = search(client, q="ผ้าไหม")
    assert titles(response) == [other.title]
    assert response.context["paginator"].count == 1
    assert product.pk not in [p.pk for p in response.context["products"]]


@pytest.mark.parametrize(
    "bypass",
    [
        lambda p: Producer.objects.filter(pk=p.producer_id).update(
            status=Producer.Status.SUSPENDED
        ),
        lambda p: Product.objects.filter(pk=p.pk).update(is_public=False),
        lambda p: OpcRating.objects.filter(product=p)._raw_delete(OpcRating.objects.db),
    ],
    ids=["producer suspended", "product hidden", "rating withdrawn"],
)
def test_a_change_behind_the_index_back_never_shows_the_product(client, bypass):
    """A bulk update sends no signals, so the index cannot know; the product is still
    never shown (the page applies the rule again) and the index mends itself."""
    product = EligibleProductFactory(title="ผ้าไหมแพรวา")
    other = EligibleProductFactory(title="ผ้าไหมยกดอก")

    bypass(product)

    assert titles(search(client, q="ผ้าไหม")) == [other.title]
    response = search(client, q="ผ้าไหม")  # the first search rewrote its document
    assert titles(response) == [other.title]
    assert response.context["paginator"].count == 1


def test_the_index_follows_edits_to_title_rating_and_price(client):
    product = EligibleProductFactory(
        title="ผ้าฝ้ายทอมือ", stockrecords__price=Decimal("350")
    )
    assert titles(search(client, q="ผ้าฝ้าย")) == [product.title]

    product.title = "ผ้าไหมแพรวา"
    product.save()
    OpcRating.objects.create(product=product, stars=5, year=2025)
    stockrecord = product.stockrecords.get()
    stockrecord.price = Decimal("4500")
    stockrecord.save()

    assert titles(search(client, q="ผ้าฝ้าย")) == []
    response = search(client, q="ผ้าไหม")
    assert titles(response) == ["ผ้าไหมแพรวา"]
    assert facet(response, "stars") == {"★★★★★": 1}
    assert facet(response, "price") == {"฿3,000 ขึ้นไป": 1}


# --- Sorting, pages, bad input ------------------------------------------------------


def test_sorting_and_pages(client):
    producer = ProducerFactory()
    for baht in range(100, 3100, 100):  # 30 products, 100 to 3,000 baht
        EligibleProductFactory(
            title=f"ตะกร้าไม้ไผ่ {baht}",
            producer=producer,
            stockrecords__price=Decimal(baht),
        )

    cheapest = search(client, q="ตะกร้า", sort="price")
    assert titles(cheapest)[:3] == ["ตะกร้าไม้ไผ่ 100", "ตะกร้าไม้ไผ่ 200", "ตะกร้าไม้ไผ่ 300"]
    assert len(titles(cheapest)) == 24
    second = search(client, q="ตะกร้า", sort="price", page=2)
    assert titles(second) == [f"ตะกร้าไม้ไผ่ {baht}" for baht in range(2500, 3100, 100)]
    dearest = search(client, q="basket", sort="-price")
    assert titles(dearest)[0] == "ตะกร้าไม้ไผ่ 3000"
    newest = search(client, q="ตะกร้า", sort="newest")
    assert titles(newest)[0] == "ตะกร้าไม้ไผ่ 3000"


def test_bad_parameters_are_reported_and_the_search_still_runs(client):
    silk = EligibleProductFactory(title="ผ้าไหมแพรวา")

    response = search(client, q="ผ้าไหม", stars="9", sort="cheapest", page="x")

    assert titles(response) == [silk.title]
    page = response.content.decode()
    assert "stars=" in page and "sort=" in page  # "Ignored stars=…: …"


def test_empty_query_with_a_facet_browses_that_facet(client):
    textiles = CategoryFactory(official=("ผ้า เครื่องแต่งกาย", "Textiles and clothing"))
    food = CategoryFactory(official=("อาหาร", "Food"))
    cloth = EligibleProductFactory(title="ผ้าขาวม้า", categories=[textiles])
    EligibleProductFactory(title="น้ำพริกเผา", categories=[food])

    assert titles(search(client, category=textiles.pk)) == [cloth.title]


# --- Autocomplete, producers, pages ------------------------------------------------


def test_autocomplete_suggests_titles_in_the_page_language(client):
    EligibleProductFactory(title="ผ้าไหมมัดหมี่ทอมือ", title_en="Hand-woven Mudmee Silk")

    thai = client.get(reverse("search:suggest"), {"q": "ผ้าไห"}).json()
    english = client.get("/en/search/suggest/", {"q": "mudm"}).json()
    too_short = client.get(reverse("search:suggest"), {"q": "ผ"}).json()

    assert "ผ้าไหมมัดหมี่ทอมือ" in thai["suggestions"]
    assert "Hand-woven Mudmee Silk" in english["suggestions"]
    assert too_short["suggestions"] == []


def test_producers_tab_lists_registered_producers_and_links_to_their_products(client):
    group = ProducerFactory(
        name_th="กลุ่มทอผ้าไหมบ้านนาโพธิ์", name_en="Ban Na Pho Silk Weavers"
    )
    scarf = EligibleProductFactory(title="ผ้าพันคอ", producer=group)
    EligibleProductFactory(title="ผ้าพันคอฝ้าย")
    ProducerFactory(name_th="กลุ่มทอผ้าไหมบ้านดอน", suspended=True)

    response = search(client, q="ผ้าไหม นาโพธิ์", tab="producers")

    assert response.context["results"] == [group]
    assert "Ban Na Pho" not in response.content.decode()  # Thai page: Thai name
    products = search(client, producer=group.pk)
    assert titles(products) == [scarf.title]


def test_pages_tab_finds_live_wagtail_pages_segmented_the_same_way(client):
    from wagtail.models import Page

    from villages.models import HomePage

    root = Page.get_first_root_node()
    story = root.add_child(
        instance=HomePage(title="เรื่องเล่าผ้าไหมบ้านนาโพธิ์", slug="silk-story", live=False)
    )
    assert search(client, q="ไหม", tab="pages").context["results"] == []

    story.save_revision().publish()

    response = search(client, q="ไหม", tab="pages")
    assert [p.pk for p in response.context["results"]] == [story.pk]
    assert story.title in response.content.decode()


def test_a_repeated_search_is_kept_until_the_catalogue_changes(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = EligibleProductFactory(title="ผ้าไหมแพรวา")
    with CaptureQueriesContext(connection) as asked:
        assert titles(search(client, q="ผ้าไหม")) == [first.title]
    with CaptureQueriesContext(connection) as again:
        assert titles(search(client, q="ผ้าไหม")) == [first.title]
    # The match, ranking and counts are not run again.
    assert len(again) < len(asked)

    second = EligibleProductFactory(title="ผ้าไหมยกดอก")
    response = search(client, q="ผ้าไหม")
    assert sorted(titles(response)) == sorted([first.title, second.title])
    assert response.context["paginator"].count == 2
    assert sum(facet(response, "stars").values()) == 2


@pytest.mark.parametrize("words", ["ผ้าไหม", "ผ้าไหม นาโพธิ์", "ผ้าไหม durian"])
def test_each_tab_counts_what_its_own_search_finds(client, settings, words):
    # PostgreSQL counts the other tabs in the shown tab's statement; a tab whose
    # words match nothing all together is still relaxed on its own.
    from shop.search.engine import Search
    from shop.search.models import SearchDocument
    from shop.search.query import parse

    settings.SEARCH_RESULTS_SECONDS = 0
    group = ProducerFactory(name_th="กลุ่มทอผ้าไหมบ้านนาโพธิ์")
    EligibleProductFactory(title="ผ้าไหมมัดหมี่", producer=group)
    EligibleProductFactory(title="ผ้าไหมแพรวา")
    ProducerFactory(name_th="กลุ่มทอผ้าไหมบ้านดอน")
    Kind = SearchDocument.Kind

    def total(kind, filters=None) -> int:
        found = Search(parse(words), kind, filters or {}).results(0, 0, facets=False)
        return found.total

    expected = {
        "products": total(Kind.PRODUCT),
        "producers": total(Kind.PRODUCER),
        "pages": total(Kind.PAGE, {"language": "th"}),
    }
    assert expected["products"] >= 1 and expected["producers"] >= 1
    for tab in expected:
        response = search(client, q=words, tab=tab)
        assert {t["key"]: t["count"] for t in response.context["tabs"]} == expected
