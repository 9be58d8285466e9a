"""Booking a village experience in a real browser, JavaScript off: a tourist picks a
date on the village page, books two seats, adds the host's silk for pick-up in the
village, pays the host on arrival and reads the confirmation; the host sees the
booking; two tourists after the last seat of a date get it once."""

import re

from oscar.core.loading import get_model

import pytest

from shop.experiences.models import Booking
from tests.experiences.shop import build_village, seats

from .test_checkout import fill_recipient

Order = get_model("order", "Order")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def village(transactional_db):
    return build_village()


def no_js(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="th-TH",
        java_script_enabled=False,
    )
    page = context.new_page()
    # Generous: the live server shares 2 cores with the other test worker, and a
    # wait is not a speed check (speed is measured in benchmarks/).
    page.set_default_timeout(45_000)
    return context, page


def shoot(page, name):
    from .conftest import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"booking-{name}.png"), full_page=True)


def book(page, base: str, village, slot, adults: int) -> None:
    page.goto(base + village.page.url)
    page.check(f"input[name=slot][value='{slot.pk}']")
    page.locator("form.slot-choice button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/th/experiences/slots/{slot.pk}/$"))
    page.fill("input[name=adults]", str(adults))
    page.fill("input[name=phone]", "081 234 5678")
    page.fill("textarea[name=notes]", "มาถึงประมาณ 9 โมง")
    page.locator("form.booking-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/th/basket/$"))


def checkout_as_guest(page, base: str, email: str) -> None:
    page.goto(f"{base}/th/basket/")
    page.locator("a[href='/th/checkout/']").first.click()
    page.fill("input[name=username]", email)
    page.check("input[name=options][value=anonymous]")
    page.locator("form", has=page.locator("input[name=username]")).locator(
        "button[type=submit]"
    ).click()


def test_a_tourist_books_two_seats_and_collects_silk_in_the_village(
    live_server, browser, village, settings
):
    settings.STRIPE_SECRET_KEY = ""
    base = live_server.url
    slot = village.slot(seats=6)
    context, page = no_js(browser)

    book(page, base, village, slot, 2)
    shoot(page, "01-basket-with-seats")
    page.goto(base + village.shop.silk.get_absolute_url())
    page.locator("form.add-to-basket [type=submit]").first.click()
    checkout_as_guest(page, base, "tourist@example.com")
    page.wait_for_url(re.compile(r"/th/checkout/shipping-address/$"))
    fill_recipient(page)
    refresh = page.locator("button[name=action][value=refresh]")
    page.select_option("select[name=province]", "10")
    refresh.click()
    page.select_option("select[name=district]", "1001")
    refresh.click()
    page.select_option("select[name=tambon]", "100101")
    refresh.click()
    page.locator("button[name=action][value=continue]").click()

    page.wait_for_url(re.compile(r"/th/checkout/shipping-method/$"))
    pickup = page.locator("section.shipping-method", has_text="รับสินค้าที่หมู่บ้าน")
    assert "รับที่บ้านดอนหลวง" in pickup.inner_text()
    shoot(page, "02-pick-up-in-the-village")
    pickup.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/th/checkout/payment-method/$"))
    page.check("input[name=method][value=pay-on-arrival]")
    page.locator("form.payment-methods button[type=submit]").click()
    page.wait_for_url(re.compile(r"/th/checkout/preview/$"))
    page.locator("#place-order").click()

    page.wait_for_url(re.compile(r"/th/checkout/thank-you/$"))
    booking_card = page.locator("article.booking")
    assert "ศาลากลางบ้านดอนหลวง" in booking_card.inner_text()
    assert re.search(r"25\d\d", booking_card.locator(".booking-date").inner_text())
    shoot(page, "03-confirmation")
    order = Order.objects.get()
    assert order.shipping_incl_tax == 0 and seats(slot) == (6, 2)
    assert Booking.objects.get().participants == 2
    context.close()

    # The host, signed in as one of the weavers' staff, sees the booking.
    context, host = no_js(browser)
    host.goto(f"{base}/th/accounts/login/")
    host.fill("input[name=login-username]", "packing@donluang.example")
    host.fill("input[name=login-password]", "x")
    host.locator("button[name=login_submit]").click()
    host.goto(f"{base}/th/experiences/host/")
    row = host.locator("tr.host-booking")
    assert row.count() == 1
    assert (
        "tourist@example.com" in row.inner_text() and "081 234 5678" in row.inner_text()
    )
    shoot(host, "04-host-bookings")
    row.locator("button[value=attended]").click()
    assert Booking.objects.get().status == "attended"
    context.close()


def test_two_tourists_for_the_last_seat_get_it_once(live_server, browser, village):
    base = live_server.url
    slot = village.slot(seats=1)
    first_context, first = no_js(browser)
    second_context, second = no_js(browser)
    book(first, base, village, slot, 1)
    book(second, base, village, slot, 1)  # both have the last seat in their basket

    for page, email in ((first, "first@example.com"), (second, "second@example.com")):
        checkout_as_guest(page, base, email)
        page.wait_for_url(re.compile(r"/th/checkout/payment-method/$"))
        page.check("input[name=method][value=pay-on-arrival]")
        page.locator("form.payment-methods button[type=submit]").click()
        page.wait_for_url(re.compile(r"/th/checkout/preview/$"))
    first.locator("#place-order").click()
    first.wait_for_url(re.compile(r"/th/checkout/thank-you/$"))
    second.locator("#place-order").click()

    second.wait_for_load_state()
    assert "/thank-you/" not in second.url
    # Sent back to the basket (or the preview) with the reason.
    refusal = second.locator(".message, .alert").all_inner_texts()
    assert any(text.strip() for text in refusal), second.content()[:2000]
    print("\nthe second tourist is told:", refusal)
    shoot(second, "05-last-seat-taken")
    assert Order.objects.count() == 1 and Booking.objects.count() == 1
    assert seats(slot) == (1, 1)
    second.goto(base + village.page.url)
    assert "เต็มแล้ว" in second.locator(f"li[data-slot='{slot.pk}']").inner_text()
    first_context.close()
    second_context.close()
