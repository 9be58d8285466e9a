"""Experiences and their slots as Oscar products: the product class, its basket line
options, and creating an experience or a slot with its seats (the stock record)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation

from oscar.core.loading import get_model

from catalogue.slugs import thai_slugify

from .dates import short_date, time_of_day
from .models import (
    CHILD_OPTION,
    EXPERIENCE_CLASS,
    NOTES_OPTION,
    PHONE_OPTION,
    Experience,
    Slot,
)

Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")


def experience_class():
    """The product class of experiences: seats are stock, nothing is shipped. Its
    options carry what a booking adds to a basket line (child seats, phone, notes)."""
    product_class, _created = ProductClass.objects.get_or_create(
        slug=EXPERIENCE_CLASS,
        defaults={
            "name": "Village experience",
            "requires_shipping": False,
            "track_stock": True,
        },
    )
    for code, name in (
        (CHILD_OPTION, "Participant"),
        (PHONE_OPTION, "Phone"),
        (NOTES_OPTION, "Notes"),
    ):
        option, _created = Option.objects.get_or_create(
            code=code, defaults={"name": name, "type": Option.TEXT, "required": False}
        )
        product_class.options.add(option)
    return product_class


@transaction.atomic
def create_experience(
    *,
    host,
    village_page,
    title: str,
    title_en: str = "",
    description: str = "",
    description_en: str = "",
    meeting_point: str,
    meeting_point_en: str = "",
    cancellation_hours: int = 48,
) -> Experience:
    product = Product.objects.create(
        structure=Product.PARENT,
        product_class=experience_class(),
        producer=host,
        title=title,
        title_en=title_en,
        description=description,
        description_en=description_en,
        slug=thai_slugify(title_en or title)[:200] or "experience",
        is_public=True,
    )
    return Experience.objects.create(
        product=product,
        village_page=village_page,
        meeting_point=meeting_point,
        meeting_point_en=meeting_point_en,
        cancellation_hours=cancellation_hours,
    )


@transaction.atomic
def add_slot(
    experience: Experience,
    *,
    starts_at: datetime,
    seats: int,
    price: Decimal,
    duration_minutes: int,
    cutoff_hours: int = 12,
    languages: str = "th",
    child_price: Decimal | None = None,
    meeting_point: str = "",
) -> Slot:
    """A dated session with `seats` seats at `price` a person."""
    parent = experience.product
    local = timezone.localtime(starts_at)
    with translation.override("th"):
        when_th = f"{short_date(starts_at)} {time_of_day(starts_at)}"
    with translation.override("en"):
        when_en = f"{short_date(starts_at)} {time_of_day(starts_at)}"
    child = Product.objects.create(
        structure=Product.CHILD,
        parent=parent,
        producer_id=parent.producer_id,
        # The basket, the order and e-mails show the date with the title.
        title=f"{parent.title} · {when_th}",
        title_en=f"{parent.title_en} · {when_en}" if parent.title_en else "",
        slug=f"{parent.slug}-{local:%Y%m%d-%H%M}"[:255],
        is_public=True,
    )
    StockRecord.objects.create(
        product=child,
        partner=parent.producer.partner,
        partner_sku=f"slot-{child.pk}",
        price=price,
        price_currency="THB",
        num_in_stock=seats,
    )
    return Slot.objects.create(
        experience=experience,
        product=child,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        cutoff_hours=cutoff_hours,
        languages=languages,
        child_price=child_price,
        meeting_point=meeting_point,
    )
