"""Product standards and certificates, through the real pages: a producer proposes one
with a scan as a listing change, staff verify it on the review desk, the product page
shows it as a badge with its number and expiry until the day it expires; hostile
scans are form errors; the department's records import from CSV with a report."""

from datetime import date, timedelta
from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

import pytest

from catalogue.certificates import Certificate
from catalogue.producers.models import ListingRevision

from .hostile_photos import png_bomb
from .shop import form_data, jpeg_bytes, make_product

DESK = "/th/dashboard/review/"

PLAIN_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def certificates_url(product) -> str:
    return f"{DESK}products/{product.pk}/certificates/"


def propose(client, product, scan=None, **fields):
    data = form_data(client.get(certificates_url(product)), "certificate-form")
    data.update(
        {
            "kind": "fda",
            "number": "50-2-01365-2-0001",
            "issuer": "สำนักงานคณะกรรมการอาหารและยา",
            "issued_on": "2025-03-01",
            "expires_on": (timezone.localdate() + timedelta(days=400)).isoformat(),
            "applies_to": "product",
            "scan": scan or SimpleUploadedFile("fda.pdf", PLAIN_PDF, "application/pdf"),
            **fields,
        }
    )
    return client.post(certificates_url(product), data)


def product_page(client, product, language="th") -> str:
    url = product.get_absolute_url().replace("/th/", f"/{language}/", 1)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def verified(producer, product=None, *, expires_on=None, kind="community", number="1"):
    return Certificate.objects.create(
        producer=producer,
        product=product,
        kind=kind,
        number=number,
        expires_on=expires_on,
        status=Certificate.Status.VERIFIED,
    )


