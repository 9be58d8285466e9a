"""The demo generator needs no Django, so the suite-wide Django fixture is off here."""

import pytest


@pytest.fixture(autouse=True)
def thai_and_empty_cache():
    """Overrides tests/conftest.py's fixture, which needs configured Django settings."""
    yield
