"""Demo village experiences: in each demo village with a registered producer, one or
two experiences it hosts, with slots over the next 60 days; a few dates nearly full.
The demo producer account hosts one too, so its bookings page has something to show.
Idempotent: a village that already has experiences is left as it is."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from catalogue.register import Producer
from shop.experiences.catalogue import add_slot, create_experience
from shop.experiences.models import Experience
from villages.models import VillagePage

# (Thai title, English title, Thai description, English description, minutes, price)
KINDS = [
    (
        "เวิร์กช็อปทอผ้ากับแม่ครูในหมู่บ้าน",
        "Weaving workshop with the village's master weavers",
        "เรียนมัดหมี่และทอผ้าผืนเล็กบนกี่พื้นบ้าน กลับบ้านพร้อมผ้าที่ทอเอง",
        "Learn mudmee tie-dye and weave a small cloth on a village loom to take home.",
        180,
        "650",
    ),
    (
        "ทำอาหารพื้นบ้านกับแม่บ้านชุมชน",
        "Cook a village meal with the community kitchen",
        "เก็บผักจากสวน ตำน้ำพริก และกินมื้อกลางวันกับชาวบ้าน",
        "Pick vegetables from the gardens, pound a chili paste and share lunch.",
        150,
        "450",
    ),
    (
        "เดินชมหมู่บ้านกับมัคคุเทศก์ชุมชน",
        "Guided village walk with a community guide",
        "เดินชมวัด บ้านไม้เก่า และแหล่งผลิต OTOP ของหมู่บ้าน",
        "Walk past the temple, old wooden houses and the village's OTOP workshops.",
        120,
        "250",
    ),
    (
        "ค้างคืนโฮมสเตย์กับครอบครัวในหมู่บ้าน",
        "Homestay night with a village family",
        "พักหนึ่งคืน อาหารเย็นและอาหารเช้าแบบพื้นบ้าน ตักบาตรตอนเช้า",
        "One night with a family, village dinner and breakfast, the morning alms round.",
        1080,
        "900",
    ),
]


def _english_title(page: VillagePage) -> str:
    english = page.get_translations().filter(locale__language_code="en").first()
    return english.title if english else page.title


def _host_for(page: VillagePage) -> Producer | None:
    return (
        Producer.objects.registered()
        .filter(tambon=page.tambon)
        .order_by("kind", "id")
        .first()
    )


def _slots(experience: Experience, rng: random.Random, minutes: int, price: str):
    today = timezone.localdate()
    start_hour = 14 if minutes > 600 else rng.choice([9, 10, 13])
    day = rng.randint(1, 4)
    while day <= 60:
        seats = rng.choice([6, 8, 10, 12, 15])
        if rng.random() < 0.2:
            seats = rng.choice([1, 2])  # nearly full: the last seats of the date
        starts_at = timezone.make_aware(
            datetime.combine(today + timedelta(days=day), time(start_hour))
        )
        add_slot(
            experience,
            starts_at=starts_at,
            seats=seats,
            price=Decimal(price),
            duration_minutes=minutes,
            languages=rng.choice(["th", "th,en", "th,en,zh"]),
            child_price=Decimal(price) / 2 if minutes < 600 else None,
        )
        day += rng.randint(3, 8)


def load_experiences(
    say: Callable[[str], None] = print, seed: int = 2026, demo_host=None
) -> Counter:
    rng = random.Random(seed)
    created: Counter = Counter()
    pages = VillagePage.objects.live().filter(locale__language_code="th")
    hosts = [(page, _host_for(page)) for page in pages.order_by("pk")]
    if demo_host is not None and pages.exists():
        # The demo producer's own village, or else the first one.
        page = pages.filter(tambon=demo_host.tambon).first() or pages.first()
        hosts.insert(0, (page, demo_host))
    for number, (page, host) in enumerate(hosts):
        if host is None:
            continue
        if Experience.objects.filter(
            village_page=page, product__producer=host
        ).exists():
            continue
        for kind in rng.sample(KINDS, k=1 + number % 2):
            title_th, title_en, text_th, text_en, minutes, price = kind
            experience = create_experience(
                host=host,
                village_page=page,
                title=title_th,
                title_en=title_en,
                description=text_th,
                description_en=text_en,
                meeting_point=f"ศาลาอเนกประสงค์ {page.title}",
                meeting_point_en=f"Village hall, {_english_title(page)}",
                cancellation_hours=48,
            )
            _slots(experience, rng, minutes, price)
            created["experiences"] += 1
    say(f"Experiences created: {created['experiences']}")
    return created
