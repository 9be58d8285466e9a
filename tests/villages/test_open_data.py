"""Open data at fixed addresses, read as a spreadsheet program or a GIS would: CSV files
in UTF-8 with a BOM whose header is the documented one, only eligible products, a
GeoJSON FeatureCollection of points inside Thailand, ETags that answer 304, and the
read-only JSON API."""

import csv
import io
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from catalogue import open_data
from catalogue.certificates import Certificate
from catalogue.register import Producer

from .conftest import rate, register

BOM = b"\xef\xbb\xbf"
# Thailand's bounding box, generously: longitude 97.3–105.7 E, latitude 5.6–20.5 N.
THAILAND = ((97.3, 105.7), (5.6, 20.5))


def read_csv(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith(BOM)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    return response, rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def documented_columns(client, file_name) -> list[str]:
    """The column names the open-data page lists for a file, in order."""
    page = client.get("/th/open-data/").content.decode()
    section = page[page.index(f'id="{file_name.replace(".", "")}"') :]
    section = section[: section.index("</section>")]
    return [part.split("</code>")[0] for part in section.split("<code>")[1:]]


def test_the_index_page_describes_every_file_in_both_languages(client, site):
    assert client.get("/open-data/").status_code == 302
    thai = client.get("/th/open-data/").content.decode()
    english = client.get("/en/open-data/").content.decode()
    for name in ("producers.csv", "products.csv", "villages.geojson", "kbo.csv"):
        assert f'href="/open-data/{name}"' in thai
        assert f'href="/open-data/{name}"' in english
    assert "CC BY 4.0" in thai and "GeoThai" in thai
    assert "GeoThai" in english and "Data last changed on" in english
    assert "ข้อมูลเปิด" in thai
    year_be = str(timezone.localdate().year + 543)
    assert year_be in thai  # when it was built, in the Buddhist Era
    assert documented_columns(client, "products.csv") == [
        c.name for c in open_data.PRODUCT_COLUMNS
    ]


def test_products_csv_holds_only_eligible_products_with_the_documented_header(
    client, site
):
    products = site["products"]
    Certificate.objects.create(
        producer=products["silk"].producer,
        product=products["silk"],
        kind="community",
        number="มผช. 12/2567",
        status="verified",
    )
    Certificate.objects.create(
        producer=products["silk"].producer,
        product=products["silk"],
        kind="fda",
        number="unverified",
    )
    _response, header, rows = read_csv(client, "/open-data/products.csv")
    assert header == documented_columns(client, "products.csv")
    by_title = {row["title_th"]: row for row in rows}
    assert set(by_title) == {"ผ้าไหมยกดอก", "ร่มกระดาษสา", "ผ้าบาติก"}
    silk = by_title["ผ้าไหมยกดอก"]
    assert silk["product_id"] == str(products["silk"].pk)
    assert (
        silk["producer_registration_number"]
        == products["silk"].producer.registration_number
    )
    assert (silk["stars"], silk["selection_year"]) == ("5", "2024")
    assert silk["price_thb"] == "1290.00"
    assert silk["certificates"] == "community:มผช. 12/2567:"
    assert silk["tambon_code"] == "501306"
    category = products["silk"].categories.get()
    assert (silk["category_th"], silk["category_en"]) == (
        category.name,
        category.name_en,
    )
    assert silk["url"] == f"http://testserver{products['silk'].get_absolute_url()}"
    assert client.get(silk["url"]).status_code == 200


def test_producers_csv_lists_the_register_with_its_kbo_network(client, site):
    register(site["places"]["on_tai"], "กลุ่มที่ยังรออนุมัติ", status="pending")
    _response, header, rows = read_csv(client, "/open-data/producers.csv")
    assert header == documented_columns(client, "producers.csv")
    by_name = {row["name_th"]: row for row in rows}
    assert "กลุ่มที่ยังรออนุมัติ" not in by_name
    weavers = by_name["กลุ่มทอผ้าบ้านออนใต้"]
    assert weavers["kbo_network"] == "เครือข่าย KBO เชียงใหม่"
    assert (weavers["province_th"], weavers["province_en"]) == (
        "เชียงใหม่",
        "Chiang Mai",
    )
    assert weavers["type"] == "community_group" and weavers["status"] == "active"
    assert by_name["กลุ่มที่หมดอายุ"]["status"] == "suspended"
    assert by_name["กลุ่มบาติกคอหงส์"]["kbo_network"] == ""
    assert client.get(weavers["url"]).status_code == 200


def test_kbo_csv_and_villages_geojson(client, site):
    _response, header, rows = read_csv(client, "/open-data/kbo.csv")
    assert header == documented_columns(client, "kbo.csv")
    assert [(r["province_code"], r["name_en"], r["members"]) for r in rows] == [
        ("50", "Chiang Mai KBO network", "1")
    ]

    response = client.get("/open-data/villages.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    (lon_min, lon_max), (lat_min, lat_max) = THAILAND
    assert lon_min <= lon <= lon_max and lat_min <= lat <= lat_max
    assert (lon, lat) == (99.15, 18.75)
    properties = feature["properties"]
    assert set(properties) == {c.name for c in documented_properties(client)}
    assert (properties["name_th"], properties["name_en"]) == ("บ้านออนใต้", "Ban On Tai")
    assert properties["tambon_code"] == "501306"
    assert client.get(properties["url_en"]).status_code == 200


def documented_properties(client):
    from villages.open_data import VILLAGE_PROPERTIES

    names = documented_columns(client, "villages.geojson")
    assert names == [c.name for c in VILLAGE_PROPERTIES]
    return VILLAGE_PROPERTIES


@pytest.mark.parametrize(
    "url", ["/open-data/products.csv", "/open-data/producers.csv", "/open-data/kbo.csv"]
)
def test_files_answer_304_until_the_data_changes(client, site, url):
    first = client.get(url)
    etag = first["ETag"]
    assert "public" in first["Cache-Control"] and "max-age" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""

    producer = site["producers"]["weavers"]
    if "kbo" in url:
        site["kbo"].save_revision().publish()
    elif "producers" in url:
        Producer.objects.filter(pk=producer.pk).update(name_en="Renamed weavers")
        producer.refresh_from_db()
        producer.save()
    else:
        rate(producer, "ผ้าไหมลายใหม่", "4")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_large_file_is_read_in_batches(client, site, monkeypatch):
    weavers = site["producers"]["weavers"]
    for n in range(5):
        rate(weavers, f"ผ้าทอลายที่ {n}", "4")
    monkeypatch.setattr(open_data, "BATCH", 2)
    response = client.get("/open-data/products.csv")
    with CaptureQueriesContext(connection) as queries:
        chunks = list(response.streaming_content)
    # 8 eligible products in batches of 2: a header chunk and four of rows, each
    # batch read with its own categories and certificates queries.
    assert len(chunks) == 5
    assert sum("catalogue_productcategory" in q["sql"] for q in queries) == 4
    assert b"".join(chunks).decode("utf-8-sig").count("\n") == 9


def test_the_json_api_pages_eligible_products_producers_and_villages(client, site):
    data = client.get("/api/v1/products/").json()
    assert data["count"] == 3
    assert {p["title_th"] for p in data["results"]} == {
        "ผ้าไหมยกดอก",
        "ร่มกระดาษสา",
        "ผ้าบาติก",
    }
    first = client.get("/api/v1/products/?page_size=1").json()
    assert len(first["results"]) == 1 and first["next"].endswith("page=2&page_size=1")
    assert client.get("/api/v1/products/?page=99").status_code == 404
    assert client.get("/api/v1/products/?page=abc").status_code == 404
    hidden = site["products"]["pot"]
    assert client.get(f"/api/v1/products/{hidden.pk}/").status_code == 404

    producers = client.get("/api/v1/producers/").json()
    assert producers["count"] == 5
    number = site["producers"]["weavers"].registration_number
    one = client.get(f"/api/v1/producers/{number}/").json()
    assert one["province_en"] == "Chiang Mai"

    villages = client.get("/api/v1/villages/?language=en").json()
    assert [v["name"] for v in villages["results"]] == ["Ban On Tai"]
    assert villages["results"][0]["longitude"] == 99.15

    pages = client.get("/api/v2/pages/?type=villages.VillagePage")
    assert pages.status_code == 200
    assert {p["title"] for p in pages.json()["items"]} == {"บ้านออนใต้", "Ban On Tai"}
    assert client.post("/api/v1/products/", {}).status_code == 405
