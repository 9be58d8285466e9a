"""Builders for producer tests: a tambon, producers with their staff, listed products with
real photos, and orders that mix two producers' lines."""

from __future__ import annotations

import io
from decimal import Decimal
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection

from oscar.core.loading import get_model

from PIL import Image

from catalogue.categories import ensure_official_categories
from catalogue.producers.membership import join_producer
from catalogue.producers.staff import ensure_department_group
from catalogue.register import OpcRating, Producer
from catalogue.registry_import import otop_product_class
from places.models import District, Province, Region, Tambon

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
BillingAddress = get_model("order", "BillingAddress")
Country = get_model("address", "Country")

PASSWORD = "otop-test-2026"


def on_tai() -> Tambon:
    """Tambon On Tai, San Kamphaeng, Chiang Mai (DOPA codes as in geothai)."""
    region, _ = Region.objects.get_or_create(
        code="north", defaults={"name_th": "ภาคเหนือ", "name_en": "North"}
    )
    province, _ = Province.objects.get_or_create(
        code="50",
        defaults={"name_th": "เชียงใหม่", "name_en": "Chiang Mai", "region": region},
    )
    district, _ = District.objects.get_or_create(
        code="5013",
        defaults={
            "name_th": "สันกำแพง",
            "name_en": "San Kamphaeng",
            "province": province,
        },
    )
    tambon, _ = Tambon.objects.get_or_create(
        code="501306",
        defaults={"name_th": "ออนใต้", "name_en": "On Tai", "district": district},
    )
    return tambon


def make_user(email: str, **flags):
    User = get_user_model()
    user = User(email=email, username=email, **flags)
    user.set_password(PASSWORD)
    user.save()
    return user


def make_staff():
    user = make_user("cdd-staff@otop.example", is_staff=True)
    user.groups.add(ensure_department_group())
    return user


def make_producer(number: str, name_th: str, name_en: str, member_email: str):
    producer = Producer.objects.create(
        registration_number=number,
        kind=Producer.Kind.COMMUNITY_GROUP,
        name_th=name_th,
        name_en=name_en,
        tambon=on_tai(),
        status=Producer.Status.ACTIVE,
    )
    member = make_user(member_email)
    join_producer(member, producer)
    return producer, member


