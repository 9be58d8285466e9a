"""Open data from the catalogue: the producer register and the eligible products, as
rows for CSV files that are streamed (a fixed-size batch of rows in memory at a time,
however large the catalogue), and a fingerprint of the data for ETags.

The village layer adds what it knows (KBO networks, villages) and serves the files;
see `villages.open_data`.
"""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.db.models import Count, Max, Min, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from oscar.core.loading import get_model

from .certificates import Certificate
from .register import OpcRating, Producer

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

# What reverse() leaves unquoted in a path (django.urls.resolvers).
URL_SAFE = "!$&'()*+,;=/~:@"
# Rows read from the database per round trip, and rows written per streamed chunk.
BATCH = 2000
BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    name: str
    description: str  # shown on the open-data page (translated there)


def csv_chunks(columns: Iterable[Column], rows: Iterable[Iterable]) -> Iterator[str]:
    """UTF-8 CSV text with a byte-order mark (spreadsheet programs then read Thai
    correctly), yielded a batch of rows at a time."""

    class Line:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Line())
    yield BOM + writer.writerow([c.name for c in columns])
    batch: list[str] = []
    for row in rows:
        batch.append(writer.writerow(row))
        if len(batch) >= BATCH:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def _batches(queryset, size: int | None = None) -> Iterator[list]:
    size = size or BATCH
    batch = []
    for row in queryset.iterator(chunk_size=size):
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def fingerprint(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


# --- producers ----------------------------------------------------------------------

PRODUCER_COLUMNS = [
    Column("registration_number", _("OTOP registration number")),
    Column("name_th", _("name (Thai)")),
    Column("name_en", _("name (English)")),
    Column("type", _("community_group, single_owner or sme")),
    Column("tambon_code", _("six-digit DOPA tambon code")),
    Column("district_th", _("district (Thai)")),
    Column("district_en", _("district (English)")),
    Column("province_th", _("province (Thai)")),
    Column("province_en", _("province (English)")),
    Column("status", _("active, suspended or expired (as of today)")),
    Column("kbo_network", _("the province's KBO network")),
    Column("url", _("the producer's public profile")),
]


def published_producers():
    """Producers in the register (applications still pending are not)."""
    return Producer.objects.exclude(status=Producer.Status.PENDING)


def producers_version() -> tuple:
    return (
        timezone.localdate().isoformat(),
        published_producers().aggregate(n=Count("pk"), changed=Max("updated_at")),
    )


def producer_rows(kbo_network: Callable[[str], str], base_url: str) -> Iterator[list]:
    """One row a producer, by registration number; `kbo_network(province code)`
    names the province's KBO network."""
    today = timezone.localdate()
    with translation.override("th"):
        profile = reverse("producers:profile", args=["NUMBER"])
    producers = (
        published_producers()
        .order_by("registration_number")
        .values_list(
            "registration_number",
            "name_th",
            "name_en",
            "kind",
            "tambon_id",
            "tambon__district__name_th",
            "tambon__district__name_en",
            "tambon__district__province__name_th",
            "tambon__district__province__name_en",
            "status",
            "expires_on",
            "tambon__district__province_id",
        )
    )
    for batch in _batches(producers):
        for *values, status, expires_on, province in batch:
            if status == Producer.Status.ACTIVE and expires_on and expires_on < today:
                status = Producer.Status.EXPIRED
            yield [
                *values,
                status,
                kbo_network(province),
                base_url + profile.replace("NUMBER", values[0]),
            ]


# --- products -----------------------------------------------------------------------

PRODUCT_COLUMNS = [
    Column("product_id", _("the product's number in this shop")),
    Column("title_th", _("title (Thai)")),
    Column("title_en", _("title (English)")),
    Column("producer_registration_number", _("its producer (producers.csv)")),
    Column("category_th", _("OTOP category (Thai)")),
    Column("category_en", _("OTOP category (English)")),
    Column("stars", _("current OPC stars, 1 to 5")),
    Column("selection_year", _("year of that OPC selection (C.E.)")),
    Column(
        "certificates",
        _(
            "current standards, “type:number:expiry” separated by “|” "
            "(fda, community, tisi, gi, halal, gap, gmp, organic)"
        ),
    ),
    Column("price_thb", _("lowest price in baht")),
    Column("tambon_code", _("six-digit DOPA tambon code of its producer")),
    Column("url", _("the product page")),
]


def eligible_products():
    """What the shop lists: eligible, browsable products (no variants)."""
    return Product.objects.browsable()


def products_version() -> tuple:
    return (
        timezone.localdate().isoformat(),
        eligible_products().aggregate(n=Count("pk"), changed=Max("date_updated")),
        StockRecord.objects.aggregate(n=Count("pk"), changed=Max("date_updated")),
        OpcRating.objects.aggregate(n=Count("pk"), stars=Sum("stars"), last=Max("pk")),
        ProductCategory.objects.aggregate(n=Count("pk"), last=Max("pk")),
        Certificate.objects.aggregate(n=Count("pk"), changed=Max("updated_at")),
        producers_version(),
    )


def _categories(product_ids: list[int]) -> dict[int, tuple[list, list]]:
    found: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for product_id, name, name_en in (
        ProductCategory.objects.filter(product_id__in=product_ids)
        .order_by("category__path")
        .values_list("product_id", "category__name", "category__name_en")
    ):
        found[product_id][0].append(name)
        found[product_id][1].append(name_en or name)
    return found


def _certificates(product_ids: list[int], producer_ids: set[int]):
    """{product id: [...]} and {producer id: [...]} of current certificates."""
    by_product, by_producer = defaultdict(list), defaultdict(list)
    for product_id, producer_id, kind, number, expires_on in (
        Certificate.objects.current()
        .filter(
            Q(product_id__in=product_ids)
            | Q(product__isnull=True, producer_id__in=producer_ids)
        )
        .order_by("kind", "pk")
        .values_list("product_id", "producer_id", "kind", "number", "expires_on")
    ):
        text = f"{kind}:{number}:{expires_on.isoformat() if expires_on else ''}"
        if product_id:
            by_product[product_id].append(text)
        else:
            by_producer[producer_id].append(text)
    return by_product, by_producer


def product_rows(base_url: str) -> Iterator[list]:
    """One row an eligible product, by id; a batch of products costs three queries."""
    with translation.override("th"):
        detail = reverse("catalogue:detail", kwargs={"product_slug": "S", "pk": 1})
    prefix, suffix = detail.rsplit("S_1", 1)
    lowest_price = (
        StockRecord.objects.filter(product=OuterRef("pk"), price__isnull=False)
        .order_by()
        .values("product")
        .annotate(low=Min("price"))
        .values("low")
    )
    products = (
        eligible_products()
        .with_current_rating()
        .annotate(price_thb=Subquery(lowest_price))
        .order_by("pk")
        .values_list(
            "pk",
            "title",
            "title_en",
            "slug",
            "producer_id",
            "producer__registration_number",
            "producer__tambon_id",
            "opc_stars",
            "opc_year",
            "price_thb",
        )
    )
    for batch in _batches(products):
        ids = [row[0] for row in batch]
        categories = _categories(ids)
        by_product, by_producer = _certificates(ids, {row[4] for row in batch})
        for (
            pk,
            title,
            title_en,
            slug,
            maker,
            number,
            tambon,
            stars,
            year,
            price,
        ) in batch:
            names_th, names_en = categories[pk]
            yield [
                pk,
                title,
                title_en,
                number,
                "; ".join(names_th),
                "; ".join(names_en),
                stars,
                year,
                "|".join(by_product[pk] + by_producer[maker]),
                f"{Decimal(price):.2f}" if price is not None else "",
                tambon,
                f"{base_url}{prefix}{quote(slug, safe=URL_SAFE)}_{pk}{suffix}",
            ]
