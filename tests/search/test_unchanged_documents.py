"""A change that leaves every search document as it was (a sale: a stock record moves)
keeps the documents, the listings' counts and the kept search answers: the next
catalogue view and the next search read them from the cache instead of counting and
matching again. A change of what a document holds still shows on the next request."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from shop.search.models import SearchDocument

# silk_shop is the search page tests' fixture: the same products, the same counts.
from .test_search_page import facet, silk_shop, titles  # noqa: F401

pytestmark = pytest.mark.django_db

DOCUMENTS = SearchDocument._meta.db_table


def statements_reading_documents(client, url, **params) -> tuple[list[str], object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return [q["sql"] for q in queries if DOCUMENTS in q["sql"]], response


def document_row(product) -> tuple:
    return SearchDocument.objects.values_list("pk", "indexed_at").get(product=product)


def sell_one(product) -> None:
    stock = product.stockrecords.get()
    stock.num_in_stock -= 1
    stock.save()


def test_a_sale_keeps_the_catalogue_s_counts_without_counting_again(client, silk_shop):  # noqa: F811
    sold = silk_shop[0]
    catalogue = reverse("catalogue:index")
    client.get(catalogue)  # counted once
    kept, before = statements_reading_documents(client, catalogue)
    row = document_row(sold)

    sell_one(sold)  # its refresh task runs at once here (the immediate backend)

    after_sale, response = statements_reading_documents(client, catalogue)
    assert document_row(sold) == row  # the same row: nothing was rewritten
    assert len(after_sale) == len(kept)  # the counts came from the cache
    assert (
        facet(response, "stars")
        == facet(before, "stars")
        == {
            "★★★★★": 2,
            "★★★★": 2,
        }
    )
    assert sorted(titles(response)) == sorted(titles(before))


def test_a_price_change_rewrites_the_document_and_recounts(client, silk_shop):  # noqa: F811
    soap = silk_shop[3]  # 89 baht: the cheapest band
    catalogue = reverse("catalogue:index")
    before = client.get(catalogue)
    row = document_row(soap)

    stock = soap.stockrecords.get()
    stock.price = Decimal("4800")
    stock.save()

    after = client.get(catalogue)
    assert document_row(soap)[0] != row[0]
    assert facet(after, "price") != facet(before, "price")
    assert sum(facet(after, "price").values()) == 4
    narrowed = client.get(reverse("search:search"), {"q": "สบู่", "sort": "price"})
    assert titles(narrowed) == ["สบู่โปรตีนไหม"]


def test_a_sale_keeps_a_search_s_answer(client, silk_shop):  # noqa: F811
    search = reverse("search:search")
    client.get(search, {"q": "ไหม"})  # matched, ranked and counted once
    kept, _ = statements_reading_documents(client, search, q="ไหม")

    sell_one(silk_shop[1])

    after_sale, response = statements_reading_documents(client, search, q="ไหม")
    assert len(after_sale) == len(kept)
    assert "ผ้าไหมแพรวา" in titles(response)


def test_a_product_hidden_and_shown_again_before_its_task_runs_is_found(
    client,
    silk_shop,  # noqa: F811
    settings,
):
    """`relist` writes `listed` in place; a refresh that finds the same words and
    facets must still leave the document as the OTOP rule has it now."""
    product = silk_shop[1]
    search = reverse("search:search")
    product.is_public = False
    product.save()
    assert "ผ้าไหมแพรวา" not in titles(client.get(search, {"q": "แพรวา"}))
    product.is_public = True
    product.save()
    assert titles(client.get(search, {"q": "แพรวา"})) == ["ผ้าไหมแพรวา"]


def test_a_deleted_product_leaves_the_counts_at_once(client, silk_shop):  # noqa: F811
    catalogue = reverse("catalogue:index")
    assert sum(facet(client.get(catalogue), "stars").values()) == 4
    silk_shop[2].delete()
    assert sum(facet(client.get(catalogue), "stars").values()) == 3
