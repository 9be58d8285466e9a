"""Deterministic demo rows for import_registry: producers and OPC-rated products."""

from __future__ import annotations

import heapq
import itertools
import random
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from .vocabulary import (
    AREA_CODES,
    CATEGORIES,
    CLOSINGS,
    COMMUNITY_GROUPS,
    EMAIL_DOMAINS,
    MOBILE_PREFIXES,
    OWNER_GIVEN_NAMES,
    OWNER_HONORIFICS,
    OWNER_TRADES,
    PRODUCTS,
    SME_STEMS,
    SME_TRADES,
    VARIANTS,
    VILLAGE_PREFIXES,
    VILLAGE_SUFFIXES,
    ProductKind,
    Variant,
    Word,
)

Row = dict[str, str]

PRODUCER_TYPES = ("community_group", "single_owner", "sme")
_PRODUCER_TYPE_WEIGHTS = (60, 25, 15)
# How many products a producer of each type tends to make, relative to the others.
_OUTPUT_WEIGHTS = {"community_group": 1.0, "single_owner": 0.7, "sme": 1.6}
MAX_PRODUCTS_PER_PRODUCER = 12
_SECOND_CATEGORY_SHARE = 0.3
_NAME_ATTEMPTS = 25
_MAX_MOO = 15

_ACTIVE = "active"
_ACTIVE_SHARE = 0.88
_INACTIVE_STATUSES = ("pending", "suspended", "expired")
_MOBILE_SHARE = 0.75
_EMAIL_SHARE = 0.75
_SME_MAILBOXES = ("info", "sales", "contact")

# OPC selection years (Buddhist Era), oldest first; recent selections are larger.
OPC_YEARS = ("2559", "2561", "2562", "2564", "2565", "2566", "2567", "2568")
_YEAR_WEIGHTS = (1, 1, 2, 2, 3, 3, 4, 4)
_STARS = (1, 2, 3, 4, 5)
_STAR_WEIGHTS = (2, 6, 27, 35, 30)
_UNRATED_SHARE = 0.06
_HISTORY_SHARE = 0.32  # of rated products, so about 30 % of all products

_OUT_OF_STOCK_SHARE = 0.05
_MAX_STOCK = 120
_DECIMAL_PRICE_SHARE = 0.3  # registry exports mix "350" and "1290.00"

_BANGKOK_PROVINCE_CODE = "10"


@dataclass(frozen=True)
class DemoTambon:
    """A subdistrict (tambon) that demo producers can be registered in."""

    code: str  # 6-digit DOPA subdistrict code, e.g. "500101"
    name_th: str
    name_en: str
    district_th: str
    district_en: str
    province_th: str
    province_en: str
    region: str  # one of: North, Northeast, West, Central, East, South


class _Identity(NamedTuple):
    village: Word
    name: Word
    categories: tuple[str, ...]


@dataclass(frozen=True)
class _Producer:
    registration_number: str
    producer_type: str
    identity: _Identity
    tambon: DemoTambon
    moo: str


