"""The demo registry generator: plain functions, no database."""

import re
from collections import Counter, defaultdict

import pytest

from demo.registry import (
    MAX_PRODUCTS_PER_PRODUCER,
    OPC_YEARS,
    PRODUCER_TYPES,
    DemoTambon,
    build_registry_rows,
    summarize,
)
from demo.vocabulary import CATEGORIES, PRODUCTS

REGISTER_COLUMNS = {
    "registration_number",
    "producer_type",
    "producer_name",
    "producer_name_en",
    "province",
    "district",
    "tambon",
    "tambon_code",
    "village",
    "village_en",
    "moo",
    "phone",
    "email",
    "status",
    "registered_on",
    "expires_on",
}
OPC_COLUMNS = {
    "product_code",
    "product",
    "product_en",
    "description_th",
    "description_en",
    "producer",
    "province",
    "category",
    "stars",
    "year",
    "price",
    "stock",
    "weight_grams",
}
PROVINCE_CODES = {
    "North": ("50", "51", "52", "53", "54"),
    "Northeast": ("30", "31", "32", "33", "34"),
    "West": ("63", "70", "71", "76", "77"),
    "Central": ("12", "13", "14", "15", "16"),
    "East": ("20", "21", "22", "23", "24"),
    "South": ("80", "81", "82", "83", "84"),
}


def fake_tambons(per_province: int = 10) -> list[DemoTambon]:
    """Six regions x five provinces x `per_province` tambons, one district each."""
    return [
        DemoTambon(
            code=f"{province}01{number:02d}",
            name_th=f"ทดสอบ{province}{number}",
            name_en=f"Thotsop {province}-{number}",
            district_th=f"เมืองทดสอบ{province}",
            district_en=f"Mueang Thotsop {province}",
            province_th=f"ทดสอบ{province}",
            province_en=f"Thotsop {province}",
            region=region,
        )
        for region, provinces in PROVINCE_CODES.items()
        for province in provinces
        for number in range(1, per_province + 1)
    ]


TAMBONS = fake_tambons()


@pytest.fixture(scope="module")
def rows() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    return build_registry_rows(TAMBONS, producers=320, products=1600)


