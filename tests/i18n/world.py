"""A small shop as the demo has it, for the language crawl: real geography of three
provinces, two producers with rated products (one in stock, one sold out), a village,
KBO, story and fair page in Thai with their English translations, a buyer's placed and
shipped order, review, wishlist and stock alert, a producer's pending listing change, an
application on the review desk, and one user per role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.test import Client

from oscar.core.loading import get_model

from catalogue.producers.membership import join_producer
from catalogue.producers.models import ListingRevision, ProducerApplication
from catalogue.producers.staff import ensure_department_group
from shop.dashboard.parcels.language import SESSION_KEY as PRODUCER_LANGUAGE_APPLIED
from shop.order.shipments import ProducerShipment
from tests.checkout.shop import ADDRESS, build_shop, checkout_up_to_preview, place_order
from tests.villages.conftest import drawn_image, publish, recreate_home_pages
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
    VillagePage,
)

Order = get_model("order", "Order")
ProductReview = get_model("reviews", "ProductReview")
ProductAlert = get_model("customer", "ProductAlert")
WishList = get_model("wishlists", "WishList")
StockRecord = get_model("partner", "StockRecord")

ROLES = ("anonymous", "buyer", "producer", "staff")
BUYER_EMAIL = "buyer@otop.example"

# What people typed (addresses, names, a review): data, shown as written in either
# language. Names of places, products and producers are not here: they have English
# names, or must be marked up as Thai (lang="th") on English pages.
TYPED = [
    ADDRESS["first_name"],
    ADDRESS["last_name"],
    ADDRESS["line1"],
    "ผ้าสวยมาก ทอแน่น สีไม่ตก",
    "ผ้าทอดี",
    "ของขวัญปีใหม่",
    "อยากเปลี่ยนชื่อสินค้าให้ชัดขึ้น",
    "กลุ่มเลี้ยงผึ้งบ้านโป่ง",
    "Ban Pong Beekeepers",
    "ผึ้งโพรง น้ำผึ้งดอกลำไย",
    "นางสาวบัวผัน ทองดี",
    "มาลี",  # a KBO member's name and role, as the editor wrote them
    "ประธาน",
    # The delivery address is printed on the parcel as the buyer chose it, in Thai.
    "แขวงพระบรมมหาราชวัง",
    "เขตพระนคร",
    "กรุงเทพมหานคร",
    # English titles shown as such next to the Thai ones on Thai dashboard pages.
    "Hand-woven mudmee silk, naga pattern",
    "Hand-woven mudmee silk",
    "Grilled fish chili paste",
    "Silk shawl",
]


@dataclass
class World:
    users: dict = field(default_factory=dict)
    start_urls: list[str] = field(default_factory=list)  # path after /<lang>/
    typed: set[str] = field(default_factory=set)

    def client(self, role: str) -> Client:
        client = Client()
        if self.users.get(role):
            client.force_login(self.users[role])
            # The crawl chooses the language itself: no opening in the group's one.
            session = client.session
            session[PRODUCER_LANGUAGE_APPLIED] = True
            session.save()
        return client


def build_world() -> World:
    shop = build_shop()
    User = get_user_model()
    buyer = User.objects.create_user(
        username="buyer", email=BUYER_EMAIL, password="x", first_name="สมศรี"
    )
    staff = User.objects.create_user(
        username="staff", email="staff@otop.example", password="x", is_staff=True
    )
    staff.groups.add(ensure_department_group())
    producer_user = User.objects.create_user(
        username="producer", email="producer@otop.example", password="x"
    )
    join_producer(producer_user, shop.weavers)

    # A third product, sold out: its page offers a stock alert.
    shawl = type(shop.silk).objects.get(pk=shop.silk.pk)
    shawl.pk = None
    shawl.id = None
    shawl.upc = "SILK-2"
    shawl.title, shawl.title_en = "ผ้าคลุมไหล่ไหม", "Silk shawl"
    shawl.slug = "silk-shawl"
    shawl.save()
    StockRecord.objects.create(
        product=shawl,
        partner=shop.weavers.partner,
        partner_sku="SHAWL",
        price="890",
        price_currency="THB",
        num_in_stock=0,
    )
    shawl.opc_ratings.create(stars=4, year=2024)

    # A guest's order and the buyer's, placed through checkout; one parcel shipped.
    guest_order = _checkout((shop.chili, 1), email="guest@example.com")
    order = _checkout((shop.silk, 1), (shop.chili, 2), email="somsri@example.com")
    order.user, order.guest_email = buyer, ""
    order.save()
    parcel = ProducerShipment.objects.get(order=order, partner=shop.weavers.partner)
    parcel.accept()
    parcel.ship("EF123456789TH")
    guest_order.shipments.get().accept()

    ProductReview.objects.create(
        product=shop.silk,
        user=buyer,
        title="ผ้าทอดี",
        body="ผ้าสวยมาก ทอแน่น สีไม่ตก",
        score=5,
        status=ProductReview.APPROVED,
    )
    wishlist = WishList.objects.create(owner=buyer, name="ของขวัญปีใหม่")
    wishlist.add(shop.chili)
    ProductAlert.objects.create(product=shawl, user=buyer)

    ListingRevision.objects.create(
        product=shop.silk,
        submitted_by=producer_user,
        title="ผ้าไหมมัดหมี่ทอมือ ลายนาค",
        title_en="Hand-woven mudmee silk, naga pattern",
        description="อยากเปลี่ยนชื่อสินค้าให้ชัดขึ้น",
    )
    ProducerApplication.objects.create(
        applicant=buyer,
        kind="community_group",
        name_th="กลุ่มเลี้ยงผึ้งบ้านโป่ง",
        name_en="Ban Pong Beekeepers",
        members=12,
        tambon=shop.weavers.tambon,
        contact_name="นางสาวบัวผัน ทองดี",
        phone="081 234 5678",
        products="ผึ้งโพรง น้ำผึ้งดอกลำไย",
    )
    _pages(shop)

    world = World(
        users={
            "anonymous": None,
            "buyer": buyer,
            "producer": producer_user,
            "staff": staff,
        },
        typed=set(TYPED),
    )
    world.start_urls = _start_urls(shop, order, guest_order, parcel, shawl, wishlist)
    return world


def _checkout(*items, email: str):
    client = Client()
    checkout_up_to_preview(client, *items, email=email)
    response = place_order(client)
    assert response.status_code == 302, response
    return Order.objects.order_by("-pk").first()


UNTRANSLATED_VILLAGE = "บ้านหนองขาว"


def _pages(shop) -> None:
    if not HomePage.objects.filter(locale__language_code="th").exists():
        recreate_home_pages()
    home = HomePage.objects.get(locale__language_code="th")
    weavers = shop.weavers
    image = drawn_image("บ้านดอนหลวง")
    index = publish(
        home, VillageIndexPage(title="หมู่บ้าน", slug="villages"), title="Villages"
    )
    village = VillagePage(
        title="บ้านดอนหลวง",
        slug="บ้านดอนหลวง",
        tambon=weavers.tambon,
        moo=3,
        hero_image=image,
        hero_alt="บ้านไม้กลางทุ่งนา",
        intro="หมู่บ้านทอผ้า",
        seasons="ตลอดปี",
        body=[{"type": "text", "value": "<p>เรื่องของหมู่บ้าน</p>"}],
    )
    publish(
        index,
        village,
        title="Ban Don Luang",
        slug="ban-don-luang",
        hero_alt="Wooden houses among rice fields",
        intro="A weaving village",
        seasons="All year",
        body=[{"type": "text", "value": "<p>The village's story</p>"}],
    )
    # A village page its editors have not translated yet: /en/ shows it in Thai
    # inside the English interface (villages.page_urls).
    untranslated = VillagePage(
        title=UNTRANSLATED_VILLAGE,
        slug=UNTRANSLATED_VILLAGE,
        tambon=weavers.tambon,
        moo=7,
        hero_image=image,
        hero_alt="ทุ่งนาหน้าหมู่บ้าน",
        intro="หมู่บ้านจักสาน",
        body=[{"type": "text", "value": "<p>ชาวบ้านสานกระติ๊บข้าวเหนียว</p>"}],
    )
    index.add_child(instance=untranslated)
    untranslated.save_revision().publish()
    kbo_index = publish(
        home, KboIndexPage(title="เครือข่าย KBO", slug="kbo"), title="KBO networks"
    )
    kbo = KboNetworkPage(
        title="เครือข่าย KBO เชียงใหม่",
        slug="kbo-50",
        province=weavers.tambon.district.province,
    )
    kbo.members.add(KboMember(name="มาลี", role="ประธาน", producer=weavers))
    publish(kbo_index, kbo, title="Chiang Mai KBO network")
    stories = publish(
        home, StoryIndexPage(title="เรื่องเล่า", slug="stories"), title="Stories"
    )
    story = ProducerStoryPage(
        title="เรื่องของกลุ่มทอผ้า",
        slug="เรื่องของกลุ่มทอผ้า",
        producer=weavers,
        intro="ทอผ้ามาสามรุ่น",
    )
    publish(
        stories,
        story,
        title="The weavers' story",
        slug="weavers-story",
        intro="Three generations of weaving",
    )
    fairs = publish(
        home, FairIndexPage(title="งานแสดงสินค้า", slug="fairs"), title="Fairs"
    )
    fair = FairPage(
        title="OTOP มิดเยียร์ 2570",
        slug="otop-midyear",
        start_date=datetime.date(2027, 6, 20),
        end_date=datetime.date(2027, 6, 28),
        venue_name="อิมแพ็ค เมืองทองธานี",
    )
    fair.participants.add(FairParticipant(producer=weavers, booth="A01"))
    publish(
        fairs, fair, title="OTOP Midyear 2027", venue_name="IMPACT Muang Thong Thani"
    )


def _start_urls(shop, order, guest_order, parcel, shawl, wishlist) -> list[str]:
    silk, chili = shop.silk, shop.chili
    return [
        "",
        f"villages/{UNTRANSLATED_VILLAGE}/",
        "catalogue/",
        f"catalogue/{silk.slug}_{silk.pk}/",
        f"catalogue/{shawl.slug}_{shawl.pk}/",
        f"catalogue/{silk.slug}_{silk.pk}/reviews/",
        f"catalogue/{silk.slug}_{silk.pk}/reviews/add/",
        "search/?q=OTOP",
        "places/",
        f"producers/{shop.weavers.registration_number}/",
        "producers/apply/",
        "producers/application/",
        "basket/",
        "checkout/",
        "accounts/login/",
        "password-reset/",
        # The guest order-status page, as the confirmation e-mail links to it.
        order_status_path(guest_order),
        "accounts/",
        "accounts/profile/",
        "accounts/profile/edit/",
        "accounts/change-password/",
        "accounts/orders/",
        f"accounts/orders/{order.number}/",
        "accounts/addresses/",
        "accounts/addresses/add/",
        "accounts/emails/",
        "accounts/alerts/",
        "accounts/notifications/inbox/",
        "accounts/wishlists/",
        "accounts/wishlists/create/",
        f"accounts/wishlists/{wishlist.key}/",
        "wishlists/" + wishlist.key + "/",
        "producer/shipments/",
        f"producer/shipments/{parcel.pk}/",
        "dashboard/",
        "dashboard/catalogue/",
        f"dashboard/catalogue/products/{silk.pk}/",
        f"dashboard/catalogue/products/{chili.pk}/",
        "dashboard/catalogue/products/create/",
        "dashboard/orders/",
        f"dashboard/orders/{order.number}/",
        "dashboard/review/",
        "dashboard/review/ratings/",
        "dashboard/review/ratings/import/",
        f"dashboard/review/products/{silk.pk}/revision/",
    ]


def order_status_path(order) -> str:
    from shop.order.notifications import order_status_path as path

    return path(order).split("/", 2)[2]  # drop the language prefix
