"""Oscar's analytics, written after the request's transaction and never by an
anonymous GET; Oscar's product report still shows views, additions and purchases."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oscar.core.loading import get_model

import pytest

from tests.checkout.shop import build_shop, checkout_up_to_preview, place_order

ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")
UserProductView = get_model("analytics", "UserProductView")

pytestmark = pytest.mark.django_db

ANALYTICS = re.compile(
    r"analytics_(productrecord|userrecord|userproductview|usersearch)"
)
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if WRITE.match(q["sql"])]


def analytics_sql(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if ANALYTICS.search(q["sql"])]


def record(product) -> tuple[int, int, int]:
    r = ProductRecord.objects.filter(product=product).first()
    return (r.num_views, r.num_basket_additions, r.num_purchases) if r else (0, 0, 0)


def test_anonymous_browsing_writes_nothing_to_the_database(
    client, django_capture_on_commit_callbacks
):
    shop = build_shop()
    pages = [
        "/th/catalogue/",
        shop.silk.get_absolute_url(),
        shop.chili.get_absolute_url(),
        "/th/search/?q=ผ้าไหม",
        "/th/basket/",
        "/th/places/",
        shop.silk.get_absolute_url(),
    ]
    with CaptureQueriesContext(connection) as first_visit:
        for url in pages:
            assert client.get(url).status_code == 200, url
    # The only writes a first visit may make: sorl-thumbnail noting, once per image
    # ever, where it stored a product photo's thumbnail (none if an earlier test in
    # this process already rendered the same placeholder photo).
    assert {w.split("(")[0] for w in writes(first_visit)} <= {
        'INSERT INTO "thumbnail_kvstore" '
    }
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with CaptureQueriesContext(connection) as queries:
            for url in pages:
                assert client.get(url).status_code == 200, url
    assert writes(queries) == [] and callbacks == []
    assert not ProductRecord.objects.exists()

    # The views were counted all the same, and reach Oscar's records in one batch.
    out = call_command_output("record_product_views")
    assert out == "6 product views recorded."
    assert record(shop.silk) == (4, 0, 0) and record(shop.chili) == (2, 0, 0)
    assert call_command_output("record_product_views") == "0 product views recorded."


def call_command_output(name: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command(name, stdout=out)
    return out.getvalue().strip()


def test_counters_are_written_after_the_basket_and_order_transactions(
    client, django_capture_on_commit_callbacks
):
    shop = build_shop()
    client.get(shop.silk.get_absolute_url())  # an anonymous view, in the cache

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with CaptureQueriesContext(connection) as queries:
            checkout_up_to_preview(client, (shop.silk, 2), (shop.chili, 1))
            assert place_order(client)["Location"].endswith("/thank-you/")
    # Nothing touched analytics_* while the basket and order transactions held
    # their rows (the stock rows above all).
    assert analytics_sql(queries) == []
    assert record(shop.silk) == (0, 0, 0)

    for callback in callbacks:  # the transactions commit
        callback()
    # two additions, one order of 2 silk + 1 chili; the anonymous view came along
    assert record(shop.silk) == (1, 1, 2)
    assert record(shop.chili) == (0, 1, 1)


def test_a_signed_in_buyer_is_counted_and_oscars_report_shows_it(
    client, django_capture_on_commit_callbacks
):
    shop = build_shop()
    buyer = get_user_model().objects.create_user("somchai", "somchai@example.com", "x")
    client.force_login(buyer)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.get(shop.silk.get_absolute_url())
        client.post(f"/th/basket/add/{shop.silk.pk}/", {"quantity": 1})
    assert record(shop.silk) == (3, 1, 0)
    user_record = UserRecord.objects.get(user=buyer)
    assert (user_record.num_product_views, user_record.num_basket_additions) == (3, 1)
    assert UserProductView.objects.filter(user=buyer, product=shop.silk).count() == 3

    staff = get_user_model().objects.create_superuser("boss", "boss@otop.example", "x")
    client.force_login(staff)
    page = client.get(
        "/th/dashboard/reports/", {"report_type": "product_analytics"}
    ).content.decode()
    row = re.search(r"ผ้าไหมมัดหมี่ทอมือ</a>\s*</td>(.*?)</tr>", page, re.S)
    assert row, page[:3000]
    assert re.findall(r"<td>(\d+)</td>", row.group(1)) == ["3", "1", "0"]
