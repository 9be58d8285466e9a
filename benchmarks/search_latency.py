"""python benchmarks/search_latency.py: search latency (p50/p95) at growing catalogue sizes.

Run it against a database of its own, never a real one: it fills the database with
generated products (the demo generator's rows, written with bulk inserts for speed),
indexes them and times a mix of Thai, English, place, typo and filtered searches:

    createdb otop_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/otop_bench
    python manage.py migrate && python manage.py load_geography
    python benchmarks/search_latency.py --products 1000 --products 100000

A search is timed as the results page runs it: parse the words, count the facets
(and the total) and fetch the first page of 24; then, separately, with loading those
24 products for their cards (Oscar's product queryset, the same as every listing).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.django_setup import setup  # noqa: I001  (Django must be set up first)

import os

# The results page is timed rendered, never answered by the page cache.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
setup()

import random
import statistics
import time
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from oscar.core.loading import get_model

from catalogue.bulk import refresh_planner_statistics
from catalogue.categories import ensure_official_categories
from catalogue.register import BUDDHIST_ERA_OFFSET, OpcRating, Producer
from catalogue.registry_import import otop_product_class
from catalogue.slugs import thai_slugify
from demo.management.commands.load_demo import demo_tambons
from demo.registry import build_registry_rows
from places.models import Tambon
from shop.search import indexing
from shop.search.engine import Search
from shop.search.models import SearchDocument
from shop.search.query import parse
from shop.search.views import PRODUCTS_PER_PAGE, load_products

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

CODE_PREFIX = "BENCH-"
PRODUCTS_PER_PRODUCER = 5
SEED = 2026

# (words, filters, sort): what buyers do, Thai first.
SEARCHES = [
    ("ผ้าไหม", {}, "relevance"),
    ("ไหม", {}, "relevance"),
    ("ผ้าไหมมัดหมี่", {}, "relevance"),
    ("น้ำพริก", {}, "relevance"),
    ("ของฝาก เชียงใหม่", {}, "relevance"),
    ("ยาหม่องสมุนไพร", {}, "relevance"),
    ("สบู่", {"stars": 5}, "relevance"),
    ("กาแฟ ดอยสูง", {}, "price"),
    ("ผ้า", {}, "relevance"),
    ("ผ้า", {"region": "northeast"}, "-price"),
    ("ข้าวหอมมะลิ", {}, "newest"),
    ("ตะกร้า", {}, "stars"),
    ("อีสาน", {}, "relevance"),
    ("ผักตบ", {}, "relevance"),
    ("silk", {}, "relevance"),
    ("herbal balm", {}, "relevance"),
    ("chilli paste", {}, "relevance"),
    ("coffee", {"price": 2}, "relevance"),
    ("chiang mai", {}, "relevance"),
    ("hand woven cotton", {}, "relevance"),
    ("slik scarf", {}, "relevance"),
    ("tumeric soap", {}, "relevance"),
    ("durain", {}, "relevance"),
    ("mosquito repellent", {}, "relevance"),
    ("ผ้าไหม silk", {}, "relevance"),
    ("coffee เชียงราย", {}, "relevance"),
    ("", {"category": "textiles"}, "relevance"),
    ("", {"stars": 5, "region": "north"}, "newest"),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Print search latency p50/p95 at each catalogue size (a separate database!)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--products", type=int, action="append", help="catalogue sizes, ascending"
        )
        parser.add_argument(
            "--rounds", type=int, default=5, help="timed rounds per size"
        )
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="also time a full rebuild of the product index at the largest size",
        )

    def handle(self, *args, products=None, rounds=5, rebuild=False, **options):
        sizes = sorted(products or [1000, 100_000])
        self._refuse_real_data()
        if not Tambon.objects.exists():
            raise CommandError("No geography: run `manage.py load_geography` first.")
        db = connection.settings_dict
        self.stdout.write(f"Database: {connection.vendor} {db['NAME']}")
        rows = self._rows(sizes[-1])
        for size in sizes:
            self._grow(rows, size)
            self._sizes()
            self._measure(size, rounds)
        if rebuild:
            self._rebuild()
            self._sizes()
            self._measure(sizes[-1], rounds)

    def _rebuild(self) -> None:
        """The product index rewritten from scratch, as `rebuild_search_index` does."""
        started = time.monotonic()
        cpu = time.process_time()
        count = indexing.index_all(SearchDocument.Kind.PRODUCT)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE search_searchdocument")
                cursor.execute("VACUUM ANALYZE wagtailsearch_indexentry")
        self.stdout.write(
            f"\nFull rebuild of {count} product documents: "
            f"{time.monotonic() - started:.0f} s wall, "
            f"{time.process_time() - cpu:.0f} s CPU in this process"
        )

    def _sizes(self) -> None:
        """What the index takes on disk (PostgreSQL): the documents and the
        backend's entries, with their indexes and TOAST."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            sizes = []
            for table in (
                "search_searchdocument",
                "wagtailsearch_indexentry",
                "catalogue_product",
            ):
                cursor.execute("SELECT pg_total_relation_size(%s)", [table])
                sizes.append((table, cursor.fetchone()[0] / 2**20))
        index = sum(mb for table, mb in sizes if table != "catalogue_product")
        self.stdout.write(
            f"  index on disk: {index:.0f} MB ("
            + ", ".join(f"{t} {mb:.0f} MB" for t, mb in sizes)
            + ")"
        )

    def _refuse_real_data(self) -> None:
        if Product.objects.exclude(upc__startswith=CODE_PREFIX).exists():
            raise CommandError(
                "This database holds products that the benchmark did not make. Point "
                "DATABASE_URL at a database of its own (see --help)."
            )

    # --- the catalogue -----------------------------------------------------------

    def _rows(self, size: int):
        started = time.monotonic()
        per_region = max(2, min(400, size // 250))
        tambons = demo_tambons(SEED, per_region=per_region)
        register, opc = build_registry_rows(
            tambons,
            producers=max(1, size // PRODUCTS_PER_PRODUCER),
            products=size,
            seed=SEED,
        )
        self.stdout.write(
            f"Generated {len(register)} producers and {len(opc)} OPC rows for {size} "
            f"products in {time.monotonic() - started:.0f} s"
        )
        return register, opc

    def _grow(self, rows, size: int) -> None:
        have = Product.objects.count()
        if have >= size:
            self.stdout.write(f"\n{have} products already there")
            return
        register, opc = rows
        started = time.monotonic()
        products = {}
        for row in opc:
            products.setdefault(row["product_code"], []).append(row)
        wanted = list(products.items())[have:size]
        producers_needed = {rows[0]["producer"] for _code, rows in wanted}
        with transaction.atomic():
            producers = self._producers(
                [r for r in register if r["registration_number"] in producers_needed]
            )
            created = self._products(wanted, producers)
        # The planner must know the new rows before the indexer's queries join them:
        # without statistics (autovacuum may be off) it nests loops over tables it
        # believes empty, and indexing 100,000 products took over half an hour.
        refresh_planner_statistics()
        made = time.monotonic() - started
        started = time.monotonic()
        with transaction.atomic(), indexing.batch():
            indexing.index(SearchDocument.Kind.PRODUCT, created)
            indexing.index(
                SearchDocument.Kind.PRODUCER, {p.pk for p in producers.values()}
            )
        self.stdout.write(
            f"\nGrew the catalogue to {Product.objects.count()} products "
            f"({made:.0f} s) and indexed {len(created)} of them "
            f"({time.monotonic() - started:.0f} s)"
        )
        with connection.cursor() as cursor:
            # Fresh statistics, and on PostgreSQL the visibility map that index-only
            # scans need (autovacuum does both in a running shop).
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE")
            elif connection.vendor == "sqlite":
                cursor.execute("ANALYZE")

    def _producers(self, rows) -> dict[str, Producer]:
        existing = {
            p.registration_number: p
            for p in Producer.objects.filter(
                registration_number__in=[r["registration_number"] for r in rows]
            )
        }
        new_rows = [r for r in rows if r["registration_number"] not in existing]
        partners = Partner.objects.bulk_create(
            [
                Partner(
                    name=r["producer_name"][:128], code=r["registration_number"].lower()
                )
                for r in new_rows
            ]
        )
        producers = Producer.objects.bulk_create(
            [
                Producer(
                    registration_number=r["registration_number"],
                    kind=r["producer_type"],
                    name_th=r["producer_name"],
                    name_en=r["producer_name_en"],
                    tambon_id=r["tambon_code"],
                    village_name=r["village"],
                    moo=int(r["moo"]),
                    status=r["status"],
                    registered_on=r["registered_on"],
                    expires_on=r["expires_on"],
                    partner=partner,
                )
                for r, partner in zip(new_rows, partners, strict=True)
            ]
        )
        existing.update({p.registration_number: p for p in producers})
        return existing

    def _products(self, wanted, producers) -> list[int]:
        categories = ensure_official_categories()
        product_class = otop_product_class()
        latest = [max(rows, key=lambda r: r["year"]) for _code, rows in wanted]
        products = Product.objects.bulk_create(
            [
                Product(
                    upc=f"{CODE_PREFIX}{row['product_code']}",
                    title=row["product"],
                    title_en=row["product_en"],
                    slug=thai_slugify(f"{row['product']} {row['product_code']}")[:255],
                    description=row["description_th"],
                    description_en=row["description_en"],
                    producer=producers[row["producer"]],
                    product_class=product_class,
                    structure="standalone",
                    is_public=True,
                    weight_grams=int(row["weight_grams"]),
                )
                for row in latest
            ],
            batch_size=2000,
        )
        ProductCategory.objects.bulk_create(
            [
                ProductCategory(product=p, category=categories[row["category"]])
                for p, row in zip(products, latest, strict=True)
            ],
            batch_size=5000,
        )
        StockRecord.objects.bulk_create(
            [
                StockRecord(
                    product=p,
                    partner=p.producer.partner,
                    partner_sku=p.upc,
                    price=Decimal(row["price"]),
                    price_currency="THB",
                    num_in_stock=int(row["stock"]),
                )
                for p, row in zip(products, latest, strict=True)
            ],
            batch_size=5000,
        )
        OpcRating.objects.bulk_create(
            [
                OpcRating(
                    product=p,
                    stars=int(row["stars"]),
                    year=int(row["year"]) - BUDDHIST_ERA_OFFSET,
                )
                for p, (_code, rows) in zip(products, wanted, strict=True)
                for row in rows
                if row["stars"]
            ],
            batch_size=5000,
        )
        return [p.pk for p in products]

    # --- the measurement -----------------------------------------------------------

    def _measure(self, size: int, rounds: int) -> None:
        categories = ensure_official_categories()
        searches = [
            (
                words,
                {
                    k: (categories[v].pk if k == "category" else v)
                    for k, v in filters.items()
                },
                sort,
            )
            for words, filters, sort in SEARCHES
        ]
        listed = Product.objects.browsable().count()
        for search in searches:  # warm up: dictionaries, caches, connection
            self._search(*search)
        for kept, label in (
            (0, "every search matched, ranked and counted"),
            (
                settings.SEARCH_RESULTS_SECONDS or 3600,
                "repeated searches, results kept",
            ),
        ):
            with override_settings(SEARCH_RESULTS_SECONDS=kept):
                if kept:
                    for search in searches:  # keep each search's results once
                        self._search(*search)
                self.stdout.write(f"\n{size} products, {label}:")
                self._measure_searches(searches, size, listed, rounds)

    def _measure_searches(self, searches, size: int, listed: int, rounds: int) -> None:
        searched, loaded, per_search, sql_counts = [], [], {}, []
        rng = random.Random(SEED)
        for _round in range(rounds):
            order = searches[:]
            rng.shuffle(order)
            for search in order:
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    total, ids = self._search(*search)
                found = time.perf_counter()
                sql_counts.append(len(queries))
                products = load_products(ids)
                done = time.perf_counter()
                assert len(products) == len(ids), "an ineligible product was found"
                searched.append((found - started) * 1000)
                loaded.append((done - started) * 1000)
                label = search[0] or str(search[1])
                per_search.setdefault(label, []).append(
                    ((found - started) * 1000, total)
                )
        load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
        self.stdout.write(
            f"\n{size} products ({listed} listed), {len(searches)} searches x {rounds}"
            f" rounds on {connection.vendor} (load average {load} on {os.cpu_count()} CPUs):"
        )
        self.stdout.write(
            f"  SQL a search (words, facets, total, page): median "
            f"{statistics.median(sql_counts):.0f}, max {max(sql_counts)}"
        )
        for label, timings in (
            ("search (words, facets, total, page of 24)", searched),
            ("search + loading the 24 products", loaded),
        ):
            self.stdout.write(
                f"  {label:<44} p50 {statistics.median(timings):6.1f} ms   "
                f"p95 {percentile(timings, 0.95):6.1f} ms   "
                f"p99 {percentile(timings, 0.99):6.1f} ms   max {max(timings):6.1f} ms"
            )
        self._measure_pages(searches, rounds)
        slowest = sorted(
            per_search.items(), key=lambda kv: -statistics.median(t for t, _n in kv[1])
        )
        self.stdout.write("  slowest searches (median, results):")
        for words, runs in slowest[:6]:
            self.stdout.write(
                f"    {words!r}: {statistics.median(t for t, _n in runs):.1f} ms, "
                f"{runs[0][1]} results"
            )

    def _measure_pages(self, searches, rounds: int) -> None:
        """The whole results page (rendered with its cards, page cache off), one
        user, beside a floor: robots.txt through the same middleware and client."""
        client = Client()
        with translation.override("th"):
            url = reverse("search:search")
        floor_url = "/robots.txt"

        def params(words, filters, sort):
            return {
                "q": words,
                **{k: v for k, v in filters.items()},
                **({"sort": sort} if sort != "relevance" else {}),
            }

        for search in searches:  # warm up
            assert client.get(url, params(*search)).status_code == 200
        pages, floors, statements = [], [], []
        rng = random.Random(SEED + 1)
        for _round in range(rounds):
            order = searches[:]
            rng.shuffle(order)
            for search in order:
                started = time.perf_counter()
                client.get(floor_url)
                floors.append((time.perf_counter() - started) * 1000)
                reset_queries()
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url, params(*search))
                    pages.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
                statements.append(len(queries))
        p95, floor95 = percentile(pages, 0.95), percentile(floors, 0.95)
        self.stdout.write(
            f"  {'whole results page (rendered, 24 cards)':<44} p50 "
            f"{statistics.median(pages):6.1f} ms   p95 {p95:6.1f} ms   p99 "
            f"{percentile(pages, 0.99):6.1f} ms   (floor {floor_url} p50 "
            f"{statistics.median(floors):.1f} ms, p95 {floor95:.1f} ms; page p95 = "
            f"{p95 / floor95:.1f} x floor); SQL a page: median "
            f"{statistics.median(statements):.0f}, max {max(statements)}"
        )

    def _search(self, words: str, filters: dict, sort: str) -> tuple[int, list[int]]:
        search = Search(parse(words), SearchDocument.Kind.PRODUCT, filters, sort)
        found = search.results(0, PRODUCTS_PER_PAGE)
        return found.total, found.ids


if __name__ == "__main__":
    Command().run_from_argv(["search_latency.py", "search_latency", *sys.argv[1:]])
