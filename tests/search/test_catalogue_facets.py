"""Facets on the catalogue and its category pages, as a buyer without JavaScript uses
them: exact counts over eligible products only (the search page's engine), links
that narrow the list and the counts together, and bad parameters ignored."""

from __future__ import annotations

from decimal import Decimal
from html import unescape

from django.urls import reverse

import pytest

# silk_shop is the search page tests' fixture: the same products, the same counts.
from .test_search_page import facet, silk_shop, titles  # noqa: F401

pytestmark = pytest.mark.django_db


def browse(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def test_the_catalogue_counts_every_facet_over_eligible_products(client, silk_shop):  # noqa: F811
    response = browse(client, reverse("catalogue:index"))
    assert response.context["paginator"].count == 4  # the catalogue's own list
    assert facet(response, "category") == {
        "ผ้า เครื่องแต่งกาย": 3,
        "สมุนไพรที่ไม่ใช่อาหาร": 1,
    }
    assert facet(response, "stars") == {"★★★★★": 2, "★★★★": 2}
    assert facet(response, "year") == {"2567": 3, "2566": 1}
    assert facet(response, "province")["ขอนแก่น"] == 1
    assert sum(facet(response, "province").values()) == 4
    assert sum(facet(response, "price").values()) == 4
    assert "ineligible" not in response.content.decode()


def test_a_facet_link_narrows_the_list_and_the_counts(client, silk_shop):  # noqa: F811
    page = browse(client, reverse("catalogue:index"))
    html = unescape(page.content.decode())
    (five,) = [
        o
        for f in page.context["facets"]
        if f["name"] == "stars"
        for o in f["options"]
        if o["value"] == "5"
    ]
    assert f'href="{five["url"]}"' in html  # a plain link: no JavaScript needed

    response = client.get(reverse("catalogue:index") + five["url"])
    assert sorted(titles(response)) == sorted(["ผ้าไหมมัดหมี่", "ผ้าไหมแพรวา"])
    assert response.context["paginator"].count == 2
    assert facet(response, "stars") == {"★★★★★": 2}
    assert facet(response, "category") == {"ผ้า เครื่องแต่งกาย": 2}
    (active,) = response.context["active_filters"]
    assert active["url"] == "?"


def test_a_category_page_counts_within_its_category(client, silk_shop):  # noqa: F811
    textiles = silk_shop[0].categories.get()
    response = browse(client, textiles.get_absolute_url())
    assert response.context["paginator"].count == 3
    assert facet(response, "category") == {}  # fixed by the page
    assert facet(response, "stars") == {"★★★★★": 2, "★★★★": 1}

    narrowed = browse(client, textiles.get_absolute_url(), price="3")
    assert titles(narrowed) == ["ผ้าพันคอไหม"]
    assert facet(narrowed, "stars") == {"★★★★": 1}
    # A category in the query string cannot widen a category page.
    herbal = silk_shop[3].categories.get()
    other = browse(client, textiles.get_absolute_url(), category=str(herbal.pk))
    assert "สบู่โปรตีนไหม" not in titles(other)


def test_bad_facet_values_are_ignored(client, silk_shop):  # noqa: F811
    for params in ({"stars": "9"}, {"price": "abc"}, {"province": "x"}):
        response = browse(client, reverse("catalogue:index"), **params)
        assert response.context["paginator"].count == 4
    for page in ("99", "x"):  # the catalogue's own answer to a page that is not there
        response = client.get(reverse("catalogue:index"), {"page": page})
        assert response.status_code == 404
    filtered_past_the_end = client.get(
        reverse("catalogue:index"), {"stars": "5", "page": "9"}
    )
    assert filtered_past_the_end.status_code == 404
    english = browse(client, "/en/catalogue/", stars="5")
    assert facet(english, "year") == {"2024": 2}


def test_a_subcategory_page_counts_its_own_eligible_products(client):
    from catalogue.models import Category
    from tests.factories import (
        CategoryFactory,
        EligibleProductFactory,
        make_ineligible_product,
    )

    root = CategoryFactory(official=("ผ้า เครื่องแต่งกาย", "Textiles and clothing"))
    scarves = Category.objects.get(
        pk=root.add_child(name="ผ้าพันคอ", name_en="Scarves", slug="scarves").pk
    )
    EligibleProductFactory(title="ผ้าพันคอไหม", categories=[scarves], opc_rating__stars=5)
    EligibleProductFactory(title="ผ้าพันคอฝ้าย", categories=[scarves], opc_rating__stars=4)
    EligibleProductFactory(title="ผ้าซิ่นตีนจก", categories=[root], opc_rating__stars=5)
    make_ineligible_product("suspended", title="ผ้าพันคอซ่อน", categories=[scarves])

    response = browse(client, scarves.get_absolute_url())
    assert facet(response, "stars") == {"★★★★★": 1, "★★★★": 1}
    assert facet(response, "category") == {}  # within one category already
    html = unescape(response.content.decode())
    narrowed = browse(client, scarves.get_absolute_url(), stars="5")
    assert titles(narrowed) == ["ผ้าพันคอไหม"]
    assert narrowed.context["paginator"].count == 1
    five = next(
        o
        for f in response.context["facets"]
        if f["name"] == "stars"
        for o in f["options"]
        if o["value"] == "5"
    )
    assert f'href="{five["url"]}"' in html


def test_the_certificate_facet_counts_valid_verified_certificates(client):
    from datetime import timedelta

    from catalogue.certificates import Certificate
    from tests.factories import EligibleProductFactory
    from tests.factories.catalogue import today

    gi = EligibleProductFactory(title="ผ้าไหมแพรวา")
    both = EligibleProductFactory(title="ผ้าไหมยกดอก")
    pending = EligibleProductFactory(title="ผ้าไหมมัดหมี่")
    expired = EligibleProductFactory(title="ผ้าไหมสีพื้น")
    for product, kind, status, expires in (
        (gi, "gi", "verified", None),
        (both, "gi", "verified", None),
        (both, "halal", "verified", today() + timedelta(days=30)),
        (pending, "gi", "pending", None),
        (expired, "gi", "verified", today() - timedelta(days=1)),
    ):
        Certificate.objects.create(
            producer=product.producer,
            product=product,
            kind=kind,
            number=f"{kind}-{product.pk}",
            status=status,
            expires_on=expires,
        )
    # The producer holds one for all of its products.
    Certificate.objects.create(
        producer=pending.producer, kind="gmp", number="gmp-1", status="verified"
    )

    response = browse(client, reverse("catalogue:index"))
    (certificates,) = [
        f for f in response.context["facets"] if f["name"] == "certificate"
    ]
    counts = {o["value"]: o["count"] for o in certificates["options"]}
    assert counts == {"gi": 2, "halal": 1, "gmp": 1}
    labels = [str(o["label"]) for o in certificates["options"]]
    assert "สิ่งบ่งชี้ทางภูมิศาสตร์ (GI)" in labels  # Thai page, Thai names
    narrowed = client.get(reverse("search:search"), {"q": "ผ้าไหม", "certificate": "gi"})
    assert sorted(p.title for p in narrowed.context["products"]) == sorted(
        [gi.title, both.title]
    )


def test_listing_counts_are_counted_once_per_change_and_follow_the_index(
    client,
    silk_shop,  # noqa: F811
):
    """The catalogue's and category pages' counts come from one tally kept per
    content version: a second view counts nothing (no COUNT over the catalogue's
    joins, no tally), a price change shows on the next view, and so does a document
    the index rewrote off the request (a task, with no content change)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from shop.search import indexing

    url = reverse("catalogue:index")
    browse(client, url)
    textiles = silk_shop[0].categories.get()
    browse(client, textiles.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        again = browse(client, url)
        category = browse(client, textiles.get_absolute_url())
    counting = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert counting == []
    assert again.context["paginator"].count == 4
    assert category.context["paginator"].count == 3
    assert facet(category, "price") == {
        "฿1,000–2,999": 1,
        "฿3,000 ขึ้นไป": 1,
        "฿300–999": 1,
    }

    stock = silk_shop[2].stockrecords.get()
    stock.price = Decimal("3200")
    stock.save()  # a content change: the next view counts again
    assert facet(browse(client, textiles.get_absolute_url()), "price") == {
        "฿1,000–2,999": 1,
        "฿3,000 ขึ้นไป": 2,
    }

    # Behind the content version's back (a bulk update sends no signals), then the
    # index's task rewrites the document: its new row changes the counts.
    soap = silk_shop[3]
    soap.stockrecords.update(price=Decimal("120"))
    assert facet(browse(client, url), "price")["฿0–99"] == 1  # nothing said yet
    indexing.index_documents.call({"product": [soap.pk]})
    prices = facet(browse(client, url), "price")
    assert "฿0–99" not in prices
    assert prices["฿100–299"] == 1


def test_the_listed_facets_index_covers_every_facet_column():
    from shop.search.facets import FACETS
    from shop.search.models import SearchDocument

    (index,) = [
        i for i in SearchDocument._meta.indexes if i.name == "search_doc_listed_facets"
    ]
    covered = {*index.fields, *index.include}
    assert {facet.column for facet in FACETS} <= covered
    assert {"category_path", "listed_until"} <= covered


def shown_facets(response) -> dict[str, int]:
    """{label: count} of every facet option as the HTML shows it."""
    import re

    html = unescape(response.content.decode())
    return {
        label: int(count)
        for label, count in re.findall(
            r'<span class="facet__label">([^<]*)</span>\s*'
            r'<span class="facet__count">(\d+)</span>',
            html,
        )
    }


def test_the_facet_links_show_each_moment_s_counts_in_the_visitor_s_language(
    client,
    silk_shop,  # noqa: F811
):
    url = reverse("catalogue:index")
    before = shown_facets(browse(client, url))
    assert before["★★★★★"] == 2 and before["ขอนแก่น"] == 1

    # The same block again (remembered) until a count changes: then the new count.
    assert shown_facets(browse(client, url)) == before
    silk_shop[0].is_public = False
    silk_shop[0].save()
    after = shown_facets(browse(client, url))
    assert after["★★★★★"] == 1 and "ขอนแก่น" not in after

    english = shown_facets(browse(client, url.replace("/th/", "/en/", 1)))
    assert english["★★★★★"] == 1 and "ขอนแก่น" not in english
    assert "Textiles and clothing" in english and "ผ้า เครื่องแต่งกาย" in after
