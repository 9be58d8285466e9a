"""Producer A's staff against producer B's data: every attempt is refused (403 or 404)
and not one row of the shop changes."""

import csv
import io

from oscar.core.loading import get_model

import pytest

from .shop import form_data, make_order, make_product, table_contents

Product = get_model("catalogue", "Product")

DASHBOARD = "/th/dashboard"


@pytest.fixture
def b_variant(b_product):
    """B's product turned into a parent with one variant (a child product)."""
    b_product.structure = Product.PARENT
    b_product.save()
    child = Product.objects.create(
        parent=b_product, structure=Product.CHILD, title="ร่มกระดาษสา สีแดง"
    )
    record = b_product.stockrecords.get()
    child.stockrecords.create(
        partner=record.partner,
        partner_sku="SKU-RED",
        price=record.price,
        num_in_stock=3,
    )
    return child


@pytest.fixture
def b_only_order(b_product):
    return make_order("100002", [(b_product, 1)], email="b-buyer@example.com")


@pytest.fixture
def a_unrated(producer_a):
    """An A product not yet rated: its photos and categories are edited directly."""
    return make_product(producer_a[0], "ผ้าฝ้ายย้อมคราม", rated=False)


def own_product_form(client, product) -> dict:
    return form_data(
        client.get(f"{DASHBOARD}/catalogue/products/{product.pk}/"),
        "create_update_product_form",
    )


