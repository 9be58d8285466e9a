"""Every place, village, producer and product has a name an English reader can read:
the English one where there is one, otherwise the Thai name in RTGS romanisation
(PyThaiNLP's offline "royin" engine), kept in a field staff can correct."""

from __future__ import annotations

import importlib

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.test import Client

import pytest

from catalogue.models import Producer, Product
from catalogue.romanization import fill_missing, romanize
from places.models import District, Province, Tambon
from tests.factories.catalogue import EligibleProductFactory, ProducerFactory
from tests.factories.geography import load_provinces

pytestmark = pytest.mark.django_db


def test_rtgs_romanisation_runs_offline_word_by_word():
    assert romanize("บ้านดอนหลวง") == "Ban Don Luang"
    assert romanize("สันกำแพง") == "San Kamphaeng"
    assert romanize("กลุ่มทอผ้าบ้านดอนหลวง") == "Klum Thopha Ban Don Luang"
    assert romanize("OTOP 5 ดาว") == "OTOP 5 Dao"
    assert romanize("Silk") == "Silk"


def test_geothai_gives_every_place_an_english_name():
    load_provinces("50", "30")
    for model in (Province, District, Tambon):
        assert model.objects.exists()
        assert not model.objects.filter(name_en="").exists(), model
    assert Tambon.objects.get(code="501306").name_en == "On Tai"


def test_a_producer_without_an_english_name_shows_thai_beside_its_romanisation():
    producer = ProducerFactory(
        name_th="กลุ่มทอผ้าบ้านดอนหลวง", name_en="", village_name="บ้านดอนหลวง", moo=3
    )
    assert producer.name_rtgs == "Klum Thopha Ban Don Luang"
    assert producer.village_name_en == "Ban Don Luang"
    url = f"producers/{producer.registration_number}/"

    english = Client().get("/en/" + url).content.decode()
    assert (
        '<span lang="th">กลุ่มทอผ้าบ้านดอนหลวง</span> '
        '<span class="romanized">(Klum Thopha Ban Don Luang)</span>'
    ) in english
    assert "<title>Klum Thopha Ban Don Luang |" in english
    assert "Ban Don Luang Moo 3" in english

    thai = Client().get("/th/" + url).content.decode()
    assert "romanized" not in thai
    assert "บ้านดอนหลวง หมู่ 3" in thai


def test_a_product_without_an_english_title_shows_thai_beside_its_romanisation():
    product = EligibleProductFactory(title="น้ำพริกนรกปลาย่าง", title_en="")
    assert product.title_rtgs == "Namprik Nrok Pla Yang"  # royin: a start staff correct
    page = Client().get(f"/en/catalogue/{product.slug}_{product.pk}/")
    html = page.content.decode()
    assert (
        f'<span lang="th">น้ำพริกนรกปลาย่าง</span> <span class="romanized">({product.title_rtgs})</span>'
        in html
    )

    with_english = EligibleProductFactory(title="ผ้าไหม", title_en="Thai silk")
    page = Client().get(f"/en/catalogue/{with_english.slug}_{with_english.pk}/")
    assert '<h1 class="product-page__title">Thai silk</h1>' in page.content.decode()


def test_staff_correct_the_romanisation_and_it_is_kept():
    producer = ProducerFactory(name_th="แม่บุญมีน้ำพริก", name_en="")
    admin = get_user_model().objects.create_superuser(
        "admin", "admin@otop.example", "x"
    )
    client = Client()
    client.force_login(admin)
    url = f"/django-admin/catalogue/producer/{producer.pk}/change/"
    form = client.get(url).content.decode()
    assert 'name="name_rtgs"' in form and 'name="village_name_en"' in form

    producer.name_rtgs = "Mae Boonmee Chili Paste Group"
    producer.save()
    producer.refresh_from_db()
    assert producer.name_rtgs == "Mae Boonmee Chili Paste Group"


def test_the_migration_fills_the_names_already_stored():
    producer = ProducerFactory(name_th="กลุ่มจักสานบ้านโป่ง", village_name="บ้านโป่ง")
    product = EligibleProductFactory(title="ตะกร้าสาน", producer=producer)
    Producer.objects.filter(pk=producer.pk).update(name_rtgs="", village_name_en="")
    Product.objects.filter(pk=product.pk).update(title_rtgs="")

    migration = importlib.import_module(
        "catalogue.migrations.0039_english_names_in_latin_letters"
    )
    migration.romanize_existing(django_apps, None)
    producer.refresh_from_db()
    product.refresh_from_db()
    assert producer.name_rtgs == "Klum Chaksan Ban Pong"
    assert producer.village_name_en == "Ban Pong"
    assert product.title_rtgs == romanize("ตะกร้าสาน")
    assert fill_missing(Producer.objects.all(), Product.objects.all()) == 0
