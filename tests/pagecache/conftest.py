"""The village fixtures (a small register in real places, a page of every type), with
the page cache turned on."""

import pytest

from tests.villages.conftest import home, places, site  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.PAGE_CACHE_SHARED_SECONDS = 60
