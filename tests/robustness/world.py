"""A small shop with every kind of visitor, for the fuzz tests: a guest with a basket,
a buyer with an order, an address, a wishlist and a review, a producer's member with
products and a parcel, the department's staff with an application to review."""

from __future__ import annotations

from dataclasses import dataclass

from django.test import Client

from oscar.core.loading import get_model

from catalogue.producers.membership import join_producer
from catalogue.producers.models import ProducerApplication
from tests.checkout.shop import (
    ADDRESS,
    Shop,
    build_shop,
    checkout_up_to_preview,
    fill_basket,
    place_order,
)
from tests.producers.shop import make_staff, make_user

Order = get_model("order", "Order")
WishList = get_model("wishlists", "WishList")
ProductReview = get_model("reviews", "ProductReview")


@dataclass
class World:
    shop: Shop
    guest: Client
    buyer: Client
    producer: Client
    staff: Client
    order: object
    wishlist_key: str
    application_pk: int


def build_world() -> World:
    shop = build_shop(silk_stock=50, chili_stock=50)
    guest = Client()
    checkout_up_to_preview(guest, (shop.silk, 1))

    buyer_user = make_user("somchai@example.com")
    buyer = Client()
    buyer.force_login(buyer_user)
    fill_basket(buyer, (shop.chili, 1))
    assert buyer.get("/th/checkout/").status_code == 302  # signed in: no gateway
    assert buyer.post("/th/checkout/shipping-address/", ADDRESS).status_code == 302
    buyer.get("/th/checkout/shipping-method/")
    buyer.post("/th/checkout/payment-method/", {"method": "cash-on-delivery"})
    assert place_order(buyer)["Location"].endswith("/thank-you/")
    buyer.post(f"/th/basket/add/{shop.silk.pk}/", {"quantity": 1})
    wishlist = WishList.objects.create(owner=buyer_user, name="ของฝาก")
    wishlist.add(shop.silk)
    ProductReview.objects.create(
        product=shop.chili, user=buyer_user, score=4, title="อร่อย", body="เผ็ดดี"
    )

    member = make_user("member@donluang.example")
    join_producer(member, shop.weavers)
    producer = Client()
    producer.force_login(member)

    applicant = make_user("buaphan@example.com")
    application = ProducerApplication.objects.create(
        applicant=applicant,
        kind="community_group",
        name_th="กลุ่มจักสานไม้ไผ่บ้านออนใต้",
        members=12,
        tambon=shop.weavers.tambon,
        contact_name="นางบัวผัน ใจงาม",
        phone="0812345678",
        products="ตะกร้า",
    )
    staff = Client()
    staff.force_login(make_staff())
    return World(
        shop=shop,
        guest=guest,
        buyer=buyer,
        producer=producer,
        staff=staff,
        order=Order.objects.get(),
        wishlist_key=wishlist.key,
        application_pk=application.pk,
    )
