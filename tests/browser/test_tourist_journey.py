"""A tourist's journey in a real browser, in Thai and then in English:
home → region → village → one of its products → the producer's profile.

Screenshots of the home, village, product and producer pages at desktop and mobile
widths go to artifacts/screenshots/ (tourist-<language>-<width>-<page>.png)."""

import pytest

from tests.villages.conftest import home, places, site  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WIDTHS = {"desktop": (1280, 900), "mobile": (390, 844)}


def capture(page, screenshot, language: str, name: str) -> None:
    """Full-page screenshots at both widths, lazy images loaded first."""
    for width_name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.mouse.wheel(0, 20_000)
        page.wait_for_load_state("networkidle")
        screenshot(f"tourist-{language}-{width_name}-{name}")
    page.set_viewport_size({"width": 1280, "height": 900})


def journey(page, screenshot, live_server, language: str, texts: dict) -> None:
    page.goto(f"{live_server.url}/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    capture(page, screenshot, language, "1-home")

    # Each click's page is waited for: is_visible() and count() do not wait.
    with page.expect_navigation():
        page.locator("a.tile--region").filter(has_text=texts["region"]).click()
    assert page.locator("h1").inner_text().strip() == texts["region"]

    with page.expect_navigation():
        page.get_by_role("link", name=texts["village"], exact=True).first.click()
    assert page.locator("h1").inner_text().strip() == texts["village"]
    assert page.get_by_role("heading", name=texts["made_here"], exact=True).is_visible()
    assert page.get_by_text(texts["unrated"]).count() == 0  # not eligible: not listed
    capture(page, screenshot, language, "2-village")

    with page.expect_navigation():
        page.locator(".product-card__title").get_by_role(
            "link", name=texts["product"], exact=True
        ).click()
    assert page.locator("h1").inner_text().strip() == texts["product"]
    provenance = page.locator(".provenance__chain")
    assert provenance.get_by_role(
        "link", name=texts["village"], exact=True
    ).is_visible()
    capture(page, screenshot, language, "3-product")

    with page.expect_navigation():
        provenance.get_by_role("link", name=texts["producer"], exact=True).click()
    assert page.locator("h1").inner_text().strip() == texts["producer"]
    assert (
        page.locator(".product-card__title")
        .get_by_role("link", name=texts["product"], exact=True)
        .is_visible()
    )
    capture(page, screenshot, language, "4-producer")


def test_tourist_goes_from_a_region_to_a_village_its_product_and_its_producer(
    live_server,
    page,
    screenshot,
    site,  # noqa: F811
):
    journey(
        page,
        screenshot,
        live_server,
        "th",
        {
            "region": "ภาคเหนือ",
            "village": "บ้านออนใต้",
            "made_here": "ผลิตภัณฑ์ของหมู่บ้าน",
            "unrated": "ผ้าฝ้ายยังไม่คัดสรร",
            "product": "ผ้าไหมยกดอก",
            "producer": "กลุ่มทอผ้าบ้านออนใต้",
        },
    )

    # The language switcher keeps the tourist on the same producer, now in English.
    page.get_by_role("link", name="English", exact=True).click()
    assert page.url.endswith(
        f"/en/producers/{site['producers']['weavers'].registration_number}/"
    )
    assert page.locator("h1").inner_text().strip() == "กลุ่มทอผ้าบ้านออนใต้ group"

    journey(
        page,
        screenshot,
        live_server,
        "en",
        {
            "region": "North",
            "village": "Ban On Tai",
            "made_here": "Made in this village",
            "unrated": "ผ้าฝ้ายยังไม่คัดสรร (en)",
            "product": "ผ้าไหมยกดอก (en)",
            "producer": "กลุ่มทอผ้าบ้านออนใต้ group",
        },
    )
