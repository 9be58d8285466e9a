"""What each searchable thing says about itself: weighted texts to analyse and the
facet values its document carries. Built in batches, a fixed number of queries per
batch however many products it holds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils.html import strip_tags

from oscar.core.loading import get_model

from catalogue.categories import category_aliases
from catalogue.register import OpcRating, Producer

from .facets import certificate_value, price_band

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

# How much a match in each part of a document counts.
TITLE = 10
SUBTITLE = 5
CATEGORY = 4
PRODUCER = 4
PLACE = 3
RELATED = 2
DESCRIPTION = 1

# (weight, text) or (weight, text, split compounds?) for proper names.
Fields = list[tuple]

# What each official category means to the search (synonyms.txt concepts), in place of
# its official names: "Herbal products (non-food)" must not be found by "food".
CATEGORY_WORDS = {
    "food": "food",
    "beverages": "drink",
    "textiles": "cloth clothing",
    "household": "household decoration souvenir",
    "herbal": "herb",
}


@dataclass
class Source:
    """A document before analysis: texts with their weights, and facet values."""

    kind: str
    key: int
    title: str
    title_en: str = ""
    fields: Fields = field(default_factory=list)
    facets: dict = field(default_factory=dict)


def _category_words(root) -> str:
    slug = root.slug if root.slug in CATEGORY_WORDS else None
    if slug is None:
        aliases = category_aliases()
        names = (root.name, root.name_en)
        slug = next((aliases[n.lower()] for n in names if n.lower() in aliases), None)
    return CATEGORY_WORDS.get(slug, f"{root.name} {root.name_en}")


def place_fields(tambon) -> Fields:
    """A tambon with its district, province and region, in Thai and English."""
    district = tambon.district
    province = district.province
    places = (tambon, district, province, province.region)
    return [(PLACE, f"{place.name_th} {place.name_en}", False) for place in places]


def _place_facets(tambon) -> dict:
    province = tambon.district.province
    return {"province_id": province.code, "region_id": province.region_id}


def _root_categories() -> dict[str, object]:
    return {c.path: c for c in Category.get_root_nodes()}


def product_sources(product_ids: Iterable[int]) -> Iterator[Source]:
    """Sources for the given products (parents and standalone products only:
    a variant is found through its parent).

    Read as plain values, one query a relation, not as model instances with their
    prefetches: building ~10 objects and related managers a product was half of a
    rebuild's CPU (README "Search"). Each producer and place is read once a batch."""
    roots = _root_categories()
    steplen = Category.steplen
    product_ids = list(product_ids)
    # The OTOP rule, as the storefront applies it, at the time of writing.
    eligible = set(
        Product.objects.filter(pk__in=product_ids)
        .eligible()
        .values_list("pk", flat=True)
    )
    products = list(
        Product.objects.filter(pk__in=product_ids, parent__isnull=True).values_list(
            "pk",
            "title",
            "title_en",
            "description",
            "description_en",
            "date_created",
            "producer_id",
        )
    )
    ids = [row[0] for row in products]
    producers = {
        p.pk: p
        for p in Producer.objects.filter(
            pk__in={row[6] for row in products}
        ).select_related("tambon__district__province__region")
    }
    places = {
        tambon_id: (place_fields(p.tambon), _place_facets(p.tambon))
        for tambon_id, p in ((p.tambon_id, p) for p in producers.values())
    }
    # In each relation's own order, as a product's related managers give it.
    categories: dict[int, list[tuple]] = defaultdict(list)
    for product_id, *category in (
        ProductCategory.objects.filter(product_id__in=ids)
        .values_list(
            "product_id",
            "category__path",
            "category__depth",
            "category__name",
            "category__name_en",
        )
        .order_by("product_id", "category__path")
    ):
        categories[product_id].append(category)
    prices: dict[int, list[Decimal]] = defaultdict(list)
    for product_id, price in StockRecord.objects.filter(
        product_id__in=ids, price__isnull=False
    ).values_list("product_id", "price"):
        prices[product_id].append(price)
    children: dict[int, list[str]] = defaultdict(list)
    for parent_id, title in Product.objects.filter(parent_id__in=ids).values_list(
        "parent_id", "title"
    ):
        children[parent_id].append(title)
    latest_rating: dict[int, tuple[int, int]] = {}
    for product_id, stars, year in OpcRating.objects.filter(
        product_id__in=ids
    ).values_list("product_id", "stars", "year"):
        if product_id not in latest_rating or year > latest_rating[product_id][1]:
            latest_rating[product_id] = (stars, year)
    certificates = _certificate_kinds(
        ids, {producer_id for *_rest, producer_id in products}
    )
    for pk, title, title_en, description, description_en, created, maker in products:
        producer = producers[maker]
        place_texts, place_facets = places[producer.tambon_id]
        own = categories[pk]
        root = next(
            (roots.get(path[:steplen]) for path, *_c in own if path[:steplen] in roots),
            None,
        )
        category_names = {
            name
            for _path, depth, name, name_en in own
            if depth > 1
            for name in (name, name_en)
        }
        if root is not None:
            category_names.add(
                CATEGORY_WORDS.get(root.slug, f"{root.name} {root.name_en}")
            )
        stars, year = latest_rating.get(pk, (None, None))
        price: Decimal | None = min(prices[pk]) if prices[pk] else None
        fields = [
            (TITLE, title),
            (TITLE, title_en),
            (SUBTITLE, " ".join(children[pk])),
            (CATEGORY, " ".join(sorted(n for n in category_names if n))),
            (
                PRODUCER,
                f"{producer.name_th} {producer.name_en} {producer.village_name}",
            ),
            *place_texts,
            (DESCRIPTION, strip_tags(description)),
            (DESCRIPTION, strip_tags(description_en)),
        ]
        yield Source(
            kind="product",
            key=pk,
            title=title,
            title_en=title_en,
            fields=fields,
            facets={
                "listed": pk in eligible,
                "listed_until": producer.expires_on,
                "maker_id": producer.pk,
                "category_id": root.pk if root else None,
                "category_path": max((c[0] for c in own), key=len, default=""),
                "stars": stars,
                "selection_year": year,
                "price": price,
                "price_band": price_band(price),
                "listed_at": created,
                "certificates": certificate_value(
                    certificates["product", pk] | certificates["producer", maker]
                ),
                **place_facets,
            },
        )


