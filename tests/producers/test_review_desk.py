"""The review desk: one place for applications, listing changes, lapsing registrations
and OPC ratings (one product, a selection round, or a results file)."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogue.producers.models import ListingRevision
from catalogue.register import OpcRating, Producer

from .shop import make_order, make_producer, make_product

DESK = "/th/dashboard/review/"


def test_lapsing_registrations_are_listed_and_renewed(
    staff_client, producer_a, producer_b
):
    today = timezone.localdate()
    a, b = producer_a[0], producer_b[0]
    a.expires_on = today + timedelta(days=20)
    a.save()
    b.expires_on = today + timedelta(days=400)
    b.save()
    page = staff_client.get(DESK).content.decode()
    assert a.registration_number in page
    assert b.registration_number not in page

    response = staff_client.post(
        f"{DESK}registrations/{a.pk}/",
        {
            "status": "active",
            "expires_on": (today + timedelta(days=3 * 365)).isoformat(),
        },
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.expires_on == today + timedelta(days=3 * 365)
    assert a.registration_number not in staff_client.get(DESK).content.decode()


def test_stars_for_one_product_and_for_a_selection_round(staff_client, producer_a):
    producer = producer_a[0]
    first = make_product(producer, "ข้าวแต๋นน้ำแตงโม", rated=False, category="food")
    second = make_product(producer, "น้ำพริกหนุ่ม", rated=False, category="food")
    assert not first.is_eligible

    response = staff_client.post(
        f"{DESK}ratings/", {"products": [first.pk], "stars": "4", "year": "2568"}
    )
    assert response.status_code == 302
    assert [(r.stars, r.year) for r in first.opc_ratings.all()] == [(4, 2025)]
    del first.is_eligible
    assert first.is_eligible

    response = staff_client.post(
        f"{DESK}ratings/",
        {"products": [first.pk, second.pk], "stars": "5", "year": "2568"},
    )
    assert response.status_code == 302
    assert set(OpcRating.objects.values_list("product_id", "stars", "year")) == {
        (first.pk, 5, 2025),
        (second.pk, 5, 2025),
    }


def test_stars_out_of_range_or_a_year_before_opc_are_refused(staff_client, a_product):
    for data in ({"stars": "6", "year": "2568"}, {"stars": "3", "year": "2540"}):
        response = staff_client.post(
            f"{DESK}ratings/", {"products": [a_product.pk], **data}
        )
        assert response.status_code == 200
    assert list(a_product.opc_ratings.values_list("stars", "year")) == [(4, 2024)]


def test_a_selection_round_file_goes_through_the_registry_importer(
    staff_client, producer_a, a_product
):
    csv_text = (
        "product_code,product,producer,province,category,stars,year\n"
        f"{a_product.upc},ผ้าไหมมัดหมี่,{producer_a[0].registration_number},เชียงใหม่,textiles,5,2568\n"
        "X-1,ของปลอม,OTOP-99-999999,,textiles,5,2568\n"
    )
    upload = SimpleUploadedFile("opc-2568.csv", csv_text.encode(), "text/csv")
    response = staff_client.post(f"{DESK}ratings/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<td>3</td><td>unknown producer" in page
    assert a_product.opc_ratings.get(year=2025).stars == 5

    not_csv = SimpleUploadedFile("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "text/csv")
    response = staff_client.post(f"{DESK}ratings/import/", {"file": not_csv})
    assert "binary file" in response.content.decode()


def count_queries(client, url) -> int:
    # Once to warm the thumbnail store's cache (sorl looks a new photo up once).
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_desk_answers_in_a_fixed_number_of_queries(
    staff_client, client_a, producer_a
):
    """Ten times the applications, changes and lapsing producers: same query count."""

    def grow(n: int) -> None:
        soon = timezone.localdate() + timedelta(days=10)
        for i in range(n):
            producer, member = make_producer(
                f"OTOP-50-1{len(Producer.objects.all()):05d}",
                f"กลุ่ม {i}",
                "",
                f"m{i}-{n}@x.example",
            )
            Producer.objects.filter(pk=producer.pk).update(expires_on=soon)
            product = make_product(producer, f"สินค้า {i}")
            ListingRevision.objects.create(
                product=product, title=f"ใหม่ {i}", submitted_by=member
            )

    grow(2)
    small = count_queries(staff_client, DESK)
    grow(18)
    assert count_queries(staff_client, DESK) == small


def test_a_producers_lists_answer_in_a_fixed_number_of_queries(client_a, producer_a):
    def grow(n: int) -> None:
        for i in range(n):
            product = make_product(
                producer_a[0], f"ผ้าทอ {Producer.objects.count()}-{i}"
            )
            make_order(f"9{product.pk:05d}", [(product, 2)])

    grow(2)
    products, orders = (
        count_queries(client_a, "/th/dashboard/catalogue/"),
        count_queries(client_a, "/th/dashboard/orders/"),
    )
    grow(12)
    assert count_queries(client_a, "/th/dashboard/catalogue/") == products
    assert count_queries(client_a, "/th/dashboard/orders/") == orders
