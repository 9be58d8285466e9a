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
from catalogue.register import Producer

from .facets import certificate_value, price_band

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

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
    a variant is found through its parent)."""
    roots = _root_categories()
    steplen = Category.steplen
    product_ids = list(product_ids)
    # The OTOP rule, as the storefront applies it, at the time of writing.
    eligible = set(
        Product.objects.filter(pk__in=product_ids)
        .eligible()
        .values_list("pk", flat=True)
    )
    products = (
        Product.objects.filter(pk__in=product_ids, parent__isnull=True)
        .select_related("producer__tambon__district__province__region")
        .prefetch_related(
            "categories",
            "stockrecords",
            Prefetch(
                "children", queryset=Product.objects.only("id", "parent_id", "title")
            ),
            "opc_ratings",
        )
    )
    certificates = _certificate_kinds(products)
    for product in products:
        producer = product.producer
        categories = list(product.categories.all())
        root = next(
            (
                roots.get(c.path[:steplen])
                for c in categories
                if c.path[:steplen] in roots
            ),
            None,
        )
        category_names = {
            name for c in categories if c.depth > 1 for name in (c.name, c.name_en)
        }
        if root is not None:
            category_names.add(
                CATEGORY_WORDS.get(root.slug, f"{root.name} {root.name_en}")
            )
        ratings = sorted(product.opc_ratings.all(), key=lambda r: r.year, reverse=True)
        prices = [s.price for s in product.stockrecords.all() if s.price is not None]
        price: Decimal | None = min(prices) if prices else None
        fields = [
            (TITLE, product.title),
            (TITLE, product.title_en),
            (SUBTITLE, " ".join(child.title for child in product.children.all())),
            (CATEGORY, " ".join(sorted(n for n in category_names if n))),
            (
                PRODUCER,
                f"{producer.name_th} {producer.name_en} {producer.village_name}",
            ),
            *place_fields(producer.tambon),
            (DESCRIPTION, strip_tags(product.description)),
            (DESCRIPTION, strip_tags(product.description_en)),
        ]
        yield Source(
            kind="product",
            key=product.pk,
            title=product.title,
            title_en=product.title_en,
            fields=fields,
            facets={
                "listed": product.pk in eligible,
                "listed_until": producer.expires_on,
                "maker_id": producer.pk,
                "category_id": root.pk if root else None,
                "category_path": max((c.path for c in categories), key=len, default=""),
                "stars": ratings[0].stars if ratings else None,
                "selection_year": ratings[0].year if ratings else None,
                "price": price,
                "price_band": price_band(price),
                "listed_at": product.date_created,
                "certificates": certificate_value(
                    certificates["product", product.pk]
                    | certificates["producer", producer.pk]
                ),
                **_place_facets(producer.tambon),
            },
        )


def _certificate_kinds(products) -> dict[tuple[str, int], set[str]]:
    """The kinds of valid, verified certificate each product holds, itself or through
    its producer (catalogue.certificates): {("product"|"producer", id): kinds}."""
    from catalogue.certificates import Certificate

    products = list(products)
    held: dict[tuple[str, int], set[str]] = defaultdict(set)
    found = Certificate.objects.current().filter(
        Q(product_id__in=[p.pk for p in products])
        | Q(product__isnull=True, producer_id__in={p.producer_id for p in products})
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