def attempts(
    a_product, a_unrated, b_product, b_variant, b_only_order, shared_order, client
):
    """(what, method, url, data) for every way A might reach B's data."""
    b_record = b_variant.stockrecords.get()
    b_image = b_product.images.get()
    b_line = shared_order.lines.get(partner=b_product.producer.partner)
    own = own_product_form(client, a_product)
    own_unrated = own_product_form(client, a_unrated)
    return [
        (
            "edit B's product (form)",
            "get",
            f"/catalogue/products/{b_product.pk}/",
            None,
        ),
        (
            "edit B's product (post)",
            "post",
            f"/catalogue/products/{b_product.pk}/",
            {**own, "stockrecords-0-id": b_record.pk, "stockrecords-0-price": "1.00"},
        ),
        (
            "delete B's product (form)",
            "get",
            f"/catalogue/products/{b_product.pk}/delete/",
            None,
        ),
        (
            "delete B's product",
            "post",
            f"/catalogue/products/{b_product.pk}/delete/",
            {},
        ),
        ("edit B's variant", "get", f"/catalogue/products/{b_variant.pk}/", None),
        (
            "delete B's variant",
            "post",
            f"/catalogue/products/{b_variant.pk}/delete/",
            {},
        ),
        (
            "add a variant to B's product",
            "post",
            f"/catalogue/products/{b_product.pk}/create-variant/",
            {"title": "ปลอม"},
        ),
        (
            "B's stock record through A's own form",
            "post",
            f"/catalogue/products/{a_product.pk}/",
            {
                **own,
                "stockrecords-0-id": b_record.pk,
                "stockrecords-0-num_in_stock": "0",
            },
        ),
        (
            "stock under B's partner on A's product",
            "post",
            f"/catalogue/products/{a_product.pk}/",
            {
                **own,
                "stockrecords-1-partner": b_record.partner_id,
                "stockrecords-1-partner_sku": "X",
                "stockrecords-1-price": "1",
                "stockrecords-1-num_in_stock": "1",
            },
        ),
        (
            "delete B's photo through A's own form",
            "post",
            f"/catalogue/products/{a_unrated.pk}/",
            {**own_unrated, "images-0-id": b_image.pk, "images-0-DELETE": "on"},
        ),
        (
            "take B's photo down through A's listing revision",
            "post",
            f"/review/products/{a_product.pk}/revision/",
            {"title": "ผ้าไหมมัดหมี่", "removed_images": b_image.pk},
        ),
        (
            "propose a change to B's product",
            "get",
            f"/review/products/{b_product.pk}/revision/",
            None,
        ),
        (
            "withdraw B's proposal",
            "post",
            f"/review/products/{b_product.pk}/revision/withdraw/",
            {},
        ),
        (
            "bulk price change on B's variant",
            "post",
            "/catalogue/",
            {"action": "set_product_price", "selected_product": [b_product.pk]},
        ),
        (
            "bulk take B's product off sale",
            "post",
            "/catalogue/",
            {"action": "make_products_non_public", "selected_product": [b_product.pk]},
        ),
        (
            "bulk publish (staff only)",
            "post",
            "/catalogue/",
            {"action": "make_products_public", "selected_product": [a_product.pk]},
        ),
        ("product lookup", "get", "/catalogue/product-lookup/?q=ร่ม", None),
        ("B's order", "get", f"/orders/{b_only_order.number}/", None),
        (
            "B's order line",
            "get",
            f"/orders/{b_only_order.number}/lines/{b_only_order.lines.get().pk}/",
            None,
        ),
        (
            "status of B's order",
            "post",
            f"/orders/{b_only_order.number}/",
            {"order_action": "change_order_status", "new_status": "Cancelled"},
        ),
        (
            "status of the shared order",
            "post",
            f"/orders/{shared_order.number}/",
            {"order_action": "change_order_status", "new_status": "Cancelled"},
        ),
        (
            "note on the shared order",
            "post",
            f"/orders/{shared_order.number}/",
            {"order_action": "save_note", "message": "hello"},
        ),
        (
            "ship B's line of the shared order",
            "post",
            f"/orders/{shared_order.number}/",
            {
                "line_action": "create_shipping_event",
                "selected_line": [b_line.pk],
                f"selected_line_qty_{b_line.pk}": "1",
                "shipping_event_type": "shipped",
            },
        ),
        (
            "B's line of the shared order",
            "get",
            f"/orders/{shared_order.number}/lines/{b_line.pk}/",
            None,
        ),
        (
            "the buyer's address",
            "get",
            f"/orders/{shared_order.number}/shipping-address/",
            None,
        ),
        (
            "bulk status change on orders",
            "post",
            "/orders/",
            {
                "action": "change_order_statuses",
                "selected_order": [shared_order.pk],
                "new_status": "Cancelled",
            },
        ),
        (
            "CSV export of B's order",
            "post",
            "/orders/",
            {"action": "download_selected_orders", "selected_order": [b_only_order.pk]},
        ),
        ("order statistics", "get", "/orders/statistics/", None),
        ("the review desk", "get", "/review/", None),
        ("OPC ratings", "get", "/review/ratings/", None),
        (
            "award stars",
            "post",
            "/review/ratings/",
            {"products": [a_product.pk], "stars": "5", "year": "2568"},
        ),
        (
            "B's registration",
            "post",
            f"/review/registrations/{b_product.producer_id}/",
            {"status": "suspended"},
        ),
    ]


def test_every_attempt_on_b_is_refused_and_changes_nothing(
    client_a, a_product, a_unrated, b_product, b_variant, b_only_order, shared_order
):
    tried = attempts(
        a_product, a_unrated, b_product, b_variant, b_only_order, shared_order, client_a
    )
    failures = []
    for what, method, url, data in tried:
        before = table_contents()
        if method == "get":
            response = client_a.get(DASHBOARD + url)
        else:
            response = client_a.post(DASHBOARD + url, data)
        if response.status_code not in (403, 404):
            failures.append(f"{what}: HTTP {response.status_code}")
        if table_contents() != before:
            failures.append(f"{what}: the database changed")
    assert not failures, "\n".join(failures)
    assert len(tried) == 32


