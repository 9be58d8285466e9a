"""A small register in real places, and the Wagtail pages that tell its story.

Producers and products go through the registry importer (the same path as
`import_registry`); pages are created in Thai and translated to English with Wagtail's
own `copy_for_translation`, as an editor's "Translate" action does.
"""

from __future__ import annotations

import datetime
import importlib
import io
import itertools

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Locale, Page

import pytest
from PIL import Image as PILImage

from catalogue.models import Product
from catalogue.register import Producer
from catalogue.registry_import import ImportReport, import_opc, import_register
from places.models import District, Province, Region, Tambon
from villages.models import (
    FairIndexPage,
    FairPage,
    FairParticipant,
    HomePage,
    KboIndexPage,
    KboMember,
    KboNetworkPage,
    ProducerStoryPage,
    StoryIndexPage,
    VillageIndexPage,
    VillageOffering,
    VillagePage,
)

_numbers = itertools.count(1)
_codes = itertools.count(1)


@pytest.fixture
def places(db):
    """Two tambons of Chiang Mai (North) and one of Songkhla (South)."""
    north = Region.objects.create(
        code="north", name_th="ภาคเหนือ", name_en="North", sort_order=1
    )
    south = Region.objects.create(
        code="south", name_th="ภาคใต้", name_en="South", sort_order=6
    )
    chiang_mai = Province.objects.create(
        code="50", name_th="เชียงใหม่", name_en="Chiang Mai", region=north
    )
    songkhla = Province.objects.create(
        code="90", name_th="สงขลา", name_en="Songkhla", region=south
    )
    san_kamphaeng = District.objects.create(
        code="5013", name_th="สันกำแพง", name_en="San Kamphaeng", province=chiang_mai
    )
    hat_yai = District.objects.create(
        code="9011", name_th="หาดใหญ่", name_en="Hat Yai", province=songkhla
    )
    return {
        "on_tai": Tambon.objects.create(
            code="501306",
            name_th="ออนใต้",
            name_en="On Tai",
            district=san_kamphaeng,
            postcodes=["50130"],
        ),
        "san_kamphaeng": Tambon.objects.create(
            code="501301",
            name_th="สันกำแพง",
            name_en="San Kamphaeng",
            district=san_kamphaeng,
        ),
        "kho_hong": Tambon.objects.create(
            code="901105",
            name_th="คอหงส์",
            name_en="Kho Hong",
            district=hat_yai,
            postcodes=["90110"],
        ),
        "chiang_mai": chiang_mai,
        "north": north,
    }


def register(
    tambon: Tambon, name: str, *, status: str = "active", moo: int | None = None
) -> Producer:
    number = f"OTOP-{tambon.code[:2]}-{next(_numbers):06d}"
    row = {
        "registration_number": number,
        "producer_type": "community_group",
        "producer_name": name,
        "producer_name_en": f"{name} group",
        "tambon_code": tambon.code,
        "status": status,
        "moo": str(moo or ""),
    }
    report = import_register([(2, row)])
    assert not report.rejected, report.rejected
    return Producer.objects.get(registration_number=number)


def rate(
    producer: Producer, title: str, stars: str = "4", *, price: str = "350"
) -> Product:
    """A product with its OPC rating ("" stars: registered but unrated, so not listed)."""
    code = f"T-{next(_codes):05d}"
    row = {
        "product_code": code,
        "product": title,
        "product_en": f"{title} (en)",
        "producer": producer.registration_number,
        "category": "textiles",
        "stars": stars,
        "year": "2567",
        "price": price,
        "stock": "10",
    }
    report = ImportReport()
    import_opc([(2, row)], report)
    assert not report.rejected, report.rejected
    return Product.objects.get(upc=code)


def drawn_image(title: str = "Village"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 180), (120, 170, 90)).save(buffer, "JPEG")
    image = get_image_model()(title=title, file=ImageFile(buffer, name="village.jpg"))
    image.save()
    return image


def publish(parent: Page, page: Page, **english) -> Page:
    """Add a Thai page and its English translation (with the given English fields)."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    translation = page.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    for field, value in english.items():
        setattr(translation, field, value)
    translation.save()
    translation.save_revision().publish()
    return page


@pytest.fixture
def home(db) -> HomePage:
    if not HomePage.objects.filter(locale__language_code="th").exists():
        recreate_home_pages()
    return HomePage.objects.get(locale__language_code="th")


def recreate_home_pages() -> None:
    """After a transactional test has flushed the database (browser tests), put back
    what the data migrations made: Wagtail's roots, the locales, the two home pages."""
    from django.apps import apps

    from wagtail.models import Collection

    migration = importlib.import_module("villages.migrations.0002_create_home_pages")
    thai, _ = Locale.objects.get_or_create(language_code="th")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=thai))
    migration.create_home_pages(apps, None)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")


