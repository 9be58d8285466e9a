"""The search's storage in Wagtail's search backend: the documents are in the
backend's index (SQLite FTS5 or PostgreSQL full text, whichever the tests run on), a
lost index is rebuilt by the command, and Thai is matched by whole analysed terms."""

import io

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from wagtail.search.models import IndexEntry

import pytest

from shop.search.models import SearchDocument
from tests.factories import EligibleProductFactory
from tests.search.terms import indexed_terms

pytestmark = pytest.mark.django_db


def titles(client, words: str) -> list[str]:
    response = client.get(reverse("search:search"), {"q": words})
    assert response.status_code == 200
    return sorted(p.title for p in response.context["products"])


def entries():
    content_type = ContentType.objects.get_for_model(SearchDocument)
    return IndexEntry.objects.filter(content_type=content_type)


def test_documents_live_in_the_wagtail_backend_index(client, settings):
    # What the backend answers, not the results kept from its last answer.
    settings.SEARCH_RESULTS_SECONDS = 0
    silk = EligibleProductFactory(title="ผ้าไหมมัดหมี่ทอมือ", title_en="")

    document = SearchDocument.objects.get(product=silk)
    assert {"ผ้าไหม", "มัดหมี่", "silk"} <= indexed_terms(document)
    assert entries().filter(object_id=str(document.pk)).exists()
    assert titles(client, "มัดหมี่") == [silk.title]

    entries().delete()  # the backend's index is lost: nothing is found any more
    assert titles(client, "มัดหมี่") == []


def test_rebuild_command_restores_a_lost_index(client):
    silk = EligibleProductFactory(title="ผ้าไหมแพรวา")
    SearchDocument.objects.all().delete()
    entries().delete()
    assert titles(client, "ไหม") == []

    call_command("rebuild_search_index", stdout=io.StringIO())

    assert titles(client, "ไหม") == [silk.title]
    assert SearchDocument.objects.filter(kind="producer").count() == 1
    assert entries().count() >= 2


def test_thai_vowel_and_tone_marks_are_part_of_the_indexed_words(client):
    """ไหม (silk) and ไหม้ (burnt) differ by a tone mark only: the engine's tokenizer
    must not split words at the marks, or a search for one would find the other."""
    burnt = EligibleProductFactory(title="ข้าวไหม้", title_en="")
    silk = EligibleProductFactory(title="ผ้าไหม", title_en="")

    assert titles(client, "ไหม") == [silk.title]
    assert titles(client, "ข้าวไหม้") == [burnt.title]
