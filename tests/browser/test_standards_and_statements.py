"""Issue 15 in a real browser, with screenshots: a product's certificate badges, the
catalogue narrowed by a facet link (no JavaScript needed), and a producer's monthly
statement."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from oscar.core.loading import get_model

import pytest

from catalogue.certificates import Certificate
from shop.order.shipments import ProducerShipment
from tests.browser.test_producer_journey import log_in, snap
from tests.producers.shop import make_order, make_producer, make_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SourceType = get_model("payment", "SourceType")


@pytest.fixture
def weavers(db, home_pages):
    producer, member = make_producer(
        "OTOP-50-000001",
        "กลุ่มทอผ้าบ้านดอนหลวง",
        "Ban Don Luang Weavers",
        "producer@example.com",
    )
    silk = make_product(
        producer, "ผ้าไหมมัดหมี่ทอมือ", title_en="Mudmee silk", price="1290.00"
    )
    make_product(producer, "ผ้าซิ่นตีนจก", title_en="Teen jok skirt", price="3500.00")
    expires = timezone.localdate() + timedelta(days=400)
    for kind, number, product in (
        ("community", "มผช. 12/2567", silk),
        ("fda", "50-2-01365-2-0001", silk),
        ("gmp", "GMP-5001", None),
    ):
        Certificate.objects.create(
            producer=producer,
            product=product,
            kind=kind,
            number=number,
            expires_on=expires,
            status=Certificate.Status.VERIFIED,
        )
    order = make_order("100001", [(silk, 2)])
    cash, _ = SourceType.objects.get_or_create(
        code="cash-on-delivery", defaults={"name": "Cash on delivery"}
    )
    order.sources.create(source_type=cash, amount_allocated=order.total_incl_tax)
    ProducerShipment.objects.create(
        order=order,
        partner=producer.partner,
        status=ProducerShipment.Status.DELIVERED,
        lines_total=Decimal("2580.00"),
        shipping_charge=Decimal("50.00"),
        delivered_at=timezone.now(),
    )
    return producer, silk


def test_badges_facets_and_a_statement(live_server, page, weavers):
    producer, silk = weavers
    base = live_server.url

    page.goto(base + silk.get_absolute_url())
    badges = page.locator(".certificate-badge")
    assert badges.count() == 3
    assert "มผช. 12/2567" in page.inner_text(".certificates")
    snap(page, "certificates-th-product")

    page.goto(f"{base}/th/catalogue/")
    page.locator(".facet__option", has_text="฿1,000–2,999").click()
    page.wait_for_url("**price=4**")
    assert page.locator(".product-grid > li").count() == 1
    snap(page, "catalogue-facets-th")

    log_in(page, base, "producer@example.com")
    page.goto(f"{base}/th/producer/statements/")
    assert "฿2,630.00" in page.inner_text(".statement")
    snap(page, "statement-th-producer")
