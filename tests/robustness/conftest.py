import pytest

from tests.checkout.shop import build_shop


@pytest.fixture
def shop(db):
    return build_shop()
