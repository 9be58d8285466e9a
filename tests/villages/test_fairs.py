"""A fair page as a visitor and a search engine read it: who organises it, what entry
costs, and the producers taking part, each linked to its products."""

import datetime
from decimal import Decimal

from django.utils import timezone, translation

import pytest

from tests.villages.test_search_engine_data import json_ld, visible_text

pytestmark = pytest.mark.django_db


def event_of(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    [event] = [d for d in json_ld(response.content.decode()) if d["@type"] == "Event"]
    return event


def test_a_fair_is_organised_by_the_department_and_free_to_enter(client, site):
    fair = site["fair"]
    event = event_of(client, fair.url)

    assert event["organizer"] == {
        "@type": "GovernmentOrganization",
        "name": "กรมการพัฒนาชุมชน",
        "url": "https://www.cdd.go.th/",
    }
    offer = event["offers"]
    assert offer["@type"] == "Offer"
    assert offer["price"] == "0.00" and offer["priceCurrency"] == "THB"
    assert offer["availability"] == "https://schema.org/InStock"
    assert offer["url"] == f"http://testserver{fair.url}"
    assert event["isAccessibleForFree"] is True
    text = visible_text(client.get(fair.url).content.decode())
    assert "เข้าชมฟรี" in text and "กรมการพัฒนาชุมชน" in text

    with translation.override("en"):
        english = fair.localized
    event = event_of(client, english.url)
    assert event["organizer"]["name"] == "Community Development Department"
    assert event["offers"]["url"] == f"http://testserver{english.url}"


def test_a_fee_and_another_organizer_are_what_the_page_says(client, site):
    fair = site["fair"]
    fair.entry_fee = Decimal("50")
    fair.organizer = "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่"
    fair.save_revision().publish()

    event = event_of(client, fair.url)
    assert event["organizer"] == {
        "@type": "Organization",
        "name": "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่",
    }
    assert event["offers"]["price"] == "50.00"
    assert event["offers"]["priceCurrency"] == "THB"
    assert "isAccessibleForFree" not in event
    text = visible_text(client.get(fair.url).content.decode())
    assert "฿50.00" in text and "เข้าชมฟรี" not in text


def test_entry_to_a_past_fair_is_no_longer_offered(client, site):
    fair = site["fair"]
    fair.start_date = timezone.localdate() - datetime.timedelta(days=10)
    fair.end_date = timezone.localdate() - datetime.timedelta(days=3)
    fair.save_revision().publish()

    offer = event_of(client, fair.url)["offers"]
    assert offer["availability"] == "https://schema.org/Discontinued"
    assert offer["validThrough"] == fair.end_date.isoformat()


def test_the_fair_lists_its_producers_linked_to_their_products(client, site):
    fair, products = site["fair"], site["products"]
    html = client.get(fair.url).content.decode()

    weavers = site["producers"]["weavers"]
    assert f'href="/th/producers/{weavers.registration_number}/"' in html
    silk = products["silk"]
    assert f'<a href="{silk.get_absolute_url()}">{silk.title}</a>' in html
    # Not the weavers' unrated cloth, nor the suspended group (or its product).
    assert products["unrated"].get_absolute_url() not in html
    assert products["lapsed"].get_absolute_url() not in html
    assert site["producers"]["lapsed"].name not in html

    with translation.override("en"):
        english = fair.localized
        english_html = client.get(english.url).content.decode()
        assert f'<a href="{silk.get_absolute_url()}">{silk.title_en}</a>' in (
            english_html
        )
