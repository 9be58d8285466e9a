"""A village or KBO network page's producer list is made once per content version
({% page_producers %}): what changes it shows on the next view."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from catalogue import content_version
from catalogue.register import Producer

from .conftest import rate, register

pytestmark = pytest.mark.django_db


def producer_list(client, page) -> str:
    html = client.get(page.url).content.decode()
    found = re.search(r'<ul class="producer-list">.*?</ul>', html, re.S)
    return found[0] if found else ""


def test_the_next_view_asks_no_producers_and_shows_the_same_list(client, site):
    village = site["village"]
    first = producer_list(client, village)

    with CaptureQueriesContext(connection) as captured:
        again = producer_list(client, village)

    assert again == first and site["producers"]["weavers"].name_th in first
    # (The slot rule's registered-producer subquery still names the table.)
    assert not any(
        q["sql"].startswith('SELECT "catalogue_producer"."id"') for q in captured
    )


def test_new_products_producers_and_lapsed_registrations_show_at_once(client, site):
    village, weavers = site["village"], site["producers"]["weavers"]
    producer_list(client, village)

    rate(weavers, "ผ้าไหมลายใหม่", "4")
    newcomer = register(village.tambon, "กลุ่มจักสานออนใต้")
    Producer.objects.filter(pk=site["producers"]["potters"].pk).update(
        status=Producer.Status.SUSPENDED
    )  # an update(): no signal; catalogue.bulk bumps the version at the end
    content_version.bump()  # what catalogue.bulk does at the end of a bulk change

    listed = producer_list(client, village)
    assert newcomer.name_th in listed
    assert site["producers"]["potters"].name_th not in listed
    weavers_item = listed[listed.index(weavers.name_th) :].split("</li>")[0]
    assert "สินค้า 2 รายการ" in weavers_item


def test_a_village_without_producers_shows_no_section(client, site):
    village = site["village"]
    producer_list(client, village)
    Producer.objects.filter(tambon=village.tambon).update(
        status=Producer.Status.SUSPENDED
    )
    content_version.bump()

    html = client.get(village.url).content.decode()

    assert 'id="producers-heading"' not in html


def test_a_kbo_network_page_lists_its_province_s_producers_as_they_are_now(
    client, site
):
    kbo, weavers = site["kbo"], site["producers"]["weavers"]
    first = producer_list(client, kbo)
    assert weavers.name_th in first
    assert producer_list(client, kbo) == first

    Producer.objects.filter(pk=weavers.pk).update(status=Producer.Status.SUSPENDED)
    content_version.bump()  # what catalogue.bulk does at the end of a bulk change

    assert weavers.name_th not in producer_list(client, kbo)
