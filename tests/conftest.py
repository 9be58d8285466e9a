from django.core.cache import cache
from django.utils import translation

import pytest


@pytest.fixture(autouse=True)
def thai_and_empty_cache():
    """Storefront URLs reverse under /th/ (the default language); no state leaks
    between tests through the local-memory cache."""
    cache.clear()
    with translation.override("th"):
        yield
    cache.clear()
