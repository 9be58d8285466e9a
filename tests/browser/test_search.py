"""Searching in a real browser: autocomplete offers titles as the buyer types (the
script is a progressive enhancement), then results, facets and sorting are plain
links."""

from decimal import Decimal

import pytest

from tests.factories import (
    CategoryFactory,
    EligibleProductFactory,
    make_ineligible_product,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def silk_shop(db):
    textiles = CategoryFactory(official=("ผ้า เครื่องแต่งกาย", "Textiles and clothing"))
    herbal = CategoryFactory(
        official=("สมุนไพรที่ไม่ใช่อาหาร", "Herbal products other than food")
    )
    EligibleProductFactory(
        title="ผ้าไหมมัดหมี่ทอมือ",
        title_en="Hand-woven Mudmee Silk",
        categories=[textiles],
        opc_rating__stars=5,
        stockrecords__price=Decimal("3200"),
    )
    EligibleProductFactory(
        title="ผ้าไหมแพรวา", categories=[textiles], stockrecords__price=Decimal("4500")
    )
    EligibleProductFactory(title="สบู่โปรตีนไหม", categories=[herbal])
    make_ineligible_product("suspended", title="ผ้าไหมยกดอก", categories=[textiles])


def test_buyer_types_picks_a_suggestion_and_narrows_by_facet(
    live_server, page, screenshot, silk_shop
):
    page.goto(f"{live_server.url}/th/catalogue/")
    box = page.locator("#site-search-q")
    box.press_sequentially("ผ้าไห", delay=60)
    page.wait_for_function(
        "() => [...document.querySelectorAll('datalist option')]"
        ".some(o => o.value === 'ผ้าไหมมัดหมี่ทอมือ')"
    )
    offered = page.eval_on_selector_all("datalist option", "os => os.map(o => o.value)")
    assert "ผ้าไหมยกดอก" not in offered  # ineligible: never suggested
    screenshot("search-01-suggestions")

    box.fill("ไหม")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    cards = page.locator(".product-card__title")
    assert sorted(cards.all_inner_texts()) == sorted(
        ["ผ้าไหมมัดหมี่ทอมือ", "ผ้าไหมแพรวา", "สบู่โปรตีนไหม"]
    )
    screenshot("search-02-results")

    # all_inner_texts() does not wait: each click's new page is waited for.
    with page.expect_navigation():
        page.locator(".facet__option", has_text="ผ้า เครื่องแต่งกาย").click()
    assert sorted(cards.all_inner_texts()) == ["ผ้าไหมมัดหมี่ทอมือ", "ผ้าไหมแพรวา"]
    with page.expect_navigation():
        page.get_by_role("link", name="ราคา: สูงไปต่ำ").or_(
            page.get_by_role("link", name="Price: high to low")
        ).click()
    assert cards.all_inner_texts() == ["ผ้าไหมแพรวา", "ผ้าไหมมัดหมี่ทอมือ"]
    screenshot("search-03-facet-and-sort")


def test_search_works_without_javascript(live_server, browser, silk_shop):
    context = browser.new_context(java_script_enabled=False, locale="th-TH")
    page = context.new_page()
    page.goto(f"{live_server.url}/th/catalogue/")
    page.locator("#site-search-q").fill("silk")
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url("**/search/?q=silk")
    assert page.locator(".product-card__title").count() == 3
    context.close()
