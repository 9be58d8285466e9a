"""python benchmarks/build_catalogue.py --products 100000: a large catalogue, fast.

Fills a database of its own (refused if it holds products it did not make) with the
demo generator's producers and products, written with bulk inserts (the same rows as
benchmarks/search_latency.py, without its search index), then runs VACUUM ANALYZE so
that PostgreSQL plans with real statistics. For benchmarks/pages.py at scale:

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
import time

from django.db import connection, transaction

from benchmarks.search_latency import Command as SearchLatency
from catalogue import content_version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=100_000)
    size = parser.parse_args().products
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
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )
    content_version.bump()
    print(f"{len(wanted)} products in {time.monotonic() - started:.0f} s, analysed")


if __name__ == "__main__":
    main()
