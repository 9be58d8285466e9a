"""manage.py load_demo: a realistic demo shop (producers, products, ratings, photos, users).

Registry rows go through the same importer as `import_registry`. Idempotent: running it
again changes nothing.
"""

import random
import time
from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from oscar.core.loading import get_model

from catalogue.bulk import bulk_change, refresh_planner_statistics
from catalogue.producers.membership import join_producer
from catalogue.producers.staff import ensure_department_group
from catalogue.register import Producer
from catalogue.registry_import import ImportReport, import_opc, import_register
from demo.experiences import load_experiences
from demo.pages import load_village_demo
from demo.photos import draw_product_photo
from demo.registry import DemoTambon, build_registry_rows
from places.models import Tambon

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

# email, password, role; the README lists these.
DEMO_PASSWORD = "otop-demo-2026"
DEMO_USERS = [
    ("admin@otop.example", "Administrator", {"is_staff": True, "is_superuser": True}),
    ("staff@otop.example", "CDD staff", {"is_staff": True}),
    ("producer@otop.example", "Producer", {}),
    ("buyer@otop.example", "Buyer", {}),
]


def demo_tambons(seed: int, per_region: int) -> list[DemoTambon]:
    """A few tambons in many provinces of every region, chosen the same way every time."""
    rng = random.Random(seed)
    by_region = defaultdict(list)
    rows = Tambon.objects.select_related("district__province__region").order_by("code")
    for t in rows:
        by_region[t.district.province.region.name_en].append(t)
    chosen = []
    for region in sorted(by_region):
        for t in rng.sample(by_region[region], per_region):
            chosen.append(
                DemoTambon(
                    code=t.code,
                    name_th=t.name_th,
                    name_en=t.name_en,
                    district_th=t.district.name_th,
                    district_en=t.district.name_en,
                    province_th=t.district.province.name_th,
                    province_en=t.district.province.name_en,
                    region=region,
                )
            )
    return chosen


class Command(BaseCommand):
    help = (
        "Load a realistic demo shop: ≥300 producers, ≥1,500 products, photos, demo "
        "users, and village, KBO, story and fair pages in Thai and English."
    )

    def add_arguments(self, parser):
        parser.add_argument("--producers", type=int, default=320)
        parser.add_argument("--products", type=int, default=1600)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--no-photos", action="store_true", help="skip drawing photos"
        )

    def handle(self, *args, producers, products, seed, no_photos, **options):
        started = time.monotonic()
        if not Tambon.objects.exists():
            call_command("load_geography", stdout=self.stdout)
        # 20 tambons a region: several producers share a tambon, as in a real OTOP village.
        tambons = demo_tambons(seed, per_region=max(2, min(20, producers // 12)))
        register_rows, opc_rows = build_registry_rows(
            tambons, producers=producers, products=products, seed=seed
        )
        report = ImportReport()
        # The search index is brought up to date once, after the last row.
        with bulk_change():
            import_register(
                list(enumerate(register_rows, start=2)), report, self._progress
            )
            import_opc(list(enumerate(opc_rows, start=2)), report, self._progress)
        self.stdout.write(f"Registry: {report.summary()}")
        for line, reason in report.rejected:
            self.stdout.write(self.style.WARNING(f"  row {line}: {reason}"))

        if not no_photos:
            self._draw_photos(opc_rows)
        self._create_users()
        self._name_the_site()
        pages_started = time.monotonic()
        pages = load_village_demo(self.stdout.write)
        self.stdout.write(
            "Pages and images created: "
            + (", ".join(f"{n} {kind}" for kind, n in sorted(pages.items())) or "none")
            + f" ({time.monotonic() - pages_started:.0f} s)"
        )
        load_experiences(self.stdout.write, seed, demo_host=self._demo_producer())
        refresh_planner_statistics()
        self._report(time.monotonic() - started)

    def _name_the_site(self) -> None:
        """Oscar's own e-mails (password reset, alerts) link to Django's current Site:
        point it at SITE_URL's host instead of "example.com"."""
        site = Site.objects.get_current()
        site.domain, site.name = urlsplit(settings.SITE_URL).netloc, "OTOP"
        site.save()

    def _progress(self, done: int, total: int) -> None:
        if done % 500 == 0 or done == total:
            self.stdout.write(f"  {done}/{total} rows")

    def _draw_photos(self, opc_rows) -> None:
        category_of = {row["product_code"]: row["category"] for row in opc_rows}
        missing = Product.objects.filter(
            images__isnull=True, upc__in=category_of
        ).order_by("id")
        total = missing.count()
        for done, product in enumerate(missing.iterator(), start=1):
            photo = draw_product_photo(category_of[product.upc], seed=product.pk)
            ProductImage.objects.create(
                product=product,
                original=ContentFile(photo, name=f"{product.upc}.jpg"),
                caption=product.title_en,
                display_order=0,
            )
            if done % 250 == 0 or done == total:
                self.stdout.write(f"  photos {done}/{total}")

    @transaction.atomic
    def _create_users(self) -> None:
        User = get_user_model()
        for email, first_name, flags in DEMO_USERS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User(email=email, username=email, first_name=first_name, **flags)
                user.set_password(DEMO_PASSWORD)
                user.save()
        User.objects.get(email="staff@otop.example").groups.add(
            ensure_department_group()
        )
        producer = self._demo_producer()
        if producer:
            join_producer(User.objects.get(email="producer@otop.example"), producer)

    def _demo_producer(self) -> Producer | None:
        """The demo producer account works for the first active community group."""
        return (
            Producer.objects.registered()
            .filter(kind=Producer.Kind.COMMUNITY_GROUP)
            .order_by("id")
            .first()
        )

    def _report(self, seconds: float) -> None:
        listed = Product.objects.browsable().count()
        total = Product.objects.count()
        regions = (
            Producer.objects.values("tambon__district__province__region")
            .distinct()
            .count()
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo shop ready in {seconds:.0f} s: {Producer.objects.count()} producers "
                f"({Producer.objects.registered().count()} registered) in {regions} regions; "
                f"{total} products, {listed} listed, {total - listed} hidden by the OTOP rule; "
                f"{ProductImage.objects.count()} photos. Demo users' password: {DEMO_PASSWORD}"
            )
        )
