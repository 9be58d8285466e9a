"""`manage.py import_registry`: idempotent, reports bad rows, never loses good ones."""

import csv
import hashlib
import io

from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from catalogue.models import OpcRating, Producer, Product
from places.models import District, Province, Region, Tambon

pytestmark = pytest.mark.django_db

REGISTER_HEADER = [
    "province",
    "district",
    "tambon",
    "producer_name",
    "producer_type",
    "registration_number",
    "tambon_code",
    "producer_name_en",
    "status",
]
OPC_HEADER = [
    "product",
    "producer",
    "province",
    "category",
    "stars",
    "year",
    "product_code",
    "price",
    "stock",
]


@pytest.fixture(autouse=True)
def chiang_mai(db):
    north = Region.objects.create(code="north", name_th="ภาคเหนือ", name_en="North")
    province = Province.objects.create(
        code="50", name_th="เชียงใหม่", name_en="Chiang Mai", region=north
    )
    district = District.objects.create(
        code="5013", name_th="สันกำแพง", name_en="San Kamphaeng", province=province
    )
    Tambon.objects.create(
        code="501306",
        name_th="ออนใต้",
        name_en="On Tai",
        district=district,
        postcodes=["50130"],
    )
    Tambon.objects.create(
        code="501301",
        name_th="สันกำแพง",
        name_en="San Kamphaeng",
        district=district,
        postcodes=["50130"],
    )


def write_csv(tmp_path, name, header, rows):
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def run(**files):
    out = io.StringIO()
    call_command("import_registry", stdout=out, **files)
    return out.getvalue()


def snapshot() -> str:
    """A fingerprint of everything the importer writes."""
    rows = [
        list(Producer.objects.order_by("registration_number").values_list()),
        list(
            Product.objects.order_by("upc").values_list(
                "upc", "title", "producer_id", "date_updated"
            )
        ),
        list(
            OpcRating.objects.order_by("product_id", "year").values_list(
                "product_id", "stars", "year"
            )
        ),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


GOOD_REGISTER = [
    # matched by Thai names, by English names with prefixes, and by code
    [
        "เชียงใหม่",
        "อำเภอสันกำแพง",
        "ตำบลออนใต้",
        "กลุ่มทอผ้าบ้านออนใต้",
        "ผู้ผลิตชุมชน",
        "OTOP-50-1",
        "",
        "On Tai Weavers",
        "active",
    ],
    [
        "Chiang Mai",
        "San Kamphaeng",
        "San Kamphaeng",
        "ร้านร่มบ่อสร้าง",
        "single_owner",
        "OTOP-50-2",
        "",
        "",
        "active",
    ],
    [
        "",
        "",
        "",
        "บริษัท ลำไยทอง จำกัด",
        "sme",
        "OTOP-50-3",
        "501306",
        "Lamyai Thong Co., Ltd.",
        "suspended",
    ],
]
BAD_REGISTER = [
    [
        "เชียงใหม่",
        "สันกำแพง",
        "ไม่มีตำบลนี้",
        "กลุ่มผี",
        "ผู้ผลิตชุมชน",
        "OTOP-50-9",
        "",
        "",
        "active",
    ],
    [
        "เชียงใหม่",
        "สันกำแพง",
        "ออนใต้",
        "กลุ่มแปลก",
        "cooperative",
        "OTOP-50-8",
        "",
        "",
        "active",
    ],
    ["เชียงใหม่", "สันกำแพง"],
]
GOOD_OPC = [
    [
        "ผ้าไหมมัดหมี่",
        "OTOP-50-1",
        "เชียงใหม่",
        "ผ้า เครื่องแต่งกาย",
        "5",
        "2567",
        "P-1",
        "1290",
        "4",
    ],
    ["ผ้าไหมมัดหมี่", "OTOP-50-1", "เชียงใหม่", "textiles", "4", "2565", "P-1", "1290", "4"],
    [
        "ร่มกระดาษสา",
        "OTOP-50-2",
        "Chiang Mai",
        "household",
        "3",
        "2024",
        "P-2",
        "450",
        "10",
    ],
]
BAD_OPC = [
    ["น้ำพริก", "OTOP-50-1", "เชียงใหม่", "food", "6", "2567", "P-3", "80", "5"],
    ["น้ำผึ้ง", "OTOP-99-404", "เชียงใหม่", "food", "4", "2567", "P-4", "80", "5"],
    ["สบู่", "OTOP-50-1", "เชียงใหม่", "herbal", "4", "1999", "P-5", "80", "5"],
    ["แชมพู", "OTOP-50-1", "เชียงใหม่", "cosmetics", "4", "2567", "P-6", "80", "5"],
]


def test_import_reports_bad_rows_with_line_numbers_and_keeps_the_good_ones(tmp_path):
    register = write_csv(
        tmp_path,
        "register.csv",
        REGISTER_HEADER,
        GOOD_REGISTER[:1] + BAD_REGISTER + GOOD_REGISTER[1:],
    )
    opc = write_csv(
        tmp_path, "opc.csv", OPC_HEADER, BAD_OPC[:2] + GOOD_OPC + BAD_OPC[2:]
    )

    output = run(register=register, opc=opc)

    assert Producer.objects.count() == 3
    assert Producer.objects.get(registration_number="OTOP-50-1").tambon_id == "501306"
    assert Producer.objects.get(registration_number="OTOP-50-2").tambon_id == "501301"
    assert Product.objects.count() == 2
    assert list(
        Product.objects.get(upc="P-1").opc_ratings.values_list("year", "stars")
    ) == [(2024, 5), (2022, 4)]
    assert "line 3: unknown tambon" in output
    assert "line 4: unknown producer type 'cooperative'" in output
    assert "line 5: malformed row" in output
    assert "line 2: stars '6' out of range" in output
    assert "line 3: unknown producer 'OTOP-99-404'" in output
    assert "line 7: year '1999' out of range" in output
    assert "line 8: unknown category 'cosmetics'" in output
    assert "rejected rows: 7" in output


def test_importing_the_same_files_twice_changes_nothing(tmp_path):
    register = write_csv(tmp_path, "register.csv", REGISTER_HEADER, GOOD_REGISTER)
    opc = write_csv(tmp_path, "opc.csv", OPC_HEADER, GOOD_OPC)
    first = run(register=register, opc=opc)
    before = snapshot()

    second = run(register=register, opc=opc)

    assert snapshot() == before
    assert "created: 3 producers" in first
    assert "created: none; updated: none" in second


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's planner statistics"
)
@pytest.mark.django_db(transaction=True)  # as a command runs: committed rows
def test_an_import_leaves_the_planner_statistics_of_its_rows(tmp_path):
    def planner_rows(table: str) -> float:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return cursor.fetchone()[0]

    register = write_csv(tmp_path, "register.csv", REGISTER_HEADER, GOOD_REGISTER)
    run(register=register, opc=write_csv(tmp_path, "opc.csv", OPC_HEADER, GOOD_OPC))
    # The planner knows how many rows the import left (autovacuum may be off).
    assert planner_rows("catalogue_producer") == Producer.objects.count() == 3
    assert planner_rows("catalogue_opcrating") == OpcRating.objects.count() > 0


