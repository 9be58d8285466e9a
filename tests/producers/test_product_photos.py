"""Product photo uploads, through the producer's real forms: hostile files are form
errors (never a 500, never stored), real photos are stored upright, scaled down and
without EXIF location, and the shop serves their thumbnails as WebP."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from oscar.core.loading import get_model

import pytest
from PIL import Image

from catalogue.images import MAX_SIDE
from catalogue.producers.models import ListingRevisionPhoto

from .hostile_photos import EXPECTED_ERRORS, write_all
from .shop import make_product, post_product_photo, post_revision_photo

ProductImage = get_model("catalogue", "ProductImage")

WORKER = Path(__file__).with_name("photo_upload_worker.py")
MEMORY_LIMIT_MB = 150


@pytest.fixture(scope="session")
def hostile_files(tmp_path_factory) -> dict[str, Path]:
    return write_all(tmp_path_factory.mktemp("hostile-photos"))


@pytest.fixture
def a_unrated(producer_a):
    return make_product(producer_a[0], "ผ้าฝ้ายย้อมคราม", rated=False)


def upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


@pytest.mark.parametrize("name", list(EXPECTED_ERRORS))
def test_hostile_uploads_are_form_errors(
    client_a, a_product, a_unrated, hostile_files, name
):
    file_name, message = EXPECTED_ERRORS[name]
    stored = ProductImage.objects.count()
    for post, product in (
        (post_revision_photo, a_product),
        (post_product_photo, a_unrated),
    ):
        response = post(client_a, product, upload(hostile_files[name]))
        assert response.status_code == 200, post.__name__
        page = response.content.decode().replace("\xa0", " ")
        assert message in page, (post.__name__, re.findall(r"error-block.*", page))
    assert ProductImage.objects.count() == stored
    assert not ListingRevisionPhoto.objects.exists()


def photo_with_gps(size=(4000, 3000)) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # taken with the phone turned: rotate 90° to show upright
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (18.0, 47.0, 12.0), 3: "E", 4: (99.0, 10.0, 30.0)}
    buffer = io.BytesIO()
    Image.new("RGB", size, (150, 80, 30)).save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue()


def test_a_phone_photo_is_stored_upright_scaled_down_and_without_location(
    client_a, a_unrated
):
    photo = SimpleUploadedFile("IMG_2041.JPG", photo_with_gps(), "image/jpeg")
    response = post_product_photo(client_a, a_unrated, photo)
    assert response.status_code == 302
    image = a_unrated.images.order_by("-pk").first()
    with Image.open(image.original.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (MAX_SIDE * 3 // 4, MAX_SIDE)  # upright: portrait now
        exif = stored.getexif()
        assert not exif.get_ifd(0x8825)  # no GPS
        assert 0x010F not in exif and 0x0112 not in exif
        assert b"Exif" not in Path(image.original.path).read_bytes()[:4096]


def test_a_transparent_png_stays_a_png(client_a, a_unrated):
    buffer = io.BytesIO()
    Image.new("RGBA", (600, 600), (0, 0, 0, 0)).save(buffer, "PNG")
    response = post_product_photo(
        client_a, a_unrated, SimpleUploadedFile("logo.png", buffer.getvalue())
    )
    assert response.status_code == 302
    image = a_unrated.images.order_by("-pk").first()
    assert image.original.name.endswith(".png")
    with Image.open(image.original.path) as stored:
        assert stored.mode == "RGBA"


def test_the_shop_serves_thumbnails_as_webp(client, a_product):
    page = client.get(a_product.get_absolute_url()).content.decode()
    thumbnails = re.findall(r'src="(/media/cache/[^"]+)"', page)
    assert thumbnails
    for url in thumbnails:
        assert url.endswith(".webp")
        with Image.open(
            Path(settings.MEDIA_ROOT) / url.removeprefix("/media/")
        ) as thumb:
            assert thumb.format == "WEBP"


def test_hostile_uploads_keep_the_worker_memory_growth_under_150_mb(
    hostile_files, tmp_path
):
    """Run the uploads through the real views in a fresh process and compare its peak
    resident memory before and after them."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = subprocess.run(
        [sys.executable, str(WORKER), *map(str, hostile_files.values())],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    print(json.dumps(report, indent=2, ensure_ascii=False))
    assert report["statuses"] == {
        path.name: [200, 200] for path in hostile_files.values()
    }
    assert report["stored_photos"] == 0
    assert report["growth_mb"] < MEMORY_LIMIT_MB


def test_an_animated_png_is_refused_as_animated(client_a, a_product):
    frames = [Image.new("RGB", (120, 90), (i * 40, 0, 0)) for i in range(6)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "PNG", save_all=True, append_images=frames[1:], duration=50)
    response = post_revision_photo(
        client_a, a_product, SimpleUploadedFile("spinner.png", buffer.getvalue())
    )
    assert response.status_code == 200
    assert "ไม่รับภาพเคลื่อนไหว" in response.content.decode()
    assert not ListingRevisionPhoto.objects.exists()
