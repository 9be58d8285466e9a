"""Demo Wagtail content, in Thai and English: village pages in every region, a KBO
network page for each province with demo producers, producer stories and an OTOP fair,
with Pillow-drawn images stored as Wagtail images.

Called by `manage.py load_demo` after the register is loaded. Idempotent: a page that
already exists (by its slug under its parent) is left as it is.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from catalogue.models import Product
from catalogue.register import Producer
from catalogue.slugs import thai_slugify
from demo.photos import CATEGORIES as PHOTO_CATEGORIES
from demo.photos import draw_product_photo
from places.models import Region, Tambon
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

from .landscapes import draw_fair_scene, draw_village_scene

VILLAGES_PER_REGION = 2
STORIES = 6
FAIR_PRODUCERS = 12
FAIRS = (
    {
        "name": "OTOP Midyear",
        "slug": "otop-midyear",
        "month": 6,
        "first": 20,
        "last": 28,
        "hall": "A",
        "venue_th": "อิมแพ็ค เมืองทองธานี",
        "venue_en": "IMPACT Muang Thong Thani",
        "intro_th": "งานแสดงและจำหน่ายสินค้า OTOP กลางปี รวมผู้ผลิตจากทุกภาคทั่วประเทศ",
        "intro_en": "The midyear OTOP fair: producers from every region under one roof.",
    },
    {
        "name": "OTOP City",
        "slug": "otop-city",
        "month": 12,
        "first": 16,
        "last": 24,
        "hall": "C",
        "venue_th": "อิมแพ็ค ชาเลนเจอร์ เมืองทองธานี",
        "venue_en": "IMPACT Challenger, Muang Thong Thani",
        "intro_th": "งาน OTOP ปลายปี ของขวัญปีใหม่จากชุมชนทั่วประเทศ",
        "intro_en": "The year-end OTOP fair: New Year gifts from communities all over Thailand.",
    },
)

# Province capitals (approximate), for the villages' map points.
PROVINCE_CAPITALS = {
    "10": (13.7563, 100.5018),
    "12": (13.8621, 100.5144),
    "13": (14.0208, 100.5250),
    "14": (14.3532, 100.5689),
    "20": (13.3611, 100.9847),
    "21": (12.6814, 101.2816),
    "22": (12.6113, 102.1039),
    "23": (12.2428, 102.5175),
    "24": (13.6904, 101.0779),
    "30": (14.9799, 102.0978),
    "31": (14.9930, 103.1029),
    "32": (14.8818, 103.4936),
    "33": (15.1186, 104.3220),
    "34": (15.2287, 104.8564),
    "40": (16.4322, 102.8236),
    "41": (17.4138, 102.7872),
    "44": (16.1851, 103.3027),
    "45": (16.0538, 103.6520),
    "46": (16.4314, 103.5059),
    "47": (17.1546, 104.1348),
    "48": (17.3920, 104.7695),
    "50": (18.7883, 98.9853),
    "51": (18.5745, 99.0087),
    "52": (18.2888, 99.4908),
    "53": (17.6200, 100.0993),
    "54": (18.1446, 100.1403),
    "55": (18.7756, 100.7730),
    "56": (19.1665, 99.9019),
    "57": (19.9105, 99.8406),
    "58": (19.3020, 97.9654),
    "60": (15.7047, 100.1372),
    "63": (16.8840, 99.1258),
    "64": (17.0156, 99.8230),
    "65": (16.8211, 100.2659),
    "70": (13.5283, 99.8134),
    "71": (14.0227, 99.5328),
    "72": (14.4745, 100.1177),
    "76": (13.1119, 99.9398),
    "77": (11.8126, 99.7957),
    "80": (8.4304, 99.9631),
    "81": (8.0863, 98.9063),
    "83": (7.8804, 98.3923),
    "84": (9.1382, 99.3215),
    "86": (10.4930, 99.1800),
    "90": (7.1898, 100.5954),
    "91": (6.6238, 100.0674),
    "92": (7.5563, 99.6114),
    "93": (7.6167, 100.0740),
    "94": (6.8695, 101.2501),
    "95": (6.5411, 101.2804),
    "96": (6.4255, 101.8253),
}

# Per region: what the village is known for (Thai, English) and what to see there.
REGION_STORIES = {
    "north": {
        "known_th": "ผ้าทอมือ เครื่องเขิน และกาแฟบนดอยสูง",
        "known_en": "hand-woven cloth, lacquerware and highland coffee",
        "sight_th": ("จุดชมวิวนาขั้นบันได", "ชมทะเลหมอกและนาขั้นบันไดยามเช้า"),
        "sight_en": ("Rice terrace viewpoint", "Morning mist over the rice terraces."),
        "craft_th": ("เรียนทอผ้ากี่เอว", "ทดลองทอผ้าลายพื้นเมืองกับช่างทอในหมู่บ้าน"),
        "craft_en": (
            "Back-strap weaving class",
            "Weave a local pattern with the village weavers.",
        ),
        "season_th": "ตลอดปี ช่วงพฤศจิกายน–กุมภาพันธ์อากาศเย็นสบาย",
        "season_en": "All year; cool and dry from November to February",
    },
    "northeast": {
        "known_th": "ผ้าไหมมัดหมี่ ผ้าฝ้ายย้อมคราม และเครื่องจักสาน",
        "known_en": "mudmee silk, indigo cotton and basketry",
        "sight_th": ("ลานวัฒนธรรมริมหนองน้ำ", "ชมการรำพื้นบ้านและตลาดเช้าริมหนองน้ำ"),
        "sight_en": (
            "Lakeside culture square",
            "Folk dance and a morning market by the lake.",
        ),
        "craft_th": ("มัดหมี่และย้อมสีธรรมชาติ", "มัดลายและย้อมเส้นไหมด้วยสีจากเปลือกไม้และคราม"),
        "craft_en": (
            "Ikat tying and natural dyeing",
            "Tie a pattern and dye silk with bark and indigo.",
        ),
        "season_th": "ตุลาคม–มีนาคม งานบุญและเทศกาลไหมเดือนธันวาคม",
        "season_en": "October to March; silk festival in December",
    },
    "central": {
        "known_th": "ขนมไทย เครื่องปั้นดินเผา และงานจักสานผักตบชวา",
        "known_en": "Thai sweets, pottery and water-hyacinth weaving",
        "sight_th": ("ตลาดน้ำและวัดริมแม่น้ำ", "ล่องเรือชมวิถีชีวิตริมน้ำและวัดเก่า"),
        "sight_en": (
            "Floating market and riverside temple",
            "A boat ride past river life and an old temple.",
        ),
        "craft_th": ("ปั้นดินเผาด้วยแป้นหมุน", "ขึ้นรูปภาชนะดินเผากับช่างปั้นของชุมชน"),
        "craft_en": (
            "Potter's-wheel workshop",
            "Throw a pot with the community's potters.",
        ),
        "season_th": "ตลอดปี ตลาดน้ำเปิดวันเสาร์–อาทิตย์",
        "season_en": "All year; the floating market opens at weekends",
    },
    "east": {
        "known_th": "ผลไม้แปรรูป เสื่อกก และอาหารทะเลตากแห้ง",
        "known_en": "preserved fruit, reed mats and dried seafood",
        "sight_th": ("สวนผลไม้ชุมชน", "เดินชมสวนทุเรียน เงาะ และมังคุด"),
        "sight_en": (
            "Community orchard walk",
            "Walk through durian, rambutan and mangosteen orchards.",
        ),
        "craft_th": ("ทอเสื่อกกจันทบูร", "ทอเสื่อกกลายดั้งเดิมกับกลุ่มแม่บ้าน"),
        "craft_en": (
            "Chanthaburi reed-mat weaving",
            "Weave a traditional reed mat with the housewives' group.",
        ),
        "season_th": "พฤษภาคม–มิถุนายน ฤดูผลไม้",
        "season_en": "May and June, the fruit season",
    },
    "west": {
        "known_th": "น้ำผึ้ง สมุนไพร และผ้าทอกะเหรี่ยง",
        "known_en": "honey, herbs and Karen weaving",
        "sight_th": ("ล่องแพริมแม่น้ำ", "ล่องแพไม้ไผ่ผ่านป่าและภูเขา"),
        "sight_en": (
            "Bamboo rafting",
            "Drift on a bamboo raft between forest and mountains.",
        ),
        "craft_th": ("ทำลูกประคบสมุนไพร", "เลือกสมุนไพรจากสวนและห่อลูกประคบด้วยตนเอง"),
        "craft_en": (
            "Herbal compress making",
            "Pick herbs from the garden and wrap your own compress.",
        ),
        "season_th": "พฤศจิกายน–พฤษภาคม",
        "season_en": "November to May",
    },
    "south": {
        "known_th": "ผ้าบาติก กระจูด และอาหารทะเลแปรรูป",
        "known_en": "batik, krajood sedge weaving and seafood",
        "sight_th": ("หาดและเขาหินปูน", "นั่งเรือหางยาวชมเขาหินปูนกลางทะเล"),
        "sight_en": (
            "Beach and limestone karsts",
            "A long-tail boat among limestone islands.",
        ),
        "craft_th": ("เขียนลายผ้าบาติก", "วาดลายและลงสีผ้าบาติกของตนเอง"),
        "craft_en": ("Batik painting", "Draw and colour your own batik cloth."),
        "season_th": "ธันวาคม–เมษายน ทะเลสงบ",
        "season_en": "December to April, when the sea is calm",
    },
}

KBO_TOPICS = [
    ("business", "การตลาดออนไลน์และการตั้งราคา", "Online marketing and pricing"),
    ("group_management", "การบริหารกลุ่มและบัญชีชุมชน", "Running a group and its accounts"),
    (
        "production_technology",
        "มาตรฐาน อย. มผช. และบรรจุภัณฑ์",
        "FDA and TCPS standards, packaging",
    ),
]
KBO_MEMBERS = [
    ("นางสาวมาลี ใจดี", "Malee Jaidee", "ประธานเครือข่าย", "Chair"),
    ("นายสมชาย รักถิ่น", "Somchai Rakthin", "เลขานุการ", "Secretary"),
    ("นางบุญมา ศรีสุข", "Boonma Srisuk", "ที่ปรึกษาด้านการผลิต", "Production adviser"),
]


class DemoSite:
    """Creates the demo pages; one instance per run."""

    def __init__(self, say: Callable[[str], None], seed: int = 2026):
        self.say = say
        self.rng = random.Random(seed)
        self.th = Locale.objects.get(language_code="th")
        self.en = Locale.objects.get(language_code="en")
        self.home = HomePage.objects.get(locale=self.th)
        self.created = Counter()

    # -- helpers ----------------------------------------------------------------------

    def image(self, title: str, data: bytes, alt: str, focus_y: float = 0.7):
        """A Wagtail image from drawn bytes, its focal point on the village houses."""
        Image = get_image_model()
        existing = Image.objects.filter(title=title).first()
        if existing:
            return existing
        image = Image(
            title=title,
            description=alt,
            file=ImageFile(
                _bytes_io(data), name=f"{slugify(title)[:60] or 'demo'}.jpg"
            ),
        )
        image.save()
        # What Wagtail's upload form records: its size, and the hash by which the
        # admin tells an editor that an upload is a duplicate (each saves itself).
        image.get_file_size()
        image.get_file_hash()
        image.focal_point_x = image.width // 2
        image.focal_point_y = int(image.height * focus_y)
        image.focal_point_width = image.width // 3
        image.focal_point_height = image.height // 4
        image.save(
            update_fields=[
                "focal_point_x",
                "focal_point_y",
                "focal_point_width",
                "focal_point_height",
            ]
        )
        self.created["images"] += 1
        return image

    def child(self, parent: Page, page: Page, english: dict) -> Page:
        """Add `page` (Thai) under `parent` unless its slug is taken; then its English
        translation with the `english` field values. Returns the Thai page."""
        existing = parent.get_children().filter(slug=page.slug).first()
        if existing:
            return existing.specific
        parent.add_child(instance=page)
        page.save_revision().publish()
        translation = page.copy_for_translation(self.en, copy_parents=True)
        for field, value in english.items():
            setattr(translation, field, value)
        translation.save()
        translation.save_revision().publish()
        self.created[type(page).__name__] += 1
        return page

    # -- sections ---------------------------------------------------------------------

    def sections(self) -> dict[str, Page]:
        specs = [
            (
                "villages",
                VillageIndexPage,
                "หมู่บ้านท่องเที่ยว OTOP",
                "OTOP tourism villages",
                "ชุมชนที่เปิดบ้านต้อนรับนักท่องเที่ยว ให้ชม ชิม ช้อป และเรียนรู้ภูมิปัญญา",
                "Communities that welcome visitors to see, taste, shop and learn their crafts.",
            ),
            (
                "kbo",
                KboIndexPage,
                "เครือข่าย KBO",
                "KBO networks",
                "เครือข่ายองค์ความรู้ OTOP ประจำจังหวัด ช่วยผู้ผลิตด้านธุรกิจ การบริหารกลุ่ม และเทคโนโลยีการผลิต",
                "Each province's Knowledge-Based OTOP network helps producers with business, group management and production technology.",
            ),
            (
                "stories",
                StoryIndexPage,
                "เรื่องเล่าผู้ผลิต",
                "Producer stories",
                "เรื่องราวของคนเบื้องหลังผลิตภัณฑ์ OTOP",
                "The people behind OTOP products.",
            ),
            (
                "fairs",
                FairIndexPage,
                "งานแสดงสินค้า OTOP",
                "OTOP fairs",
                "งาน OTOP Midyear, OTOP City และงานประจำจังหวัด",
                "OTOP Midyear, OTOP City and provincial fairs.",
            ),
        ]
        pages = {}
        for slug, model, title_th, title_en, intro_th, intro_en in specs:
            pages[slug] = self.child(
                self.home,
                model(title=title_th, slug=slug, intro=intro_th, show_in_menus=True),
                {"title": title_en, "intro": intro_en, "slug": slug},
            )
        return pages

    # -- villages ---------------------------------------------------------------------

    def village_tambons(self) -> list[Tambon]:
        """The tambons with the most registered producers, two in each region; known
        province capitals first, so the map points are close."""
        counts = (
            Producer.objects.registered()
            .values("tambon")
            .annotate(n=Count("pk"))
            .order_by("-n", "tambon")
        )
        ranked = [row["tambon"] for row in counts]
        tambons = Tambon.objects.select_related("district__province__region").in_bulk(
            ranked
        )
        by_region = defaultdict(list)
        for code in ranked:
            tambon = tambons[code]
            by_region[tambon.district.province.region_id].append(tambon)
        chosen = []
        for region in Region.objects.order_by("sort_order"):
            options = sorted(
                by_region[region.pk],
                key=lambda t: t.district.province_id not in PROVINCE_CAPITALS,
            )
            # Different provinces first; a small register may need a second tambon
            # of the same province.
            picked, provinces = [], set()
            for tambon in options:
                if tambon.district.province_id not in provinces:
                    provinces.add(tambon.district.province_id)
                    picked.append(tambon)
            picked += [t for t in options if t not in picked]
            chosen += picked[:VILLAGES_PER_REGION]
        return chosen

    def villages(self, index: Page) -> list[VillagePage]:
        pages = []
        for number, tambon in enumerate(self.village_tambons()):
            pages.append(self.village(index, tambon, number))
        return pages

    def village(self, index: Page, tambon: Tambon, number: int) -> VillagePage:
        region = tambon.district.province.region_id
        words = REGION_STORIES[region]
        province = tambon.district.province
        village_names = Counter(
            Producer.objects.registered()
            .filter(tambon=tambon)
            .exclude(village_name="")
            .values_list("village_name", flat=True)
        )
        village_th = (
            village_names.most_common(1)[0][0]
            if village_names
            else f"บ้าน{tambon.name_th}"
        )
        title_th = f"{village_th} ตำบล{tambon.name_th}"
        title_en = f"{tambon.name_en} OTOP Village, {province.name_en}"
        slug_th = thai_slugify(title_th)
        if index.get_children().filter(slug=slug_th).exists():
            return index.get_children().get(slug=slug_th).specific
        hero = self.image(
            f"Village {tambon.code}",
            draw_village_scene(region, seed=number),
            f"Stilt houses among the fields of {tambon.name_en}, {province.name_en}",
        )
        gallery = [
            self.image(
                f"Village {tambon.code} view {i}",
                draw_village_scene(region, seed=100 + number * 10 + i),
                f"A view of {tambon.name_en} ({i})",
            )
            for i in (1, 2)
        ]
        latitude, longitude = PROVINCE_CAPITALS.get(province.code, (None, None))
        page = VillagePage(
            title=title_th,
            slug=slug_th,
            tambon=tambon,
            hero_image=hero,
            hero_alt=f"บ้านไม้ใต้ถุนสูงกลางทุ่งนาของตำบล{tambon.name_th}",
            intro=f"{village_th} ตำบล{tambon.name_th} อำเภอ{tambon.district.name_th} จังหวัด{province.name_th} "
            f"ขึ้นชื่อเรื่อง{words['known_th']}",
            body=_story_body(words, tambon, gallery, hero, thai=True),
            latitude=_decimal(latitude),
            longitude=_decimal(longitude),
            how_to_get_there=f"<p>จากตัวเมือง{province.name_th} ขับรถไปทางอำเภอ{tambon.district.name_th} "
            "ประมาณ 30–45 นาที มีป้ายบอกทางหมู่บ้านท่องเที่ยว OTOP</p>",
            seasons=words["season_th"],
            contact_name="ผู้ใหญ่บ้าน",
            contact_phone=f"08{self.rng.randint(10000000, 99999999)}",
            search_description=f"หมู่บ้านท่องเที่ยว OTOP {village_th} จังหวัด{province.name_th}: "
            f"{words['known_th']}",
        )
        _offerings(page, words, thai=True)
        english = {
            "title": title_en,
            "slug": slugify(title_en),
            "hero_alt": f"Stilt houses among the fields of {tambon.name_en}",
            "intro": f"A village of Tambon {tambon.name_en}, {tambon.district.name_en} District, "
            f"{province.name_en}, known for its {words['known_en']}.",
            "body": _story_body(words, tambon, gallery, hero, thai=False),
            "how_to_get_there": f"<p>From {province.name_en} town, drive towards "
            f"{tambon.district.name_en} for 30–45 minutes and follow the OTOP village signs.</p>",
            "seasons": words["season_en"],
            "contact_name": "Village headman",
            "search_description": f"OTOP tourism village in {province.name_en}: {words['known_en']}.",
        }
        page = self.child(index, page, english)
        translation = page.get_translation(self.en)
        for offering, source in zip(
            translation.offerings.all(), _offering_rows(words, thai=False), strict=False
        ):
            (
                offering.name,
                offering.description,
                offering.duration,
                offering.price_unit,
            ) = source
            offering.save()
        return page

    # -- KBO networks -----------------------------------------------------------------

    def kbo_networks(self, index: Page) -> None:
        provinces = (
            Producer.objects.values_list("tambon__district__province", flat=True)
            .distinct()
            .order_by("tambon__district__province")
        )
        from places.models import Province

        for province in Province.objects.filter(pk__in=list(provinces)).order_by(
            "code"
        ):
            title_th = f"เครือข่าย KBO จังหวัด{province.name_th}"
            slug = f"kbo-{province.code}"
            members = list(
                Producer.objects.registered()
                .filter(tambon__district__province=province)
                .order_by("registration_number")[:2]
            )
            page = KboNetworkPage(
                title=title_th,
                slug=slug,
                province=province,
                intro=f"เครือข่ายองค์ความรู้ OTOP จังหวัด{province.name_th} รวมผู้ผลิตที่ได้รับการคัดสรร "
                "มาแบ่งปันความรู้ให้ผู้ผลิตรายใหม่",
                topics=_blocks(
                    *(
                        ("topic", {"area": a, "title": th, "description": ""})
                        for a, th, _en in KBO_TOPICS
                    )
                ),
                contact_name=KBO_MEMBERS[0][0],
                contact_phone=f"0{self.rng.randint(20000000, 99999999)}",
                contact_email=f"kbo{province.code}@otop.example",
                address=f"สำนักงานพัฒนาชุมชนจังหวัด{province.name_th}",
            )
            for name_th, _name_en, role_th, _role_en in KBO_MEMBERS:
                page.members.add(KboMember(name=name_th, role=role_th))
            for producer in members:
                page.members.add(
                    KboMember(
                        name=producer.name_th, role="สมาชิกผู้ผลิต", producer=producer
                    )
                )
            english = {
                "title": f"KBO network of {province.name_en}",
                "slug": slug,
                "intro": f"{province.name_en}'s Knowledge-Based OTOP network: selected producers "
                "share what they know with new ones.",
                "topics": _blocks(
                    *(
                        ("topic", {"area": a, "title": en, "description": ""})
                        for a, _th, en in KBO_TOPICS
                    )
                ),
                "contact_name": KBO_MEMBERS[0][1],
                "address": f"Provincial Community Development Office, {province.name_en}",
            }
            page = self.child(index, page, english)
            translation = page.get_translation(self.en)
            names = [(m[1], m[3]) for m in KBO_MEMBERS] + [
                (p.name_en or p.name_th, "Member producer") for p in members
            ]
            for member, (name, role) in zip(
                translation.members.all(), names, strict=False
            ):
                member.name, member.role = name, role
                member.save()

    # -- stories ----------------------------------------------------------------------

    def stories(self, index: Page, villages: list[VillagePage]) -> None:
        for village in villages[:STORIES]:
            product = (
                Product.objects.listed().filter(producer__tambon=village.tambon).first()
            )
            if product is None:
                continue
            producer = product.producer
            category = product.get_categories().first()
            photo = self.image(
                f"Story {producer.registration_number} product",
                draw_product_photo(
                    category.slug
                    if category and category.slug in PHOTO_CATEGORIES
                    else "household",
                    seed=product.pk,
                    size=900,
                ),
                f"{product.title_en or product.title}",
                focus_y=0.45,
            )
            hero = village.hero_image
            name_en = producer.name_en or producer.name_th
            page = ProducerStoryPage(
                title=f"เรื่องของ{producer.name_th}",
                slug=thai_slugify(f"เรื่องของ{producer.name_th}"),
                producer=producer,
                hero_image=hero,
                hero_alt=village.hero_alt,
                intro=f"{producer.name_th} สืบทอดภูมิปัญญาจากรุ่นสู่รุ่น และทำ{product.title}ด้วยมือทุกชิ้น",
                body=_blocks(
                    (
                        "text",
                        f"<p>ทุกเช้า สมาชิกของ{producer.name_th}จะมารวมกันที่ศาลากลางบ้าน "
                        "แบ่งงานกันตามความถนัด ตั้งแต่เตรียมวัตถุดิบจนถึงบรรจุหีบห่อ</p>"
                        "<p>รายได้จากการขายช่วยให้คนรุ่นใหม่ไม่ต้องออกไปทำงานไกลบ้าน</p>",
                    ),
                    (
                        "image",
                        {
                            "image": _image_value(photo, product.title),
                            "caption": product.title,
                        },
                    ),
                    (
                        "quote",
                        {
                            "quote": "ของทุกชิ้นมีเรื่องราวของหมู่บ้านอยู่ในนั้น",
                            "attribution": "ประธานกลุ่ม",
                        },
                    ),
                ),
            )
            english = {
                "title": f"The story of {name_en}",
                "slug": slugify(f"story-{name_en}")[:80],
                "hero_alt": "Stilt houses among the village fields",
                "intro": f"{name_en} carries on a craft handed down for generations, "
                f"making every {product.title_en or product.title} by hand.",
                "body": _blocks(
                    (
                        "text",
                        f"<p>Each morning the members of {name_en} meet in the village hall and "
                        "share out the work, from preparing materials to packing.</p>"
                        "<p>What they earn lets the young stay in the village instead of leaving for the city.</p>",
                    ),
                    (
                        "image",
                        {
                            "image": _image_value(
                                photo, product.title_en or product.title
                            ),
                            "caption": product.title_en or product.title,
                        },
                    ),
                    (
                        "quote",
                        {
                            "quote": "Every piece carries a story of the village.",
                            "attribution": "Group chair",
                        },
                    ),
                ),
            }
            self.child(index, page, english)

    # -- fair -------------------------------------------------------------------------

    def fair(self, index: Page) -> None:
        """OTOP Midyear (June) and OTOP City (December), the department's two national
        fairs, each with its own producers' booths; entry is free to both."""
        producer_ids: list[int] = []
        for product in (
            Product.objects.listed().order_by("producer_id").distinct()[:400]
        ):
            if product.producer_id not in producer_ids:
                producer_ids.append(product.producer_id)
            if len(producer_ids) == 2 * FAIR_PRODUCERS:
                break
        for number, fair in enumerate(FAIRS, start=1):
            self._fair(index, number, fair, producer_ids[number - 1 :: len(FAIRS)])

    def _fair(self, index: Page, number: int, fair: dict, producer_ids) -> None:
        today = timezone.localdate()
        month, first, last = fair["month"], fair["first"], fair["last"]
        year = (
            today.year
            if today <= datetime.date(today.year, month, last)
            else today.year + 1
        )
        name = fair["name"]
        hero = self.image(
            f"{name} fair",
            draw_fair_scene(number),
            "Colourful fair booths under bunting",
            focus_y=0.5,
        )
        page = FairPage(
            title=f"{name} {year + 543}",
            slug=f"{fair['slug']}-{year}",
            start_date=datetime.date(year, month, first),
            end_date=datetime.date(year, month, last),
            venue_name=fair["venue_th"],
            venue_address="ถนนป๊อปปูล่า ตำบลบ้านใหม่ อำเภอปากเกร็ด จังหวัดนนทบุรี",
            hero_image=hero,
            hero_alt="ซุ้มร้านค้าหลากสีใต้ธงราว",
            intro=fair["intro_th"],
            body=_blocks(
                (
                    "text",
                    "<p>พบผู้ผลิต OTOP ระดับ 4–5 ดาวจากทั่วประเทศ ชิมอาหารพื้นถิ่น "
                    "และชมการสาธิตภูมิปัญญาตลอดงาน เข้าชมฟรี</p>",
                )
            ),
        )
        for booth, producer_id in enumerate(producer_ids[:FAIR_PRODUCERS], start=1):
            page.participants.add(
                FairParticipant(
                    producer_id=producer_id, booth=f"{fair['hall']}{booth:02d}"
                )
            )
        english = {
            "title": f"{name} {year}",
            "slug": f"{fair['slug']}-{year}",
            "venue_name": fair["venue_en"],
            "venue_address": "Popular Road, Ban Mai, Pak Kret, Nonthaburi",
            "hero_alt": "Colourful fair booths under bunting",
            "intro": fair["intro_en"],
            "body": _blocks(
                (
                    "text",
                    "<p>Meet four- and five-star OTOP producers from all over Thailand, "
                    "taste regional food and watch crafts demonstrated throughout the "
                    "fair. Entry is free.</p>",
                )
            ),
        }
        self.child(index, page, english)


