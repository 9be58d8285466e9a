import pytest

from tests.checkout.shop import build_shop

from .fake_stripe import fake_stripe  # noqa: F401  (a fixture)


@pytest.fixture
def shop(db):
    return build_shop()
