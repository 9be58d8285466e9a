"""The demo content a new user sees: villages in every region, KBO networks, producer
stories and two fairs (OTOP Midyear, OTOP City), in Thai and English, with drawn images."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from wagtail.images import get_image_model

import pytest

from catalogue.register import Producer
from demo.experiences import load_experiences
from demo.pages import load_village_demo
from shop.experiences.models import Slot
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
        fairs = FairPage.objects.live().filter(locale__language_code=language)
        assert sorted(f.title.rsplit(" ", 1)[0] for f in fairs) == [
            "OTOP City",
            "OTOP Midyear",
        ]
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

    # Each fair lists its own producers (no booth twice), linked to their products.
    booths = []
    for fair in FairPage.objects.live().filter(locale__language_code="th"):
        html = client.get(fair.url).content.decode()
        assert html.count('class="producer-list__item"') >= 6, fair.title
        assert html.count('href="/th/catalogue/') >= 6, fair.title
        booths += [p.producer_id for p in fair.participants.all()]
    assert len(booths) == len(set(booths))

    # A demo village shows products, and its English page is a real translation.
    village = villages.filter(locale__language_code="th").first()
    html = client.get(village.url).content.decode()
    assert 'class="product-card__title"' in html
    english = village.get_translation(_en())
    assert english.title != village.title and client.get(english.url).status_code == 200

    # Experiences with dated slots over the next 60 days, in villages of several
    # regions, some dates nearly full; the village pages offer them to book.
    slots = Slot.objects.select_related("experience__village_page")
    regions = {
        VillagePage.objects.get(
            pk=s.experience.village_page_id
        ).tambon.district.province.region_id
        for s in slots
    }
    assert len(regions) >= 4
    today = timezone.localdate()
    assert all(
        today < timezone.localtime(s.starts_at).date() <= today + timedelta(days=60)
        for s in slots
    )
    assert any(s.seats_left <= 2 for s in slots) and any(
        s.seats_left >= 6 for s in slots
    )
    booked = VillagePage.objects.get(pk=slots.first().experience.village_page_id)
    page = client.get(booked.url).content.decode()
    assert 'class="slot-choice"' in page
    english_page = client.get(booked.get_translation(_en()).url).content.decode()
    assert "seats left" in english_page or "seat left" in english_page
    assert load_experiences(lambda _: None) == {}  # a second run creates nothing

    Image = get_image_model()
    # Each drawn image carries its size and hash, as an upload through the admin does.
    assert not Image.objects.filter(file_hash="").exists()
    assert not Image.objects.filter(file_size__isnull=True).exists()
    images = Image.objects.count()
    assert load_village_demo(lambda _: None) == {}  # a second run creates nothing
    assert Image.objects.count() == images


def _en():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")
