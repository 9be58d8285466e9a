"""Wagtail pages served with their routing remembered (villages.routing) and their view
restrictions known from memory (villages.restrictions): what a visitor gets is what
Wagtail's own routing gives, on the very next request after any change."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Locale, PageViewRestriction

import pytest

pytestmark = pytest.mark.django_db


def test_a_remembered_page_is_routed_without_walking_the_tree(client, site):
    village = site["village"]
    assert client.get(village.url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(village.url)
    assert response.status_code == 200
    assert "บ้านออนใต้" in response.content.decode()
    sql = [q["sql"] for q in captured.captured_queries]
    # No walk from the root (a child by its slug), no Locale, no view restrictions.
    assert not [q for q in sql if '"wagtailcore_page"."slug" =' in q]
    assert not [q for q in sql if 'FROM "wagtailcore_locale"' in q]
    assert not [q for q in sql if 'FROM "wagtailcore_pageviewrestriction"' in q]
    # The page is loaded once, joined to its specific table and its place.
    loads = [q for q in sql if 'FROM "villages_villagepage"' in q]
    assert len(loads) == 1 and '"villages_tambon"' in loads[0], loads


def test_each_language_gets_its_own_page(client, site):
    village = site["village"]
    english = village.get_translation(Locale.objects.get(language_code="en"))
    thai_url, english_url = village.url, english.url
    for _ in range(2):
        assert "บ้านออนใต้" in client.get(thai_url).content.decode()
        with translation.override("en"):
            page = client.get(english_url).content.decode()
        assert "Ban On Tai" in page


def test_a_renamed_page_moves_on_the_next_request(client, site):
    village = site["village"]
    old_url = village.url
    assert client.get(old_url).status_code == 200
    village.slug = "บ้านออนใต้ใหม่"
    village.save_revision().publish()
    village.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(village.url).status_code == 200


def test_an_unpublished_page_is_gone_on_the_next_request(client, site):
    village = site["village"]
    assert client.get(village.url).status_code == 200
    village.unpublish()
    assert client.get(village.url).status_code == 404
    village.save_revision().publish()
    assert client.get(village.url).status_code == 200


def test_an_edit_shows_on_the_next_request(client, site):
    kbo = site["kbo"]
    assert client.get(kbo.url).status_code == 200
    kbo.title = "เครือข่ายใหม่"
    kbo.save_revision().publish()
    assert "เครือข่ายใหม่" in client.get(kbo.url).content.decode()


def test_a_page_made_private_asks_for_a_login(client, site):
    village = site["village"]
    index = village.get_parent()
    assert client.get(village.url).status_code == 200
    assert "บ้านออนใต้" in client.get(index.url).content.decode()
    PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(village.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    # Listings leave private pages out as well (Wagtail's .public()).
    home = client.get("/th/").content.decode()
    assert village.url not in home


def test_a_made_up_path_is_not_found(client, site):
    assert client.get("/th/villages/no-such-village/").status_code == 404
    assert client.get("/th/villages/no-such-village/").status_code == 404
