"""Imports the OTOP register and OPC results, as published by the Community Development
Department, from CSV.

Two files, one row each: the register (a producer) and the OPC results (a product's star
rating in a selection year). Every row is applied in its own savepoint, so a bad row is
reported and skipped without touching the good ones; applying the same file twice
changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO

from django.db import transaction
from django.utils import timezone

from oscar.core.loading import get_model

from places.models import Tambon

from .categories import category_aliases, ensure_official_categories
from .register import BUDDHIST_ERA_OFFSET, FIRST_OPC_YEAR, OpcRating, Producer

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

REGISTER_COLUMNS = [
    "province",
    "district",
    "tambon",
    "producer_name",
    "producer_type",
    "registration_number",
]
OPC_COLUMNS = ["product", "producer", "province", "category", "stars", "year"]

# Thai headers as they appear in the department's spreadsheets.
HEADER_ALIASES = {
    "จังหวัด": "province",
    "อำเภอ": "district",
    "อำเภอ/เขต": "district",
    "ตำบล": "tambon",
    "ตำบล/แขวง": "tambon",
    "รหัสตำบล": "tambon_code",
    "ชื่อผู้ผลิต": "producer_name",
    "ชื่อผู้ผลิต/ผู้ประกอบการ": "producer_name",
    "ประเภทผู้ผลิต": "producer_type",
    "เลขทะเบียน": "registration_number",
    "หมู่บ้าน": "village",
    "หมู่ที่": "moo",
    "โทรศัพท์": "phone",
    "ชื่อผลิตภัณฑ์": "product",
    "ผลิตภัณฑ์": "product",
    "ผู้ผลิต": "producer",
    "ประเภทผลิตภัณฑ์": "category",
    "ระดับดาว": "stars",
    "ดาว": "stars",
    "ปี": "year",
    "ปีที่คัดสรร": "year",
    # certificates (catalogue.certificate_import)
    "รหัสผลิตภัณฑ์": "product_code",
    "มาตรฐาน": "standard",
    "เลขที่": "number",
    "เลขที่ใบรับรอง": "number",
    "ผู้ออกใบรับรอง": "issuer",
    "หน่วยงานที่ออก": "issuer",
    "วันที่ออก": "issued_on",
    "วันหมดอายุ": "expires_on",
}

PRODUCER_TYPES = {
    "community_group": Producer.Kind.COMMUNITY_GROUP,
    "community producer group": Producer.Kind.COMMUNITY_GROUP,
    "ผู้ผลิตชุมชน": Producer.Kind.COMMUNITY_GROUP,
    "กลุ่มผู้ผลิตชุมชน": Producer.Kind.COMMUNITY_GROUP,
    "single_owner": Producer.Kind.SINGLE_OWNER,
    "single owner": Producer.Kind.SINGLE_OWNER,
    "ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว": Producer.Kind.SINGLE_OWNER,
    "เจ้าของรายเดียว": Producer.Kind.SINGLE_OWNER,
    "sme": Producer.Kind.SME,
    "smes": Producer.Kind.SME,
    "ผู้ผลิตที่เป็น smes": Producer.Kind.SME,
    "ผู้ผลิตชุมชนที่เป็น smes": Producer.Kind.SME,
}

PLACE_PREFIXES = ("จังหวัด", "อำเภอ", "ตำบล", "แขวง", "เขต", "จ.", "อ.", "ต.")


class RegistryFileError(Exception):
    """The file is not a register or OPC CSV at all."""


class RowError(Exception):
    """One row cannot be applied; the message says why."""


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        def fmt(counter: Counter) -> str:
            return (
                ", ".join(f"{n} {kind}" for kind, n in sorted(counter.items()))
                or "none"
            )

        return (
            f"created: {fmt(self.created)}; updated: {fmt(self.updated)}; "
            f"unchanged: {fmt(self.unchanged)}; rejected rows: {len(self.rejected)}"
        )


Row = dict[str, str]
Progress = Callable[[int, int], None]


def read_rows(
    stream: IO[bytes] | IO[str], required: list[str]
) -> list[tuple[int, Row]]:
    """Parse a CSV file into (line number, row) pairs, or refuse the whole file."""
    raw = stream.read()
    if isinstance(raw, bytes):
        if b"\x00" in raw[:4096]:
            raise RegistryFileError("This is a binary file, not a CSV file.")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise RegistryFileError(
                f"The file is not UTF-8 text ({exc.reason})."
            ) from None
    raw = raw.lstrip("\ufeff")
    try:
        reader = csv.reader(io.StringIO(raw, newline=""))
        header = next(reader, None)
    except csv.Error as exc:
        raise RegistryFileError(f"The file is not valid CSV: {exc}") from None
    if not header:
        raise RegistryFileError("The file is empty.")
    columns = [HEADER_ALIASES.get(h.strip(), h.strip().lower()) for h in header]
    missing = [c for c in required if c not in columns]
    if missing:
        raise RegistryFileError(
            f"Missing column(s): {', '.join(missing)}. Expected at least: "
            f"{', '.join(required)}; found: {', '.join(h.strip() for h in header) or 'nothing'}."
        )
    rows = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(columns):
                rows.append(
                    (
                        line,
                        {
                            "__malformed__": f"{len(values)} fields, expected {len(columns)}"
                        },
                    )
                )
                continue
            rows.append(
                (line, {c: v.strip() for c, v in zip(columns, values, strict=True)})
            )
    except csv.Error as exc:
        raise RegistryFileError(
            f"The file is not valid CSV (line {reader.line_num}): {exc}"
        ) from None
    return rows


def _place_key(name: str) -> str:
    name = " ".join(name.lower().split())
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :].strip()
    return name


class TambonFinder:
    """Finds a tambon by DOPA code or by its Thai or English province/district/tambon names."""

    def __init__(self) -> None:
        self.by_code: dict[str, int] = {}
        self.by_names: dict[tuple[str, str, str], str] = {}
        for code, t_th, t_en, d_th, d_en, p_th, p_en in Tambon.objects.values_list(
            "code",
            "name_th",
            "name_en",
            "district__name_th",
            "district__name_en",
            "district__province__name_th",
            "district__province__name_en",
        ):
            self.by_code[code] = code
            for p, d, t in ((p_th, d_th, t_th), (p_en, d_en, t_en)):
                self.by_names[(_place_key(p), _place_key(d), _place_key(t))] = code

    def find(self, row: Row) -> str:
        code = row.get("tambon_code", "")
        if code:
            if code not in self.by_code:
                raise RowError(f"unknown tambon code {code!r}")
            return code
        key = (
            _place_key(row["province"]),
            _place_key(row["district"]),
            _place_key(row["tambon"]),
        )
        if key not in self.by_names:
            raise RowError(
                f"unknown tambon {row['tambon']!r} in {row['district']!r}, {row['province']!r}"
            )
        return self.by_names[key]


def _require(row: Row, columns: Iterable[str]) -> None:
    if "__malformed__" in row:
        raise RowError(f"malformed row: {row['__malformed__']}")
    empty = [c for c in columns if not row.get(c)]
    if empty:
        raise RowError(f"missing {', '.join(empty)}")


def _date(value: str, column: str) -> date | None:
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise RowError(f"{column} {value!r} is not a date (YYYY-MM-DD)") from None
    # Thai documents often give the year in the Buddhist Era.
    if parsed.year > 2400:
        parsed = parsed.replace(year=parsed.year - BUDDHIST_ERA_OFFSET)
    return parsed


def _apply(instance, values: dict) -> bool:
    """Set changed values on a model instance; True if anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _run(
    rows: list[tuple[int, Row]],
    apply_row: Callable[[Row, ImportReport], None],
    report: ImportReport,
    progress: Progress | None,
) -> ImportReport:
    for done, (line, row) in enumerate(rows, start=1):
        try:
            with transaction.atomic():
                apply_row(row, report)
        except RowError as exc:
            report.rejected.append((line, str(exc)))
        if progress:
            progress(done, len(rows))
    return report


