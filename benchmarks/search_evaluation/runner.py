"""Loads the evaluation catalogue into the current database and measures recall@10
and precision@10 of this search and of the behaviour it replaces, run for real on the
same data:

- ``otop``: this search (Thai segmentation, synonyms, typo correction, matched and
  ranked by Wagtail's search backend: PostgreSQL full text or SQLite FTS5, whichever
  database this runs on);
- ``haystack``: Oscar's default search, django-haystack's "simple" backend (one
  ``icontains`` per text field, and only the last word of the query counts);
- ``placeholder``: the storefront's previous search (every word ``icontains`` one of
  the product's, producer's or place's fields, eligible products only).

recall@10 = |relevant ∩ top 10| / min(|relevant|, 10), so a query with 20 relevant
products scores 1 when its top 10 are all relevant; precision@10 = |relevant ∩ top 10|
/ |top 10| (0 when nothing is returned); MRR@10 = 1 / the rank of the first relevant
product in the top 10 (0 if none). Each is averaged over the queries.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from oscar.core.loading import get_model

import geothai

from catalogue.categories import ensure_official_categories
from catalogue.register import BUDDHIST_ERA_OFFSET, OpcRating, Producer
from catalogue.registry_import import otop_product_class
from places.loader import PROVINCE_REGIONS, REGIONS
from places.models import District, Province, Region, Tambon
from shop.search import indexing
from shop.search.engine import Search
from shop.search.query import parse

from .catalogue import INELIGIBLE, ITEMS, Item
from .queries import HELD_OUT, HELD_OUT_THAI, QUERIES, Query

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

TOP = 10
Engine = Callable[[str], list[int]]


# --- the catalogue ---------------------------------------------------------------


def _geography(codes: set[str]) -> dict[str, Tambon]:
    """Each province's first tambon (real names from geothai), created if missing."""
    for order, (code, name_en, name_th) in enumerate(REGIONS):
        Region.objects.get_or_create(
            code=code,
            defaults={"name_en": name_en, "name_th": name_th, "sort_order": order},
        )
    with PROVINCE_REGIONS.open(encoding="utf-8") as f:
        region_of = {
            row["province_code"]: row["region_en"] for row in csv.DictReader(f)
        }
    region_code = {name_en: code for code, name_en, _th in REGIONS}
    tambons = {}
    for province in geothai.provinces():
        if province.code not in codes:
            continue
        Province.objects.get_or_create(
            code=province.code,
            defaults={
                "name_th": province.name_th,
                "name_en": province.name_en,
                "region_id": region_code[region_of[province.code]],
            },
        )
        district = geothai.districts(province.code)[0]
        District.objects.get_or_create(
            code=district.code,
            defaults={
                "name_th": district.name_th,
                "name_en": district.name_en,
                "province_id": province.code,
            },
        )
        sub = geothai.subdistricts(district.code)[0]
        tambons[province.code], _ = Tambon.objects.get_or_create(
            code=sub.code,
            defaults={
                "name_th": sub.name_th,
                "name_en": sub.name_en,
                "district_id": district.code,
            },
        )
    return tambons


def _make(
    item: Item, number: int, tambon: Tambon, categories, product_class, breaks: str = ""
):
    today = timezone.localdate()
    producer = Producer.objects.create(
        registration_number=f"EVAL-{number:04d}",
        kind=Producer.Kind.COMMUNITY_GROUP,
        name_th=item.producer,
        name_en=item.producer_en,
        tambon=tambon,
        status={
            "suspended": Producer.Status.SUSPENDED,
            "expired": Producer.Status.EXPIRED,
        }.get(breaks, Producer.Status.ACTIVE),
        expires_on=today - timedelta(days=1)
        if breaks == "lapsed"
        else today + timedelta(days=700),
    )
    product = Product.objects.create(
        title=item.title,
        title_en=item.title_en,
        description=item.description,
        producer=producer,
        product_class=product_class,
        structure="standalone",
        is_public=breaks != "not public",
        upc=item.key,
    )
    product.categories.add(categories[item.category])
    StockRecord.objects.create(
        product=product,
        partner=producer.partner,
        partner_sku=item.key,
        price=Decimal(item.price),
        price_currency="THB",
        num_in_stock=10,
    )
    if breaks != "unrated":
        OpcRating.objects.create(
            product=product, stars=item.stars, year=item.year - BUDDHIST_ERA_OFFSET
        )
    return product


