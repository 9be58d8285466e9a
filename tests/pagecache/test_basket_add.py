"""Adding to the basket from a cached page, whose forms carry no CSRF token."""

from __future__ import annotations

import re

from django.test import Client

import pytest

from .pages import text

pytestmark = pytest.mark.django_db


def basket_count(client) -> int:
    html = text(client.get("/th/catalogue/"))
    return int(re.search(r'basket-link__count">(\d+)<', html).group(1))


@pytest.fixture
def browser():
    """A client that enforces CSRF checks, as a real browser session meets them."""
    return Client(enforce_csrf_checks=True)


def test_a_card_form_has_no_token_and_adds_from_this_site(browser, site):
    silk = site["products"]["silk"]
    listing = text(browser.get("/th/catalogue/"))
    form = re.search(
        rf'<form[^>]+action="(/th/basket/add-from-page/{silk.pk}/)"[^>]*>(.*?)</form>',
        listing,
        re.S,
    )
    assert form and "csrfmiddlewaretoken" not in form.group(2)

    response = browser.post(
        form.group(1),
        {"quantity": "1"},
        headers={"sec-fetch-site": "same-origin", "origin": "http://testserver"},
    )
    assert response.status_code == 302
    assert basket_count(browser) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {},  # an old browser, or a script
        {"sec-fetch-site": "cross-site", "origin": "https://evil.example"},
        {"origin": "https://evil.example"},
        {"sec-fetch-site": "same-site"},  # a sibling subdomain
        {"sec-fetch-site": "same-origin", "origin": "https://evil.example"},
    ],
)
def test_anything_else_is_asked_to_confirm(browser, site, headers):
    silk = site["products"]["silk"]
    response = browser.post(
        f"/th/basket/add-from-page/{silk.pk}/", {"quantity": "3"}, headers=headers
    )
    assert response.status_code == 200
    page = text(response)
    assert silk.title in page and "csrfmiddlewaretoken" in page
    assert "หยิบใส่ตะกร้าหรือไม่" in page  # in the visitor's language
    assert basket_count(browser) == 0

    # The visitor confirms on this site: Oscar's view, with a CSRF token.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    confirmed = browser.post(
        f"/th/basket/add/{silk.pk}/",
        {"quantity": "3", "csrfmiddlewaretoken": token},
    )
    assert confirmed.status_code == 302
    assert basket_count(browser) == 3


def test_an_ineligible_product_is_refused(browser, site):
    lapsed = site["products"]["lapsed"]
    response = browser.post(
        f"/th/basket/add-from-page/{lapsed.pk}/",
        {"quantity": "1"},
        headers={"sec-fetch-site": "same-origin"},
    )
    assert response.status_code in (302, 404)
    assert basket_count(browser) == 0
    assert browser.post(f"/th/basket/add-from-page/{lapsed.pk}/", {}).status_code == 404


def test_bad_input_is_a_clear_answer(browser, site):
    silk = site["products"]["silk"]
    url = f"/th/basket/add-from-page/{silk.pk}/"
    same = {"sec-fetch-site": "same-origin"}
    assert browser.get(url).status_code == 405
    assert (
        browser.post("/th/basket/add-from-page/999999/", headers=same).status_code
        == 404
    )
    response = browser.post(url, {"quantity": "lots"}, headers=same)
    assert response.status_code == 302  # back, with Oscar's form error as a message
    assert basket_count(browser) == 0
