"""The demo accounts in the README work: the producer's dashboard is narrowed to its
group, the department's staff reach the catalogue, orders and review desk."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

import pytest

from catalogue.models import Product

pytestmark = pytest.mark.django_db


def test_demo_producer_and_staff_accounts_open_their_dashboards():
    call_command(
        "load_demo", producers=12, products=24, no_photos=True, stdout=io.StringIO()
    )
    User = get_user_model()

    producer = Client()
    producer.force_login(User.objects.get(email="producer@otop.example"))
    own = Product.objects.filter(
        producer__partner__users__email="producer@otop.example",
        product_class__slug="otop-product",
    )
    other = Product.objects.exclude(pk__in=own).first()
    page = producer.get("/th/dashboard/catalogue/").content.decode()
    assert own.exists() and all(p.title in page for p in own[:3])
    assert (
        producer.get(f"/th/dashboard/catalogue/products/{other.pk}/").status_code == 404
    )
    assert producer.get("/th/dashboard/review/").status_code == 403

    staff = Client()
    staff.force_login(User.objects.get(email="staff@otop.example"))
    for url in (
        "/th/dashboard/catalogue/",
        "/th/dashboard/orders/",
        "/th/dashboard/review/",
    ):
        assert staff.get(url).status_code == 200, url
