"""A small real shop for checkout tests: Thailand's geography, two registered producers
in two provinces (through the register import, as the department's files arrive),
their rated products with stock, and a buyer's way through checkout."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import Client

from oscar.core.loading import get_model

from catalogue.models import Product
from catalogue.register import Producer
from catalogue.registry_import import import_opc, import_register
from tests.factories.geography import (
    BANGKOK,
    CHIANG_MAI,
    UBON_RATCHATHANI,
    load_provinces,
)

StockRecord = get_model("partner", "StockRecord")

WEAVERS = {
    "registration_number": "OTOP-50-000001",
    "producer_type": "community_group",
    "producer_name": "กลุ่มทอผ้าบ้านดอนหลวง",
    "producer_name_en": "Ban Don Luang Weaving Group",
    "province": "เชียงใหม่",
    "district": "สันกำแพง",
    "tambon": "ออนใต้",
    "email": "weavers@otop.example",
    "status": "active",
}
COOKS = {
    "registration_number": "OTOP-34-000002",
    "producer_type": "single_owner",
    "producer_name": "แม่บุญมีน้ำพริก",
    "producer_name_en": "Mae Boonmee Chili Paste",
    "province": "อุบลราชธานี",
    "district": "วารินชำราบ",
    "tambon": "ธาตุ",
    "email": "boonmee@otop.example",
    "status": "active",
}

# A Thai delivery address: Bangkok, Phra Nakhon district, Phra Borom Maha Ratchawang.
ADDRESS = {
    "first_name": "สมศรี",
    "last_name": "ใจดี",
    "phone_number": "081 234 5678",
    "line1": "99/1 ถนนหน้าพระลาน",
    "province": "10",
    "district": "1001",
    "tambon": "100101",
    "postcode": "10200",
    "notes": "",
}


def _opc(
    code: str,
    producer: str,
    province: str,
    title: str,
    title_en: str,
    category: str,
    price: str,
    stock: int,
) -> dict:
    return {
        "product_code": code,
        "product": title,
        "product_en": title_en,
        "producer": producer,
        "province": province,
        "category": category,
        "stars": "5",
        "year": "2567",
        "price": price,
        "stock": str(stock),
    }


@dataclass
class Shop:
    silk: Product  # ฿1,290, Chiang Mai weavers
    chili: Product  # ฿120, Ubon cook
    weavers: Producer
    cooks: Producer

    def stock(self, product: Product) -> tuple[int, int]:
        """(in stock, allocated) as the database has it now."""
        record = StockRecord.objects.get(product=product)
        return record.num_in_stock, record.num_allocated or 0


def build_shop(silk_stock: int = 5, chili_stock: int = 20) -> Shop:
    load_provinces(CHIANG_MAI, UBON_RATCHATHANI, BANGKOK)
    report = import_register([(2, WEAVERS), (3, COOKS)])
    report = import_opc(
        [
            (
                2,
                _opc(
                    "SILK-1",
                    "OTOP-50-000001",
                    "เชียงใหม่",
                    "ผ้าไหมมัดหมี่ทอมือ",
                    "Hand-woven mudmee silk",
                    "textiles",
                    "1290",
                    silk_stock,
                ),
            ),
            (
                3,
                _opc(
                    "CHILI-1",
                    "OTOP-34-000002",
                    "อุบลราชธานี",
                    "น้ำพริกนรกปลาย่าง",
                    "Grilled fish chili paste",
                    "food",
                    "120",
                    chili_stock,
                ),
            ),
        ],
        report,
    )
    assert not report.rejected, report.rejected
    weavers = Producer.objects.get(registration_number="OTOP-50-000001")
    staff = get_user_model().objects.create_user(
        username="weaver-staff", email="packing@donluang.example", password="x"
    )
    weavers.partner.users.add(staff)
    return Shop(
        silk=Product.objects.get(upc="SILK-1"),
        chili=Product.objects.get(upc="CHILI-1"),
        weavers=weavers,
        cooks=Producer.objects.get(registration_number="OTOP-34-000002"),
    )


def fill_basket(client: Client, *items: tuple[Product, int], language="th") -> None:
    for product, quantity in items:
        response = client.post(
            f"/{language}/basket/add/{product.pk}/", {"quantity": quantity}
        )
        assert response.status_code == 302, response.status_code


def checkout_up_to_preview(
    client: Client,
    *items: tuple[Product, int],
    method: str = "cash-on-delivery",
    email: str = "somsri@example.com",
    address: dict | None = None,
    language: str = "th",
) -> None:
    """A guest fills the basket and goes through every step up to the order preview."""
    fill_basket(client, *items, language=language)
    response = client.post(
        f"/{language}/checkout/", {"username": email, "options": "anonymous"}
    )
    assert response.status_code == 302 and response["Location"].endswith(
        "/shipping-address/"
    ), response
    response = client.post(
        f"/{language}/checkout/shipping-address/", {**ADDRESS, **(address or {})}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.get(f"/{language}/checkout/shipping-method/")
    assert response.status_code == 302 and "payment-method" in response["Location"]
    response = client.post(f"/{language}/checkout/payment-method/", {"method": method})
    assert response.status_code == 302 and response["Location"].endswith("/preview/")


def place_order(client: Client, language: str = "th"):
    return client.post(f"/{language}/checkout/preview/", {"action": "place_order"})


def money(value: str) -> Decimal:
    return Decimal(value)