def test_the_rule_applies_to_imported_products(tmp_path):
    register = write_csv(tmp_path, "register.csv", REGISTER_HEADER, GOOD_REGISTER)
    rows = GOOD_OPC + [
        [
            "น้ำพริกยังไม่ได้คัดสรร",
            "OTOP-50-1",
            "เชียงใหม่",
            "food",
            "",
            "2567",
            "P-7",
            "80",
            "5",
        ],
        ["ลำไยอบแห้ง", "OTOP-50-3", "เชียงใหม่", "food", "5", "2567", "P-8", "120", "5"],
    ]
    run(register=register, opc=write_csv(tmp_path, "opc.csv", OPC_HEADER, rows))

    listed = set(Product.objects.browsable().values_list("upc", flat=True))
    # P-7 has no rating yet; P-8's producer is suspended.
    assert listed == {"P-1", "P-2"}


def test_a_re_import_does_not_undo_sales_or_price_changes(tmp_path):
    register = write_csv(tmp_path, "register.csv", REGISTER_HEADER, GOOD_REGISTER)
    opc = write_csv(tmp_path, "opc.csv", OPC_HEADER, GOOD_OPC)
    run(register=register, opc=opc)
    record = Product.objects.get(upc="P-2").stockrecords.get()
    record.num_in_stock, record.price = 7, 500
    record.save()

    run(register=register, opc=opc)

    record.refresh_from_db()
    assert (record.num_in_stock, record.price) == (7, 500)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("ชื่อ;ราคา\nผ้า;100\n".encode(), "Missing column(s)"),
        ("จังหวัด,อำเภอ\n".encode("cp874"), "not UTF-8"),
        (b"", "empty"),
    ],
)
def test_a_file_that_is_not_the_expected_csv_is_refused_and_nothing_is_written(
    tmp_path, content, message
):
    path = tmp_path / "upload.csv"
    path.write_bytes(content)

    with pytest.raises(
        CommandError, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        run(register=str(path))

    assert Producer.objects.count() == 0


def test_thai_headers_as_the_department_publishes_them(tmp_path):
    header = ["จังหวัด", "อำเภอ", "ตำบล", "ชื่อผู้ผลิต", "ประเภทผู้ผลิต", "เลขทะเบียน"]
    path = write_csv(
        tmp_path,
        "ทะเบียน.csv",
        header,
        [["เชียงใหม่", "สันกำแพง", "ออนใต้", "กลุ่มจักสาน", "sme", "OTOP-50-5"]],
    )

    run(register=path)

    assert Producer.objects.get(registration_number="OTOP-50-5").name_th == "กลุ่มจักสาน"
