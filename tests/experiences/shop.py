"""The checkout tests' shop (two producers with rated goods) plus a published OTOP
tourism village in the weavers' tambon, and a weaving workshop the weavers host there
with dated slots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from oscar.core.loading import get_model

from shop.experiences.catalogue import add_slot, create_experience
from shop.experiences.models import Experience, Slot
from tests.checkout.shop import Shop, build_shop
from tests.villages.conftest import drawn_image, publish, recreate_home_pages
from villages.models import HomePage, VillageIndexPage, VillagePage

StockRecord = get_model("partner", "StockRecord")


@dataclass
class Village:
    shop: Shop
    page: VillagePage
    workshop: Experience

    def slot(self, seats: int = 10, **kwargs) -> Slot:
        kwargs.setdefault("starts_at", timezone.now() + timedelta(days=7))
        kwargs.setdefault("price", Decimal("450"))
        kwargs.setdefault("duration_minutes", 180)
        kwargs.setdefault("languages", "th,en")
        return add_slot(self.workshop, seats=seats, **kwargs)


def seats(slot: Slot) -> tuple[int, int]:
    """(seats, seats held by orders) as the database has them now."""
    record = StockRecord.objects.get(product=slot.product)
    return record.num_in_stock, record.num_allocated or 0


def build_village(**shop_kwargs) -> Village:
    shop = build_shop(**shop_kwargs)
    if not HomePage.objects.filter(locale__language_code="th").exists():
        recreate_home_pages()
    home = HomePage.objects.get(locale__language_code="th")
    index = VillageIndexPage.objects.filter(locale__language_code="th").first()
    if index is None:
        index = publish(
            home, VillageIndexPage(title="หมู่บ้าน", slug="villages"), title="Villages"
        )
    page = VillagePage(
        title="บ้านดอนหลวง",
        slug="บ้านดอนหลวง",
        tambon=shop.weavers.tambon,
        hero_image=drawn_image(),
        hero_alt="บ้านไม้กลางทุ่งนา",
        intro="หมู่บ้านทอผ้า",
        contact_phone="053 000 000",
    )
    publish(index, page, title="Ban Don Luang", slug="ban-don-luang")
    workshop = create_experience(
        host=shop.weavers,
        village_page=page,
        title="เวิร์กช็อปทอผ้าไหมกับแม่ครู",
        title_en="Silk weaving workshop with the village's master weavers",
        description="ทอผ้าไหมมัดหมี่ผืนเล็กด้วยกี่พื้นบ้าน",
        description_en="Weave a small mudmee silk on a village loom.",
        meeting_point="ศาลากลางบ้านดอนหลวง",
        meeting_point_en="Ban Don Luang village hall",
        cancellation_hours=48,
    )
    return Village(shop=shop, page=page, workshop=workshop)


def add_seats(client: Client, slot: Slot, quantity: int, **options) -> object:
    return client.post(
        f"/th/basket/add/{slot.product.pk}/", {"quantity": quantity, **options}
    )


def guest_checkout(client: Client, email: str = "tourist@example.com") -> object:
    return client.post("/th/checkout/", {"username": email, "options": "anonymous"})


def book_up_to_preview(
    client: Client,
    slot: Slot,
    quantity: int = 2,
    method: str = "pay-on-arrival",
    email: str = "tourist@example.com",
) -> None:
    """A guest puts seats in the basket and goes through checkout to the preview:
    no address, no shipping method, straight to how to pay."""
    response = add_seats(client, slot, quantity)
    assert response.status_code == 302, response.status_code
    response = guest_checkout(client, email)
    assert response.status_code == 302, response
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0].endswith("/payment-method/"), (
        response.redirect_chain
    )
    response = client.post("/th/checkout/payment-method/", {"method": method})
    assert response.status_code == 302 and response["Location"].endswith("/preview/")
