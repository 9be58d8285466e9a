"""A producer's stock edit and the orders placed meanwhile (found by benchmarks/soak.py):
stock may not be set below the units orders hold (a form error, not the database's
check constraint as a 500), and saving the form never writes back an allocation it
read before an order changed it."""

from __future__ import annotations

from oscar.core.loading import get_model

import pytest

from shop.dashboard.catalogue.forms import StockRecordForm
from tests.producers.shop import form_data, make_producer, make_product

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(db):
    producer, member = make_producer(
        "OTOP-50-000001", "กลุ่มทอผ้าบ้านดอนหลวง", "Ban Don Luang", "member@example.com"
    )
    product = make_product(producer, "ผ้าไหมมัดหมี่", stock=10, photo=False)
    record = product.stockrecords.get()
    StockRecord.objects.filter(pk=record.pk).update(num_allocated=6)  # 6 in orders
    return product, record, member


def test_stock_below_what_orders_hold_is_a_form_error(client, listed):
    product, record, member = listed
    client.force_login(member)
    url = f"/th/dashboard/catalogue/products/{product.pk}/"
    data = form_data(client.get(url), "create_update_product_form")
    response = client.post(url, {**data, "stockrecords-0-num_in_stock": "4"})
    assert response.status_code == 200
    assert "อย่างน้อย 6 ชิ้น" in response.content.decode()
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (10, 6)

    response = client.post(url, {**data, "stockrecords-0-num_in_stock": "8"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (8, 6)


def test_saving_keeps_the_allocation_orders_made_after_the_form_was_read(listed):
    product, record, member = listed
    stale = StockRecord.objects.get(pk=record.pk)  # read when the form was built…
    StockRecord.objects.filter(pk=record.pk).update(num_allocated=9)  # …an order
    form = StockRecordForm(
        product.product_class,
        member,
        data={
            "partner": record.partner_id,
            "partner_sku": record.partner_sku,
            "price_currency": "THB",
            "price": "400.00",
            "num_in_stock": "12",
        },
        instance=stale,
    )
    assert form.is_valid(), form.errors
    form.save()
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (12, 9)