def test_a_proposed_certificate_shows_once_staff_approve_it(
    client, client_a, staff_client, a_product
):
    response = propose(client_a, a_product)
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert certificate.status == Certificate.Status.PENDING
    assert certificate.scan.name.endswith(".pdf")
    revision = ListingRevision.objects.pending().get()
    assert list(revision.certificates.all()) == [certificate]
    # The revision keeps the live categories: approving it changes only the certificate.
    assert set(revision.categories.all()) == set(a_product.categories.all())
    assert "50-2-01365-2-0001" not in product_page(client, a_product)

    desk = staff_client.get(DESK).content.decode()
    assert "ผ้าไหมมัดหมี่" in desk
    decision = staff_client.get(f"{DESK}revisions/{revision.pk}/").content.decode()
    assert "50-2-01365-2-0001" in decision and certificate.scan.url in decision

    response = staff_client.post(
        f"{DESK}revisions/{revision.pk}/", {"decision": "approve"}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VERIFIED
    assert {c.slug for c in a_product.categories.all()} == {"textiles"}

    expires = certificate.expires_on
    thai = product_page(client, a_product)
    assert "อย." in thai and "50-2-01365-2-0001" in thai
    assert f"ใช้ได้ถึง {expires.day}" in thai and str(expires.year + 543) in thai
    english = product_page(client, a_product, "en")
    assert "Thai FDA" in english and f"valid until {expires.day}" in english
    assert str(expires.year) in english


def test_a_rejected_certificate_is_never_shown(
    client, client_a, staff_client, a_product
):
    propose(client_a, a_product)
    revision = ListingRevision.objects.pending().get()
    staff_client.post(
        f"{DESK}revisions/{revision.pk}/",
        {"decision": "reject", "reason": "สแกนอ่านไม่ออก"},
    )
    assert Certificate.objects.get().status == Certificate.Status.REJECTED
    assert "50-2-01365-2-0001" not in product_page(client, a_product)
    page = client_a.get(certificates_url(a_product)).content.decode()
    assert "ไม่อนุมัติ" in page


def test_an_unrated_product_takes_certificates_too(client_a, producer_a):
    unrated = make_product(producer_a[0], "น้ำพริกตาแดง", rated=False)
    assert propose(client_a, unrated).status_code == 302
    assert ListingRevision.objects.pending().get().product == unrated


def test_staff_record_a_verified_certificate_for_all_of_a_producers_products(
    client, staff_client, producer_a, a_product
):
    other = make_product(producer_a[0], "ผ้าซิ่นตีนจก", title_en="Teen jok skirt")
    response = propose(
        staff_client, a_product, kind="gmp", number="GMP-5001", applies_to="producer"
    )
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert certificate.status == Certificate.Status.VERIFIED
    assert certificate.product is None
    assert not ListingRevision.objects.exists()
    for product in (a_product, other):
        assert "GMP-5001" in product_page(client, product)


def test_an_expired_certificate_drops_off_on_its_date_and_is_kept(
    client, producer_a, a_product
):
    today = timezone.localdate()
    verified(producer_a[0], a_product, expires_on=today, number="LAST-DAY")
    verified(producer_a[0], a_product, expires_on=today - timedelta(1), number="GONE")
    page = product_page(client, a_product)
    assert "LAST-DAY" in page
    assert "GONE" not in page
    assert Certificate.objects.filter(number="GONE").exists()


def test_another_producer_cannot_see_or_add_certificates(client_a, b_product):
    assert client_a.get(certificates_url(b_product)).status_code == 404
    response = client_a.post(certificates_url(b_product), {"kind": "fda"})
    assert response.status_code == 404
    assert not Certificate.objects.exists()


HOSTILE_SCANS = {
    "script": (
        "fda.pdf",
        PLAIN_PDF.replace(
            b"/Type /Catalog",
            b"/Type /Catalog /OpenAction << /S /J#61vaScript /JS (app.alert(1)) >>",
        ),
        "มีสคริปต์",
    ),
    "text_named_pdf": ("fda.pdf", b"just some text\n", "ไม่ใช่ PDF"),
    "pdf_named_jpg": ("fda.jpg", PLAIN_PDF, "ชื่อไฟล์ลงท้ายด้วย “.jpg”"),
    "truncated": ("fda.pdf", PLAIN_PDF[:60], "ไม่สมบูรณ์"),
    "png_bomb": ("bomb.png", None, "เกินขีดจำกัด 40 ล้านพิกเซลไปมาก"),
    "eleven_megabytes": ("large.pdf", PLAIN_PDF + b"0" * (11 * 1024 * 1024), "11.0 MB"),
}


@pytest.mark.parametrize("name", list(HOSTILE_SCANS))
def test_hostile_scans_are_form_errors(client_a, a_product, name):
    file_name, content, message = HOSTILE_SCANS[name]
    content = png_bomb() if content is None else content
    response = propose(client_a, a_product, scan=SimpleUploadedFile(file_name, content))
    assert response.status_code == 200
    assert message in response.content.decode().replace("\xa0", " ")
    assert not Certificate.objects.exists()


def test_a_photo_scan_is_stored_re_encoded(client_a, a_product):
    scan = SimpleUploadedFile("scan.jpeg", jpeg_bytes((3000, 2000)), "image/jpeg")
    assert propose(client_a, a_product, scan=scan).status_code == 302
    assert Certificate.objects.get().scan.name.endswith(".jpg")


def test_expired_or_backwards_dates_are_refused(client_a, a_product):
    yesterday = (timezone.localdate() - timedelta(1)).isoformat()
    response = propose(client_a, a_product, expires_on=yesterday)
    assert "หมดอายุแล้ว" in response.content.decode()
    response = propose(
        client_a, a_product, issued_on="2026-01-01", expires_on="2030-01-01"
    )
    assert response.status_code == 302
    Certificate.objects.all().delete()
    response = propose(client_a, a_product, issued_on="2031-01-01")
    assert "ก่อนวันที่ออก" in response.content.decode()


def test_the_desk_lists_certificates_expiring_within_60_days(
    staff_client, producer_a, a_product
):
    today = timezone.localdate()
    verified(producer_a[0], a_product, expires_on=today + timedelta(30), number="SOON")
    verified(producer_a[0], a_product, expires_on=today + timedelta(90), number="LATER")
    verified(producer_a[0], a_product, expires_on=today - timedelta(1), number="PAST")
    page = staff_client.get(DESK).content.decode()
    table = page[page.index('id="expiring-certificates"') :]
    table = table[: table.index("</table>")]
    assert "SOON" in table
    assert "LATER" not in table and "PAST" not in table
    assert "1 ใบรับรองจะหมดอายุภายใน 60 วัน" in table


def certificate_csv(producer, product) -> str:
    number = producer.registration_number
    return (
        "producer,product_code,standard,number,issuer,issued_on,expires_on\n"
        f"{number},{product.upc},มผช.,มผช. 12/2567,สมอ.,2567-01-15,2570-01-14\n"
        f"{number},,GMP,GMP-01,อย.,2024-01-01,\n"
        "OTOP-99-999999,,อย.,1,,,\n"
        f"{number},NO-SUCH-CODE,อย.,2,,,\n"
        f"{number},,ISO,3,,,\n"
        f"{number},,halal,4,,2025-13-01,\n"
        f"{number},,halal,5,,2025-01-01,2024-01-01\n"
    )


def test_certificates_import_from_csv_with_a_report(
    client, staff_client, producer_a, a_product
):
    csv_text = certificate_csv(producer_a[0], a_product)
    upload = SimpleUploadedFile("certificates.csv", csv_text.encode(), "text/csv")
    response = staff_client.post(f"{DESK}certificates/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "created: 2 certificates" in page
    assert "<td>4</td><td>unknown producer" in page
    assert "<td>5</td><td>unknown product" in page
    assert "<td>6</td><td>unknown standard" in page
    assert "<td>7</td><td>issued_on" in page
    assert "<td>8</td><td>expires_on" in page
    community = Certificate.objects.get(kind="community")
    assert community.expires_on == date(2027, 1, 14)
    assert community.status == Certificate.Status.VERIFIED
    assert Certificate.objects.get(kind="gmp").product is None
    shown = product_page(client, a_product)
    assert "มผช. 12/2567" in shown and "GMP-01" in shown

    not_csv = SimpleUploadedFile("x.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "text/csv")
    response = staff_client.post(f"{DESK}certificates/import/", {"file": not_csv})
    assert response.status_code == 200 and "binary file" in response.content.decode()


def test_the_import_command_reads_the_same_file_twice_without_change(
    tmp_path, producer_a, a_product
):
    path = tmp_path / "certificates.csv"
    path.write_text(certificate_csv(producer_a[0], a_product), encoding="utf-8-sig")
    out = StringIO()
    call_command("import_registry", certificates=str(path), stdout=out)
    assert "created: 2 certificates" in out.getvalue()
    assert "line 4: unknown producer 'OTOP-99-999999'" in out.getvalue()
    out = StringIO()
    call_command("import_registry", certificates=str(path), stdout=out)
    assert "unchanged: 2 certificates" in out.getvalue()
    assert Certificate.objects.count() == 2


def test_producers_cannot_import(client_a):
    upload = SimpleUploadedFile("c.csv", b"producer,standard,number\n", "text/csv")
    response = client_a.post(f"{DESK}certificates/import/", {"file": upload})
    assert response.status_code in (302, 403)
    assert not Certificate.objects.exists()