@pytest.fixture
def site(places, home):
    """A register with listed and hidden products, and one page of every type."""
    weavers = register(places["on_tai"], "กลุ่มทอผ้าบ้านออนใต้", moo=3)
    potters = register(places["on_tai"], "กลุ่มปั้นหม้อออนใต้", moo=5)
    lapsed = register(places["on_tai"], "กลุ่มที่หมดอายุ", status="suspended")
    elsewhere = register(places["san_kamphaeng"], "กลุ่มร่มบ่อสร้าง")
    southern = register(places["kho_hong"], "กลุ่มบาติกคอหงส์")
    products = {
        "silk": rate(weavers, "ผ้าไหมยกดอก", "5", price="1290"),
        "pot": rate(potters, "หม้อดินเผา", "4"),
        "unrated": rate(weavers, "ผ้าฝ้ายยังไม่คัดสรร", ""),
        "lapsed": rate(lapsed, "สินค้าของกลุ่มที่หมดอายุ", "5"),
        "umbrella": rate(elsewhere, "ร่มกระดาษสา", "4"),
        "batik": rate(southern, "ผ้าบาติก", "3"),
    }
    hidden = products["pot"]
    hidden.is_public = False  # a product the producer withdrew
    hidden.save()

    image = drawn_image()
    villages_index = publish(
        home, VillageIndexPage(title="หมู่บ้าน", slug="villages"), title="Villages"
    )
    village = VillagePage(
        title="บ้านออนใต้",
        slug="บ้านออนใต้",
        tambon=places["on_tai"],
        hero_image=image,
        hero_alt="บ้านไม้กลางทุ่งนา",
        intro="หมู่บ้านทอผ้า",
        latitude="18.75000",
        longitude="99.15000",
        seasons="ตลอดปี",
        contact_phone="053 000 000",
        body=[{"type": "text", "value": "<p>เรื่องของหมู่บ้าน</p>"}],
    )
    village.offerings.add(
        VillageOffering(
            kind="homestay", name="โฮมสเตย์", price="650", duration="1 คืน", capacity=12
        )
    )
    publish(
        villages_index,
        village,
        title="Ban On Tai",
        slug="ban-on-tai",
        intro="A weaving village",
    )

    kbo_index = publish(
        home, KboIndexPage(title="เครือข่าย KBO", slug="kbo"), title="KBO networks"
    )
    kbo = KboNetworkPage(
        title="เครือข่าย KBO เชียงใหม่",
        slug="kbo-50",
        province=places["chiang_mai"],
        topics=[
            {
                "type": "topic",
                "value": {"area": "business", "title": "การตลาด", "description": ""},
            }
        ],
    )
    kbo.members.add(KboMember(name="มาลี", role="ประธาน", producer=weavers))
    publish(kbo_index, kbo, title="Chiang Mai KBO network")

    stories_index = publish(
        home, StoryIndexPage(title="เรื่องเล่า", slug="stories"), title="Stories"
    )
    story = ProducerStoryPage(
        title="เรื่องของกลุ่มทอผ้า",
        slug="เรื่องของกลุ่มทอผ้า",
        producer=weavers,
        intro="ทอผ้ามาสามรุ่น",
    )
    publish(stories_index, story, title="The weavers' story", slug="weavers-story")

    fairs_index = publish(
        home, FairIndexPage(title="งานแสดงสินค้า", slug="fairs"), title="Fairs"
    )
    fair = FairPage(
        title="OTOP Midyear",
        slug="otop-midyear",
        start_date=datetime.date(2027, 6, 20),
        end_date=datetime.date(2027, 6, 28),
        venue_name="อิมแพ็ค เมืองทองธานี",
    )
    fair.participants.add(FairParticipant(producer=weavers, booth="A01"))
    fair.participants.add(FairParticipant(producer=lapsed, booth="A02"))
    publish(
        fairs_index, fair, title="OTOP Midyear", venue_name="IMPACT Muang Thong Thani"
    )

    return {
        "producers": {
            "weavers": weavers,
            "potters": potters,
            "lapsed": lapsed,
            "elsewhere": elsewhere,
            "southern": southern,
        },
        "products": products,
        "village": village,
        "kbo": kbo,
        "story": story,
        "fair": fair,
        "places": places,
    }
