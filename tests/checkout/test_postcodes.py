"""A real address is never refused: postcodes in Thai digits or with spaces read as the
number they are, the postcodes two independent datasets give where geothai differs are
accepted, an unknown one can be confirmed by the buyer, and every message is in the
page's language."""

from __future__ import annotations

import csv

import pytest

from places.loader import POSTCODE_ADDITIONS
from places.models import Tambon
from tests.factories.geography import load_provinces

from .shop import ADDRESS, fill_basket

pytestmark = pytest.mark.django_db


@pytest.fixture
def address_step(client, shop):
    fill_basket(client, (shop.silk, 1))
    client.post(
        "/th/checkout/", {"username": "somsri@example.com", "options": "anonymous"}
    )
    return client


def post(client, language: str = "th", **change):
    return client.post(f"/{language}/checkout/shipping-address/", {**ADDRESS, **change})


@pytest.mark.parametrize("typed", ["๑๐๒๐๐", "10 200", " 10200 ", "10-200", "๑๐ ๒๐๐"])
def test_thai_digits_and_spaces_are_the_same_postcode(address_step, typed):
    response = post(address_step, postcode=typed)
    assert response.status_code == 302, response.context["form"].errors
    page = address_step.get("/th/checkout/shipping-address/").content.decode()
    assert 'value="10200"' in page  # stored as the five ASCII digits


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("th", "รหัสไปรษณีย์มี 5 หลัก เช่น 10200"),
        ("en", "A postcode has five digits, for example 10200."),
    ],
)
def test_a_malformed_postcode_is_explained_in_the_pages_language(
    address_step, language, message
):
    response = post(address_step, language, postcode="1020")
    errors = response.context["form"].errors["postcode"]
    assert errors == [message]


@pytest.mark.parametrize(
    ("province", "district", "tambon", "postcode", "geothai"),
    [
        ("50", "5014", "501401", "50210", "50290"),  # San Sai Luang, San Sai
        ("30", "3001", "300116", "30310", "30000"),  # Cho Ho, Mueang Nakhon Ratchasima
        ("43", "4315", "431501", "43120", "43230"),  # Fao Rai, Fao Rai
    ],
)
def test_postcodes_both_other_datasets_give_are_accepted(
    address_step, province, district, tambon, postcode, geothai
):
    load_provinces(province)
    assert Tambon.objects.get(code=tambon).postcodes == [geothai, postcode]
    place = {"province": province, "district": district, "tambon": tambon}
    assert post(address_step, **place, postcode=postcode).status_code == 302
    assert post(address_step, **place, postcode=geothai).status_code == 302


def test_the_additions_are_47_subdistricts_with_their_sources_agreeing():
    with POSTCODE_ADDITIONS.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len({r["tambon_code"] for r in rows}) == 47
    assert all(r["postcode"] not in r["geothai"].split() for r in rows)


def test_an_unknown_postcode_is_confirmed_by_the_buyer_not_refused(address_step):
    response = post(address_step, postcode="10300")
    page = response.content.decode()
    assert response.status_code == 200
    assert "10300 ไม่ใช่รหัสไปรษณีย์ที่เรารู้จักของพระบรมมหาราชวัง" in page
    assert 'name="postcode_confirmed"' in page

    response = post(address_step, postcode="10300", postcode_confirmed="on")
    assert response.status_code == 302
    page = address_step.get("/th/checkout/shipping-address/").content.decode()
    assert 'value="10300"' in page


def test_the_english_page_names_the_subdistrict_in_english(address_step):
    response = post(address_step, "en", postcode="10300")
    (error,) = response.context["form"].errors["postcode"]
    assert error.startswith(
        "10300 is not a postcode we know for Phra Borom Maha Ratchawang"
    )
