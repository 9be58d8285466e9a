"""SQL per page stays the same however many products, producers and pages there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest

from .conftest import rate, register

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # the first view draws thumbnails and renditions once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow(site, extra: int) -> None:
    """More eligible products from the village's producers, and a new producer there."""
    weavers = site["producers"]["weavers"]
    newcomer = register(site["places"]["on_tai"], "กลุ่มใหม่บ้านออนใต้", moo=8)
    for number in range(extra):
        rate(weavers if number % 2 else newcomer, f"ผ้าทอลายที่ {number}", "4")


def urls(site) -> dict[str, str]:
    with translation.override("th"):
        return {
            "village": site["village"].url,
            "product": site["products"]["silk"].get_absolute_url(),
            "producer": f"/th/producers/{site['producers']['weavers'].registration_number}/",
            "tambon": "/th/places/tambon/501306/",
            "province": "/th/places/province/50/",
            "kbo": site["kbo"].url,
            "home": "/th/",
        }


def test_query_counts_do_not_grow_with_the_catalogue(client, site):
    before = {name: queries_for(client, url) for name, url in urls(site).items()}
    grow(site, extra=9)
    after = {name: queries_for(client, url) for name, url in urls(site).items()}
    assert after == before
    # Figures for the report (pytest -s shows them).
    print("queries per page:", before)
