"""The delivery address: province → district → subdistrict from Thailand's geography,
chosen without JavaScript one list at a time, checked on the server whatever is posted."""

import json

import pytest

from .shop import ADDRESS, fill_basket

pytestmark = pytest.mark.django_db

URL = "/th/checkout/shipping-address/"


@pytest.fixture
def at_address_step(client, shop):
    fill_basket(client, (shop.silk, 1))
    client.post(
        "/th/checkout/", {"username": "somsri@example.com", "options": "anonymous"}
    )
    return client


def options(page: str, name: str) -> str:
    """The HTML of one <select>."""
    start = page.index(f'name="{name}"')
    return page[start : page.index("</select>", start)]


def test_without_javascript_each_list_follows_the_previous_choice(at_address_step):
    client = at_address_step
    page = client.get(URL).content.decode()
    assert "เชียงใหม่" in options(page, "province") and "สันกำแพง" not in options(
        page, "district"
    )

    typed = {"first_name": "สมศรี", "phone_number": "0812345678", "action": "refresh"}
    page = client.post(URL, {**typed, "province": "50"}).content.decode()
    assert "สันกำแพง" in options(page, "district") and "เขตพระนคร" not in options(
        page, "district"
    )
    assert 'value="สมศรี"' in page  # what was typed is kept
    assert "is required" not in page and "ช่องนี้จำเป็น" not in page  # no errors yet

    page = client.post(
        URL, {**typed, "province": "50", "district": "5013"}
    ).content.decode()
    assert "ออนใต้" in options(page, "tambon")

    page = client.post(
        URL, {**typed, "province": "50", "district": "5013", "tambon": "501306"}
    ).content.decode()
    assert 'value="50130"' in page  # the tambon's only postcode, filled in


def test_a_complete_address_is_stored_the_thai_way(at_address_step):
    response = at_address_step.post(URL, {**ADDRESS, "postcode": ""})
    assert response.status_code == 302  # a single-postcode tambon needs none typed
    page = at_address_step.get(URL).content.decode()
    assert 'value="10200"' in page and 'value="สมศรี"' in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"postcode": "50130"}, "postcode", "10200"),
        ({"district": "5013"}, "district", ""),  # a Chiang Mai district, Bangkok chosen
        ({"tambon": "501306"}, "tambon", ""),  # a tambon of another district
        ({"phone_number": "12345"}, "phone_number", ""),
        ({"phone_number": "+1 202 555 0100"}, "phone_number", ""),
        ({"tambon": ""}, "tambon", ""),
    ],
)
def test_a_wrong_combination_is_refused_with_a_clear_error(
    at_address_step, change, field, message
):
    response = at_address_step.post(URL, {**ADDRESS, **change})
    assert response.status_code == 200
    errors = response.context["form"].errors
    print(f"\n{change}: {dict(errors)}")
    assert field in errors and message in " ".join(errors[field])


def test_a_tambon_with_two_post_offices_asks_which(at_address_step):
    dusit = {**ADDRESS, "district": "1002", "tambon": "100203", "postcode": ""}
    response = at_address_step.post(URL, dusit)
    assert "10300, 10303" in " ".join(response.context["form"].errors["postcode"])
    assert at_address_step.post(URL, {**dusit, "postcode": "10303"}).status_code == 302


def test_the_options_endpoint_feeds_the_optional_script(client, db, shop):
    districts = json.loads(
        client.get("/th/checkout/address-options/?province=50").content
    )
    names = [o["name"] for o in districts["options"]]
    assert "สันกำแพง" in names and len(names) == 25
    tambons = json.loads(
        client.get("/en/checkout/address-options/?district=5013").content
    )
    assert {"code": "501306", "name": "On Tai", "postcodes": ["50130"]} in tambons[
        "options"
    ]
    assert client.get("/th/checkout/address-options/").status_code == 400


def test_the_form_has_no_inline_script_or_style(at_address_step):
    page = at_address_step.get(URL).content.decode()
    form = page[page.index('<form action="/th/checkout/shipping-address/"') :]
    form = form[: form.index("</form>")]
    assert "<script" not in form and "style=" not in form
    assert "/static/js/thai-address.js" in page