def _certificate_kinds(
    product_ids: Iterable[int], producer_ids: Iterable[int]
) -> dict[tuple[str, int], set[str]]:
    """The kinds of valid, verified certificate each product holds, itself or through
    its producer (catalogue.certificates): {("product"|"producer", id): kinds}."""
    from catalogue.certificates import Certificate

    held: dict[tuple[str, int], set[str]] = defaultdict(set)
    found = Certificate.objects.current().filter(
        Q(product_id__in=list(product_ids))
        | Q(product__isnull=True, producer_id__in=set(producer_ids))
    )
    for product_id, producer_id, kind in found.values_list(
        "product_id", "producer_id", "kind"
    ):
        if product_id:
            held["product", product_id].add(kind)
        else:
            held["producer", producer_id].add(kind)
    return held


def producer_sources(producer_ids: Iterable[int]) -> Iterator[Source]:
    """Sources for producers: their names, village, place and what they make."""
    producer_ids = list(producer_ids)
    registered = set(
        Producer.objects.filter(pk__in=producer_ids)
        .registered()
        .values_list("pk", flat=True)
    )
    producers = (
        Producer.objects.filter(pk__in=producer_ids)
        .select_related("tambon__district__province__region")
        .prefetch_related(
            Prefetch(
                "products",
                queryset=Product.objects.filter(
                    is_public=True, parent__isnull=True
                ).only("id", "producer_id", "title", "title_en"),
            )
        )
    )
    for producer in producers:
        made = " ".join(f"{p.title} {p.title_en}" for p in producer.products.all())
        yield Source(
            kind="producer",
            key=producer.pk,
            title=producer.name_th,
            title_en=producer.name_en,
            fields=[
                (TITLE, producer.name_th),
                (TITLE, producer.name_en),
                (SUBTITLE, producer.village_name),
                *place_fields(producer.tambon),
                (RELATED, made),
            ],
            facets={
                "listed": producer.pk in registered,
                "listed_until": producer.expires_on,
                "maker_id": producer.pk,
                **_place_facets(producer.tambon),
            },
        )


def page_sources(page_ids: Iterable[int]) -> Iterator[Source]:
    """Sources for live Wagtail pages, read through each page type's own Wagtail
    `search_fields` (title, intro, StreamField body, related names...), plus the
    place of a page that has a tambon or province. A page type can add more texts
    by defining `search_document_fields()` -> [(weight, text)]."""
    from wagtail.models import Page

    page_ids = list(page_ids)
    public = set(
        Page.objects.filter(pk__in=page_ids).public().values_list("pk", flat=True)
    )
    languages = dict(
        Page.objects.filter(pk__in=page_ids).values_list("pk", "locale__language_code")
    )
    for page in Page.objects.filter(pk__in=page_ids).live().specific():
        fields = [*_declared_fields(page), (PRODUCER, page.search_description)]
        place = getattr(page, "tambon", None)
        facets = {"listed": page.pk in public, "language": languages.get(page.pk)}
        if place is not None:
            fields += place_fields(place)
            facets |= _place_facets(place)
        elif getattr(page, "province", None) is not None:
            province = page.province
            fields.append((PLACE, f"{province.name_th} {province.name_en}", False))
        extra = getattr(page, "search_document_fields", None)
        if callable(extra):
            fields.extend(extra())
        yield Source(
            kind="page", key=page.pk, title=page.title, fields=fields, facets=facets
        )


def _declared_fields(page) -> Fields:
    """The texts a page's Wagtail `search_fields` declare: the title weighs most,
    boosted fields next, names of related objects as names, the rest as body text."""
    from wagtail.search import index

    fields: Fields = []
    for declared in page.get_search_fields():
        if isinstance(declared, index.SearchField):
            if declared.field_name == "title":
                weight = TITLE
            elif (declared.boost or 1) > 1:
                weight = SUBTITLE
            else:
                weight = DESCRIPTION
            fields.append((weight, _searchable_text(page, declared)))
        elif isinstance(declared, index.RelatedFields):
            related = getattr(page, declared.field_name, None)
            objects = related.all() if hasattr(related, "all") else [related]
            for obj in objects:
                if obj is None:
                    continue
                for sub in declared.fields:
                    if isinstance(sub, index.SearchField):
                        fields.append((RELATED, _searchable_text(obj, sub)))
    return fields


def _searchable_text(obj, declared) -> str:
    # Wagtail's get_value already turns rich text and StreamField into their
    # searchable strings.
    value = declared.get_value(obj)
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = " ".join(map(str, value))
    return strip_tags(str(value))