def test_a_sees_only_its_share_of_an_order_with_both_producers(
    client_a, shared_order, a_product, b_product
):
    response = client_a.get(f"{DASHBOARD}/orders/{shared_order.number}/")
    assert response.status_code == 200
    page = response.content.decode()
    # A's line and what A needs to ship it.
    assert "ผ้าไหมมัดหมี่" in page and "1,290.00" in page
    for needed in ("สมชาย", "99/1 หมู่ 3", "50130", "+66812345678"):
        assert needed in page
    # Nothing of B's line, nor of the order as a whole, nor of the buyer beyond that.
    b_line = shared_order.lines.get(partner=b_product.producer.partner)
    for hidden in (
        "ร่มกระดาษสา",
        b_product.upc,
        "450.00",
        "900.00",
        str(shared_order.total_incl_tax),
        "2,240.00",
        "somchai@example.com",
        "Billing",
        "Sukhumvit",
        f"/lines/{b_line.pk}/",
    ):
        assert hidden not in page, hidden


def test_a_order_list_and_csv_hold_only_a_share(
    client_a, shared_order, b_only_order, a_product
):
    page = client_a.get(f"{DASHBOARD}/orders/").content.decode()
    assert shared_order.number in page
    assert b_only_order.number not in page
    assert "somchai@example.com" not in page and "Billing" not in page
    assert str(shared_order.total_incl_tax) not in page

    response = client_a.get(f"{DASHBOARD}/orders/?response_format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [shared_order.number]
    header, row = rows[0], rows[1]
    assert dict(zip(header, row, strict=True))["มูลค่าสินค้าของคุณ"] == "1290.00"
    assert "somchai@example.com" not in response.content.decode()

    response = client_a.post(
        f"{DASHBOARD}/orders/",
        {"action": "download_selected_orders", "selected_order": [shared_order.pk]},
    )
    assert response.status_code == 200
    assert "ร่มกระดาษสา" not in response.content.decode()


def test_a_can_ship_its_own_line_of_the_shared_order(client_a, shared_order, a_product):
    a_line = shared_order.lines.get(partner=a_product.producer.partner)
    response = client_a.post(
        f"{DASHBOARD}/orders/{shared_order.number}/",
        {
            "line_action": "create_shipping_event",
            "selected_line": [a_line.pk],
            f"selected_line_qty_{a_line.pk}": "1",
            "shipping_event_type": "shipped",
            "reference": "EF123456789TH",
        },
    )
    assert response.status_code == 302
    event = shared_order.shipping_events.get()
    assert list(event.lines.all()) == [a_line]


def test_product_list_shows_only_own_products(client_a, a_product, b_product):
    page = client_a.get(f"{DASHBOARD}/catalogue/").content.decode()
    assert "ผ้าไหมมัดหมี่" in page
    assert "ร่มกระดาษสา" not in page
    page = client_a.get(f"{DASHBOARD}/catalogue/?upc={b_product.upc}").content.decode()
    assert "ร่มกระดาษสา" not in page


def test_a_dashboard_home_counts_only_a_share(client_a, shared_order):
    page = client_a.get(f"{DASHBOARD}/").content.decode()
    assert "1,290.00" in page  # A's line
    assert "2,240.00" not in page and "2,190.00" not in page  # the order, B's included


def test_a_changes_its_own_prices_in_bulk(client_a, a_product, producer_a):
    second = make_product(producer_a[0], "ผ้าไหมแพรวา", price="2500.00")
    response = client_a.post(
        f"{DASHBOARD}/catalogue/",
        {"action": "set_product_price", "selected_product": [a_product.pk, second.pk]},
    )
    assert response.status_code == 302
    confirm_url = response["Location"]
    data = form_data(client_a.get(confirm_url))
    data.update({"increase_by_percentage": "10", "confirm_irreversible": "on"})
    response = client_a.post(confirm_url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    prices = sorted(
        p.stockrecords.get().price
        for p in Product.objects.filter(producer=producer_a[0])
    )
    assert [str(p) for p in prices] == ["1419.00", "2750.00"]
