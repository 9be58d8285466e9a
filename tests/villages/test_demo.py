"""The demo content a new user sees: villages in every region, KBO networks, producer
stories and a fair, in Thai and English, with drawn images."""

import io

from django.core.management import call_command

from wagtail.images import get_image_model

import pytest

from catalogue.register import Producer
from demo.pages import load_village_demo
from villages.models import (
    FairPage,
    KboNetworkPage,
    ProducerStoryPage,
    VillagePage,
)

pytestmark = pytest.mark.django_db


def test_demo_pages_cover_every_region_in_both_languages_and_load_once(client):
    call_command(
        "load_demo", producers=36, products=120, no_photos=True, stdout=io.StringIO()
    )

    villages = VillagePage.objects.live().select_related("tambon__district__province")
    for language in ("th", "en"):
        local = villages.filter(locale__language_code=language)
        assert local.count() >= 12
        assert {v.tambon.district.province.region_id for v in local} == {
            "north",
            "northeast",
            "central",
            "east",
            "west",
            "south",
        }
        assert (
            ProducerStoryPage.objects.live()
            .filter(locale__language_code=language)
            .count()
            >= 3
        )
        assert (
            FairPage.objects.live().filter(locale__language_code=language).count() == 1
        )
    provinces_with_producers = set(
        Producer.objects.values_list("tambon__district__province", flat=True)
    )
    assert (
        set(
            KboNetworkPage.objects.filter(locale__language_code="th").values_list(
                "province", flat=True
            )
        )
        == provinces_with_producers
    )
    assert all(v.hero_image_id and v.hero_alt for v in villages)

    # A demo village shows products, and its English page is a real translation.
    village = villages.filter(locale__language_code="th").first()
    html = client.get(village.url).content.decode()
    assert 'class="product-card__title"' in html
    english = village.get_translation(_en())
    assert english.title != village.title and client.get(english.url).status_code == 200

    images = get_image_model().objects.count()
    assert load_village_demo(lambda _: None) == {}  # a second run creates nothing
    assert get_image_model().objects.count() == images


def _en():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")
