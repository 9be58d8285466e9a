"""What the engine finds and in which order, as a buyer sees it on the results page:
compounds the synonyms lack, a vocabulary that grows, one-character Thai slips, field
weights and length normalisation (repetition does not beat relevance)."""

from __future__ import annotations

from django.urls import reverse

import pytest

from catalogue.models import Category
from shop.search.models import SearchDocument
from tests.factories import CategoryFactory, EligibleProductFactory
from tests.search.terms import indexed_terms

pytestmark = pytest.mark.django_db


def titles(client, words: str) -> list[str]:
    response = client.get(reverse("search:search"), {"q": words})
    assert response.status_code == 200
    return [p.title for p in response.context["products"]]


def test_a_compound_the_synonyms_lack_finds_what_its_dictionary_word_names(client):
    """ข้าวหลาม (rice roasted in bamboo) is one dictionary word, unknown to the index
    and to the synonyms; its word ข้าว (rice) is in a title: never zero results."""
    rice = EligibleProductFactory(title="ข้าวหอมมะลิ", title_en="")
    EligibleProductFactory(title="ผ้าไหมแพรวา", title_en="")

    assert titles(client, "ข้าวหลาม") == [rice.title]


def test_a_product_stays_found_by_its_title_words_however_common_they_become(client):
    bag = EligibleProductFactory(title="กระเป๋าสานผักตบชวา", title_en="")
    assert titles(client, "ผักตบ") == [bag.title]

    # Other products make ผักตบ (segmented ผัก + ตบ) known words of the vocabulary.
    dried = [
        EligibleProductFactory(title=f"ผักตบ อบแห้ง {n}", title_en="") for n in range(3)
    ]

    found = titles(client, "ผักตบ")
    assert bag.title in found
    assert set(found) == {bag.title, *(p.title for p in dried)}


@pytest.mark.parametrize(
    "slip",
    ["มัดหมี", "ผ้าไหมมัดหมี", "ยาหมอง", "ยาหม้อง", "มะพราว"],
    ids=["tone left out", "in a compound", "tone left out 2", "wrong tone", "tone 3"],
)
def test_a_one_character_thai_slip_still_finds_the_product(client, slip):
    silk = EligibleProductFactory(title="ผ้าไหมมัดหมี่ ลายนาค", title_en="")
    balm = EligibleProductFactory(title="ยาหม่องสมุนไพร", title_en="")
    oil = EligibleProductFactory(title="น้ำมันมะพร้าวสกัดเย็น", title_en="")
    EligibleProductFactory(title="กาแฟอาราบิก้า", title_en="")
    wanted = {"มัดหมี": silk, "ผ้าไหมมัดหมี": silk, "มะพราว": oil}.get(slip, balm)

    assert titles(client, slip) == [wanted.title]


def test_a_title_match_ranks_above_a_category_above_a_repeated_description(client):
    root = CategoryFactory(official=("ผ้า เครื่องแต่งกาย", "Textiles and clothing"))
    shawls = root.add_child(name="ผ้าคลุมไหล่ครามย้อม", name_en="", slug="indigo-shawls")
    by_description = EligibleProductFactory(
        title="เสื้อฝ้ายทอมือ",
        title_en="",
        description="<p>" + "คราม " * 40 + "</p>",
    )
    by_category = EligibleProductFactory(
        title="ผ้าพันคอฝ้าย", title_en="", categories=[Category.objects.get(pk=shawls.pk)]
    )
    by_title = EligibleProductFactory(title="ผ้าคราม", title_en="", description="")

    assert titles(client, "คราม") == [
        by_title.title,
        by_category.title,
        by_description.title,
    ]


def test_a_shorter_title_ranks_above_a_longer_one_and_repetition_adds_nothing(client):
    long = EligibleProductFactory(
        title="ผ้าไหมแพรวา ลายโบราณ สีแดง ผืนใหญ่", title_en="", description=""
    )
    short = EligibleProductFactory(title="ผ้าไหมแพรวา", title_en="", description="")
    repeated = EligibleProductFactory(
        title="ผ้าไหมแพรวา",
        title_en="",
        description="<p>" + "ผ้าไหมแพรวา แพรวา " * 30 + "</p>",
    )

    found = titles(client, "แพรวา")
    assert found.index(short.title) < found.index(long.title)
    assert found.index(repeated.title) < found.index(long.title)
    # A term is written once, in the strongest field it occurs in: the repeated
    # description adds nothing to the product that has one.
    document = SearchDocument.objects.get(product=repeated)
    assert "แพรวา" in indexed_terms(document)
    assert "แพรวา" not in indexed_terms(document, "detail_terms")
    plain = SearchDocument.objects.get(product=short)
    assert indexed_terms(document) == indexed_terms(plain)