def load_catalogue() -> tuple[dict[int, str], set[int]]:
    """Create the evaluation products; returns ({product id: key}, ineligible ids)."""
    codes = {i.province for i in ITEMS} | {i.province for i, _ in INELIGIBLE}
    tambons = _geography(codes)
    categories = ensure_official_categories()
    product_class = otop_product_class()
    keys, ineligible = {}, set()
    with indexing.batch():
        for number, item in enumerate(ITEMS, start=1):
            product = _make(
                item, number, tambons[item.province], categories, product_class
            )
            keys[product.pk] = item.key
        for number, (item, breaks) in enumerate(INELIGIBLE, start=len(ITEMS) + 1):
            product = _make(
                item, number, tambons[item.province], categories, product_class, breaks
            )
            keys[product.pk] = item.key
            ineligible.add(product.pk)
    return keys, ineligible


# --- the engines -----------------------------------------------------------------


def otop(text: str) -> list[int]:
    return Search(parse(text)).results(0, TOP).ids


def haystack(text: str) -> list[int]:
    from haystack import connections

    results = connections["default"].get_backend().search(text, models=[Product])
    return [int(result.pk) for result in results["results"][:TOP]]


def placeholder(text: str) -> list[int]:
    fields = (
        "title",
        "title_en",
        "description",
        "description_en",
        "producer__name_th",
        "producer__name_en",
        "producer__tambon__name_th",
        "producer__tambon__name_en",
        "producer__tambon__district__province__name_th",
        "producer__tambon__district__province__name_en",
    )
    query = Q()
    for word in text.split():
        query &= Q(*[Q(**{f"{f}__icontains": word}) for f in fields], _connector=Q.OR)
    return list(
        Product.objects.listed().filter(query).values_list("pk", flat=True)[:TOP]
    )


ENGINES: dict[str, Engine] = {
    "otop": otop,
    "haystack": haystack,
    "placeholder": placeholder,
}


# --- the measurement ---------------------------------------------------------------


@dataclass
class Outcome:
    query: Query
    found: list[str]
    recall: float
    precision: float
    ineligible: int
    reciprocal_rank: float = 0.0


@dataclass
class Report:
    engine: str
    outcomes: list[Outcome] = field(default_factory=list)
    held_out: list[Outcome] = field(default_factory=list)
    # Thai compounds missing from the synonyms and one-character Thai slips (issue 12).
    held_out_thai: list[Outcome] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return _mean(o.recall for o in self.outcomes)

    @property
    def precision(self) -> float:
        return _mean(o.precision for o in self.outcomes)

    @property
    def mrr(self) -> float:
        return _mean(o.reciprocal_rank for o in self.outcomes)

    @property
    def held_out_mrr(self) -> float:
        return _mean(o.reciprocal_rank for o in self.held_out)

    def thai(self, kind: str) -> list[Outcome]:
        return [o for o in self.held_out_thai if o.query.kind == kind]

    @property
    def held_out_recall(self) -> float:
        return _mean(o.recall for o in self.held_out)

    @property
    def held_out_precision(self) -> float:
        return _mean(o.precision for o in self.held_out)

    @property
    def empty(self) -> int:
        return sum(1 for o in self.outcomes if not o.found)

    @property
    def ineligible(self) -> int:
        return sum(o.ineligible for o in self.outcomes)

    def by_kind(self) -> dict[str, tuple[float, int]]:
        kinds = defaultdict(list)
        for outcome in self.outcomes:
            kinds[outcome.query.kind].append(outcome.recall)
        return {k: (sum(v) / len(v), len(v)) for k, v in kinds.items()}


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _outcome(query: Query, engine: Engine, keys: dict[int, str], ineligible: set[int]):
    ids = engine(query.text)[:TOP]
    found = [keys.get(i, f"#{i}") for i in ids]
    hits = len(query.relevant & set(found))
    first = next((n for n, key in enumerate(found, 1) if key in query.relevant), 0)
    return Outcome(
        query=query,
        found=found,
        recall=hits / min(len(query.relevant), TOP),
        precision=hits / len(found) if found else 0.0,
        ineligible=sum(1 for i in ids if i in ineligible),
        reciprocal_rank=1 / first if first else 0.0,
    )


def measure(
    name: str, engine: Engine, keys: dict[int, str], ineligible: set[int]
) -> Report:
    return Report(
        name,
        outcomes=[_outcome(q, engine, keys, ineligible) for q in QUERIES],
        held_out=[_outcome(q, engine, keys, ineligible) for q in HELD_OUT],
        held_out_thai=[_outcome(q, engine, keys, ineligible) for q in HELD_OUT_THAI],
    )


def evaluate(engines: list[str] | None = None) -> list[Report]:
    """Load the catalogue and measure each engine (in the current database)."""
    keys, ineligible = load_catalogue()
    reports = []
    for name in engines or list(ENGINES):
        reports.append(measure(name, ENGINES[name], keys, ineligible))
    return reports