def jpeg_bytes(size=(640, 480), colour=(180, 90, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def make_product(
    producer: Producer,
    title: str,
    *,
    title_en: str = "",
    rated: bool = True,
    price: str = "350.00",
    stock: int = 10,
    category: str = "textiles",
    photo: bool = True,
):
    categories = ensure_official_categories()
    product = Product.objects.create(
        title=title,
        title_en=title_en,
        description=f"รายละเอียดของ{title}",
        product_class=otop_product_class(),
        producer=producer,
        upc=f"{producer.registration_number}-{Product.objects.count() + 1}",
    )
    ProductCategory.objects.create(product=product, category=categories[category])
    StockRecord.objects.create(
        product=product,
        partner=producer.partner,
        partner_sku=f"SKU-{product.pk}",
        price=Decimal(price),
        price_currency="THB",
        num_in_stock=stock,
    )
    if rated:
        OpcRating.objects.create(product=product, stars=4, year=2024)
    if photo:
        ProductImage.objects.create(
            product=product,
            original=ContentFile(jpeg_bytes(), name=f"p{product.pk}.jpg"),
            caption=title_en,
        )
    return product


def make_order(number: str, items: list[tuple], *, email: str = "somchai@example.com"):
    """An order with one line per (product, quantity); each line belongs to the
    product's producer through `Line.partner`, as Oscar records it."""
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="TH",
        defaults={
            "name": "Thailand",
            "printable_name": "Thailand",
            "is_shipping_country": True,
        },
    )
    shipping = ShippingAddress.objects.create(
        first_name="สมชาย",
        last_name="ใจดี",
        line1="99/1 หมู่ 3 ถนนเชียงใหม่-สันกำแพง",
        line4="สันกำแพง",
        state="เชียงใหม่",
        postcode="50130",
        country=country,
        phone_number="+66812345678",
    )
    billing = BillingAddress.objects.create(
        first_name="Billing",
        last_name="Secret",
        line1="1 Sukhumvit Road",
        line4="Bangkok",
        postcode="10110",
        country=country,
    )
    total = sum(
        (p.stockrecords.first().price * qty for p, qty in items), Decimal("0.00")
    )
    order = Order.objects.create(
        number=number,
        currency="THB",
        total_incl_tax=total + Decimal("50.00"),
        total_excl_tax=total + Decimal("50.00"),
        shipping_incl_tax=Decimal("50.00"),
        shipping_excl_tax=Decimal("50.00"),
        shipping_method="Thailand Post EMS",
        shipping_code="ems",
        shipping_address=shipping,
        billing_address=billing,
        guest_email=email,
        status="Pending",
    )
    for product, quantity in items:
        record = product.stockrecords.first()
        Line.objects.create(
            order=order,
            partner=record.partner,
            partner_name=record.partner.name,
            partner_sku=record.partner_sku,
            stockrecord=record,
            product=product,
            title=product.title,
            upc=product.upc,
            quantity=quantity,
            line_price_incl_tax=record.price * quantity,
            line_price_excl_tax=record.price * quantity,
            line_price_before_discounts_incl_tax=record.price * quantity,
            line_price_before_discounts_excl_tax=record.price * quantity,
            unit_price_incl_tax=record.price,
            unit_price_excl_tax=record.price,
            num_allocated=quantity,
        )
    return order


SNAPSHOT_TABLES = [
    "catalogue_product",
    "catalogue_productcategory",
    "catalogue_productimage",
    "catalogue_opcrating",
    "catalogue_producer",
    "partner_stockrecord",
    "partner_partner_users",
    "order_order",
    "order_line",
    "order_ordernote",
    "order_orderstatuschange",
    "order_shippingevent",
    "order_shippingaddress",
    "order_paymentevent",
    "producers_listingrevision",
]


def table_contents() -> dict[str, list[tuple]]:
    """Every row of the tables a producer could touch, to compare before and after."""
    contents = {}
    with connection.cursor() as cursor:
        for table in SNAPSHOT_TABLES:
            cursor.execute(f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608
            contents[table] = cursor.fetchall()
    return contents


class _FormParser(HTMLParser):
    """Collects what a browser would submit from one form of a page."""

    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.depth = form_id, False, 0
        self.data: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_value: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if self.inside:
                self.depth += 1
            elif self.form_id is None or a.get("id") == self.form_id:
                self.inside = True
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.append((name, a.get("value", "on")))
            elif kind not in ("submit", "file", "button", "image", "reset"):
                self.data.append((name, a.get("value", "")))
        elif tag == "select" and name and "disabled" not in a:
            self._select, self._select_value = name, None
        elif tag == "option" and self._select:
            if self._select_value is None or "selected" in a:
                self._select_value = a.get("value", "")
        elif tag == "textarea" and name and "disabled" not in a:
            self._textarea, self._text = name, ""

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            if self.depth:
                self.depth -= 1
            else:
                self.inside = False
        elif tag == "select" and self._select:
            self.data.append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append((self._textarea, self._text.strip("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text += data


def form_data(response, form_id: str | None = None) -> dict[str, object]:
    """The fields of a rendered form as a browser would post them (lists for repeats)."""
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    data: dict[str, object] = {}
    for name, value in parser.data:
        if name in data:
            previous = data[name]
            data[name] = (
                [*previous, value] if isinstance(previous, list) else [previous, value]
            )
        else:
            data[name] = value
    data.pop("csrfmiddlewaretoken", None)
    return data


def post_revision_photo(client, product, photo):
    """Upload `photo` as a new photo in the product's listing revision form."""
    url = f"/th/dashboard/review/products/{product.pk}/revision/"
    data = form_data(client.get(url), "revision-form")
    return client.post(url, {**data, "new_photos": photo})


def post_product_photo(client, product, photo):
    """Upload `photo` through Oscar's product form (a product not yet under review)."""
    url = f"/th/dashboard/catalogue/products/{product.pk}/"
    data = form_data(client.get(url), "create_update_product_form")
    return client.post(url, {**data, "images-1-original": photo})
