"""Issue 15 in a real browser, with screenshots: a product's certificate badges, the
catalogue narrowed by a facet link (no JavaScript needed), and a producer's monthly
statement.

The shop is demo-like: several groups, products of every category with the demo's
drawn photos. `OTOP_DOCS_SCREENSHOTS=1` also writes the README's pictures to
docs/screenshots/ (the visible part of the page, as small 256-colour PNGs)."""

import io
import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from oscar.core.loading import get_model

import pytest
from PIL import Image

from catalogue.certificates import Certificate
from catalogue.register import OpcRating
from demo.photos import draw_product_photo
from shop.order.shipments import ProducerShipment
from tests.browser.test_producer_journey import log_in, snap
from tests.producers.shop import make_order, make_producer, make_product

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ProductImage = get_model("catalogue", "ProductImage")


# (Thai title, English title, category, price, stars) for the other groups' products.
OTHERS = {
    ("OTOP-50-000002", "วิสาหกิจชุมชนน้ำพริกแม่ออน", "Mae On Chili Paste"): [
        ("น้ำพริกนรกปลาย่าง", "Grilled fish chili paste", "food", "120.00", 5),
        ("น้ำพริกหนุ่ม", "Green chili dip", "food", "95.00", 4),
        ("ข้าวแต๋นน้ำแตงโม", "Rice crackers with watermelon", "food", "65.00", 3),
    ],
    ("OTOP-50-000003", "กลุ่มจักสานบ้านแม่ปูคา", "Mae Pu Kha Basketry"): [
        ("ตะกร้าไม้ไผ่สาน", "Woven bamboo basket", "household", "450.00", 4),
        ("แจกันเซรามิกเคลือบศิลาดล", "Celadon vase", "household", "1850.00", 5),
        ("โคมไฟกระดาษสา", "Mulberry paper lamp", "household", "690.00", 4),
    ],
    ("OTOP-50-000004", "กลุ่มสมุนไพรบ้านสหกรณ์", "Ban Sahakorn Herbs"): [
        ("ยาหม่องสมุนไพร", "Herbal balm", "herbal", "79.00", 4),
        ("ชาใบหม่อน", "Mulberry leaf tea", "beverages", "150.00", 5),
        ("ลูกประคบสมุนไพร", "Herbal compress", "herbal", "120.00", 3),
    ],
}


def photograph(product, title_en: str, category: str, seed: int) -> None:
    ProductImage.objects.create(
        product=product,
        original=ContentFile(
            draw_product_photo(category, seed, size=600),
            name=f"demo-{product.pk}.jpg",
        ),
        caption=title_en,
    )


def docs_shot(page, name: str) -> None:
    """The full page under artifacts/; with OTOP_DOCS_SCREENSHOTS=1 also the visible
    part of it, optimised, as docs/screenshots/<name>.png."""
    snap(page, name)
    if not os.environ.get("OTOP_DOCS_SCREENSHOTS"):
        return
    DOCS.mkdir(parents=True, exist_ok=True)
    picture = Image.open(io.BytesIO(page.screenshot(full_page=False))).convert("RGB")
    picture = picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    picture.save(DOCS / f"{name}.png", optimize=True)


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
        producer,
        "ผ้าไหมมัดหมี่ทอมือ",
        title_en="Mudmee silk",
        price="1290.00",
        photo=False,
    )
    photograph(silk, "Mudmee silk", "textiles", 1)
    skirt = make_product(
        producer,
        "ผ้าซิ่นตีนจก",
        title_en="Teen jok skirt",
        price="3500.00",
        photo=False,
    )
    photograph(skirt, "Teen jok skirt", "textiles", 2)
    seed = 3
    for (number, name_th, name_en), products in OTHERS.items():
        group, _member = make_producer(
            number, name_th, name_en, f"{number.lower()}@example.com"
        )
        for title, title_en, category, price, stars in products:
            product = make_product(
                group,
                title,
                title_en=title_en,
                category=category,
                price=price,
                rated=False,
                photo=False,
            )
            OpcRating.objects.create(product=product, stars=stars, year=2024)
            photograph(product, title_en, category, seed)
            seed += 1
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
    docs_shot(page, "certificates-th-product")

    page.goto(f"{base}/th/catalogue/")
    page.locator(".facet__option", has_text="฿1,000–2,999").click()
    page.wait_for_url("**price=4**")
    # Silk (฿1,290) and the celadon vase (฿1,850).
    assert page.locator(".product-grid > li").count() == 2
    snap(page, "catalogue-facets-th-price")

    # Four stars, from the full catalogue: six of the eleven products.
    page.goto(f"{base}/th/catalogue/")
    assert page.locator(".product-grid > li").count() == 11
    page.locator('.facet__option[href*="stars=4"]').click()
    page.wait_for_url("**stars=4**")
    assert page.locator(".product-grid > li").count() == 6
    docs_shot(page, "catalogue-facets-th")

    log_in(page, base, "producer@example.com")
    page.goto(f"{base}/th/producer/statements/")
    assert "฿2,630.00" in page.inner_text(".statement")
    docs_shot(page, "statement-th-producer")
