"""The vocabulary is loaded by one server process and shared with the others."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from shop.search import vocabulary
from tests.factories import EligibleProductFactory

pytestmark = pytest.mark.django_db


def test_another_process_reads_the_vocabulary_from_the_cache_until_a_new_term(
    settings,
):
    settings.SEARCH_VOCABULARY_SECONDS = 300
    EligibleProductFactory(title="ผ้าไหมมัดหมี่")
    vocabulary.changed()  # a new version, as the indexer leaves it
    assert "มัดหมี่" in vocabulary.current().terms

    vocabulary.forget()  # another server process, with nothing loaded yet
    with CaptureQueriesContext(connection) as queries:
        terms = vocabulary.current().terms
    assert "มัดหมี่" in terms and len(queries) == 0

    assert "สบู่" not in terms
    EligibleProductFactory(title="สบู่สมุนไพร")  # the indexer meets a new term
    vocabulary.forget()
    with CaptureQueriesContext(connection) as queries:
        terms = vocabulary.current().terms
    assert "สบู่" in terms and len(queries) > 0  # read from the engine again
