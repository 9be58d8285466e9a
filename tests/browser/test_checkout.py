"""Buying in a real browser: two producers' products → a Thai address → cash on
delivery → the confirmation (JavaScript off: the storefront must not need it); and the
Stripe path as far as the redirect to Stripe's page (JavaScript on, with the fake
Stripe at the SDK's HTTP boundary and Stripe's page stubbed in the browser)."""

import re

from oscar.core.loading import get_model

import pytest

from shop.payment.stripe_models import StripeCheckout
from tests.checkout.shop import build_shop
from tests.payment.fake_stripe import stripe_replaced

from .conftest import ARTIFACTS

Order = get_model("order", "Order")
OPTIONS = re.compile(r"/checkout/address-options/")  # the lists' script asks here

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shop(db):
    return build_shop()


@pytest.fixture
def stripe_api():
    with stripe_replaced() as fake:
        yield fake


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="th-TH",
        java_script_enabled=False,
    )
    page = context.new_page()
    # Generous: the live server shares 2 cores with the other test worker, and a
    # wait is not a speed check (speed is measured in benchmarks/).
    page.set_default_timeout(45_000)
    yield page
    context.close()


@pytest.fixture
def no_js_screenshot(no_js_page):
    def take(name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        no_js_page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take


def add_to_basket(page, base: str, product) -> None:
    page.goto(base + product.get_absolute_url())
    page.locator("form.add-to-basket [type=submit]").first.click()


def start_checkout_as_guest(page, base: str, email: str) -> None:
    page.goto(f"{base}/th/basket/")
    page.locator("a[href='/th/checkout/']").first.click()
    page.fill("input[name=username]", email)
    page.check("input[name=options][value=anonymous]")
    gateway = page.locator("form", has=page.locator("input[name=username]"))
    gateway.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/th/checkout/shipping-address/$"))


def fill_recipient(page) -> None:
    page.fill("input[name=first_name]", "สมศรี")
    page.fill("input[name=last_name]", "ใจดี")
    page.fill("input[name=phone_number]", "081-234-5678")
    page.fill("input[name=line1]", "99/1 ถนนหน้าพระลาน")


def test_two_producers_thai_address_cash_on_delivery_without_javascript(
    live_server, no_js_page, shop, settings, no_js_screenshot
):
    screenshot = no_js_screenshot
    settings.STRIPE_SECRET_KEY = ""  # the default install
    page, base = no_js_page, live_server.url
    add_to_basket(page, base, shop.silk)
    add_to_basket(page, base, shop.chili)
    start_checkout_as_guest(page, base, "somsri@example.com")

    fill_recipient(page)
    refresh = page.locator("button[name=action][value=refresh]")
    page.select_option("select[name=province]", "10")  # กรุงเทพมหานคร
    refresh.click()
    page.select_option("select[name=district]", "1001")  # เขตพระนคร
    refresh.click()
    page.select_option("select[name=tambon]", "100101")  # พระบรมมหาราชวัง
    refresh.click()
    assert page.input_value("input[name=postcode]") == "10200"
    assert page.input_value("input[name=first_name]") == "สมศรี"  # kept between steps
    screenshot("checkout-01-thai-address")
    page.locator("button[name=action][value=continue]").click()

    page.wait_for_url(re.compile(r"/th/checkout/payment-method/$"))
    assert page.locator("input[name=method][value=stripe]").count() == 0
    page.check("input[name=method][value=cash-on-delivery]")
    screenshot("checkout-02-payment-method")
    page.locator("form.payment-methods button[type=submit]").click()

    page.wait_for_url(re.compile(r"/th/checkout/preview/$"))
    parcels = page.locator("section.parcel")
    assert parcels.count() == 2
    assert "กลุ่มทอผ้าบ้านดอนหลวง" in parcels.nth(0).inner_text()
    assert "แม่บุญมีน้ำพริก" in parcels.nth(1).inner_text()
    assert "1,460" in page.locator("table.order-totals").inner_text()
    screenshot("checkout-03-preview")
    page.locator("#place-order").click()

    page.wait_for_url(re.compile(r"/th/checkout/thank-you/$"))
    order = Order.objects.get()
    assert order.number in page.locator("h1").inner_text()
    assert page.locator("section.parcel").count() == 2
    assert "1,460" in page.locator("table.order-totals").inner_text()
    screenshot("checkout-04-confirmation")
    print(
        f"\norder {order.number}: {order.status}, ฿{order.total_incl_tax}; stock silk {shop.stock(shop.silk)}, chili {shop.stock(shop.chili)}"
    )
    assert order.status == "Processing"
    assert shop.stock(shop.silk) == (5, 1) and shop.stock(shop.chili) == (20, 1)


def test_stripe_path_up_to_the_redirect(
    live_server, page, shop, stripe_api, screenshot
):
    base = live_server.url
    stripe_pages = []

    def stripe_hosted_page(route):
        stripe_pages.append(route.request.url)
        route.fulfill(
            status=200,
            content_type="text/html",
            body="<h1>Stripe Checkout (test stand-in)</h1>",
        )

    page.route("https://checkout.stripe.com/**", stripe_hosted_page)
    add_to_basket(page, base, shop.silk)
    add_to_basket(page, base, shop.chili)
    start_checkout_as_guest(page, base, "somsri@example.com")

    fill_recipient(page)
    assert not page.locator(".thai-address-refresh").is_visible()  # the script does it
    page.select_option("select[name=province]", "50")  # เชียงใหม่
    page.wait_for_selector(
        "select[name=district] option[value='5013']", state="attached"
    )
    page.select_option("select[name=district]", "5013")  # สันกำแพง
    page.wait_for_selector(
        "select[name=tambon] option[value='501306']", state="attached"
    )
    page.select_option("select[name=tambon]", "501306")  # ออนใต้
    assert page.input_value("input[name=postcode]") == "50130"
    screenshot("checkout-stripe-01-address-with-script")
    page.locator("button[name=action][value=continue]").click()

    page.wait_for_url(re.compile(r"/th/checkout/payment-method/$"))
    page.check("input[name=method][value=stripe]")
    page.locator("form.payment-methods button[type=submit]").click()
    page.wait_for_url(re.compile(r"/th/checkout/preview/$"))
    page.locator("#place-order").click()

    page.wait_for_url(re.compile(r"^https://checkout\.stripe\.com/c/pay/cs_test_"))
    screenshot("checkout-stripe-02-redirected")
    checkout = StripeCheckout.objects.get()
    print(
        f"\nredirected to {stripe_pages[0][:70]}…; order {checkout.order.number} {checkout.order.status}"
    )
    assert stripe_pages == [
        checkout.url.split("#")[0]
    ]  # the fragment stays in the browser
    assert checkout.order.status == "Pending payment"
    assert shop.stock(shop.silk) == (5, 1) and shop.stock(shop.chili) == (20, 1)
    assert (
        stripe_api.sessions[checkout.session_id]["amount_total"] == 146000
    )  # 1,290 + 120 + ฿50 shipping


def test_a_slow_answer_for_an_earlier_choice_does_not_undo_a_later_one(
    live_server, page, shop
):
    """The lists come from the server as the buyer chooses. A buyer who changes the
    province again before the first list arrives gets the second province's
    districts, whatever order the answers come back in; and a returning buyer's
    remembered address (the lists already filled) is not undone by a late answer."""
    base = live_server.url
    held = []

    def hold_the_first_province(route):
        if "province=50" in route.request.url and not held:
            held.append(route)  # answered only after the second province's list
        else:
            route.continue_()

    add_to_basket(page, base, shop.silk)
    start_checkout_as_guest(page, base, "somsri@example.com")
    fill_recipient(page)
    page.route(OPTIONS, hold_the_first_province)
    page.select_option("select[name=province]", "50")  # เชียงใหม่, held back
    page.wait_for_function(
        "document.querySelector('select[name=district]').options.length <= 1"
    )
    page.select_option("select[name=province]", "10")  # กรุงเทพมหานคร
    page.wait_for_selector(
        "select[name=district] option[value='1001']", state="attached"
    )
    held[0].continue_()  # เชียงใหม่'s districts arrive last
    page.wait_for_timeout(500)
    assert page.locator("select[name=district] option[value='5013']").count() == 0
    page.select_option("select[name=district]", "1001")  # เขตพระนคร
    page.wait_for_selector(
        "select[name=tambon] option[value='100101']", state="attached"
    )
    page.select_option("select[name=tambon]", "100101")
    assert page.input_value("input[name=postcode]") == "10200"
    page.unroute(OPTIONS)
    page.locator("button[name=action][value=continue]").click()
    page.wait_for_url(re.compile(r"/th/checkout/payment-method/$"))

    # Back to the address: the lists are filled from the remembered choice; choosing
    # the same province again waits for its districts before one can be chosen.
    page.goto(f"{base}/th/checkout/shipping-address/")
    assert page.input_value("select[name=district]") == "1001"
    page.select_option("select[name=province]", "10")
    page.wait_for_selector(
        "select[name=district] option[value='1001']", state="attached"
    )
    page.select_option("select[name=district]", "1001")
    page.wait_for_selector(
        "select[name=tambon] option[value='100101']", state="attached"
    )
    page.select_option("select[name=tambon]", "100101")
    page.wait_for_timeout(500)  # any late answer would have undone the choice by now
    assert page.input_value("select[name=district]") == "1001"
    assert page.input_value("select[name=tambon]") == "100101"
    page.locator("button[name=action][value=continue]").click()
    page.wait_for_url(re.compile(r"/th/checkout/payment-method/$"))