def build_registry_rows(
    tambons: Sequence[DemoTambon],
    *,
    producers: int = 320,
    products: int = 1600,
    seed: int = 2026,
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Return (register_rows, opc_rows): CSV rows in import_registry's column format."""
    if not tambons:
        raise ValueError("Demo producers need at least one tambon.")
    if not producers <= products <= producers * MAX_PRODUCTS_PER_PRODUCER:
        raise ValueError(
            f"Every producer makes 1 to {MAX_PRODUCTS_PER_PRODUCER} products, "
            f"so {producers} producers cannot make {products}."
        )
    rng = random.Random(seed)
    roster = _register_producers(rng, _spread_over_regions(rng, tambons, producers))
    register_rows = [_register_row(rng, producer) for producer in roster]
    counts = _products_per_producer(rng, roster, products)
    codes = (f"P-{number:06d}" for number in itertools.count(1))
    opc_rows = [
        row
        for producer, count in zip(roster, counts, strict=True)
        for category, kind, variant in _product_line(rng, producer, count)
        for row in _opc_rows(rng, next(codes), producer, category, kind, variant)
    ]
    return register_rows, opc_rows


def summarize(
    register_rows: Sequence[Row],
    opc_rows: Sequence[Row],
    *,
    tambons: Sequence[DemoTambon] = (),
) -> dict[str, int]:
    """Counts for a sanity check; with the tambons, also producers per region."""
    current = _current_ratings(opc_rows)
    rated = sum(1 for row in current.values() if row["stars"])
    summary = {
        "producers": len(register_rows),
        "active_producers": sum(row["status"] == _ACTIVE for row in register_rows),
        "provinces": len({row["province"] for row in register_rows}),
        "products": len(current),
        "opc_rows": len(opc_rows),
        "history_rows": len(opc_rows) - len(current),
        "rated_products": rated,
        "unrated_products": len(current) - rated,
    }
    categories = Counter(row["category"] for row in current.values())
    summary |= {f"category:{name}": categories[name] for name in CATEGORIES}
    if tambons:
        region_of = {tambon.code: tambon.region for tambon in tambons}
        regions = Counter(
            region_of.get(row["tambon_code"], "unknown") for row in register_rows
        )
        summary |= {f"region:{name}": regions[name] for name in sorted(regions)}
    return summary


def _current_ratings(opc_rows: Sequence[Row]) -> dict[str, Row]:
    """Each product's row for its latest selection year."""
    current: dict[str, Row] = {}
    for row in opc_rows:
        known = current.get(row["product_code"])
        if known is None or row["year"] > known["year"]:
            current[row["product_code"]] = row
    return current


# Producers ----------------------------------------------------------------------------


def _spread_over_regions(
    rng: random.Random, tambons: Sequence[DemoTambon], count: int
) -> list[DemoTambon]:
    """Round-robin over the regions, then a random province and tambon within each."""
    by_region: dict[str, dict[str, list[DemoTambon]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for tambon in tambons:
        by_region[tambon.region][tambon.province_th].append(tambon)
    regions = [by_region[name] for name in sorted(by_region)]
    picks = []
    for turn in range(count):
        provinces = regions[turn % len(regions)]
        picks.append(rng.choice(provinces[rng.choice(sorted(provinces))]))
    return picks


def _register_producers(
    rng: random.Random, tambons: list[DemoTambon]
) -> list[_Producer]:
    taken_names: set[str] = set()
    roster = []
    for number, tambon in enumerate(tambons, start=1):
        producer_type = rng.choices(PRODUCER_TYPES, weights=_PRODUCER_TYPE_WEIGHTS)[0]
        identity = _new_identity(rng, producer_type, taken_names)
        roster.append(
            _Producer(
                registration_number=f"OTOP-{tambon.code[:2]}-{number:06d}",
                producer_type=producer_type,
                identity=identity,
                tambon=tambon,
                moo=str(rng.randint(1, _MAX_MOO)),
            )
        )
    return roster


def _new_identity(
    rng: random.Random, producer_type: str, taken_names: set[str]
) -> _Identity:
    """An identity whose Thai name is not taken, or a repeat after a few tries."""
    for _ in range(_NAME_ATTEMPTS):
        identity = _identity(rng, producer_type)
        if identity.name[0] not in taken_names:
            break
    taken_names.add(identity.name[0])
    return identity


def _identity(rng: random.Random, producer_type: str) -> _Identity:
    prefix, suffix = rng.choice(VILLAGE_PREFIXES), rng.choice(VILLAGE_SUFFIXES)
    village = (f"บ้าน{prefix[0]}{suffix[0]}", f"Ban {prefix[1]} {suffix[1]}")
    if producer_type == "community_group":
        group = rng.choice(COMMUNITY_GROUPS)
        name = (f"{group.prefix_th}{village[0]}", f"{village[1]} {group.suffix_en}")
        return _Identity(village, name, group.categories)
    main, other = rng.sample(CATEGORIES, 2)
    categories = (main, other) if rng.random() < _SECOND_CATEGORY_SHARE else (main,)
    if producer_type == "single_owner":
        return _Identity(village, _single_owner_name(rng, main), categories)
    return _Identity(village, _sme_name(rng, main), categories)


def _single_owner_name(rng: random.Random, category: str) -> Word:
    trade, honorific, given = (
        rng.choice(OWNER_TRADES[category]),
        rng.choice(OWNER_HONORIFICS),
        rng.choice(OWNER_GIVEN_NAMES),
    )
    return (
        f"{trade[0]}{honorific[0]}{given[0]}",
        f"{honorific[1]} {given[1]} {trade[1]}",
    )


def _sme_name(rng: random.Random, category: str) -> Word:
    stem, trade = rng.choice(SME_STEMS), rng.choice(SME_TRADES[category])
    return f"บริษัท {stem[0]}{trade[0]} จำกัด", f"{stem[1]} {trade[1]} Co., Ltd."


def _register_row(rng: random.Random, producer: _Producer) -> Row:
    tambon = producer.tambon
    status = _ACTIVE if rng.random() < _ACTIVE_SHARE else rng.choice(_INACTIVE_STATUSES)
    registered_on, expires_on = _registration_dates(rng, status)
    return {
        "registration_number": producer.registration_number,
        "producer_type": producer.producer_type,
        "producer_name": producer.identity.name[0],
        "producer_name_en": producer.identity.name[1],
        "province": tambon.province_th,
        "district": tambon.district_th,
        "tambon": tambon.name_th,
        "tambon_code": tambon.code,
        "village": producer.identity.village[0],
        "village_en": producer.identity.village[1],
        "moo": producer.moo,
        "phone": _phone(rng, tambon.region),
        "email": _email(rng, producer),
        "status": status,
        "registered_on": registered_on.isoformat(),
        "expires_on": expires_on.isoformat(),
    }


def _registration_dates(rng: random.Random, status: str) -> tuple[date, date]:
    """Expired registrations ended in 2024-2025; the others run until 2027-2029."""
    if status == "expired":
        registered_on = _date_between(rng, date(2019, 1, 1), date(2022, 12, 31))
        return registered_on, _date_between(rng, date(2024, 1, 1), date(2025, 12, 31))
    first = date(2025, 1, 1) if status == "pending" else date(2019, 1, 1)
    registered_on = _date_between(rng, first, date(2025, 12, 31))
    return registered_on, _date_between(rng, date(2027, 1, 1), date(2029, 12, 31))


def _date_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _phone(rng: random.Random, region: str) -> str:
    """A mobile number such as 081-234-5678, or a landline such as 053-123456."""
    if rng.random() < _MOBILE_SHARE or region not in AREA_CODES:
        prefix = rng.choice(MOBILE_PREFIXES) + _digits(rng, 1)
        return f"{prefix}-{_digits(rng, 3)}-{_digits(rng, 4)}"
    return f"{rng.choice(AREA_CODES[region])}-{_digits(rng, 6)}"


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choices("0123456789", k=count))


def _email(rng: random.Random, producer: _Producer) -> str:
    if rng.random() >= _EMAIL_SHARE:
        return ""
    words = re.findall(r"[a-z0-9]+", producer.identity.name[1].lower())
    # "Lanna Foods Co., Ltd." -> info@lannafoods.co.th
    if producer.producer_type == "sme":
        return f"{rng.choice(_SME_MAILBOXES)}@{''.join(words[:-2])}.co.th"
    return f"{'.'.join(words[:3])}{rng.randint(1, 99)}@{rng.choice(EMAIL_DOMAINS)}"


# Products -----------------------------------------------------------------------------


def _products_per_producer(
    rng: random.Random, roster: list[_Producer], products: int
) -> list[int]:
    """One product each, plus extra slots drawn by weighted sampling.

    Each producer has MAX - 1 extra slots, weighted by its type and a random size; the
    Efraimidis-Spirakis key u ** (1 / weight) samples them without replacement.
    """
    keyed_slots = []
    for index, producer in enumerate(roster):
        weight = _OUTPUT_WEIGHTS[producer.producer_type] * rng.lognormvariate(0, 0.75)
        keyed_slots += [
            (rng.random() ** (1 / weight), index)
            for _ in range(MAX_PRODUCTS_PER_PRODUCER - 1)
        ]
    extra = Counter(
        index for _, index in heapq.nlargest(products - len(roster), keyed_slots)
    )
    return [1 + extra[index] for index in range(len(roster))]


def _product_line(
    rng: random.Random, producer: _Producer, count: int
) -> list[tuple[str, ProductKind, Variant | None]]:
    """Distinct (product, variant) pairs from the producer's categories."""
    choices = [
        (category, kind, variant)
        for category in producer.identity.categories
        for kind in PRODUCTS[category]
        for variant in (None, *(v for key in kind.variants for v in VARIANTS[key]))
    ]
    return rng.sample(choices, count)


def _opc_rows(
    rng: random.Random,
    product_code: str,
    producer: _Producer,
    category: str,
    kind: ProductKind,
    variant: Variant | None,
) -> list[Row]:
    """The product's rows, one per OPC selection year, oldest first."""
    factor = variant.factor if variant else 1.0
    title_th, title_en = _titles(kind, variant)
    description_th, description_en = _descriptions(rng, producer, category, kind)
    product = {
        "product_code": product_code,
        "product": title_th,
        "product_en": title_en,
        "description_th": description_th,
        "description_en": description_en,
        "producer": producer.registration_number,
        "province": producer.tambon.province_th,
        "category": category,
        "price": _price(rng, kind, factor),
        "stock": _stock(rng),
        "weight_grams": str(round(kind.weight_grams * factor)),
    }
    return [
        product | {"year": year, "stars": stars} for year, stars in _rating_history(rng)
    ]


def _stock(rng: random.Random) -> str:
    if rng.random() < _OUT_OF_STOCK_SHARE:
        return "0"
    return str(rng.randint(1, _MAX_STOCK))


def _titles(kind: ProductKind, variant: Variant | None) -> Word:
    if variant is None:
        return kind.name_th, kind.name_en
    return f"{kind.name_th} {variant.th}", f"{kind.name_en}, {variant.en}"


def _descriptions(
    rng: random.Random, producer: _Producer, category: str, kind: ProductKind
) -> Word:
    """What the product is, who made it where, and a closing line (Thai, English)."""
    province_th, province_en = (
        _province_th(producer.tambon),
        producer.tambon.province_en,
    )
    maker_th, maker_en = _maker(producer)
    closing_th, closing_en = rng.choice(CLOSINGS[category])
    thai = (
        kind.description_th.format(province=province_th),
        f"ผลิตโดย{maker_th}",
        closing_th.format(province=province_th),
    )
    english = (
        kind.description_en.format(province=province_en),
        f"Made by {maker_en}.",
        closing_en.format(province=province_en),
    )
    return " ".join(thai), " ".join(english)


def _maker(producer: _Producer) -> Word:
    """The producer's name and address; a group's name already says its village."""
    tambon = producer.tambon
    village_th, village_en = producer.identity.village
    name_th, name_en = producer.identity.name
    in_bangkok = tambon.code.startswith(_BANGKOK_PROVINCE_CODE)
    tambon_word, district_word = ("แขวง", "เขต") if in_bangkok else ("ตำบล", "อำเภอ")
    place_th = (
        f"หมู่ {producer.moo} {tambon_word}{tambon.name_th} "
        f"{district_word}{tambon.district_th} {_province_th(tambon)}"
    )
    place_en = (
        f"Moo {producer.moo}, {tambon.name_en} Subdistrict, "
        f"{tambon.district_en} District, {tambon.province_en}"
    )
    if village_th in name_th:
        return f"{name_th} {place_th}", f"{name_en}, {place_en}"
    return (
        f"{name_th} {village_th} {place_th}",
        f"{name_en} in {village_en}, {place_en}",
    )


def _province_th(tambon: DemoTambon) -> str:
    """จังหวัดเชียงใหม่, but กรุงเทพมหานคร on its own."""
    if tambon.code.startswith(_BANGKOK_PROVINCE_CODE):
        return tambon.province_th
    return f"จังหวัด{tambon.province_th}"


def _price(rng: random.Random, kind: ProductKind, factor: float) -> str:
    low, high = kind.price_baht
    baht = rng.uniform(low, high) * factor
    step = 5 if baht < 100 else 10
    rounded = max(step, round(baht / step) * step)
    return f"{rounded}.00" if rng.random() < _DECIMAL_PRICE_SHARE else str(rounded)


def _rating_history(rng: random.Random) -> list[tuple[str, str]]:
    """(year, stars) pairs, oldest first; unrated products await the latest year."""
    if rng.random() < _UNRATED_SHARE:
        return [(OPC_YEARS[-1], "")]
    stars = rng.choices(_STARS, weights=_STAR_WEIGHTS)[0]
    if rng.random() >= _HISTORY_SHARE:
        return [(rng.choices(OPC_YEARS, weights=_YEAR_WEIGHTS)[0], str(stars))]
    latest = rng.choices(range(1, len(OPC_YEARS)), weights=_YEAR_WEIGHTS[1:])[0]
    change = rng.choice((-1, -1, 0, 1))  # products mostly improve over time
    earlier_stars = min(5, max(1, stars + change))
    return [
        (rng.choice(OPC_YEARS[:latest]), str(earlier_stars)),
        (OPC_YEARS[latest], str(stars)),
    ]