@transaction.atomic
def load_village_demo(say: Callable[[str], None] = print, seed: int = 2026) -> Counter:
    """Create the demo village, KBO, story and fair pages; returns what was created."""
    site = DemoSite(say, seed)
    started = Page.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    # Each page is saved several times on its way to being published and translated;
    # its references (to images, producers…) are indexed once, at the end.
    with disable_reference_index_auto_update():
        sections = site.sections()
        villages = site.villages(sections["villages"])
        site.kbo_networks(sections["kbo"])
        site.stories(sections["stories"], villages)
        site.fair(sections["fairs"])
    for page in Page.objects.filter(pk__gt=started).specific().iterator():
        ReferenceIndex.create_or_update_for_object(page)
    return site.created


# -- content builders -----------------------------------------------------------------


def _blocks(*pairs) -> list[dict]:
    """StreamField content in its stored (JSON) form: images by primary key."""
    return [{"type": kind, "value": value} for kind, value in pairs]


def _image_value(image, alt: str) -> dict:
    return {"image": image.pk, "alt_text": alt, "decorative": False}


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(f"{value:.5f}")


def _story_body(
    words: dict, tambon: Tambon, gallery: list, hero, *, thai: bool
) -> list:
    province = tambon.district.province
    if thai:
        text = (
            f"<p>ชาวบ้านตำบล{tambon.name_th}สืบทอดงาน{words['known_th']}มาหลายชั่วอายุคน "
            "วันนี้ชุมชนเปิดบ้านให้ผู้มาเยือนได้เห็นทุกขั้นตอน ตั้งแต่วัตถุดิบจนเป็นผลิตภัณฑ์</p>"
            f"<h2>ใช้ชีวิตแบบคน{province.name_th}</h2>"
            "<p>พักโฮมสเตย์ ตื่นมาใส่บาตรตอนเช้า แล้วลงมือทำงานฝีมือกับปราชญ์ชาวบ้าน</p>"
        )
        quote = ("มาแล้วต้องได้ลองทำเอง กลับไปจะเข้าใจว่าของแต่ละชิ้นมีคุณค่าแค่ไหน", "ปราชญ์ชาวบ้าน")
        title = "ภาพบรรยากาศหมู่บ้าน"
        alts = [f"ทิวทัศน์ตำบล{tambon.name_th} ภาพที่ {i}" for i in (1, 2)]
    else:
        text = (
            f"<p>The people of {tambon.name_en} have handed down their {words['known_en']} "
            "for generations. Today the community opens its homes so that visitors can see "
            "every step, from raw material to finished piece.</p>"
            f"<h2>Live like a local in {province.name_en}</h2>"
            "<p>Stay in a homestay, offer alms at dawn, then make something with the village's "
            "master craftspeople.</p>"
        )
        quote = (
            "Try it with your own hands, and you will know what each piece is worth.",
            "Village sage",
        )
        title = "Around the village"
        alts = [f"A view of {tambon.name_en} ({i})" for i in (1, 2)]
    return _blocks(
        ("text", text),
        ("quote", {"quote": quote[0], "attribution": quote[1]}),
        (
            "gallery",
            {
                "title": title,
                "images": [
                    _image_value(image, alt)
                    for image, alt in zip(
                        [*gallery, hero], [*alts, title], strict=False
                    )
                ],
            },
        ),
    )


