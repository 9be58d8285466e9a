"""A producer runs the group from a phone (390×844, in Thai): changes a price, then
the stock, proposes a new photo (a real JPEG), finds the new order and sends its
parcel with a courier and a tracking number. After each step: what the producer sees,
what the database holds, no sideways scroll, and every button, link and field at
least 44 px each way. Screenshots: artifacts/screenshots/producer-phone-*.png."""

import json
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

from catalogue.producers.membership import join_producer
from catalogue.producers.models import ListingRevision
from shop.order.shipments import ProducerShipment
from tests.browser.conftest import ARTIFACTS
from tests.checkout.shop import (
    StockRecord,
    build_shop,
    checkout_up_to_preview,
    place_order,
)
from tests.producers.shop import jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "otop-demo-2026"
WIDTH, HEIGHT = 390, 844

# Tap targets smaller than 44×44 px. A link inside a sentence (its parent has words of
# its own) is exempt, WCAG 2.5.5's "inline" exception; a link in a row of links is not.
# A checkbox or radio counts with its label.
SMALL_TARGETS = r"""() => {
  const small = [];
  const targets = document.querySelectorAll(
    'a[href], button, select, textarea, input:not([type=hidden])');
  for (const el of targets) {
    if (el.offsetParent === null) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') {
      // In a sentence: the link's parent has words of its own around it.
      const words = [...el.parentElement.childNodes].some(
        node => node.nodeType === 3 && /[\p{L}\p{N}]/u.test(node.textContent));
      if (words) continue;
    }
    let {width, height} = box;
    if ((el.type === 'checkbox' || el.type === 'radio') && el.labels.length) {
      const label = el.labels[0].getBoundingClientRect();
      width = Math.max(width, label.width); height = Math.max(height, label.height);
    }
    if (width < 44 || height < 44) {
      small.push({tag: el.tagName, cls: el.className.toString().slice(0, 40),
                  text: (el.innerText || el.name || el.value || '').trim().slice(0, 30),
                  width: Math.round(width), height: Math.round(height)});
    }
  }
  return small;
}"""


@pytest.fixture
def producer_with_an_order(db, home_pages):
    shop = build_shop()
    member = get_user_model().objects.create_user(
        "member", "member@donluang.example", PASSWORD
    )
    join_producer(member, shop.weavers)
    buyer = Client()
    checkout_up_to_preview(buyer, (shop.silk, 2), email="somsri@example.com")
    assert place_order(buyer).status_code == 302
    return shop, ProducerShipment.objects.get(partner=shop.weavers.partner)


class Screens:
    """Checks each screen the producer lands on; the failures are gathered so that
    one run reports every screen that is too wide or has small targets."""

    def __init__(self, page) -> None:
        self.page = page
        self.too_wide: dict[str, int] = {}
        self.too_small: dict[str, list] = {}
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def check(self, name: str) -> None:
        page = self.page
        page.wait_for_load_state("load")
        page.screenshot(
            path=str(ARTIFACTS / f"producer-phone-{name}.png"), full_page=True
        )
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            self.too_wide[name] = width
        if small := page.evaluate(SMALL_TARGETS):
            self.too_small[name] = small


def follow(target) -> None:
    """Click a link or a submit button and wait for the page it leads to: a click
    returns at once, and the old page (which may hold the same alert or status box)
    must not be read as the new one."""
    with target.page.expect_navigation():
        target.click()


