import pytest

from tests.payment.fake_stripe import fake_stripe  # noqa: F401  (a fixture)

from .shop import build_village


@pytest.fixture
def village(db):
    return build_village()