def _offering_rows(words: dict, *, thai: bool) -> list[tuple[str, str, str, str]]:
    """(name, description, duration, price unit) for the attraction, experience, homestay."""
    if thai:
        return [
            (*words["sight_th"], "ครึ่งวัน", ""),
            (*words["craft_th"], "3 ชั่วโมง", "คน"),
            (
                "โฮมสเตย์ของชุมชน",
                "ห้องพักในบ้านไม้ พร้อมอาหารเช้าและอาหารเย็นฝีมือแม่บ้าน",
                "1 คืน",
                "คน/คืน",
            ),
        ]
    return [
        (*words["sight_en"], "Half a day", ""),
        (*words["craft_en"], "3 hours", "person"),
        (
            "Community homestay",
            "Rooms in wooden houses, with breakfast and dinner cooked by the hosts.",
            "1 night",
            "person per night",
        ),
    ]


def _offerings(page: VillagePage, words: dict, *, thai: bool) -> None:
    kinds = [
        VillageOffering.Kind.ATTRACTION,
        VillageOffering.Kind.EXPERIENCE,
        VillageOffering.Kind.HOMESTAY,
    ]
    prices = [None, Decimal("350"), Decimal("650")]
    capacities = [None, 20, 16]
    for kind, (name, description, duration, unit), price, capacity in zip(
        kinds, _offering_rows(words, thai=thai), prices, capacities, strict=True
    ):
        page.offerings.add(
            VillageOffering(
                kind=kind,
                name=name,
                description=description,
                duration=duration,
                price=price,
                price_unit=unit,
                capacity=capacity,
            )
        )