def test_a_producer_walks_price_stock_photo_order_and_parcel_on_a_phone(
    live_server, browser, producer_with_an_order, tmp_path
):
    shop, shipment = producer_with_an_order
    order = shipment.order
    record = StockRecord.objects.get(product=shop.silk)
    assert (record.price, record.num_in_stock) == (Decimal("1290.00"), 5)
    photo = tmp_path / "silk-on-the-loom.jpg"
    photo.write_bytes(jpeg_bytes((1200, 900), (130, 40, 90)))

    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT},
        locale="th-TH",
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    screens = Screens(page)
    base = live_server.url

    page.goto(f"{base}/th/dashboard/login/")
    screens.check("0-login")
    page.fill("#id_username", "member@donluang.example")
    page.fill("#id_password", PASSWORD)
    page.locator("#dashboard_login_form [type=submit]").click()
    page.wait_for_url(f"{base}/th/dashboard/")
    screens.check("1-dashboard")

    # 1. The price.
    follow(page.get_by_role("link", name="จัดการสินค้า"))
    screens.check("2-products")
    follow(page.get_by_role("link", name="ผ้าไหมมัดหมี่ทอมือ").first)
    page.locator("a[href='#product_stock']").click()
    screens.check("3-stock-and-price")
    page.fill("input[name$='-price']", "1350")
    follow(page.locator("button[name=action][value=continue]"))
    assert "ผ้าไหมมัดหมี่ทอมือ" in page.locator(".alert-success").inner_text()
    record.refresh_from_db()
    assert record.price == Decimal("1350.00") and record.num_in_stock == 5
    page.locator("a[href='#product_stock']").click()
    assert page.input_value("input[name$='-price']") == "1350.00"
    screens.check("4-price-saved")

    # 2. The stock.
    page.fill("input[name$='-num_in_stock']", "12")
    follow(page.locator("button[name=action][value=continue]"))
    assert page.locator(".alert-success").is_visible()
    record.refresh_from_db()
    assert record.num_in_stock == 12 and record.price == Decimal("1350.00")
    page.locator("a[href='#product_stock']").click()
    assert page.input_value("input[name$='-num_in_stock']") == "12"
    screens.check("5-stock-saved")

    # 3. A photo: the product is listed, so a new photo waits for the department.
    page.locator("a[href='#product_details']").click()
    follow(page.locator("#listing-revision-status a"))
    screens.check("6-proposal")
    page.set_input_files("#id_new_photos", str(photo))
    follow(page.locator("#revision-form [type=submit]"))
    assert page.locator("#revision-pending").is_visible()
    screens.check("7-photo-waiting")
    revision = ListingRevision.objects.get(product=shop.silk)
    assert revision.status == ListingRevision.Status.PENDING
    [new_photo] = revision.new_photos.all()
    assert new_photo.original.name.endswith(".jpg")

    # 4. The new order: on the dashboard, then its parcel.
    page.goto(f"{base}/th/dashboard/")
    follow(page.get_by_role("link", name="คำสั่งซื้อที่ต้องจัดส่ง"))
    assert order.number in page.locator("main, #default, body").first.inner_text()
    screens.check("8-orders")
    page.goto(f"{base}/th/producer/shipments/")
    screens.check("9-parcels")
    follow(page.get_by_role("link", name=order.number).first)
    assert "ผ้าไหมมัดหมี่ทอมือ" in page.content() and "× 2" in page.content()
    screens.check("10-parcel")
    follow(page.get_by_role("button", name="รับคำสั่งซื้อ"))
    assert "รับคำสั่งซื้อแล้ว" in page.locator(".shipment-status").inner_text()
    shipment.refresh_from_db()
    assert shipment.status == ProducerShipment.Status.ACCEPTED
    screens.check("11-accepted")

    # 5. Sent: the courier and the tracking number.
    page.select_option("#id_courier", "flash")
    page.fill("#id_tracking_number", "TH0123456789A")
    follow(page.get_by_role("button", name="แจ้งว่าจัดส่งแล้ว"))
    status = page.locator(".shipment-status").inner_text()
    assert "จัดส่งแล้ว" in status and "แฟลช เอ็กซ์เพรส" in status
    assert "TH0123456789A" in status
    shipment.refresh_from_db()
    assert shipment.status == ProducerShipment.Status.SHIPPED
    assert (shipment.courier, shipment.tracking_number) == ("flash", "TH0123456789A")
    screens.check("12-shipped")
    context.close()

    report = json.dumps(
        {"too_wide": screens.too_wide, "too_small": screens.too_small},
        ensure_ascii=False,
        indent=1,
    )
    (ARTIFACTS / "producer-phone-targets.json").write_text(report)
    assert not screens.too_wide, report
    assert not screens.too_small, report
