from django.core.cache import cache
from django.utils import translation

import pytest


@pytest.fixture(autouse=True)
def thai_and_empty_cache():
    """Storefront URLs reverse under /th/ (the default language); no state leaks
    between tests through the local-memory cache, nor through the Wagtail sites each
    process remembers (villages.sites: a rolled-back Site sends no signal)."""
    from villages import sites

    cache.clear()
    sites.forget_sites()
    with translation.override("th"):
        yield
    cache.clear()
    sites.forget_sites()
