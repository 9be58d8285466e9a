"""A producer changes its listed product: price and stock at once, title, description,
categories and photos only once staff approve; the shop keeps the approved version."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from oscar.core.loading import get_model

import pytest

from catalogue.categories import ensure_official_categories
from catalogue.producers.models import ListingRevision
from catalogue.registry_import import otop_product_class

from .shop import form_data, jpeg_bytes, make_product

Product = get_model("catalogue", "Product")

DASHBOARD = "/th/dashboard"


def storefront(client, product) -> str:
    return client.get(product.get_absolute_url()).content.decode()


def propose(client, product, **changes):
    url = f"{DASHBOARD}/review/products/{product.pk}/revision/"
    data = form_data(client.get(url), "revision-form")
    data.update(changes)
    return client.post(url, data)


def test_price_and_stock_change_at_once_but_the_title_field_is_ignored(
    client_a, a_product
):
    url = f"{DASHBOARD}/catalogue/products/{a_product.pk}/"
    page = client_a.get(url).content.decode()
    assert "disabled" in page and 'name="title"' in page
    data = form_data(client_a.get(url), "create_update_product_form")
    data.update(
        {
            "title": "ชื่อใหม่ที่ยังไม่ได้อนุมัติ",  # a hand-made field: disabled, ignored
            "description": "<p>ใหม่</p>",
            "stockrecords-0-price": "1390.00",
            "stockrecords-0-num_in_stock": "4",
            "weight_grams": "450",
        }
    )
    response = client_a.post(url, data)
    assert response.status_code == 302

    a_product.refresh_from_db()
    record = a_product.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("1390.00"), 4)
    assert a_product.weight_grams == 450
    assert a_product.title == "ผ้าไหมมัดหมี่"
    assert a_product.description == "รายละเอียดของผ้าไหมมัดหมี่"
    assert not ListingRevision.objects.exists()


def test_a_proposed_change_waits_and_staff_approval_puts_it_live(
    client, client_a, producer_a, a_product, staff
):
    old_image = a_product.images.get()
    categories = ensure_official_categories()
    response = propose(
        client_a,
        a_product,
        title="ผ้าไหมมัดหมี่ลายนาคน้อย",
        title_en="Naga mudmee silk",
        categories=[categories["textiles"].pk, categories["household"].pk],
        removed_images=[old_image.pk],
        new_photos=SimpleUploadedFile(
            "naga.jpg", jpeg_bytes((1600, 1200)), "image/jpeg"
        ),
    )
    assert response.status_code == 302
    revision = ListingRevision.objects.get()
    assert revision.status == ListingRevision.Status.PENDING
    assert revision.submitted_by == producer_a[1]

    # The live product and the shop are untouched meanwhile.
    a_product.refresh_from_db()
    assert a_product.title == "ผ้าไหมมัดหมี่"
    assert list(a_product.images.all()) == [old_image]
    client.logout()
    page = storefront(client, a_product)
    assert "ผ้าไหมมัดหมี่" in page and "ลายนาคน้อย" not in page
    # The producer sees that it waits.
    assert (
        "revision-pending"
        in client_a.get(
            f"{DASHBOARD}/review/products/{a_product.pk}/revision/"
        ).content.decode()
    )

    client.force_login(staff)
    desk = client.get(f"{DASHBOARD}/review/").content.decode()
    assert "ผ้าไหมมัดหมี่ลายนาคน้อย" in desk
    response = client.post(
        f"{DASHBOARD}/review/revisions/{revision.pk}/", {"decision": "approve"}
    )
    assert response.status_code == 302

    a_product.refresh_from_db()
    assert (a_product.title, a_product.title_en) == (
        "ผ้าไหมมัดหมี่ลายนาคน้อย",
        "Naga mudmee silk",
    )
    assert {c.slug for c in a_product.categories.all()} == {"textiles", "household"}
    image = a_product.images.get()
    assert image.pk != old_image.pk and image.original.name.endswith(".jpg")
    revision.refresh_from_db()
    assert revision.status == ListingRevision.Status.APPROVED
    assert revision.decided_by == staff
    client.logout()
    assert "ผ้าไหมมัดหมี่ลายนาคน้อย" in storefront(client, a_product)


def test_editing_again_updates_the_pending_change_and_it_can_be_withdrawn(
    client_a, a_product
):
    propose(client_a, a_product, title="ชื่อที่หนึ่ง")
    propose(client_a, a_product, title="ชื่อที่สอง")
    revision = ListingRevision.objects.get()
    assert revision.title == "ชื่อที่สอง"

    response = client_a.post(
        f"{DASHBOARD}/review/products/{a_product.pk}/revision/withdraw/"
    )
    assert response.status_code == 302
    assert not ListingRevision.objects.exists()
    a_product.refresh_from_db()
    assert a_product.title == "ผ้าไหมมัดหมี่"


def test_a_proposal_identical_to_the_shop_is_refused(client_a, a_product):
    response = propose(client_a, a_product)
    assert response.status_code == 200
    assert "ไม่มีอะไรต่างจากที่ร้านแสดงอยู่ตอนนี้" in response.content.decode()
    assert not ListingRevision.objects.exists()


def test_rejection_needs_a_reason_and_the_producer_reads_it(
    client, client_a, a_product, staff
):
    propose(client_a, a_product, title="ผ้าไหมที่ดีที่สุดในโลก")
    revision = ListingRevision.objects.get()
    client.force_login(staff)
    url = f"{DASHBOARD}/review/revisions/{revision.pk}/"
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 200
    revision.refresh_from_db()
    assert revision.status == ListingRevision.Status.PENDING

    client.post(url, {"decision": "reject", "reason": "ชื่อโฆษณาเกินจริง"})
    revision.refresh_from_db()
    assert revision.status == ListingRevision.Status.REJECTED
    client.force_login(a_product.producer.partner.users.get())
    page = client.get(
        f"{DASHBOARD}/review/products/{a_product.pk}/revision/"
    ).content.decode()
    assert "ชื่อโฆษณาเกินจริง" in page
    a_product.refresh_from_db()
    assert a_product.title == "ผ้าไหมมัดหมี่"


def test_an_unrated_product_is_edited_directly(client_a, producer_a):
    product = make_product(producer_a[0], "ผ้าฝ้ายย้อมคราม", rated=False)
    url = f"{DASHBOARD}/catalogue/products/{product.pk}/"
    data = form_data(client_a.get(url), "create_update_product_form")
    data["title"] = "ผ้าฝ้ายย้อมครามธรรมชาติ"
    assert client_a.post(url, data).status_code == 302
    product.refresh_from_db()
    assert product.title == "ผ้าฝ้ายย้อมครามธรรมชาติ"
    assert not product.is_eligible  # still unrated: not in the shop
    assert (
        client_a.get(f"{DASHBOARD}/review/products/{product.pk}/revision/").status_code
        == 302
    )


@pytest.mark.parametrize("field", ["producer", "is_public", "upc", "slug"])
def test_a_producer_cannot_set_staff_fields_on_its_product(
    client_a, a_product, producer_b, field
):
    url = f"{DASHBOARD}/catalogue/products/{a_product.pk}/"
    data = form_data(client_a.get(url), "create_update_product_form")
    forged = {
        "producer": producer_b[0].pk,
        "is_public": "",
        "upc": "FORGED-1",
        "slug": "forged",
    }
    data[field] = forged[field]
    before = Product.objects.values().get(pk=a_product.pk)
    assert client_a.post(url, data).status_code == 302
    after = Product.objects.values().get(pk=a_product.pk)
    assert after["producer_id"] == before["producer_id"] == a_product.producer_id
    assert (after["is_public"], after["upc"], after["slug"]) == (
        before["is_public"],
        before["upc"],
        before["slug"],
    )


def test_a_new_product_belongs_to_the_producer_whatever_the_form_says(
    client_a, producer_a, producer_b, a_product
):
    url = f"{DASHBOARD}/catalogue/products/create/otop-product/"
    data = form_data(client_a.get(url), "create_update_product_form")
    categories = ensure_official_categories()
    data.update(
        {
            "title": "ผ้าขาวม้าทอมือ",
            "producer": producer_b[0].pk,  # forged
            "opc_stars": "5",  # no such field for anyone
            "status": "active",
            "productcategory_set-0-category": categories["textiles"].pk,
            "stockrecords-0-partner_sku": "PKM-1",
            "stockrecords-0-price": "250",
            "stockrecords-0-num_in_stock": "20",
        }
    )
    response = client_a.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    product = Product.objects.get(title="ผ้าขาวม้าทอมือ")
    assert product.producer == producer_a[0]
    assert not product.opc_ratings.exists()
    assert not product.is_eligible
    assert product.stockrecords.get().partner == producer_a[0].partner
    producer_b[0].refresh_from_db()
    assert producer_b[0].status == "active"


def test_staff_choose_the_producer_of_a_new_product(staff_client, producer_b):
    otop_product_class()
    url = f"{DASHBOARD}/catalogue/products/create/otop-product/"
    data = form_data(staff_client.get(url), "create_update_product_form")
    categories = ensure_official_categories()
    data.update(
        {
            "title": "ร่มลายดอกไม้",
            "producer": producer_b[0].pk,
            "productcategory_set-0-category": categories["household"].pk,
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Product.objects.get(title="ร่มลายดอกไม้").producer == producer_b[0]


def test_a_proposed_description_keeps_formatting_but_nothing_that_runs(
    client_a, a_product
):
    propose(
        client_a,
        a_product,
        description='<p onclick="steal()">ทอมือ <strong>100%</strong></p>'
        '<script>alert(1)</script><img src="https://evil.example/x" onerror="steal()">'
        '<a href="javascript:steal()">ลิงก์</a>',
        description_en="Hand-woven.\n\nNatural dyes & silk.",
    )
    revision = ListingRevision.objects.get()
    assert revision.description == "<p>ทอมือ <strong>100%</strong></p>alert(1)ลิงก์"
    assert (
        revision.description_en
        == "<p>Hand-woven.</p>\n\n<p>Natural dyes &amp; silk.</p>"
    )
