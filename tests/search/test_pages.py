"""Villages, KBO networks and stories (Wagtail pages) in the same search box: each
page type's own Wagtail `search_fields` are read and segmented like products, in the
page's language."""

from django.urls import reverse

import pytest

from tests.villages.conftest import home, places, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def pages(client, words: str, language: str = "th") -> list[str]:
    response = client.get(f"/{language}/search/", {"q": words, "tab": "pages"})
    assert response.status_code == 200
    return [page.title for page in response.context["results"]]


def test_village_pages_are_found_by_name_place_and_story(client, site):  # noqa: F811
    assert "บ้านออนใต้" in pages(client, "ออนใต้")
    assert "บ้านออนใต้" in pages(client, "เรื่องของหมู่บ้าน")  # StreamField body
    assert "บ้านออนใต้" in pages(client, "สันกำแพง")  # its district
    assert "เครือข่าย KBO เชียงใหม่" in pages(client, "kbo")


def test_each_language_finds_its_own_pages(client, site):  # noqa: F811
    english, thai = pages(client, "ออนใต้", language="en"), pages(client, "ออนใต้")
    assert "Ban On Tai" in english and "บ้านออนใต้" not in english
    assert "บ้านออนใต้" in thai and "Ban On Tai" not in thai


def test_producers_tab_links_to_the_producer_profile(client, site):  # noqa: F811
    response = client.get(reverse("search:search"), {"q": "ออนใต้", "tab": "producers"})

    names = [p.name_th for p in response.context["results"]]
    assert "กลุ่มทอผ้าบ้านออนใต้" in names
    assert "กลุ่มที่หมดอายุ" not in names  # suspended: no profile, not listed
    producer = next(p for p in response.context["results"] if p.name_th == names[0])
    assert f"/producers/{producer.registration_number}/" in response.content.decode()