# --- the register -------------------------------------------------------------------


def import_register(
    rows: list[tuple[int, Row]],
    report: ImportReport | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    finder = TambonFinder()
    known_types = ", ".join(sorted({k for k in PRODUCER_TYPES if k.isascii()}))

    def apply_row(row: Row, report: ImportReport) -> None:
        places = [] if row.get("tambon_code") else ["province", "district", "tambon"]
        _require(
            row, ["registration_number", "producer_name", "producer_type", *places]
        )
        kind = PRODUCER_TYPES.get(" ".join(row["producer_type"].lower().split()))
        if kind is None:
            raise RowError(
                f"unknown producer type {row['producer_type']!r} (use {known_types})"
            )
        status = (row.get("status") or Producer.Status.ACTIVE).lower()
        if status not in Producer.Status.values:
            raise RowError(f"unknown status {status!r}")
        moo = row.get("moo", "")
        if moo and not moo.isdigit():
            raise RowError(f"moo {moo!r} is not a number")
        values = {
            "kind": kind,
            "name_th": row["producer_name"],
            "name_en": row.get("producer_name_en", ""),
            "tambon_id": finder.find(row),
            "village_name": row.get("village", ""),
            "moo": int(moo) if moo else None,
            "phone": row.get("phone", ""),
            "email": row.get("email", ""),
            "status": status,
            "registered_on": _date(row.get("registered_on", ""), "registered_on"),
            "expires_on": _date(row.get("expires_on", ""), "expires_on"),
        }
        if row.get("village_en"):
            # Otherwise kept as staff left it (or romanised from the Thai name).
            values["village_name_en"] = row["village_en"]
        number = row["registration_number"]
        producer = Producer.objects.filter(registration_number=number).first()
        if producer is None:
            Producer.objects.create(registration_number=number, **values)
            report.created["producers"] += 1
        elif _apply(producer, values):
            producer.save()
            report.updated["producers"] += 1
        else:
            report.unchanged["producers"] += 1

    return _run(rows, apply_row, report or ImportReport(), progress)


# --- OPC results --------------------------------------------------------------------


def _stars(value: str) -> int | None:
    """Stars 1–5; blank means the product is registered but not yet rated."""
    if not value:
        return None
    if not value.isdigit() or not 1 <= int(value) <= 5:
        raise RowError(f"stars {value!r} out of range (1–5)")
    return int(value)


def _year(value: str) -> int:
    if not value.isdigit():
        raise RowError(f"year {value!r} is not a year")
    year = int(value)
    if year > 2400:  # Buddhist Era, as the department publishes it
        year -= BUDDHIST_ERA_OFFSET
    if not FIRST_OPC_YEAR <= year <= timezone.localdate().year + 1:
        raise RowError(
            f"year {value!r} out of range (OPC selections began in 2003 / 2546)"
        )
    return year


def _money(value: str, column: str) -> Decimal | None:
    if not value:
        return None
    try:
        amount = Decimal(value.replace(",", ""))
    except InvalidOperation:
        raise RowError(f"{column} {value!r} is not a number") from None
    if amount < 0:
        raise RowError(f"{column} {value!r} is negative")
    return amount


def otop_product_class():
    product_class, _ = ProductClass.objects.get_or_create(
        slug="otop-product",
        defaults={
            "name": "OTOP product",
            "requires_shipping": True,
            "track_stock": True,
        },
    )
    return product_class


def import_opc(
    rows: list[tuple[int, Row]],
    report: ImportReport | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    categories = ensure_official_categories()
    aliases = category_aliases()
    product_class = otop_product_class()
    producers: dict[str, Producer] = {}

    def producer_for(reference: str) -> Producer:
        if reference not in producers:
            found = (
                Producer.objects.select_related("tambon__district__province", "partner")
                .filter(registration_number=reference)
                .first()
                or Producer.objects.select_related(
                    "tambon__district__province", "partner"
                )
                .filter(name_th=reference)
                .first()
            )
            if found is None:
                raise RowError(f"unknown producer {reference!r} (not in the register)")
            producers[reference] = found
        return producers[reference]

    def apply_row(row: Row, report: ImportReport) -> None:
        _require(row, ["product", "producer", "category", "year"])
        producer = producer_for(row["producer"])
        province = producer.tambon.district.province
        if row.get("province") and _place_key(row["province"]) not in {
            _place_key(province.name_th),
            _place_key(province.name_en),
        }:
            raise RowError(
                f"province {row['province']!r} does not match the producer's ({province.name_th})"
            )
        category_slug = aliases.get(" ".join(row["category"].lower().split()))
        if category_slug is None:
            raise RowError(f"unknown category {row['category']!r}")
        stars, year = _stars(row.get("stars", "")), _year(row["year"])
        price, stock = _money(row.get("price", ""), "price"), row.get("stock", "")
        if stock and not stock.isdigit():
            raise RowError(f"stock {stock!r} is not a whole number")
        weight = row.get("weight_grams", "")
        if weight and not weight.isdigit():
            raise RowError(f"weight_grams {weight!r} is not a whole number")

        product = _upsert_product(row, producer, product_class, weight, report)
        _ensure_category(product, categories[category_slug])
        if price is not None:
            _ensure_stock_record(product, producer, row, price, int(stock or 0), report)
        if stars is not None:
            _upsert_rating(product, stars, year, report)

    return _run(rows, apply_row, report or ImportReport(), progress)


def _upsert_product(
    row: Row, producer: Producer, product_class, weight: str, report: ImportReport
):
    code = row.get("product_code", "")
    lookup = {"upc": code} if code else {"producer": producer, "title": row["product"]}
    product = Product.objects.filter(**lookup).first()
    values = {
        "title": row["product"],
        "title_en": row.get("product_en", ""),
        "producer": producer,
        "weight_grams": int(weight) if weight else None,
    }
    # Descriptions are only overwritten when the file carries them.
    for column in ("description_th", "description_en"):
        if row.get(column):
            values["description" if column == "description_th" else column] = row[
                column
            ]
    if product is None:
        product = Product.objects.create(
            upc=code or None,
            product_class=product_class,
            structure="standalone",
            **values,
        )
        report.created["products"] += 1
    elif product.producer_id != producer.pk:
        raise RowError(
            f"product {code or row['product']!r} belongs to another producer"
        )
    elif _apply(product, values):
        product.save()
        report.updated["products"] += 1
    else:
        report.unchanged["products"] += 1
    return product


def _ensure_category(product, category) -> None:
    ProductCategory.objects.get_or_create(product=product, category=category)


def _ensure_stock_record(
    product, producer: Producer, row: Row, price, stock: int, report
) -> None:
    # Price and stock from a file are a new listing's starting values; afterwards the
    # producer keeps them, so a re-import never undoes a sale or a price change.
    _, created = StockRecord.objects.get_or_create(
        product=product,
        partner=producer.partner,
        defaults={
            "partner_sku": row.get("product_code")
            or f"{producer.registration_number}-{product.pk}",
            "price_currency": "THB",
            "price": price,
            "num_in_stock": stock,
        },
    )
    if created:
        report.created["stock records"] += 1


def _upsert_rating(product, stars: int, year: int, report: ImportReport) -> None:
    rating = OpcRating.objects.filter(product=product, year=year).first()
    if rating is None:
        OpcRating.objects.create(product=product, stars=stars, year=year)
        report.created["ratings"] += 1
    elif rating.stars != stars:
        rating.stars = stars
        rating.save(update_fields=["stars"])
        report.updated["ratings"] += 1
    else:
        report.unchanged["ratings"] += 1


def iter_lines(report: ImportReport) -> Iterator[str]:
    for line, reason in report.rejected:
        yield f"  line {line}: {reason}"
