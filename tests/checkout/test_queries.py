"""Queries per checkout page: what the per-producer split adds does not grow with the
basket (the rest is Oscar's basket and strategy, per line, as on the basket page)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from catalogue.models import Product
from catalogue.registry_import import import_opc

from .shop import _opc, checkout_up_to_preview, place_order

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_producer_split_costs_the_same_for_any_basket(client, shop, settings):
    settings.STRIPE_SECRET_KEY = ""
    import_opc(
        [
            (
                2,
                _opc(
                    "SILK-2",
                    "OTOP-50-000001",
                    "เชียงใหม่",
                    "ผ้าไหมลายน้ำไหล",
                    "Nam Lai silk",
                    "textiles",
                    "900",
                    5,
                ),
            )
        ]
    )
    small, large = client, type(client)()
    checkout_up_to_preview(small, (shop.silk, 1), (shop.chili, 1))
    checkout_up_to_preview(
        large, (shop.silk, 1), (shop.chili, 1), (Product.objects.get(upc="SILK-2"), 1)
    )

    extra = {
        name: queries(large, url) - queries(small, url)
        for name, url in [
            ("address", "/th/checkout/shipping-address/"),
            ("preview", "/th/checkout/preview/"),
        ]
    }
    place_order(small)
    place_order(large)
    extra["thank-you"] = queries(large, "/th/checkout/thank-you/") - queries(
        small, "/th/checkout/thank-you/"
    )
    print(f"\nqueries for one more line (same producers): {extra}")
    # The address step renders no lines: its growth is Oscar's per-line basket check.
    assert extra["preview"] == extra["address"]
    assert extra["thank-you"] == 0
