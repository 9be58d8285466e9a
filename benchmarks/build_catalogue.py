"""python benchmarks/build_catalogue.py --products 100000: a large catalogue, fast.

Fills a database of its own (refused if it holds products it did not make) with the
demo generator's producers and products, written with bulk inserts (the same rows as
benchmarks/search_latency.py), builds their search index (products and producers,
`indexing.index_all`: on PostgreSQL one process a CPU), then runs VACUUM ANALYZE so
that PostgreSQL plans with real statistics; `--no-search-index` leaves the index out.
For benchmarks/pages.py at scale:

    createdb otop_100k && export DATABASE_URL=postgres://postgres@127.0.0.1:5432/otop_100k
    python manage.py migrate && python manage.py load_geography
    python benchmarks/build_catalogue.py --products 100000
    python benchmarks/pages.py --pages catalogue,category,product,producer,place
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.django_setup import setup  # noqa: I001  (Django must be set up first)

setup()

import argparse
import resource
import time

from django.db import connection, transaction

from benchmarks.search_latency import Command as SearchLatency
from catalogue import content_version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument(
        "--no-search-index",
        action="store_true",
        help="leave the search index out (catalogue rows only)",
    )
    args = parser.parse_args()
    size = args.products
    builder = SearchLatency()
    builder._refuse_real_data()
    started = time.monotonic()
    register, opc = builder._rows(size)
    products: dict[str, list] = {}
    for row in opc:
        products.setdefault(row["product_code"], []).append(row)
    wanted = list(products.items())[:size]
    needed = {rows[0]["producer"] for _code, rows in wanted}
    with transaction.atomic():
        producers = builder._producers(
            [r for r in register if r["registration_number"] in needed]
        )
        for start in range(0, len(wanted), 10_000):
            builder._products(wanted[start : start + 10_000], producers)
            print(f"  {min(start + 10_000, len(wanted))}/{len(wanted)} products")
    print(f"{len(wanted)} products in {time.monotonic() - started:.0f} s")
    analyse()  # the indexer's queries need the new rows' statistics
    if not args.no_search_index:
        index_everything()
        analyse()
    content_version.bump()
    print(f"Done in {time.monotonic() - started:.0f} s, analysed")


def analyse() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )


def index_everything() -> None:
    """Products and producers, as `manage.py rebuild_search_index` writes them."""
    from shop.search import indexing, vocabulary
    from shop.search.models import SearchDocument

    for kind in (SearchDocument.Kind.PRODUCT, SearchDocument.Kind.PRODUCER):
        started, cpu = time.monotonic(), _cpu_seconds()
        count = indexing.index_all(kind)
        print(
            f"  search index, {kind}: {count} documents in "
            f"{time.monotonic() - started:.0f} s wall, "
            f"{_cpu_seconds() - cpu:.0f} s CPU (this process and its workers)"
        )
    vocabulary.changed()


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


if __name__ == "__main__":
    main()
