"""The same search through a Wagtail search backend (SEARCH_INDEX=wagtail): what a large
deployment uses with Elasticsearch/OpenSearch, run here on Wagtail's database backend
(SQLite FTS5 or PostgreSQL full text, whichever the tests run on)."""

import io

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

import pytest

from shop.search.models import SearchDocument
from tests.factories import (
    INELIGIBLE_VARIANTS,
    EligibleProductFactory,
    make_ineligible_product,
)

pytestmark = pytest.mark.django_db


def titles(client, words: str) -> list[str]:
    response = client.get(reverse("search:search"), {"q": words})
    assert response.status_code == 200
    return sorted(p.title for p in response.context["products"])


@override_settings(SEARCH_INDEX="wagtail")
def test_wagtail_backend_finds_thai_sub_words_and_english_and_keeps_the_rule(client):
    silk = EligibleProductFactory(title="ผ้าไหมมัดหมี่ทอมือ", title_en="")
    balm = EligibleProductFactory(title="ยาหม่องสมุนไพร", title_en="")
    for variant in INELIGIBLE_VARIANTS:
        make_ineligible_product(variant, title=f"ผ้าไหมมัดหมี่ {variant}")

    assert titles(client, "ไหม") == [silk.title]
    assert titles(client, "มัดหมี่") == [silk.title]
    assert titles(client, "silk") == [silk.title]
    assert titles(client, "herbal balm") == [balm.title]
    assert titles(client, "slik") == [silk.title]


def test_rebuild_command_restores_a_lost_index(client):
    silk = EligibleProductFactory(title="ผ้าไหมแพรวา")
    SearchDocument.objects.all().delete()
    assert titles(client, "ไหม") == []

    call_command("rebuild_search_index", stdout=io.StringIO())

    assert titles(client, "ไหม") == [silk.title]
    assert SearchDocument.objects.filter(kind="producer").count() == 1


@override_settings(SEARCH_INDEX="wagtail")
def test_moving_the_index_to_a_wagtail_backend_is_a_rebuild(client):
    with override_settings(SEARCH_INDEX="tokens"):
        silk = EligibleProductFactory(title="ผ้าไหมแพรวา")
    assert titles(client, "ไหม") == []  # not in the Wagtail backend yet

    call_command("rebuild_search_index", stdout=io.StringIO())

    assert titles(client, "ไหม") == [silk.title]
