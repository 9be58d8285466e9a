"""The worker of test_product_photos' memory test: a fresh Django process that sends
each given file through a producer's two photo forms (listing revision and Oscar's
product form) and prints, as JSON, its peak resident memory before and after.

Run as a script: `python photo_upload_worker.py FILE...` with DJANGO_SETTINGS_MODULE,
DATABASE_URL (a throw-away SQLite file) and MEDIA_ROOT set.
"""

import json
import sys
from pathlib import Path
from resource import RUSAGE_SELF, getrusage

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]


def memory_mb(field: str) -> float:
    """VmRSS (resident now) or VmHWM (resident at its peak) of this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def reset_peak() -> bool:
    """Start the peak (VmHWM) afresh, so that it measures the uploads alone."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def main(paths: list[Path]) -> dict:
    import django

    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    # Tables straight from the models: the migrations would take far longer than
    # the uploads, and nothing here depends on their data.
    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0)
    setup_test_environment()

    from oscar.core.loading import get_model

    from tests.producers.shop import (
        jpeg_bytes,
        make_producer,
        make_product,
        post_product_photo,
        post_revision_photo,
    )

    ProductImage = get_model("catalogue", "ProductImage")
    producer, member = make_producer("OTOP-50-000001", "กลุ่มทดสอบ", "", "m@x.example")
    rated = make_product(producer, "ผ้าไหม")
    unrated = make_product(producer, "ผ้าฝ้าย", rated=False)
    client = Client()
    client.force_login(member)

    # Warm up: code, templates and image plugins are loaded once, for any upload.
    post_revision_photo(client, rated, SimpleUploadedFile("ok.jpg", jpeg_bytes()))
    post_product_photo(client, unrated, SimpleUploadedFile("x.png", b"not an image"))
    stored = ProductImage.objects.count()
    peak_reset = reset_peak()
    before = memory_mb("VmRSS")

    statuses = {}
    for path in paths:
        for post, product in (
            (post_revision_photo, rated),
            (post_product_photo, unrated),
        ):
            response = post(
                client, product, SimpleUploadedFile(path.name, path.read_bytes())
            )
            statuses.setdefault(path.name, []).append(response.status_code)
    # Without a fresh peak, the process's all-time peak: an overstatement, never less.
    after = (
        memory_mb("VmHWM") if peak_reset else getrusage(RUSAGE_SELF).ru_maxrss / 1024
    )
    return {
        "resident_before_mb": round(before, 1),
        "peak_during_uploads_mb": round(after, 1),
        "growth_mb": round(after - before, 1),
        "peak_reset": peak_reset,
        "statuses": statuses,
        "stored_photos": ProductImage.objects.count() - stored,
    }


if __name__ == "__main__":
    print(json.dumps(main([Path(p) for p in sys.argv[1:]])))
