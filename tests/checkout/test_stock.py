"""Stock is checked under lock when an order is placed, and the database itself
refuses to allocate more than is on hand."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.test import Client

from oscar.core.loading import get_model

import pytest

from shop.partner import stock
from shop.partner.strategy import OtopStrategy

from .shop import build_shop, checkout_up_to_preview, place_order

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def test_the_database_refuses_an_allocation_beyond_the_stock(shop):
    record = StockRecord.objects.get(product=shop.silk)
    with pytest.raises(IntegrityError), transaction.atomic():
        record.allocate(6)  # Oscar's own allocate() does not look at the stock: 5 held
    with pytest.raises(IntegrityError), transaction.atomic():
        StockRecord.objects.filter(pk=record.pk).update(
            num_allocated=F("num_in_stock") + 1
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        StockRecord.objects.filter(pk=record.pk).update(num_allocated=-1)
    record.allocate(5)  # everything on hand is fine
    assert shop.stock(shop.silk) == (5, 5)


def test_reserve_names_what_is_short(shop):
    basket = Basket.objects.create()
    basket.strategy = OtopStrategy()
    basket.add_product(shop.silk, 4)
    basket.add_product(shop.chili, 2)
    StockRecord.objects.filter(product=shop.silk).update(num_allocated=3)
    with pytest.raises(stock.OutOfStock) as caught, transaction.atomic():
        stock.reserve(basket.all_lines())
    [shortage] = caught.value.shortages
    assert (shortage.title, shortage.wanted, shortage.available) == (
        "ผ้าไหมมัดหมี่ทอมือ",
        4,
        2,
    )
    assert "ผ้าไหมมัดหมี่ทอมือ" in caught.value.message


def test_the_second_buyer_of_the_last_unit_is_told_and_nothing_is_lost():
    shop = build_shop(silk_stock=1)
    first, second = Client(), Client()
    checkout_up_to_preview(first, (shop.silk, 1))
    checkout_up_to_preview(second, (shop.silk, 1))

    assert place_order(first).status_code == 302
    response = place_order(second)
    print(f"\nsecond buyer: HTTP {response.status_code} to {response.get('Location')}")
    assert response.status_code == 302 and response["Location"].endswith("/basket/")
    assert Order.objects.count() == 1 and shop.stock(shop.silk) == (1, 1)
    basket_page = second.get(response["Location"])
    messages = [str(m) for m in basket_page.context["messages"]]
    assert any("ผ้าไหมมัดหมี่ทอมือ" in m for m in messages), messages


def test_release_gives_back_once(shop):
    client = Client()
    checkout_up_to_preview(client, (shop.silk, 2))
    place_order(client)
    order = Order.objects.get()
    assert shop.stock(shop.silk) == (5, 2)
    assert stock.release(order.lines.all()) == 2
    assert stock.release(order.lines.all()) == 0
    assert shop.stock(shop.silk) == (5, 0)
