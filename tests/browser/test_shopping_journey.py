"""A buyer's first journey, in a real browser: home page → a product → the basket."""

import pytest

from catalogue.registry_import import import_opc, import_register
from tests.factories.geography import BANGKOK, CHIANG_MAI, load_provinces

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REGISTER = {
    "registration_number": "OTOP-50-000001",
    "producer_type": "community_group",
    "producer_name": "กลุ่มทอผ้าบ้านดอนหลวง",
    "producer_name_en": "Ban Don Luang Weaving Group",
    "province": "เชียงใหม่",
    "district": "สันกำแพง",
    "tambon": "ออนใต้",
    "status": "active",
}


def opc_row(code: str, title: str, title_en: str, stars: str) -> dict[str, str]:
    return {
        "product_code": code,
        "product": title,
        "product_en": title_en,
        "producer": "OTOP-50-000001",
        "province": "เชียงใหม่",
        "category": "textiles",
        "stars": stars,
        "year": "2567",
        "price": "1290",
        "stock": "5",
    }


@pytest.fixture
def shop(db, home_pages):
    load_provinces(CHIANG_MAI, BANGKOK)
    report = import_register([(2, REGISTER)])
    report = import_opc(
        [
            (2, opc_row("P-1", "ผ้าไหมมัดหมี่ทอมือ", "Hand-woven mudmee silk", "5")),
            (3, opc_row("P-2", "ผ้าฝ้ายยังไม่ผ่านการคัดสรร", "Unrated cotton", "")),
        ],
        report,
    )
    assert not report.rejected, report.rejected


def test_buyer_finds_a_product_from_the_home_page_and_adds_it_to_the_basket(
    live_server, page, screenshot, shop
):
    page.goto(f"{live_server.url}/th/")
    screenshot("journey-01-home")

    with page.expect_navigation():  # the listing loaded, before anything is counted
        page.locator("a[href='/th/catalogue/']").first.click()
    assert page.get_by_text("ผ้าไหมมัดหมี่ทอมือ").first.is_visible()
    assert page.get_by_text("ผ้าฝ้ายยังไม่ผ่านการคัดสรร").count() == 0  # unrated: hidden

    with page.expect_navigation():
        page.get_by_role("link", name="ผ้าไหมมัดหมี่ทอมือ").first.click()
    assert "ผ้าไหมมัดหมี่ทอมือ" in page.locator("h1").inner_text()
    assert page.get_by_text("กลุ่มทอผ้าบ้านดอนหลวง").first.is_visible()
    screenshot("journey-02-product")

    page.locator("form.add-to-basket [type=submit]").first.click()
    page.goto(f"{live_server.url}/th/basket/")
    assert page.get_by_text("ผ้าไหมมัดหมี่ทอมือ").first.is_visible()
    assert "1,290" in page.content()
    screenshot("journey-03-basket")
