from django.test import Client

import pytest

from .shop import make_order, make_producer, make_product, make_staff


@pytest.fixture
def staff(db):
    return make_staff()


@pytest.fixture
def producer_a(db):
    """Ban Don Luang weaving group and its member (producer A)."""
    return make_producer(
        "OTOP-50-000001", "กลุ่มทอผ้าบ้านดอนหลวง", "Ban Don Luang Weavers", "a@otop.example"
    )


@pytest.fixture
def producer_b(db):
    """Bo Sang umbrella group and its member (producer B)."""
    return make_producer(
        "OTOP-50-000002", "กลุ่มร่มบ่อสร้าง", "Bo Sang Umbrella Group", "b@otop.example"
    )


@pytest.fixture
def a_product(producer_a):
    return make_product(
        producer_a[0], "ผ้าไหมมัดหมี่", title_en="Mudmee silk", price="1290.00"
    )


@pytest.fixture
def b_product(producer_b):
    return make_product(
        producer_b[0], "ร่มกระดาษสา", title_en="Sa paper umbrella", price="450.00"
    )


@pytest.fixture
def shared_order(a_product, b_product):
    """One buyer's order with a line of each producer."""
    return make_order("100001", [(a_product, 1), (b_product, 2)])


@pytest.fixture
def client_a(producer_a):
    """A browser session of producer A's member (separate from `client`)."""
    client = Client()
    client.force_login(producer_a[1])
    return client


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client