def products_by_code(opc_rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    grouped = defaultdict(list)
    for row in opc_rows:
        grouped[row["product_code"]].append(row)
    return grouped


def test_rows_are_deterministic_for_a_seed():
    assert build_registry_rows(TAMBONS, seed=7) == build_registry_rows(TAMBONS, seed=7)
    assert build_registry_rows(TAMBONS, seed=7) != build_registry_rows(TAMBONS, seed=8)


def test_rows_have_the_import_columns_and_only_strings(rows):
    register_rows, opc_rows = rows
    assert all(set(row) == REGISTER_COLUMNS for row in register_rows)
    assert all(set(row) == OPC_COLUMNS for row in opc_rows)
    values = [value for row in register_rows + opc_rows for value in row.values()]
    assert all(isinstance(value, str) for value in values)


def test_registration_numbers_are_unique_and_carry_the_province_code(rows):
    register_rows, _ = rows
    numbers = [row["registration_number"] for row in register_rows]
    assert len(set(numbers)) == 320
    for row in register_rows:
        assert re.fullmatch(r"OTOP-\d{2}-\d{6}", row["registration_number"])
        assert row["registration_number"][5:7] == row["tambon_code"][:2]


def test_producers_cover_all_six_regions_and_many_provinces(rows):
    register_rows, _ = rows
    region_of = {tambon.code: tambon.region for tambon in TAMBONS}
    assert {region_of[row["tambon_code"]] for row in register_rows} == set(
        PROVINCE_CODES
    )
    assert len({row["province"] for row in register_rows}) >= 25


def test_producer_types_statuses_and_dates(rows):
    register_rows, _ = rows
    assert {row["producer_type"] for row in register_rows} == set(PRODUCER_TYPES)
    statuses = Counter(row["status"] for row in register_rows)
    assert set(statuses) <= {"active", "pending", "suspended", "expired"}
    assert 0 < len(register_rows) - statuses["active"] < len(register_rows) * 0.25
    for row in register_rows:
        assert row["registered_on"] < row["expires_on"]
        if row["status"] == "active":
            assert "2027" <= row["expires_on"][:4] <= "2029"
        if row["status"] == "expired":
            assert row["expires_on"] < "2026"
        assert 1 <= int(row["moo"]) <= 15
        assert re.fullmatch(r"0\d{2}-\d{3}-\d{4}|0\d{2}-\d{6}", row["phone"])
        assert row["email"] == "" or re.fullmatch(
            r"[a-z0-9.]+@[a-z0-9.]+", row["email"]
        )


def test_products_are_unique_and_belong_to_registered_producers(rows):
    register_rows, opc_rows = rows
    products = products_by_code(opc_rows)
    assert len(products) == 1600
    numbers = {row["registration_number"] for row in register_rows}
    assert {row["producer"] for row in opc_rows} == numbers
    per_producer = Counter(history[0]["producer"] for history in products.values())
    assert max(per_producer.values()) <= MAX_PRODUCTS_PER_PRODUCER
    assert {row["category"] for row in opc_rows} == set(CATEGORIES)


def test_titles_are_unique_within_each_producer(rows):
    _, opc_rows = rows
    titles = {
        (history[0]["producer"], history[0]["product"])
        for history in products_by_code(opc_rows).values()
    }
    assert len(titles) == 1600


def test_stars_and_years(rows):
    _, opc_rows = rows
    stars = Counter(row["stars"] for row in opc_rows)
    assert set(stars) <= {"", "1", "2", "3", "4", "5"}
    assert stars[""] > 0
    assert stars["4"] + stars["5"] > stars["1"] + stars["2"]
    assert {row["year"] for row in opc_rows} <= set(OPC_YEARS)


def test_rating_history_repeats_the_product_with_an_earlier_year(rows):
    _, opc_rows = rows
    histories = [h for h in products_by_code(opc_rows).values() if len(h) > 1]
    assert 0.2 < len(histories) / 1600 < 0.4
    for history in histories:
        assert len(history) == 2
        earlier, latest = history
        assert earlier["year"] < latest["year"]
        assert earlier["stars"] and latest["stars"]
        same = {key for key in OPC_COLUMNS if earlier[key] == latest[key]}
        assert same == OPC_COLUMNS - {"year", "stars"} or same == OPC_COLUMNS - {"year"}


def test_descriptions_name_the_place_in_each_language(rows):
    register_rows, opc_rows = rows
    tambon_of = {
        row["registration_number"]: row["tambon_code"] for row in register_rows
    }
    tambons = {tambon.code: tambon for tambon in TAMBONS}
    for row in opc_rows:
        tambon = tambons[tambon_of[row["producer"]]]
        assert tambon.province_th in row["description_th"]
        assert tambon.name_th in row["description_th"]
        assert tambon.province_en in row["description_en"]
        assert tambon.name_en in row["description_en"]


def test_prices_stock_and_weights_are_numbers(rows):
    _, opc_rows = rows
    for row in opc_rows:
        assert float(row["price"]) > 0
        assert 0 <= int(row["stock"]) <= 120
        assert int(row["weight_grams"]) > 0
    assert any(row["stock"] == "0" for row in opc_rows)


def test_summarize_counts_the_rows(rows):
    summary = summarize(*rows, tambons=TAMBONS)
    assert summary["producers"] == 320
    assert summary["products"] == 1600
    assert summary["rated_products"] + summary["unrated_products"] == 1600
    assert 0 < summary["active_producers"] < 320
    assert sum(summary[f"category:{name}"] for name in CATEGORIES) == 1600
    assert sum(summary[f"region:{name}"] for name in PROVINCE_CODES) == 320


def test_impossible_product_counts_are_refused():
    with pytest.raises(ValueError):
        build_registry_rows(TAMBONS, producers=10, products=5)
    with pytest.raises(ValueError):
        build_registry_rows(
            TAMBONS, producers=10, products=10 * MAX_PRODUCTS_PER_PRODUCER + 1
        )


def test_vocabulary_has_enough_distinct_products():
    for category in CATEGORIES:
        assert len(PRODUCTS[category]) >= 25
    names = [kind.name_th for kinds in PRODUCTS.values() for kind in kinds]
    assert len(names) == len(set(names))
