"""A producer's journey, in a real browser: log in → change the Thai title of a listed
product → add a photo → the change waits → staff approve → the shop shows it."""

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.producers.shop import (
    PASSWORD,
    jpeg_bytes,
    make_producer,
    make_product,
    make_staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OLD_TITLE = "ผ้าไหมมัดหมี่ทอมือ"
NEW_TITLE = "ผ้าไหมมัดหมี่ลายนาคน้อย ทอมือ"


@pytest.fixture
def listed_product(db, home_pages):
    producer, member = make_producer(
        "OTOP-50-000001",
        "กลุ่มทอผ้าบ้านดอนหลวง",
        "Ban Don Luang Weavers",
        "producer@example.com",
    )
    product = make_product(producer, OLD_TITLE, title_en="Hand-woven mudmee silk")
    make_staff()
    assert product.is_eligible
    return product


def snap(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/th/dashboard/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("#dashboard_login_form [type=submit]").click()
    page.wait_for_url(f"{base_url}/th/dashboard/")


def test_a_producer_changes_a_listing_and_staff_put_it_live(
    live_server, browser, page, screenshot, listed_product, tmp_path
):
    base = live_server.url
    product_url = f"{base}{listed_product.get_absolute_url()}"
    photo = tmp_path / "naga-silk.jpg"
    photo.write_bytes(jpeg_bytes((2000, 1500), (120, 30, 90)))

    log_in(page, base, "producer@example.com")
    screenshot("producer-01-dashboard")
    page.goto(f"{base}/th/dashboard/catalogue/")
    page.get_by_role("link", name=OLD_TITLE).first.click()
    assert page.locator("#id_title").is_disabled()
    screenshot("producer-02-product")

    page.locator("#listing-revision-status a").click()
    page.fill("#id_title", NEW_TITLE)
    page.set_input_files("#id_new_photos", str(photo))
    with page.expect_navigation():  # the old page must not be read as the new one
        page.locator("#revision-form [type=submit]").click()
    assert page.locator("#revision-pending").is_visible()
    screenshot("producer-03-waiting")

    shop = browser.new_context(locale="th-TH").new_page()
    shop.goto(product_url)
    assert OLD_TITLE in shop.locator("h1").inner_text()
    assert "ลายนาคน้อย" not in shop.content()

    staff = browser.new_context(locale="th-TH").new_page()
    log_in(staff, base, "cdd-staff@otop.example")
    staff.goto(f"{base}/th/dashboard/review/")
    staff.locator("#revisions").get_by_role("link").first.click()
    assert NEW_TITLE in staff.locator("#changes").inner_text()
    snap(staff, "producer-04-staff-review")
    staff.locator("#decision-form [value=approve]").click()
    staff.wait_for_url(f"{base}/th/dashboard/review/")

    shop.goto(product_url)
    assert NEW_TITLE in shop.locator("h1").inner_text()
    old_photo, new_photo = listed_product.images.order_by("pk")
    assert new_photo.original.name.endswith("naga-silk.jpg")
    # Both photos on the page, as WebP thumbnails.
    assert shop.locator("img[src$='.webp']").count() >= 2
    snap(shop, "producer-05-shop")
