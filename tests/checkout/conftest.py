import pytest

from tests.payment.fake_stripe import fake_stripe  # noqa: F401  (a fixture)

from .shop import build_shop


@pytest.fixture
def shop(db):
    return build_shop()
