"""The screens a producer runs the group from, on a phone (375 px wide, in Thai): no
page scrolls sideways, buttons and form fields are at least 44 px tall, and the bars
carry the site's name, not Oscar's logo. Screenshots:
artifacts/screenshots/producer-mobile-*.png."""

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

from catalogue.producers.membership import join_producer
from shop.order.shipments import ProducerShipment
from tests.checkout.shop import build_shop, checkout_up_to_preview, place_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "otop-demo-2026"
WIDTH = 375

# How far the page reaches past the viewport's right edge, and the widest culprit.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  let worst = null;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > width + 1 && (!worst || r.right > worst.right)) {
      worst = {right: Math.round(r.right), tag: el.tagName,
               cls: el.className && el.className.toString()};
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, worst};
}"""
# Visible buttons and fields shorter than a fingertip.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    '.btn, button, select, input:not([type=checkbox]):not([type=radio]):not([type=hidden])'
  )].filter(el => el.offsetParent !== null)
    .map(el => ({tag: el.tagName, text: (el.innerText || el.name || '').trim().slice(0, 30),
                 height: Math.round(el.getBoundingClientRect().height)}))
    .filter(t => t.height < 44)"""


@pytest.fixture
def parcel(db, home_pages):
    shop = build_shop()
    member = get_user_model().objects.create_user(
        "member", "member@donluang.example", PASSWORD
    )
    join_producer(member, shop.weavers)
    buyer = Client()
    checkout_up_to_preview(buyer, (shop.silk, 1), email="somsri@example.com")
    assert place_order(buyer).status_code == 302
    return shop, ProducerShipment.objects.get(partner=shop.weavers.partner)


def test_the_producers_screens_fit_a_phone(live_server, browser, parcel):
    shop, shipment = parcel
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 812}, locale="th-TH", is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    base = live_server.url
    page.goto(f"{base}/th/dashboard/login/")
    page.fill("#id_username", "member@donluang.example")
    page.fill("#id_password", PASSWORD)
    page.locator("#dashboard_login_form [type=submit]").click()
    page.wait_for_url(f"{base}/th/dashboard/")

    screens = {
        "1-dashboard": "/th/dashboard/",
        "2-products": "/th/dashboard/catalogue/",
        "3-product": f"/th/dashboard/catalogue/products/{shop.silk.pk}/",
        "4-orders": "/th/dashboard/orders/",
        "5-order": f"/th/dashboard/orders/{shipment.order.number}/",
        "6-parcels": "/th/producer/shipments/",
        "7-parcel": f"/th/producer/shipments/{shipment.pk}/",
        "8-statements": "/th/producer/statements/",
    }
    too_wide, too_small = {}, {}
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in screens.items():
        page.goto(base + path)
        measured = page.evaluate(OVERFLOW)
        page.screenshot(path=str(ARTIFACTS / f"producer-mobile-{name}.png"))
        if measured["scroll"] > measured["width"]:
            too_wide[name] = measured
        if small := page.evaluate(SMALL_TARGETS):
            too_small[name] = small
        if page.locator(".navbar-accounts").count():  # Oscar's dashboard screens
            assert page.locator(".navbar-brand").inner_text() == "ตลาด OTOP"
            assert (
                page.locator(".navbar-brand").evaluate(
                    "el => getComputedStyle(el).backgroundImage"
                )
                == "none"
            )
    context.close()
    assert not too_wide, too_wide
    assert not too_small, too_small
